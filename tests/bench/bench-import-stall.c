/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import-stall: whether the window stays responsive while it
 * imports. A real RsbWindow on a fresh library imports the Strava export
 * of bench-strava-export (1,000 activities, ~3.6 million points) through
 * rsb_window_import_files, while a 5 ms timeout on the main loop notes
 * how late each tick comes: anything the main thread does for longer
 * than that (progress updates, list reloads, loading the shown activity)
 * shows as a late tick. max_stall_ms is the latest tick from the call
 * until rsb_window_is_importing() turns false and one more tick ran;
 * p99_ms the 99th percentile of the lateness. max_stall_cpu_ms is the
 * main thread's own CPU time within the worst gap; for the rest of it
 * the thread waited for a core.
 *
 * The baseline, for context, is the same ticker on the same window just
 * before the import, idle for as long as the warm-up import took.
 *
 * Needs a display: meson runs it through run-under-xvfb.sh.
 */
#include <adwaita.h>
#include <math.h>
#include <time.h>

#include "bench-common.h"
#include "bench-export.h"
#include "rsb-window.h"

#define BENCH          "import_stall"
#define N_ACTIVITIES   1000
#define MANUAL_EVERY   100
#define MEAN_POINTS    3600
#define TICK_MS        5
#define TARGET_MS      50.0
#define DEFAULT_REPS   3
#define SETTLE_US      (1 * G_USEC_PER_SEC)
#define IMPORT_TIMEOUT_US (600 * G_USEC_PER_SEC)

/* ---- the ticker ------------------------------------------------------ */

typedef struct {
  guint    id;
  gint64   last_us;
  gint64   origin_us;     /* when the measured work began */
  guint    n_ticks;
  gint64   last_cpu_us;   /* the main thread's CPU time at the last tick */
  GArray  *late_ms;       /* lateness of each tick beyond TICK_MS */
  double   worst_ms;
  double   worst_at_s;    /* since origin_us */
  double   worst_cpu_ms;  /* main-thread CPU time within the worst gap */
} Ticker;

typedef struct {
  double max_ms;
  double p99_ms;
  double max_at_s;
  double max_cpu_ms;
} Stalls;

/* A gap with little CPU time of the main thread's own was spent waiting
 * for a core, not working. */
static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
on_tick (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  double late = (now - ticker->last_us) / 1000.0 - TICK_MS;

  late = MAX (late, 0);
  if (late > ticker->worst_ms)
    {
      ticker->worst_ms = late;
      /* When the late tick was due: where to look in a profile. */
      ticker->worst_at_s = (ticker->last_us - ticker->origin_us) / (double) G_USEC_PER_SEC;
      ticker->worst_cpu_ms = (cpu - ticker->last_cpu_us) / 1000.0;
    }
  g_array_append_val (ticker->late_ms, late);
  ticker->last_us = now;
  ticker->last_cpu_us = cpu;
  ticker->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static void
ticker_start (Ticker *ticker)
{
  ticker->late_ms = g_array_new (FALSE, FALSE, sizeof (double));
  ticker->last_us = ticker->origin_us = g_get_monotonic_time ();
  ticker->last_cpu_us = thread_cpu_us ();
  ticker->n_ticks = 0;
  ticker->worst_ms = 0;
  ticker->id = g_timeout_add (TICK_MS, on_tick, ticker);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static Stalls
ticker_stop (Ticker *ticker)
{
  GArray *late = ticker->late_ms;
  Stalls stalls = { 0 };

  g_clear_handle_id (&ticker->id, g_source_remove);
  if (late->len > 0)
    {
      g_array_sort (late, compare_doubles);
      stalls.max_ms = g_array_index (late, double, late->len - 1);
      stalls.p99_ms = g_array_index (late, double, (guint) ceil (0.99 * late->len) - 1);
    }
  stalls.max_at_s = ticker->worst_at_s;
  stalls.max_cpu_ms = ticker->worst_cpu_ms;
  g_array_unref (late);
  return stalls;
}

/* ---- the window ------------------------------------------------------ */

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin (gint64 duration_us)
{
  gint64 end = g_get_monotonic_time () + duration_us;
  guint wake = g_timeout_add (20, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

/* A fresh library: the window opens $RSB_DATA_DIR/library.db. */
static RsbWindow *
open_window (const char *data_dir)
{
  RsbWindow *window;

  g_setenv ("RSB_DATA_DIR", data_dir, TRUE);
  window = rsb_window_new (NULL, NULL);
  if (rsb_window_get_store (window) == NULL)
    rsb_bench_fail (BENCH, "the window could not open its library", NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  spin (SETTLE_US);
  return window;
}

static void
close_window (RsbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100 * G_TIME_SPAN_MILLISECOND);
}

static guint
count_activities (RsbWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = rsb_store_list_activities (rsb_window_get_store (window), &error);

  if (list == NULL)
    rsb_bench_fail (BENCH, "reading the library back", error);
  return list->len;
}

/* ---- measurements ---------------------------------------------------- */

typedef struct {
  GArray *max_ms;
  GArray *p99_ms;
  GArray *idle_max_ms;
  GArray *import_s;
  GArray *max_cpu_ms;
  double  max_at_s;       /* of the last run: where to look in a profile */
  guint   activities;
} Results;

static Stalls
measure_idle (gint64 duration_us)
{
  Ticker ticker = { 0 };

  ticker_start (&ticker);
  spin (duration_us);
  return ticker_stop (&ticker);
}

/* Includes rsb_window_import_files itself, and the dispatch that ends
 * the import (its summary toast and final reload): one tick after
 * rsb_window_is_importing() turns false. */
static Stalls
measure_import (RsbWindow *window,
                GFile     *zip,
                double    *import_s)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  Ticker ticker = { 0 };
  gint64 start;
  guint ticks_at_end;

  g_ptr_array_add (files, g_object_ref (zip));
  ticker_start (&ticker);
  spin (50 * G_TIME_SPAN_MILLISECOND);
  start = ticker.origin_us = g_get_monotonic_time ();
  rsb_window_import_files (window, files);
  while (rsb_window_is_importing (window))
    {
      if (g_get_monotonic_time () - start > IMPORT_TIMEOUT_US)
        rsb_bench_fail (BENCH, "the import did not finish", NULL);
      g_main_context_iteration (NULL, TRUE);
    }
  *import_s = rsb_bench_seconds_since (start);
  ticks_at_end = ticker.n_ticks;
  while (ticker.n_ticks == ticks_at_end)
    g_main_context_iteration (NULL, TRUE);
  return ticker_stop (&ticker);
}

/* One run: a window on a fresh library, idle for idle_us, then the import. */
static void
run_once (const char *scratch,
          guint       run,
          GFile      *zip,
          gint64      idle_us,
          Results    *results)
{
  g_autofree char *data_dir = g_strdup_printf ("%s/data-%u", scratch, run);
  RsbWindow *window = open_window (data_dir);
  Stalls idle = measure_idle (idle_us);
  double import_s;
  Stalls import = measure_import (window, zip, &import_s);

  results->activities = count_activities (window);
  rsb_bench_add_sample (results->max_ms, import.max_ms);
  rsb_bench_add_sample (results->p99_ms, import.p99_ms);
  rsb_bench_add_sample (results->idle_max_ms, idle.max_ms);
  rsb_bench_add_sample (results->import_s, import_s);
  rsb_bench_add_sample (results->max_cpu_ms, import.max_cpu_ms);
  results->max_at_s = import.max_at_s;
  close_window (window);
  rsb_bench_remove_tree (data_dir);
}

static int
report (Results *results)
{
  double max_ms = rsb_bench_median (results->max_ms);
  gboolean pass = max_ms <= TARGET_MS && results->activities == N_ACTIVITIES;

  g_print ("bench=%s max_stall_ms=%.1f p99_ms=%.1f baseline=idle max_gap_ms=%.1f target=<=%.0f pass=%s"
           " activities=%u import_median_s=%.2f max_stall_cpu_ms=%.1f last_max_stall_at_s=%.2f"
           " tick_ms=%d repetitions=%u\n",
           BENCH, max_ms, rsb_bench_median (results->p99_ms), rsb_bench_median (results->idle_max_ms),
           TARGET_MS, rsb_bench_yes_no (pass), results->activities, rsb_bench_median (results->import_s),
           rsb_bench_median (results->max_cpu_ms), results->max_at_s, TICK_MS, results->max_ms->len);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}

static void
results_reset (Results *results)
{
  g_array_set_size (results->max_ms, 0);
  g_array_set_size (results->p99_ms, 0);
  g_array_set_size (results->idle_max_ms, 0);
  g_array_set_size (results->import_s, 0);
  g_array_set_size (results->max_cpu_ms, 0);
}

int
main (int   argc,
      char *argv[])
{
  const RsbBenchExport spec = { N_ACTIVITIES, MANUAL_EVERY, MEAN_POINTS, 2021 };
  g_autofree char *scratch = NULL;
  g_autofree char *zip_path = NULL;
  g_autoptr(GFile) zip = NULL;
  g_autoptr(GArray) max_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) p99_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_max_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) max_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  Results results = { max_ms, p99_ms, idle_max_ms, import_s, max_cpu_ms, 0, 0 };
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  RsbBenchExportStats stats;
  gint64 idle_us;
  int status;

  if (!gtk_init_check ())
    rsb_bench_skip (BENCH, "no-display");
  adw_init ();

  scratch = rsb_bench_make_tmpdir ();
  zip_path = g_build_filename (scratch, "export_31415926.zip", NULL);
  if (!rsb_bench_write_export (zip_path, &spec, &stats, &error))
    rsb_bench_fail (BENCH, "writing the export", error);
  zip = g_file_new_for_path (zip_path);

  /* The warm-up's import sets how long the idle baselines last. */
  run_once (scratch, 0, zip, SETTLE_US, &results);
  idle_us = (gint64) (rsb_bench_median (import_s) * G_USEC_PER_SEC);
  results_reset (&results);
  for (guint i = 1; i <= reps; i++)
    run_once (scratch, i, zip, idle_us, &results);

  status = report (&results);
  rsb_bench_remove_tree (scratch);
  return status;
}
