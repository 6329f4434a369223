/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listenbrainz-api.c: ListenBrainz's listens in the app's types. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rsb-listenbrainz-api.h"
#include "rsb-time.h"
#include "rsb-json.h"
#include "rsb-sync-error.h"

#define SPOTIFY_TRACK_PREFIX "https://open.spotify.com/track/"

void
rsb_listenbrainz_page_free (RsbListenBrainzPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->plays, g_ptr_array_unref);
  g_free (page);
}

char *
rsb_listenbrainz_listens_path (const char *user,
                               gint64      min_ts,
                               gint64      max_ts,
                               guint       count)
{
  g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);

  if (min_ts > 0)
    return g_strdup_printf ("/1/user/%s/listens?count=%u&min_ts=%" G_GINT64_FORMAT, escaped, count, min_ts);
  if (max_ts > 0)
    return g_strdup_printf ("/1/user/%s/listens?count=%u&max_ts=%" G_GINT64_FORMAT, escaped, count, max_ts);
  return g_strdup_printf ("/1/user/%s/listens?count=%u", escaped, count);
}

char *
rsb_listenbrainz_count_path (const char *user)
{
  g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);

  return g_strdup_printf ("/1/user/%s/listen-count", escaped);
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("ListenBrainz sent %s that does not follow its API"), what);
  return FALSE;
}

/* "https://open.spotify.com/track/ID" (what the Spotify reader of
 * ListenBrainz records) as "spotify:track:ID"; anything else, NULL. */
static char *
spotify_uri (const char *url)
{
  const char *id;
  gsize len;

  if (url == NULL || !g_str_has_prefix (url, SPOTIFY_TRACK_PREFIX))
    return NULL;
  id = url + strlen (SPOTIFY_TRACK_PREFIX);
  len = strcspn (id, "?/#");
  if (len == 0 || len > 64)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]))
      return NULL;
  return g_strdup_printf ("spotify:track:%.*s", (int) len, id);
}

/* duration_ms, else duration in seconds; 0 when neither makes sense. */
static gint64
duration_ms (JsonObject *info)
{
  gint64 value;
  double seconds;

  if (rsb_json_member_int (info, "duration_ms", &value) && value > 0 && value < 24 * 3600 * 1000)
    return value;
  if (rsb_json_member_number (info, "duration", &seconds) && seconds > 0 && seconds < 24 * 3600)
    return (gint64) (seconds * 1000);
  return 0;
}

static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* NULL when the listen cannot be placed (no time, no title). */
static RsbPlay *
read_listen (JsonObject *listen,
             gint64     *out_listened_at)
{
  JsonObject *metadata = rsb_json_member_object (listen, "track_metadata");
  JsonObject *info = rsb_json_member_object (metadata, "additional_info");
  const char *title = rsb_json_member_string (metadata, "track_name");
  g_autoptr(RsbPlay) play = NULL;
  gint64 listened_at;

  if (!rsb_json_member_int (listen, "listened_at", &listened_at) || !rsb_time_listen_is_plausible (listened_at) ||
      title == NULL || *title == '\0')
    return NULL;
  play = rsb_play_new ();
  play->track.title = g_strdup (title);
  play->track.artists = nonempty (rsb_json_member_string (metadata, "artist_name"));
  play->track.album = nonempty (rsb_json_member_string (metadata, "release_name"));
  play->track.duration_ms = duration_ms (info);
  play->track.isrc = nonempty (rsb_json_member_string (info, "isrc"));
  play->track.uri = spotify_uri (rsb_json_member_string (info, "spotify_id"));
  play->start_ms = play->end_ms = listened_at * 1000;
  play->source = RSB_PLAY_SOURCE_LISTENBRAINZ;
  play->precision_ms = RSB_PRECISION_SECOND_MS;
  *out_listened_at = listened_at;
  return g_steal_pointer (&play);
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const RsbPlay *pa = *(RsbPlay * const *) a;
  const RsbPlay *pb = *(RsbPlay * const *) b;

  return (pa->start_ms > pb->start_ms) - (pa->start_ms < pb->start_ms);
}

RsbListenBrainzPage *
rsb_listenbrainz_parse_listens (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(RsbListenBrainzPage) page = g_new0 (RsbListenBrainzPage, 1);
  JsonObject *payload;
  JsonArray *listens;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (payload = rsb_json_member_object (json_node_get_object (node), "payload")) == NULL ||
      (listens = rsb_json_member_array (payload, "listens")) == NULL)
    {
      malformed (error, _("a list of listens"));
      return NULL;
    }
  page->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  page->n_listens = json_array_get_length (listens);
  for (guint i = 0; i < page->n_listens; i++)
    {
      JsonNode *element = json_array_get_element (listens, i);
      gint64 listened_at = 0;
      RsbPlay *play;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          malformed (error, _("a listen"));
          return NULL;
        }
      /* The page's span counts every listen with a time, placed or not,
       * so paging never asks for the same one again; a time that cannot
       * be (a scrobbler's milliseconds) would put the cursor past all. */
      rsb_json_member_int (json_node_get_object (element), "listened_at", &listened_at);
      if (rsb_time_listen_is_plausible (listened_at))
        {
          page->oldest_s = page->oldest_s == 0 ? listened_at : MIN (page->oldest_s, listened_at);
          page->newest_s = MAX (page->newest_s, listened_at);
        }
      play = read_listen (json_node_get_object (element), &listened_at);
      if (play != NULL)
        g_ptr_array_add (page->plays, play);
    }
  g_ptr_array_sort (page->plays, compare_start);
  return g_steal_pointer (&page);
}

gboolean
rsb_listenbrainz_parse_count (JsonNode  *node,
                              gint64    *out_count,
                              GError   **error)
{
  JsonObject *payload;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (payload = rsb_json_member_object (json_node_get_object (node), "payload")) == NULL ||
      !rsb_json_member_int (payload, "count", out_count) || *out_count < 0)
    return malformed (error, _("a listen count"));
  return TRUE;
}

gboolean
rsb_listenbrainz_read_error (guint     status,
                             GBytes   *body,
                             gpointer  user_data,
                             GError  **error)
{
  const char *user = user_data;

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NO_SUCH_USER,
                   _("ListenBrainz has no user “%s”"), user);
      return FALSE;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_PRIVATE,
                   _("ListenBrainz does not show the listens of “%s” (private or blocked)"), user);
      return FALSE;
    }
  return TRUE;
}
