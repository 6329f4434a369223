/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay-scrubber.c: the replay's timeline, banded with its songs.
 *
 * The whole workout from left to right by its clock: each song's
 * stretch in the song's colour, stretches without music hatched, and a
 * playhead at the replay's position. Pressing or dragging anywhere
 * moves the position there at once (the "position" property, which
 * the replay bar follows).
 *
 * Drawn by hand: it redraws every frame of a replay, and a handful of
 * coloured rectangles cost next to nothing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-format.h"
#include "rsb-replay-scrubber.h"

#define BAND_HEIGHT     10.0
#define KNOB_RADIUS      7.0
#define HATCH_SPACING    6.0
#define MIN_WIDTH       120

struct _RsbReplayScrubber
{
  GtkWidget          parent_instance;
  const RsbActivity *activity;   /* borrowed from the replay bar */
  GArray            *colours;    /* borrowed: GdkRGBA per segment */
  double             start;      /* workout-clock seconds at the left end */
  double             end;
  double             position;
  gint64             told_us;    /* when assistive technologies last heard the position */
};

/* While a replay plays, the position changes every frame: screen
 * readers hear it a few times a second, which is all they can say. */
#define TELL_INTERVAL_US (G_USEC_PER_SEC / 4)

enum { PROP_0, PROP_POSITION, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RsbReplayScrubber, rsb_replay_scrubber, GTK_TYPE_WIDGET)

static double
span (RsbReplayScrubber *self)
{
  return MAX (self->end - self->start, 1e-9);
}

/* Inset by the knob so it stays whole at both ends. */
double
rsb_replay_scrubber_x_at (RsbReplayScrubber *self,
                          double             position)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * KNOB_RADIUS;

  return KNOB_RADIUS + MAX (width, 0) * CLAMP ((position - self->start) / span (self), 0, 1);
}

double
rsb_replay_scrubber_position_at (RsbReplayScrubber *self,
                                 double             x)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * KNOB_RADIUS, 1);

  return self->start + span (self) * CLAMP ((x - KNOB_RADIUS) / width, 0, 1);
}

static void
update_accessible_value (RsbReplayScrubber *self,
                         gboolean           force)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *at = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  if (!force && now - self->told_us < TELL_INTERVAL_US)
    return;
  self->told_us = now;
  at = rsb_format_clock (self->position - self->start);
  total = rsb_format_clock (span (self));
  /* Translators: the replay's position, "12:04 of 52:10" */
  text = g_strdup_printf (_("%s of %s"), at, total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, self->start,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->end,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->position,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

void
rsb_replay_scrubber_set_activity (RsbReplayScrubber *self,
                                  const RsbActivity *activity,
                                  GArray            *colours)
{
  const double *time;

  g_return_if_fail (RSB_IS_REPLAY_SCRUBBER (self));

  self->activity = activity;
  self->colours = colours;
  self->start = self->end = 0;
  time = activity != NULL ? activity->streams->columns[RSB_STREAM_TIME] : NULL;
  if (time != NULL && activity->streams->n_points > 0)
    {
      self->start = time[0];
      self->end = time[activity->streams->n_points - 1];
    }
  self->position = self->start;
  update_accessible_value (self, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The songs moved or changed colour on the same workout: the bands
 * follow, the position stays. */
void
rsb_replay_scrubber_update_songs (RsbReplayScrubber *self,
                                  GArray            *colours)
{
  g_return_if_fail (RSB_IS_REPLAY_SCRUBBER (self));

  self->colours = colours;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
rsb_replay_scrubber_get_position (RsbReplayScrubber *self)
{
  g_return_val_if_fail (RSB_IS_REPLAY_SCRUBBER (self), 0);
  return self->position;
}

void
rsb_replay_scrubber_set_position (RsbReplayScrubber *self,
                                  double             position)
{
  g_return_if_fail (RSB_IS_REPLAY_SCRUBBER (self));

  position = CLAMP (position, self->start, self->end);
  if (position == self->position)
    return;
  /* Only a move the eye can see costs a frame. */
  if ((int) rsb_replay_scrubber_x_at (self, position) != (int) rsb_replay_scrubber_x_at (self, self->position))
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->position = position;
  update_accessible_value (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Stretches without music: thin diagonal strokes on the trough. */
static void
append_hatch (GtkSnapshot           *snapshot,
              const graphene_rect_t *band,
              const GdkRGBA         *ink)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, band);

  cairo_rectangle (cr, band->origin.x, band->origin.y, band->size.width, band->size.height);
  cairo_clip (cr);
  gdk_cairo_set_source_rgba (cr, ink);
  cairo_set_line_width (cr, 1.5);
  for (double x = band->origin.x - band->size.height; x < band->origin.x + band->size.width; x += HATCH_SPACING)
    {
      cairo_move_to (cr, x, band->origin.y + band->size.height);
      cairo_line_to (cr, x + band->size.height, band->origin.y);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
append_bands (RsbReplayScrubber *self,
              GtkSnapshot       *snapshot,
              float              top,
              const GdkRGBA     *ink)
{
  GdkRGBA hatch = { ink->red, ink->green, ink->blue, ink->alpha * 0.35f };

  for (guint i = 0; i < rsb_activity_n_segments (self->activity); i++)
    {
      const RsbSegment *segment = rsb_activity_segment (self->activity, i);
      double x0 = rsb_replay_scrubber_x_at (self, segment->start_s);
      double x1 = rsb_replay_scrubber_x_at (self, segment->end_s);
      graphene_rect_t band = GRAPHENE_RECT_INIT (x0, top, MAX (x1 - x0, 1), BAND_HEIGHT);

      if (rsb_segment_has_music (segment) && self->colours != NULL && i < self->colours->len)
        gtk_snapshot_append_color (snapshot, &g_array_index (self->colours, GdkRGBA, i), &band);
      else
        append_hatch (snapshot, &band, &hatch);
    }
}

static void
append_playhead (RsbReplayScrubber *self,
                 GtkSnapshot       *snapshot,
                 float              height,
                 const GdkRGBA     *ink)
{
  float x = rsb_replay_scrubber_x_at (self, self->position);
  GskRoundedRect knob;
  GdkRGBA ring = { 1, 1, 1, 1 };

  gsk_rounded_rect_init_from_rect (&knob, &GRAPHENE_RECT_INIT (x - KNOB_RADIUS, height / 2 - KNOB_RADIUS,
                                                               2 * KNOB_RADIUS, 2 * KNOB_RADIUS),
                                   KNOB_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &knob);
  gtk_snapshot_append_color (snapshot, &ring, &knob.bounds);
  gtk_snapshot_pop (snapshot);
  gsk_rounded_rect_shrink (&knob, 2.5, 2.5, 2.5, 2.5);
  gtk_snapshot_push_rounded_clip (snapshot, &knob);
  gtk_snapshot_append_color (snapshot, ink, &knob.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
rsb_replay_scrubber_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  RsbReplayScrubber *self = RSB_REPLAY_SCRUBBER (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float top = (height - BAND_HEIGHT) / 2;
  GskRoundedRect trough;
  GdkRGBA ink;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gsk_rounded_rect_init_from_rect (&trough, &GRAPHENE_RECT_INIT (KNOB_RADIUS, top, MAX (width - 2 * KNOB_RADIUS, 0), BAND_HEIGHT),
                                   BAND_HEIGHT / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &trough);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { ink.red, ink.green, ink.blue, ink.alpha * 0.12f }, &trough.bounds);
  if (self->activity != NULL)
    append_bands (self, snapshot, top, &ink);
  gtk_snapshot_pop (snapshot);
  if (self->activity != NULL && self->end > self->start)
    append_playhead (self, snapshot, height, &ink);
}

static void
rsb_replay_scrubber_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MIN_WIDTH;
  else
    *minimum = *natural = 2 * KNOB_RADIUS + 10;
}

static void
seek_to_pointer (RsbReplayScrubber *self,
                 double             x)
{
  if (self->activity == NULL)
    return;
  rsb_replay_scrubber_set_position (self, rsb_replay_scrubber_position_at (self, x));
}

static void
on_drag_begin (GtkGestureDrag    *drag,
               double             x,
               double             y,
               RsbReplayScrubber *self)
{
  seek_to_pointer (self, x);
}

static void
on_drag_update (GtkGestureDrag    *drag,
                double             dx,
                double             dy,
                RsbReplayScrubber *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (drag, &x, &y);
  seek_to_pointer (self, x + dx);
}

static void
on_drag_end (GtkGestureDrag    *drag,
             double             dx,
             double             dy,
             RsbReplayScrubber *self)
{
  update_accessible_value (self, TRUE);
}

static void
rsb_replay_scrubber_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RsbReplayScrubber *self = RSB_REPLAY_SCRUBBER (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_replay_scrubber_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RsbReplayScrubber *self = RSB_REPLAY_SCRUBBER (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      rsb_replay_scrubber_set_position (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_replay_scrubber_class_init (RsbReplayScrubberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rsb_replay_scrubber_get_property;
  object_class->set_property = rsb_replay_scrubber_set_property;
  widget_class->snapshot = rsb_replay_scrubber_snapshot;
  widget_class->measure = rsb_replay_scrubber_measure;

  /* Seconds on the workout's clock where the playhead stands. */
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "replayscrubber");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
rsb_replay_scrubber_init (RsbReplayScrubber *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  /* No Tab stop of its own: Space, the arrows, Home and End drive the
   * replay from anywhere in the window, and assistive technologies
   * read the position from its slider role. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Replay position"),
                                  -1);
}
