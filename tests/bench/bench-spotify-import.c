/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-spotify-import: 100,000 plays of an Extended Streaming History
 * (~80 MB) through rsb_import_file into a fresh library. Targets: at
 * most 0.5 s, peak memory growing by at most 64 MB, and at least 5 x
 * the speed of python3 json.load + sqlite3 executemany of the same rows
 * into the same schema, timed in the same run.
 *
 * Usage: bench-spotify-import PYTHON3 SPOTIFY-BASELINE.PY
 *        (an empty PYTHON3 leaves the baseline out)
 */
#include "bench-common.h"
#include "rsb-importer.h"

#include <stdlib.h>

#define BENCH            "spotify_import"
#define N_PLAYS          100000
#define N_TRACKS         5000
#define TARGET_S         0.5
#define TARGET_GROWTH_MB 64.0
#define TARGET_RATIO     5.0
#define DEFAULT_REPS     5

static char *
fresh_library (const char *scratch,
               const char *name)
{
  g_autofree char *dir = g_build_filename (scratch, name, NULL);
  char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;

  rsb_bench_remove_tree (dir);
  store = rsb_store_open (db_path, &error);
  if (store == NULL)
    rsb_bench_fail (BENCH, "opening a fresh library", error);
  return db_path;
}

static double
time_import (const char *history_path,
             const char *scratch,
             guint      *n_added,
             double     *growth_mb)
{
  g_autofree char *db_path = fresh_library (scratch, "library-rsb");
  g_autoptr(GFile) file = g_file_new_for_path (history_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (db_path, &error);
  RsbImportResult result = { 0 };
  gint64 start;
  double seconds, before_mb;

  if (store == NULL)
    rsb_bench_fail (BENCH, "opening the library", error);

  if (!rsb_bench_reset_peak ())
    rsb_bench_skip (BENCH, "proc-clear-refs-not-writable");
  before_mb = rsb_bench_resident_mb (0, "VmRSS");
  start = g_get_monotonic_time ();
  if (!rsb_import_file (store, file, &result, NULL))
    rsb_bench_fail (BENCH, "importing", result.error);
  seconds = rsb_bench_seconds_since (start);
  *growth_mb = MAX (*growth_mb, rsb_bench_resident_mb (0, "VmHWM") - before_mb);

  *n_added = result.n_plays;
  rsb_import_result_clear (&result);
  return seconds;
}

/* The script times itself from json.load to COMMIT. */
static double
time_python (const char *python,
             const char *script,
             const char *history_path,
             const char *scratch)
{
  g_autofree char *db_path = fresh_library (scratch, "library-python");
  const char *argv[] = { python, script, history_path, db_path, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  const char *seconds;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    rsb_bench_fail (BENCH, "the python baseline", error);
  if ((seconds = strstr (output, "seconds=")) == NULL)
    rsb_bench_fail (BENCH, "reading the python baseline's time", NULL);
  return g_ascii_strtod (seconds + strlen ("seconds="), NULL);
}

static int
report (guint   n_added,
        double  growth_mb,
        GArray *imports,
        GArray *baselines)
{
  double median = rsb_bench_median (imports);
  double per_s = N_PLAYS / median;
  gboolean pass = median <= TARGET_S && growth_mb <= TARGET_GROWTH_MB;

  g_print ("bench=%s median_s=%.4f plays_per_s=%.0f", BENCH, median, per_s);
  if (baselines->len > 0)
    {
      double baseline = rsb_bench_median (baselines);

      g_print (" baseline=python_json_sqlite3 median_s=%.4f plays_per_s=%.0f ratio=%.2f",
               baseline, N_PLAYS / baseline, baseline / median);
      pass = pass && baseline / median >= TARGET_RATIO;
    }
  else
    g_print (" baseline=python_json_sqlite3 skip=yes");
  g_print (" peak_growth_mb=%.1f target=median_s<=%.1f,peak_growth_mb<=%.0f,ratio>=%.0f pass=%s"
           " plays=%d tracks=%d plays_added=%u repetitions=%u\n",
           growth_mb, TARGET_S, TARGET_GROWTH_MB, TARGET_RATIO, rsb_bench_yes_no (pass),
           N_PLAYS, N_TRACKS, n_added, imports->len);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  const RsbBenchHistory spec = {
    .first_start_ms = G_GINT64_CONSTANT (1640995200000),  /* 2022-01-01 */
    .n_plays = N_PLAYS,
    .n_tracks = N_TRACKS,
    .mean_ms = 200000,
    .skip_share = 0.15,
    .max_gap_ms = 20 * 60000,
    .seed = 7,
  };
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autofree char *history_path = g_build_filename (scratch, "Streaming_History_Audio_2022-2023.json", NULL);
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const char *python = argc > 2 ? argv[1] : "";
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  guint n_added = 0;
  double growth_mb = 0;

  if (!rsb_bench_write_history (history_path, &spec, &error))
    rsb_bench_fail (BENCH, "writing the history", error);

  time_import (history_path, scratch, &n_added, &growth_mb);  /* warm-up */
  for (guint i = 0; i < reps; i++)
    {
      if (*python != '\0')
        rsb_bench_add_sample (baselines, time_python (python, argv[2], history_path, scratch));
      rsb_bench_add_sample (imports, time_import (history_path, scratch, &n_added, &growth_mb));
    }

  rsb_bench_remove_tree (scratch);
  return report (n_added, growth_mb, imports, baselines);
}
