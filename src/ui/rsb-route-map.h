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
int              rsb_route_map_hit_test     (RsbRouteMap       *self,
                                             double             x,
                                             double             y);
gboolean         rsb_route_map_point_position (RsbRouteMap     *self,
                                             guint              point,
                                             double            *x,
                                             double            *y);
ShumateViewport *rsb_route_map_get_viewport (RsbRouteMap       *self);

G_END_DECLS
