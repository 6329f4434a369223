/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-spotify-api.c: Spotify's recently-played answers in the app's types. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-spotify-api.h"
#include "rsb-api-client.h"
#include "rsb-json.h"
#include "rsb-sync-error.h"
#include "rsb-time.h"

#define ARTWORK_SIZE 300

void
rsb_spotify_page_free (RsbSpotifyPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->plays, g_ptr_array_unref);
  g_free (page);
}

char *
rsb_spotify_recently_played_path (gint64 after_ms,
                                  guint  limit)
{
  if (after_ms <= 0)
    return g_strdup_printf ("/me/player/recently-played?limit=%u", limit);
  return g_strdup_printf ("/me/player/recently-played?limit=%u&after=%" G_GINT64_FORMAT,
                          limit, after_ms);
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("Spotify sent %s that does not follow its API"), what);
  return FALSE;
}

const char *
rsb_spotify_pick_artwork (JsonArray *images)
{
  const char *best = NULL;
  gint64 best_distance = G_MAXINT64;

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonNode *node = json_array_get_element (images, i);
      JsonObject *image = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *url = rsb_json_member_string (image, "url");
      gint64 width = 0, height = 0, distance;

      if (url == NULL)
        continue;
      rsb_json_member_int (image, "width", &width);
      rsb_json_member_int (image, "height", &height);
      /* Sizes may be null: such an image is a last resort. */
      distance = MAX (width, height) > 0 ? ABS (MAX (width, height) - ARTWORK_SIZE) : G_MAXINT64 - 1;
      if (distance < best_distance)
        {
          best = url;
          best_distance = distance;
        }
    }
  return best;
}

static char *
join_artists (JsonArray *artists)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; artists != NULL && i < json_array_get_length (artists); i++)
    {
      JsonNode *node = json_array_get_element (artists, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node)
                         ? rsb_json_member_string (json_node_get_object (node), "name") : NULL;

      if (name == NULL || *name == '\0')
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, name);
    }
  return joined->len > 0 ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
}

static void
read_track (JsonObject *object,
            RsbTrack   *track)
{
  JsonObject *album = rsb_json_member_object (object, "album");
  JsonObject *external_ids = rsb_json_member_object (object, "external_ids");
  gint64 duration_ms = 0;

  track->uri = g_strdup (rsb_json_member_string (object, "uri"));
  track->title = g_strdup (rsb_json_member_string (object, "name"));
  track->artists = join_artists (rsb_json_member_array (object, "artists"));
  track->album = g_strdup (rsb_json_member_string (album, "name"));
  if (rsb_json_member_int (object, "duration_ms", &duration_ms))
    track->duration_ms = MAX (duration_ms, 0);
  track->isrc = g_strdup (rsb_json_member_string (external_ids, "isrc"));
  track->artwork_url = g_strdup (rsb_spotify_pick_artwork (rsb_json_member_array (album, "images")));
}

/* NULL when the item is not a track we can place, or (error set)
 * when it is not what the API documents at all. */
static RsbPlay *
read_item (JsonNode  *node,
           GError   **error)
{
  g_autoptr(RsbPlay) play = rsb_play_new ();
  JsonObject *item, *track;
  const char *played_at;
  gint64 end_us;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      (played_at = rsb_json_member_string (item = json_node_get_object (node), "played_at")) == NULL ||
      !rsb_time_parse_iso8601 (played_at, &end_us))
    {
      malformed (error, _("a play without a time"));
      return NULL;
    }
  track = rsb_json_member_object (item, "track");
  if (track == NULL || rsb_json_member_string (track, "name") == NULL)
    return NULL;

  read_track (track, &play->track);
  play->end_ms = end_us / 1000;
  play->start_ms = play->end_ms - play->track.duration_ms;
  play->ms_played = play->track.duration_ms;
  play->source = RSB_PLAY_SOURCE_API;
  play->precision_ms = RSB_SPOTIFY_API_PRECISION_MS;
  return g_steal_pointer (&play);
}

static int
compare_end (gconstpointer a,
             gconstpointer b)
{
  const RsbPlay *pa = *(RsbPlay * const *) a;
  const RsbPlay *pb = *(RsbPlay * const *) b;

  return (pa->end_ms > pb->end_ms) - (pa->end_ms < pb->end_ms);
}

static gint64
cursor_after (JsonObject *object)
{
  JsonObject *cursors = rsb_json_member_object (object, "cursors");
  const char *text = rsb_json_member_string (cursors, "after");
  gint64 value;

  /* The spec says string; be lenient about a number. */
  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &value, NULL))
    return value;
  if (rsb_json_member_int (cursors, "after", &value) && value > 0)
    return value;
  return 0;
}

RsbSpotifyPage *
rsb_spotify_parse_recently_played (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(RsbSpotifyPage) page = g_new0 (RsbSpotifyPage, 1);
  JsonObject *object;
  JsonArray *items;
  JsonNode *next;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (items = rsb_json_member_array (object = json_node_get_object (node), "items")) == NULL)
    {
      malformed (error, _("a list of recent plays"));
      return NULL;
    }
  page->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  page->n_items = json_array_get_length (items);
  for (guint i = 0; i < page->n_items; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RsbPlay *play = read_item (json_array_get_element (items, i), &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (play != NULL)
        g_ptr_array_add (page->plays, play);
    }
  /* Spotify lists the newest first. */
  g_ptr_array_sort (page->plays, compare_end);

  page->cursor_ms = cursor_after (object);
  if (page->cursor_ms == 0 && page->plays->len > 0)
    page->cursor_ms = ((RsbPlay *) g_ptr_array_index (page->plays, page->plays->len - 1))->end_ms;
  next = json_object_get_member (object, "next");
  page->has_next = next != NULL && !JSON_NODE_HOLDS_NULL (next);
  return g_steal_pointer (&page);
}

void
rsb_spotify_clamp_starts (GPtrArray *plays,
                          gint64     previous_end_ms)
{
  for (guint i = 0; i < plays->len; i++)
    {
      RsbPlay *play = g_ptr_array_index (plays, i);

      /* A play the library already has ends before the last stored
       * one; it is left as it was so it is recognised as the same. */
      if (previous_end_ms != RSB_NO_TIME && previous_end_ms <= play->end_ms &&
          play->start_ms < previous_end_ms)
        {
          play->start_ms = previous_end_ms;
          play->ms_played = play->end_ms - play->start_ms;
        }
      /* RSB_NO_TIME is G_MININT64: any end is later. */
      previous_end_ms = MAX (previous_end_ms, play->end_ms);
    }
}

gboolean
rsb_spotify_parse_user (JsonNode  *node,
                        char     **out_id,
                        char     **out_name,
                        GError   **error)
{
  JsonObject *object;
  const char *id, *name;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (id = rsb_json_member_string (object = json_node_get_object (node), "id")) == NULL)
    return malformed (error, _("a user profile"));
  name = rsb_json_member_string (object, "display_name");
  if (out_id != NULL)
    *out_id = g_strdup (id);
  if (out_name != NULL)
    *out_name = g_strdup (name != NULL && *name != '\0' ? name : id);
  return TRUE;
}
