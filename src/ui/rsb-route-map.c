/* rsb-route-map.c: the route on a map, one path layer per segment.
 *
 * libshumate has no click signal for paths, so clicks are hit-tested
 * here against the segments projected to widget coordinates.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-route-map.h"
#include "rsb-geo.h"
#include "rsb-tile-source.h"

#define STROKE_WIDTH          5.0
#define SELECTED_STROKE_WIDTH 8.0
#define DIMMED_ALPHA          0.35
#define HIT_TOLERANCE_PX      12.0
#define FIT_PADDING_PX        48.0
#define TILE_SIZE             256.0
#define OSM_LICENSE           "Map data © OpenStreetMap contributors"
#define OSM_LICENSE_URI       "https://www.openstreetmap.org/copyright"

struct _RsbRouteMap
{
  GtkWidget          parent_instance;
  ShumateSimpleMap  *map;
  GPtrArray         *layers;     /* ShumatePathLayer per segment */
  const RsbActivity *activity;   /* borrowed from the activity view */
  GArray            *colours;    /* GdkRGBA per segment */
  int                selected;
  /* Keep the route fitted through window resizes until the user pans or
   * zooms: after that, the view is theirs. */
  gboolean           keep_fitted;
  int                fitted_width;
  int                fitted_height;
};

G_DEFINE_FINAL_TYPE (RsbRouteMap, rsb_route_map, GTK_TYPE_WIDGET)

enum { SEGMENT_CLICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

ShumateViewport *
rsb_route_map_get_viewport (RsbRouteMap *self)
{
  return shumate_simple_map_get_viewport (self->map);
}

static char *
tile_url_template (void)
{
  const char *url = g_getenv ("RSB_TILE_URL");
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *setting = NULL;

  if (url != NULL && *url != '\0')
    return g_strdup (url);
  settings = g_settings_new (APP_ID);
  setting = g_settings_get_string (settings, "tile-url");
  if (*setting != '\0')
    return g_steal_pointer (&setting);
  return g_strdup (DEFAULT_TILE_URL);
}

static ShumateMapSource *
create_map_source (void)
{
  g_autofree char *url = tile_url_template ();
  g_autoptr(RsbTileSource) tiles = rsb_tile_source_new (url);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    "rsb-tiles", _("Map"), OSM_LICENSE, OSM_LICENSE_URI,
    0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR, SHUMATE_DATA_SOURCE (tiles)));
}

/* Web Mercator at zoom 0, in tile pixels. */
static void
mercator (double  lat,
          double  lon,
          double *x,
          double *y)
{
  double s = sin (lat * G_PI / 180.0);

  *x = (lon + 180.0) / 360.0 * TILE_SIZE;
  *y = (0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI)) * TILE_SIZE;
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
  mercator (info->min_lat, info->min_lon, &x0, &y1);
  mercator (info->max_lat, info->max_lon, &x1, &y0);
  zoom = log2 (MIN (width / MAX (x1 - x0, 1e-9), height / MAX (y1 - y0, 1e-9)));
  zoom = CLAMP (floor (zoom * 4) / 4, 2.0, 18.0);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 (info->min_lat + info->max_lat) / 2,
                                 (info->min_lon + info->max_lon) / 2);
  self->fitted_width = widget_width;
  self->fitted_height = widget_height;
}

static void
style_layer (RsbRouteMap *self,
             guint        i)
{
  ShumatePathLayer *layer = g_ptr_array_index (self->layers, i);
  GdkRGBA colour = g_array_index (self->colours, GdkRGBA, i);
  GdkRGBA outline = { 1, 1, 1, 0.9 };
  gboolean selected = (int) i == self->selected;

  if (self->selected >= 0 && !selected)
    colour.alpha = outline.alpha = DIMMED_ALPHA;
  shumate_path_layer_set_stroke_color (layer, &colour);
  shumate_path_layer_set_outline_color (layer, &outline);
  shumate_path_layer_set_stroke_width (layer, selected ? SELECTED_STROKE_WIDTH : STROKE_WIDTH);
  shumate_path_layer_set_outline_width (layer, selected ? 2.5 : 1.0);
}

static GList *
no_music_dash (void)
{
  GList *dash = NULL;

  /* libshumate reads whole pixel lengths from the list's data pointers. */
  dash = g_list_append (dash, GUINT_TO_POINTER (6));
  dash = g_list_append (dash, GUINT_TO_POINTER (6));
  return dash;
}

static gboolean
point_has_position (const RsbStreams *streams,
                    guint             i)
{
  return !isnan (streams->columns[RSB_STREAM_LAT][i]) && !isnan (streams->columns[RSB_STREAM_LON][i]);
}

/* A segment's path runs to the next segment's first point so the route
 * has no gaps between colours. */
static ShumatePathLayer *
build_layer (RsbRouteMap      *self,
             const RsbSegment *segment)
{
  const RsbStreams *streams = self->activity->streams;
  /* Layers are widgets: keep our own reference across the removals and
   * re-additions that restack them. */
  ShumatePathLayer *layer = g_object_ref_sink (shumate_path_layer_new (rsb_route_map_get_viewport (self)));
  guint end = MIN (segment->last_point + 1, streams->n_points - 1);

  for (guint i = segment->first_point; i <= end; i++)
    {
      if (point_has_position (streams, i))
        shumate_path_layer_add_node (layer, SHUMATE_LOCATION (shumate_coordinate_new_full (
          streams->columns[RSB_STREAM_LAT][i], streams->columns[RSB_STREAM_LON][i])));
    }
  if (!rsb_segment_has_music (segment))
    {
      g_autoptr(GList) dash = no_music_dash ();
      shumate_path_layer_set_dash (layer, dash);
    }
  return layer;
}

static void
remove_layers (RsbRouteMap *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    shumate_simple_map_remove_overlay_layer (self->map, g_ptr_array_index (self->layers, i));
  g_ptr_array_set_size (self->layers, 0);
}

/* Music above "no music", the selection above all. */
static void
stack_layers (RsbRouteMap *self)
{
  for (int pass = 0; pass < 3; pass++)
    {
      for (guint i = 0; i < self->layers->len; i++)
        {
          const RsbSegment *segment = rsb_activity_segment (self->activity, i);
          int rank = (int) i == self->selected ? 2 : rsb_segment_has_music (segment) ? 1 : 0;

          if (rank == pass)
            shumate_simple_map_add_overlay_layer (self->map, g_ptr_array_index (self->layers, i));
        }
    }
}

static void
unstack_layers (RsbRouteMap *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    shumate_simple_map_remove_overlay_layer (self->map, g_ptr_array_index (self->layers, i));
}

/* Rebuilds the layers for the activity's current segments (after a
 * clock offset change, say) without moving the view. */
void
rsb_route_map_update_segments (RsbRouteMap *self,
                               GArray      *colours)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  remove_layers (self);
  g_clear_pointer (&self->colours, g_array_unref);
  self->selected = -1;
  if (self->activity == NULL || !rsb_streams_has_route (self->activity->streams))
    return;

  self->colours = g_array_ref (colours);
  for (guint i = 0; i < rsb_activity_n_segments (self->activity); i++)
    {
      g_ptr_array_add (self->layers, build_layer (self, rsb_activity_segment (self->activity, i)));
      style_layer (self, i);
    }
  stack_layers (self);
}

/* activity and colours are borrowed until the next call. */
void
rsb_route_map_set_activity (RsbRouteMap       *self,
                            const RsbActivity *activity,
                            GArray            *colours)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  self->activity = activity;
  rsb_route_map_update_segments (self, colours);
  if (self->layers->len == 0)
    return;
  self->keep_fitted = TRUE;
  fit_to_route (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

void
rsb_route_map_select (RsbRouteMap *self,
                      int          segment)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  if (segment == self->selected || self->layers->len == 0)
    return;
  self->selected = segment < (int) self->layers->len ? segment : -1;
  unstack_layers (self);
  for (guint i = 0; i < self->layers->len; i++)
    style_layer (self, i);
  stack_layers (self);
}

/* Widget coordinates of a route point, as the map currently shows it. */
gboolean
rsb_route_map_point_position (RsbRouteMap *self,
                              guint        point,
                              double      *x,
                              double      *y)
{
  const RsbStreams *streams;
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  graphene_point_t in_map, in_self;

  if (self->activity == NULL || point >= self->activity->streams->n_points)
    return FALSE;
  streams = self->activity->streams;
  if (!rsb_streams_has_route (streams) || !point_has_position (streams, point))
    return FALSE;

  shumate_viewport_location_to_widget_coords (rsb_route_map_get_viewport (self), GTK_WIDGET (map),
                                              streams->columns[RSB_STREAM_LAT][point],
                                              streams->columns[RSB_STREAM_LON][point],
                                              x, y);
  in_map.x = *x;
  in_map.y = *y;
  if (!gtk_widget_compute_point (GTK_WIDGET (map), GTK_WIDGET (self), &in_map, &in_self))
    return FALSE;
  *x = in_self.x;
  *y = in_self.y;
  return TRUE;
}

static double
segment_distance_sq (RsbRouteMap      *self,
                     const RsbSegment *segment,
                     double            x,
                     double            y)
{
  const RsbStreams *streams = self->activity->streams;
  guint end = MIN (segment->last_point + 1, streams->n_points - 1);
  double best = G_MAXDOUBLE;
  double px = 0, py = 0;
  gboolean have_previous = FALSE;

  for (guint i = segment->first_point; i <= end; i++)
    {
      double qx, qy;

      if (!rsb_route_map_point_position (self, i, &qx, &qy))
        continue;
      if (have_previous)
        best = MIN (best, rsb_geo_segment_distance_sq (x, y, px, py, qx, qy));
      else
        best = MIN (best, (qx - x) * (qx - x) + (qy - y) * (qy - y));
      px = qx;
      py = qy;
      have_previous = TRUE;
    }
  return best;
}

/* The segment drawn nearest to (x, y) within a finger's tolerance, or -1.
 * The selected segment is drawn on top, so it wins ties. */
int
rsb_route_map_hit_test (RsbRouteMap *self,
                        double       x,
                        double       y)
{
  double best = HIT_TOLERANCE_PX * HIT_TOLERANCE_PX;
  int hit = -1;

  for (guint i = 0; i < self->layers->len; i++)
    {
      double d = segment_distance_sq (self, rsb_activity_segment (self->activity, i), x, y);

      if (d < best || (d == best && (int) i == self->selected))
        {
          best = d;
          hit = i;
        }
    }
  return hit;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  RsbRouteMap     *self)
{
  self->keep_fitted = FALSE;
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

  if (self->map != NULL)
    remove_layers (self);
  g_clear_pointer ((GtkWidget **) &self->map, gtk_widget_unparent);
  G_OBJECT_CLASS (rsb_route_map_parent_class)->dispose (object);
}

static void
rsb_route_map_finalize (GObject *object)
{
  RsbRouteMap *self = RSB_ROUTE_MAP (object);

  g_ptr_array_unref (self->layers);
  g_clear_pointer (&self->colours, g_array_unref);
  G_OBJECT_CLASS (rsb_route_map_parent_class)->finalize (object);
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
rsb_route_map_class_init (RsbRouteMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rsb_route_map_dispose;
  object_class->finalize = rsb_route_map_finalize;
  widget_class->size_allocate = rsb_route_map_size_allocate;
  widget_class->measure = rsb_route_map_measure;

  signals[SEGMENT_CLICKED] = g_signal_new ("segment-clicked", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "routemap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rsb_route_map_init (RsbRouteMap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_autoptr(ShumateMapSource) source = create_map_source ();

  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->selected = -1;

  self->map = shumate_simple_map_new ();
  shumate_simple_map_set_map_source (self->map, source);
  gtk_widget_set_parent (GTK_WIDGET (self->map), GTK_WIDGET (self));

  /* Capture phase: the map's own gestures would otherwise take the
   * press. A press that turns into a drag cancels the click, so panning
   * never selects a song. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Route map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The route coloured by the song that was playing; click a stretch to see its song"),
                                  -1);
}
