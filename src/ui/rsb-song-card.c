/* rsb-song-card.c: what was playing on the selected stretch. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-song-card.h"
#include "rsb-format.h"
#include "rsb-swatch.h"

struct _RsbSongCard
{
  GtkBox          parent_instance;
  RsbSwatch      *swatch;
  GtkLabel       *title_label;
  GtkLabel       *artist_label;
  GtkLabel       *album_label;
  GtkLabel       *time_label;
  GtkLabel       *distance_label;
  GtkLabel       *skipped_label;
};

G_DEFINE_FINAL_TYPE (RsbSongCard, rsb_song_card, GTK_TYPE_BOX)

static void
set_optional_text (GtkLabel   *label,
                   const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
show_ranges (RsbSongCard      *self,
             const RsbSegment *segment,
             gboolean          has_distance)
{
  g_autofree char *from = rsb_format_clock (segment->start_s);
  g_autofree char *to = rsb_format_clock (segment->end_s);
  g_autofree char *time = g_strdup_printf (_("%s – %s into the workout"), from, to);
  g_autofree char *from_m = rsb_format_distance (segment->start_m);
  g_autofree char *to_m = rsb_format_distance (segment->end_m);
  g_autofree char *distance = g_strdup_printf (_("From %s to %s"), from_m, to_m);

  gtk_label_set_text (self->time_label, time);
  set_optional_text (self->distance_label, has_distance ? distance : NULL);
}

static void
show_skipped (RsbSongCard   *self,
              const RsbPlay *play)
{
  g_autofree char *text = NULL;

  if (play != NULL && play->skipped)
    text = g_strdup_printf (_("Skipped after %.0f s"), play->ms_played / 1000.0);
  set_optional_text (self->skipped_label, text);
}

/* Labels take plain text: titles and artists come from the user's files. */
void
rsb_song_card_show_segment (RsbSongCard       *self,
                            const RsbActivity *activity,
                            guint              segment,
                            const GdkRGBA     *colour)
{
  const RsbPlay *play = rsb_activity_segment_play (activity, segment);

  rsb_swatch_set_colour (self->swatch, colour);
  gtk_label_set_text (self->title_label, play ? play->track.title : _("No music"));
  set_optional_text (self->artist_label, play ? play->track.artists : NULL);
  set_optional_text (self->album_label, play ? play->track.album : NULL);
  show_ranges (self, rsb_activity_segment (activity, segment),
               rsb_streams_has (activity->streams, RSB_STREAM_DISTANCE));
  show_skipped (self, play);
}

const char *
rsb_song_card_get_title (RsbSongCard *self)
{
  return gtk_label_get_text (self->title_label);
}

const char *
rsb_song_card_get_artist (RsbSongCard *self)
{
  return gtk_label_get_text (self->artist_label);
}

static void
rsb_song_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_SONG_CARD);
  G_OBJECT_CLASS (rsb_song_card_parent_class)->dispose (object);
}

static void
rsb_song_card_class_init (RsbSongCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_song_card_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-song-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, swatch);
  g_type_ensure (RSB_TYPE_SWATCH);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, artist_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, album_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, time_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, distance_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, skipped_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rsb_song_card_init (RsbSongCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
