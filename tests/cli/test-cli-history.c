/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-history.c: --connect, --sync and --disconnect for
 * ListenBrainz and Last.fm, as a script runs them, against the fake
 * services and a real keyring (through with-keyring.sh). */
#include <gio/gio.h>
#include <string.h>

#include "rsb-fake-lastfm.h"
#include "rsb-fake-listenbrainz.h"
#include "rsb-secrets.h"
#include "rsb-store.h"
#include "rsb-test-dir.h"

#define KEY "5f4dcc3b5aa765d61d8327deb882cf99"
#define T0 G_GINT64_CONSTANT (1715666400)

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* The binary with args, input on its standard input (may be NULL). */
static void
run_app (const char  *data_dir,
         Run         *run,
         const char  *input,
         const char  *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  run_clear (run);
  g_subprocess_launcher_setenv (launcher, "RSB_DATA_DIR", data_dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_ptr_array_add (argv, (char *) g_getenv ("RSB_BINARY"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static gint64
count_plays (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (path, &error);

  g_assert_no_error (error);
  return rsb_store_count_plays (store);
}

static void
test_connect_and_sync_both (void)
{
  g_autofree char *dir = rsb_test_dir_new ("cli-history");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakeListenBrainz) lb = rsb_fake_listenbrainz_new (&error);
  g_autoptr(RsbFakeLastfm) lastfm = rsb_fake_lastfm_new (KEY, &error);
  g_autofree char *lb_url = rsb_fake_listenbrainz_dup_url (lb);
  g_autofree char *lastfm_url = rsb_fake_lastfm_dup_url (lastfm);
  g_autofree char *queries = NULL;
  g_autofree char *key = NULL;
  Run run = { 0, };

  g_setenv ("RSB_LISTENBRAINZ_API_URL", lb_url, TRUE);
  g_setenv ("RSB_LASTFM_API_URL", lastfm_url, TRUE);
  rsb_fake_listenbrainz_add_series (lb, "amelie", 1200, T0, 200);
  rsb_fake_lastfm_add_series (lastfm, "amelie_fm", 300, T0 + 400000, 200);

  /* A name is needed after the service. */
  run_app (dir, &run, NULL, "--connect", "listenbrainz", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--connect listenbrainz NAME"));

  run_app (dir, &run, NULL, "--connect", "listenbrainz", "amelie", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Connected to ListenBrainz as amelie (1200 listens)."));

  /* The key goes on the standard input, never on the command line. */
  run_app (dir, &run, "not-the-key\n", "--connect", "lastfm", "amelie_fm", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Could not connect Last.fm: Last.fm does not accept the API key"));
  g_assert_null (strstr (run.err, "not-the-key"));
  run_app (dir, &run, KEY "\n", "--connect", "lastfm", "amelie_fm", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Connected to Last.fm as amelie_fm (300 scrobbles)."));

  run_app (dir, &run, NULL, "--sync", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "ListenBrainz: 0 new activities, 1200 new plays"));
  g_assert_nonnull (strstr (run.out, "Last.fm: 0 new activities, 300 new plays"));
  g_assert_nonnull (strstr (run.out, "ListenBrainz: 1200 new listens from ListenBrainz"));
  g_assert_null (strstr (run.out, KEY));
  g_assert_null (strstr (run.err, KEY));
  g_assert_cmpint (count_plays (dir), ==, 1500);
  g_free (rsb_fake_listenbrainz_take_queries (lb));

  /* Again: only what is new is asked for. */
  rsb_fake_listenbrainz_add_listen (lb, "amelie", T0 + 1200 * 200, "Artist 0", "One More", "Album", 200000,
                                    NULL, NULL);
  run_app (dir, &run, NULL, "--sync", "listenbrainz", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "ListenBrainz: 0 new activities, 1 new play"));
  g_assert_null (strstr (run.out, "Last.fm"));
  queries = rsb_fake_listenbrainz_take_queries (lb);
  g_assert_nonnull (strstr (queries, "min_ts="));
  g_assert_null (strstr (queries, "max_ts="));

  run_app (dir, &run, NULL, "--disconnect", "lastfm", NULL);
  g_assert_cmpint (run.status, ==, 0);
  key = rsb_secrets_lookup (RSB_SERVICE_LASTFM, RSB_SECRET_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_cmpint (count_plays (dir), ==, 1501);

  /* A user ListenBrainz does not know, named by --sync. */
  run_app (dir, &run, NULL, "--disconnect", "listenbrainz", NULL);
  run_app (dir, &run, NULL, "--connect", "listenbrainz", "nobody-here", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "ListenBrainz has no user “nobody-here”"));

  run_clear (&run);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-history/connect-and-sync-both", test_connect_and_sync_both);
  return g_test_run ();
}
