/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-strava-sync.c: the Strava sync against the fake Strava: request
 * counts, resuming, rate windows, faults, and what the library holds. */
#include <gio/gio.h>
#include <string.h>

#include "rsb-fake-strava.h"
#include "rsb-rate-limit.h"
#include "rsb-strava-sync.h"
#include "rsb-sync-error.h"
#include "rsb-sync-fixture.h"
#include "rsb-test-dir.h"

#define HOUR_MS (G_GINT64_CONSTANT (60) * 60 * 1000)
#define DAY_MS  (24 * HOUR_MS)
/* 2023-01-01T06:00:00Z */
#define FIRST_START_MS G_GINT64_CONSTANT (1672552800000)

typedef struct {
  char          *dir;
  RsbStore      *store;
  RsbFakeStrava *strava;
  RsbFakeApi    *api;
  RsbFakeOAuth  *oauth;
} Fixture;

static RsbStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  RsbStore *store = rsb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static RsbFakeStrava *
new_fake (guint n,
          guint n_points)
{
  g_autoptr(GError) error = NULL;
  RsbFakeStrava *strava = rsb_fake_strava_new (&error);

  g_assert_no_error (error);
  rsb_fake_strava_add_activities (strava, n, n_points, FIRST_START_MS, DAY_MS / 2);
  /* Plenty, unless a test says otherwise: the real defaults would
   * stop a 1,000-activity sync after 100 reads. */
  rsb_fake_api_set_rate_limits (rsb_fake_strava_get_api (strava), 100000, 1000000, 100000, 1000000);
  return strava;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  guint n = GPOINTER_TO_UINT (data);

  fixture->dir = rsb_test_dir_new ("strava-sync");
  fixture->store = open_store (fixture->dir, "library.db");
  fixture->strava = new_fake (n, 50);
  fixture->api = rsb_fake_strava_get_api (fixture->strava);
  fixture->oauth = rsb_fake_api_get_oauth (fixture->api);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->strava, rsb_fake_strava_free);
  rsb_test_dir_remove (fixture->dir);
}

/* One sync with a fresh client, as every run of the app makes one. */
static gboolean
sync_once (RsbStore            *store,
           RsbFakeApi          *api,
           RsbSyncProgressFunc  progress,
           gpointer             user_data,
           RsbSyncSummary      *summary,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(RsbApiClient) client = rsb_sync_fixture_client (RSB_SERVICE_STRAVA, api);

  return rsb_strava_sync_run (store, client, progress, user_data, summary, cancellable, error);
}

static guint
n_activities (RsbStore *store)
{
  g_autoptr(GPtrArray) list = rsb_store_list_activities (store, NULL);

  return list->len;
}

static void
clear_pause (RsbStore *store)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, "strava", NULL);

  g_assert_nonnull (account);
  account->paused_until_ms = 0;
  g_assert_true (rsb_store_save_account (store, account, NULL));
}

typedef struct {
  guint  n_landed;
  guint  n_messages;
  double last_fraction;
  gint64 last_id;
} Progress;

static void
count_progress (const char *message,
                double      fraction,
                gint64      activity_id,
                gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_nonnull (message);
  progress->n_messages++;
  if (activity_id != 0)
    {
      g_assert_cmpint (activity_id, >, progress->last_id);
      g_assert_cmpfloat (fraction, >, progress->last_fraction);
      g_assert_cmpfloat (fraction, <=, 1);
      progress->last_id = activity_id;
      progress->last_fraction = fraction;
      progress->n_landed++;
    }
}

/* ---- the figures of the issue ------------------------------------------- */

static void
test_first_and_second_sync (Fixture       *fixture,
                            gconstpointer  data)
{
  RsbSyncSummary summary;
  Progress progress = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RsbAccount) account = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  const RsbActivityInfo *first;
  g_autofree char *first_id = rsb_fake_strava_dup_activity_id (fixture->strava, 0);
  gint64 start = g_get_monotonic_time ();
  double first_s, second_s;

  g_assert_true (sync_once (fixture->store, fixture->api, count_progress, &progress, &summary, NULL, &error));
  g_assert_no_error (error);
  first_s = (g_get_monotonic_time () - start) / 1e6;

  g_assert_cmpuint (summary.n_activities, ==, 1000);
  g_assert_cmpuint (summary.paused_until_ms, ==, 0);
  g_assert_cmpuint (progress.n_landed, ==, 1000);
  g_assert_cmpfloat (progress.last_fraction, ==, 1);
  /* 5 full pages of 200 and the empty one that ends the list. */
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 6);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "streams"), ==, 1000);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "spent"), ==, 0);
  g_assert_cmpuint (summary.n_requests, ==, 1006);
  /* The token was fresh: no token call at all. */
  g_assert_cmpuint (rsb_fake_oauth_count (fixture->oauth, "refresh"), ==, 0);

  list = rsb_store_list_activities (fixture->store, &error);
  g_assert_cmpuint (list->len, ==, 1000);
  first = NULL;
  for (guint i = 0; i < list->len; i++)
    {
      const RsbActivityInfo *info = g_ptr_array_index (list, i);

      g_assert_cmpstr (info->source, ==, "strava");
      g_assert_cmpuint (info->n_points, ==, 50);
      if (g_strcmp0 (info->source_id, first_id) == 0)
        first = info;
    }
  g_assert_nonnull (first);
  g_assert_cmpint (first->start_ms, ==, FIRST_START_MS);
  g_assert_cmpstr (first->name, ==, "Morning Run 1");
  g_assert_cmpstr (first->sport, ==, "run");
  g_assert_cmpfloat (first->elapsed_s, ==, 49 * 5);
  g_assert_true (first->min_lat < first->max_lat && first->min_lon < first->max_lon);
  streams = rsb_store_load_streams (fixture->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (streams->n_points, ==, 50);
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    g_assert_true (rsb_streams_has (streams, kind));

  account = rsb_store_get_account (fixture->store, "strava", &error);
  g_assert_nonnull (account);
  g_assert_cmpint (account->last_sync_ms, >, 0);
  g_assert_cmpint (account->paused_until_ms, ==, 0);

  start = g_get_monotonic_time ();
  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  second_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (summary.n_activities, ==, 0);
  g_assert_cmpuint (summary.n_requests, ==, 1);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 7);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "streams"), ==, 1000);
  g_assert_cmpuint (n_activities (fixture->store), ==, 1000);

  g_test_message ("first sync of 1000 activities (50 points each): %u list + %u streams requests, "
                  "%u token calls, %u in spent windows, %.2f s",
                  6, 1000, rsb_fake_oauth_count (fixture->oauth, "refresh"),
                  rsb_fake_api_count (fixture->api, "spent"), first_s);
  g_test_message ("second sync: 1 list request, 0 streams requests, %.3f s", second_s);
}

static void
test_new_activities_only (Fixture       *fixture,
                          gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_cmpuint (summary.n_activities, ==, 10);
  rsb_fake_strava_add_activities (fixture->strava, 3, 50, FIRST_START_MS + 30 * DAY_MS, HOUR_MS);
  rsb_fake_api_reset_counts (fixture->api);

  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_cmpuint (summary.n_activities, ==, 3);
  /* A page shorter than per_page is the last: no empty page asked. */
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 1);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "streams"), ==, 3);
  g_assert_cmpuint (n_activities (fixture->store), ==, 13);
}

/* The same workouts from a bulk export (same Strava id) or from files
 * (same start) are neither fetched nor stored again. */
static void
test_known_activities_not_fetched (Fixture       *fixture,
                                   gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  const struct { guint index; const char *source; } known[] = {
    { 2, "strava" }, { 4, "file" }, { 7, "file" },
  };

  g_assert_true (rsb_store_begin (fixture->store, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
      g_autofree char *id = rsb_fake_strava_dup_activity_id (fixture->strava, known[i].index);

      info->source = g_strdup (known[i].source);
      info->source_id = g_str_equal (known[i].source, "strava") ? g_strdup (id) : g_strdup_printf ("hash-%u", i);
      info->name = g_strdup ("From the export");
      info->start_ms = rsb_fake_strava_get_activity_start (fixture->strava, known[i].index);
      g_assert_cmpint (rsb_store_add_activity (fixture->store, info, NULL, &error), >, 0);
    }
  g_assert_true (rsb_store_commit (fixture->store, NULL));

  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  /* after= the export's newest Strava activity (#2): #3 to #9 listed,
   * #4 and #7 known from files. */
  g_assert_cmpuint (summary.n_known, ==, 2);
  g_assert_cmpuint (summary.n_activities, ==, 5);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "streams"), ==, 5);
  g_assert_cmpuint (n_activities (fixture->store), ==, 3 + 5);
}

/* Exact request counts need the whole run inside one 15-minute
 * window (the fake, like Strava, starts afresh at each). */
static void
avoid_window_boundary (void)
{
  gint64 window = 15 * 60 * 1000;
  gint64 left = window - (g_get_real_time () / 1000) % window;

  if (left < 10 * 1000)
    g_usleep ((left + 100) * 1000);
}

static void
test_stops_before_spent_window (Fixture       *fixture,
                                gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = NULL;
  gint64 now;
  guint rounds = 1;

  avoid_window_boundary ();
  now = g_get_real_time () / 1000;

  /* Strava's real read limit per 15 minutes. */
  rsb_fake_api_set_rate_limits (fixture->api, 200, 2000, 100, 1000);
  g_assert_false (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_true (g_str_has_prefix (error->message, "Paused until "));
  g_assert_true (g_str_has_suffix (error->message, " (Strava rate limit)"));
  g_assert_cmpint (summary.paused_until_ms, >=, rsb_rate_limit_next_window (now));
  g_assert_cmpint (summary.paused_until_ms % (15 * 60 * 1000), ==, 0);
  /* 99 requests: 2 pages (the second one short, so the last), then
   * 97 activities. */
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "total"), ==, 99);
  g_assert_cmpuint (summary.n_activities, ==, 97);
  g_assert_cmpuint (n_activities (fixture->store), ==, 97);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "spent"), ==, 0);
  account = rsb_store_get_account (fixture->store, "strava", NULL);
  g_assert_cmpint (account->paused_until_ms, ==, summary.paused_until_ms);
  g_test_message ("paused after 99 requests: %s", error->message);

  /* Until then a run sends nothing at all, not even a token request. */
  g_clear_error (&error);
  g_assert_false (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (summary.n_requests, ==, 0);
  g_assert_cmpint (summary.paused_until_ms, ==, account->paused_until_ms);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "total"), ==, 99);
  g_assert_cmpuint (rsb_fake_oauth_count (fixture->oauth, "refresh"), ==, 0);

  /* The window resets: each run goes on where the last one stopped. */
  while (error != NULL)
    {
      g_clear_error (&error);
      rsb_fake_api_reset_usage (fixture->api);
      clear_pause (fixture->store);
      rounds++;
      sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error);
      g_assert_true (error == NULL || g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED));
      g_assert_cmpuint (rounds, <, 10);
    }
  g_assert_cmpuint (n_activities (fixture->store), ==, 300);
  /* Every activity fetched once, no request in a spent window. */
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "streams"), ==, 300);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "spent"), ==, 0);
  g_test_message ("300 activities at 100 reads per window: %u windows, %u requests, 0 in spent windows",
                  rounds, rsb_fake_api_count (fixture->api, "total"));
}

/* With 10% of requests failing with 500, one stall and a 429 partway,
 * the library ends exactly as a fault-free sync leaves it. */
static void
test_faults_lose_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RsbFakeStrava) clean = new_fake (200, 50);
  g_autoptr(RsbStore) clean_store = open_store (fixture->dir, "clean.db");
  g_autofree char *clean_dump = NULL;
  g_autofree char *dump = NULL;
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  guint runs = 1;

  g_assert_true (sync_once (clean_store, rsb_fake_strava_get_api (clean), NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  clean_dump = rsb_sync_fixture_dump_activities (clean_store);

  rsb_fake_api_set_error_rate (fixture->api, 0.10, 20240514);
  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_STALL, "streams", 30);
  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_TOO_MANY, "streams", 80);
  while (!sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error))
    {
      g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
      g_clear_error (&error);
      clear_pause (fixture->store);
      g_assert_cmpuint (++runs, <, 5);
    }
  g_assert_cmpuint (runs, ==, 2);
  dump = rsb_sync_fixture_dump_activities (fixture->store);
  g_assert_cmpuint (strlen (dump), >, 0);
  g_assert_cmpstr (dump, ==, clean_dump);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "spent"), ==, 0);
  g_test_message ("200 activities with %u injected failures (10%% 500s, a stall, a 429): "
                  "%u requests over %u runs, library identical to the fault-free one",
                  rsb_fake_api_count (fixture->api, "faults"),
                  rsb_fake_api_count (fixture->api, "total"), runs);
}

typedef struct {
  RsbFakeOAuth *oauth;
  guint         n_landed;
  guint         expire_at;
  GCancellable *cancel;
  guint         cancel_at;
} Disturb;

static void
disturb (const char *message,
         double      fraction,
         gint64      activity_id,
         gpointer    user_data)
{
  Disturb *disturb = user_data;

  if (activity_id == 0)
    return;
  disturb->n_landed++;
  if (disturb->n_landed == disturb->expire_at)
    rsb_fake_oauth_expire_access_tokens (disturb->oauth);
  if (disturb->n_landed == disturb->cancel_at)
    g_cancellable_cancel (disturb->cancel);
}

static void
test_refresh_mid_sync (Fixture       *fixture,
                       gconstpointer  data)
{
  Disturb expire = { fixture->oauth, 0, 10, NULL, 0 };
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_once (fixture->store, fixture->api, disturb, &expire, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_activities, ==, 20);
  g_assert_cmpuint (rsb_fake_oauth_count (fixture->oauth, "refresh"), ==, 1);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "unauthorized"), ==, 1);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "streams"), ==, 21);
}

static void
test_cancel_keeps_what_landed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Disturb cancel = { NULL, 0, 0, cancellable, 5 };
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  g_assert_false (sync_once (fixture->store, fixture->api, disturb, &cancel, &summary, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (summary.n_activities, ==, 5);
  g_assert_cmpuint (n_activities (fixture->store), ==, 5);

  g_clear_error (&error);
  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_cmpuint (summary.n_activities, ==, 15);
  g_assert_cmpuint (n_activities (fixture->store), ==, 20);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "streams"), ==, 20);
}

static void
test_malformed_list_changes_nothing (Fixture       *fixture,
                                     gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RsbAccount) account_before = NULL;
  g_autoptr(RsbAccount) account_after = NULL;

  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  rsb_fake_strava_add_activities (fixture->strava, 5, 50, FIRST_START_MS + 30 * DAY_MS, HOUR_MS);
  before = rsb_sync_fixture_dump_activities (fixture->store);
  account_before = rsb_store_get_account (fixture->store, "strava", NULL);

  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_MALFORMED, "activities", 0);
  g_assert_false (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "Strava"));
  g_test_message ("malformed list: %s", error->message);
  after = rsb_sync_fixture_dump_activities (fixture->store);
  g_assert_cmpstr (after, ==, before);
  account_after = rsb_store_get_account (fixture->store, "strava", NULL);
  g_assert_cmpint (account_after->last_sync_ms, ==, account_before->last_sync_ms);
}

static void
test_malformed_streams_stop_there (Fixture       *fixture,
                                   gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;

  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_MALFORMED, "streams", 3);
  g_assert_false (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "/streams"));
  /* The three before it landed whole; nothing of the fourth did. */
  g_assert_cmpuint (n_activities (fixture->store), ==, 3);

  g_clear_error (&error);
  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_cmpuint (n_activities (fixture->store), ==, 20);
}

static void
test_streams_as_array (Fixture       *fixture,
                       gconstpointer  data)
{
  RsbSyncSummary summary;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) keyed_store = open_store (fixture->dir, "keyed.db");
  g_autoptr(RsbFakeStrava) keyed = new_fake (GPOINTER_TO_UINT (data), 50);
  g_autofree char *array_dump = NULL;
  g_autofree char *keyed_dump = NULL;

  rsb_fake_strava_set_streams_as_array (fixture->strava, TRUE);
  g_assert_true (sync_once (fixture->store, fixture->api, NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sync_once (keyed_store, rsb_fake_strava_get_api (keyed), NULL, NULL, &summary, NULL, &error));
  array_dump = rsb_sync_fixture_dump_activities (fixture->store);
  keyed_dump = rsb_sync_fixture_dump_activities (keyed_store);
  g_assert_cmpstr (array_dump, ==, keyed_dump);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, fixture_tear_down)

  ADD ("/strava-sync/first-and-second", 1000, test_first_and_second_sync);
  ADD ("/strava-sync/new-activities-only", 10, test_new_activities_only);
  ADD ("/strava-sync/known-activities-not-fetched", 10, test_known_activities_not_fetched);
  ADD ("/strava-sync/stops-before-spent-window", 300, test_stops_before_spent_window);
  ADD ("/strava-sync/faults-lose-nothing", 200, test_faults_lose_nothing);
  ADD ("/strava-sync/refresh-mid-sync", 20, test_refresh_mid_sync);
  ADD ("/strava-sync/cancel-keeps-what-landed", 20, test_cancel_keeps_what_landed);
  ADD ("/strava-sync/malformed-list-changes-nothing", 10, test_malformed_list_changes_nothing);
  ADD ("/strava-sync/malformed-streams-stop-there", 20, test_malformed_streams_stop_there);
  ADD ("/strava-sync/streams-as-array", 10, test_streams_as_array);

  return g_test_run ();
}
