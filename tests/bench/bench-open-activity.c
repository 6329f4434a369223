/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-open-activity: opening a 10-hour, 36,000-point activity heard
 * through 150 songs, as the window does it: rsb_activity_load (query and
 * match), rsb_palette_for_activity and rsb_route_map_set_activity (the
 * path layers built), on a route map shown in a window. Reported too,
 * outside the target: the first frame drawn afterwards, and taking the
 * layers down again (the other half of switching activities).
 *
 * The baseline, for context, is a plain sqlite3 SELECT of the same
 * stream BLOBs (copied out, as the store must).
 *
 * Needs a display: meson runs it through run-under-xvfb.sh.
 */
#include "bench-common.h"
#include "rsb-importer.h"
#include "rsb-palette.h"
#include "rsb-route-map.h"

#include <sqlite3.h>
#include <stdlib.h>

#define BENCH          "open_activity"
#define N_POINTS       36000
#define N_SONGS        150
#define TARGET_S       0.100
#define DEFAULT_REPS   11
#define FRAME_TIMEOUT_US (30 * G_USEC_PER_SEC)

#define START_MS G_GINT64_CONSTANT (1682920800000)  /* 2023-05-01T06:00:00Z */

typedef struct {
  GtkWindow   *window;
  RsbRouteMap *map;
  gboolean     painted;
} Stage;

/* ---- the library ----------------------------------------------------- */

static gint64
import_one (RsbStore   *store,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RsbImportResult result = { 0 };
  gint64 id;

  if (!rsb_import_file (store, file, &result, NULL))
    rsb_bench_fail (BENCH, "importing", result.error);
  id = result.activity_id;
  rsb_import_result_clear (&result);
  return id;
}

/* One 10-hour run, and 150 back-to-back songs of about four minutes from
 * half a minute into it: all of them land on the route. */
static gint64
fill_library (RsbStore   *store,
              const char *scratch)
{
  const RsbBenchGpx gpx = { START_MS, N_POINTS, 42 };
  const RsbBenchHistory history = {
    .first_start_ms = START_MS + 30000,
    .n_plays = N_SONGS,
    .n_tracks = N_SONGS,
    .mean_ms = 230000,
    .seed = 11,
  };
  g_autofree char *gpx_path = g_build_filename (scratch, "ten-hours.gpx", NULL);
  g_autofree char *history_path = g_build_filename (scratch, "Streaming_History_Audio_2023.json", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!rsb_bench_write_gpx (gpx_path, &gpx, &error) ||
      !rsb_bench_write_history (history_path, &history, &error))
    rsb_bench_fail (BENCH, "writing the input files", error);
  id = import_one (store, gpx_path);
  import_one (store, history_path);
  return id;
}

/* ---- frames ---------------------------------------------------------- */

static void
on_after_paint (GdkFrameClock *clock,
                Stage         *stage)
{
  stage->painted = TRUE;
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Seconds until the window next finishes painting. */
static double
wait_for_frame (Stage *stage)
{
  gint64 start = g_get_monotonic_time ();

  stage->painted = FALSE;
  while (!stage->painted)
    {
      if (g_get_monotonic_time () - start > FRAME_TIMEOUT_US)
        rsb_bench_fail (BENCH, "waiting for a frame", NULL);
      g_main_context_iteration (NULL, TRUE);
    }
  return rsb_bench_seconds_since (start);
}

static void
show_stage (Stage *stage)
{
  stage->window = GTK_WINDOW (gtk_window_new ());
  stage->map = g_object_new (RSB_TYPE_ROUTE_MAP, NULL);
  gtk_window_set_default_size (stage->window, 1200, 800);
  gtk_window_set_child (stage->window, GTK_WIDGET (stage->map));
  gtk_window_present (stage->window);

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (stage->window)), "after-paint",
                    G_CALLBACK (on_after_paint), stage);
  while (gtk_widget_get_width (GTK_WIDGET (stage->map)) == 0)
    wait_for_frame (stage);
}

/* ---- measurements ---------------------------------------------------- */

typedef struct {
  GArray *open;
  GArray *frame;
  GArray *clear;
  guint   n_segments;
  guint   n_songs;
} OpenTimes;

static void
time_open (Stage     *stage,
           RsbStore  *store,
           gint64     id,
           OpenTimes *times)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GArray) colours = NULL;
  gint64 start = g_get_monotonic_time ();

  activity = rsb_activity_load (store, id, &error);
  if (activity == NULL)
    rsb_bench_fail (BENCH, "loading the activity", error);
  colours = rsb_palette_for_activity (activity);
  rsb_route_map_set_activity (stage->map, activity, colours);
  rsb_bench_add_sample (times->open, rsb_bench_seconds_since (start));
  rsb_bench_add_sample (times->frame, wait_for_frame (stage));

  times->n_segments = rsb_activity_n_segments (activity);
  times->n_songs = activity->match->n_songs;
  /* Taking the layers down is half of switching to another activity. */
  start = g_get_monotonic_time ();
  rsb_route_map_set_activity (stage->map, NULL, NULL);
  rsb_bench_add_sample (times->clear, rsb_bench_seconds_since (start));
  wait_for_frame (stage);
}

static double
time_select_blobs (sqlite3 *db,
                   gint64   id)
{
  gint64 start = g_get_monotonic_time ();
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT time, lat, lon, altitude, heart_rate, cadence, distance, speed"
                          " FROM streams WHERE activity_id = ?", -1, &stmt, NULL) != SQLITE_OK)
    rsb_bench_fail (BENCH, sqlite3_errmsg (db), NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    rsb_bench_fail (BENCH, "the streams row is missing", NULL);
  for (int column = 0; column < sqlite3_column_count (stmt); column++)
    g_free (g_memdup2 (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column)));
  sqlite3_finalize (stmt);
  return rsb_bench_seconds_since (start);
}

static GArray *
time_baseline (const char *db_path,
               gint64      id,
               guint       reps)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    rsb_bench_fail (BENCH, "opening the library with sqlite3", NULL);
  time_select_blobs (db, id);  /* warm-up */
  for (guint i = 0; i < reps; i++)
    rsb_bench_add_sample (samples, time_select_blobs (db, id));
  sqlite3_close (db);
  return samples;
}

static int
report (OpenTimes *times,
        GArray    *baseline)
{
  double median = rsb_bench_median (times->open);
  double base = rsb_bench_median (baseline);
  gboolean pass = median <= TARGET_S;

  g_print ("bench=%s median_s=%.4f baseline=sqlite3_select_blobs median_s=%.4f ratio=%.1f"
           " target=<=%.3f pass=%s first_frame_median_s=%.4f clear_median_s=%.4f points=%d"
           " segments=%u songs=%u repetitions=%u\n",
           BENCH, median, base, median / base, TARGET_S, rsb_bench_yes_no (pass),
           rsb_bench_median (times->frame), rsb_bench_median (times->clear), N_POINTS,
           times->n_segments, times->n_songs, times->open->len);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (scratch, "library", "library.db", NULL);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  OpenTimes times = { open, frame, clear, 0, 0 };
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  Stage stage = { 0 };
  gint64 id;
  int status;

  if (!gtk_init_check ())
    rsb_bench_skip (BENCH, "no-display");
  if ((store = rsb_store_open (db_path, &error)) == NULL)
    rsb_bench_fail (BENCH, "opening the library", error);
  id = fill_library (store, scratch);

  show_stage (&stage);
  g_timeout_add (50, wake_up, NULL);
  time_open (&stage, store, id, &times);  /* warm-up */
  g_array_set_size (open, 0);
  g_array_set_size (frame, 0);
  g_array_set_size (clear, 0);
  for (guint i = 0; i < reps; i++)
    time_open (&stage, store, id, &times);
  baseline = time_baseline (db_path, id, reps);

  status = report (&times, baseline);
  gtk_window_destroy (stage.window);
  g_clear_object (&store);
  rsb_bench_remove_tree (scratch);
  return status;
}
