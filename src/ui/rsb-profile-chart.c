/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-profile-chart.c: the workout's profile under the map.
 *
 * Elevation as an area, pace (runs) or speed (rides), heart rate and
 * cadence as lines, over distance or time, with each song's stretch as
 * a band behind them in its map colour (and its beat on the cadence
 * scale: rsb-profile-chart-beat.c). The numbers (distance, smoothed speed,
 * ranges, one value per pixel column) come from src/core/rsb-profile.c;
 * this file draws them, labelled in the user's units, and keeps the
 * drawn chart as a render node: moving the crosshair redraws only the
 * crosshair. A file logged every few seconds has fewer points than
 * columns: the lines pass over the columns without a point and break
 * only where the recording paused or a value is missing. Pointer and
 * keys are handled in rsb-profile-chart-input.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-profile-chart-private.h"
#include "rsb-format.h"
#include "rsb-units-setting.h"
#include "rsb-palette.h"
#include "rsb-segment-title.h"
#include "rsb-song-stats.h"

#define LEGEND_HEIGHT    22.0   /* a row of the legend */
#define LEGEND_SWATCH    14.0
#define LEGEND_GAP       16.0
#define AXIS_WIDTH       46.0
#define X_LABELS_HEIGHT  18.0
#define PLOT_TOP_PAD     6.0
#define BAND_ALPHA       0.20
#define BAND_DIM_ALPHA   0.10
#define BAND_SELECTED_ALPHA 0.42
#define MIN_TICK_GAP_PX  80.0
#define HATCH_STEP       7.0
#define NATURAL_HEIGHT   190
#define MIN_HEIGHT       130

G_DEFINE_FINAL_TYPE (RsbProfileChart, rsb_profile_chart, GTK_TYPE_WIDGET)

enum { SEGMENT_CLICKED, HOVER_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

GtkWidget *
rsb_profile_chart_new (void)
{
  return g_object_new (RSB_TYPE_PROFILE_CHART, NULL);
}

/* ---- data ------------------------------------------------------------ */

void
rsb_profile_chart_invalidate (RsbProfileChart *self)
{
  g_return_if_fail (RSB_IS_PROFILE_CHART (self));
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
rsb_profile_chart_axis_available (RsbProfileChart *self,
                                  RsbProfileAxis   axis)
{
  g_return_val_if_fail (RSB_IS_PROFILE_CHART (self), FALSE);
  return rsb_profile_axis_available (&self->profile, axis == RSB_PROFILE_AXIS_TIME);
}

static void
update_accessible (RsbProfileChart *self);

/* activity and colours are borrowed until the next call. */
void
rsb_profile_chart_set_activity (RsbProfileChart   *self,
                                const RsbActivity *activity,
                                GArray            *colours)
{
  RsbProfileAxis axis;

  g_return_if_fail (RSB_IS_PROFILE_CHART (self));

  self->legend_rows = 0;
  rsb_profile_clear (&self->profile);
  g_clear_pointer (&self->colours, g_array_unref);
  self->activity = activity;
  self->selected = -1;
  self->hover_point = -1;
  if (activity != NULL)
    {
      self->colours = colours ? g_array_ref (colours) : rsb_palette_for_activity (activity);
      rsb_profile_load (&self->profile, activity->streams, rsb_sport_is_on_foot (activity->info));
      /* Keep the person's choice of axis when this activity has it. */
      axis = self->axis;
      if (!rsb_profile_chart_axis_available (self, axis))
        axis = axis == RSB_PROFILE_AXIS_TIME ? RSB_PROFILE_AXIS_DISTANCE : RSB_PROFILE_AXIS_TIME;
      if (rsb_profile_chart_axis_available (self, axis))
        self->axis = axis;
      rsb_profile_compute_x (&self->profile, self->axis == RSB_PROFILE_AXIS_TIME);
      rsb_profile_chart_load_beats (self);
    }
  else
    g_clear_pointer (&self->beats, g_array_unref);
  update_accessible (self);
  rsb_profile_chart_invalidate (self);
}

gboolean
rsb_profile_chart_has_profile (RsbProfileChart *self)
{
  g_return_val_if_fail (RSB_IS_PROFILE_CHART (self), FALSE);
  return self->profile.x != NULL;
}

gboolean
rsb_profile_chart_shows_pace (RsbProfileChart *self)
{
  return self->profile.speed != NULL && self->profile.pace;
}

void
rsb_profile_chart_set_axis (RsbProfileChart *self,
                            RsbProfileAxis   axis)
{
  g_return_if_fail (RSB_IS_PROFILE_CHART (self));

  if (axis == self->axis)
    return;
  self->axis = axis;
  if (self->activity != NULL)
    {
      int hover = self->hover_point;

      rsb_profile_compute_x (&self->profile, self->axis == RSB_PROFILE_AXIS_TIME);
      self->hover_point = self->profile.x != NULL ? hover : -1;
    }
  update_accessible (self);
  rsb_profile_chart_invalidate (self);
}

RsbProfileAxis
rsb_profile_chart_get_axis (RsbProfileChart *self)
{
  g_return_val_if_fail (RSB_IS_PROFILE_CHART (self), RSB_PROFILE_AXIS_DISTANCE);
  return self->axis;
}

void
rsb_profile_chart_select (RsbProfileChart *self,
                          int              segment)
{
  g_return_if_fail (RSB_IS_PROFILE_CHART (self));

  if (segment == self->selected)
    return;
  self->selected = segment;
  rsb_profile_chart_invalidate (self);
}

void
rsb_profile_chart_set_downsample (RsbProfileChart *self,
                                  gboolean         downsample)
{
  g_return_if_fail (RSB_IS_PROFILE_CHART (self));
  self->downsample = downsample;
  rsb_profile_chart_invalidate (self);
}

/* ---- geometry -------------------------------------------------------- */

/* On a phone a third axis would leave the plot a sliver: the cadence
 * line stays, read from the crosshair, without its own scale. */
#define MIN_WIDTH_FOR_CADENCE_AXIS 560

static gboolean
shows_cadence_axis (RsbProfileChart *self)
{
  return self->profile.cadence != NULL && gtk_widget_get_width (GTK_WIDGET (self)) >= MIN_WIDTH_FOR_CADENCE_AXIS;
}

static int
n_right_axes (RsbProfileChart *self)
{
  return (self->profile.speed != NULL) + (self->profile.heart_rate != NULL) + shows_cadence_axis (self);
}

static PangoLayout *small_layout (RsbProfileChart *self,
                                  const char      *text);

#define MAX_LEGEND 5

/* The names of the lines drawn, in the legend's order (elevation,
 * pace or speed, heart rate, cadence, the songs' beat: draw_legend
 * colours them so). */
static guint
legend_names (RsbProfileChart *self,
              const char      *names[MAX_LEGEND])
{
  guint n = 0;

  if (self->profile.altitude != NULL)
    names[n++] = _("Elevation");
  if (self->profile.speed != NULL)
    names[n++] = self->profile.pace ? _("Pace") : _("Speed");
  if (self->profile.heart_rate != NULL)
    names[n++] = _("Heart rate");
  if (self->profile.cadence != NULL)
    names[n++] = _("Cadence");
  if (rsb_profile_chart_has_beats (self))
    /* Translators: the legend of the dashed line at each song's tempo on the cadence scale */
    names[n++] = _("Song’s beat");
  return n;
}

/* Places the legend's entries in rows as wide as the plot, each row
 * centred over it, so that a narrow chart wraps its legend instead of
 * writing it over the units. Returns the number of rows (at least 1). */
static guint
layout_legend (RsbProfileChart       *self,
               const graphene_rect_t *plot,
               const char * const    *names,
               guint                  n,
               double                 x[MAX_LEGEND],
               guint                  row[MAX_LEGEND])
{
  double widths[MAX_LEGEND], row_width = 0;
  guint rows = 1, first = 0;

  for (guint i = 0; i <= n; i++)
    {
      if (i < n)
        {
          g_autoptr(PangoLayout) layout = small_layout (self, names[i]);
          int w, h;

          pango_layout_get_pixel_size (layout, &w, &h);
          widths[i] = LEGEND_SWATCH + 5 + w;
        }
      /* A row ends before the entry that would overflow it, or at the end. */
      if (i == n || (i > first && row_width + LEGEND_GAP + widths[i] > plot->size.width))
        {
          double at = round (plot->origin.x + (plot->size.width - row_width) / 2);

          for (guint j = first; j < i; j++)
            {
              x[j] = at;
              row[j] = rows - 1;
              at += widths[j] + LEGEND_GAP;
            }
          if (i == n)
            break;
          rows++;
          first = i;
          row_width = 0;
        }
      row_width += (i > first ? LEGEND_GAP : 0) + widths[i];
    }
  return rows;
}

void
rsb_profile_chart_get_plot_area (RsbProfileChart *self,
                                 graphene_rect_t *area)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double right = MAX (n_right_axes (self), 1) * AXIS_WIDTH;
  double bottom = STRIP_GAP + STRIP_HEIGHT + X_LABELS_HEIGHT;
  const char *names[MAX_LEGEND];
  double x[MAX_LEGEND];
  guint row[MAX_LEGEND], rows;
  double top;

  graphene_rect_init (area, AXIS_WIDTH, 0, MAX (width - AXIS_WIDTH - right, 1), 1);
  /* Laying out text for every pointer motion would cost 30 times the
   * rest: the rows are kept for the width and lines they were for. */
  if (self->legend_rows == 0 || self->legend_width != area->size.width)
    {
      self->legend_rows = layout_legend (self, area, names, legend_names (self, names), x, row);
      self->legend_width = area->size.width;
    }
  rows = self->legend_rows;
  top = rows * LEGEND_HEIGHT + PLOT_TOP_PAD;
  area->origin.y = top;
  area->size.height = MAX (height - top - bottom, 1);
}

double
rsb_profile_chart_x_to_pixel (RsbProfileChart       *self,
            const graphene_rect_t *plot,
            double                 x)
{
  double lo = self->profile.x[0], hi = self->profile.x[self->profile.n - 1];

  return plot->origin.x + (x - lo) / (hi - lo) * plot->size.width;
}

gboolean
rsb_profile_chart_x_for_point (RsbProfileChart *self,
                               guint            point,
                               double          *x)
{
  graphene_rect_t plot;

  g_return_val_if_fail (RSB_IS_PROFILE_CHART (self), FALSE);
  if (self->profile.x == NULL || point >= self->profile.n)
    return FALSE;
  rsb_profile_chart_get_plot_area (self, &plot);
  *x = rsb_profile_chart_x_to_pixel (self, &plot, self->profile.x[point]);
  return TRUE;
}

/* The point nearest to widget x, by binary search on the monotonic x. */
int
rsb_profile_chart_point_at (RsbProfileChart *self,
                            double           x)
{
  graphene_rect_t plot;
  double value;
  guint lo = 0, hi;

  g_return_val_if_fail (RSB_IS_PROFILE_CHART (self), -1);
  if (self->profile.x == NULL)
    return -1;
  rsb_profile_chart_get_plot_area (self, &plot);
  x = CLAMP (x, plot.origin.x, plot.origin.x + plot.size.width);
  value = self->profile.x[0] + (x - plot.origin.x) / plot.size.width * (self->profile.x[self->profile.n - 1] - self->profile.x[0]);
  hi = self->profile.n - 1;
  while (lo < hi)
    {
      guint middle = lo + (hi - lo) / 2;

      if (self->profile.x[middle] < value)
        lo = middle + 1;
      else
        hi = middle;
    }
  if (lo > 0 && value - self->profile.x[lo - 1] < self->profile.x[lo] - value)
    lo--;
  return lo;
}

int
rsb_profile_chart_segment_of_point (RsbProfileChart *self,
                  guint            point)
{
  guint lo = 0, hi = rsb_activity_n_segments (self->activity);

  /* Segments cover the points in order: the last one starting at or
   * before the point holds it. */
  while (hi - lo > 1)
    {
      guint middle = (lo + hi) / 2;

      if (rsb_activity_segment (self->activity, middle)->first_point <= point)
        lo = middle;
      else
        hi = middle;
    }
  return hi == 0 ? -1 : (int) lo;
}

int
rsb_profile_chart_segment_at (RsbProfileChart *self,
                              double           x)
{
  int point = rsb_profile_chart_point_at (self, x);

  return point < 0 ? -1 : rsb_profile_chart_segment_of_point (self, point);
}

/* ---- colours and text ------------------------------------------------ */

typedef struct {
  GdkRGBA fg;
  GdkRGBA pace;
  GdkRGBA heart_rate;
  GdkRGBA cadence;
  GdkRGBA in_step;
  GdkRGBA near;
  GdkRGBA elevation;
} Ink;

static void
get_ink (RsbProfileChart *self,
         Ink             *ink)
{
  gboolean dark;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &ink->fg);
  /* Light text means a dark style. */
  dark = 0.2126 * ink->fg.red + 0.7152 * ink->fg.green + 0.0722 * ink->fg.blue > 0.5;
  gdk_rgba_parse (&ink->pace, dark ? "#78aeed" : "#1a5fb4");
  gdk_rgba_parse (&ink->heart_rate, dark ? "#ff7b63" : "#c01c28");
  /* GNOME's purple, and the success and warning colours of libadwaita. */
  gdk_rgba_parse (&ink->cadence, dark ? "#dc8add" : "#813d9c");
  gdk_rgba_parse (&ink->in_step, dark ? "#8ff0a4" : "#26a269");
  gdk_rgba_parse (&ink->near, dark ? "#f8e45c" : "#c64600");
  ink->elevation = ink->fg;
}

static PangoLayout *
small_layout (RsbProfileChart *self,
              const char      *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

typedef enum { ALIGN_START, ALIGN_CENTER, ALIGN_END } Align;

/* Text placed by its left, centre or right edge and vertical centre. */
static void
draw_text (RsbProfileChart *self,
           GtkSnapshot     *snapshot,
           const char      *text,
           double           x,
           double           y,
           Align            align,
           const GdkRGBA   *colour)
{
  g_autoptr(PangoLayout) layout = small_layout (self, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  if (align == ALIGN_CENTER)
    x -= width / 2.0;
  else if (align == ALIGN_END)
    x -= width;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y - height / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static char *
format_axis_x (RsbProfileChart *self,
               double           value,
               double           step)
{
  double unit;

  if (self->axis == RSB_PROFILE_AXIS_TIME)
    {
      int minutes = (int) round (value / 60);

      return g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
    }
  unit = rsb_units_distance_metres (self->units);
  if (step < unit)
    return g_strdup_printf ("%.1f", value / unit);
  return g_strdup_printf ("%.0f", value / unit);
}

/* A round step giving ticks at least min_gap pixels apart. */
static double
nice_step (double        span,
           double        pixels,
           double        min_gap,
           const double *steps,
           guint         n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    if (span / steps[i] * min_gap <= pixels)
      return steps[i];
  return steps[n_steps - 1];
}

static double
nice_value_step (double span,
                 double pixels,
                 double min_gap)
{
  double magnitude = pow (10, floor (log10 (MAX (span, 1e-9))));
  const double mantissas[] = { 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (span / (mantissas[i] * magnitude) * min_gap <= pixels)
      return mantissas[i] * magnitude;
  return 10 * magnitude;
}

/* ---- the chart ------------------------------------------------------- */

double
rsb_profile_chart_value_to_y (const graphene_rect_t *plot,
            const RsbRange           *range,
            double                 value,
            gboolean               inverted)
{
  double t = (value - range->lo) / (range->hi - range->lo);

  t = CLAMP (t, 0, 1);
  return inverted ? plot->origin.y + t * plot->size.height
                  : plot->origin.y + plot->size.height - t * plot->size.height;
}

void
rsb_profile_chart_segment_x_range (RsbProfileChart       *self,
                 const graphene_rect_t *plot,
                 guint                  s,
                 double                *x0,
                 double                *x1)
{
  const RsbSegment *segment = rsb_activity_segment (self->activity, s);
  guint end = s + 1 < rsb_activity_n_segments (self->activity)
              ? rsb_activity_segment (self->activity, s + 1)->first_point : segment->last_point;

  *x0 = rsb_profile_chart_x_to_pixel (self, plot, self->profile.x[segment->first_point]);
  *x1 = rsb_profile_chart_x_to_pixel (self, plot, self->profile.x[end]);
}

/* Bands behind the lines, and below the plot a strip in the map's own
 * colours: "no music" dashed grey there as on the map, hatched above. */
static void
draw_bands (RsbProfileChart       *self,
            GtkSnapshot           *snapshot,
            cairo_t               *cr,
            const graphene_rect_t *plot,
            const Ink             *ink)
{
  double strip_y = plot->origin.y + plot->size.height + STRIP_GAP;

  for (guint s = 0; s < rsb_activity_n_segments (self->activity); s++)
    {
      GdkRGBA colour = g_array_index (self->colours, GdkRGBA, s);
      gboolean music = rsb_segment_has_music (rsb_activity_segment (self->activity, s));
      gboolean selected = (int) s == self->selected;
      double x0, x1;

      rsb_profile_chart_segment_x_range (self, plot, s, &x0, &x1);
      if (x1 - x0 < 0.5)
        x1 = x0 + 0.5;
      if (music)
        {
          GdkRGBA band = colour;

          band.alpha = selected ? BAND_SELECTED_ALPHA : self->selected >= 0 ? BAND_DIM_ALPHA : BAND_ALPHA;
          gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x0, plot->origin.y, x1 - x0, plot->size.height));
          gtk_snapshot_append_color (snapshot, &colour, &GRAPHENE_RECT_INIT (x0, strip_y, x1 - x0, STRIP_HEIGHT));
        }
      else
        {
          cairo_save (cr);
          cairo_rectangle (cr, x0, plot->origin.y, x1 - x0, plot->size.height);
          cairo_clip (cr);
          cairo_set_source_rgba (cr, ink->fg.red, ink->fg.green, ink->fg.blue, selected ? 0.35 : 0.14);
          cairo_set_line_width (cr, 1);
          for (double hx = x0 - plot->size.height; hx < x1; hx += HATCH_STEP)
            {
              cairo_move_to (cr, hx, plot->origin.y + plot->size.height);
              cairo_line_to (cr, hx + plot->size.height, plot->origin.y);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
          for (double dx = x0; dx < x1; dx += 8)
            gtk_snapshot_append_color (snapshot, &colour, &GRAPHENE_RECT_INIT (dx, strip_y, MIN (4, x1 - dx), STRIP_HEIGHT));
        }
      if (selected)
        gtk_snapshot_append_color (snapshot, &colour, &GRAPHENE_RECT_INIT (x0, plot->origin.y, x1 - x0, 2));
    }
}

/* A series' value at column c, or at point i when drawing every point. */
typedef double (*ValueAt) (RsbProfileChart *self, guint i);

static double altitude_at (RsbProfileChart *self, guint i) { return self->profile.altitude[i]; }
static double speed_at (RsbProfileChart *self, guint i) { return rsb_profile_speed_value (&self->profile, self->profile.speed[i]); }
static double heart_rate_at (RsbProfileChart *self, guint i) { return self->profile.heart_rate[i]; }
static double cadence_at (RsbProfileChart *self, guint i) { return self->profile.cadence[i]; }

/* Traces a series as a line over the columns (or the points) that
 * have one, broken where the recording paused or the series has no
 * value. Returns whether anything was traced. */
static gboolean
trace_series (RsbProfileChart       *self,
              cairo_t               *cr,
              const graphene_rect_t *plot,
              const double          *columns,
              ValueAt                value_at,
              const RsbRange           *range,
              gboolean               inverted,
              gboolean               as_area)
{
  double bottom = plot->origin.y + plot->size.height;
  guint n = self->downsample ? (guint) self->profile.columns_width : self->profile.n;
  gboolean drawing = FALSE, any = FALSE;
  double last_x = 0;

  for (guint i = 0; i < n; i++)
    {
      RsbProfileColumnKind kind = self->downsample ? self->profile.column_kind[i] : rsb_profile_kind_of_point (&self->profile, i);
      double v, x, y;

      if (kind == RSB_PROFILE_COLUMN_EMPTY)
        continue;
      v = self->downsample ? columns[i] : value_at (self, i);
      x = self->downsample ? plot->origin.x + i + 0.5 : rsb_profile_chart_x_to_pixel (self, plot, self->profile.x[i]);
      if (isnan (v) || kind == RSB_PROFILE_COLUMN_RESUMED)
        {
          if (drawing && as_area)
            cairo_line_to (cr, last_x, bottom), cairo_close_path (cr);
          drawing = FALSE;
          if (isnan (v))
            continue;
        }
      y = rsb_profile_chart_value_to_y (plot, range, v, inverted);
      if (!drawing && as_area)
        cairo_move_to (cr, x, bottom), cairo_line_to (cr, x, y);
      else if (!drawing)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      drawing = any = TRUE;
      last_x = x;
    }
  if (drawing && as_area)
    cairo_line_to (cr, last_x, bottom), cairo_close_path (cr);
  return any;
}

static void
draw_series (RsbProfileChart       *self,
             cairo_t               *cr,
             const graphene_rect_t *plot,
             const Ink             *ink)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* As on the map: cairo's scan converter is most of a frame, and its
   * fast antialiasing does not show on lines this thin. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  if (self->profile.altitude != NULL &&
      trace_series (self, cr, plot, self->profile.column_altitude, altitude_at, &self->profile.altitude_range, FALSE, TRUE))
    {
      cairo_set_source_rgba (cr, ink->elevation.red, ink->elevation.green, ink->elevation.blue, 0.13);
      cairo_fill (cr);
      trace_series (self, cr, plot, self->profile.column_altitude, altitude_at, &self->profile.altitude_range, FALSE, FALSE);
      cairo_set_source_rgba (cr, ink->elevation.red, ink->elevation.green, ink->elevation.blue, 0.45);
      cairo_set_line_width (cr, 1.25);
      cairo_stroke (cr);
    }
  if (self->profile.heart_rate != NULL &&
      trace_series (self, cr, plot, self->profile.column_heart_rate, heart_rate_at, &self->profile.heart_rate_range, FALSE, FALSE))
    {
      gdk_cairo_set_source_rgba (cr, &ink->heart_rate);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (self->profile.cadence != NULL &&
      trace_series (self, cr, plot, self->profile.column_cadence, cadence_at, &self->profile.cadence_range, FALSE, FALSE))
    {
      gdk_cairo_set_source_rgba (cr, &ink->cadence);
      cairo_set_line_width (cr, 1.25);
      cairo_stroke (cr);
    }
  rsb_profile_chart_draw_beats (self, cr, plot, &ink->cadence, &ink->in_step, &ink->near);
  if (self->profile.speed != NULL &&
      trace_series (self, cr, plot, self->profile.column_speed, speed_at, &self->profile.speed_range, self->profile.pace, FALSE))
    {
      gdk_cairo_set_source_rgba (cr, &ink->pace);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

typedef char *(*FormatTick) (double value);

static char *format_whole (double v) { return g_strdup_printf ("%.0f", v); }

/* Tick labels of one value axis, in the series' colour, with its unit
 * above them; gridlines for the one on the left. The series is in the
 * profile's units (metres, s/km, km/h); scale turns them into the ones
 * labelled, in which step is. */
static void
draw_value_axis (RsbProfileChart       *self,
                 GtkSnapshot           *snapshot,
                 const graphene_rect_t *plot,
                 const RsbRange           *range,
                 gboolean               inverted,
                 double                 scale,
                 double                 step,
                 FormatTick             format,
                 const char            *unit,
                 double                 label_x,
                 Align                  align,
                 const GdkRGBA         *colour,
                 const GdkRGBA         *grid)
{
  for (double v = ceil (range->lo * scale / step) * step; v <= range->hi * scale; v += step)
    {
      g_autofree char *label = format (v);
      double y = rsb_profile_chart_value_to_y (plot, range, v / scale, inverted);

      if (grid != NULL)
        gtk_snapshot_append_color (snapshot, grid, &GRAPHENE_RECT_INIT (plot->origin.x, round (y), plot->size.width, 1));
      if (y - plot->origin.y > 6)
        draw_text (self, snapshot, label, label_x, y, align, colour);
    }
  draw_text (self, snapshot, unit, label_x, LEGEND_HEIGHT / 2, align, colour);
}

static void
draw_axes (RsbProfileChart       *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *plot,
           const Ink             *ink)
{
  /* In tenths to hundreds of the distance unit. */
  static const double distance_steps[] = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100 };
  static const double time_steps[] = { 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600 };
  GdkRGBA dim = ink->fg, grid = ink->fg;
  double right = plot->origin.x + plot->size.width;
  double labels_y = plot->origin.y + plot->size.height + STRIP_GAP + STRIP_HEIGHT + X_LABELS_HEIGHT / 2 + 1;
  double lo = self->profile.x[0], span = self->profile.x[self->profile.n - 1] - lo, step;
  gboolean time = self->axis == RSB_PROFILE_AXIS_TIME;
  double unit = rsb_units_distance_metres (self->units);
  double axis_x = right + 8;

  dim.alpha = 0.6;
  grid.alpha = 0.08;
  step = time ? nice_step (span, plot->size.width, MIN_TICK_GAP_PX, time_steps, G_N_ELEMENTS (time_steps))
              : unit * nice_step (span / unit, plot->size.width, MIN_TICK_GAP_PX, distance_steps, G_N_ELEMENTS (distance_steps));
  for (double v = 0; v <= span + 1e-9; v += step)
    {
      g_autofree char *label = format_axis_x (self, lo + v, step);
      double x = plot->origin.x + v / span * plot->size.width;

      /* The unit sits at the end of the axis; no tick crowds it. */
      if (x > right - 40)
        break;
      draw_text (self, snapshot, label, x, labels_y, v == 0 ? ALIGN_START : ALIGN_CENTER, &dim);
    }
  draw_text (self, snapshot, time ? _("h:mm") : rsb_units_symbol (self->units, RSB_UNIT_DISTANCE), right, labels_y, ALIGN_END, &dim);

  if (self->profile.altitude != NULL)
    {
      double scale = rsb_units_elevation_per_metre (self->units);

      draw_value_axis (self, snapshot, plot, &self->profile.altitude_range, FALSE, scale,
                       nice_value_step ((self->profile.altitude_range.hi - self->profile.altitude_range.lo) * scale,
                                        plot->size.height, 28),
                       format_whole, rsb_units_symbol (self->units, RSB_UNIT_ELEVATION), plot->origin.x - 6, ALIGN_END, &dim, &grid);
    }
  if (self->profile.speed != NULL)
    {
      static const double pace_steps[] = { 15, 30, 60, 120, 300, 600 };
      /* The profile has s/km or km/h. */
      double scale = self->profile.pace ? unit / 1000 : 1000 / unit;
      double span_y = (self->profile.speed_range.hi - self->profile.speed_range.lo) * scale;

      draw_value_axis (self, snapshot, plot, &self->profile.speed_range, self->profile.pace, scale,
                       self->profile.pace ? nice_step (span_y, plot->size.height, 28, pace_steps, G_N_ELEMENTS (pace_steps))
                                          : nice_value_step (span_y, plot->size.height, 28),
                       self->profile.pace ? rsb_format_pace_value : format_whole,
                       rsb_units_symbol (self->units, self->profile.pace ? RSB_UNIT_PACE : RSB_UNIT_SPEED),
                       axis_x, ALIGN_START, &ink->pace, NULL);
      axis_x += AXIS_WIDTH;
    }
  if (self->profile.heart_rate != NULL)
    {
      draw_value_axis (self, snapshot, plot, &self->profile.heart_rate_range, FALSE, 1,
                       nice_value_step (self->profile.heart_rate_range.hi - self->profile.heart_rate_range.lo, plot->size.height, 28),
                       format_whole, rsb_format_heart_rate_unit (), axis_x, ALIGN_START, &ink->heart_rate, NULL);
      axis_x += AXIS_WIDTH;
    }
  if (shows_cadence_axis (self))
    draw_value_axis (self, snapshot, plot, &self->profile.cadence_range, FALSE, 1,
                     nice_value_step (self->profile.cadence_range.hi - self->profile.cadence_range.lo, plot->size.height, 28),
                     format_whole, self->profile.pace ? C_("steps per minute, an axis unit", "spm") : C_("revolutions per minute, an axis unit", "rpm"),
                     axis_x, ALIGN_START, &ink->cadence, NULL);
}

/* A key to the lines, over the plot and no wider: the axes' units
 * stand beside it in the first row. */
static void
draw_legend (RsbProfileChart       *self,
             GtkSnapshot           *snapshot,
             const graphene_rect_t *plot,
             const Ink             *ink)
{
  const char *names[MAX_LEGEND];
  GdkRGBA colours[MAX_LEGEND];
  double x[MAX_LEGEND];
  guint row[MAX_LEGEND];
  guint n = legend_names (self, names);
  GdkRGBA text = ink->fg;

  text.alpha = 0.8;
  n = 0;
  if (self->profile.altitude != NULL)
    colours[n++] = ink->elevation;
  if (self->profile.speed != NULL)
    colours[n++] = ink->pace;
  if (self->profile.heart_rate != NULL)
    colours[n++] = ink->heart_rate;
  if (self->profile.cadence != NULL)
    colours[n++] = ink->cadence;
  if (rsb_profile_chart_has_beats (self))
    colours[n++] = ink->cadence;
  layout_legend (self, plot, names, n, x, row);
  for (guint i = 0; i < n; i++)
    {
      gboolean area = self->profile.altitude != NULL && i == 0;
      double y = (row[i] + 0.5) * LEGEND_HEIGHT;
      GdkRGBA swatch = colours[i];

      if (area)
        swatch.alpha = 0.35;
      if (i == n - 1 && rsb_profile_chart_has_beats (self))
        {
          /* The beat's line is dashed: so is its swatch. */
          gtk_snapshot_append_color (snapshot, &swatch, &GRAPHENE_RECT_INIT (x[i], y - 1, 5, 2));
          gtk_snapshot_append_color (snapshot, &swatch, &GRAPHENE_RECT_INIT (x[i] + 8, y - 1, 5, 2));
        }
      else
        gtk_snapshot_append_color (snapshot, &swatch, &GRAPHENE_RECT_INIT (x[i], y - (area ? 4 : 1),
                                                                           LEGEND_SWATCH, area ? 8 : 3));
      draw_text (self, snapshot, names[i], x[i] + LEGEND_SWATCH + 5, y, ALIGN_START, &text);
    }
}

static GskRenderNode *
build_chart (RsbProfileChart *self)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  graphene_rect_t plot;
  cairo_t *cr;
  Ink ink;

  get_ink (self, &ink);
  rsb_profile_chart_get_plot_area (self, &plot);
  rsb_profile_ensure_columns (&self->profile, (int) plot.size.width);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (plot.origin.x, plot.origin.y,
                                                                 plot.size.width, plot.size.height));
  cairo_rectangle (cr, plot.origin.x, plot.origin.y, plot.size.width, plot.size.height);
  cairo_clip (cr);
  draw_bands (self, snapshot, cr, &plot, &ink);
  /* The bands' colour nodes went in after the cairo node: the lines go
   * in a second one, above them. */
  cairo_destroy (cr);
  draw_axes (self, snapshot, &plot, &ink);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (plot.origin.x - 2, plot.origin.y - 2,
                                                                 plot.size.width + 4, plot.size.height + 4));
  draw_series (self, cr, &plot, &ink);
  cairo_destroy (cr);
  draw_legend (self, snapshot, &plot, &ink);
  return gtk_snapshot_free_to_node (snapshot);
}

/* ---- the crosshair --------------------------------------------------- */

gboolean
rsb_profile_chart_get_readout (RsbProfileChart   *self,
                               RsbProfileReadout *readout)
{
  guint p;

  g_return_val_if_fail (RSB_IS_PROFILE_CHART (self), FALSE);
  if (self->hover_point < 0 || self->activity == NULL)
    return FALSE;
  p = self->hover_point;
  readout->point = p;
  readout->segment = rsb_profile_chart_segment_of_point (self, p);
  if (readout->segment >= 0 && !rsb_segment_has_music (rsb_activity_segment (self->activity, readout->segment)))
    readout->segment = -1;
  readout->distance_m = self->profile.distance ? self->profile.distance[p] : NAN;
  readout->time_s = self->profile.time ? self->profile.time[p] : NAN;
  readout->altitude_m = self->profile.altitude ? self->profile.altitude[p] : NAN;
  readout->speed_mps = self->profile.speed ? self->profile.speed[p] : NAN;
  readout->heart_rate = self->profile.heart_rate ? self->profile.heart_rate[p] : NAN;
  readout->cadence = self->profile.cadence ? self->profile.cadence[p] : NAN;
  return TRUE;
}

/* The readout as lines of plain text: the song first, then the values. */
static GPtrArray *
readout_lines (RsbProfileChart *self)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  RsbProfileReadout r;
  const RsbPlay *play;
  GString *place;

  if (!rsb_profile_chart_get_readout (self, &r))
    return lines;
  play = r.segment >= 0 ? rsb_activity_segment_play (self->activity, r.segment) : NULL;
  if (play != NULL && play->track.artists != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("%s — %s"), play->track.title, play->track.artists));
  else if (r.segment >= 0)
    g_ptr_array_add (lines, g_strdup (rsb_segment_title (self->activity, r.segment)));

  place = g_string_new (NULL);
  if (!isnan (r.distance_m))
    {
      g_autofree char *distance = rsb_format_distance_along (r.distance_m, self->units);

      g_string_append (place, distance);
    }
  if (!isnan (r.time_s))
    {
      g_autofree char *clock = rsb_format_clock (r.time_s);

      g_string_append_printf (place, "%s%s", place->len > 0 ? " · " : "", clock);
    }
  g_ptr_array_add (lines, g_string_free (place, FALSE));
  if (!isnan (r.altitude_m))
    {
      g_autofree char *elevation = rsb_format_elevation (r.altitude_m, self->units);

      g_ptr_array_add (lines, g_strdup_printf (_("Elevation %s"), elevation));
    }
  if (!isnan (rsb_profile_speed_value (&self->profile, r.speed_mps)))
    {
      g_autofree char *speed = self->profile.pace ? rsb_format_pace (r.speed_mps, self->units)
                                                  : rsb_format_speed (r.speed_mps, self->units);

      g_ptr_array_add (lines, g_strdup_printf (self->profile.pace ? _("Pace %s") : _("Speed %s"), speed));
    }
  else if (self->profile.speed != NULL && !isnan (r.speed_mps))
    g_ptr_array_add (lines, g_strdup (_("Pace — (standing)")));
  if (!isnan (r.heart_rate))
    {
      g_autofree char *heart_rate = rsb_format_heart_rate (r.heart_rate, RSB_HEART_RATE_LONG);

      g_ptr_array_add (lines, g_strdup_printf (_("Heart rate %s"), heart_rate));
    }
  if (!isnan (r.cadence))
    {
      g_autofree char *cadence = rsb_format_cadence (r.cadence, self->profile.pace);

      /* Translators: the chart's readout, "Cadence 172 spm" */
      g_ptr_array_add (lines, g_strdup_printf (_("Cadence %s"), cadence));
    }
  return lines;
}

char *
rsb_profile_chart_get_readout_text (RsbProfileChart *self)
{
  g_autoptr(GPtrArray) lines = readout_lines (self);

  if (lines->len == 0)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
draw_dot (GtkSnapshot   *snapshot,
          double         x,
          double         y,
          const GdkRGBA *colour)
{
  const GdkRGBA white = { 1, 1, 1, 1 };
  GskRoundedRect outer, inner;

  gsk_rounded_rect_init_from_rect (&outer, &GRAPHENE_RECT_INIT (x - 5, y - 5, 10, 10), 5);
  gsk_rounded_rect_init_from_rect (&inner, &GRAPHENE_RECT_INIT (x - 3.5, y - 3.5, 7, 7), 3.5);
  gtk_snapshot_push_rounded_clip (snapshot, &outer);
  gtk_snapshot_append_color (snapshot, &white, &outer.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_push_rounded_clip (snapshot, &inner);
  gtk_snapshot_append_color (snapshot, colour, &inner.bounds);
  gtk_snapshot_pop (snapshot);
}

/* The readout box, like a tooltip, beside the crosshair. */
static void
draw_readout (RsbProfileChart       *self,
              GtkSnapshot           *snapshot,
              const graphene_rect_t *plot,
              double                 x)
{
  g_autoptr(GPtrArray) lines = readout_lines (self);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  const GdkRGBA background = { 0.1, 0.1, 0.1, 0.85 }, white = { 1, 1, 1, 1 };
  GskRoundedRect box;
  int w, h;
  double bx;

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (lines, i), -1);

      if (i == 0)
        g_string_append_printf (markup, "<b>%s</b>", escaped);
      else
        g_string_append_printf (markup, "\n%s", escaped);
    }
  layout = small_layout (self, NULL);
  pango_layout_set_markup (layout, markup->str, -1);
  pango_layout_set_width (layout, 320 * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  bx = x + 12 + w + 16 > plot->origin.x + plot->size.width ? x - 12 - w - 16 : x + 12;
  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (round (bx), plot->origin.y + 4, w + 16, h + 10), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &background, &box.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (bx) + 8, plot->origin.y + 9));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
draw_crosshair (RsbProfileChart       *self,
                GtkSnapshot           *snapshot,
                const graphene_rect_t *plot)
{
  guint p = self->hover_point;
  double x = round (rsb_profile_chart_x_to_pixel (self, plot, self->profile.x[p])) + 0.5;
  /* The point's own column: a sparse recording's neighbours have none. */
  int c = rsb_profile_column_of_point (&self->profile, p, self->profile.columns_width);
  GdkRGBA line;
  Ink ink;

  get_ink (self, &ink);
  line = ink.fg;
  line.alpha = 0.55;
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x - 0.5, plot->origin.y, 1, plot->size.height));
  /* Dots where the drawn lines cross, so they sit on them. */
  if (self->profile.altitude != NULL && !isnan (self->profile.column_altitude[c]))
    draw_dot (snapshot, x, rsb_profile_chart_value_to_y (plot, &self->profile.altitude_range, self->profile.column_altitude[c], FALSE), &ink.fg);
  if (self->profile.heart_rate != NULL && !isnan (self->profile.column_heart_rate[c]))
    draw_dot (snapshot, x, rsb_profile_chart_value_to_y (plot, &self->profile.heart_rate_range, self->profile.column_heart_rate[c], FALSE), &ink.heart_rate);
  if (self->profile.cadence != NULL && !isnan (self->profile.column_cadence[c]))
    draw_dot (snapshot, x, rsb_profile_chart_value_to_y (plot, &self->profile.cadence_range, self->profile.column_cadence[c], FALSE), &ink.cadence);
  if (self->profile.speed != NULL && !isnan (self->profile.column_speed[c]))
    draw_dot (snapshot, x, rsb_profile_chart_value_to_y (plot, &self->profile.speed_range, self->profile.column_speed[c], self->profile.pace), &ink.pace);
  draw_readout (self, snapshot, plot, x);
}

static void
draw_empty (RsbProfileChart *self,
            GtkSnapshot     *snapshot)
{
  GdkRGBA dim;
  Ink ink;

  get_ink (self, &ink);
  dim = ink.fg;
  dim.alpha = 0.55;
  draw_text (self, snapshot, _("No distance or time was recorded, so there is no profile to draw"),
             gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, gtk_widget_get_height (GTK_WIDGET (self)) / 2.0,
             ALIGN_CENTER, &dim);
}

static void
rsb_profile_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RsbProfileChart *self = RSB_PROFILE_CHART (widget);
  graphene_rect_t plot;

  if (self->activity == NULL)
    return;
  if (self->profile.x == NULL)
    {
      draw_empty (self, snapshot);
      return;
    }
  if (self->chart_node == NULL)
    self->chart_node = build_chart (self);
  gtk_snapshot_append_node (snapshot, self->chart_node);
  if (self->hover_point >= 0)
    {
      rsb_profile_chart_get_plot_area (self, &plot);
      draw_crosshair (self, snapshot, &plot);
    }
}

/* ---- interaction ----------------------------------------------------- */

/* Pointer, keys and clicks are in rsb-profile-chart-input.c. */
void
rsb_profile_chart_emit_segment_clicked (RsbProfileChart *self,
                                        guint            segment)
{
  g_signal_emit (self, signals[SEGMENT_CLICKED], 0, segment);
}

static void
update_accessible_value (RsbProfileChart *self)
{
  g_autofree char *text = rsb_profile_chart_get_readout_text (self);
  double now = self->hover_point >= 0 && self->profile.x != NULL ? self->profile.x[self->hover_point] - self->profile.x[0] : 0;

  if (text != NULL)
    {
      g_strdelimit (text, "\n", ',');
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, now,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
}

void
rsb_profile_chart_hover_point (RsbProfileChart *self,
                               int              point)
{
  g_return_if_fail (RSB_IS_PROFILE_CHART (self));

  if (self->profile.x == NULL || point >= (int) self->profile.n)
    point = -1;
  if (point == self->hover_point)
    return;
  self->hover_point = point;
  update_accessible_value (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[HOVER_CHANGED], 0, point);
}

int
rsb_profile_chart_get_hover_point (RsbProfileChart *self)
{
  g_return_val_if_fail (RSB_IS_PROFILE_CHART (self), -1);
  return self->hover_point;
}

/* The labels, ticks and readout speak the units chosen in Preferences;
 * the lines themselves do not move. */
static void
on_units_changed (RsbProfileChart *self)
{
  self->units = rsb_units_current ();
  update_accessible_value (self);
  rsb_profile_chart_invalidate (self);
}

/* Says what the chart shows, for screen readers. */
static void
update_accessible (RsbProfileChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->profile.x == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No profile for this activity"),
                                      -1);
      return;
    }
  g_string_append (text, self->axis == RSB_PROFILE_AXIS_TIME ? _("Over time: ") : _("Over distance: "));
  if (self->profile.altitude != NULL)
    g_string_append (text, _("elevation as an area, "));
  if (self->profile.speed != NULL)
    g_string_append (text, self->profile.pace ? _("pace as a blue line, faster higher, ") : _("speed as a blue line, "));
  if (self->profile.heart_rate != NULL)
    g_string_append (text, _("heart rate as a red line, "));
  if (self->profile.cadence != NULL)
    g_string_append (text, _("cadence as a purple line, "));
  if (rsb_profile_chart_has_beats (self))
    g_string_append (text, _("each song’s beat as a dashed purple line, marked at the top where you ran in step, "));
  g_string_append_printf (text, ngettext ("and %u song as a coloured band. ", "and %u songs as coloured bands. ",
                                          self->activity->match->n_songs), self->activity->match->n_songs);
  g_string_append (text, _("Left and Right move along the route and read the values there; Enter selects the song there."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->profile.x[self->profile.n - 1] - self->profile.x[0],
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}

static void
rsb_profile_chart_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  RsbProfileChart *self = RSB_PROFILE_CHART (widget);

  if (width == self->node_width && height == self->node_height)
    return;
  self->node_width = width;
  self->node_height = height;
  rsb_profile_chart_invalidate (self);
}

static void
rsb_profile_chart_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rsb_profile_chart_parent_class)->css_changed (widget, change);
  /* The legend's text may have changed size. */
  RSB_PROFILE_CHART (widget)->legend_rows = 0;
  rsb_profile_chart_invalidate (RSB_PROFILE_CHART (widget));
}

static void
rsb_profile_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
  else
    {
      *minimum = 3 * AXIS_WIDTH + 120;
      *natural = 600;
    }
}

static void
rsb_profile_chart_finalize (GObject *object)
{
  RsbProfileChart *self = RSB_PROFILE_CHART (object);

  rsb_profile_clear (&self->profile);
  g_clear_pointer (&self->colours, g_array_unref);
  g_clear_pointer (&self->beats, g_array_unref);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  G_OBJECT_CLASS (rsb_profile_chart_parent_class)->finalize (object);
}

static void
rsb_profile_chart_class_init (RsbProfileChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rsb_profile_chart_finalize;
  widget_class->snapshot = rsb_profile_chart_snapshot;
  widget_class->measure = rsb_profile_chart_measure;
  widget_class->size_allocate = rsb_profile_chart_size_allocate;
  widget_class->css_changed = rsb_profile_chart_css_changed;

  signals[SEGMENT_CLICKED] = g_signal_new ("segment-clicked", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[HOVER_CHANGED] = g_signal_new ("hover-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT);
  gtk_widget_class_set_css_name (widget_class, "profilechart");
  /* A slider: the crosshair is a position along the route that the
   * keyboard moves, and its readout is the value text. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
rsb_profile_chart_init (RsbProfileChart *self)
{
  self->selected = -1;
  self->hover_point = -1;
  self->downsample = TRUE;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  rsb_profile_chart_add_controllers (self);
  self->units = rsb_units_current ();
  rsb_units_watch (self, G_CALLBACK (on_units_changed));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workout profile"),
                                  -1);
}
