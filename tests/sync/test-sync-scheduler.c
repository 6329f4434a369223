/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's syncs: off the main thread, one at a time, reporting
 * each activity as it lands and how the run ended. Runs under
 * with-keyring.sh: the tokens come from a real keyring. */
#include "rsb-test-dir.h"

#include "rsb-fake-strava.h"
#include "rsb-secrets.h"
#include "rsb-store.h"
#include "rsb-sync-error.h"
#include "rsb-sync-scheduler.h"

#define N_ACTIVITIES 5

typedef struct {
  char             *dir;
  char             *path;
  RsbFakeStrava    *strava;
  RsbSyncScheduler *scheduler;
  GMainLoop        *loop;
  guint             n_added;
  guint             n_finished;
  guint             n_idle_calls;
  RsbSyncSummary    summary;
  GError           *error;
} Fixture;

static void
connect_without_browser (Fixture *f)
{
  RsbFakeOAuth *oauth = rsb_fake_api_get_oauth (rsb_fake_strava_get_api (f->strava));
  g_autoptr(RsbStore) store = rsb_store_open (f->path, NULL);
  g_autoptr(RsbAccount) account = rsb_account_new ("strava");
  g_autoptr(GError) error = NULL;
  RsbTokens tokens = { 0, };

  rsb_fake_oauth_issue (oauth, &tokens.access_token, &tokens.refresh_token, &tokens.expires_at_ms);
  rsb_secrets_save_tokens (RSB_SERVICE_STRAVA, &tokens, NULL, &error);
  g_assert_no_error (error);
  account->display_name = g_strdup ("Marianne T.");
  rsb_store_save_account (store, account, &error);
  g_assert_no_error (error);
  g_free (tokens.access_token);
  g_free (tokens.refresh_token);
}

static void
on_added (RsbSyncScheduler *scheduler,
          gint64            id,
          Fixture          *f)
{
  g_assert_cmpint (id, >, 0);
  f->n_added++;
}

static void
on_finished (RsbSyncScheduler     *scheduler,
             guint                 service,
             gboolean              requested,
             const RsbSyncSummary *summary,
             const GError         *error,
             Fixture              *f)
{
  f->n_finished++;
  f->summary = *summary;
  g_clear_error (&f->error);
  f->error = error ? g_error_copy (error) : NULL;
}

static void
on_busy (RsbSyncScheduler *scheduler,
         GParamSpec       *pspec,
         Fixture          *f)
{
  if (!rsb_sync_scheduler_get_busy (scheduler))
    g_main_loop_quit (f->loop);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *api = NULL;

  f->dir = rsb_test_dir_new ("scheduler");
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->strava = rsb_fake_strava_new (&error);
  g_assert_no_error (error);
  rsb_fake_strava_add_activities (f->strava, N_ACTIVITIES, 30, G_GINT64_CONSTANT (1700000000000), 3600000);
  auth = rsb_fake_strava_dup_auth_url (f->strava);
  api = rsb_fake_strava_dup_api_url (f->strava);
  g_setenv ("RSB_STRAVA_AUTH_URL", auth, TRUE);
  g_setenv ("RSB_STRAVA_API_URL", api, TRUE);
  g_setenv ("RSB_STRAVA_CLIENT_ID", RSB_FAKE_CLIENT_ID, TRUE);
  g_setenv ("RSB_STRAVA_CLIENT_SECRET", RSB_FAKE_CLIENT_SECRET, TRUE);

  f->loop = g_main_loop_new (NULL, FALSE);
  f->scheduler = rsb_sync_scheduler_new (f->path);
  g_signal_connect (f->scheduler, "activity-added", G_CALLBACK (on_added), f);
  g_signal_connect (f->scheduler, "finished", G_CALLBACK (on_finished), f);
  g_signal_connect (f->scheduler, "notify::busy", G_CALLBACK (on_busy), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->scheduler);
  g_clear_pointer (&f->loop, g_main_loop_unref);
  g_clear_pointer (&f->strava, rsb_fake_strava_free);
  g_clear_error (&f->error);
  rsb_secrets_clear_tokens (RSB_SERVICE_STRAVA, NULL, NULL);
  rsb_test_dir_remove (f->dir);
  g_free (f->path);
}

static void
sync_and_wait (Fixture    *f,
               RsbService  service)
{
  rsb_sync_scheduler_sync (f->scheduler, service);
  g_assert_true (rsb_sync_scheduler_get_busy (f->scheduler));
  g_main_loop_run (f->loop);
}

static void
test_activities_land_one_by_one (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbAccount) account = NULL;

  connect_without_browser (f);
  sync_and_wait (f, RSB_SERVICE_STRAVA);

  g_assert_no_error (f->error);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpuint (f->summary.n_activities, ==, N_ACTIVITIES);
  /* The list can follow the sync activity by activity. */
  g_assert_cmpuint (f->n_added, ==, N_ACTIVITIES);
  store = rsb_store_open (f->path, NULL);
  account = rsb_store_get_account (store, "strava", NULL);
  g_assert_cmpint (account->last_sync_ms, >, 0);
}

/* What a running sync would undo (forgetting its account) waits until
 * the cancelled sync has stopped writing; with none running, it is
 * done at once. */
static void
record_idle (gpointer owner)
{
  Fixture *f = g_object_get_data (owner, "fixture");

  g_assert_false (rsb_sync_scheduler_get_busy (f->scheduler));
  f->n_idle_calls++;
}

static void
test_cancel_then_waits_for_sync (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (owner, "fixture", f);
  connect_without_browser (f);
  rsb_sync_scheduler_sync (f->scheduler, RSB_SERVICE_STRAVA);
  g_assert_true (rsb_sync_scheduler_get_busy (f->scheduler));
  rsb_sync_scheduler_cancel_then (f->scheduler, owner, record_idle);
  g_assert_cmpuint (f->n_idle_calls, ==, 0);
  g_main_loop_run (f->loop);
  g_assert_cmpuint (f->n_idle_calls, ==, 1);

  rsb_sync_scheduler_cancel_then (f->scheduler, owner, record_idle);
  g_assert_cmpuint (f->n_idle_calls, ==, 2);
}

static void
test_unconnected_service_is_quiet (Fixture       *f,
                                   gconstpointer  data)
{
  sync_and_wait (f, RSB_SERVICE_SPOTIFY);

  g_assert_cmpuint (f->n_finished, ==, 0);
  g_assert_cmpuint (rsb_fake_api_count (rsb_fake_strava_get_api (f->strava), "total"), ==, 0);
}

static void
test_revoked_access_asks_to_reconnect (Fixture       *f,
                                       gconstpointer  data)
{
  RsbFakeOAuth *oauth = rsb_fake_api_get_oauth (rsb_fake_strava_get_api (f->strava));
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbAccount) account = NULL;
  guint token_calls;

  connect_without_browser (f);
  rsb_fake_oauth_expire_access_tokens (oauth);
  rsb_fake_oauth_fail_next_token (oauth, "invalid_grant");
  sync_and_wait (f, RSB_SERVICE_STRAVA);

  g_assert_error (f->error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
  store = rsb_store_open (f->path, NULL);
  account = rsb_store_get_account (store, "strava", NULL);
  g_assert_true (account->needs_reconnect);

  /* Until the person reconnects, syncing does not knock again. */
  token_calls = rsb_fake_oauth_count (oauth, "token") + rsb_fake_oauth_count (oauth, "refresh");
  sync_and_wait (f, RSB_SERVICE_STRAVA);
  g_assert_error (f->error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
  g_assert_cmpuint (rsb_fake_oauth_count (oauth, "token") + rsb_fake_oauth_count (oauth, "refresh"), ==, token_calls);
  g_assert_cmpuint (f->n_added, ==, 0);
}

static void
wait_for_finished (Fixture *f,
                   guint    n,
                   guint    seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (f->n_finished < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* A spent rate window pauses the sync; it goes on by itself once the
 * window resets, with nobody pressing "Sync Now" again. */
static void
test_resumes_after_rate_window (Fixture       *f,
                                gconstpointer  data)
{
  RsbFakeApi *api = rsb_fake_strava_get_api (f->strava);

  connect_without_browser (f);
  rsb_fake_api_set_retry_after (api, 1);
  rsb_fake_api_inject (api, RSB_FAKE_FAULT_TOO_MANY, "streams", 2);
  sync_and_wait (f, RSB_SERVICE_STRAVA);
  g_assert_error (f->error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->summary.n_activities, ==, 2);
  g_assert_cmpint (f->summary.paused_until_ms, >, 0);

  wait_for_finished (f, 2, 30);
  g_assert_cmpuint (f->n_finished, ==, 2);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->n_added, ==, N_ACTIVITIES);
  g_assert_cmpuint (rsb_fake_api_count (api, "spent"), ==, 0);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/sync/scheduler/activities-land-one-by-one", test_activities_land_one_by_one);
  ADD ("/sync/scheduler/cancel-then-waits-for-sync", test_cancel_then_waits_for_sync);
  ADD ("/sync/scheduler/unconnected-service-is-quiet", test_unconnected_service_is_quiet);
  ADD ("/sync/scheduler/revoked-access-asks-to-reconnect", test_revoked_access_asks_to_reconnect);
  ADD ("/sync/scheduler/resumes-after-rate-window", test_resumes_after_rate_window);

  return g_test_run ();
}
