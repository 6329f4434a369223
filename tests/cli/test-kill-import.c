/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kill -9 at any moment of a large import leaves a sound library that
 * holds each activity whole or not at all; running the import again
 * finishes the rest, without duplicates. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rsb-test-dir.h"
#include "rsb-test-runs.h"

#define N_FILES   120
#define N_POINTS  3000

static GSubprocess *
start_import (const char *library,
              const char *workouts)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "RSB_DATA_DIR", library, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RSB_BINARY"), "--import", workouts, NULL);
  g_assert_no_error (error);
  return process;
}

static int
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt;
  int count = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* Returns how many activities the library holds, after checking it is
 * sound and every one of them is complete. */
static int
check_library (const char *library)
{
  g_autofree char *path = g_build_filename (library, "library.db", NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int activities;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Killed before the schema was created: an empty, sound file. */
  if (count_rows (db, "SELECT count(*) FROM sqlite_master WHERE name = 'activities'") == 0)
    {
      sqlite3_close (db);
      return 0;
    }
  activities = count_rows (db, "SELECT count(*) FROM activities");
  /* Whole or not at all: every activity has all its points, and a file
   * record for each. */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM activities a JOIN streams s ON s.activity_id = a.id"
                                   " WHERE a.n_points = " G_STRINGIFY (N_POINTS)
                                   " AND length (s.time) = 8 * a.n_points AND length (s.lat) = 8 * a.n_points"), ==, activities);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM imported_files"), ==, activities);
  g_assert_cmpint (count_rows (db, "SELECT count(DISTINCT start_ms) FROM activities"), ==, activities);
  sqlite3_close (db);
  return activities;
}

static void
test_kill_and_resume (void)
{
  g_autofree char *dir = rsb_test_dir_new ("kill");
  g_autofree char *workouts = g_build_filename (dir, "workouts", NULL);
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  g_autoptr(GSubprocess) finish = NULL;
  g_autoptr(GError) error = NULL;
  int before = 0, kills = 0, kills_midway = 0;

  g_assert_cmpint (g_mkdir (workouts, 0700), ==, 0);
  rsb_test_write_runs (workouts, N_FILES, N_POINTS);

  /* Kill ever later, until an import completes by itself. */
  for (guint delay_ms = 40; delay_ms < 20000; delay_ms = delay_ms * 3 / 2)
    {
      g_autoptr(GSubprocess) process = start_import (library, workouts);
      int now;

      g_usleep (delay_ms * 1000);
      /* SIGKILL: nothing of the process gets to clean up. */
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      if (!g_subprocess_get_if_signaled (process))
        break;
      kills++;
      now = check_library (library);
      g_test_message ("killed after %u ms: %d activities", delay_ms, now);
      g_assert_cmpint (now, >=, before);
      /* This import had landed some of its activities, but not all. */
      if (now > before && now < N_FILES)
        kills_midway++;
      before = now;
      if (now == N_FILES)
        break;
    }
  g_test_message ("%d kills, %d of them part-way through the import", kills, kills_midway);
  g_assert_cmpint (kills, >=, 3);
  /* Kills before the first activity or after the last prove little. The
   * delays grow by half each time, while landing all the activities
   * takes several times as long as starting up (also under ASan), so
   * one of them falls in between. */
  g_assert_cmpint (kills_midway, >=, 1);

  finish = start_import (library, workouts);
  g_subprocess_wait_check (finish, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check_library (library), ==, N_FILES);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/kill-and-resume", test_kill_and_resume);
  return g_test_run ();
}
