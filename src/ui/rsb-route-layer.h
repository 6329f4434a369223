/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

#define RSB_TYPE_ROUTE_LAYER (rsb_route_layer_get_type ())
G_DECLARE_FINAL_TYPE (RsbRouteLayer, rsb_route_layer, RSB, ROUTE_LAYER, ShumateLayer)

RsbRouteLayer *rsb_route_layer_new              (ShumateViewport   *viewport);
void           rsb_route_layer_set_route        (RsbRouteLayer     *self,
                                                 const RsbActivity *activity,
                                                 GArray            *colours);
guint          rsb_route_layer_get_n_segments   (RsbRouteLayer     *self);
int            rsb_route_layer_get_selected     (RsbRouteLayer     *self);
void           rsb_route_layer_set_selected     (RsbRouteLayer     *self,
                                                 int                segment);
gboolean       rsb_route_layer_get_simplify     (RsbRouteLayer     *self);
void           rsb_route_layer_set_simplify     (RsbRouteLayer     *self,
                                                 gboolean           simplify);

gboolean       rsb_route_layer_has_position     (RsbRouteLayer     *self,
                                                 guint              point);
gboolean       rsb_route_layer_point_position   (RsbRouteLayer     *self,
                                                 GtkWidget         *widget,
                                                 guint              point,
                                                 double            *x,
                                                 double            *y);
gboolean       rsb_route_layer_segment_rect     (RsbRouteLayer     *self,
                                                 GtkWidget         *widget,
                                                 guint              segment,
                                                 graphene_rect_t   *rect);
gboolean       rsb_route_layer_segment_extent   (RsbRouteLayer     *self,
                                                 guint              segment,
                                                 double            *min_x,
                                                 double            *min_y,
                                                 double            *max_x,
                                                 double            *max_y);
int            rsb_route_layer_hit_test         (RsbRouteLayer     *self,
                                                 GtkWidget         *widget,
                                                 double             x,
                                                 double             y);

guint          rsb_route_layer_get_n_drawn_points (RsbRouteLayer   *self);
guint          rsb_route_layer_simplified_points (RsbRouteLayer    *self,
                                                 guint              segment,
                                                 int                zoom_level,
                                                 guint             *first,
                                                 guint             *last);

G_END_DECLS
