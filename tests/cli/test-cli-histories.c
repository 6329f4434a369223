/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `--import` of the ListenBrainz, Apple Music and YouTube Music
 * histories: one line per file saying what it added, and a wrong file
 * named in the failure. */
#include <string.h>

#include <gio/gio.h>

#include "rsb-test-dir.h"

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

static void
run_import (const char         *dir,
            Run                *run,
            const char * const *files)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "RSB_DATA_DIR", dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_ptr_array_add (argv, (char *) g_getenv ("RSB_BINARY"));
  g_ptr_array_add (argv, "--import");
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) files[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_import_each_history (void)
{
  g_autofree char *dir = rsb_test_dir_new ("cli-histories");
  g_autofree char *lb = write_file (dir, "03.jsonl",
    "{\"listened_at\":1709280000,\"track_metadata\":{\"artist_name\":\"A\",\"track_name\":\"One\"}}\n"
    "{\"listened_at\":1709280200,\"track_metadata\":{\"artist_name\":\"A\",\"track_name\":\"Two\"}}\n");
  g_autofree char *apple = write_file (dir, "Apple Music Play Activity.csv",
    "Artist Name,Event End Timestamp,Event Start Timestamp,Event Type,Play Duration Milliseconds,Song Name\r\n"
    "B,2024-03-02T08:03:00Z,2024-03-02T08:00:00Z,PLAY_END,180000,Three\r\n");
  g_autofree char *youtube = write_file (dir, "watch-history.json",
    "[{\"header\":\"YouTube Music\",\"title\":\"Watched Four\",\"titleUrl\":\"https://music.youtube.com/watch?v=4\",\"time\":\"2024-03-03T08:00:00Z\"},"
    "{\"header\":\"YouTube\",\"title\":\"Watched a video\",\"time\":\"2024-03-03T07:00:00Z\"}]");
  g_autofree char *wrong = write_file (dir, "settings.json", "{\"theme\":\"dark\"}");
  g_auto(Run) run = { 0 };

  run_import (dir, &run, (const char *[]) { lb, apple, youtube, wrong, NULL });
  /* The wrong file fails the command, not the others. */
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "03.jsonl: added 2 plays"));
  g_assert_nonnull (strstr (run.out, "Apple Music Play Activity.csv: added 1 play"));
  g_assert_nonnull (strstr (run.out, "watch-history.json: added 1 play"));
  g_assert_nonnull (strstr (run.out, "Imported 0 activities and 4 plays from 4 files; 1 failed"));
  g_assert_nonnull (strstr (run.err, "settings.json: failed: “settings.json” is JSON"));
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* A Takeout's search history has the watch history's shape but no
 * music: it is told apart from one already imported. */
static void
test_history_without_music (void)
{
  g_autofree char *dir = rsb_test_dir_new ("cli-histories");
  g_autofree char *search = write_file (dir, "search-history.json",
    "[{\"header\":\"YouTube\",\"title\":\"Searched for running music\",\"time\":\"2024-03-03T08:00:00Z\"}]");
  g_auto(Run) run = { 0 };

  run_import (dir, &run, (const char *[]) { search, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "search-history.json: nothing added\n"));
  g_assert_nonnull (strstr (run.out, "“search-history.json” holds no music listens"));
  g_assert_null (strstr (run.out, "already in the library"));
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/import-histories", test_import_each_history);
  g_test_add_func ("/cli/history-without-music", test_history_without_music);
  return g_test_run ();
}
