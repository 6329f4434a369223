/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-deezer-api.c: Deezer's public catalogue, paths and parsing. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-deezer-api.h"
#include "rsb-json.h"
#include "rsb-sync-error.h"

#define CODE_QUOTA   4
#define CODE_NO_DATA 800

gint64
rsb_deezer_quota_window_ms (void)
{
  const char *value = g_getenv (RSB_DEEZER_WINDOW_ENV);
  guint64 ms;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 10, 3600 * 1000, &ms, NULL))
    return (gint64) ms;
  return RSB_DEEZER_QUOTA_WINDOW_MS;
}

char *
rsb_deezer_isrc_path (const char *isrc)
{
  g_autofree char *escaped = g_uri_escape_string (isrc, NULL, FALSE);

  return g_strconcat ("/track/isrc:", escaped, NULL);
}

/* Quotes would end Deezer's quoted terms early. */
static char *
unquoted (const char *text,
          gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length && text[i] != '\0'; i++)
    g_string_append_c (out, text[i] == '"' ? ' ' : text[i]);
  return g_strstrip (g_string_free (out, FALSE));
}

char *
rsb_deezer_search_path (const char *artists,
                        const char *title)
{
  g_autofree char *artist = artists != NULL ? unquoted (artists, strcspn (artists, ",")) : g_strdup ("");
  g_autofree char *track = unquoted (title, strlen (title));
  g_autofree char *query = NULL;
  g_autofree char *escaped = NULL;

  query = *artist != '\0' ? g_strdup_printf ("artist:\"%s\" track:\"%s\"", artist, track)
                          : g_strdup_printf ("track:\"%s\"", track);
  escaped = g_uri_escape_string (query, NULL, FALSE);
  return g_strconcat ("/search?q=", escaped, NULL);
}

char *
rsb_deezer_track_path (gint64 id)
{
  return g_strdup_printf ("/track/%" G_GINT64_FORMAT, id);
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  /* Translators: %s is "a track", "a list of search results" */
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("Deezer sent %s that does not follow its API"), what);
  return FALSE;
}

gboolean
rsb_deezer_check (JsonNode         *node,
                  RsbDeezerStatus  *status,
                  GError          **error)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *fault = rsb_json_member_object (object, "error");
  const char *message;
  gint64 code = -1;

  *status = RSB_DEEZER_OK;
  if (object == NULL)
    return malformed (error, _("an answer"));
  if (fault == NULL)
    return TRUE;
  rsb_json_member_int (fault, "code", &code);
  if (code == CODE_QUOTA)
    {
      *status = RSB_DEEZER_QUOTA;
      return TRUE;
    }
  if (code == CODE_NO_DATA)
    {
      *status = RSB_DEEZER_NO_DATA;
      return TRUE;
    }
  message = rsb_json_member_string (fault, "message");
  /* Translators: "Deezer refused the request: Invalid query (code 600)" */
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
               _("Deezer refused the request: %s (code %lld)"),
               message != NULL ? message : _("no reason given"), (long long) code);
  return FALSE;
}

gboolean
rsb_deezer_parse_track (JsonNode  *node,
                        double    *bpm,
                        GError   **error)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  gint64 id;

  *bpm = 0;
  if (object == NULL || !rsb_json_member_int (object, "id", &id))
    return malformed (error, _("a track"));
  /* "bpm" may be absent, null or 0: all mean unknown. */
  if (!rsb_json_member_number (object, "bpm", bpm) || *bpm < 0)
    *bpm = 0;
  return TRUE;
}

gboolean
rsb_deezer_pick_candidate (JsonNode  *node,
                           gint64     duration_ms,
                           gint64    *id,
                           GError   **error)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonArray *data = rsb_json_member_array (object, "data");

  gint64 best_distance = G_MAXINT64;

  *id = 0;
  if (data == NULL)
    return malformed (error, _("a list of search results"));
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *element = json_array_get_element (data, i);
      JsonObject *candidate = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      gint64 candidate_id, seconds, distance = 0;

      if (!rsb_json_member_int (candidate, "id", &candidate_id) || candidate_id <= 0)
        continue;
      if (duration_ms > 0)
        {
          if (!rsb_json_member_int (candidate, "duration", &seconds))
            continue;
          distance = ABS (seconds * 1000 - duration_ms);
        }
      if (distance <= RSB_DEEZER_DURATION_SLACK_MS && distance < best_distance)
        {
          *id = candidate_id;
          best_distance = distance;
        }
    }
  return TRUE;
}
