/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-listenbrainz-sync.c: a ListenBrainz user's listens brought in
 * from the fake ListenBrainz: the first sync pages back 1,000 at a
 * time, the next ones ask only for what is new, faults and rate
 * windows lose nothing, and a listen Spotify reported too is one. */
#include <gio/gio.h>
#include <string.h>

#include "rsb-fake-listenbrainz.h"
#include "rsb-listenbrainz-sync.h"
#include "rsb-store.h"
#include "rsb-sync-error.h"
#include "rsb-test-dir.h"

#define USER "run ner/42"
/* 2024-05-14T06:00:00Z, in seconds */
#define T0 G_GINT64_CONSTANT (1715666400)
#define GAP_S 180

typedef struct {
  char                *dir;
  RsbStore            *store;
  RsbFakeListenBrainz *lb;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_account_new ("listenbrainz");

  fixture->dir = rsb_test_dir_new ("listenbrainz-sync");
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = rsb_store_open (path, &error);
  g_assert_no_error (error);
  fixture->lb = rsb_fake_listenbrainz_new (&error);
  g_assert_no_error (error);
  url = rsb_fake_listenbrainz_dup_url (fixture->lb);
  g_setenv ("RSB_LISTENBRAINZ_API_URL", url, TRUE);
  account->account_id = g_strdup (USER);
  account->display_name = g_strdup (USER);
  g_assert_true (rsb_store_save_account (fixture->store, account, &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->lb, rsb_fake_listenbrainz_free);
  rsb_test_dir_remove (fixture->dir);
}

static RsbHistoryFetch *
make_fetch (const char *user)
{
  g_autoptr(GError) error = NULL;
  RsbHistoryFetch *fetch = rsb_listenbrainz_fetch_new (user, &error);

  g_assert_no_error (error);
  rsb_history_fetch_set_backoff_ms (fetch, 1);
  rsb_history_fetch_set_timeout (fetch, 1);
  return fetch;
}

static gboolean
run_sync (Fixture         *fixture,
      RsbSyncSummary  *summary,
      GError         **error)
{
  g_autoptr(RsbHistoryFetch) fetch = make_fetch (USER);

  return rsb_listenbrainz_sync_run (fixture->store, fetch, NULL, NULL, summary, NULL, error);
}

static GPtrArray *
all_plays (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *plays = rsb_store_plays_between (store, 0, G_MAXINT64 / 4, &error);

  g_assert_no_error (error);
  return plays;
}

static char *
cursor_of (RsbStore *store)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, "listenbrainz", NULL);

  g_assert_nonnull (account);
  return g_strdup (account->cursor);
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && strstr (lines[i], needle) != NULL)
      n++;
  return n;
}

/* Every listen once, in order, each lasting until the next began (the
 * newest: its length). */
static void
assert_series (RsbStore *store,
               guint     n)
{
  g_autoptr(GPtrArray) plays = all_plays (store);

  g_assert_cmpuint (plays->len, ==, n);
  for (guint i = 0; i < plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (plays, i);
      g_autofree char *title = g_strdup_printf ("Song %u", i);
      g_autofree char *artist = g_strdup_printf ("Artist %u", i % 7);

      g_assert_cmpstr (play->track.title, ==, title);
      g_assert_cmpstr (play->track.artists, ==, artist);
      g_assert_cmpstr (play->track.album, ==, "Album");
      g_assert_cmpint (play->source, ==, RSB_PLAY_SOURCE_LISTENBRAINZ);
      g_assert_cmpint (play->start_ms, ==, (T0 + (gint64) i * GAP_S) * 1000);
      g_assert_cmpint (play->precision_ms, ==, RSB_PRECISION_SECOND_MS);
      if (i + 1 < plays->len)
        g_assert_cmpint (play->end_ms - play->start_ms, ==, GAP_S * 1000);
      else
        g_assert_cmpint (play->end_ms - play->start_ms, ==, 200000);
    }
}

static void
test_first_sync_pages_back (Fixture       *fixture,
                            gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *queries = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *expected = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 2500, T0, GAP_S);
  run_sync (fixture, &summary, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (summary.n_plays, ==, 2500);
  /* Three pages: 1,000, 1,000, 500, walking back by max_ts. */
  g_assert_cmpuint (summary.n_requests, ==, 3);
  queries = rsb_fake_listenbrainz_take_queries (fixture->lb);
  g_assert_cmpuint (count_lines_with (queries, "count=1000"), ==, 3);
  g_assert_cmpuint (count_lines_with (queries, "max_ts="), ==, 2);
  g_assert_cmpuint (count_lines_with (queries, "min_ts="), ==, 0);
  assert_series (fixture->store, 2500);
  cursor = cursor_of (fixture->store);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, T0 + 2499 * GAP_S);
  g_assert_cmpstr (cursor, ==, expected);
}

static void
test_second_sync_asks_what_is_new (Fixture       *fixture,
                                   gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *queries = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 2500, T0, GAP_S);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_free (rsb_fake_listenbrainz_take_queries (fixture->lb));

  /* 1,500 more since. */
  for (guint i = 2500; i < 4000; i++)
    {
      g_autofree char *artist = g_strdup_printf ("Artist %u", i % 7);
      g_autofree char *title = g_strdup_printf ("Song %u", i);

      rsb_fake_listenbrainz_add_listen (fixture->lb, USER, T0 + (gint64) i * GAP_S, artist, title, "Album",
                                        200000, NULL, NULL);
    }
  run_sync (fixture, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 1500);
  queries = rsb_fake_listenbrainz_take_queries (fixture->lb);
  /* Only what came after the newest stored listen, up by min_ts. */
  g_assert_cmpuint (count_lines_with (queries, "min_ts="), ==, 2);
  g_assert_cmpuint (count_lines_with (queries, "max_ts="), ==, 0);
  g_assert_cmpuint (summary.n_requests, ==, 2);
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 4000);

  /* Nothing new: one request, nothing added. */
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_cmpuint (summary.n_plays, ==, 0);
  g_assert_cmpuint (summary.n_requests, ==, 1);
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 4000);
}

/* Listens a phone sends when back online, dated hours before what the
 * last sync stored, arrive at the next sync. */
static void
test_late_listen_synced (Fixture       *fixture,
                         gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 100, T0, GAP_S);
  g_assert_true (run_sync (fixture, &summary, &error));
  rsb_fake_listenbrainz_add_listen (fixture->lb, USER, T0 + 99 * GAP_S - 3 * 3600 + 7, "Phone", "Offline Run",
                                    NULL, 0, NULL, NULL);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 1);
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 101);
}

/* A scrobbler that sent milliseconds dates a listen in the year 55,000:
 * it is not stored, and the next sync still brings what is new. */
static void
test_impossible_time_skipped (Fixture       *fixture,
                              gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 10, T0, GAP_S);
  rsb_fake_listenbrainz_add_listen (fixture->lb, USER, (T0 + 11 * GAP_S) * 1000, "A", "Milliseconds", NULL,
                                    0, NULL, NULL);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 10);

  rsb_fake_listenbrainz_add_listen (fixture->lb, USER, T0 + 20 * GAP_S, "A", "Later", NULL, 0, NULL, NULL);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 1);
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 11);
}

/* A listen's metadata as ListenBrainz gives it: the Spotify link as a
 * URI, the ISRC, the length in seconds when duration_ms is absent. */
static void
test_listen_metadata (Fixture       *fixture,
                      gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  const RsbPlay *play;

  rsb_fake_listenbrainz_add_listen (fixture->lb, USER, T0, "Daft Punk", "<b>One More Time</b>", "Discovery",
                                    320000, "0DiWol3AO6WpXZgp0goxAV", "GBDUW0000059");
  rsb_fake_listenbrainz_add_listen (fixture->lb, USER, T0 + 1000, "Nobody", "Untimed", NULL, 0, NULL, NULL);
  g_assert_true (run_sync (fixture, &summary, &error));
  plays = all_plays (fixture->store);
  g_assert_cmpuint (plays->len, ==, 2);
  play = g_ptr_array_index (plays, 0);
  g_assert_cmpstr (play->track.title, ==, "<b>One More Time</b>");
  g_assert_cmpstr (play->track.uri, ==, "spotify:track:0DiWol3AO6WpXZgp0goxAV");
  g_assert_cmpstr (play->track.isrc, ==, "GBDUW0000059");
  g_assert_cmpint (play->track.duration_ms, ==, 320000);
  /* Skipped after 1,000 s? No: no longer than the song. */
  g_assert_cmpint (play->end_ms - play->start_ms, ==, 320000);
  play = g_ptr_array_index (plays, 1);
  /* The newest, of unknown length: ten minutes at most. */
  g_assert_cmpint (play->end_ms - play->start_ms, ==, 10 * 60 * 1000);
  g_assert_null (play->track.uri);
}

static void
test_unknown_user (Fixture       *fixture,
                   gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, "someone else", 10, T0, GAP_S);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NO_SUCH_USER);
  g_assert_nonnull (strstr (error->message, "ListenBrainz"));
  g_assert_nonnull (strstr (error->message, USER));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 0);
}

/* A page that breaks mid-walk keeps the pages before it and the place:
 * the next sync goes on below them, not from the top. */
static void
test_malformed_page_resumes (Fixture       *fixture,
                             gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *queries = NULL;
  g_autofree char *cursor = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 2500, T0, GAP_S);
  rsb_fake_catalogue_inject (rsb_fake_listenbrainz_get_server (fixture->lb), RSB_FAKE_CATALOGUE_MALFORMED, 1);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "ListenBrainz"));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 1000);
  cursor = cursor_of (fixture->store);
  g_assert_nonnull (strchr (cursor, '/'));
  g_free (rsb_fake_listenbrainz_take_queries (fixture->lb));
  g_clear_error (&error);

  run_sync (fixture, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 1500);
  queries = rsb_fake_listenbrainz_take_queries (fixture->lb);
  /* Two pages below the first, then one up from the newest. */
  g_assert_cmpuint (count_lines_with (queries, "max_ts="), ==, 2);
  g_assert_cmpuint (count_lines_with (queries, "min_ts="), ==, 1);
  assert_series (fixture->store, 2500);
}

/* A proxy's error page, a 500, a stall, a 429: each tried again, and
 * the sync ends whole. */
static void
test_faults_are_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  RsbFakeCatalogue *server = rsb_fake_listenbrainz_get_server (fixture->lb);
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 2500, T0, GAP_S);
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_HTML, 0);
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_SERVER_ERROR, 1);
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_STALL, 1);
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_TOO_MANY, 1);
  run_sync (fixture, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rsb_fake_listenbrainz_count (fixture->lb, "faults"), ==, 4);
  g_assert_cmpuint (summary.n_plays, ==, 2500);
  assert_series (fixture->store, 2500);
}

/* A service that keeps failing: the message names it and what went
 * wrong, and nothing stored is lost. */
static void
test_persistent_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  RsbFakeCatalogue *server = rsb_fake_listenbrainz_get_server (fixture->lb);
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 1500, T0, GAP_S);
  /* Each pending fault waits out one request, then they come in turn:
   * the first page passes, every try of the second fails. */
  for (guint i = 0; i < RSB_HISTORY_DEFAULT_TRIES; i++)
    rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_HTML, 1);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "ListenBrainz"));
  g_assert_nonnull (strstr (error->message, "web page"));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 1000);
  g_clear_error (&error);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 1500);

  /* A captive portal's page with 200 is no listens either. */
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_HTML_200, 0);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "ListenBrainz"));
}

/* X-RateLimit-Remaining: 0 holds the next request until the window
 * resets: no request ever arrives while it is spent. */
static void
test_rate_window_respected (Fixture       *fixture,
                            gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 2500, T0, GAP_S);
  rsb_fake_listenbrainz_set_rate_limit (fixture->lb, 2, 1);
  run_sync (fixture, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rsb_fake_listenbrainz_count (fixture->lb, "spent"), ==, 0);
  g_assert_cmpuint (summary.n_requests, ==, 3);
  assert_series (fixture->store, 2500);
}

/* The same listen reported by Spotify's export and by ListenBrainz is
 * one listen in the library: the export's, which knows how long it
 * played. */
static void
test_same_listen_from_spotify (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RsbPlay) spotify = rsb_play_new ();
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  gboolean added;

  spotify->track.title = g_strdup ("Song 1");
  spotify->track.artists = g_strdup ("Artist 1");
  spotify->track.uri = g_strdup ("spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  spotify->start_ms = (T0 + GAP_S) * 1000 + 400;   /* the scrobbler rounded down */
  spotify->ms_played = 150000;
  spotify->end_ms = spotify->start_ms + spotify->ms_played;
  spotify->source = RSB_PLAY_SOURCE_EXTENDED;
  spotify->precision_ms = RSB_PRECISION_SECOND_MS;
  g_assert_true (rsb_store_add_play (fixture->store, spotify, &added, &error));
  g_assert_true (added);

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 3, T0, GAP_S);
  run_sync (fixture, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 2);
  plays = all_plays (fixture->store);
  g_assert_cmpuint (plays->len, ==, 3);
  g_assert_cmpint (((RsbPlay *) g_ptr_array_index (plays, 1))->source, ==, RSB_PLAY_SOURCE_EXTENDED);
  g_assert_cmpint (((RsbPlay *) g_ptr_array_index (plays, 1))->ms_played, ==, 150000);
}

static void
test_cancel_keeps_place (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RsbHistoryFetch) fetch = make_fetch (USER);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_listenbrainz_add_series (fixture->lb, USER, 100, T0, GAP_S);
  g_cancellable_cancel (cancellable);
  g_assert_false (rsb_listenbrainz_sync_run (fixture->store, fetch, NULL, NULL, &summary, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 0);
  g_assert_cmpuint (rsb_fake_listenbrainz_count (fixture->lb, "total"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/listenbrainz-sync/first-sync-pages-back", test_first_sync_pages_back);
  ADD ("/listenbrainz-sync/second-sync-asks-what-is-new", test_second_sync_asks_what_is_new);
  ADD ("/listenbrainz-sync/listen-metadata", test_listen_metadata);
  ADD ("/listenbrainz-sync/impossible-time-skipped", test_impossible_time_skipped);
  ADD ("/listenbrainz-sync/late-listen-synced", test_late_listen_synced);
  ADD ("/listenbrainz-sync/unknown-user", test_unknown_user);
  ADD ("/listenbrainz-sync/malformed-page-resumes", test_malformed_page_resumes);
  ADD ("/listenbrainz-sync/faults-are-retried", test_faults_are_retried);
  ADD ("/listenbrainz-sync/persistent-failure", test_persistent_failure);
  ADD ("/listenbrainz-sync/rate-window-respected", test_rate_window_respected);
  ADD ("/listenbrainz-sync/same-listen-from-spotify", test_same_listen_from_spotify);
  ADD ("/listenbrainz-sync/cancel-keeps-place", test_cancel_keeps_place);
#undef ADD
  return g_test_run ();
}
