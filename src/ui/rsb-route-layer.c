/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-route-layer.c: the route on a map, every segment in its song's colour.
 *
 * One layer draws all segments. A ShumatePathLayer per segment costs a
 * GObject per point and a full-window cairo node per segment, and draws
 * every point at every zoom level; a 10-hour route then takes far longer
 * than a frame. Here each point is projected once (Web Mercator at zoom
 * 0), each segment's points are ranked once by how much they matter to
 * its shape (Douglas–Peucker, rsb_geo_rank_path), and each zoom level
 * draws only the points that move the line by more than a fraction of a
 * pixel there. Segment ends are always kept, so colours meet without
 * gaps.
 *
 * libshumate has no click signal for paths, so clicks are hit-tested
 * here against the same simplified paths the user sees.
 */
#include "config.h"

#include <math.h>

#include "rsb-route-layer.h"
#include "rsb-geo.h"
#include "rsb-palette.h"

#define LINE_WIDTH            4.0
#define CASING_WIDTH          6.5
#define SELECTED_LINE_WIDTH   6.0
#define SELECTED_CASING_WIDTH 10.0
#define DIMMED_ALPHA          0.35
#define HIT_TOLERANCE_PX      12.0
/* A dropped point moves the drawn line by at most this much. */
#define SIMPLIFY_TOLERANCE_PX 0.6
#define MAX_LEVEL             30

/* A segment's path: the route points with a position from its first
 * point to the next segment's first, so that neighbours join. */
typedef struct {
  guint   start;      /* into RsbRouteLayer.path_points */
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

struct _RsbRouteLayer
{
  ShumateLayer        parent_instance;
  const RsbActivity  *activity;   /* borrowed from the activity view */
  GArray             *colours;    /* GdkRGBA per segment */
  int                 selected;
  gboolean            simplify;
  guint               n_drawn;

  /* Geometry, rebuilt with the segments. */
  double             *world_x;    /* per route point; NAN without a position */
  double             *world_y;
  guint              *path_points;   /* route point indices, segment after segment */
  double             *importance;    /* squared world distance, per path point */
  GArray             *paths;         /* SegmentPath */
  Level               levels[MAX_LEVEL + 1];

  /* The route as last drawn, a margin wider than the view (see
   * draw_route); generation counts changes to what it shows. */
  cairo_surface_t    *cache;
  Projection          cache_projection;
  int                 cache_width;
  int                 cache_height;
  int                 cache_scale;
  guint               cache_generation;
  int                 cache_margin;
  gboolean            cache_dimmed;
  guint               cache_n_drawn;
  guint               generation;
};

G_DEFINE_FINAL_TYPE (RsbRouteLayer, rsb_route_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_SIMPLIFY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- geometry -------------------------------------------------------- */

static void
clear_levels (RsbRouteLayer *self)
{
  for (guint i = 0; i <= MAX_LEVEL; i++)
    {
      g_clear_pointer (&self->levels[i].kept, g_free);
      g_clear_pointer (&self->levels[i].offsets, g_free);
    }
}

static void
clear_geometry (RsbRouteLayer *self)
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
project_points (RsbRouteLayer *self)
{
  const RsbStreams *streams = self->activity->streams;

  self->world_x = g_new (double, streams->n_points);
  self->world_y = g_new (double, streams->n_points);
  for (guint i = 0; i < streams->n_points; i++)
    {
      if (point_has_position (streams, i))
        rsb_geo_mercator (streams->columns[RSB_STREAM_LAT][i], streams->columns[RSB_STREAM_LON][i],
                  &self->world_x[i], &self->world_y[i]);
      else
        self->world_x[i] = self->world_y[i] = NAN;
    }
}

static void
build_paths (RsbRouteLayer *self)
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
      rsb_geo_rank_path (self->world_x, self->world_y, self->path_points + path->start, path->n,
                         self->importance + path->start);
    }
}

static const Level *
get_level (RsbRouteLayer *self,
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
rsb_route_layer_simplified_points (RsbRouteLayer *self,
                                   guint          segment,
                                   int            zoom_level,
                                   guint         *first,
                                   guint         *last)
{
  const Level *level;
  guint from, to;

  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), 0);
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
get_projection (RsbRouteLayer *self,
                GtkWidget   *widget,
                Projection  *p)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double wx[3], wy[3], sx[3], sy[3];
  double lats[3] = { lat, lat, CLAMP (lat + 0.01, -85, 85) };
  double lons[3] = { lon, lon + 0.01, lon };
  double det;

  for (int i = 0; i < 3; i++)
    {
      rsb_geo_mercator (lats[i], lons[i], &wx[i], &wy[i]);
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
trace_segment (RsbRouteLayer    *self,
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

static void
find_visible (RsbRouteLayer    *self,
              const Projection *p,
              double            width,
              double            height,
              gboolean         *visible)
{
  for (guint s = 0; s < self->paths->len; s++)
    visible[s] = path_meets (&g_array_index (self->paths, SegmentPath, s), p,
                             -SELECTED_CASING_WIDTH, -SELECTED_CASING_WIDTH,
                             width + SELECTED_CASING_WIDTH, height + SELECTED_CASING_WIDTH);
}

static void
set_line_style (cairo_t *cr)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Cairo's fast antialiasing halves the cost of stroking a long route
   * (its scan converter dominates a frame); on lines 4–10 px wide the
   * difference does not show. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
}

/* Every segment, dimmed while one is selected: casing first, as one
 * path, so colours never cross another segment's casing; then one
 * stroke per colour rather than per segment. The selected segment is
 * drawn over this (paint_selected), its wide casing hiding its dimmed
 * self, so the picture need not change as the selection moves. */
static void
paint_route (RsbRouteLayer    *self,
             cairo_t          *cr,
             const Projection *p,
             double            width,
             double            height,
             gboolean          dimmed)
{
  double dim = dimmed ? DIMMED_ALPHA : 1.0;
  static const double dash[] = { 6, 6 };
  GdkRGBA casing;
  g_autofree gboolean *visible = NULL;
  g_autofree gboolean *done = NULL;
  const Level *level = self->simplify ? get_level (self, level_for (p)) : NULL;
  guint n = self->paths->len;

  rsb_palette_casing (rsb_palette_current_style (), &casing);
  visible = g_new (gboolean, n);
  done = g_new0 (gboolean, n);
  find_visible (self, p, width, height, visible);
  set_line_style (cr);

  for (guint s = 0; s < n; s++)
    if (visible[s])
      trace_segment (self, cr, p, level, s, width, height);
  set_colour (cr, &casing, dim);
  cairo_set_line_width (cr, CASING_WIDTH);
  cairo_stroke (cr);

  cairo_set_line_width (cr, LINE_WIDTH);
  for (guint s = 0; s < n; s++)
    {
      const GdkRGBA *colour = &g_array_index (self->colours, GdkRGBA, s);
      gboolean music = rsb_segment_has_music (rsb_activity_segment (self->activity, s));

      if (done[s] || !visible[s])
        continue;
      for (guint t = s; t < n; t++)
        {
          if (done[t] || !visible[t] ||
              music != rsb_segment_has_music (rsb_activity_segment (self->activity, t)) ||
              !same_colour (colour, &g_array_index (self->colours, GdkRGBA, t)))
            continue;
          trace_segment (self, cr, p, level, t, width, height);
          done[t] = TRUE;
        }
      cairo_set_dash (cr, dash, music ? 0 : G_N_ELEMENTS (dash), 0);
      set_colour (cr, colour, dim);
      cairo_stroke (cr);
    }
}

/* The selected segment, on top of everything with a wide casing. */
static void
paint_selected (RsbRouteLayer    *self,
                cairo_t          *cr,
                const Projection *p,
                double            width,
                double            height)
{
  const Level *level = self->simplify ? get_level (self, level_for (p)) : NULL;
  const GdkRGBA *colour;
  GdkRGBA casing;

  if (self->selected < 0 ||
      !path_meets (&g_array_index (self->paths, SegmentPath, self->selected), p,
                   -SELECTED_CASING_WIDTH, -SELECTED_CASING_WIDTH,
                   width + SELECTED_CASING_WIDTH, height + SELECTED_CASING_WIDTH))
    return;
  colour = &g_array_index (self->colours, GdkRGBA, self->selected);
  rsb_palette_casing (rsb_palette_current_style (), &casing);
  set_line_style (cr);
  trace_segment (self, cr, p, level, self->selected, width, height);
  set_colour (cr, &casing, 1.0);
  cairo_set_line_width (cr, SELECTED_CASING_WIDTH);
  cairo_stroke_preserve (cr);
  set_colour (cr, colour, 1.0);
  cairo_set_line_width (cr, SELECTED_LINE_WIDTH);
  cairo_stroke (cr);
}

/* The route is drawn once into an image a margin wider than the view
 * on every side, and that image is reused while the view only moves
 * within the margin at the same zoom and the selection only moves from
 * one song to another: stroking the long path again for every frame of
 * a replay's marker, of Follow's panning or at each song a replay
 * enters costs more than a frame has. */
#define CACHE_MARGIN_PX 192

static gboolean
same_linear_part (const Projection *a,
                  const Projection *b)
{
  double tolerance = 1e-7 * (fabs (a->xx) + fabs (a->xy) + fabs (a->yx) + fabs (a->yy));

  return fabs (a->xx - b->xx) <= tolerance && fabs (a->xy - b->xy) <= tolerance &&
         fabs (a->yx - b->yx) <= tolerance && fabs (a->yy - b->yy) <= tolerance;
}

static gboolean
cache_covers (RsbRouteLayer    *self,
              const Projection *p,
              int               width,
              int               height,
              int               scale)
{
  return self->cache != NULL && self->cache_generation == self->generation &&
         self->cache_dimmed == (self->selected >= 0) &&
         self->cache_width == width && self->cache_height == height && self->cache_scale == scale &&
         same_linear_part (p, &self->cache_projection) &&
         fabs (p->x0 - self->cache_projection.x0) <= self->cache_margin &&
         fabs (p->y0 - self->cache_projection.y0) <= self->cache_margin;
}

static void
fill_cache (RsbRouteLayer    *self,
            const Projection *p,
            int               width,
            int               height,
            int               scale)
{
  Projection wide = *p;
  /* While the zoom changes (a pinch, the zoom buttons' animation) the
   * next frame cannot reuse the image anyway: draw just the view. */
  int margin = self->cache != NULL && !same_linear_part (p, &self->cache_projection) ? 0 : CACHE_MARGIN_PX;
  cairo_t *cr;

  g_clear_pointer (&self->cache, cairo_surface_destroy);
  self->cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (width + 2 * margin) * scale,
                                            (height + 2 * margin) * scale);
  cairo_surface_set_device_scale (self->cache, scale, scale);
  wide.x0 += margin;
  wide.y0 += margin;
  cr = cairo_create (self->cache);
  self->n_drawn = 0;
  paint_route (self, cr, &wide, width + 2 * margin, height + 2 * margin, self->selected >= 0);
  self->cache_n_drawn = self->n_drawn;
  self->cache_dimmed = self->selected >= 0;
  cairo_destroy (cr);
  self->cache_projection = *p;
  self->cache_margin = margin;
  self->cache_width = width;
  self->cache_height = height;
  self->cache_scale = scale;
  self->cache_generation = self->generation;
}

static void
draw_route (RsbRouteLayer *self,
            GtkWidget     *widget,
            GtkSnapshot   *snapshot)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  Projection p;
  cairo_t *cr;

  if (self->paths->len == 0 || width <= 0 || height <= 0 || !get_projection (self, widget, &p))
    return;
  if (!cache_covers (self, &p, width, height, scale))
    fill_cache (self, &p, width, height, scale);
  /* Whole pixels: a fraction would blur the lines as the map pans. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, self->cache,
                            round (p.x0 - self->cache_projection.x0) - self->cache_margin,
                            round (p.y0 - self->cache_projection.y0) - self->cache_margin);
  cairo_paint (cr);
  self->n_drawn = self->cache_n_drawn;
  paint_selected (self, cr, &p, width, height);
  cairo_destroy (cr);
}

static void
rsb_route_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RsbRouteLayer *self = RSB_ROUTE_LAYER (widget);

  if (self->activity != NULL)
    draw_route (self, widget, snapshot);
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

/* ---- the route ------------------------------------------------------- */

/* activity and colours are borrowed until the next call; the selection
 * goes, as the segments it named may not be the same. */
void
rsb_route_layer_set_route (RsbRouteLayer     *self,
                           const RsbActivity *activity,
                           GArray            *colours)
{
  g_return_if_fail (RSB_IS_ROUTE_LAYER (self));

  clear_geometry (self);
  g_clear_pointer (&self->colours, g_array_unref);
  self->activity = activity;
  self->generation++;
  if (self->selected != -1)
    {
      self->selected = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (activity == NULL || !rsb_streams_has_route (activity->streams))
    return;

  self->colours = g_array_ref (colours);
  project_points (self);
  build_paths (self);
}

guint
rsb_route_layer_get_n_segments (RsbRouteLayer *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), 0);
  return self->paths->len;
}

int
rsb_route_layer_get_selected (RsbRouteLayer *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), -1);
  return self->selected;
}

/* The segment drawn on top, the others dimmed; -1 (or a segment the
 * route does not have) selects none. */
void
rsb_route_layer_set_selected (RsbRouteLayer *self,
                              int            segment)
{
  g_return_if_fail (RSB_IS_ROUTE_LAYER (self));

  if (segment >= (int) self->paths->len || segment < -1)
    segment = -1;
  if (segment == self->selected)
    return;
  self->selected = segment;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

gboolean
rsb_route_layer_get_simplify (RsbRouteLayer *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), TRUE);
  return self->simplify;
}

/* For tests and benchmarks: FALSE draws every recorded point instead of
 * the paths simplified for the zoom level. */
void
rsb_route_layer_set_simplify (RsbRouteLayer *self,
                              gboolean       simplify)
{
  g_return_if_fail (RSB_IS_ROUTE_LAYER (self));

  simplify = !!simplify;
  /* Benchmarks call this to have the next frame draw afresh. */
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (simplify == self->simplify)
    return;
  self->simplify = simplify;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIMPLIFY]);
}

/* How many points the last frame drew. */
guint
rsb_route_layer_get_n_drawn_points (RsbRouteLayer *self)
{
  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), 0);
  return self->n_drawn;
}

/* Whether a route point has a position on the map. */
gboolean
rsb_route_layer_has_position (RsbRouteLayer *self,
                              guint          point)
{
  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), FALSE);
  return self->world_x != NULL && point < self->activity->streams->n_points &&
         !isnan (self->world_x[point]);
}

/* Coordinates of a route point in widget's, as the map currently
 * shows it. */
gboolean
rsb_route_layer_point_position (RsbRouteLayer *self,
                                GtkWidget     *widget,
                                guint          point,
                                double        *x,
                                double        *y)
{
  Projection p;

  if (!rsb_route_layer_has_position (self, point) || !get_projection (self, widget, &p))
    return FALSE;
  project (&p, self->world_x[point], self->world_y[point], x, y);
  return TRUE;
}

/* The rectangle around a segment in widget's coordinates. */
gboolean
rsb_route_layer_segment_rect (RsbRouteLayer   *self,
                              GtkWidget       *widget,
                              guint            segment,
                              graphene_rect_t *rect)
{
  Projection p;

  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), FALSE);
  if (segment >= self->paths->len || !get_projection (self, widget, &p))
    return FALSE;
  return project_bounds (&g_array_index (self->paths, SegmentPath, segment), &p, rect);
}

/* A segment's bounds on the Mercator plane (rsb_geo_mercator); FALSE
 * for a segment without positions. */
gboolean
rsb_route_layer_segment_extent (RsbRouteLayer *self,
                                guint          segment,
                                double        *min_x,
                                double        *min_y,
                                double        *max_x,
                                double        *max_y)
{
  const SegmentPath *path;

  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), FALSE);
  if (segment >= self->paths->len)
    return FALSE;
  path = &g_array_index (self->paths, SegmentPath, segment);
  if (path->n == 0)
    return FALSE;
  *min_x = path->min_x;
  *min_y = path->min_y;
  *max_x = path->max_x;
  *max_y = path->max_y;
  return TRUE;
}

/* Squared pixel distance from (x, y) to the segment as drawn. */
static double
segment_distance_sq (RsbRouteLayer    *self,
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
rsb_route_layer_hit_test (RsbRouteLayer *self,
                          GtkWidget     *widget,
                          double         x,
                          double         y)
{
  double best = HIT_TOLERANCE_PX * HIT_TOLERANCE_PX;
  const Level *level;
  Projection p;
  int hit = -1;

  g_return_val_if_fail (RSB_IS_ROUTE_LAYER (self), -1);
  if (self->paths->len == 0 || !get_projection (self, widget, &p))
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

/* ---- the layer ------------------------------------------------------- */

static void
rsb_route_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RsbRouteLayer *self = RSB_ROUTE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_SIMPLIFY:
      g_value_set_boolean (value, self->simplify);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_route_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RsbRouteLayer *self = RSB_ROUTE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      rsb_route_layer_set_selected (self, g_value_get_int (value));
      break;
    case PROP_SIMPLIFY:
      rsb_route_layer_set_simplify (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_route_layer_finalize (GObject *object)
{
  RsbRouteLayer *self = RSB_ROUTE_LAYER (object);

  clear_geometry (self);
  g_array_unref (self->paths);
  g_clear_pointer (&self->colours, g_array_unref);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  G_OBJECT_CLASS (rsb_route_layer_parent_class)->finalize (object);
}

static void
rsb_route_layer_class_init (RsbRouteLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rsb_route_layer_constructed;
  object_class->get_property = rsb_route_layer_get_property;
  object_class->set_property = rsb_route_layer_set_property;
  object_class->finalize = rsb_route_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = rsb_route_layer_snapshot;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIMPLIFY] =
    g_param_spec_boolean ("simplify", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rsb_route_layer_init (RsbRouteLayer *self)
{
  self->paths = g_array_new (FALSE, FALSE, sizeof (SegmentPath));
  self->selected = -1;
  self->simplify = TRUE;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

RsbRouteLayer *
rsb_route_layer_new (ShumateViewport *viewport)
{
  return g_object_new (RSB_TYPE_ROUTE_LAYER, "viewport", viewport, NULL);
}
