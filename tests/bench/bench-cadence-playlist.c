/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-cadence-playlist.c: "Songs for a Cadence" on a large library
 * (3,000 workouts, 300,000 plays, 20,000 tracks, half with a tempo):
 * rsb_playlist_new_for_cadence against the same ranking counted by
 * SQL alone (a join of workouts and plays with count(DISTINCT), and a
 * GROUP BY of the plays), in the same run. */
#include "config.h"

#include <sqlite3.h>

#include "bench-common.h"
#include "rsb-playlist.h"

#define BENCH        "cadence_playlist"
#define DEFAULT_REPS 7
#define N_TRACKS     20000
#define N_PLAYS      300000
#define N_WORKOUTS   3000
#define T0           G_GINT64_CONSTANT (1700000000000)
#define TARGET_S     0.25

#define BASELINE_SQL \
  "SELECT count(*) FROM (SELECT p.track_id, count(DISTINCT a.id) FROM activities a JOIN plays p" \
  " ON p.end_ms > a.start_ms - a.clock_offset_ms" \
  " AND p.end_ms <= a.start_ms - a.clock_offset_ms + CAST (a.elapsed_s * 1000 AS INTEGER) + 86400000" \
  " AND p.start_ms < a.start_ms - a.clock_offset_ms + CAST (a.elapsed_s * 1000 AS INTEGER)" \
  " WHERE a.start_ms IS NOT NULL AND a.n_songs > 0 GROUP BY p.track_id);" \
  "SELECT count(*) FROM (SELECT track_id, count(*) FROM plays GROUP BY track_id);"

static void
exec_or_fail (sqlite3    *db,
              const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);

      rsb_bench_fail (BENCH, "the library could not be filled", error);
    }
}

/* Plays back to back with gaps of up to 10 minutes; the workouts an
 * hour long, spread evenly over the history. */
static void
fill_library (const char *path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (170);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 t = T0;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    rsb_bench_fail (BENCH, "the library could not be opened", NULL);
  exec_or_fail (db, "BEGIN");
  sqlite3_prepare_v2 (db, "INSERT INTO tracks (id, uri, title, artists, duration_ms, bpm, bpm_source, bpm_confidence)"
                          " VALUES (?, ?, ?, 'Artist', 200000, ?, ?, 0.9)", -1, &stmt, NULL);
  for (guint i = 0; i < N_TRACKS; i++)
    {
      g_autofree char *uri = g_strdup_printf ("spotify:track:%022u", i);
      g_autofree char *title = g_strdup_printf ("Song %u", i);

      sqlite3_bind_int64 (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, uri, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
      if (i % 2 == 0)
        {
          sqlite3_bind_double (stmt, 4, g_rand_double_range (rand, 60, 190));
          sqlite3_bind_text (stmt, 5, "deezer", -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (stmt, 4);
          sqlite3_bind_null (stmt, 5);
        }
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, source, precision_ms)"
                          " VALUES (?, ?, ?, 200000, 'extended', 1000)", -1, &stmt, NULL);
  for (guint i = 0; i < N_PLAYS; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, N_TRACKS + 1));
      sqlite3_bind_int64 (stmt, 2, t);
      sqlite3_bind_int64 (stmt, 3, t + 200000);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
      t += 200000 + g_rand_int_range (rand, 0, 600000);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "INSERT INTO activities (source, source_id, name, start_ms, elapsed_s, n_songs)"
                          " VALUES ('file', ?, 'Run', ?, 3600, 10)", -1, &stmt, NULL);
  for (guint i = 0; i < N_WORKOUTS; i++)
    {
      g_autofree char *hash = g_strdup_printf ("h%u", i);

      sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, T0 + (t - T0) / N_WORKOUTS * i);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec_or_fail (db, "COMMIT");
  sqlite3_close (db);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = rsb_bench_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  guint n_songs = 0;
  sqlite3 *db;
  double median, base_median;

  /* The schema, then the rows straight into it. */
  store = rsb_store_open (path, &error);
  if (store == NULL)
    rsb_bench_fail (BENCH, "the library could not be made", error);
  g_clear_object (&store);
  fill_library (path);
  store = rsb_store_open (path, &error);
  if (store == NULL || sqlite3_open (path, &db) != SQLITE_OK)
    rsb_bench_fail (BENCH, "the library could not be opened", error);

  /* One warm-up of each, then interleaved. */
  for (guint rep = 0; rep <= reps; rep++)
    {
      g_autoptr(RsbPlaylist) playlist = NULL;
      gint64 start = g_get_monotonic_time ();

      playlist = rsb_playlist_new_for_cadence (store, 170, &error);
      if (playlist == NULL)
        rsb_bench_fail (BENCH, "the playlist could not be made", error);
      if (rep > 0)
        rsb_bench_add_sample (ours, rsb_bench_seconds_since (start));
      n_songs = playlist->entries->len;

      start = g_get_monotonic_time ();
      exec_or_fail (db, BASELINE_SQL);
      if (rep > 0)
        rsb_bench_add_sample (baseline, rsb_bench_seconds_since (start));
    }
  sqlite3_close (db);
  median = rsb_bench_median (ours);
  base_median = rsb_bench_median (baseline);
  g_print ("bench=%s median_s=%.4f baseline=sql_join median_s=%.4f ratio=%.1f target=<=%.2fs pass=%s"
           " songs=%u tracks=%d plays=%d workouts=%d reps=%u\n",
           BENCH, median, base_median, base_median / median, TARGET_S, median <= TARGET_S ? "yes" : "no",
           n_songs, N_TRACKS, N_PLAYS, N_WORKOUTS, reps);
  g_clear_object (&store);
  rsb_bench_remove_tree (dir);
  return median <= TARGET_S ? 0 : 1;
}
