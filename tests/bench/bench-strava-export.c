/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-strava-export: a whole Strava bulk export through
 * rsb_import_job_run into a fresh library: 1,000 activities, about 3.6
 * million 1 Hz points in gzipped FIT, GPX and TCX files, a few manual
 * entries (see bench-export.c). For context, the same import with a
 * single parser: ratio = its time / ours, what parsing on every core
 * buys. cpu_per_wall is the process's CPU time over the wall time of an
 * import: near the number of cores when they all work.
 *
 * recognition_s is what telling each file's kind from its bytes costs
 * alone (rsb_file_sniff_bytes on every entry of the zip, as the job does
 * once per entry, the reading of the zip left out), and
 * recognition_share that time over the import's: at most 1 %.
 *
 * Usage: bench-strava-export
 */
#include <sys/resource.h>

#include "bench-common.h"
#include "bench-export.h"
#include "rsb-archive.h"
#include "rsb-file-sniff.h"
#include "rsb-import-job.h"

#define BENCH          "strava_export"
#define N_ACTIVITIES   1000
#define MANUAL_EVERY   100
#define MEAN_POINTS    3600
#define TARGET_S       30.0
#define DEFAULT_REPS   3
#define RECOGNITION_SHARE_TARGET 0.01

typedef struct {
  GArray  *wall;
  GArray  *cpu_per_wall;
  guint    activities;   /* of the last run */
  guint64  points;
} Runs;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / (double) G_USEC_PER_SEC;
}

static void
check_totals (RsbImportJob *job,
              Runs         *runs)
{
  GPtrArray *results = rsb_import_job_get_results (job);
  RsbImportTotals totals;

  rsb_import_job_get_totals (job, &totals);
  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *result = g_ptr_array_index (results, i);

      if (result->status == RSB_IMPORT_FAILED)
        rsb_bench_fail (BENCH, result->display_name, result->error);
    }
  runs->activities = totals.activities;
}

/* What landed, read back: every point of every route. */
static guint64
count_points (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (db_path, &error);
  g_autoptr(GPtrArray) list = NULL;
  guint64 points = 0;

  if (store == NULL || (list = rsb_store_list_activities (store, &error)) == NULL)
    rsb_bench_fail (BENCH, "reading the library back", error);
  for (guint i = 0; i < list->len; i++)
    points += ((RsbActivityInfo *) g_ptr_array_index (list, i))->n_points;
  return points;
}

/* workers 0: as many parsers as the job picks (one per core). The
 * library's schema is made inside the clock: the job opens it. */
static void
time_import (const char *zip_path,
             const char *scratch,
             guint       run,
             guint       workers,
             Runs       *runs)
{
  g_autofree char *dir = g_strdup_printf ("%s/library-%u", scratch, run);
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GFile) zip = g_file_new_for_path (zip_path);
  g_autoptr(RsbImportJob) job = rsb_import_job_new (db_path, &zip, 1);
  g_autoptr(GError) error = NULL;
  double cpu_start, wall;
  gint64 start;

  if (workers > 0)
    rsb_import_job_set_workers (job, workers);
  cpu_start = cpu_seconds ();
  start = g_get_monotonic_time ();
  if (!rsb_import_job_run (job, NULL, &error))
    rsb_bench_fail (BENCH, "importing", error);
  wall = rsb_bench_seconds_since (start);
  rsb_bench_add_sample (runs->wall, wall);
  rsb_bench_add_sample (runs->cpu_per_wall, (cpu_seconds () - cpu_start) / wall);

  check_totals (job, runs);
  runs->points = count_points (db_path);
  rsb_bench_remove_tree (dir);
}

static gboolean
want_every_entry (const char *path,
                  gpointer    user_data)
{
  return TRUE;
}

static gboolean
keep_entry (const char   *path,
            GBytes       *bytes,
            const GError *error,
            gpointer      user_data)
{
  if (bytes != NULL)
    g_ptr_array_add (user_data, g_bytes_ref (bytes));
  return TRUE;
}

/* Every entry's kind told from its bytes, repeated; the median time of
 * one pass over the export. */
static double
time_recognition (const char *zip_path,
                  guint       n_workouts,
                  guint       reps)
{
  g_autoptr(GFile) zip = g_file_new_for_path (zip_path);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  if (!rsb_archive_foreach (zip, RSB_IMPORT_MAX_WORKOUT_BYTES, want_every_entry, keep_entry, entries, NULL, &error))
    rsb_bench_fail (BENCH, "reading the export's entries", error);
  for (guint rep = 0; rep < reps + 1; rep++)
    {
      gint64 start = g_get_monotonic_time ();
      guint workouts = 0;

      for (guint i = 0; i < entries->len; i++)
        {
          gboolean gzipped;

          workouts += rsb_file_kind_is_workout (rsb_file_sniff_bytes (g_ptr_array_index (entries, i), "entry",
                                                                      &gzipped, NULL));
        }
      if (workouts != n_workouts)
        rsb_bench_fail (BENCH, "recognising the export's workouts", NULL);
      /* The first pass warms the caches, as the import's warm-up does. */
      if (rep > 0)
        rsb_bench_add_sample (times, rsb_bench_seconds_since (start));
    }
  return rsb_bench_median (times);
}

static int
report (const RsbBenchExportStats *stats,
        Runs                      *ours,
        Runs                      *one,
        double                     recognition_s)
{
  double median = rsb_bench_median (ours->wall);
  double baseline = rsb_bench_median (one->wall);
  double share = recognition_s / median;
  gboolean complete = ours->activities == N_ACTIVITIES && one->activities == N_ACTIVITIES &&
                      ours->points == stats->n_points && one->points == stats->n_points;
  gboolean pass = complete && median <= TARGET_S && share <= RECOGNITION_SHARE_TARGET;

  g_print ("bench=%s_recognition recognition_s=%.4f import_median_s=%.2f recognition_share=%.4f"
           " target=<=%.2f pass=%s entries=%u\n",
           BENCH, recognition_s, median, share, RECOGNITION_SHARE_TARGET,
           rsb_bench_yes_no (share <= RECOGNITION_SHARE_TARGET), stats->n_files);

  g_print ("bench=%s median_s=%.2f activities=%u points=%" G_GUINT64_FORMAT " cpu_per_wall=%.2f"
           " baseline=one_worker median_s=%.2f ratio=%.2f target=<=%.0f pass=%s"
           " files=%u manual=%u generated_points=%" G_GUINT64_FORMAT " zip_bytes=%" G_GUINT64_FORMAT
           " points_per_s=%.0f baseline_cpu_per_wall=%.2f workers=%u repetitions=%u\n",
           BENCH, median, ours->activities, ours->points, rsb_bench_median (ours->cpu_per_wall),
           baseline, baseline / median, TARGET_S, rsb_bench_yes_no (pass),
           stats->n_files, stats->n_manual, stats->n_points, stats->zip_bytes,
           stats->n_points / median, rsb_bench_median (one->cpu_per_wall),
           MAX (1, g_get_num_processors ()), ours->wall->len);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}

static void
runs_reset (Runs *runs)
{
  g_array_set_size (runs->wall, 0);
  g_array_set_size (runs->cpu_per_wall, 0);
}

int
main (int   argc,
      char *argv[])
{
  const RsbBenchExport spec = { N_ACTIVITIES, MANUAL_EVERY, MEAN_POINTS, 2021 };
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autofree char *zip_path = g_build_filename (scratch, "export_31415926.zip", NULL);
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  Runs ours = { wall, cpu, 0, 0 };
  Runs one = { one_wall, one_cpu, 0, 0 };
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  RsbBenchExportStats stats;
  guint run = 0;
  int status;

  if (!rsb_bench_write_export (zip_path, &spec, &stats, &error))
    rsb_bench_fail (BENCH, "writing the export", error);

  /* A warm-up of each fills the page cache and the allocators. */
  time_import (zip_path, scratch, run++, 0, &ours);
  time_import (zip_path, scratch, run++, 1, &one);
  runs_reset (&ours);
  runs_reset (&one);
  for (guint i = 0; i < reps; i++)
    {
      time_import (zip_path, scratch, run++, 0, &ours);
      time_import (zip_path, scratch, run++, 1, &one);
    }

  status = report (&stats, &ours, &one, time_recognition (zip_path, stats.n_files, MAX (reps, 5)));
  rsb_bench_remove_tree (scratch);
  return status;
}
