/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-frame: one frame of the profile chart for a 10-hour,
 * 36,000-point run heard through 150 songs, in the activity view of a
 * 1280 × 800 window with the cairo renderer: snapshot of the chart
 * widget and rendering of it to a texture with the window's renderer.
 *
 * full: the chart drawn afresh (as after a resize, a selection or a
 * change of axis), its lines reduced to one value per pixel column.
 * baseline: the same frame drawing every point of every line, frame for
 * frame in the same run. hover: the crosshair moving over the drawn
 * chart, as while the pointer moves. point_at: finding the point under
 * the pointer.
 *
 * Target: full frame median <= 4 ms. Needs a display (run-under-xvfb.sh).
 */
#include "bench-common.h"
#include "bench-route-library.h"
#include "rsb-activity-view.h"

#include <math.h>
#include <stdlib.h>

#define BENCH          "chart_frame"
#define TARGET_S       0.004
#define DEFAULT_FRAMES 60

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hover = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lookups = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) snapshots = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_frames = rsb_bench_repetitions (DEFAULT_FRAMES);
  RsbActivityView *view;
  RsbProfileChart *chart;
  RsbActivity *activity;
  graphene_rect_t plot;
  GtkWindow *window;
  gboolean pass;
  gint64 id;

  if (!gtk_init_check ())
    rsb_bench_skip (BENCH, "no-display");
  id = rsb_bench_route_library (BENCH, scratch, &store);
  if ((activity = rsb_activity_load (store, id, &error)) == NULL)
    rsb_bench_fail (BENCH, "loading the activity", error);

  window = GTK_WINDOW (gtk_window_new ());
  view = g_object_new (RSB_TYPE_ACTIVITY_VIEW, NULL);
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  rsb_activity_view_set_activity (view, activity);
  chart = rsb_activity_view_get_chart (view);
  rsb_bench_show (BENCH, window, GTK_WIDGET (chart));
  rsb_profile_chart_get_plot_area (chart, &plot);

  for (guint i = 0; i < n_frames + 4; i++)
    {
      double x = plot.origin.x + fmod (i * 37.0, plot.size.width);
      double full_s, baseline_s, hover_s;
      gint64 start;
      int point;

      rsb_profile_chart_set_downsample (chart, TRUE);
      rsb_profile_chart_hover_point (chart, -1);
      rsb_profile_chart_invalidate (chart);
      full_s = rsb_bench_frame (GTK_WIDGET (chart));
      if (i >= 4)
        rsb_bench_add_sample (snapshots, rsb_bench_last_snapshot_s);
      start = g_get_monotonic_time ();
      point = rsb_profile_chart_point_at (chart, x);
      rsb_bench_add_sample (lookups, rsb_bench_seconds_since (start));
      rsb_profile_chart_hover_point (chart, point);
      hover_s = rsb_bench_frame (GTK_WIDGET (chart));
      rsb_profile_chart_hover_point (chart, -1);
      rsb_profile_chart_set_downsample (chart, FALSE);
      rsb_profile_chart_invalidate (chart);
      baseline_s = rsb_bench_frame (GTK_WIDGET (chart));
      if (i < 4)
        continue;  /* warm-up */
      rsb_bench_add_sample (full, full_s);
      rsb_bench_add_sample (hover, hover_s);
      rsb_bench_add_sample (baseline, baseline_s);
    }

  pass = rsb_bench_median (full) <= TARGET_S;
  g_print ("bench=%s median_s=%.5f baseline=every_point median_s=%.5f ratio=%.3f target=<=%.3f pass=%s"
           " snapshot_median_s=%.5f hover_median_s=%.5f point_at_median_s=%.7f chart=%dx%d plot_width=%.0f points=%u songs=%u frames=%u\n",
           BENCH, rsb_bench_median (full), rsb_bench_median (baseline),
           rsb_bench_median (full) / rsb_bench_median (baseline), TARGET_S, rsb_bench_yes_no (pass),
           rsb_bench_median (snapshots), rsb_bench_median (hover), rsb_bench_median (lookups),
           gtk_widget_get_width (GTK_WIDGET (chart)), gtk_widget_get_height (GTK_WIDGET (chart)),
           plot.size.width, RSB_BENCH_ROUTE_POINTS, rsb_activity_view_get_activity (view)->match->n_songs, full->len);

  gtk_window_destroy (window);
  g_clear_object (&store);
  rsb_bench_remove_tree (scratch);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
