/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-fit-chart.c: see rsb-tempo-fit-chart.h. Pace is drawn
 * faster upwards, so a rising line reads "faster with the beat" for
 * runners and riders alike. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rsb-tempo-fit-chart.h"
#include "rsb-tempo-plot.h"
#include "rsb-format.h"
#include "rsb-units-setting.h"

struct _RsbTempoFitChart
{
  GtkWidget               parent_instance;
  gboolean                by_energy;
  const RsbTempoAnalysis *analysis;
  RsbUnits                units;
  guint                   n;
  float                  *x;
  float                  *y;      /* seconds per km or mi; km/h or mph */
  guint8                 *kind;
  double                  x0, x1, y0, y1;
  cairo_surface_t        *image;
  int                     image_width, image_height;
};

G_DEFINE_FINAL_TYPE (RsbTempoFitChart, rsb_tempo_fit_chart, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_BY_ENERGY };

GtkWidget *
rsb_tempo_fit_chart_new (gboolean by_energy)
{
  return g_object_new (RSB_TYPE_TEMPO_FIT_CHART, "by-energy", by_energy, NULL);
}

static void
rsb_tempo_fit_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  if (prop_id == PROP_BY_ENERGY)
    RSB_TEMPO_FIT_CHART (object)->by_energy = g_value_get_boolean (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rsb_tempo_fit_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  if (prop_id == PROP_BY_ENERGY)
    g_value_set_boolean (value, RSB_TEMPO_FIT_CHART (object)->by_energy);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* A pace (s/m) or speed (m/s) in the user's units. */
static double
shown_value (double   si,
             gboolean on_foot,
             RsbUnits units)
{
  return on_foot ? si * rsb_units_distance_metres (units) : si * 3600 / rsb_units_distance_metres (units);
}

char *
rsb_tempo_fit_chart_describe (const RsbTempoAnalysis *analysis,
                              gboolean                by_energy)
{
  const RsbTempoFit *fit;
  g_autofree char *slope = NULL;

  if (analysis == NULL)
    return g_strdup ("");
  fit = by_energy ? &analysis->pace_vs_energy : &analysis->pace_vs_tempo;
  if (!fit->enough)
    /* Translators: a fit needs at least the second number of song
       segments; the first is how many there are */
    return g_strdup_printf (ngettext ("Not enough data: %u song segment, %u needed",
                                      "Not enough data: %u song segments, %u needed", fit->n),
                            fit->n, RSB_TEMPO_FIT_MIN_POINTS);
  if (isnan (fit->r))
    /* Translators: every song segment has the same tempo (or energy): no line to fit */
    return g_strdup_printf (ngettext ("No spread to fit a line: %u song segment, all alike",
                                      "No spread to fit a line: %u song segments, all alike", fit->n), fit->n);
  slope = rsb_format_tempo_slope (fit->slope, analysis->on_foot, by_energy, rsb_units_current ());
  /* Translators: a fitted line: its slope, Pearson's r and the number of song segments */
  return g_strdup_printf (_("Slope %s, r = %.2f, n = %u"), slope, fit->r, fit->n);
}

void
rsb_tempo_fit_chart_set_analysis (RsbTempoFitChart       *self,
                                  const RsbTempoAnalysis *analysis)
{
  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
  g_autofree char *text = NULL;

  self->analysis = analysis;
  self->units = rsb_units_current ();
  self->n = 0;
  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->y, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  if (analysis != NULL)
    {
      guint len = MAX (analysis->points->len, 1);

      self->x = g_new (float, len);
      self->y = g_new (float, len);
      self->kind = g_new0 (guint8, len);
      for (guint i = 0; i < analysis->points->len; i++)
        {
          const RsbTempoPoint *p = rsb_tempo_analysis_point (analysis, i);
          double x = self->by_energy ? p->energy : p->bpm;
          double y = rsb_tempo_point_pace_value (p, analysis->on_foot);

          if (isnan (x) || isnan (y) || p->on_foot != analysis->on_foot)
            continue;
          y = shown_value (y, analysis->on_foot, self->units);
          self->x[self->n] = x;
          self->y[self->n] = y;
          self->n++;
          xmin = MIN (xmin, x), xmax = MAX (xmax, x);
          ymin = MIN (ymin, y), ymax = MAX (ymax, y);
        }
    }
  if (self->n == 0)
    xmin = self->by_energy ? 0 : 60, xmax = self->by_energy ? 1 : 200, ymin = 0, ymax = 1;
  if (self->by_energy)
    xmin = 0, xmax = 1;
  else
    xmin = floor ((xmin - 5) / 10) * 10, xmax = ceil ((xmax + 5) / 10) * 10;
  self->x0 = xmin, self->x1 = xmax;
  {
    double pad = MAX ((ymax - ymin) * 0.08, 1);

    /* Faster is up: a pace axis runs from slow (bottom) to quick. */
    if (analysis != NULL && analysis->on_foot)
      self->y0 = ymax + pad, self->y1 = ymin - pad;
    else
      self->y0 = ymin - pad, self->y1 = ymax + pad;
  }
  text = rsb_tempo_fit_chart_describe (analysis, self->by_energy);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static char *
label_x (double   value,
         gpointer data)
{
  RsbTempoFitChart *self = data;

  return self->by_energy ? g_strdup_printf ("%.1f", value) : g_strdup_printf ("%.0f", value);
}

static char *
label_y (double   value,
         gpointer data)
{
  RsbTempoFitChart *self = data;

  if (self->analysis != NULL && self->analysis->on_foot)
    return rsb_format_pace_value (value);
  return g_strdup_printf ("%.0f", value);
}

static void
append_fit_line (RsbTempoFitChart   *self,
                 GtkSnapshot        *snapshot,
                 const RsbTempoPlot *plot)
{
  const RsbTempoFit *fit = self->by_energy ? &self->analysis->pace_vs_energy : &self->analysis->pace_vs_tempo;
  gboolean on_foot = self->analysis->on_foot;
  double ya, yb;
  cairo_t *cr;

  if (!fit->enough || isnan (fit->slope))
    return;
  ya = shown_value (fit->intercept + fit->slope * self->x0, on_foot, self->units);
  yb = shown_value (fit->intercept + fit->slope * self->x1, on_foot, self->units);
  cr = gtk_snapshot_append_cairo (snapshot, &plot->area);
  cairo_rectangle (cr, plot->area.origin.x, plot->area.origin.y, plot->area.size.width, plot->area.size.height);
  cairo_clip (cr);
  cairo_move_to (cr, rsb_tempo_plot_x (plot, self->x0), rsb_tempo_plot_y (plot, ya));
  cairo_line_to (cr, rsb_tempo_plot_x (plot, self->x1), rsb_tempo_plot_y (plot, yb));
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
rsb_tempo_fit_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  RsbTempoFitChart *self = RSB_TEMPO_FIT_CHART (widget);
  RsbTempoPlot plot;
  GdkRGBA fg;
  g_autofree char *y_title = NULL;
  gboolean on_foot;

  rsb_tempo_plot_init (&plot, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                       self->x0, self->x1, self->y0, self->y1);
  rsb_tempo_plot_ink (widget, &fg);
  on_foot = self->analysis == NULL || self->analysis->on_foot;
  rsb_tempo_plot_axes (&plot, widget, snapshot,
                       self->by_energy ? 0.2 : rsb_tempo_plot_step (self->x1 - self->x0, 6), label_x,
                       rsb_tempo_plot_step (self->y1 - self->y0, 4), label_y, self,
                       /* Translators: the fit chart's x axis: the song's energy, 0 to 1 */
                       self->by_energy ? _("energy →") : _("song BPM →"),
                       y_title = g_strdup_printf (on_foot ? _("↑ faster (min%s)") : _("↑ faster (%s)"),
                                                  rsb_units_symbol (self->units, on_foot ? RSB_UNIT_PACE : RSB_UNIT_SPEED)));
  if (self->analysis == NULL)
    return;
  if (self->image == NULL || self->image_width != (int) plot.area.size.width ||
      self->image_height != (int) plot.area.size.height)
    {
      GdkRGBA colours[8];

      for (guint k = 0; k < 8; k++)
        colours[k] = (GdkRGBA) { fg.red, fg.green, fg.blue, 0.35 };
      g_clear_pointer (&self->image, cairo_surface_destroy);
      self->image = rsb_tempo_plot_dots (&plot, NULL, gtk_widget_get_scale_factor (widget),
                                         self->x, self->y, self->kind, self->n, colours);
      self->image_width = plot.area.size.width;
      self->image_height = plot.area.size.height;
    }
  rsb_tempo_plot_append_image (&plot, snapshot, self->image);
  append_fit_line (self, snapshot, &plot);
}

static void
rsb_tempo_fit_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rsb_tempo_fit_chart_parent_class)->css_changed (widget, change);
  g_clear_pointer (&RSB_TEMPO_FIT_CHART (widget)->image, cairo_surface_destroy);
}

static void
rsb_tempo_fit_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 180;
}

static void
rsb_tempo_fit_chart_finalize (GObject *object)
{
  RsbTempoFitChart *self = RSB_TEMPO_FIT_CHART (object);

  g_free (self->x);
  g_free (self->y);
  g_free (self->kind);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  G_OBJECT_CLASS (rsb_tempo_fit_chart_parent_class)->finalize (object);
}

static void
rsb_tempo_fit_chart_class_init (RsbTempoFitChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rsb_tempo_fit_chart_finalize;
  G_OBJECT_CLASS (klass)->set_property = rsb_tempo_fit_chart_set_property;
  G_OBJECT_CLASS (klass)->get_property = rsb_tempo_fit_chart_get_property;
  /* Energy (0..1) across instead of the song's tempo. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_BY_ENERGY,
    g_param_spec_boolean ("by-energy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  widget_class->snapshot = rsb_tempo_fit_chart_snapshot;
  widget_class->measure = rsb_tempo_fit_chart_measure;
  widget_class->css_changed = rsb_tempo_fit_chart_css_changed;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "tempo-fit-chart");
}

static void
rsb_tempo_fit_chart_init (RsbTempoFitChart *self)
{
  self->x0 = 60, self->x1 = 200, self->y0 = 0, self->y1 = 1;
}
