/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-spotify-playlist.c: a private Spotify playlist from a playlist of
 * the library's songs. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-json.h"
#include "rsb-http.h"
#include "rsb-spotify-playlist.h"
#include "rsb-sync-error.h"
#include "rsb-token-source.h"

G_DEFINE_QUARK (rsb-spotify-playlist-error-quark, rsb_spotify_playlist_error)

void
rsb_spotify_playlist_result_clear (RsbSpotifyPlaylistResult *result)
{
  g_clear_pointer (&result->id, g_free);
  g_clear_pointer (&result->url, g_free);
  result->n_added = result->n_left_out = 0;
}

JsonNode *
rsb_spotify_playlist_create_body (const char *name,
                                  const char *description)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  /* Spotify's default is public: the person asked for their own list. */
  json_object_set_boolean_member (object, "public", FALSE);
  if (description != NULL)
    json_object_set_string_member (object, "description", description);
  return json_node_init_object (json_node_alloc (), object);
}

JsonNode *
rsb_spotify_playlist_items_body (GPtrArray *uris,
                                 guint      first,
                                 guint      n)
{
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = first; i < first + n && i < uris->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (uris, i));
  json_object_set_array_member (object, "uris", array);
  return json_node_init_object (json_node_alloc (), object);
}

static void
set_scope_error (GError **error)
{
  g_set_error (error, RSB_SPOTIFY_PLAYLIST_ERROR, RSB_SPOTIFY_PLAYLIST_ERROR_SCOPE,
               _("Spotify has not allowed this app to create playlists: reconnect Spotify "
                 "(Preferences → Accounts) and allow it"));
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* Sleeps until the pause ends, waking at once when cancelled. */
static gboolean
wait_until (gint64         until_ms,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 delay = MAX (until_ms - now_ms (), 0);
  GPollFD pollfd;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_usleep ((gulong) delay * 1000);
      return TRUE;
    }
  g_poll (&pollfd, 1, (int) delay);
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* A 429 was refused before Spotify did anything, so the same request
 * is sent again after a short pause; a long one ends the attempt. A
 * 403 on these endpoints means the token lacks the scope. */
static JsonNode *
post_patiently (RsbApiClient  *client,
                const char    *path,
                JsonNode      *body,
                GCancellable  *cancellable,
                GError       **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      JsonNode *answer = rsb_api_client_post_json (client, path, body, cancellable, &local_error);
      gint64 until;

      if (answer != NULL)
        return answer;
      if (rsb_api_client_get_last_status (client) == 403 &&
          g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP))
        {
          g_debug ("Playlist request refused: %s", local_error->message);
          set_scope_error (error);
          return NULL;
        }
      until = rsb_api_client_get_paused_until (client);
      if (!g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED) ||
          until - now_ms () > RSB_SPOTIFY_PLAYLIST_MAX_WAIT_MS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!wait_until (until, cancellable, error))
        return NULL;
    }
}

/* The page link only when it is Spotify's own: the answer is data. */
static char *
playlist_url (JsonObject *object,
              const char *id)
{
  JsonObject *urls = rsb_json_member_object (object, "external_urls");
  const char *url = urls != NULL ? rsb_json_member_string (urls, "spotify") : NULL;

  if (url != NULL && g_str_has_prefix (url, "https://open.spotify.com/"))
    return g_strdup (url);
  return g_strconcat ("https://open.spotify.com/playlist/", id, NULL);
}

/* Spotify ids are base 62: anything else must not reach a path. */
static gboolean
is_spotify_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *c = id; *c; c++)
    if (!g_ascii_isalnum (*c))
      return FALSE;
  return TRUE;
}

static gboolean
create_empty (RsbApiClient              *client,
              const RsbPlaylist         *playlist,
              const char                *description,
              RsbSpotifyPlaylistResult  *result,
              GCancellable              *cancellable,
              GError                   **error)
{
  g_autoptr(JsonNode) body = rsb_spotify_playlist_create_body (playlist->title != NULL ? playlist->title
                                                               : _("Run Sous BPM"), description);
  g_autoptr(JsonNode) answer = post_patiently (client, "/me/playlists", body, cancellable, error);
  JsonObject *object;
  const char *id;

  if (answer == NULL)
    return FALSE;
  object = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  id = object != NULL ? rsb_json_member_string (object, "id") : NULL;
  if (!is_spotify_id (id))
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
                   _("Spotify answered the new playlist without an id it documents"));
      return FALSE;
    }
  result->id = g_strdup (id);
  result->url = playlist_url (object, id);
  return TRUE;
}

gboolean
rsb_spotify_playlist_create (RsbApiClient              *client,
                             const RsbPlaylist         *playlist,
                             const char                *description,
                             RsbSpotifyPlaylistResult  *result,
                             GCancellable              *cancellable,
                             GError                   **error)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new ();
  g_autofree char *path = NULL;

  g_return_val_if_fail (RSB_IS_API_CLIENT (client), FALSE);
  g_return_val_if_fail (playlist != NULL && result != NULL, FALSE);

  rsb_spotify_playlist_result_clear (result);
  for (guint i = 0; i < playlist->entries->len; i++)
    {
      const RsbPlaylistEntry *entry = g_ptr_array_index (playlist->entries, i);

      if (entry->spotify_uri != NULL)
        g_ptr_array_add (uris, entry->spotify_uri);
      else
        result->n_left_out++;
    }
  if (uris->len == 0)
    {
      g_set_error (error, RSB_SPOTIFY_PLAYLIST_ERROR, RSB_SPOTIFY_PLAYLIST_ERROR_NO_SONGS,
                   _("None of these songs has a Spotify link: no Spotify playlist was made"));
      return FALSE;
    }
  if (!create_empty (client, playlist, description, result, cancellable, error))
    return FALSE;
  path = g_strconcat ("/playlists/", result->id, "/items", NULL);
  for (guint first = 0; first < uris->len; first += RSB_SPOTIFY_PLAYLIST_BATCH)
    {
      guint n = MIN (RSB_SPOTIFY_PLAYLIST_BATCH, uris->len - first);
      g_autoptr(JsonNode) body = rsb_spotify_playlist_items_body (uris, first, n);
      g_autoptr(JsonNode) answer = post_patiently (client, path, body, cancellable, error);

      if (answer == NULL)
        {
          /* Translators: songs added so far of all to add; the reason follows */
          g_prefix_error (error, g_dngettext (GETTEXT_PACKAGE, "The Spotify playlist was made with %u song of %u, then: ",
                                           "The Spotify playlist was made with %u songs of %u, then: ",
                                           result->n_added),
                          result->n_added, uris->len);
          return FALSE;
        }
      result->n_added += n;
    }
  return TRUE;
}

gboolean
rsb_spotify_playlist_check_account (RsbStore  *store,
                                    GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, rsb_service_id (RSB_SERVICE_SPOTIFY),
                                                         &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (account == NULL)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED,
                   _("Connect Spotify (Preferences → Accounts) to make Spotify playlists"));
      return FALSE;
    }
  if (!rsb_account_has_scope (account, RSB_SPOTIFY_PLAYLIST_SCOPE))
    {
      set_scope_error (error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rsb_spotify_playlist_publish (RsbStore                  *store,
                              const RsbPlaylist         *playlist,
                              RsbSpotifyPlaylistResult  *result,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  return rsb_spotify_playlist_check_account (store, error) &&
         rsb_spotify_playlist_send (playlist, result, cancellable, error);
}

gboolean
rsb_spotify_playlist_send (const RsbPlaylist         *playlist,
                           RsbSpotifyPlaylistResult  *result,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  g_autoptr(RsbTokenSource) tokens = NULL;
  g_autoptr(RsbApiClient) client = NULL;

  tokens = rsb_token_source_new_from_keyring (RSB_SERVICE_SPOTIFY, session, cancellable, error);
  if (tokens == NULL)
    return FALSE;
  client = rsb_api_client_new_for_service (tokens, error);
  if (client == NULL)
    return FALSE;
  return rsb_spotify_playlist_create (client, playlist, _("Made with Run Sous BPM"), result,
                                      cancellable, error);
}

char *
rsb_spotify_playlist_result_message (const RsbPlaylist              *playlist,
                                     const RsbSpotifyPlaylistResult *result)
{
  g_autofree char *made = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” is on Spotify with %u song",
                                                     "“%s” is on Spotify with %u songs", result->n_added),
                                           playlist->title != NULL ? playlist->title : "", result->n_added);

  if (result->n_left_out == 0)
    return g_steal_pointer (&made);
  /* Translators: the first %s is "“Name” is on Spotify with 12 songs" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u without a Spotify link was left out",
                                    "%s; %u without a Spotify link were left out", result->n_left_out),
                          made, result->n_left_out);
}
