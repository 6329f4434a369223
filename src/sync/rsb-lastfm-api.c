/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-lastfm-api.c: Last.fm's recent tracks in the app's types. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-lastfm-api.h"
#include "rsb-time.h"
#include "rsb-json.h"
#include "rsb-sync-error.h"

void
rsb_lastfm_page_free (RsbLastfmPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->plays, g_ptr_array_unref);
  g_free (page);
}

char *
rsb_lastfm_recent_tracks_path (const char *user,
                               const char *api_key,
                               gint64      from_s,
                               gint64      to_s,
                               guint       page,
                               guint       limit)
{
  g_autofree char *escaped_user = g_uri_escape_string (user, NULL, FALSE);
  g_autofree char *escaped_key = g_uri_escape_string (api_key, NULL, FALSE);
  GString *path = g_string_new ("/?method=user.getrecenttracks");

  g_string_append_printf (path, "&user=%s&api_key=%s&format=json&limit=%u&page=%u",
                          escaped_user, escaped_key, limit, MAX (page, 1));
  if (from_s > 0)
    g_string_append_printf (path, "&from=%" G_GINT64_FORMAT, from_s);
  if (to_s > 0)
    g_string_append_printf (path, "&to=%" G_GINT64_FORMAT, to_s);
  return g_string_free (path, FALSE);
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("Last.fm sent %s that does not follow its API"), what);
  return FALSE;
}

/* Last.fm writes numbers as strings ("1700000000"); accept either. */
static gboolean
member_count (JsonObject *object,
              const char *name,
              gint64     *out_value)
{
  const char *text = rsb_json_member_string (object, name);

  if (text != NULL)
    return g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, out_value, NULL);
  return rsb_json_member_int (object, name, out_value) && *out_value >= 0;
}

/* {"#text": "…", "mbid": "…"}, or a bare string from an older shape. */
static char *
text_of (JsonObject *object,
         const char *name)
{
  JsonObject *inner = rsb_json_member_object (object, name);
  const char *text = inner != NULL ? rsb_json_member_string (inner, "#text") : rsb_json_member_string (object, name);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static gboolean
is_now_playing (JsonObject *track)
{
  JsonObject *attr = rsb_json_member_object (track, "@attr");
  const char *flag = rsb_json_member_string (attr, "nowplaying");

  return flag != NULL && g_ascii_strcasecmp (flag, "true") == 0;
}

/* NULL when the scrobble cannot be placed: playing now (no date yet),
 * or without a time or a name. */
static RsbPlay *
read_track (JsonObject *track,
            gint64     *out_uts)
{
  const char *name = rsb_json_member_string (track, "name");
  g_autoptr(RsbPlay) play = NULL;
  gint64 uts;

  if (is_now_playing (track) || name == NULL || *name == '\0' ||
      !member_count (rsb_json_member_object (track, "date"), "uts", &uts) || !rsb_time_listen_is_plausible (uts))
    return NULL;
  play = rsb_play_new ();
  play->track.title = g_strdup (name);
  play->track.artists = text_of (track, "artist");
  play->track.album = text_of (track, "album");
  play->start_ms = play->end_ms = uts * 1000;
  play->source = RSB_PLAY_SOURCE_LASTFM;
  play->precision_ms = RSB_PRECISION_SECOND_MS;
  *out_uts = uts;
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

static void
add_track (RsbLastfmPage *page,
           JsonObject    *track)
{
  gint64 uts = 0;
  RsbPlay *play = read_track (track, &uts);

  if (play == NULL)
    return;
  page->oldest_s = page->oldest_s == 0 ? uts : MIN (page->oldest_s, uts);
  page->newest_s = MAX (page->newest_s, uts);
  g_ptr_array_add (page->plays, play);
}

RsbLastfmPage *
rsb_lastfm_parse_recent_tracks (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(RsbLastfmPage) page = g_new0 (RsbLastfmPage, 1);
  JsonObject *recent, *attr;
  JsonNode *tracks;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (recent = rsb_json_member_object (json_node_get_object (node), "recenttracks")) == NULL ||
      (attr = rsb_json_member_object (recent, "@attr")) == NULL)
    {
      malformed (error, _("a list of recent tracks"));
      return NULL;
    }
  page->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  page->page = member_count (attr, "page", &value) ? (guint) MIN (value, G_MAXUINT) : 1;
  page->total_pages = member_count (attr, "totalPages", &value) ? (guint) MIN (value, G_MAXUINT) : 0;
  page->total = member_count (attr, "total", &value) ? value : 0;

  /* A page of one scrobble may come as the object itself. */
  tracks = json_object_get_member (recent, "track");
  if (tracks != NULL && JSON_NODE_HOLDS_ARRAY (tracks))
    {
      JsonArray *array = json_node_get_array (tracks);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              malformed (error, _("a scrobble"));
              return NULL;
            }
          add_track (page, json_node_get_object (element));
        }
    }
  else if (tracks != NULL && JSON_NODE_HOLDS_OBJECT (tracks))
    add_track (page, json_node_get_object (tracks));
  else if (tracks != NULL && !JSON_NODE_HOLDS_NULL (tracks))
    {
      malformed (error, _("a list of recent tracks"));
      return NULL;
    }
  g_ptr_array_sort (page->plays, compare_start);
  return g_steal_pointer (&page);
}

gboolean
rsb_lastfm_read_error (guint     status,
                       GBytes   *body,
                       gpointer  user_data,
                       GError  **error)
{
  const char *user = user_data;
  g_autoptr(JsonObject) object = rsb_json_parse_object (body);
  gint64 code;

  /* The code says it all, whatever the status (200 included). */
  (void) status;
  if (object == NULL || !rsb_json_member_int (object, "error", &code))
    return TRUE;
  switch (code)
    {
    case 10:  /* Invalid API key */
    case 26:  /* Suspended API key */
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_BAD_KEY,
                   code == 26 ? _("Last.fm has suspended the API key: make a new one")
                              : _("Last.fm does not accept the API key"));
      return FALSE;
    case 6:   /* Invalid parameters: for this method, no such user */
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NO_SUCH_USER,
                   _("Last.fm has no user “%s”"), user);
      return FALSE;
    case 17:  /* Login required: the user hides their recent listening */
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_PRIVATE,
                   _("Last.fm user “%s” keeps their recent listening private"), user);
      return FALSE;
    case 29:  /* Rate limit exceeded */
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED,
                   _("Last.fm asks to slow down (rate limit exceeded)"));
      return FALSE;
    case 8:   /* Operation failed */
    case 11:  /* Service offline */
    case 16:  /* Temporary error */
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                   _("Last.fm could not answer just now (error %d)"), (int) code);
      return FALSE;
    default:
      /* Its own words would do, but a message may quote the request. */
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
                   _("Last.fm refused the request (error %d)"), (int) code);
      return FALSE;
    }
}
