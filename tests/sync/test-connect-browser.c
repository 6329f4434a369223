/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Connecting as a person does: the app hands the authorize URL to "the
 * system browser" — headless Chromium, registered as the default http
 * handler in a private XDG_DATA_HOME — which follows the fake Strava's
 * consent redirect to the app's loopback listener. The app must end
 * connected, with its tokens in the real keyring (this runs under
 * with-keyring.sh), the fake's activities in SQLite, and no token in
 * the database, the GSettings store or anything it printed. */
#include "rsb-test-dir.h"
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rsb-fake-strava.h"
#include "rsb-secrets.h"

#define N_ACTIVITIES 12
#define APP_TIMEOUT_S 90

typedef struct {
  char          *dir;
  char          *log;           /* everything the app printed, all runs */
  RsbFakeStrava *strava;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* A browser the test can find and stop: Chromium with a profile of its
 * own, started through the desktop's default http handler. */
static void
register_browser (Fixture *f)
{
  g_autofree char *script = path_in (f, "browser.sh");
  g_autofree char *profile = path_in (f, "chromium-profile");
  g_autofree char *browser_log = path_in (f, "browser.log");
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_path = path_in (f, "data/applications/rsb-test-browser.desktop");
  const char *mimeapps =
    "[Default Applications]\n"
    "x-scheme-handler/http=rsb-test-browser.desktop\n"
    "x-scheme-handler/https=rsb-test-browser.desktop\n";
  g_autofree char *data_mimeapps = path_in (f, "data/applications/mimeapps.list");
  g_autofree char *config_mimeapps = path_in (f, "config/mimeapps.list");

  script_text = g_strdup_printf ("#!/bin/sh\n"
                                 "exec chromium --headless=new --no-sandbox --disable-gpu --no-first-run "
                                 "--disable-extensions --user-data-dir='%s' \"$@\" >>'%s' 2>&1\n",
                                 profile, browser_log);
  write_file (script, script_text, 0700);
  desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                             "Exec=%s %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
                             script);
  write_file (desktop_path, desktop, 0600);
  write_file (data_mimeapps, mimeapps, 0600);
  write_file (config_mimeapps, mimeapps, 0600);
}

static gboolean
signal_browser (const char *profile,
                const char *signal_option)
{
  const char *argv[] = { "pkill", signal_option, "-f", profile, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
  return g_spawn_check_wait_status (status, NULL);   /* TRUE: some process matched */
}

/* Chromium's helpers keep writing to the profile for a moment after the
 * signal: wait until none is left before the folder goes. */
static void
stop_browser (Fixture *f)
{
  g_autofree char *profile = path_in (f, "chromium-profile");

  signal_browser (profile, "-TERM");
  for (guint i = 0; i < 50 && signal_browser (profile, "-0"); i++)
    g_usleep (100 * 1000);
  signal_browser (profile, "-KILL");
  g_usleep (200 * 1000);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_find_program_in_path ("chromium") == NULL)
    {
      g_test_skip ("chromium is not installed (build-aux/dev.sh test installs it)");
      return;
    }
  f->dir = rsb_test_dir_new ("connect-browser");
  f->log = g_strdup ("");
  f->strava = rsb_fake_strava_new (&error);
  g_assert_no_error (error);
  rsb_fake_strava_add_activities (f->strava, N_ACTIVITIES, 40,
                                  G_GINT64_CONSTANT (1700000000000), 86400000);
  register_browser (f);

  /* The secret lives in the keyring, typed once in Preferences. */
  rsb_secrets_store (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_SECRET, NULL, RSB_FAKE_CLIENT_SECRET, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dir == NULL)
    return;
  stop_browser (f);
  g_clear_pointer (&f->strava, rsb_fake_strava_free);
  rsb_test_dir_remove (f->dir);
  g_free (f->log);
}

static GSubprocessLauncher *
app_launcher (Fixture *f)
{
  GSubprocessLauncher *launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *auth = rsb_fake_strava_dup_auth_url (f->strava);
  g_autofree char *api = rsb_fake_strava_dup_api_url (f->strava);
  g_autofree char *library = path_in (f, "library");
  g_autofree char *data = path_in (f, "data");
  g_autofree char *config = path_in (f, "config");

  g_subprocess_launcher_setenv (launcher, "RSB_DATA_DIR", library, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  /* A settings file on disk, to prove no token is written to it. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "RSB_STRAVA_AUTH_URL", auth, TRUE);
  g_subprocess_launcher_setenv (launcher, "RSB_STRAVA_API_URL", api, TRUE);
  g_subprocess_launcher_setenv (launcher, "RSB_STRAVA_CLIENT_ID", RSB_FAKE_CLIENT_ID, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "RSB_STRAVA_CLIENT_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "BROWSER");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  return launcher;
}

typedef struct {
  GMainLoop *loop;
  Run       *run;
  GError    *error;
} Waiting;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiting *waiting = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                        &waiting->run->out, &waiting->run->err, &waiting->error);
  g_main_loop_quit (waiting->loop);
}

static gboolean
on_app_timeout (gpointer user_data)
{
  g_subprocess_force_exit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs run-sous-bpm with args; a run that hangs is killed after
 * APP_TIMEOUT_S and fails the test through its exit status. */
static void
run_app (Fixture            *f,
         Run                *run,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = app_launcher (f);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Waiting waiting = { loop, run, NULL };
  guint timeout;
  char *log;

  g_ptr_array_add (argv, (char *) g_getenv ("RSB_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  timeout = g_timeout_add_seconds (APP_TIMEOUT_S, on_app_timeout, process);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &waiting);
  g_main_loop_run (loop);
  g_source_remove (timeout);
  g_assert_no_error (waiting.error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  log = g_strconcat (f->log, run->out, run->err, NULL);
  g_free (f->log);
  f->log = log;
  g_test_message ("%s: %s%s", args[0], run->out, run->err);
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  g_autofree char *path = path_in (f, "library/library.db");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static void
assert_file_lacks (const char *path,
                   const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  g_assert_null (g_strstr_len (contents, length, needle));
}

static void
assert_no_token_leaked (Fixture *f)
{
  RsbFakeOAuth *oauth = rsb_fake_api_get_oauth (rsb_fake_strava_get_api (f->strava));
  g_auto(GStrv) tokens = rsb_fake_oauth_dup_issued_tokens (oauth);
  const char *files[] = { "library/library.db", "library/library.db-wal",
                          "config/glib-2.0/settings/keyfile", NULL };

  g_assert_cmpuint (g_strv_length (tokens), >=, 2);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_assert_null (strstr (f->log, tokens[i]));
      for (guint j = 0; files[j] != NULL; j++)
        {
          g_autofree char *path = path_in (f, files[j]);
          assert_file_lacks (path, tokens[i]);
        }
    }
  g_assert_null (strstr (f->log, RSB_FAKE_CLIENT_SECRET));
}

static void
test_connect_sync_disconnect (Fixture       *f,
                              gconstpointer  data)
{
  RsbFakeApi *api;
  g_autoptr(RsbTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) connect = { 0 };
  g_auto(Run) sync = { 0 };
  g_auto(Run) disconnect = { 0 };

  if (f->dir == NULL)
    return;
  api = rsb_fake_strava_get_api (f->strava);

  run_app (f, &connect, (const char *[]) { "--connect", "strava", NULL });
  g_assert_cmpint (connect.status, ==, 0);
  g_assert_nonnull (strstr (connect.out, "Connected to Strava"));
  g_assert_cmpuint (rsb_fake_oauth_count (rsb_fake_api_get_oauth (api), "authorize"), ==, 1);
  tokens = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  g_assert_nonnull (tokens->refresh_token);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM accounts WHERE service = 'strava'"), ==, 1);

  run_app (f, &sync, (const char *[]) { "--sync", "strava", NULL });
  g_assert_cmpint (sync.status, ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM activities WHERE source = 'strava'"), ==, N_ACTIVITIES);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM streams"), ==, N_ACTIVITIES);
  assert_no_token_leaked (f);

  run_app (f, &disconnect, (const char *[]) { "--disconnect", "strava", NULL });
  g_assert_cmpint (disconnect.status, ==, 0);
  g_assert_cmpuint (rsb_fake_oauth_count (rsb_fake_api_get_oauth (api), "deauthorize"), ==, 1);
  g_clear_pointer (&tokens, rsb_tokens_free);
  tokens = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tokens);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM accounts"), ==, 0);
  /* What was synced stays the user's. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM activities"), ==, N_ACTIVITIES);
}

static void
test_rate_limit_exit_status (Fixture       *f,
                             gconstpointer  data)
{
  RsbFakeApi *api;
  g_auto(Run) connect = { 0 };
  g_auto(Run) paused = { 0 };
  g_auto(Run) resumed = { 0 };
  gint64 landed;

  if (f->dir == NULL)
    return;
  api = rsb_fake_strava_get_api (f->strava);
  run_app (f, &connect, (const char *[]) { "--connect", "strava", NULL });
  g_assert_cmpint (connect.status, ==, 0);

  /* Room for the list and a few streams in this 15-minute window. */
  rsb_fake_api_set_rate_limits (api, 6, 1000, 6, 1000);
  run_app (f, &paused, (const char *[]) { "--sync", NULL });
  g_assert_cmpint (paused.status, ==, 75);
  g_assert_nonnull (strstr (paused.err, "Run again after"));
  landed = count_rows (f, "SELECT count(*) FROM activities");
  g_assert_cmpint (landed, >, 0);
  g_assert_cmpint (landed, <, N_ACTIVITIES);
  g_assert_cmpuint (rsb_fake_api_count (api, "spent"), ==, 0);

  /* While the window is spent, a rerun asks nothing of Strava. */
  {
    g_auto(Run) again = { 0 };
    guint before = rsb_fake_api_count (api, "total");

    run_app (f, &again, (const char *[]) { "--sync", "strava", NULL });
    g_assert_cmpint (again.status, ==, 75);
    g_assert_cmpuint (rsb_fake_api_count (api, "total"), ==, before);
  }
  assert_no_token_leaked (f);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/connect/browser/connect-sync-disconnect", test_connect_sync_disconnect);
  ADD ("/connect/browser/rate-limit-exit-status", test_rate_limit_exit_status);

  return g_test_run ();
}
