/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

#define RSB_TYPE_ROUTE_MAP (rsb_route_map_get_type ())
G_DECLARE_FINAL_TYPE (RsbRouteMap, rsb_route_map, RSB, ROUTE_MAP, GtkWidget)

void             rsb_route_map_set_activity (RsbRouteMap       *self,
                                             const RsbActivity *activity,
                                             GArray            *colours);
void             rsb_route_map_update_segments (RsbRouteMap    *self,
                                             GArray            *colours);
void             rsb_route_map_select       (RsbRouteMap       *self,
                                             int                segment);
void             rsb_route_map_reveal_segment (RsbRouteMap     *self,
                                             guint              segment);
gboolean         rsb_route_map_segment_is_visible (RsbRouteMap *self,
                                             guint              segment);
int              rsb_route_map_hit_test     (RsbRouteMap       *self,
                                             double             x,
                                             double             y);
gboolean         rsb_route_map_point_position (RsbRouteMap     *self,
                                             guint              point,
                                             double            *x,
                                             double            *y);
void             rsb_route_map_show_position (RsbRouteMap      *self,
                                             int                point);
int              rsb_route_map_get_shown_position (RsbRouteMap *self);
void             rsb_route_map_show_replay  (RsbRouteMap       *self,
                                             gboolean           shown,
                                             double             lat,
                                             double             lon);
gboolean         rsb_route_map_get_follow   (RsbRouteMap       *self);
void             rsb_route_map_set_follow   (RsbRouteMap       *self,
                                             gboolean           follow);
ShumateViewport *rsb_route_map_get_viewport (RsbRouteMap       *self);

/* For tests and benchmarks: draw every recorded point instead of the
 * paths simplified for the zoom level, and what the last frame drew. */
void             rsb_route_map_set_simplify (RsbRouteMap       *self,
                                             gboolean           simplify);
guint            rsb_route_map_get_n_drawn_points (RsbRouteMap *self);
guint            rsb_route_map_simplified_points (RsbRouteMap  *self,
                                             guint              segment,
                                             int                zoom_level,
                                             guint             *first,
                                             guint             *last);

G_END_DECLS
