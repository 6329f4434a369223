/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-scatter.c: see rsb-tempo-scatter.h. Drawn with GtkSnapshot
 * like the profile chart; the dots go into one image that is kept until
 * the data, the size or the style changes, so hovering redraws only the
 * rings. Keyboard: Left/Right step through the dots by tempo, Up/Down
 * to the nearest dot above or below, Home/End, Enter opens. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "rsb-tempo-scatter.h"
#include "rsb-tempo-plot.h"
#include "rsb-format.h"

#define HIT_RADIUS 12.0

enum { KIND_OFF, KIND_NEAR, KIND_IN };

struct _RsbTempoScatter
{
  GtkWidget               parent_instance;
  const RsbTempoAnalysis *analysis;
  guint                   n;
  float                  *x;        /* BPM */
  float                  *y;        /* cadence */
  guint8                 *kind;
  guint                  *index;    /* analysis point index, by ascending BPM */
  int                    *order;    /* by analysis point index: its place in index, or -1 */
  guint                   n_order;
  gboolean                vector_dots;
  double                  x0, x1, y0, y1;
  gboolean                on_foot;
  int                     hovered;
  int                     selected;
  cairo_surface_t        *image;
  cairo_surface_t        *spare;    /* the image shown before, to draw the next one into */
  gboolean                image_stale;
  int                     image_width, image_height, image_scale;
};

enum { PROP_0, PROP_HOVERED, PROP_SELECTED, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { POINT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsbTempoScatter, rsb_tempo_scatter, GTK_TYPE_WIDGET)

GtkWidget *
rsb_tempo_scatter_new (void)
{
  return g_object_new (RSB_TYPE_TEMPO_SCATTER, NULL);
}

static void
plot_of (RsbTempoScatter *self,
         RsbTempoPlot    *plot)
{
  rsb_tempo_plot_init (plot, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                       self->x0, self->x1, self->y0, self->y1);
}

/* The position in the drawn order of an analysis point, or -1. */
static int
order_of (RsbTempoScatter *self,
          int              point)
{
  return point >= 0 && (guint) point < self->n_order ? self->order[point] : -1;
}

char *
rsb_tempo_scatter_describe (const RsbTempoAnalysis *analysis,
                            int                     point)
{
  const RsbTempoPoint *p;
  const RsbTempoTrack *track;
  const RsbTempoActivity *activity;
  g_autofree char *tempo = NULL, *cadence = NULL, *date = NULL;
  const char *verdict;

  if (analysis == NULL || point < 0 || (guint) point >= analysis->points->len)
    return NULL;
  p = rsb_tempo_analysis_point (analysis, point);
  track = rsb_tempo_library_track (analysis->library, p->track_id);
  activity = rsb_tempo_library_activity (analysis->library, p->activity_id);
  tempo = rsb_format_bpm (p->bpm);
  cadence = rsb_format_cadence (p->cadence, p->on_foot);
  date = rsb_format_local_date_short (p->activity_start_ms);
  verdict = p->step == RSB_STEP_IN ? _("in step")
          : p->step == RSB_STEP_NEAR ? _("near the beat")
          : _("off the beat");
  /* Translators: a song segment on the Tempo page: song, artists,
   * workout, its date, the song's tempo, the cadence, and whether the
   * cadence was in step with the beat */
  return g_strdup_printf (_("%s — %s · %s, %s · %s · %s · %s"),
                          track && track->title ? track->title : _("Unknown song"),
                          track && track->artists ? track->artists : _("Unknown artist"),
                          activity && activity->name ? activity->name : _("Workout"),
                          date, tempo, cadence, verdict);
}

static void
update_accessible (RsbTempoScatter *self)
{
  int point = self->selected >= 0 ? self->selected : self->hovered;
  g_autofree char *text = rsb_tempo_scatter_describe (self->analysis, point);
  g_autofree char *summary = g_strdup_printf (ngettext ("%u song segment: song tempo across, cadence up. Arrow keys move between them, Enter opens one.",
                                                        "%u song segments: song tempo across, cadence up. Arrow keys move between them, Enter opens one.",
                                                        self->n), self->n);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : summary,
                                  -1);
}

static void
set_hovered (RsbTempoScatter *self,
             int              point)
{
  if (self->hovered == point)
    return;
  self->hovered = point;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HOVERED]);
}

void
rsb_tempo_scatter_set_selected (RsbTempoScatter *self,
                                int              point)
{
  g_return_if_fail (RSB_IS_TEMPO_SCATTER (self));

  if (order_of (self, point) < 0)
    point = -1;
  if (self->selected == point)
    return;
  self->selected = point;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTED]);
}

int
rsb_tempo_scatter_get_hovered (RsbTempoScatter *self)
{
  return self->hovered;
}

int
rsb_tempo_scatter_get_selected (RsbTempoScatter *self)
{
  return self->selected;
}

guint
rsb_tempo_scatter_get_n_points (RsbTempoScatter *self)
{
  return self->n;
}

/* The image is drawn again on the next frame. It stays until then:
 * the frame on screen may still show it, so the new one is drawn into
 * the spare (the one shown before it), never into this. */
static void
forget_image (RsbTempoScatter *self)
{
  self->image_stale = TRUE;
}

void
rsb_tempo_scatter_forget_image (RsbTempoScatter *self)
{
  forget_image (self);
}

void
rsb_tempo_scatter_set_vector_dots (RsbTempoScatter *self,
                                   gboolean         vector)
{
  self->vector_dots = vector;
  forget_image (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The benchmark's baseline: every dot a circle of its own. */
static void
append_vector_dots (RsbTempoScatter    *self,
                    GtkSnapshot        *snapshot,
                    const RsbTempoPlot *plot,
                    const GdkRGBA      *colours)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &plot->area);

  for (guint i = 0; i < self->n; i++)
    {
      cairo_arc (cr, rsb_tempo_plot_x (plot, self->x[i]), rsb_tempo_plot_y (plot, self->y[i]), 2, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &colours[self->kind[i]]);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

typedef struct {
  float  x, y;
  guint  index;
  guint8 kind;
} Dot;

static int
by_tempo (gconstpointer a,
          gconstpointer b)
{
  const Dot *x = a, *y = b;

  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return (x->y > y->y) - (x->y < y->y);
}

/* Whole tens around the data, and never narrower than 60 BPM. */
static void
fit_range (double  low,
           double  high,
           double *from,
           double *to)
{
  if (!(low <= high))
    low = 60, high = 200;
  *from = floor ((low - 5) / 10) * 10;
  *to = ceil ((high + 5) / 10) * 10;
  if (*to - *from < 60)
    {
      double mid = (*from + *to) / 2;

      *from = mid - 30;
      *to = mid + 30;
    }
}

void
rsb_tempo_scatter_set_analysis (RsbTempoScatter        *self,
                                const RsbTempoAnalysis *analysis)
{
  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;

  g_return_if_fail (RSB_IS_TEMPO_SCATTER (self));

  self->analysis = analysis;
  self->n = 0;
  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->y, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->index, g_free);
  g_clear_pointer (&self->order, g_free);
  self->n_order = 0;
  forget_image (self);
  if (analysis != NULL)
    {
      guint len = analysis->points->len;
      g_autofree Dot *dots = g_new (Dot, MAX (len, 1));

      for (guint i = 0; i < len; i++)
        {
          const RsbTempoPoint *p = rsb_tempo_analysis_point (analysis, i);

          if (isnan (p->bpm) || isnan (p->cadence))
            continue;
          dots[self->n++] = (Dot) {
            p->bpm, p->cadence, i,
            p->step == RSB_STEP_IN ? KIND_IN : p->step == RSB_STEP_NEAR ? KIND_NEAR : KIND_OFF,
          };
          xmin = MIN (xmin, p->bpm);
          xmax = MAX (xmax, p->bpm);
          ymin = MIN (ymin, p->cadence);
          ymax = MAX (ymax, p->cadence);
        }
      qsort (dots, self->n, sizeof (Dot), by_tempo);
      self->index = g_new (guint, MAX (self->n, 1));
      self->x = g_new (float, MAX (self->n, 1));
      self->y = g_new (float, MAX (self->n, 1));
      self->kind = g_new (guint8, MAX (self->n, 1));
      self->n_order = len;
      self->order = g_new (int, MAX (len, 1));
      for (guint i = 0; i < len; i++)
        self->order[i] = -1;
      for (guint i = 0; i < self->n; i++)
        {
          self->index[i] = dots[i].index;
          self->order[dots[i].index] = i;
          self->x[i] = dots[i].x;
          self->y[i] = dots[i].y;
          self->kind[i] = dots[i].kind;
        }
    }
  self->on_foot = analysis == NULL || analysis->on_foot;
  fit_range (xmin, xmax, &self->x0, &self->x1);
  fit_range (ymin, ymax, &self->y0, &self->y1);
  self->hovered = -1;
  self->selected = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HOVERED]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTED]);
}

gboolean
rsb_tempo_scatter_point_position (RsbTempoScatter *self,
                                  int              point,
                                  double          *x,
                                  double          *y)
{
  int i = order_of (self, point);
  RsbTempoPlot plot;

  if (i < 0)
    return FALSE;
  plot_of (self, &plot);
  *x = rsb_tempo_plot_x (&plot, self->x[i]);
  *y = rsb_tempo_plot_y (&plot, self->y[i]);
  return TRUE;
}

static int
nearest_to (RsbTempoScatter *self,
            double           wx,
            double           wy,
            double           limit)
{
  RsbTempoPlot plot;
  double best = limit * limit;
  int found = -1;

  plot_of (self, &plot);
  for (guint i = 0; i < self->n; i++)
    {
      double dx = rsb_tempo_plot_x (&plot, self->x[i]) - wx;
      double dy = rsb_tempo_plot_y (&plot, self->y[i]) - wy;

      if (dx * dx + dy * dy < best)
        {
          best = dx * dx + dy * dy;
          found = self->index[i];
        }
    }
  return found;
}

static char *
label_whole (double   value,
             gpointer data)
{
  return g_strdup_printf ("%.0f", value);
}

static void
append_lines (RsbTempoScatter *self,
              GtkSnapshot     *snapshot,
              const RsbTempoPlot *plot,
              const GdkRGBA   *fg)
{
  static const double ratios[] = { 0.5, 1, 2 };
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &plot->area);

  cairo_rectangle (cr, plot->area.origin.x, plot->area.origin.y, plot->area.size.width, plot->area.size.height);
  cairo_clip (cr);
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    {
      double r = ratios[i];
      double lo = 1 - RSB_STEP_IN_TOLERANCE, hi = 1 + RSB_STEP_IN_TOLERANCE;

      /* The in-step band: cadence within 3 % of r × tempo. */
      cairo_move_to (cr, rsb_tempo_plot_x (plot, self->x0), rsb_tempo_plot_y (plot, r * self->x0 * lo));
      cairo_line_to (cr, rsb_tempo_plot_x (plot, self->x1), rsb_tempo_plot_y (plot, r * self->x1 * lo));
      cairo_line_to (cr, rsb_tempo_plot_x (plot, self->x1), rsb_tempo_plot_y (plot, r * self->x1 * hi));
      cairo_line_to (cr, rsb_tempo_plot_x (plot, self->x0), rsb_tempo_plot_y (plot, r * self->x0 * hi));
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.15, 0.64, 0.41, 0.14);
      cairo_fill (cr);
      cairo_move_to (cr, rsb_tempo_plot_x (plot, self->x0), rsb_tempo_plot_y (plot, r * self->x0));
      cairo_line_to (cr, rsb_tempo_plot_x (plot, self->x1), rsb_tempo_plot_y (plot, r * self->x1));
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, r == 1 ? 0.55 : 0.3);
      cairo_set_line_width (cr, 1);
      if (r != 1)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_destroy (cr);
}

static void
append_ring (RsbTempoScatter    *self,
             GtkSnapshot        *snapshot,
             const RsbTempoPlot *plot,
             int                 point,
             const GdkRGBA      *colour,
             double              radius)
{
  int i = order_of (self, point);
  double x, y;
  cairo_t *cr;

  if (i < 0)
    return;
  x = rsb_tempo_plot_x (plot, self->x[i]);
  y = rsb_tempo_plot_y (plot, self->y[i]);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - radius - 2, y - radius - 2,
                                                                 2 * radius + 4, 2 * radius + 4));
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
dot_colours (GtkWidget *widget,
             const GdkRGBA *fg,
             GdkRGBA    colours[8])
{
  for (guint k = 0; k < 8; k++)
    colours[k] = (GdkRGBA) { fg->red, fg->green, fg->blue, 0.35 };
  /* Amber and green read on light and dark alike. */
  colours[KIND_NEAR] = (GdkRGBA) { 0.90, 0.58, 0.05, 0.75 };
  colours[KIND_IN] = (GdkRGBA) { 0.15, 0.64, 0.41, 0.8 };
}

static void
rsb_tempo_scatter_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RsbTempoScatter *self = RSB_TEMPO_SCATTER (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  RsbTempoPlot plot;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 };

  plot_of (self, &plot);
  rsb_tempo_plot_ink (widget, &fg);
  rsb_tempo_plot_axes (&plot, widget, snapshot, rsb_tempo_plot_step (self->x1 - self->x0, 6), label_whole,
                       rsb_tempo_plot_step (self->y1 - self->y0, 5), label_whole, NULL,
                       /* Translators: the scatter's axes: song tempo across, cadence up */
                       _("song BPM →"), self->on_foot ? _("↑ steps/min") : _("↑ rpm"));
  append_lines (self, snapshot, &plot, &fg);
  if (self->vector_dots)
    {
      GdkRGBA colours[8];

      dot_colours (widget, &fg, colours);
      append_vector_dots (self, snapshot, &plot, colours);
    }
  else if (self->image == NULL || self->image_stale || self->image_width != (int) plot.area.size.width ||
           self->image_height != (int) plot.area.size.height || self->image_scale != scale)
    {
      GdkRGBA colours[8];
      cairo_surface_t *shown = g_steal_pointer (&self->image);

      dot_colours (widget, &fg, colours);
      self->image = rsb_tempo_plot_dots (&plot, g_steal_pointer (&self->spare), scale, self->x, self->y, self->kind, self->n, colours);
      self->spare = shown;
      self->image_stale = FALSE;
      self->image_width = plot.area.size.width;
      self->image_height = plot.area.size.height;
      self->image_scale = scale;
    }
  if (!self->vector_dots)
    rsb_tempo_plot_append_image (&plot, snapshot, self->image);
  append_ring (self, snapshot, &plot, self->hovered, &fg, 5);
  append_ring (self, snapshot, &plot, self->selected, &accent, 6);
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA focus = accent;

      focus.alpha = 0.5;
      gtk_snapshot_append_border (snapshot,
                                  &GSK_ROUNDED_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)),
                                  (float[]) { 2, 2, 2, 2 }, (GdkRGBA[]) { focus, focus, focus, focus });
    }
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RsbTempoScatter          *self)
{
  set_hovered (self, nearest_to (self, x, y, HIT_RADIUS));
}

static void
on_leave (GtkEventControllerMotion *motion,
          RsbTempoScatter          *self)
{
  set_hovered (self, -1);
}

static void
on_click (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          RsbTempoScatter *self)
{
  int point = nearest_to (self, x, y, HIT_RADIUS);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (point < 0)
    return;
  rsb_tempo_scatter_set_selected (self, point);
  g_signal_emit (self, signals[POINT_ACTIVATED], 0, point);
}

/* The nearest dot above (direction -1 on screen) or below, weighing
 * sideways distance as much as vertical. */
static int
vertical_neighbour (RsbTempoScatter *self,
                    int              from,
                    int              direction)
{
  RsbTempoPlot plot;
  double best = INFINITY, fx, fy;
  int found = -1;

  plot_of (self, &plot);
  fx = rsb_tempo_plot_x (&plot, self->x[from]);
  fy = rsb_tempo_plot_y (&plot, self->y[from]);
  for (guint i = 0; i < self->n; i++)
    {
      double dx = rsb_tempo_plot_x (&plot, self->x[i]) - fx;
      double dy = rsb_tempo_plot_y (&plot, self->y[i]) - fy;

      if ((int) i == from || dy * direction <= 0.5)
        continue;
      if (dx * dx + dy * dy < best)
        {
          best = dx * dx + dy * dy;
          found = i;
        }
    }
  return found < 0 ? from : found;
}

static gboolean
on_key (GtkEventControllerKey *keys,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        RsbTempoScatter       *self)
{
  int at = order_of (self, self->selected);
  int to;

  if (self->n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      to = at < 0 ? 0 : MAX (at - 1, 0);
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      to = at < 0 ? 0 : MIN (at + 1, (int) self->n - 1);
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      to = at < 0 ? 0 : vertical_neighbour (self, at, -1);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      to = at < 0 ? 0 : vertical_neighbour (self, at, 1);
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      to = 0;
      break;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      to = self->n - 1;
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
      if (self->selected < 0)
        return FALSE;
      g_signal_emit (self, signals[POINT_ACTIVATED], 0, self->selected);
      return TRUE;
    default:
      return FALSE;
    }
  rsb_tempo_scatter_set_selected (self, self->index[to]);
  return TRUE;
}

static void
rsb_tempo_scatter_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rsb_tempo_scatter_parent_class)->css_changed (widget, change);
  /* The dots' ink follows the style (dark or light). */
  forget_image (RSB_TEMPO_SCATTER (widget));
}

static void
rsb_tempo_scatter_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 260;
}

static void
rsb_tempo_scatter_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RsbTempoScatter *self = RSB_TEMPO_SCATTER (object);

  switch (prop_id)
    {
    case PROP_HOVERED:
      g_value_set_int (value, self->hovered);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_tempo_scatter_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED:
      rsb_tempo_scatter_set_selected (RSB_TEMPO_SCATTER (object), g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_tempo_scatter_finalize (GObject *object)
{
  RsbTempoScatter *self = RSB_TEMPO_SCATTER (object);

  g_free (self->x);
  g_free (self->y);
  g_free (self->kind);
  g_free (self->index);
  g_free (self->order);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_clear_pointer (&self->spare, cairo_surface_destroy);
  G_OBJECT_CLASS (rsb_tempo_scatter_parent_class)->finalize (object);
}

static void
rsb_tempo_scatter_class_init (RsbTempoScatterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rsb_tempo_scatter_finalize;
  object_class->get_property = rsb_tempo_scatter_get_property;
  object_class->set_property = rsb_tempo_scatter_set_property;
  widget_class->snapshot = rsb_tempo_scatter_snapshot;
  widget_class->measure = rsb_tempo_scatter_measure;
  widget_class->css_changed = rsb_tempo_scatter_css_changed;

  props[PROP_HOVERED] = g_param_spec_int ("hovered", NULL, NULL, -1, G_MAXINT, -1,
                                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_SELECTED] = g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  /* An analysis point index: its stretch should open. */
  signals[POINT_ACTIVATED] = g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "tempo-scatter");
}

static void
rsb_tempo_scatter_init (RsbTempoScatter *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hovered = -1;
  self->selected = -1;
  self->x0 = 60, self->x1 = 200, self->y0 = 60, self->y1 = 200;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Song tempo against cadence"),
                                  -1);
  update_accessible (self);
}
