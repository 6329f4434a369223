/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gpx-import: a 10-hour 1 Hz workout through rsb_import_file into
 * a fresh library, against `xmllint --stream --noout` on the same file.
 *
 * Usage: bench-gpx-import XMLLINT   (an empty XMLLINT skips the bench)
 */
#include "bench-common.h"
#include "rsb-importer.h"

#define BENCH          "gpx_import"
#define N_POINTS       36000
#define TARGET_RATIO   0.5
#define DEFAULT_REPS   7

static double
time_xmllint (const char *xmllint,
              const char *path)
{
  const char *argv[] = { xmllint, "--stream", "--noout", path, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    rsb_bench_fail (BENCH, "xmllint", error);
  return rsb_bench_seconds_since (start);
}

static void
check_stored (RsbStore              *store,
              const RsbImportResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivityInfo) info = rsb_store_get_activity (store, result->activity_id, &error);

  if (info == NULL)
    rsb_bench_fail (BENCH, "reading the imported activity back", error);
  if (result->n_activities != 1 || info->n_points != N_POINTS)
    {
      g_autofree char *what = g_strdup_printf ("expected 1 activity of %d points, got %u of %u",
                                               N_POINTS, result->n_activities, info->n_points);
      rsb_bench_fail (BENCH, what, NULL);
    }
}

/* Store opening (schema creation) stays outside the clock: only the
 * file's parse and its transaction are timed. */
static double
time_import (const char *gpx_path,
             const char *scratch,
             guint       rep)
{
  g_autofree char *dir = g_strdup_printf ("%s/library-%u", scratch, rep);
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (gpx_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (db_path, &error);
  RsbImportResult result = { 0 };
  gint64 start;
  double seconds;

  if (store == NULL)
    rsb_bench_fail (BENCH, "opening a fresh library", error);

  start = g_get_monotonic_time ();
  if (!rsb_import_file (store, file, &result, NULL))
    rsb_bench_fail (BENCH, "importing", result.error);
  seconds = rsb_bench_seconds_since (start);

  check_stored (store, &result);
  rsb_import_result_clear (&result);
  g_clear_object (&store);
  rsb_bench_remove_tree (dir);
  return seconds;
}

static gsize
file_size (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? (gsize) g_file_info_get_size (info) : 0;
}

static int
report (gsize   bytes,
        GArray *imports,
        GArray *baselines)
{
  double median = rsb_bench_median (imports);
  double baseline = rsb_bench_median (baselines);
  double ratio = baseline / median;   /* throughput ratio: ours / xmllint's */

  g_print ("bench=%s median_s=%.4f baseline=xmllint_stream median_s=%.4f ratio=%.2f"
           " target=>=%.1f pass=%s points=%d bytes=%" G_GSIZE_FORMAT " mb_per_s=%.1f"
           " baseline_mb_per_s=%.1f repetitions=%u\n",
           BENCH, median, baseline, ratio, TARGET_RATIO, rsb_bench_yes_no (ratio >= TARGET_RATIO),
           N_POINTS, bytes, bytes / median / 1e6, bytes / baseline / 1e6, imports->len);
  return ratio >= TARGET_RATIO ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = NULL;
  g_autofree char *gpx_path = NULL;
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const RsbBenchGpx spec = { G_GINT64_CONSTANT (1682920800000), N_POINTS, 42 };
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  const char *xmllint = argc > 1 ? argv[1] : "";
  gsize bytes;

  if (*xmllint == '\0')
    rsb_bench_skip (BENCH, "xmllint-not-found");

  scratch = rsb_bench_make_tmpdir ();
  gpx_path = g_build_filename (scratch, "ten-hours.gpx", NULL);
  if (!rsb_bench_write_gpx (gpx_path, &spec, &error))
    rsb_bench_fail (BENCH, "writing the workout", error);
  bytes = file_size (gpx_path);

  /* A warm-up of each fills the page cache and the allocators. */
  time_xmllint (xmllint, gpx_path);
  time_import (gpx_path, scratch, 0);
  for (guint i = 1; i <= reps; i++)
    {
      rsb_bench_add_sample (baselines, time_xmllint (xmllint, gpx_path));
      rsb_bench_add_sample (imports, time_import (gpx_path, scratch, i));
    }

  rsb_bench_remove_tree (scratch);
  return report (bytes, imports, baselines);
}
