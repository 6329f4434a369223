/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-song-row.c: a song in the activity's song list, in route order. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-song-row.h"
#include "rsb-format.h"
#include "rsb-segment-title.h"
#include "rsb-song-stats.h"
#include "rsb-swatch.h"

struct _RsbSongRow
{
  GtkListBoxRow    parent_instance;
  RsbSwatch       *swatch;
  GtkLabel        *title_label;
  GtkLabel        *artist_label;
  GtkLabel        *tempo_label;
  GtkLabel        *start_label;
  guint            segment;
};

G_DEFINE_FINAL_TYPE (RsbSongRow, rsb_song_row, GTK_TYPE_LIST_BOX_ROW)

/* Said after the song by a screen reader, and as the badge's tooltip. */
static const char *
step_phrase (RsbStepVerdict step)
{
  switch (step)
    {
    case RSB_STEP_IN: return _("in step with the beat");
    case RSB_STEP_NEAR: return _("near the beat");
    case RSB_STEP_OFF: return _("not in step with the beat");
    case RSB_STEP_UNKNOWN:
    default: return NULL;
    }
}

/* "86 BPM", marked when the cadence was in step (or near) with it. */
static void
show_tempo (RsbSongRow         *self,
            const RsbSongStats *stats)
{
  GtkWidget *badge = GTK_WIDGET (self->tempo_label);
  g_autofree char *bpm = NULL;
  const char *phrase = step_phrase (stats->step);

  if (isnan (stats->bpm))
    return;
  bpm = rsb_format_bpm (stats->bpm);
  gtk_label_set_text (self->tempo_label, bpm);
  gtk_widget_set_visible (badge, TRUE);
  gtk_widget_set_tooltip_text (badge, phrase);
  if (stats->step == RSB_STEP_IN)
    gtk_widget_add_css_class (badge, "in-step");
  else if (stats->step == RSB_STEP_NEAR)
    gtk_widget_add_css_class (badge, "near");
}

static void
describe (RsbSongRow         *self,
          const RsbPlay      *play,
          const char         *title,
          const char         *start,
          const RsbSongStats *stats)
{
  g_autofree char *description = NULL;
  g_autofree char *bpm = NULL;
  const char *phrase = step_phrase (stats->step);

  /* Translators: a song in the route's list: "Title by Artist, from 12:30 into the workout" */
  if (play != NULL)
    description = g_strdup_printf (_("%s by %s, from %s into the workout"), title,
                                   play->track.artists ? play->track.artists : _("unknown artist"), start);
  else
    /* Translators: "No music, from 12:30 into the workout" */
    description = g_strdup_printf (_("%s, from %s into the workout"), title, start);
  if (!isnan (stats->bpm))
    {
      g_autofree char *with_tempo = NULL;

      bpm = rsb_format_bpm (stats->bpm);
      /* Translators: a song row's description, then its tempo and whether
         the runner was in step: "Title by Artist, from 12:30 into the workout; 86 BPM, in step with the beat" */
      with_tempo = phrase ? g_strdup_printf (_("%s; %s, %s"), description, bpm, phrase)
                          : g_strdup_printf (_("%s; %s"), description, bpm);
      g_free (description);
      description = g_steal_pointer (&with_tempo);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

GtkWidget *
rsb_song_row_new (const RsbActivity *activity,
                  guint              segment,
                  const GdkRGBA     *colour)
{
  RsbSongRow *self = g_object_new (RSB_TYPE_SONG_ROW, NULL);
  const RsbPlay *play = rsb_activity_segment_play (activity, segment);
  g_autofree char *start = rsb_format_clock (rsb_activity_segment (activity, segment)->start_s);
  const char *title = rsb_segment_title (activity, segment);
  g_autofree char *tooltip = NULL;
  RsbSongStats stats;

  self->segment = segment;
  rsb_swatch_set_colour (self->swatch, colour);
  gtk_label_set_text (self->start_label, start);
  tooltip = g_strdup_printf (_("Starts %s into the workout"), start);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_label), tooltip);
  gtk_label_set_text (self->title_label, title);
  if (play != NULL)
    gtk_label_set_text (self->artist_label, play->track.artists ? play->track.artists : "");
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "no-music");
      gtk_widget_set_visible (GTK_WIDGET (self->artist_label), FALSE);
    }
  rsb_activity_song_stats (activity, segment, &stats);
  show_tempo (self, &stats);
  describe (self, play, title, start, &stats);
  return GTK_WIDGET (self);
}

guint
rsb_song_row_get_segment (RsbSongRow *self)
{
  return self->segment;
}

static void
rsb_song_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_SONG_ROW);
  G_OBJECT_CLASS (rsb_song_row_parent_class)->dispose (object);
}

static void
rsb_song_row_class_init (RsbSongRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_song_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-song-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbSongRow, swatch);
  g_type_ensure (RSB_TYPE_SWATCH);
  gtk_widget_class_bind_template_child (widget_class, RsbSongRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongRow, artist_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongRow, tempo_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongRow, start_label);
}

static void
rsb_song_row_init (RsbSongRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
