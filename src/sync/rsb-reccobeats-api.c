/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-reccobeats-api.c: ReccoBeats' audio features, paths and parsing. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rsb-reccobeats-api.h"
#include "rsb-json.h"
#include "rsb-sync-error.h"

#define SPOTIFY_TRACK_URI  "spotify:track:"
#define SPOTIFY_TRACK_HREF "https://open.spotify.com/track/"

static gboolean
is_spotify_id (const char *id)
{
  if (*id == '\0' || strlen (id) > 32)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

char *
rsb_reccobeats_spotify_id (const char *uri)
{
  if (uri == NULL || !g_str_has_prefix (uri, SPOTIFY_TRACK_URI) ||
      !is_spotify_id (uri + strlen (SPOTIFY_TRACK_URI)))
    return NULL;
  return g_strdup (uri + strlen (SPOTIFY_TRACK_URI));
}

char *
rsb_reccobeats_features_path (const char * const *ids,
                              guint               n)
{
  GString *path = g_string_new ("/audio-features?ids=");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (path, ',');
      g_string_append (path, ids[i]);
    }
  return g_string_free (path, FALSE);
}

/* The Spotify id at the end of an open.spotify.com href (a query or a
 * trailing slash left out). */
static char *
id_from_href (const char *href)
{
  const char *start;

  if (href == NULL || !g_str_has_prefix (href, SPOTIFY_TRACK_HREF))
    return NULL;
  start = href + strlen (SPOTIFY_TRACK_HREF);
  return g_strndup (start, strcspn (start, "?/#"));
}

GHashTable *
rsb_reccobeats_parse_features (JsonNode  *node,
                               GError   **error)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonArray *content = rsb_json_member_array (object, "content");
  g_autoptr(GHashTable) features = NULL;

  if (content == NULL)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
                   _("ReccoBeats sent %s that does not follow its API"), _("a list of audio features"));
      return NULL;
    }
  features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (content); i++)
    {
      JsonNode *element = json_array_get_element (content, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      char *id = id_from_href (rsb_json_member_string (item, "href"));
      RsbReccoBeatsFeatures *value;

      if (id == NULL || !is_spotify_id (id))
        {
          g_free (id);
          continue;
        }
      value = g_new0 (RsbReccoBeatsFeatures, 1);
      if (!rsb_json_member_number (item, "tempo", &value->tempo) || !isfinite (value->tempo))
        value->tempo = 0;
      if (!rsb_json_member_number (item, "energy", &value->energy) || !isfinite (value->energy))
        value->energy = NAN;
      g_hash_table_replace (features, id, value);
    }
  return g_steal_pointer (&features);
}
