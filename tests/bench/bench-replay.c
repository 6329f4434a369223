/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-replay: the replay of the 10-hour, 36,000-point, 150-song run in
 * the activity view of a 1280 × 800 window (cairo renderer), at 60×
 * with Follow on, for 10 s of frames: CPU time of the process per frame
 * (getrusage over the run / frames drawn), frames dropped (gaps between
 * consecutive frame times longer than 1.5 refresh intervals, counted in
 * missed intervals), and where the replay stands at the end against
 * how far it strays from 60× the frames' times (sampled at each move).
 * Baselines, in the same run: the same window redrawing only the
 * scrubber each frame for 10 s (the floor of any animation in this
 * window: GTK 4.8's cairo renderer on X11 draws the damage's extents
 * through every node that meets them), and the window standing still.
 *
 * Targets: CPU per frame <= 4 ms, no dropped frame, position within one
 * frame (1 s of the workout at 60×). Needs a display (run-under-xvfb.sh).
 */
#include "bench-common.h"
#include "bench-route-library.h"
#include "rsb-activity-view.h"
#include "rsb-replay.h"
#include "rsb-replay-scrubber.h"

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#define BENCH           "replay"
#define CPU_TARGET_S    0.004
#define SPEED           60.0
#define RUN_US          (10 * G_USEC_PER_SEC)

typedef struct {
  GtkWidget *redraw;   /* queued for drawing every frame, or NULL */
  gint64  first_us;
  gint64  last_us;
  guint   frames;
  guint   dropped;
  double  cpu_s;
  gint64  refresh_us;
} Run;

/* The replay's position against its frame's time, at every move: how
 * far its moving time (faster than life, stops go by in no time)
 * strays from a straight line of slope SPEED. */
typedef struct {
  RsbReplayTimeline *timeline;
  guint    samples;
  gboolean started;
  gint64   first_us;
  double   first_position;
  double   worst;
} Drift;

static void
on_position (RsbReplayBar *bar,
             GParamSpec   *pspec,
             Drift        *drift)
{
  gint64 now = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (bar)));
  double position = rsb_replay_timeline_moving_at (drift->timeline, rsb_replay_bar_get_position (bar));

  /* The first move is Play's own, between frames: the line starts at
   * the first frame. */
  if (!rsb_replay_bar_get_playing (bar) || drift->samples++ == 0)
    return;
  if (!drift->started)
    {
      drift->started = TRUE;
      drift->first_us = now;
      drift->first_position = position;
      return;
    }
  drift->worst = MAX (drift->worst, fabs ((position - drift->first_position) -
                                          SPEED * (now - drift->first_us) / (double) G_USEC_PER_SEC));
}

/* The bar's scrubber: a small widget to redraw for the floor. */
static GtkWidget *
find_scrubber (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (RSB_IS_REPLAY_SCRUBBER (child))
        return child;
      if ((found = find_scrubber (child)) != NULL)
        return found;
    }
  return NULL;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Run *run = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 refresh = 0;

  gdk_frame_clock_get_refresh_info (clock, now, &refresh, NULL);
  if (refresh > 0)
    run->refresh_us = refresh;
  if (run->frames == 0)
    run->first_us = now;
  else if (run->refresh_us > 0 && now - run->last_us > run->refresh_us * 3 / 2)
    run->dropped += (guint) ((now - run->last_us + run->refresh_us / 2) / run->refresh_us) - 1;
  run->last_us = now;
  run->frames++;
  if (run->redraw != NULL)
    gtk_widget_queue_draw (run->redraw);
  return run->last_us - run->first_us < RUN_US ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Ten seconds of frames, counted by a tick of the window's own clock. */
static void
time_run (GtkWidget *widget,
          GtkWidget *redraw,
          Run       *run)
{
  double cpu_start;

  memset (run, 0, sizeof *run);
  run->redraw = redraw;
  run->refresh_us = G_USEC_PER_SEC / 60;
  cpu_start = cpu_seconds ();
  gtk_widget_add_tick_callback (widget, count_frame, run, NULL);
  while (run->frames == 0 || run->last_us - run->first_us < RUN_US)
    g_main_context_iteration (NULL, TRUE);
  run->cpu_s = cpu_seconds () - cpu_start;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RsbActivity *activity;
  RsbActivityView *view;
  RsbReplayBar *bar;
  GtkWindow *window;
  Run idle, floor, replay;
  Drift drift = { NULL };
  double idle_per_frame, floor_per_frame, replay_per_frame;
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
  bar = rsb_activity_view_get_replay_bar (view);
  drift.timeline = rsb_replay_timeline_new (activity->streams);
  rsb_bench_show (BENCH, window, GTK_WIDGET (bar));

  time_run (GTK_WIDGET (window), NULL, &idle);
  time_run (GTK_WIDGET (window), find_scrubber (GTK_WIDGET (bar)), &floor);

  rsb_replay_bar_set_speed (bar, SPEED);
  g_object_set (bar, "follow", TRUE, NULL);
  g_signal_connect (bar, "notify::position", G_CALLBACK (on_position), &drift);
  rsb_replay_bar_set_playing (bar, TRUE);
  time_run (GTK_WIDGET (window), NULL, &replay);
  rsb_replay_bar_set_playing (bar, FALSE);

  idle_per_frame = idle.cpu_s / MAX (idle.frames, 1);
  floor_per_frame = floor.cpu_s / MAX (floor.frames, 1);
  replay_per_frame = replay.cpu_s / MAX (replay.frames, 1);
  pass = replay_per_frame <= CPU_TARGET_S && replay.dropped == 0 &&
         drift.worst <= SPEED * replay.refresh_us / (double) G_USEC_PER_SEC;
  g_print ("bench=%s cpu_per_frame_s=%.5f baseline=scrubber_redraw cpu_per_frame_s=%.5f ratio=%.2f"
           " still_window_cpu_per_frame_s=%.5f target=<=%.3f frames=%u dropped=%u baseline_frames=%u"
           " baseline_dropped=%u refresh_ms=%.2f speed=%.0f position_s=%.2f moving_drift_s=%.4f selected=%d pass=%s\n",
           BENCH, replay_per_frame, floor_per_frame, replay_per_frame / MAX (floor_per_frame, 1e-9),
           idle_per_frame, CPU_TARGET_S, replay.frames, replay.dropped, floor.frames, floor.dropped,
           replay.refresh_us / 1000.0, SPEED, rsb_replay_bar_get_position (bar), drift.worst,
           rsb_activity_view_get_selected (view), rsb_bench_yes_no (pass));

  rsb_replay_timeline_free (drift.timeline);
  gtk_window_destroy (window);
  g_clear_object (&store);
  rsb_bench_remove_tree (scratch);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
