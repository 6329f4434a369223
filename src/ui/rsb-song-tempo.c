/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-song-tempo.c: the song card's tempo line. It says the song's BPM
 * and where it came from, whether the runner was in step with it, and
 * lets the person set it by hand: typed, halved, doubled or tapped.
 *
 * A hand value goes to the window's win.set-track-tempo action (track
 * id, BPM, title; a BPM of 0 forgets the hand value), which stores it
 * and reloads every view, so the card shows it back like any other. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rsb-format.h"
#include "rsb-song-tempo.h"

/* A pause this long ends a run of taps; the tempo is set when it ends. */
#define TAP_TIMEOUT_MS 2000
#define MAX_TAPS 64

struct _RsbSongTempo
{
  GtkBox          parent_instance;

  GtkLabel       *value_label;
  GtkLabel       *verdict_label;
  GtkLabel       *tap_label;
  GtkSpinButton  *bpm_spin;
  GtkWidget      *forget_button;

  gint64          track_id;
  char           *title;
  double          bpm;             /* NAN: unknown */
  RsbTempoSource  source;

  double          taps[MAX_TAPS];  /* seconds, monotonic */
  guint           n_taps;
  guint           tap_timeout;
};

G_DEFINE_FINAL_TYPE (RsbSongTempo, rsb_song_tempo, GTK_TYPE_BOX)

static void
set_hand_tempo (RsbSongTempo *self,
                double        bpm)
{
  if (self->track_id == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-track-tempo", "(xds)",
                              self->track_id, bpm, self->title ? self->title : "");
}

/* ---- what is shown --------------------------------------------------- */

static char *
verdict_text (const RsbSongStats *stats)
{
  g_autofree char *cadence = rsb_format_cadence (stats->cadence, stats->on_foot);

  switch (stats->step)
    {
    case RSB_STEP_IN:
      if (stats->step_ratio == 2)
        /* Translators: %s is a cadence, "172 spm"; the runner took two steps per beat */
        return g_strdup_printf (_("In step with the beat: %s, two steps a beat"), cadence);
      if (stats->step_ratio == 0.5)
        /* Translators: %s is a cadence, "90 rpm"; one step every two beats */
        return g_strdup_printf (_("In step with the beat: %s, one every two beats"), cadence);
      /* Translators: %s is a cadence, "172 spm" */
      return g_strdup_printf (_("In step with the beat: %s"), cadence);
    case RSB_STEP_NEAR:
      /* Translators: %s is a cadence; within 6 % of the beat but not 3 % */
      return g_strdup_printf (_("Near the beat: %s"), cadence);
    case RSB_STEP_OFF:
      /* Translators: %s is a cadence */
      return g_strdup_printf (_("Not in step with the beat: %s"), cadence);
    case RSB_STEP_UNKNOWN:
    default:
      return NULL;
    }
}

static void
show_verdict (RsbSongTempo       *self,
              const RsbSongStats *stats)
{
  g_autofree char *text = verdict_text (stats);
  GtkWidget *label = GTK_WIDGET (self->verdict_label);

  gtk_label_set_text (self->verdict_label, text ? text : "");
  gtk_widget_set_visible (label, text != NULL);
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  if (stats->step == RSB_STEP_IN)
    gtk_widget_add_css_class (label, "success");
  else if (stats->step == RSB_STEP_NEAR)
    gtk_widget_add_css_class (label, "warning");
}

static void
show_value (RsbSongTempo *self)
{
  g_autofree char *text = NULL;

  if (isnan (self->bpm))
    text = g_strdup (_("Tempo unknown"));
  else
    text = rsb_format_tempo (self->bpm, rsb_tempo_source_display (self->source));
  gtk_label_set_text (self->value_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tempo.halve",
                                 !isnan (self->bpm) && rsb_tempo_bpm_is_valid (self->bpm / 2));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tempo.double",
                                 !isnan (self->bpm) && rsb_tempo_bpm_is_valid (self->bpm * 2));
  gtk_widget_set_visible (self->forget_button, self->source == RSB_TEMPO_SOURCE_HAND);
  gtk_spin_button_set_value (self->bpm_spin, isnan (self->bpm) ? 120 : round (self->bpm * 10) / 10);
}

/* ---- tap tempo ------------------------------------------------------- */

static void
show_taps (RsbSongTempo *self)
{
  g_autofree char *text = NULL;
  double bpm = rsb_tempo_from_taps (self->taps, self->n_taps);

  if (self->n_taps == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tap_label), FALSE);
      return;
    }
  if (isnan (bpm))
    {
      guint left = RSB_TEMPO_MIN_TAPS - self->n_taps;

      /* Translators: tap tempo, before there are enough taps to tell */
      text = g_strdup_printf (ngettext ("Tap along with the beat: %u more tap",
                                        "Tap along with the beat: %u more taps", left), left);
    }
  else
    {
      g_autofree char *value = rsb_format_bpm (bpm);

      /* Translators: tap tempo so far, "Tapped 128 BPM"; it is set when tapping stops */
      text = g_strdup_printf (_("Tapped %s"), value);
    }
  gtk_label_set_text (self->tap_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->tap_label), TRUE);
}

static void
reset_taps (RsbSongTempo *self)
{
  self->n_taps = 0;
  g_clear_handle_id (&self->tap_timeout, g_source_remove);
  show_taps (self);
}

static gboolean
taps_ended (gpointer data)
{
  RsbSongTempo *self = data;
  double bpm = rsb_tempo_from_taps (self->taps, self->n_taps);

  self->tap_timeout = 0;
  if (rsb_tempo_bpm_is_valid (bpm))
    set_hand_tempo (self, round (bpm * 10) / 10);
  reset_taps (self);
  return G_SOURCE_REMOVE;
}

void
rsb_song_tempo_tap (RsbSongTempo *self)
{
  g_return_if_fail (RSB_IS_SONG_TEMPO (self));

  if (self->track_id == 0)
    return;
  if (self->n_taps == MAX_TAPS)
    {
      memmove (self->taps, self->taps + 1, (MAX_TAPS - 1) * sizeof *self->taps);
      self->n_taps--;
    }
  self->taps[self->n_taps++] = g_get_monotonic_time () / (double) G_USEC_PER_SEC;
  g_clear_handle_id (&self->tap_timeout, g_source_remove);
  self->tap_timeout = g_timeout_add (TAP_TIMEOUT_MS, taps_ended, self);
  show_taps (self);
}

/* ---- actions --------------------------------------------------------- */

static void
halve_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RsbSongTempo *self = RSB_SONG_TEMPO (widget);

  if (!isnan (self->bpm))
    set_hand_tempo (self, self->bpm / 2);
}

static void
double_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RsbSongTempo *self = RSB_SONG_TEMPO (widget);

  if (!isnan (self->bpm))
    set_hand_tempo (self, self->bpm * 2);
}

static void
tap_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rsb_song_tempo_tap (RSB_SONG_TEMPO (widget));
}

static void
set_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RsbSongTempo *self = RSB_SONG_TEMPO (widget);

  gtk_spin_button_update (self->bpm_spin);
  set_hand_tempo (self, gtk_spin_button_get_value (self->bpm_spin));
}

static void
forget_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_hand_tempo (RSB_SONG_TEMPO (widget), 0);
}

/* Enter in the field sets the tempo typed. */
static void
on_spin_activate (RsbSongTempo *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "tempo.set", NULL);
}

/* ---- public ---------------------------------------------------------- */

void
rsb_song_tempo_show (RsbSongTempo       *self,
                     gint64              track_id,
                     const char         *title,
                     const RsbSongStats *stats)
{
  g_return_if_fail (RSB_IS_SONG_TEMPO (self));

  if (track_id != self->track_id)
    reset_taps (self);
  self->track_id = track_id;
  g_free (self->title);
  self->title = g_strdup (title);
  self->bpm = stats->bpm;
  self->source = stats->bpm_source;
  gtk_widget_set_visible (GTK_WIDGET (self), track_id != 0);
  show_value (self);
  show_verdict (self, stats);
}

gint64
rsb_song_tempo_get_track_id (RsbSongTempo *self)
{
  return self->track_id;
}

guint
rsb_song_tempo_get_n_taps (RsbSongTempo *self)
{
  return self->n_taps;
}

const char *
rsb_song_tempo_get_text (RsbSongTempo *self)
{
  return gtk_label_get_text (self->value_label);
}

/* "" when the verdict cannot be told. */
const char *
rsb_song_tempo_get_verdict (RsbSongTempo *self)
{
  return gtk_label_get_text (self->verdict_label);
}

GtkWidget *
rsb_song_tempo_new (void)
{
  return g_object_new (RSB_TYPE_SONG_TEMPO, NULL);
}

static void
rsb_song_tempo_dispose (GObject *object)
{
  RsbSongTempo *self = RSB_SONG_TEMPO (object);

  g_clear_handle_id (&self->tap_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_SONG_TEMPO);
  G_OBJECT_CLASS (rsb_song_tempo_parent_class)->dispose (object);
}

static void
rsb_song_tempo_finalize (GObject *object)
{
  g_free (RSB_SONG_TEMPO (object)->title);
  G_OBJECT_CLASS (rsb_song_tempo_parent_class)->finalize (object);
}

static void
rsb_song_tempo_class_init (RsbSongTempoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_song_tempo_dispose;
  G_OBJECT_CLASS (klass)->finalize = rsb_song_tempo_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-song-tempo.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbSongTempo, value_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongTempo, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongTempo, tap_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongTempo, bpm_spin);
  gtk_widget_class_bind_template_child (widget_class, RsbSongTempo, forget_button);
  gtk_widget_class_install_action (widget_class, "tempo.halve", NULL, halve_activated);
  gtk_widget_class_install_action (widget_class, "tempo.double", NULL, double_activated);
  gtk_widget_class_install_action (widget_class, "tempo.tap", NULL, tap_activated);
  gtk_widget_class_install_action (widget_class, "tempo.set", NULL, set_activated);
  gtk_widget_class_install_action (widget_class, "tempo.forget", NULL, forget_activated);
}

static void
rsb_song_tempo_init (RsbSongTempo *self)
{
  self->bpm = NAN;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_range (self->bpm_spin, RSB_TEMPO_MIN_BPM, RSB_TEMPO_MAX_BPM);
  /* GTK 4.8's spin button has no activate signal; its text has. */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->bpm_spin)), "activate",
                            G_CALLBACK (on_spin_activate), self);
}
