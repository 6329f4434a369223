/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
/* test-lastfm-sync.c: a Last.fm user's scrobbles brought in from the
 * fake Last.fm: pages stored oldest first under a fixed range, the next
 * sync asking from the newest scrobble on, the track playing now left
 * out, at most five requests a second, and the API key in no message,
 * log line or library row. */
#include <gio/gio.h>
#include <string.h>

#include "rsb-fake-lastfm.h"
#include "rsb-lastfm-sync.h"
#include "rsb-history-run.h"
#include "rsb-store.h"
#include "rsb-sync-error.h"
#include "rsb-test-dir.h"

#define USER "miles_runs"
#define KEY "0123456789abcdef0123456789abcdef"
/* 2024-05-14T06:00:00Z, in seconds */
#define T0 G_GINT64_CONSTANT (1715666400)
#define GAP_S 240

typedef struct {
  char          *dir;
  char          *path;
  RsbStore      *store;
  RsbFakeLastfm *lastfm;
} Fixture;

/* Every log line of the process, to look for the key in. */
static GString *logged;

static GLogWriterOutput
keep_log (GLogLevelFlags   log_level,
          const GLogField *fields,
          gsize            n_fields,
          gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (logged, "%s\n", (const char *) fields[i].value);
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_account_new ("lastfm");

  fixture->dir = rsb_test_dir_new ("lastfm-sync");
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = rsb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->lastfm = rsb_fake_lastfm_new (KEY, &error);
  g_assert_no_error (error);
  url = rsb_fake_lastfm_dup_url (fixture->lastfm);
  g_setenv ("RSB_LASTFM_API_URL", url, TRUE);
  account->account_id = g_strdup (USER);
  account->display_name = g_strdup (USER);
  g_assert_true (rsb_store_save_account (fixture->store, account, &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->lastfm, rsb_fake_lastfm_free);
  g_free (fixture->path);
  rsb_test_dir_remove (fixture->dir);
}

static RsbHistoryFetch *
make_fetch (const char *user)
{
  g_autoptr(GError) error = NULL;
  RsbHistoryFetch *fetch = rsb_lastfm_fetch_new (user, &error);

  g_assert_no_error (error);
  rsb_history_fetch_set_backoff_ms (fetch, 1);
  rsb_history_fetch_set_timeout (fetch, 1);
  return fetch;
}

static gboolean
run_sync_with_key (Fixture         *fixture,
               const char      *key,
               RsbSyncSummary  *summary,
               GError         **error)
{
  g_autoptr(RsbHistoryFetch) fetch = make_fetch (USER);

  return rsb_lastfm_sync_run (fixture->store, fetch, key, NULL, NULL, summary, NULL, error);
}

static gboolean
run_sync (Fixture         *fixture,
      RsbSyncSummary  *summary,
      GError         **error)
{
  return run_sync_with_key (fixture, KEY, summary, error);
}

static GPtrArray *
all_plays (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *plays = rsb_store_plays_between (store, 0, G_MAXINT64 / 4, &error);

  g_assert_no_error (error);
  return plays;
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

/* boundaries: the newest scrobble of each earlier sync (-1 ends the
 * list). It was stored ending ten minutes on, as nothing after it was
 * known, and the next sync's first scrobble ended it where it began. */
static void
assert_series_synced_at (RsbStore  *store,
                         guint      n,
                         const int *boundaries)
{
  g_autoptr(GPtrArray) plays = all_plays (store);

  /* Every boundary is a play the next sync's first scrobble ended. */
  for (guint b = 0; boundaries != NULL && boundaries[b] >= 0; b++)
    g_assert_cmpint (boundaries[b] + 1, <, n);
  g_assert_cmpuint (plays->len, ==, n);
  for (guint i = 0; i < plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (plays, i);
      g_autofree char *title = g_strdup_printf ("Track %u", i);
      g_autofree char *artist = g_strdup_printf ("Band %u", i % 5);

      g_assert_cmpstr (play->track.title, ==, title);
      g_assert_cmpstr (play->track.artists, ==, artist);
      g_assert_cmpstr (play->track.album, ==, "Record");
      g_assert_cmpint (play->source, ==, RSB_PLAY_SOURCE_LASTFM);
      /* uts is when the track started. */
      g_assert_cmpint (play->start_ms, ==, (T0 + (gint64) i * GAP_S) * 1000);
      gboolean newest = i + 1 == plays->len;

      /* Until the next scrobble, across syncs too; the newest, of
       * unknown length, 10 min. */
      g_assert_cmpint (play->end_ms - play->start_ms, ==, newest ? 10 * 60 * 1000 : GAP_S * 1000);
      g_assert_cmpint (play->ms_played, ==, play->end_ms - play->start_ms);
    }
}

static void
assert_series (RsbStore *store,
               guint     n)
{
  assert_series_synced_at (store, n, NULL);
}

static void
test_first_sync_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *queries = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(RsbAccount) account = NULL;
  g_autofree char *cursor = NULL;

  rsb_fake_lastfm_add_series (fixture->lastfm, USER, 450, T0, GAP_S);
  rsb_fake_lastfm_set_now_playing (fixture->lastfm, USER, "Band X", "Playing Right Now");
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 450);
  g_assert_cmpuint (summary.n_requests, ==, 3);
  /* The newest page first (for the count), then the oldest up, all
   * under one "to". */
  queries = rsb_fake_lastfm_take_queries (fixture->lastfm);
  lines = g_strsplit (queries, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "page=1&to="));
  g_assert_true (g_str_has_prefix (lines[1], "page=3&to="));
  g_assert_true (g_str_has_prefix (lines[2], "page=2&to="));
  g_assert_cmpstr (strchr (lines[0], '&'), ==, strchr (lines[1], '&'));
  g_assert_cmpstr (strchr (lines[0], '&'), ==, strchr (lines[2], '&'));
  /* The track playing now has no time yet: not stored. */
  assert_series (fixture->store, 450);
  account = rsb_store_get_account (fixture->store, "lastfm", NULL);
  cursor = g_strdup_printf ("%" G_GINT64_FORMAT, T0 + 449 * GAP_S);
  g_assert_cmpstr (account->cursor, ==, cursor);
}

static void
test_second_sync_from_newest (Fixture       *fixture,
                              gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *queries = NULL;
  g_autofree char *from = NULL;

  rsb_fake_lastfm_add_series (fixture->lastfm, USER, 450, T0, GAP_S);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_free (rsb_fake_lastfm_take_queries (fixture->lastfm));

  for (guint i = 450; i < 500; i++)
    {
      g_autofree char *artist = g_strdup_printf ("Band %u", i % 5);
      g_autofree char *title = g_strdup_printf ("Track %u", i);

      rsb_fake_lastfm_add_scrobble (fixture->lastfm, USER, T0 + (gint64) i * GAP_S, artist, title, "Record");
    }
  rsb_fake_lastfm_set_now_playing (fixture->lastfm, USER, "Band X", "Playing Right Now");
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 50);
  queries = rsb_fake_lastfm_take_queries (fixture->lastfm);
  /* From a day before the newest scrobble stored, for scrobbles sent
   * late; those read again are not stored twice. */
  from = g_strdup_printf ("from=%" G_GINT64_FORMAT "&", T0 + 449 * GAP_S + 1 - RSB_HISTORY_LATE_WINDOW_S);
  g_assert_cmpuint (count_lines_with (queries, from), >=, 1);
  g_assert_cmpuint (count_lines_with (queries, from), ==, count_lines_with (queries, "page="));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 500);
}

/* A phone that scrobbled a run offline sends it when back online,
 * dated hours before what the last sync stored: the next sync brings it. */
static void
test_late_scrobble_synced (Fixture       *fixture,
                           gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_lastfm_add_series (fixture->lastfm, USER, 100, T0, GAP_S);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 100);

  rsb_fake_lastfm_add_scrobble (fixture->lastfm, USER, T0 + 99 * GAP_S - 3 * 3600, "Phone", "Offline Run",
                                "Record");
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 1);
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 101);
}

/* Ten pages as fast as the app may: never more than five requests in
 * any second at the server, and never refused for it. */
static void
test_five_requests_a_second (Fixture       *fixture,
                             gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_lastfm_add_series (fixture->lastfm, USER, 2000, T0, GAP_S);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_requests, ==, 10);
  g_assert_cmpuint (rsb_fake_lastfm_max_in_window (fixture->lastfm, 1000), <=, 5);
  g_assert_cmpuint (rsb_fake_lastfm_count (fixture->lastfm, "spent"), ==, 0);
  assert_series (fixture->store, 2000);
}

static void
assert_nowhere (Fixture    *fixture,
                const char *secret)
{
  const char *suffixes[] = { "", "-wal", "-journal" };

  g_assert_null (strstr (logged->str, secret));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_assert_null (memmem (contents, length, secret, strlen (secret)));
    }
}

/* A wrong key: Last.fm says so, the message names Last.fm and never
 * the key, and the key is in no log line or library file. */
static void
test_bad_key (Fixture       *fixture,
              gconstpointer  data)
{
  const char *wrong = "ffffeeeeddddccccbbbbaaaa99998888";
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_lastfm_add_series (fixture->lastfm, USER, 10, T0, GAP_S);
  g_assert_false (run_sync_with_key (fixture, wrong, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_BAD_KEY);
  g_assert_nonnull (strstr (error->message, "Last.fm"));
  g_assert_null (strstr (error->message, wrong));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 0);
  g_message ("bad key refused: %s", error->message);
  g_clear_error (&error);

  /* A good sync, then faults that quote the request: still no key. */
  g_assert_true (run_sync (fixture, &summary, &error));
  rsb_fake_catalogue_inject (rsb_fake_lastfm_get_server (fixture->lastfm), RSB_FAKE_CATALOGUE_MALFORMED, 0);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_assert_null (strstr (error->message, KEY));
  g_message ("malformed: %s", error->message);
  g_clear_error (&error);
  rsb_fake_lastfm_inject_error (fixture->lastfm, 26, 403);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_BAD_KEY);
  g_assert_null (strstr (error->message, KEY));
  g_message ("suspended: %s", error->message);
  g_clear_object (&fixture->store);
  assert_nowhere (fixture, KEY);
  assert_nowhere (fixture, wrong);
}

static void
test_unknown_and_private_user (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (fixture->store, "lastfm", NULL);
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NO_SUCH_USER);
  g_assert_nonnull (strstr (error->message, "Last.fm"));
  g_assert_nonnull (strstr (error->message, USER));
  g_clear_error (&error);

  rsb_fake_lastfm_add_user (fixture->lastfm, USER, TRUE);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_PRIVATE);
  g_assert_nonnull (strstr (error->message, USER));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 0);
}

/* "Try again" (16, 8), a 429, a stall, a 500: tried again; the sync
 * ends whole. A page that breaks for good keeps the older pages. */
static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  RsbFakeCatalogue *server = rsb_fake_lastfm_get_server (fixture->lastfm);
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_lastfm_add_series (fixture->lastfm, USER, 450, T0, GAP_S);
  rsb_fake_lastfm_inject_error (fixture->lastfm, 16, 503);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rsb_fake_lastfm_count (fixture->lastfm, "injected"), ==, 1);
  assert_series (fixture->store, 450);

  for (guint i = 450; i < 1000; i++)
    {
      g_autofree char *artist = g_strdup_printf ("Band %u", i % 5);
      g_autofree char *title = g_strdup_printf ("Track %u", i);

      rsb_fake_lastfm_add_scrobble (fixture->lastfm, USER, T0 + (gint64) i * GAP_S, artist, title, "Record");
    }
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_TOO_MANY, 1);
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_STALL, 1);
  rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_SERVER_ERROR, 1);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rsb_fake_lastfm_count (fixture->lastfm, "faults"), ==, 3);
  assert_series_synced_at (fixture->store, 1000, (const int[]) { 449, -1 });

  /* 300 more over two pages; the newer page breaks for good. */
  for (guint i = 1000; i < 1300; i++)
    {
      g_autofree char *artist = g_strdup_printf ("Band %u", i % 5);
      g_autofree char *title = g_strdup_printf ("Track %u", i);

      rsb_fake_lastfm_add_scrobble (fixture->lastfm, USER, T0 + (gint64) i * GAP_S, artist, title, "Record");
    }
  for (guint i = 0; i < RSB_HISTORY_DEFAULT_TRIES; i++)
    rsb_fake_catalogue_inject (server, RSB_FAKE_CATALOGUE_SERVER_ERROR, 1);
  g_assert_false (run_sync (fixture, &summary, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Last.fm"));
  /* Page 2 (the older 200) waited for page 1 to bound its newest. */
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 1000);
  g_clear_error (&error);
  g_assert_true (run_sync (fixture, &summary, &error));
  assert_series_synced_at (fixture->store, 1300, (const int[]) { 449, 999, -1 });
}

/* A scrobble and the same listen in Spotify's export: one listen, the
 * export's (it knows how long it played), whichever came first. */
static void
test_same_listen_from_spotify (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RsbPlay) spotify = rsb_play_new ();
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  gboolean added;

  rsb_fake_lastfm_add_series (fixture->lastfm, USER, 5, T0, GAP_S);
  g_assert_true (run_sync (fixture, &summary, &error));
  g_assert_cmpuint (summary.n_plays, ==, 5);

  /* Track 2 by Band 2, which the scrobbler stamped a second late. */
  spotify->track.title = g_strdup ("Track 2");
  spotify->track.artists = g_strdup ("Band 2");
  spotify->start_ms = (T0 + 2 * GAP_S) * 1000 - 900;
  spotify->ms_played = 95000;
  spotify->end_ms = spotify->start_ms + spotify->ms_played;
  spotify->source = RSB_PLAY_SOURCE_EXTENDED;
  spotify->precision_ms = RSB_PRECISION_SECOND_MS;
  g_assert_true (rsb_store_add_play (fixture->store, spotify, &added, &error));
  g_assert_no_error (error);
  plays = all_plays (fixture->store);
  g_assert_cmpuint (plays->len, ==, 5);
  g_assert_cmpint (((RsbPlay *) g_ptr_array_index (plays, 2))->source, ==, RSB_PLAY_SOURCE_EXTENDED);
  g_assert_cmpint (((RsbPlay *) g_ptr_array_index (plays, 2))->ms_played, ==, 95000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  logged = g_string_new (NULL);
  g_log_set_writer_func (keep_log, NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lastfm-sync/first-sync-pages", test_first_sync_pages);
  ADD ("/lastfm-sync/late-scrobble-synced", test_late_scrobble_synced);
  ADD ("/lastfm-sync/second-sync-from-newest", test_second_sync_from_newest);
  ADD ("/lastfm-sync/five-requests-a-second", test_five_requests_a_second);
  ADD ("/lastfm-sync/bad-key", test_bad_key);
  ADD ("/lastfm-sync/unknown-and-private-user", test_unknown_and_private_user);
  ADD ("/lastfm-sync/faults", test_faults);
  ADD ("/lastfm-sync/same-listen-from-spotify", test_same_listen_from_spotify);
#undef ADD
  return g_test_run ();
}
