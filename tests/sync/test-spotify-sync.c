/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-spotify-sync.c: polling the fake Spotify on a simulated clock,
 * as the app does every 20 minutes: every play stored once, with its
 * metadata, and the workouts it overlaps matched. */
#include <gio/gio.h>
#include <string.h>

#include "rsb-fake-spotify.h"
#include "rsb-spotify-api.h"
#include "rsb-spotify-sync.h"
#include "rsb-sync-error.h"
#include "rsb-sync-fixture.h"
#include "rsb-test-dir.h"

#define MINUTE_MS (G_GINT64_CONSTANT (60) * 1000)
#define HOUR_MS   (60 * MINUTE_MS)
/* 2024-05-14T06:00:00Z */
#define T0 G_GINT64_CONSTANT (1715666400000)

typedef struct {
  char           *dir;
  RsbStore       *store;
  RsbFakeSpotify *spotify;
  RsbFakeApi     *api;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rsb_test_dir_new ("spotify-sync");
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = rsb_store_open (path, &error);
  g_assert_no_error (error);
  fixture->spotify = rsb_fake_spotify_new (&error);
  g_assert_no_error (error);
  fixture->api = rsb_fake_spotify_get_api (fixture->spotify);
  /* 300 plays over 10 hours. */
  rsb_fake_spotify_schedule_plays (fixture->spotify, 300, T0, 10 * HOUR_MS, 20240514);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->spotify, rsb_fake_spotify_free);
  rsb_test_dir_remove (fixture->dir);
}

static gboolean
poll_at (Fixture         *fixture,
         gint64           now_ms,
         RsbSyncSummary  *summary,
         GError         **error)
{
  g_autoptr(RsbApiClient) client = rsb_sync_fixture_client (RSB_SERVICE_SPOTIFY, fixture->api);

  rsb_fake_spotify_set_now (fixture->spotify, now_ms);
  return rsb_spotify_sync_run (fixture->store, client, NULL, NULL, summary, NULL, error);
}

static GPtrArray *
all_plays (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *plays = rsb_store_plays_between (store, 0, G_MAXINT64 / 4, &error);

  g_assert_no_error (error);
  return plays;
}

static void
test_poll_every_20_minutes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RsbAccount) account = NULL;
  guint n_polls = 0, n_added = 0;
  gint64 start = g_get_monotonic_time ();

  for (gint64 now = T0; now <= T0 + 10 * HOUR_MS + 20 * MINUTE_MS; now += 20 * MINUTE_MS)
    {
      RsbSyncSummary summary;
      g_autoptr(GError) error = NULL;

      g_assert_true (poll_at (fixture, now, &summary, &error));
      g_assert_no_error (error);
      n_added += summary.n_plays;
      n_polls++;
    }

  for (guint i = 0; i < rsb_fake_spotify_get_n_plays (fixture->spotify); i++)
    {
      g_autofree char *uri = rsb_fake_spotify_dup_play_uri (fixture->spotify, i);

      g_hash_table_add (expected, g_strdup_printf ("%s@%" G_GINT64_FORMAT, uri,
                                                   rsb_fake_spotify_get_play_end (fixture->spotify, i)));
    }
  plays = all_plays (fixture->store);
  g_assert_cmpuint (plays->len, ==, 300);
  g_assert_cmpuint (n_added, ==, 300);
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 300);
  for (guint i = 0; i < plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (plays, i);
      g_autofree char *key = g_strdup_printf ("%s@%" G_GINT64_FORMAT, play->track.uri, play->end_ms);

      /* Each scheduled play exactly once. */
      g_assert_true (g_hash_table_remove (expected, key));
      g_assert_cmpint (play->source, ==, RSB_PLAY_SOURCE_API);
      g_assert_nonnull (play->track.title);
      g_assert_nonnull (play->track.album);
      g_assert_nonnull (play->track.isrc);
      g_assert_nonnull (strstr (play->track.artwork_url, "fake300"));
      g_assert_cmpint (play->track.duration_ms, >, 0);
      /* A play never starts before the previous one ended. */
      g_assert_cmpint (play->end_ms - play->start_ms, <=, play->track.duration_ms);
      g_assert_cmpint (play->ms_played, ==, play->end_ms - play->start_ms);
      if (i > 0)
        g_assert_cmpint (play->start_ms, >=, ((RsbPlay *) g_ptr_array_index (plays, i - 1))->end_ms);
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);

  account = rsb_store_get_account (fixture->store, "spotify", NULL);
  g_assert_nonnull (account);
  g_assert_cmpint (g_ascii_strtoll (account->cursor, NULL, 10), ==,
                   rsb_fake_spotify_get_play_end (fixture->spotify, 299));
  g_assert_cmpint (account->last_sync_ms, >, 0);

  g_test_message ("300 plays over 10 simulated hours, %u polls 20 minutes apart: %u requests, "
                  "%u plays stored once each, %.2f s",
                  n_polls, rsb_fake_api_count (fixture->api, "recently-played"), plays->len,
                  (g_get_monotonic_time () - start) / 1e6);
}

static void
test_poll_without_new_plays (Fixture       *fixture,
                             gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RsbAccount) account_before = NULL;
  g_autoptr(RsbAccount) account_after = NULL;

  g_assert_true (poll_at (fixture, T0 + HOUR_MS, &summary, &error));
  g_assert_cmpuint (summary.n_plays, >, 0);
  before = rsb_sync_fixture_dump_plays (fixture->store);
  account_before = rsb_store_get_account (fixture->store, "spotify", NULL);
  rsb_fake_api_reset_counts (fixture->api);

  g_assert_true (poll_at (fixture, T0 + HOUR_MS, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 0);
  g_assert_cmpuint (summary.n_requests, ==, 1);
  after = rsb_sync_fixture_dump_plays (fixture->store);
  g_assert_cmpstr (after, ==, before);
  account_after = rsb_store_get_account (fixture->store, "spotify", NULL);
  g_assert_cmpstr (account_after->cursor, ==, account_before->cursor);
}

/* Polled too late, only the last 50 remain: they are all taken. */
static void
test_poll_after_a_long_gap (Fixture       *fixture,
                            gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  g_assert_true (poll_at (fixture, T0 + HOUR_MS, &summary, &error));
  g_assert_true (poll_at (fixture, T0 + 6 * HOUR_MS, &summary, &error));
  g_assert_cmpuint (summary.n_plays, ==, RSB_FAKE_SPOTIFY_WINDOW);
  /* A full page asks again, and finds nothing more. */
  g_assert_cmpuint (summary.n_requests, ==, 2);
}

static void
test_invalid_grant (Fixture       *fixture,
                    gconstpointer  data)
{
  RsbFakeOAuth *oauth = rsb_fake_api_get_oauth (fixture->api);
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  g_autoptr(RsbApiClient) client = rsb_sync_fixture_client (RSB_SERVICE_SPOTIFY, fixture->api);

  /* The access token runs out and the refresh token was revoked. */
  rsb_fake_oauth_expire_access_tokens (oauth);
  rsb_fake_oauth_fail_next_token (oauth, "invalid_grant");
  rsb_fake_spotify_set_now (fixture->spotify, T0 + HOUR_MS);
  g_assert_false (rsb_spotify_sync_run (fixture->store, client, NULL, NULL, &summary, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "Spotify"));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 0);
  g_test_message ("invalid_grant: %s", error->message);
}

static void
test_too_many_requests (Fixture       *fixture,
                        gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  guint n_requests;

  rsb_fake_api_set_retry_after (fixture->api, 120);
  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_TOO_MANY, NULL, 0);
  g_assert_false (poll_at (fixture, T0 + HOUR_MS, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "Spotify"));
  g_assert_cmpint (summary.paused_until_ms, >=, before + 120 * 1000);
  n_requests = rsb_fake_api_count (fixture->api, "total");

  /* The pause is kept: the next poll sends nothing. */
  g_clear_error (&error);
  g_assert_false (poll_at (fixture, T0 + HOUR_MS, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "total"), ==, n_requests);
}

static void
test_malformed_changes_nothing (Fixture       *fixture,
                                gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (poll_at (fixture, T0 + HOUR_MS, &summary, &error));
  before = rsb_sync_fixture_dump_plays (fixture->store);
  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_MALFORMED, "recently-played", 0);
  g_assert_false (poll_at (fixture, T0 + 2 * HOUR_MS, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "Spotify"));
  after = rsb_sync_fixture_dump_plays (fixture->store);
  g_assert_cmpstr (after, ==, before);

  /* The next poll picks up what the broken one missed. */
  g_clear_error (&error);
  g_assert_true (poll_at (fixture, T0 + 2 * HOUR_MS, &summary, &error));
  g_assert_cmpuint (summary.n_plays, >, 0);
}

/* A workout during the plays gets its songs as they arrive. */
static void
test_matches_refreshed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
  g_autoptr(RsbStreams) streams = rsb_streams_new (361);
  g_autoptr(RsbActivityInfo) stored = NULL;
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 0; i < streams->n_points; i++)
    {
      rsb_streams_ensure (streams, RSB_STREAM_TIME)[i] = i * 10;
      rsb_streams_ensure (streams, RSB_STREAM_LAT)[i] = 59.33 + i * 1e-4;
      rsb_streams_ensure (streams, RSB_STREAM_LON)[i] = 18.06;
    }
  info->source = g_strdup ("file");
  info->source_id = g_strdup ("run");
  info->name = g_strdup ("Morning Run");
  info->start_ms = T0 + HOUR_MS;   /* an hour long */
  info->elapsed_s = info->moving_s = 3600;
  g_assert_true (rsb_store_begin (fixture->store, NULL));
  id = rsb_store_add_activity (fixture->store, info, streams, &error);
  g_assert_true (rsb_store_commit (fixture->store, NULL));
  g_assert_cmpint (id, >, 0);

  g_assert_true (poll_at (fixture, T0 + 2 * HOUR_MS + 20 * MINUTE_MS, &summary, &error));
  g_assert_no_error (error);
  stored = rsb_store_get_activity (fixture->store, id, &error);
  g_assert_cmpuint (stored->n_songs, >, 10);
  g_assert_cmpfloat (stored->coverage, >, 0.5);
}

/* The same listen already imported from the Extended Streaming History
 * is not stored twice, and the more precise record stays. */
static void
test_same_play_from_history (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RsbPlay) history = rsb_play_new ();
  g_autoptr(GPtrArray) plays = NULL;
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  gboolean added;
  guint n_history = 0;

  history->track.uri = rsb_fake_spotify_dup_play_uri (fixture->spotify, 5);
  history->track.title = g_strdup ("Fake Song");
  history->end_ms = rsb_fake_spotify_get_play_end (fixture->spotify, 5) / 1000 * 1000;
  history->start_ms = history->end_ms - 30000;
  history->ms_played = 30000;
  history->source = RSB_PLAY_SOURCE_EXTENDED;
  history->precision_ms = 1000;
  g_assert_true (rsb_store_begin (fixture->store, NULL));
  g_assert_true (rsb_store_add_play (fixture->store, history, &added, &error));
  g_assert_true (rsb_store_commit (fixture->store, NULL));

  g_assert_true (poll_at (fixture, T0 + HOUR_MS, &summary, &error));
  plays = all_plays (fixture->store);
  for (guint i = 0; i < plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (plays, i);

      g_assert_cmpstr (play->track.uri, !=, NULL);
      if (play->source == RSB_PLAY_SOURCE_EXTENDED)
        n_history++;
    }
  g_assert_cmpuint (n_history, ==, 1);
  g_assert_cmpuint (plays->len, ==, summary.n_plays + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/spotify-sync/poll-every-20-minutes", test_poll_every_20_minutes);
  ADD ("/spotify-sync/poll-without-new-plays", test_poll_without_new_plays);
  ADD ("/spotify-sync/poll-after-a-long-gap", test_poll_after_a_long_gap);
  ADD ("/spotify-sync/invalid-grant", test_invalid_grant);
  ADD ("/spotify-sync/too-many-requests", test_too_many_requests);
  ADD ("/spotify-sync/malformed-changes-nothing", test_malformed_changes_nothing);
  ADD ("/spotify-sync/matches-refreshed", test_matches_refreshed);
  ADD ("/spotify-sync/same-play-from-history", test_same_play_from_history);

  return g_test_run ();
}
