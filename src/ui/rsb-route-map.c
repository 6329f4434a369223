/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-route-map.c: the route on a map, with a dot where the chart
 * points, a marker where a replay stands, and clicks that select a
 * song's stretch.
 *
 * The drawing and the hit-testing are the route layer's
 * (rsb-route-layer.c); the map keeps the route fitted to the window
 * until the user moves it, brings a selected stretch into view, and
 * while "follow" is on, pans smoothly to keep the replay in view until
 * the user drags the map.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-units-setting.h"
#include "rsb-route-map.h"
#include "rsb-geo.h"
#include "rsb-route-layer.h"
#include "rsb-tile-source.h"

#define FIT_PADDING_PX        48.0
#define REVEAL_PADDING_PX     24.0
#define REVEAL_DURATION_MS    350
/* Following a replay, the map pans once the marker leaves the middle
 * of the view (this share of each side is the margin), and glides to
 * centre where the marker was then, with this time constant. A glide
 * to a fixed place ends; chasing the moving marker would pan, and
 * redraw the whole map, every frame of the replay. */
#define FOLLOW_MARGIN         0.2
#define FOLLOW_EASING_S       0.3

struct _RsbRouteMap
{
  GtkWidget           parent_instance;
  ShumateSimpleMap   *map;
  RsbRouteLayer      *layer;
  ShumateMarkerLayer *marker_layer;
  ShumateMarker      *marker;
  ShumateMarker      *replay_marker;
  const RsbActivity  *activity;   /* borrowed from the activity view */
  int                 shown_point;

  /* Following the replay: where it stands, and the panning under way. */
  gboolean            follow;
  double              replay_lat;
  double              replay_lon;
  double              glide_lat;    /* where the glide under way is going */
  double              glide_lon;
  guint               follow_tick;
  gint64              follow_frame_us;
  double              press_x;      /* where the last press was, and the pointer since */
  double              press_y;
  double              pointer_x;
  double              pointer_y;

  /* Keep the route fitted through window resizes until the user pans or
   * zooms: after that, the view is theirs. */
  gboolean            keep_fitted;
  int                 fitted_width;
  int                 fitted_height;
};

G_DEFINE_FINAL_TYPE (RsbRouteMap, rsb_route_map, GTK_TYPE_WIDGET)

enum { SEGMENT_CLICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_FOLLOW, N_PROPS };
static GParamSpec *properties[N_PROPS];

ShumateViewport *
rsb_route_map_get_viewport (RsbRouteMap *self)
{
  return shumate_simple_map_get_viewport (self->map);
}

/* The shared tile source says when the tiles a map holds are stale: a
 * new template in Preferences, or the server back after an outage. */
static void
on_tiles_reset (RsbRouteMap *self)
{
  g_autoptr(ShumateMapSource) source = NULL;

  if (self->map == NULL)
    return;
  source = rsb_tile_source_new_map_source (rsb_tile_source_get_default ());
  shumate_simple_map_set_map_source (self->map, source);
}

static void
fit_to_route (RsbRouteMap *self,
              int          widget_width,
              int          widget_height)
{
  const RsbActivityInfo *info = self->activity->info;
  ShumateViewport *viewport = rsb_route_map_get_viewport (self);
  double width = widget_width - 2 * FIT_PADDING_PX;
  double height = widget_height - 2 * FIT_PADDING_PX;
  double x0, y0, x1, y1, zoom;

  if (isnan (info->min_lat) || width <= 0 || height <= 0)
    return;
  rsb_geo_mercator (info->min_lat, info->min_lon, &x0, &y1);
  rsb_geo_mercator (info->max_lat, info->max_lon, &x1, &y0);
  zoom = log2 (MIN (width / MAX (x1 - x0, 1e-9), height / MAX (y1 - y0, 1e-9)));
  zoom = CLAMP (floor (zoom * 4) / 4, 2.0, 18.0);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 (info->min_lat + info->max_lat) / 2,
                                 (info->min_lon + info->max_lon) / 2);
  self->fitted_width = widget_width;
  self->fitted_height = widget_height;
}

/* Rebuilds the route for the activity's current segments (after a
 * clock offset change, say) without moving the view. */
void
rsb_route_map_update_segments (RsbRouteMap *self,
                               GArray      *colours)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  rsb_route_layer_set_route (self->layer, self->activity, colours);
}

/* activity and colours are borrowed until the next call. */
void
rsb_route_map_set_activity (RsbRouteMap       *self,
                            const RsbActivity *activity,
                            GArray            *colours)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  rsb_route_map_show_position (self, -1);
  self->activity = activity;
  rsb_route_map_update_segments (self, colours);
  if (rsb_route_layer_get_n_segments (self->layer) == 0)
    return;
  self->keep_fitted = TRUE;
  fit_to_route (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

void
rsb_route_map_select (RsbRouteMap *self,
                      int          segment)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  rsb_route_layer_set_selected (self->layer, segment);
}

gboolean
rsb_route_map_segment_is_visible (RsbRouteMap *self,
                                  guint        segment)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t r;

  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), FALSE);
  if (!rsb_route_layer_segment_rect (self->layer, GTK_WIDGET (self), segment, &r))
    return FALSE;
  return r.origin.x >= 0 && r.origin.y >= 0 &&
         r.origin.x + r.size.width <= width && r.origin.y + r.size.height <= height;
}

/* Brings a segment into view when it is not wholly in it: centred on
 * it, zoomed out only as far as it needs to fit. */
void
rsb_route_map_reveal_segment (RsbRouteMap *self,
                              guint        segment)
{
  ShumateViewport *viewport = rsb_route_map_get_viewport (self);
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * REVEAL_PADDING_PX;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * REVEAL_PADDING_PX;
  double min_x, min_y, max_x, max_y;
  double lat, lon, zoom, fit;

  g_return_if_fail (RSB_IS_ROUTE_MAP (self));
  if (segment >= rsb_route_layer_get_n_segments (self->layer) || width <= 0 || height <= 0 ||
      rsb_route_map_segment_is_visible (self, segment))
    return;
  if (!rsb_route_layer_segment_extent (self->layer, segment, &min_x, &min_y, &max_x, &max_y))
    return;
  rsb_geo_inverse_mercator ((min_x + max_x) / 2, (min_y + max_y) / 2, &lat, &lon);
  zoom = shumate_viewport_get_zoom_level (viewport);
  fit = log2 (MIN (width / MAX (max_x - min_x, 1e-9),
                   height / MAX (max_y - min_y, 1e-9)));
  zoom = CLAMP (MIN (zoom, floor (fit * 4) / 4), 2.0, 18.0);
  self->keep_fitted = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    shumate_map_go_to_full_with_duration (shumate_simple_map_get_map (self->map), lat, lon, zoom,
                                          REVEAL_DURATION_MS);
  else
    {
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
    }
}

/* Widget coordinates of a route point, as the map currently shows it. */
gboolean
rsb_route_map_point_position (RsbRouteMap *self,
                              guint        point,
                              double      *x,
                              double      *y)
{
  return rsb_route_layer_point_position (self->layer, GTK_WIDGET (self), point, x, y);
}

/* The segment drawn nearest to (x, y) within a finger's tolerance, or -1. */
int
rsb_route_map_hit_test (RsbRouteMap *self,
                        double       x,
                        double       y)
{
  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), -1);
  return rsb_route_layer_hit_test (self->layer, GTK_WIDGET (self), x, y);
}

/* The replay's marker is well inside the view. */
static gboolean
replay_in_middle (RsbRouteMap *self)
{
  ShumateViewport *viewport = rsb_route_map_get_viewport (self);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double x, y;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map),
                                              self->replay_lat, self->replay_lon, &x, &y);
  return x >= width * FOLLOW_MARGIN && x <= width * (1 - FOLLOW_MARGIN) &&
         y >= height * FOLLOW_MARGIN && y <= height * (1 - FOLLOW_MARGIN);
}

/* Each frame of a glide, the centre closes part of its distance to its
 * end, by the frame's duration: smooth at any frame rate. */
static gboolean
follow_step (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       data)
{
  RsbRouteMap *self = RSB_ROUTE_MAP (widget);
  ShumateViewport *viewport = rsb_route_map_get_viewport (self);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double dt = self->follow_frame_us ? (now - self->follow_frame_us) / (double) G_USEC_PER_SEC : 1.0 / 60;
  double share = 1 - exp (-MAX (dt, 0) / FOLLOW_EASING_S);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double cx, cy, mx, my;

  self->follow_frame_us = now;
  rsb_geo_mercator (lat, lon, &cx, &cy);
  rsb_geo_mercator (self->glide_lat, self->glide_lon, &mx, &my);
  /* Within half a pixel: done until the marker strays again. */
  if (!self->follow || hypot (mx - cx, my - cy) * exp2 (shumate_viewport_get_zoom_level (viewport)) < 0.5)
    {
      self->follow_tick = 0;
      self->follow_frame_us = 0;
      return G_SOURCE_REMOVE;
    }
  rsb_geo_inverse_mercator (cx + (mx - cx) * share, cy + (my - cy) * share, &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  return G_SOURCE_CONTINUE;
}

static void
follow_replay (RsbRouteMap *self)
{
  if (!self->follow || !gtk_widget_get_visible (GTK_WIDGET (self->replay_marker)) ||
      self->follow_tick != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) || replay_in_middle (self))
    return;
  self->keep_fitted = FALSE;
  self->follow_frame_us = 0;
  self->glide_lat = self->replay_lat;
  self->glide_lon = self->replay_lon;
  self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_step, NULL, NULL);
}

/* The replay's marker, where the replay stands; shown FALSE hides it. */
void
rsb_route_map_show_replay (RsbRouteMap *self,
                           gboolean     shown,
                           double       lat,
                           double       lon)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  gtk_widget_set_visible (GTK_WIDGET (self->replay_marker), shown);
  if (!shown)
    return;
  self->replay_lat = lat;
  self->replay_lon = lon;
  shumate_location_set_location (SHUMATE_LOCATION (self->replay_marker), lat, lon);
  follow_replay (self);
}

gboolean
rsb_route_map_get_follow (RsbRouteMap *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), FALSE);
  return self->follow;
}

void
rsb_route_map_set_follow (RsbRouteMap *self,
                          gboolean     follow)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  follow = !!follow;
  if (follow == self->follow)
    return;
  self->follow = follow;
  if (follow)
    follow_replay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
}

/* A dot on the route at one point (from hovering the profile chart);
 * -1 hides it. */
void
rsb_route_map_show_position (RsbRouteMap *self,
                             int          point)
{
  const RsbStreams *streams;

  g_return_if_fail (RSB_IS_ROUTE_MAP (self));
  if (point < 0 || !rsb_route_layer_has_position (self->layer, point))
    {
      self->shown_point = -1;
      gtk_widget_set_visible (GTK_WIDGET (self->marker), FALSE);
      return;
    }
  streams = self->activity->streams;
  self->shown_point = point;
  shumate_location_set_location (SHUMATE_LOCATION (self->marker),
                                 streams->columns[RSB_STREAM_LAT][point],
                                 streams->columns[RSB_STREAM_LON][point]);
  gtk_widget_set_visible (GTK_WIDGET (self->marker), TRUE);
}

int
rsb_route_map_get_shown_position (RsbRouteMap *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), -1);
  return self->shown_point;
}

void
rsb_route_map_set_simplify (RsbRouteMap *self,
                            gboolean     simplify)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));
  rsb_route_layer_set_simplify (self->layer, simplify);
}

guint
rsb_route_map_get_n_drawn_points (RsbRouteMap *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), 0);
  return rsb_route_layer_get_n_drawn_points (self->layer);
}

guint
rsb_route_map_simplified_points (RsbRouteMap *self,
                                 guint        segment,
                                 int          zoom_level,
                                 guint       *first,
                                 guint       *last)
{
  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), 0);
  return rsb_route_layer_simplified_points (self->layer, segment, zoom_level, first, last);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  RsbRouteMap     *self)
{
  self->keep_fitted = FALSE;
  self->press_x = self->pointer_x = x;
  self->press_y = self->pointer_y = y;
}

static void
on_pointer_motion (GtkEventControllerMotion *motion,
                   double                    x,
                   double                    y,
                   RsbRouteMap              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           RsbRouteMap              *self)
{
  self->keep_fitted = FALSE;
  return FALSE;
}

/* The click gesture stops when a press becomes a drag, and also when a
 * plain click's wait for a second click ends: only a pointer that moved
 * past the drag threshold means the person is moving the map. */
static void
on_click_stopped (GtkGestureClick *gesture,
                  RsbRouteMap     *self)
{
  if (gtk_drag_check_threshold (GTK_WIDGET (self), (int) self->press_x, (int) self->press_y,
                                (int) self->pointer_x, (int) self->pointer_y))
    rsb_route_map_set_follow (self, FALSE);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RsbRouteMap     *self)
{
  int hit;

  if (n_press != 1)
    return;
  hit = rsb_route_map_hit_test (self, x, y);
  if (hit >= 0)
    g_signal_emit (self, signals[SEGMENT_CLICKED], 0, (guint) hit);
}

static void
rsb_route_map_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  RsbRouteMap *self = RSB_ROUTE_MAP (widget);

  /* Before allocating the map: moving the viewport afterwards would
   * leave it to draw with a stale allocation. */
  if (self->keep_fitted && self->activity != NULL &&
      (width != self->fitted_width || height != self->fitted_height))
    fit_to_route (self, width, height);
  gtk_widget_allocate (GTK_WIDGET (self->map), width, height, baseline, NULL);
}

static void
rsb_route_map_dispose (GObject *object)
{
  RsbRouteMap *self = RSB_ROUTE_MAP (object);

  if (self->follow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_tick);
  self->follow_tick = 0;
  self->layer = NULL;
  self->marker_layer = NULL;
  self->marker = NULL;
  self->replay_marker = NULL;
  g_clear_pointer ((GtkWidget **) &self->map, gtk_widget_unparent);
  G_OBJECT_CLASS (rsb_route_map_parent_class)->dispose (object);
}

static void
rsb_route_map_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RsbRouteMap *self = RSB_ROUTE_MAP (widget);

  gtk_widget_measure (GTK_WIDGET (self->map), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  *natural = MAX (*natural, 400);
}

static void
rsb_route_map_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FOLLOW:
      g_value_set_boolean (value, RSB_ROUTE_MAP (object)->follow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_route_map_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FOLLOW:
      rsb_route_map_set_follow (RSB_ROUTE_MAP (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_route_map_class_init (RsbRouteMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rsb_route_map_get_property;
  object_class->set_property = rsb_route_map_set_property;
  object_class->dispose = rsb_route_map_dispose;
  widget_class->size_allocate = rsb_route_map_size_allocate;
  widget_class->measure = rsb_route_map_measure;

  signals[SEGMENT_CLICKED] = g_signal_new ("segment-clicked", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);
  /* Keep the replay's marker in view; a drag of the map turns it off. */
  properties[PROP_FOLLOW] =
    g_param_spec_boolean ("follow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "routemap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_layers (RsbRouteMap *self)
{
  ShumateViewport *viewport = rsb_route_map_get_viewport (self);
  GtkWidget *dot = gtk_image_new ();

  self->layer = rsb_route_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->layer));

  self->marker_layer = shumate_marker_layer_new (viewport);
  self->marker = shumate_marker_new ();
  gtk_widget_add_css_class (dot, "route-position");
  shumate_marker_set_child (self->marker, dot);
  gtk_widget_set_can_target (GTK_WIDGET (self->marker), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->marker), FALSE);
  shumate_marker_layer_add_marker (self->marker_layer, self->marker);
  self->replay_marker = shumate_marker_new ();
  dot = gtk_image_new ();
  gtk_widget_add_css_class (dot, "replay-position");
  shumate_marker_set_child (self->replay_marker, dot);
  gtk_widget_set_can_target (GTK_WIDGET (self->replay_marker), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_marker), FALSE);
  shumate_marker_layer_add_marker (self->marker_layer, self->replay_marker);
  gtk_widget_set_can_target (GTK_WIDGET (self->marker_layer), FALSE);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->marker_layer));
}

static void
rsb_route_map_init (RsbRouteMap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  g_autoptr(ShumateMapSource) source = rsb_tile_source_new_map_source (rsb_tile_source_get_default ());

  self->shown_point = -1;

  self->map = shumate_simple_map_new ();
  rsb_units_bind_scale (shumate_simple_map_get_scale (self->map));
  shumate_simple_map_set_map_source (self->map, source);
  g_signal_connect_object (rsb_tile_source_get_default (), "reset",
                           G_CALLBACK (on_tiles_reset), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (self->map), GTK_WIDGET (self));
  add_layers (self);

  /* Capture phase: the map's own gestures would otherwise take the
   * press. A press that turns into a drag cancels the click, so panning
   * never selects a song. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  g_signal_connect (click, "stopped", G_CALLBACK (on_click_stopped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* Capture phase too: the map's own drag takes the motion once it starts. */
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Route map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The route coloured by the song that was playing; click a stretch to see its song"),
                                  -1);
}
