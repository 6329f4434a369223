/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-spotify-playlist.c: private playlists made on the fake Spotify:
 * what is sent, 100 URIs a request, the missing scope, 429 pauses. */
#include <gio/gio.h>
#include <string.h>

#include "rsb-fake-spotify.h"
#include "rsb-spotify-playlist.h"
#include "rsb-sync-error.h"
#include "rsb-sync-fixture.h"

typedef struct {
  RsbFakeSpotify *spotify;
  RsbFakeApi     *api;
  RsbApiClient   *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->spotify = rsb_fake_spotify_new (&error);
  g_assert_no_error (error);
  f->api = rsb_fake_spotify_get_api (f->spotify);
  f->client = rsb_sync_fixture_client (RSB_SERVICE_SPOTIFY, f->api);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->spotify, rsb_fake_spotify_free);
}

static char *
uri_of (guint i)
{
  return g_strdup_printf ("spotify:track:%022u", i);
}

/* n songs with Spotify URIs, and every tenth of n_local songs of the
 * user's own files with none, interleaved. */
static RsbPlaylist *
make_playlist (guint n,
               guint n_local)
{
  RsbPlaylist *playlist = rsb_playlist_new ("Tempo <170> & friends");

  for (guint i = 0; i < n + n_local; i++)
    {
      g_autofree char *uri = i < n ? uri_of (i) : NULL;
      g_autofree char *title = g_strdup_printf ("Song %u", i);
      RsbTrack track = { .uri = uri, .title = title, .artists = "Artist", .duration_ms = 200000 };

      rsb_playlist_add_track (playlist, i + 1, &track, i < n ? NULL : "/music/own.flac");
    }
  return playlist;
}

static void
test_create_in_pages (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RsbPlaylist) playlist = make_playlist (250, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakePlaylist) made = NULL;
  g_auto(RsbSpotifyPlaylistResult) result = { 0 };
  g_autofree char *message = NULL;

  g_assert_true (rsb_spotify_playlist_create (f->client, playlist, "Made with Run Sous BPM", &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_added, ==, 250);
  g_assert_cmpuint (result.n_left_out, ==, 3);
  g_assert_cmpuint (rsb_fake_spotify_get_n_playlists (f->spotify), ==, 1);
  made = rsb_fake_spotify_dup_playlist (f->spotify, 0);
  g_assert_cmpstr (made->id, ==, result.id);
  g_assert_cmpstr (made->name, ==, "Tempo <170> & friends");
  g_assert_cmpstr (made->description, ==, "Made with Run Sous BPM");
  g_assert_false (made->is_public);
  g_assert_true (g_str_has_prefix (result.url, "https://open.spotify.com/playlist/"));
  /* Every URI once, in order, 100 a request. */
  g_assert_cmpuint (made->uris->len, ==, 250);
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *uri = uri_of (i);

      g_assert_cmpstr (made->uris->pdata[i], ==, uri);
    }
  g_assert_cmpuint (made->batch_sizes->len, ==, 3);
  g_assert_cmpuint (g_array_index (made->batch_sizes, guint, 0), ==, 100);
  g_assert_cmpuint (g_array_index (made->batch_sizes, guint, 1), ==, 100);
  g_assert_cmpuint (g_array_index (made->batch_sizes, guint, 2), ==, 50);
  g_assert_cmpuint (rsb_fake_api_count (f->api, "create-playlist"), ==, 1);
  g_assert_cmpuint (rsb_fake_api_count (f->api, "playlist-items"), ==, 3);

  message = rsb_spotify_playlist_result_message (playlist, &result);
  g_assert_cmpstr (message, ==, "“Tempo <170> & friends” is on Spotify with 250 songs; "
                                "3 without a Spotify link were left out");
}

static void
test_exactly_100 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RsbPlaylist) playlist = make_playlist (100, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakePlaylist) made = NULL;
  g_auto(RsbSpotifyPlaylistResult) result = { 0 };

  g_assert_true (rsb_spotify_playlist_create (f->client, playlist, NULL, &result, NULL, &error));
  g_assert_no_error (error);
  made = rsb_fake_spotify_dup_playlist (f->spotify, 0);
  g_assert_cmpuint (made->batch_sizes->len, ==, 1);
  g_assert_cmpuint (made->uris->len, ==, 100);
  g_assert_null (made->description);
}

static void
test_missing_scope (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RsbPlaylist) playlist = make_playlist (5, 0);
  g_autoptr(GError) error = NULL;
  g_auto(RsbSpotifyPlaylistResult) result = { 0 };

  rsb_fake_spotify_set_playlist_scope (f->spotify, FALSE);
  g_assert_false (rsb_spotify_playlist_create (f->client, playlist, NULL, &result, NULL, &error));
  g_assert_error (error, RSB_SPOTIFY_PLAYLIST_ERROR, RSB_SPOTIFY_PLAYLIST_ERROR_SCOPE);
  g_assert_nonnull (strstr (error->message, "reconnect Spotify"));
  g_assert_null (result.id);
  g_assert_cmpuint (rsb_fake_spotify_get_n_playlists (f->spotify), ==, 0);
  /* A refusal is not retried. */
  g_assert_cmpuint (rsb_fake_api_count (f->api, "create-playlist"), ==, 1);
}

static void
test_short_retry_after (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RsbPlaylist) playlist = make_playlist (230, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakePlaylist) made = NULL;
  g_auto(RsbSpotifyPlaylistResult) result = { 0 };

  /* The second page is refused once with Retry-After: 1. */
  rsb_fake_api_set_retry_after (f->api, 1);
  rsb_fake_api_inject (f->api, RSB_FAKE_FAULT_TOO_MANY, "playlist-items", 1);
  g_assert_true (rsb_spotify_playlist_create (f->client, playlist, NULL, &result, NULL, &error));
  g_assert_no_error (error);
  made = rsb_fake_spotify_dup_playlist (f->spotify, 0);
  g_assert_cmpuint (made->uris->len, ==, 230);
  g_assert_cmpuint (made->batch_sizes->len, ==, 3);
  g_assert_cmpuint (rsb_fake_api_count (f->api, "playlist-items"), ==, 4);
  g_assert_cmpuint (result.n_added, ==, 230);
}

static void
test_long_retry_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RsbPlaylist) playlist = make_playlist (150, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakePlaylist) made = NULL;
  g_auto(RsbSpotifyPlaylistResult) result = { 0 };

  /* An hour's pause after the first page: stop and say what is there. */
  rsb_fake_api_set_retry_after (f->api, 3600);
  rsb_fake_api_inject (f->api, RSB_FAKE_FAULT_TOO_MANY, "playlist-items", 1);
  g_assert_false (rsb_spotify_playlist_create (f->client, playlist, NULL, &result, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "100 songs of 150"));
  g_assert_cmpuint (result.n_added, ==, 100);
  g_assert_nonnull (result.id);
  made = rsb_fake_spotify_dup_playlist (f->spotify, 0);
  g_assert_cmpuint (made->uris->len, ==, 100);
  g_assert_cmpuint (rsb_fake_api_count (f->api, "playlist-items"), ==, 2);
}

static void
test_bad_answers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RsbPlaylist) playlist = make_playlist (3, 0);
  g_autoptr(RsbPlaylist) local = make_playlist (0, 4);
  g_autoptr(GError) error = NULL;
  g_auto(RsbSpotifyPlaylistResult) result = { 0 };

  rsb_fake_api_inject (f->api, RSB_FAKE_FAULT_MALFORMED, "create-playlist", 0);
  g_assert_false (rsb_spotify_playlist_create (f->client, playlist, NULL, &result, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A 500 to a POST is not sent again: the playlist may exist. */
  rsb_fake_api_reset_counts (f->api);
  rsb_fake_api_inject (f->api, RSB_FAKE_FAULT_SERVER_ERROR, "create-playlist", 0);
  g_assert_false (rsb_spotify_playlist_create (f->client, playlist, NULL, &result, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER);
  g_assert_cmpuint (rsb_fake_api_count (f->api, "create-playlist"), ==, 1);
  g_clear_error (&error);

  /* Only the user's own files: nothing to send. */
  rsb_fake_api_reset_counts (f->api);
  g_assert_false (rsb_spotify_playlist_create (f->client, local, NULL, &result, NULL, &error));
  g_assert_error (error, RSB_SPOTIFY_PLAYLIST_ERROR, RSB_SPOTIFY_PLAYLIST_ERROR_NO_SONGS);
  g_assert_cmpuint (rsb_fake_api_count (f->api, "total"), ==, 0);
}

static void
test_account_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(RsbAccount) account = rsb_account_new ("spotify");
  g_autoptr(RsbAccount) stored = NULL;

  g_assert_false (rsb_spotify_playlist_check_account (store, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  /* Connected before the app kept scopes: asked to reconnect. */
  account->account_id = g_strdup ("listener");
  g_assert_true (rsb_store_save_account (store, account, &error));
  g_assert_false (rsb_spotify_playlist_check_account (store, &error));
  g_assert_error (error, RSB_SPOTIFY_PLAYLIST_ERROR, RSB_SPOTIFY_PLAYLIST_ERROR_SCOPE);
  g_clear_error (&error);

  account->scopes = g_strdup ("user-read-recently-played");
  g_assert_true (rsb_store_save_account (store, account, &error));
  g_assert_false (rsb_spotify_playlist_check_account (store, &error));
  g_assert_error (error, RSB_SPOTIFY_PLAYLIST_ERROR, RSB_SPOTIFY_PLAYLIST_ERROR_SCOPE);
  g_clear_error (&error);

  g_free (account->scopes);
  account->scopes = g_strdup ("playlist-modify-private user-read-recently-played");
  g_assert_true (rsb_store_save_account (store, account, &error));
  g_assert_true (rsb_spotify_playlist_check_account (store, &error));
  g_assert_no_error (error);
  stored = rsb_store_get_account (store, "spotify", &error);
  g_assert_cmpstr (stored->scopes, ==, "playlist-modify-private user-read-recently-played");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/spotify-playlist/create-in-pages", Fixture, NULL, fixture_set_up, test_create_in_pages, fixture_tear_down);
  g_test_add ("/spotify-playlist/exactly-100", Fixture, NULL, fixture_set_up, test_exactly_100, fixture_tear_down);
  g_test_add ("/spotify-playlist/missing-scope", Fixture, NULL, fixture_set_up, test_missing_scope, fixture_tear_down);
  g_test_add ("/spotify-playlist/short-retry-after", Fixture, NULL, fixture_set_up, test_short_retry_after, fixture_tear_down);
  g_test_add ("/spotify-playlist/long-retry-after", Fixture, NULL, fixture_set_up, test_long_retry_after, fixture_tear_down);
  g_test_add ("/spotify-playlist/bad-answers", Fixture, NULL, fixture_set_up, test_bad_answers, fixture_tear_down);
  g_test_add_func ("/spotify-playlist/account-scope", test_account_scope);
  return g_test_run ();
}
