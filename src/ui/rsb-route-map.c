/* rsb-route-map.c: the route on a map, every segment in its song's colour.
 *
 * One layer draws all segments. A ShumatePathLayer per segment costs a
 * GObject per point and a full-window cairo node per segment, and draws
 * every point at every zoom level; a 10-hour route then takes far longer
 * than a frame. Here each point is projected once (Web Mercator at zoom
 * 0), each segment's points are ranked once by how much they matter to
 * its shape (Douglas–Peucker), and each zoom level draws only the points
 * that move the line by more than a fraction of a pixel there. Segment
 * ends are always kept, so colours meet without gaps.
 *
 * libshumate has no click signal for paths, so clicks are hit-tested
 * here against the same simplified paths the user sees.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-units-setting.h"
#include "rsb-route-map.h"
#include "rsb-geo.h"
#include "rsb-palette.h"
#include "rsb-tile-source.h"

#define LINE_WIDTH            4.0
#define CASING_WIDTH          6.5
#define SELECTED_LINE_WIDTH   6.0
#define SELECTED_CASING_WIDTH 10.0
#define DIMMED_ALPHA          0.35
#define HIT_TOLERANCE_PX      12.0
#define FIT_PADDING_PX        48.0
#define REVEAL_PADDING_PX     24.0
#define TILE_SIZE             256.0
/* A dropped point moves the drawn line by at most this much. */
#define SIMPLIFY_TOLERANCE_PX 0.6
#define MAX_LEVEL             30
#define REVEAL_DURATION_MS    350

/* A segment's path: the route points with a position from its first
 * point to the next segment's first, so that neighbours join. */
typedef struct {
  guint   start;      /* into RsbRouteMap.path_points */
  guint   n;
  double  min_x, min_y, max_x, max_y;   /* world bounds */
} SegmentPath;

/* The points one zoom level draws: for segment i, kept[offsets[i]] up to
 * kept[offsets[i + 1]], indices into path_points. */
typedef struct {
  guint *kept;
  guint *offsets;
} Level;

/* Widget coordinates from world coordinates: an affine map, since the
 * viewport only scales, rotates and moves the Mercator plane. */
typedef struct {
  double xx, xy, x0;
  double yx, yy, y0;
} Projection;

#define RSB_TYPE_ROUTE_LAYER (rsb_route_layer_get_type ())
G_DECLARE_FINAL_TYPE (RsbRouteLayer, rsb_route_layer, RSB, ROUTE_LAYER, ShumateLayer)

struct _RsbRouteLayer
{
  ShumateLayer  parent_instance;
  RsbRouteMap  *map;   /* borrowed: the map owns the layer */
};

G_DEFINE_FINAL_TYPE (RsbRouteLayer, rsb_route_layer, SHUMATE_TYPE_LAYER)

struct _RsbRouteMap
{
  GtkWidget           parent_instance;
  ShumateSimpleMap   *map;
  RsbRouteLayer      *layer;
  ShumateMarkerLayer *marker_layer;
  ShumateMarker      *marker;
  const RsbActivity  *activity;   /* borrowed from the activity view */
  GArray             *colours;    /* GdkRGBA per segment */
  int                 selected;
  int                 shown_point;
  gboolean            simplify;
  guint               n_drawn;

  /* Geometry, rebuilt with the segments. */
  double             *world_x;    /* per route point; NAN without a position */
  double             *world_y;
  guint              *path_points;   /* route point indices, segment after segment */
  double             *importance;    /* squared world distance, per path point */
  GArray             *paths;         /* SegmentPath */
  Level               levels[MAX_LEVEL + 1];

  /* Keep the route fitted through window resizes until the user pans or
   * zooms: after that, the view is theirs. */
  gboolean            keep_fitted;
  int                 fitted_width;
  int                 fitted_height;
};

G_DEFINE_FINAL_TYPE (RsbRouteMap, rsb_route_map, GTK_TYPE_WIDGET)

enum { SEGMENT_CLICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
inverse_mercator (double  x,
                  double  y,
                  double *lat,
                  double *lon)
{
  *lon = x / TILE_SIZE * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1 - 2 * y / TILE_SIZE))) * 180.0 / G_PI;
}

/* ---- geometry -------------------------------------------------------- */

static void
clear_levels (RsbRouteMap *self)
{
  for (guint i = 0; i <= MAX_LEVEL; i++)
    {
      g_clear_pointer (&self->levels[i].kept, g_free);
      g_clear_pointer (&self->levels[i].offsets, g_free);
    }
}

static void
clear_geometry (RsbRouteMap *self)
{
  clear_levels (self);
  g_clear_pointer (&self->world_x, g_free);
  g_clear_pointer (&self->world_y, g_free);
  g_clear_pointer (&self->path_points, g_free);
  g_clear_pointer (&self->importance, g_free);
  g_array_set_size (self->paths, 0);
}

static gboolean
point_has_position (const RsbStreams *streams,
                    guint             i)
{
  return !isnan (streams->columns[RSB_STREAM_LAT][i]) && !isnan (streams->columns[RSB_STREAM_LON][i]);
}

static void
project_points (RsbRouteMap *self)
{
  const RsbStreams *streams = self->activity->streams;

  self->world_x = g_new (double, streams->n_points);
  self->world_y = g_new (double, streams->n_points);
  for (guint i = 0; i < streams->n_points; i++)
    {
      if (point_has_position (streams, i))
        mercator (streams->columns[RSB_STREAM_LAT][i], streams->columns[RSB_STREAM_LON][i],
                  &self->world_x[i], &self->world_y[i]);
      else
        self->world_x[i] = self->world_y[i] = NAN;
    }
}

/* Ranks a path's points the Douglas–Peucker way, once for all zoom
 * levels: a point's importance is the deviation at which the recursion
 * would keep it, capped by its parents', so the points above any
 * tolerance are exactly what Douglas–Peucker keeps at that tolerance. */
static void
rank_path (RsbRouteMap *self,
           guint        start,
           guint        n)
{
  const guint *points = self->path_points + start;
  double *importance = self->importance + start;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (double) * 3);

  for (guint i = 0; i < n; i++)
    importance[i] = 0;
  if (n == 0)
    return;
  importance[0] = importance[n - 1] = INFINITY;
  g_array_append_val (stack, ((double[3]) { 0, n - 1, INFINITY }));
  while (stack->len > 0)
    {
      double *top = &g_array_index (stack, double, (stack->len - 1) * 3);
      guint lo = top[0], hi = top[1];
      double cap = top[2], best = -1;
      guint split = lo;

      g_array_set_size (stack, stack->len - 1);
      if (hi - lo < 2)
        continue;
      for (guint k = lo + 1; k < hi; k++)
        {
          double d = rsb_geo_segment_distance_sq (self->world_x[points[k]], self->world_y[points[k]],
                                                  self->world_x[points[lo]], self->world_y[points[lo]],
                                                  self->world_x[points[hi]], self->world_y[points[hi]]);
          if (d > best)
            {
              best = d;
              split = k;
            }
        }
      importance[split] = MIN (best, cap);
      g_array_append_val (stack, ((double[3]) { lo, split, importance[split] }));
      g_array_append_val (stack, ((double[3]) { split, hi, importance[split] }));
    }
}

static void
build_paths (RsbRouteMap *self)
{
  const RsbStreams *streams = self->activity->streams;
  guint n_segments = rsb_activity_n_segments (self->activity);
  guint capacity = streams->n_points + n_segments;
  guint used = 0;

  self->path_points = g_new (guint, capacity);
  self->importance = g_new (double, capacity);
  g_array_set_size (self->paths, n_segments);
  for (guint s = 0; s < n_segments; s++)
    {
      const RsbSegment *segment = rsb_activity_segment (self->activity, s);
      SegmentPath *path = &g_array_index (self->paths, SegmentPath, s);
      guint end = MIN (segment->last_point + 1, streams->n_points - 1);

      path->start = used;
      path->min_x = path->min_y = INFINITY;
      path->max_x = path->max_y = -INFINITY;
      for (guint i = segment->first_point; i <= end; i++)
        {
          if (isnan (self->world_x[i]))
            continue;
          self->path_points[used++] = i;
          path->min_x = MIN (path->min_x, self->world_x[i]);
          path->max_x = MAX (path->max_x, self->world_x[i]);
          path->min_y = MIN (path->min_y, self->world_y[i]);
          path->max_y = MAX (path->max_y, self->world_y[i]);
        }
      path->n = used - path->start;
      rank_path (self, path->start, path->n);
    }
}

static const Level *
get_level (RsbRouteMap *self,
           int          zoom_level)
{
  Level *level = &self->levels[CLAMP (zoom_level, 0, MAX_LEVEL)];
  double tolerance = SIMPLIFY_TOLERANCE_PX / ldexp (1.0, CLAMP (zoom_level, 0, MAX_LEVEL));
  double tolerance_sq = tolerance * tolerance;
  guint n_kept = 0;

  if (level->offsets != NULL)
    return level;
  level->offsets = g_new (guint, self->paths->len + 1);
  level->kept = g_new (guint, self->paths->len == 0 ? 1 : g_array_index (self->paths, SegmentPath, self->paths->len - 1).start +
                                                         g_array_index (self->paths, SegmentPath, self->paths->len - 1).n);
  for (guint s = 0; s < self->paths->len; s++)
    {
      const SegmentPath *path = &g_array_index (self->paths, SegmentPath, s);

      level->offsets[s] = n_kept;
      for (guint i = path->start; i < path->start + path->n; i++)
        if (self->importance[i] > tolerance_sq)
          level->kept[n_kept++] = i;
    }
  level->offsets[self->paths->len] = n_kept;
  level->kept = g_renew (guint, level->kept, MAX (n_kept, 1));
  return level;
}

/* The number of points a segment keeps at a zoom level, and the first
 * and last of them (route point indices). */
guint
rsb_route_map_simplified_points (RsbRouteMap *self,
                                 guint        segment,
                                 int          zoom_level,
                                 guint       *first,
                                 guint       *last)
{
  const Level *level;
  guint from, to;

  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), 0);
  if (segment >= self->paths->len)
    return 0;
  level = get_level (self, zoom_level);
  from = level->offsets[segment];
  to = level->offsets[segment + 1];
  if (from == to)
    return 0;
  *first = self->path_points[level->kept[from]];
  *last = self->path_points[level->kept[to - 1]];
  return to - from;
}

/* ---- projection ------------------------------------------------------ */

/* Asks the viewport where three known locations land in widget's
 * coordinates and solves for the affine map: exact for whatever zoom,
 * rotation and tile size the viewport has, at three calls per frame. */
static gboolean
get_projection (RsbRouteMap *self,
                GtkWidget   *widget,
                Projection  *p)
{
  ShumateViewport *viewport = rsb_route_map_get_viewport (self);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double wx[3], wy[3], sx[3], sy[3];
  double lats[3] = { lat, lat, CLAMP (lat + 0.01, -85, 85) };
  double lons[3] = { lon, lon + 0.01, lon };
  double det;

  for (int i = 0; i < 3; i++)
    {
      mercator (lats[i], lons[i], &wx[i], &wy[i]);
      shumate_viewport_location_to_widget_coords (viewport, widget, lats[i], lons[i], &sx[i], &sy[i]);
    }
  det = (wx[1] - wx[0]) * (wy[2] - wy[0]) - (wx[2] - wx[0]) * (wy[1] - wy[0]);
  if (fabs (det) < 1e-18)
    return FALSE;
  p->xx = ((sx[1] - sx[0]) * (wy[2] - wy[0]) - (sx[2] - sx[0]) * (wy[1] - wy[0])) / det;
  p->xy = ((sx[2] - sx[0]) * (wx[1] - wx[0]) - (sx[1] - sx[0]) * (wx[2] - wx[0])) / det;
  p->yx = ((sy[1] - sy[0]) * (wy[2] - wy[0]) - (sy[2] - sy[0]) * (wy[1] - wy[0])) / det;
  p->yy = ((sy[2] - sy[0]) * (wx[1] - wx[0]) - (sy[1] - sy[0]) * (wx[2] - wx[0])) / det;
  p->x0 = sx[0] - p->xx * wx[0] - p->xy * wy[0];
  p->y0 = sy[0] - p->yx * wx[0] - p->yy * wy[0];
  return TRUE;
}

static inline void
project (const Projection *p,
         double            wx,
         double            wy,
         double           *x,
         double           *y)
{
  *x = p->xx * wx + p->xy * wy + p->x0;
  *y = p->yx * wx + p->yy * wy + p->y0;
}

/* The level whose tolerance is under a pixel at this scale. */
static int
level_for (const Projection *p)
{
  double scale = sqrt (p->xx * p->xx + p->yx * p->yx);

  return CLAMP ((int) ceil (log2 (MAX (scale, 1e-9))), 0, MAX_LEVEL);
}

/* A segment's world bounds, projected: the rectangle around them. */
static gboolean
project_bounds (const SegmentPath *path,
                const Projection  *p,
                graphene_rect_t   *rect)
{
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  double cx[4] = { path->min_x, path->max_x, path->min_x, path->max_x };
  double cy[4] = { path->min_y, path->min_y, path->max_y, path->max_y };

  if (path->n == 0)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      double x, y;

      project (p, cx[i], cy[i], &x, &y);
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  graphene_rect_init (rect, min_x, min_y, max_x - min_x, max_y - min_y);
  return TRUE;
}

/* Whether a segment's projected bounds meet the rectangle. */
static gboolean
path_meets (const SegmentPath *path,
            const Projection  *p,
            double             x0,
            double             y0,
            double             x1,
            double             y1)
{
  graphene_rect_t r;

  return project_bounds (path, p, &r) &&
         r.origin.x + r.size.width >= x0 && r.origin.x <= x1 &&
         r.origin.y + r.size.height >= y0 && r.origin.y <= y1;
}

/* ---- drawing --------------------------------------------------------- */

static inline int
outcode (double x,
         double y,
         double width,
         double height,
         double margin)
{
  return (x < -margin) | (x > width + margin) << 1 | (y < -margin) << 2 | (y > height + margin) << 3;
}

/* Adds a segment's path. A run of points off one side of the widget
 * collapses into jumps: cairo never strokes what cannot show. */
static void
trace_segment (RsbRouteMap      *self,
               cairo_t          *cr,
               const Projection *p,
               const Level      *level,
               guint             s,
               double            width,
               double            height)
{
  const SegmentPath *path = &g_array_index (self->paths, SegmentPath, s);
  guint from = level ? level->offsets[s] : path->start;
  guint to = level ? level->offsets[s + 1] : path->start + path->n;
  int previous_code = 0;
  gboolean pending = FALSE;   /* the previous point is off-screen and not yet added */
  double px = 0, py = 0;

  for (guint k = from; k < to; k++)
    {
      guint point = self->path_points[level ? level->kept[k] : k];
      double x, y;
      int code;

      project (p, self->world_x[point], self->world_y[point], &x, &y);
      code = outcode (x, y, width, height, SELECTED_CASING_WIDTH);
      if (k > from && (code & previous_code) != 0)
        pending = TRUE;   /* a line wholly off one side: skipped */
      else
        {
          if (k == from)
            cairo_move_to (cr, x, y);
          else
            {
              if (pending)
                cairo_move_to (cr, px, py);
              cairo_line_to (cr, x, y);
            }
          pending = FALSE;
          self->n_drawn++;
        }
      previous_code = code;
      px = x;
      py = y;
    }
}

static void
set_colour (cairo_t       *cr,
            const GdkRGBA *colour,
            double         alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha * alpha);
}

static gboolean
same_colour (const GdkRGBA *a,
             const GdkRGBA *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue;
}

/* Casing first, as one path, so colours never cross another segment's
 * casing; then one stroke per colour rather than per segment; the
 * selection last, on top of everything. */
static void
draw_route (RsbRouteMap *self,
            GtkWidget   *widget,
            GtkSnapshot *snapshot)
{
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double dim = self->selected >= 0 ? DIMMED_ALPHA : 1.0;
  static const double dash[] = { 6, 6 };
  GdkRGBA casing;
  g_autofree gboolean *visible = NULL;
  g_autofree gboolean *done = NULL;
  const Level *level = NULL;
  Projection p;
  cairo_t *cr;
  guint n = self->paths->len;

  self->n_drawn = 0;
  rsb_palette_casing (rsb_palette_current_style (), &casing);
  if (n == 0 || width <= 0 || height <= 0 || !get_projection (self, widget, &p))
    return;
  if (self->simplify)
    level = get_level (self, level_for (&p));

  visible = g_new (gboolean, n);
  done = g_new0 (gboolean, n);
  for (guint s = 0; s < n; s++)
    visible[s] = path_meets (&g_array_index (self->paths, SegmentPath, s), &p,
                             -SELECTED_CASING_WIDTH, -SELECTED_CASING_WIDTH,
                             width + SELECTED_CASING_WIDTH, height + SELECTED_CASING_WIDTH);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Cairo's fast antialiasing halves the cost of stroking a long route
   * (its scan converter dominates a frame); on lines 4–10 px wide the
   * difference does not show. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  for (guint s = 0; s < n; s++)
    if (visible[s] && (int) s != self->selected)
      trace_segment (self, cr, &p, level, s, width, height);
  set_colour (cr, &casing, dim);
  cairo_set_line_width (cr, CASING_WIDTH);
  cairo_stroke (cr);

  cairo_set_line_width (cr, LINE_WIDTH);
  for (guint s = 0; s < n; s++)
    {
      const GdkRGBA *colour = &g_array_index (self->colours, GdkRGBA, s);
      gboolean music = rsb_segment_has_music (rsb_activity_segment (self->activity, s));

      if (done[s] || !visible[s] || (int) s == self->selected)
        continue;
      for (guint t = s; t < n; t++)
        {
          if (done[t] || !visible[t] || (int) t == self->selected ||
              music != rsb_segment_has_music (rsb_activity_segment (self->activity, t)) ||
              !same_colour (colour, &g_array_index (self->colours, GdkRGBA, t)))
            continue;
          trace_segment (self, cr, &p, level, t, width, height);
          done[t] = TRUE;
        }
      cairo_set_dash (cr, dash, music ? 0 : G_N_ELEMENTS (dash), 0);
      set_colour (cr, colour, dim);
      cairo_stroke (cr);
    }

  if (self->selected >= 0 && visible[self->selected])
    {
      const GdkRGBA *colour = &g_array_index (self->colours, GdkRGBA, self->selected);

      cairo_set_dash (cr, NULL, 0, 0);
      trace_segment (self, cr, &p, level, self->selected, width, height);
      set_colour (cr, &casing, 1.0);
      cairo_set_line_width (cr, SELECTED_CASING_WIDTH);
      cairo_stroke_preserve (cr);
      set_colour (cr, colour, 1.0);
      cairo_set_line_width (cr, SELECTED_LINE_WIDTH);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
rsb_route_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RsbRouteLayer *layer = RSB_ROUTE_LAYER (widget);

  if (layer->map != NULL && layer->map->activity != NULL)
    draw_route (layer->map, widget, snapshot);
}

static void
on_viewport_notify (RsbRouteLayer *layer)
{
  gtk_widget_queue_draw (GTK_WIDGET (layer));
}

static void
rsb_route_layer_constructed (GObject *object)
{
  G_OBJECT_CLASS (rsb_route_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (object)), "notify",
                           G_CALLBACK (on_viewport_notify), object, G_CONNECT_SWAPPED);
}

static void
rsb_route_layer_class_init (RsbRouteLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = rsb_route_layer_constructed;
  GTK_WIDGET_CLASS (klass)->snapshot = rsb_route_layer_snapshot;
}

static void
rsb_route_layer_init (RsbRouteLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* ---- the map --------------------------------------------------------- */

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
redraw (RsbRouteMap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

/* Rebuilds the route for the activity's current segments (after a
 * clock offset change, say) without moving the view. */
void
rsb_route_map_update_segments (RsbRouteMap *self,
                               GArray      *colours)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  clear_geometry (self);
  g_clear_pointer (&self->colours, g_array_unref);
  self->selected = -1;
  redraw (self);
  if (self->activity == NULL || !rsb_streams_has_route (self->activity->streams))
    return;

  self->colours = g_array_ref (colours);
  project_points (self);
  build_paths (self);
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
  if (self->paths->len == 0)
    return;
  self->keep_fitted = TRUE;
  fit_to_route (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

void
rsb_route_map_select (RsbRouteMap *self,
                      int          segment)
{
  g_return_if_fail (RSB_IS_ROUTE_MAP (self));

  if (segment >= (int) self->paths->len)
    segment = -1;
  if (segment == self->selected)
    return;
  self->selected = segment;
  redraw (self);
}

/* The projection into this widget's coordinates. */
static gboolean
own_projection (RsbRouteMap *self,
                Projection  *p)
{
  return get_projection (self, GTK_WIDGET (self), p);
}

gboolean
rsb_route_map_segment_is_visible (RsbRouteMap *self,
                                  guint        segment)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  const SegmentPath *path;
  graphene_rect_t r;
  Projection p;

  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), FALSE);
  if (segment >= self->paths->len || !own_projection (self, &p))
    return FALSE;
  path = &g_array_index (self->paths, SegmentPath, segment);
  if (!project_bounds (path, &p, &r))
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
  const SegmentPath *path;
  double lat, lon, zoom, fit;

  g_return_if_fail (RSB_IS_ROUTE_MAP (self));
  if (segment >= self->paths->len || width <= 0 || height <= 0 ||
      rsb_route_map_segment_is_visible (self, segment))
    return;
  path = &g_array_index (self->paths, SegmentPath, segment);
  if (path->n == 0)
    return;
  inverse_mercator ((path->min_x + path->max_x) / 2, (path->min_y + path->max_y) / 2, &lat, &lon);
  zoom = shumate_viewport_get_zoom_level (viewport);
  fit = log2 (MIN (width / MAX (path->max_x - path->min_x, 1e-9),
                   height / MAX (path->max_y - path->min_y, 1e-9)));
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
  Projection p;

  if (self->world_x == NULL || point >= self->activity->streams->n_points || isnan (self->world_x[point]))
    return FALSE;
  if (!own_projection (self, &p))
    return FALSE;
  project (&p, self->world_x[point], self->world_y[point], x, y);
  return TRUE;
}

/* Squared pixel distance from (x, y) to the segment as drawn. */
static double
segment_distance_sq (RsbRouteMap      *self,
                     const Projection *p,
                     const Level      *level,
                     guint             s,
                     double            x,
                     double            y)
{
  const SegmentPath *path = &g_array_index (self->paths, SegmentPath, s);
  guint from = level->offsets[s], to = level->offsets[s + 1];
  double best = G_MAXDOUBLE, px = 0, py = 0;

  if (!path_meets (path, p, x - HIT_TOLERANCE_PX, y - HIT_TOLERANCE_PX, x + HIT_TOLERANCE_PX, y + HIT_TOLERANCE_PX))
    return best;
  for (guint k = from; k < to; k++)
    {
      guint point = self->path_points[level->kept[k]];
      double qx, qy;

      project (p, self->world_x[point], self->world_y[point], &qx, &qy);
      if (k > from)
        best = MIN (best, rsb_geo_segment_distance_sq (x, y, px, py, qx, qy));
      else
        best = MIN (best, (qx - x) * (qx - x) + (qy - y) * (qy - y));
      px = qx;
      py = qy;
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
  const Level *level;
  Projection p;
  int hit = -1;

  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), -1);
  if (self->paths->len == 0 || !own_projection (self, &p))
    return -1;
  /* Always the simplified path, so a click finds what the eye sees. */
  level = get_level (self, level_for (&p));
  for (guint i = 0; i < self->paths->len; i++)
    {
      double d = segment_distance_sq (self, &p, level, i, x, y);

      if (d < best || (d == best && (int) i == self->selected))
        {
          best = d;
          hit = i;
        }
    }
  return hit;
}

/* A dot on the route at one point (from hovering the profile chart);
 * -1 hides it. */
void
rsb_route_map_show_position (RsbRouteMap *self,
                             int          point)
{
  const RsbStreams *streams;

  g_return_if_fail (RSB_IS_ROUTE_MAP (self));
  if (point < 0 || self->activity == NULL || self->world_x == NULL ||
      (guint) point >= self->activity->streams->n_points || isnan (self->world_x[point]))
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
  self->simplify = simplify;
  redraw (self);
}

guint
rsb_route_map_get_n_drawn_points (RsbRouteMap *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_MAP (self), 0);
  return self->n_drawn;
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

  if (self->layer != NULL)
    self->layer->map = NULL;
  self->layer = NULL;
  self->marker_layer = NULL;
  self->marker = NULL;
  g_clear_pointer ((GtkWidget **) &self->map, gtk_widget_unparent);
  G_OBJECT_CLASS (rsb_route_map_parent_class)->dispose (object);
}

static void
rsb_route_map_finalize (GObject *object)
{
  RsbRouteMap *self = RSB_ROUTE_MAP (object);

  clear_geometry (self);
  g_array_unref (self->paths);
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
add_layers (RsbRouteMap *self)
{
  ShumateViewport *viewport = rsb_route_map_get_viewport (self);
  GtkWidget *dot = gtk_image_new ();

  self->layer = g_object_new (RSB_TYPE_ROUTE_LAYER, "viewport", viewport, NULL);
  self->layer->map = self;
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->layer));

  self->marker_layer = shumate_marker_layer_new (viewport);
  self->marker = shumate_marker_new ();
  gtk_widget_add_css_class (dot, "route-position");
  shumate_marker_set_child (self->marker, dot);
  gtk_widget_set_can_target (GTK_WIDGET (self->marker), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->marker), FALSE);
  shumate_marker_layer_add_marker (self->marker_layer, self->marker);
  gtk_widget_set_can_target (GTK_WIDGET (self->marker_layer), FALSE);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->marker_layer));
}

static void
rsb_route_map_init (RsbRouteMap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_autoptr(ShumateMapSource) source = rsb_tile_source_new_map_source (rsb_tile_source_get_default ());

  self->paths = g_array_new (FALSE, FALSE, sizeof (SegmentPath));
  self->selected = -1;
  self->shown_point = -1;
  self->simplify = TRUE;

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
