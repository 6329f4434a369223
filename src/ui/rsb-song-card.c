/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-song-card.c: what was playing on the selected stretch, and how
 * the workout went while it played.
 *
 * Every text on the card is user data or built from it (titles come
 * from the user's files), so labels take plain text and never markup.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "rsb-song-card.h"
#include "rsb-segment-title.h"
#include "rsb-format.h"
#include "rsb-units-setting.h"
#include "rsb-song-stats.h"
#include "rsb-song-tempo.h"
#include "rsb-swatch.h"

#define STAT_COLUMNS 3

struct _RsbSongCard
{
  GtkBox           parent_instance;
  GtkStack        *art_stack;
  GtkImage        *placeholder_image;
  GtkImage        *art_image;
  RsbSwatch       *swatch;
  GtkLabel        *title_label;
  GtkLabel        *artist_label;
  GtkLabel        *album_label;
  GtkLabel        *time_label;
  GtkLabel        *distance_label;
  GtkLabel        *heard_label;
  RsbSongTempo    *tempo;
  GtkGrid         *stats_grid;
  GtkWidget       *spotify_button;

  GPtrArray       *stat_lines;      /* "Pace: 5:12 /km", as shown */
  RsbSongStats     stats;           /* shown, to tell again in other units */
  gboolean         has_distance;
  gboolean         has_stats;
  char            *spotify_url;
  char            *artwork_url;
  RsbArtworkCache *artwork_cache;
  GCancellable    *artwork_cancellable;
};

G_DEFINE_FINAL_TYPE (RsbSongCard, rsb_song_card, GTK_TYPE_BOX)

static void
set_optional_text (GtkLabel   *label,
                   const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* ---- album art ------------------------------------------------------- */

static void
show_placeholder (RsbSongCard *self)
{
  gtk_image_clear (self->art_image);
  gtk_stack_set_visible_child (self->art_stack, GTK_WIDGET (self->placeholder_image));
}

static void
on_artwork (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = rsb_artwork_cache_lookup_finish (RSB_ARTWORK_CACHE (source), result, &error);
  g_autoptr(GdkTexture) texture = NULL;
  RsbSongCard *self;

  /* Cancelled: the card shows another song, or is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RSB_SONG_CARD (user_data);
  g_clear_object (&self->artwork_cancellable);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      /* Offline or a broken image: the placeholder stays, quietly. */
      g_debug ("No album art: %s", error->message);
      return;
    }
  gtk_image_set_from_paintable (self->art_image, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child (self->art_stack, GTK_WIDGET (self->art_image));
}

static void
describe_artwork (RsbSongCard   *self,
                  const RsbPlay *play)
{
  g_autofree char *label = NULL;

  if (play != NULL && play->track.album != NULL && *play->track.album != '\0')
    label = g_strdup_printf (_("Album art of “%s”"), play->track.album);
  else
    label = g_strdup (_("Album art"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->art_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The same art stays up (neighbouring songs often share an album);
 * anything else is cancelled before the new one is fetched. */
static void
show_artwork (RsbSongCard   *self,
              const RsbPlay *play)
{
  const char *url = play != NULL ? play->track.artwork_url : NULL;

  if (url != NULL && *url == '\0')
    url = NULL;
  if (url != NULL && g_strcmp0 (url, self->artwork_url) == 0)
    return;
  g_cancellable_cancel (self->artwork_cancellable);
  g_clear_object (&self->artwork_cancellable);
  g_free (self->artwork_url);
  self->artwork_url = g_strdup (url);
  show_placeholder (self);
  describe_artwork (self, play);
  if (url == NULL)
    return;

  if (self->artwork_cache == NULL)
    self->artwork_cache = g_object_ref (rsb_artwork_cache_get_default ());
  self->artwork_cancellable = g_cancellable_new ();
  rsb_artwork_cache_lookup_async (self->artwork_cache, url, self->artwork_cancellable, on_artwork, self);
}

/* ---- Spotify --------------------------------------------------------- */

static void
show_spotify (RsbSongCard   *self,
              const RsbPlay *play)
{
  g_autofree char *description = NULL;

  g_free (self->spotify_url);
  self->spotify_url = play != NULL ? rsb_track_web_url (&play->track) : NULL;
  gtk_widget_set_visible (self->spotify_button, self->spotify_url != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.open-spotify", self->spotify_url != NULL);
  if (self->spotify_url == NULL)
    return;
  description = g_strdup_printf (_("Opens “%s” on open.spotify.com"), play->track.title ? play->track.title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spotify_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* Through the desktop's handler for https links, which inside Flatpak
 * is the OpenURI portal. */
static void
open_spotify_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RsbSongCard *self = RSB_SONG_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->spotify_url == NULL)
    return;
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->spotify_url, GDK_CURRENT_TIME);
}

/* ---- the numbers ----------------------------------------------------- */

static void
clear_stats (RsbSongCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_grid))) != NULL)
    gtk_grid_remove (self->stats_grid, child);
  g_ptr_array_set_size (self->stat_lines, 0);
}

/* A value over its caption, three to a row. */
static void
add_stat (RsbSongCard *self,
          const char  *caption,
          const char  *value)
{
  guint n = self->stat_lines->len;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autoptr(GString) shown = g_string_new (value);
  GtkWidget *value_label;
  GtkWidget *caption_label = gtk_label_new (caption);

  /* A word joiner after each slash: a unit ("beats/min", "/km") wraps
   * whole onto the next line, never split after its slash. */
  g_string_replace (shown, "/", "/\u2060", 0);
  value_label = gtk_label_new (shown->str);

  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption_label), PANGO_ELLIPSIZE_END);
  /* "153 beats/min" may take two lines rather than widen the card,
   * and with it all three columns, into the map. */
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "heading");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_grid_attach (self->stats_grid, box, n % STAT_COLUMNS, n / STAT_COLUMNS, 1, 1);
  g_ptr_array_add (self->stat_lines, g_strdup_printf ("%s: %s", caption, value));
}

static void
show_stats (RsbSongCard        *self,
            const RsbSongStats *s)
{
  g_autofree char *speed = NULL;
  g_autofree char *hr = NULL;
  g_autofree char *cadence = NULL;
  g_autofree char *gain = NULL;
  RsbUnits units = rsb_units_current ();

  clear_stats (self);
  if (!isnan (s->speed_ms))
    {
      speed = s->on_foot ? rsb_format_pace (s->speed_ms, units) : rsb_format_speed (s->speed_ms, units);
      add_stat (self, s->on_foot ? _("Pace") : _("Speed"), speed);
    }
  if (!isnan (s->heart_rate))
    {
      hr = rsb_format_heart_rate (s->heart_rate, RSB_HEART_RATE_LONG);
      add_stat (self, _("Heart rate"), hr);
    }
  if (!isnan (s->cadence))
    {
      cadence = rsb_format_cadence (s->cadence, s->on_foot);
      add_stat (self, _("Cadence"), cadence);
    }
  if (!isnan (s->elevation_gain_m))
    {
      gain = rsb_format_elevation (s->elevation_gain_m, units);
      add_stat (self, _("Climb"), gain);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stats_grid), self->stat_lines->len > 0);
}

static void
show_ranges (RsbSongCard        *self,
             const RsbSongStats *s,
             gboolean            has_distance)
{
  g_autofree char *from = rsb_format_clock (s->start_s);
  g_autofree char *to = rsb_format_clock (s->end_s);
  g_autofree char *road = rsb_format_clock (s->end_s - s->start_s);
  /* Translators: where a song's stretch starts and ends, in time since
   * the workout's start, and how long it lasted on the road (pauses
   * included), e.g. "32:01 – 35:31 into the workout, on the road for 3:30" */
  g_autofree char *time = g_strdup_printf (_("%s – %s into the workout, on the road for %s"), from, to, road);
  g_autofree char *from_m = rsb_format_distance (s->start_m, rsb_units_current ());
  g_autofree char *to_m = rsb_format_distance (s->end_m, rsb_units_current ());
  g_autofree char *distance = g_strdup_printf (_("From %s to %s"), from_m, to_m);

  gtk_label_set_text (self->time_label, time);
  set_optional_text (self->distance_label, has_distance ? distance : NULL);
}

static void
show_heard (RsbSongCard        *self,
            const RsbSongStats *s)
{
  g_autofree char *text = NULL;
  g_autofree char *clock = rsb_format_clock (s->heard_ms / 1000.0);

  if (s->has_music && s->skipped && s->heard_ms < 60000)
    text = g_strdup_printf (_("Skipped after %.0f s"), s->heard_ms / 1000.0);
  else if (s->has_music && s->skipped)
    text = g_strdup_printf (_("Skipped after %s"), clock);
  else if (s->has_music && s->heard_ms > 0)
    /* Translators: how long this listen lasted, by the listening history */
    text = g_strdup_printf (_("Heard for %s"), clock);
  set_optional_text (self->heard_label, text);
  if (s->skipped)
    gtk_widget_add_css_class (GTK_WIDGET (self->heard_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->heard_label), "warning");
}

/* ---- public ---------------------------------------------------------- */

void
rsb_song_card_show_segment (RsbSongCard       *self,
                            const RsbActivity *activity,
                            guint              segment,
                            const GdkRGBA     *colour)
{
  const RsbPlay *play;
  RsbSongStats stats;

  g_return_if_fail (RSB_IS_SONG_CARD (self));
  g_return_if_fail (activity != NULL && segment < rsb_activity_n_segments (activity));

  play = rsb_activity_segment_play (activity, segment);
  rsb_activity_song_stats (activity, segment, &stats);
  rsb_swatch_set_colour (self->swatch, colour);
  gtk_label_set_text (self->title_label, rsb_segment_title (activity, segment));
  set_optional_text (self->artist_label, play ? play->track.artists : NULL);
  set_optional_text (self->album_label, play ? play->track.album : NULL);
  self->stats = stats;
  self->has_distance = rsb_streams_has (activity->streams, RSB_STREAM_DISTANCE);
  self->has_stats = TRUE;
  show_ranges (self, &stats, self->has_distance);
  show_heard (self, &stats);
  show_stats (self, &stats);
  rsb_song_tempo_show (self->tempo, play ? play->track_id : 0, play ? play->track.title : NULL, &stats);
  show_artwork (self, play);
  show_spotify (self, play);
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

const char *
rsb_song_card_get_album (RsbSongCard *self)
{
  return gtk_label_get_text (self->album_label);
}

/* NULL when the track has no Spotify page (the button is hidden). */
const char *
rsb_song_card_get_spotify_url (RsbSongCard *self)
{
  return self->spotify_url;
}

/* The album art shown, or NULL while the placeholder is. */
GdkPaintable *
rsb_song_card_get_artwork (RsbSongCard *self)
{
  if (gtk_stack_get_visible_child (self->art_stack) != GTK_WIDGET (self->art_image))
    return NULL;
  return gtk_image_get_paintable (self->art_image);
}

gboolean
rsb_song_card_is_loading_artwork (RsbSongCard *self)
{
  return self->artwork_cancellable != NULL;
}

/* Every line of text the card shows under the song, one per line:
 * "3:02 – 7:25 into the workout", "Pace: 5:12 /km"... */
char *
rsb_song_card_get_details (RsbSongCard *self)
{
  GtkLabel *labels[] = { self->time_label, self->distance_label, self->heard_label };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (labels[i])))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (labels[i]));
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->tempo)))
    {
      const char *verdict = rsb_song_tempo_get_verdict (self->tempo);

      g_string_append_printf (text, "%s\n", rsb_song_tempo_get_text (self->tempo));
      if (*verdict != '\0')
        g_string_append_printf (text, "%s\n", verdict);
    }
  for (guint i = 0; i < self->stat_lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (self->stat_lines, i));
  return g_string_free (text, FALSE);
}

/* The tempo line: its value, verdict and tap tempo (the T key). */
RsbSongTempo *
rsb_song_card_get_tempo (RsbSongCard *self)
{
  return self->tempo;
}

/* Where the art comes from; the app's shared cache unless set. */
void
rsb_song_card_set_artwork_cache (RsbSongCard     *self,
                                 RsbArtworkCache *cache)
{
  g_return_if_fail (RSB_IS_SONG_CARD (self));
  g_set_object (&self->artwork_cache, cache);
}

/* The song shown stays; its distances, pace and climb change units. */
static void
on_units_changed (RsbSongCard *self)
{
  if (!self->has_stats)
    return;
  show_ranges (self, &self->stats, self->has_distance);
  show_stats (self, &self->stats);
}

static void
rsb_song_card_dispose (GObject *object)
{
  RsbSongCard *self = RSB_SONG_CARD (object);

  g_cancellable_cancel (self->artwork_cancellable);
  g_clear_object (&self->artwork_cancellable);
  g_clear_object (&self->artwork_cache);
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_SONG_CARD);
  G_OBJECT_CLASS (rsb_song_card_parent_class)->dispose (object);
}

static void
rsb_song_card_finalize (GObject *object)
{
  RsbSongCard *self = RSB_SONG_CARD (object);

  g_ptr_array_unref (self->stat_lines);
  g_free (self->spotify_url);
  g_free (self->artwork_url);
  G_OBJECT_CLASS (rsb_song_card_parent_class)->finalize (object);
}

static void
rsb_song_card_class_init (RsbSongCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_song_card_dispose;
  G_OBJECT_CLASS (klass)->finalize = rsb_song_card_finalize;
  g_type_ensure (RSB_TYPE_SWATCH);
  g_type_ensure (RSB_TYPE_SONG_TEMPO);
  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-song-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, art_stack);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, placeholder_image);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, art_image);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, swatch);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, artist_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, album_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, time_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, distance_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, heard_label);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, tempo);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, stats_grid);
  gtk_widget_class_bind_template_child (widget_class, RsbSongCard, spotify_button);
  gtk_widget_class_install_action (widget_class, "card.open-spotify", NULL, open_spotify_activated);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rsb_song_card_init (RsbSongCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stat_lines = g_ptr_array_new_with_free_func (g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->placeholder_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("No album art"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spotify_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open in Spotify"), -1);
  gtk_widget_set_visible (self->spotify_button, FALSE);
  rsb_units_watch (self, G_CALLBACK (on_units_changed));
}
