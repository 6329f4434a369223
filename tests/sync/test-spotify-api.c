/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-spotify-api.c: recently-played answers read right (shaped as the
 * OpenAPI description has them), starts clamped, and the fake Spotify's
 * window and cursors as the client sees them. */
#include <gio/gio.h>
#include <string.h>

#include "rsb-fake-spotify.h"
#include "rsb-spotify-api.h"
#include "rsb-sync-error.h"
#include "rsb-sync-fixture.h"

#define MINUTE_MS (G_GINT64_CONSTANT (60) * 1000)
/* 2024-05-14T10:00:00Z */
#define T0 G_GINT64_CONSTANT (1715680800000)

/* Two plays, newest first, as Spotify lists them. The older track has
 * no 300 px image, one play is of an episode (no track), and the
 * cursors are strings. */
static const char *page_json =
  "{\"href\": \"https://api.spotify.com/v1/me/player/recently-played?limit=50\","
  " \"limit\": 50, \"next\": null,"
  " \"cursors\": {\"after\": \"1715681100123\", \"before\": \"1715680800000\"},"
  " \"items\": ["
  "  {\"track\": {\"name\": \"Two Artists\", \"uri\": \"spotify:track:2\", \"duration_ms\": 240000,"
  "              \"artists\": [{\"name\": \"First\"}, {\"name\": \"Second\"}],"
  "              \"album\": {\"name\": \"Second Album\", \"images\": ["
  "                 {\"url\": \"https://i.scdn.co/image/640\", \"height\": 640, \"width\": 640},"
  "                 {\"url\": \"https://i.scdn.co/image/300\", \"height\": 300, \"width\": 300},"
  "                 {\"url\": \"https://i.scdn.co/image/64\", \"height\": 64, \"width\": 64}]},"
  "              \"external_ids\": {\"isrc\": \"USRC17607839\"}, \"type\": \"track\"},"
  "   \"played_at\": \"2024-05-14T10:05:00.123Z\", \"context\": null},"
  "  {\"track\": null, \"played_at\": \"2024-05-14T10:02:00Z\", \"context\": null},"
  "  {\"track\": {\"name\": \"Alone\", \"uri\": \"spotify:track:1\", \"duration_ms\": 180000,"
  "              \"artists\": [{\"name\": \"Solo\"}],"
  "              \"album\": {\"name\": \"First Album\", \"images\": ["
  "                 {\"url\": \"https://i.scdn.co/image/big\", \"height\": 640, \"width\": 640},"
  "                 {\"url\": \"https://i.scdn.co/image/small\", \"height\": 64, \"width\": 64}]},"
  "              \"external_ids\": {}},"
  "   \"played_at\": \"2024-05-14T10:00:00Z\","
  "   \"context\": {\"type\": \"playlist\", \"uri\": \"spotify:playlist:x\"}}"
  " ]}";

static JsonNode *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_parse_page (void)
{
  g_autoptr(JsonNode) node = parse_text (page_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbSpotifyPage) page = rsb_spotify_parse_recently_played (node, &error);
  RsbPlay *older, *newer;

  g_assert_no_error (error);
  g_assert_cmpuint (page->n_items, ==, 3);
  g_assert_cmpuint (page->plays->len, ==, 2);
  g_assert_cmpint (page->cursor_ms, ==, G_GINT64_CONSTANT (1715681100123));
  g_assert_false (page->has_next);

  older = g_ptr_array_index (page->plays, 0);
  newer = g_ptr_array_index (page->plays, 1);
  g_assert_cmpstr (older->track.uri, ==, "spotify:track:1");
  g_assert_cmpstr (older->track.title, ==, "Alone");
  g_assert_cmpstr (older->track.artists, ==, "Solo");
  g_assert_cmpstr (older->track.album, ==, "First Album");
  g_assert_null (older->track.isrc);
  /* 64 px is nearer 300 than 640 is. */
  g_assert_cmpstr (older->track.artwork_url, ==, "https://i.scdn.co/image/small");
  g_assert_cmpint (older->end_ms, ==, T0);
  g_assert_cmpint (older->start_ms, ==, T0 - 180000);

  g_assert_cmpstr (newer->track.artists, ==, "First, Second");
  g_assert_cmpstr (newer->track.isrc, ==, "USRC17607839");
  g_assert_cmpstr (newer->track.artwork_url, ==, "https://i.scdn.co/image/300");
  g_assert_cmpint (newer->track.duration_ms, ==, 240000);
  /* played_at is when the play ended, to the millisecond. */
  g_assert_cmpint (newer->end_ms, ==, T0 + 5 * MINUTE_MS + 123);
  g_assert_cmpint (newer->source, ==, RSB_PLAY_SOURCE_API);
  g_assert_cmpint (newer->precision_ms, ==, RSB_SPOTIFY_API_PRECISION_MS);
}

static void
test_parse_empty_page (void)
{
  g_autoptr(JsonNode) node = parse_text (
    "{\"href\": \"x\", \"limit\": 50, \"next\": null, \"cursors\": null, \"items\": []}");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbSpotifyPage) page = rsb_spotify_parse_recently_played (node, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->plays->len, ==, 0);
  g_assert_cmpint (page->cursor_ms, ==, 0);
}

static void
test_parse_malformed (void)
{
  const char *bad[] = {
    "[]",
    "{\"items\": 5}",
    "{\"items\": [{\"track\": {\"name\": \"x\"}}]}",
    "{\"items\": [{\"track\": {\"name\": \"x\"}, \"played_at\": \"at noon\"}]}",
    "{\"items\": [7]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_text (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RsbSpotifyPage) page = rsb_spotify_parse_recently_played (node, &error);

      g_assert_null (page);
      g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "Spotify"));
    }
}

static RsbPlay *
play_at (gint64 end_ms,
         gint64 duration_ms)
{
  RsbPlay *play = rsb_play_new ();

  play->end_ms = end_ms;
  play->track.duration_ms = duration_ms;
  play->start_ms = end_ms - duration_ms;
  play->ms_played = duration_ms;
  return play;
}

static void
test_clamp_starts (void)
{
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  RsbPlay *p;

  /* Stored before: a play that ended at T0. */
  g_ptr_array_add (plays, play_at (T0 + 1 * MINUTE_MS, 3 * MINUTE_MS));  /* skipped after 1 min */
  g_ptr_array_add (plays, play_at (T0 + 5 * MINUTE_MS, 3 * MINUTE_MS));  /* full, with a gap */
  g_ptr_array_add (plays, play_at (T0 + 6 * MINUTE_MS, 4 * MINUTE_MS));  /* skipped after 1 min */
  rsb_spotify_clamp_starts (plays, T0);

  p = g_ptr_array_index (plays, 0);
  g_assert_cmpint (p->start_ms, ==, T0);
  g_assert_cmpint (p->ms_played, ==, MINUTE_MS);
  p = g_ptr_array_index (plays, 1);
  g_assert_cmpint (p->start_ms, ==, T0 + 2 * MINUTE_MS);
  g_assert_cmpint (p->ms_played, ==, 3 * MINUTE_MS);
  p = g_ptr_array_index (plays, 2);
  g_assert_cmpint (p->start_ms, ==, T0 + 5 * MINUTE_MS);
  g_assert_cmpint (p->ms_played, ==, MINUTE_MS);
}

static void
test_clamp_leaves_repeats (void)
{
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  RsbPlay *p;

  /* A play the library already has, fetched again: before the newest
   * stored end, it keeps the start it had so it is seen as the same. */
  g_ptr_array_add (plays, play_at (T0 - 2 * MINUTE_MS, 3 * MINUTE_MS));
  rsb_spotify_clamp_starts (plays, T0);
  p = g_ptr_array_index (plays, 0);
  g_assert_cmpint (p->start_ms, ==, T0 - 5 * MINUTE_MS);
  g_assert_cmpint (p->ms_played, ==, 3 * MINUTE_MS);

  /* No stored play at all: nothing to clamp to. */
  rsb_spotify_clamp_starts (plays, RSB_NO_TIME);
  g_assert_cmpint (p->start_ms, ==, T0 - 5 * MINUTE_MS);
}

static void
test_artwork (void)
{
  g_autoptr(JsonNode) sizes = parse_text (
    "[{\"url\": \"a\", \"width\": null, \"height\": null}, {\"url\": \"b\", \"width\": 320, \"height\": 320},"
    " {\"url\": \"c\", \"width\": 250, \"height\": 250}]");
  g_autoptr(JsonNode) unknown = parse_text ("[{\"url\": \"only\", \"width\": null, \"height\": null}]");
  g_autoptr(JsonNode) none = parse_text ("[]");

  g_assert_cmpstr (rsb_spotify_pick_artwork (json_node_get_array (sizes)), ==, "b");
  g_assert_cmpstr (rsb_spotify_pick_artwork (json_node_get_array (unknown)), ==, "only");
  g_assert_null (rsb_spotify_pick_artwork (json_node_get_array (none)));
}

static void
test_user (void)
{
  g_autoptr(JsonNode) named = parse_text ("{\"id\": \"wizzler\", \"display_name\": \"JM Wizzler\"}");
  g_autoptr(JsonNode) unnamed = parse_text ("{\"id\": \"wizzler\", \"display_name\": null}");
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *fallback = NULL;

  g_assert_true (rsb_spotify_parse_user (named, &id, &name, NULL));
  g_assert_cmpstr (id, ==, "wizzler");
  g_assert_cmpstr (name, ==, "JM Wizzler");
  g_assert_true (rsb_spotify_parse_user (unnamed, NULL, &fallback, NULL));
  g_assert_cmpstr (fallback, ==, "wizzler");
}

static void
test_paths (void)
{
  g_autofree char *first = rsb_spotify_recently_played_path (0, 50);
  g_autofree char *next = rsb_spotify_recently_played_path (1484811043508, 50);

  g_assert_cmpstr (first, ==, "/me/player/recently-played?limit=50");
  g_assert_cmpstr (next, ==, "/me/player/recently-played?limit=50&after=1484811043508");
}

/* The fake keeps only the last 50 plays that ended by its "now", and
 * pages forward from a cursor. */
static void
test_fake_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakeSpotify) spotify = rsb_fake_spotify_new (&error);
  g_autoptr(RsbApiClient) client = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(RsbSpotifyPage) page = NULL;
  g_autoptr(RsbSpotifyPage) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  g_assert_no_error (error);
  rsb_fake_spotify_schedule_plays (spotify, 80, T0, 160 * MINUTE_MS, 7);
  rsb_fake_spotify_set_now (spotify, T0 + 200 * MINUTE_MS);
  client = rsb_sync_fixture_client (RSB_SERVICE_SPOTIFY, rsb_fake_spotify_get_api (spotify));

  path = rsb_spotify_recently_played_path (0, 50);
  node = rsb_api_client_get_json (client, path, NULL, &error);
  g_assert_no_error (error);
  page = rsb_spotify_parse_recently_played (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->plays->len, ==, 50);
  /* The oldest 30 are gone, as on Spotify. */
  g_assert_cmpint (((RsbPlay *) g_ptr_array_index (page->plays, 0))->end_ms, ==,
                   rsb_fake_spotify_get_play_end (spotify, 30));
  g_assert_cmpint (page->cursor_ms, ==, rsb_fake_spotify_get_play_end (spotify, 79));
  uri = rsb_fake_spotify_dup_play_uri (spotify, 79);
  g_assert_cmpstr (((RsbPlay *) g_ptr_array_index (page->plays, 49))->track.uri, ==, uri);
  g_assert_nonnull (((RsbPlay *) g_ptr_array_index (page->plays, 49))->track.artwork_url);
  g_assert_nonnull (strstr (((RsbPlay *) g_ptr_array_index (page->plays, 49))->track.artwork_url, "300"));

  /* After the 70th: the 9 since. */
  g_clear_pointer (&node, json_node_unref);
  g_free (path);
  path = rsb_spotify_recently_played_path (rsb_fake_spotify_get_play_end (spotify, 70), 50);
  node = rsb_api_client_get_json (client, path, NULL, &error);
  after = rsb_spotify_parse_recently_played (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->plays->len, ==, 9);
  g_assert_cmpuint (rsb_fake_api_count (rsb_fake_spotify_get_api (spotify), "recently-played"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spotify-api/parse-page", test_parse_page);
  g_test_add_func ("/spotify-api/parse-empty-page", test_parse_empty_page);
  g_test_add_func ("/spotify-api/parse-malformed", test_parse_malformed);
  g_test_add_func ("/spotify-api/clamp-starts", test_clamp_starts);
  g_test_add_func ("/spotify-api/clamp-leaves-repeats", test_clamp_leaves_repeats);
  g_test_add_func ("/spotify-api/artwork", test_artwork);
  g_test_add_func ("/spotify-api/user", test_user);
  g_test_add_func ("/spotify-api/paths", test_paths);
  g_test_add_func ("/spotify-api/fake-window", test_fake_window);

  return g_test_run ();
}
