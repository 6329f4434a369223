/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-map-frame: one frame of the route map at 1280 × 800 with the
 * cairo renderer, for a 10-hour, 36,000-point run heard through 150
 * songs, while the view pans and zooms: snapshot of the map widget and
 * rendering of it to a texture with the window's renderer. The
 * baseline, frame for frame in the same run, is the same map drawing
 * every recorded point instead of the paths simplified for the zoom
 * level. Two views: the whole route fitted, and zoomed in to street
 * level (zoom 16) along it.
 *
 * Also measured: a hit test (a click near the route), and the resident
 * memory of the app itself (run-sous-bpm, given as the first argument)
 * showing that activity, read from /proc once it settles.
 *
 * Targets: frame median <= 8 ms in both views, hit test median <=
 * 0.5 ms, resident memory <= 200 MB. Needs a display (run-under-xvfb.sh).
 */
#include "bench-common.h"
#include "bench-route-library.h"
#include "rsb-palette.h"
#include "rsb-route-map.h"

#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>

#define BENCH            "map_frame"
#define FRAME_TARGET_S   0.008
#define HIT_TARGET_S     0.0005
#define RSS_TARGET_MB    200.0
#define DEFAULT_FRAMES   60
#define N_HITS           300
#define SETTLE_US        (4 * G_USEC_PER_SEC)

typedef struct {
  GArray *snapshot;
  GArray *simplified;
  GArray *every_point;
  guint   drawn_simplified;
  guint   drawn_every_point;
} Frames;

/* Moves the view a little, as a drag or a pinch does between frames. */
static void
step_view (RsbRouteMap *map,
           guint        i,
           double       base_zoom)
{
  ShumateViewport *viewport = rsb_route_map_get_viewport (map);
  double width = gtk_widget_get_width (GTK_WIDGET (map)), height = gtk_widget_get_height (GTK_WIDGET (map));
  double lat, lon;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map),
                                              width / 2 + (i % 20 < 10 ? 12 : -12), height / 2 + 5 * sin (i / 3.0),
                                              &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  shumate_viewport_set_zoom_level (viewport, base_zoom + 0.3 * sin (i / 5.0));
}

static void
time_frames (RsbRouteMap *map,
             double       base_zoom,
             guint        n,
             Frames      *frames)
{
  for (guint i = 0; i < n + 4; i++)
    {
      double simplified, every_point;

      step_view (map, i, base_zoom);
      rsb_route_map_set_simplify (map, TRUE);
      simplified = rsb_bench_frame (GTK_WIDGET (map));
      if (i >= 4)
        rsb_bench_add_sample (frames->snapshot, rsb_bench_last_snapshot_s);
      frames->drawn_simplified = rsb_route_map_get_n_drawn_points (map);
      rsb_route_map_set_simplify (map, FALSE);
      every_point = rsb_bench_frame (GTK_WIDGET (map));
      frames->drawn_every_point = rsb_route_map_get_n_drawn_points (map);
      if (i < 4)
        continue;  /* warm-up */
      rsb_bench_add_sample (frames->simplified, simplified);
      rsb_bench_add_sample (frames->every_point, every_point);
    }
  rsb_route_map_set_simplify (map, TRUE);
}

/* Clicks a few pixels beside random route points. */
static GArray *
time_hits (RsbRouteMap       *map,
           const RsbActivity *activity,
           guint             *n_hit)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (7);

  *n_hit = 0;
  for (guint i = 0; i < N_HITS; i++)
    {
      guint point = g_rand_int_range (rand, 0, activity->streams->n_points);
      double x, y;
      gint64 start;
      int hit;

      if (!rsb_route_map_point_position (map, point, &x, &y))
        continue;
      start = g_get_monotonic_time ();
      hit = rsb_route_map_hit_test (map, x + 4, y - 3);
      rsb_bench_add_sample (samples, rsb_bench_seconds_since (start));
      *n_hit += hit >= 0;
    }
  g_rand_free (rand);
  return samples;
}

/* The app itself on this library: its resident memory once the window
 * has opened the run and stopped growing. */
static void
measure_app (const char *app,
             const char *scratch,
             double     *rss_mb,
             double     *peak_mb)
{
  g_autofree char *data_dir = g_build_filename (scratch, "library", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "RSB_DATA_DIR", data_dir, TRUE);
  const char *argv[] = { app, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time (), stable_since;
  double last = 0;
  GPid pid;

  *rss_mb = *peak_mb = NAN;
  if (app == NULL || *app == '\0')
    return;
  if (!g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    rsb_bench_fail (BENCH, "starting the app", error);
  stable_since = start;
  while (g_get_monotonic_time () - start < 30 * G_USEC_PER_SEC)
    {
      double now = rsb_bench_resident_mb (pid, "VmRSS");

      g_usleep (200000);
      if (isnan (now))
        break;
      if (fabs (now - last) > 1.0)
        stable_since = g_get_monotonic_time ();
      last = now;
      if (g_get_monotonic_time () - start > SETTLE_US && g_get_monotonic_time () - stable_since > 2 * G_USEC_PER_SEC)
        break;
    }
  *rss_mb = rsb_bench_resident_mb (pid, "VmRSS");
  *peak_mb = rsb_bench_resident_mb (pid, "VmHWM");
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GArray) colours = NULL;
  g_autoptr(GArray) hits_fit = NULL;
  g_autoptr(GArray) hits_zoomed = NULL;
  Frames fit = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                 g_array_new (FALSE, FALSE, sizeof (double)) };
  Frames zoomed = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                    g_array_new (FALSE, FALSE, sizeof (double)) };
  Frames empty = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                   g_array_new (FALSE, FALSE, sizeof (double)) };
  guint n_frames = rsb_bench_repetitions (DEFAULT_FRAMES);
  ShumateViewport *viewport;
  GtkWindow *window;
  RsbRouteMap *map;
  double fit_zoom, rss_mb, peak_mb, frame_worst, hit_worst;
  guint n_hit_fit, n_hit_zoomed;
  gboolean pass;
  gint64 id;

  if (!gtk_init_check ())
    rsb_bench_skip (BENCH, "no-display");
  id = rsb_bench_route_library (BENCH, scratch, &store);
  if ((activity = rsb_activity_load (store, id, &error)) == NULL)
    rsb_bench_fail (BENCH, "loading the activity", error);
  colours = rsb_palette_for_activity (activity);

  window = GTK_WINDOW (gtk_window_new ());
  map = g_object_new (RSB_TYPE_ROUTE_MAP, NULL);
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (map));
  rsb_bench_show (BENCH, window, GTK_WIDGET (map));
  rsb_route_map_set_activity (map, activity, colours);
  rsb_bench_show (BENCH, window, GTK_WIDGET (map));
  viewport = rsb_route_map_get_viewport (map);
  fit_zoom = shumate_viewport_get_zoom_level (viewport);

  time_frames (map, fit_zoom, n_frames, &fit);
  hits_fit = time_hits (map, activity, &n_hit_fit);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 activity->streams->columns[RSB_STREAM_LAT][activity->streams->n_points / 3],
                                 activity->streams->columns[RSB_STREAM_LON][activity->streams->n_points / 3]);
  time_frames (map, 16, n_frames, &zoomed);
  hits_zoomed = time_hits (map, activity, &n_hit_zoomed);
  /* For context: the same frames with no route at all (tiles, scale,
   * attribution and the texture itself). */
  rsb_route_map_set_activity (map, NULL, NULL);
  time_frames (map, 16, n_frames, &empty);
  gtk_window_destroy (window);

  measure_app (argc > 1 ? argv[1] : NULL, scratch, &rss_mb, &peak_mb);

  frame_worst = MAX (rsb_bench_median (fit.simplified), rsb_bench_median (zoomed.simplified));
  hit_worst = MAX (rsb_bench_median (hits_fit), rsb_bench_median (hits_zoomed));
  pass = frame_worst <= FRAME_TARGET_S && hit_worst <= HIT_TARGET_S && (isnan (rss_mb) || rss_mb <= RSS_TARGET_MB);
  g_print ("bench=%s median_s=%.5f baseline=every_point median_s=%.5f ratio=%.3f"
           " zoomed_median_s=%.5f zoomed_baseline_median_s=%.5f zoomed_ratio=%.3f"
           " target=<=%.3f pass=%s"
           " snapshot_median_s=%.5f zoomed_snapshot_median_s=%.5f no_route_median_s=%.5f points_drawn=%u baseline_points_drawn=%u zoomed_points_drawn=%u zoomed_baseline_points_drawn=%u"
           " fit_zoom=%.2f hit_median_s=%.6f zoomed_hit_median_s=%.6f hit_target=<=%.4f hits=%u/%u"
           " app_rss_mb=%.1f app_peak_rss_mb=%.1f rss_target=<=%.0f"
           " points=%u segments=%u size=1280x800 frames=%u\n",
           BENCH, rsb_bench_median (fit.simplified), rsb_bench_median (fit.every_point),
           rsb_bench_median (fit.simplified) / rsb_bench_median (fit.every_point),
           rsb_bench_median (zoomed.simplified), rsb_bench_median (zoomed.every_point),
           rsb_bench_median (zoomed.simplified) / rsb_bench_median (zoomed.every_point),
           FRAME_TARGET_S, rsb_bench_yes_no (pass),
           rsb_bench_median (fit.snapshot), rsb_bench_median (zoomed.snapshot), rsb_bench_median (empty.simplified),
           fit.drawn_simplified, fit.drawn_every_point, zoomed.drawn_simplified, zoomed.drawn_every_point,
           fit_zoom, rsb_bench_median (hits_fit), rsb_bench_median (hits_zoomed), HIT_TARGET_S,
           n_hit_fit + n_hit_zoomed, hits_fit->len + hits_zoomed->len,
           rss_mb, peak_mb, RSS_TARGET_MB,
           activity->streams->n_points, rsb_activity_n_segments (activity), fit.simplified->len);

  g_clear_object (&store);
  rsb_bench_remove_tree (scratch);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
