/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-replay.c: where a replay stands at any moment, and how it skips pauses. */
#include <math.h>

#include "rsb-replay.h"

#define FRAME_US (G_USEC_PER_SEC / 60)

/* A run east at 3 m/s, one fix a second for `seconds`, then (when
 * pause_s > 0) a pause in the recording of pause_s and another `seconds`
 * of running. */
static RsbStreams *
run_with_pause (guint  seconds,
                double pause_s)
{
  guint n = pause_s > 0 ? 2 * seconds : seconds;
  RsbStreams *streams = rsb_streams_new (n);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);

  for (guint i = 0; i < n; i++)
    {
      time[i] = i + (i >= seconds ? pause_s : 0);
      distance[i] = 3.0 * i;
      lat[i] = 45.0;
      lon[i] = 6.0 + i * 1e-4;
    }
  return streams;
}

/* The figure the issue names: after 60 s at 60× the replay stands at
 * 3,600 s, however unevenly the frames came and however many were
 * dropped on the way. */
static void
test_sixty_seconds_at_sixty (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (7200, 0);
  g_autoptr(RsbReplayTimeline) timeline = rsb_replay_timeline_new (streams);
  RsbReplayClock clock;
  gint64 start = 5 * G_USEC_PER_SEC, now = start;
  double position = 0, last = 0;
  GRand *rand = g_rand_new_with_seed (7);

  rsb_replay_clock_init (&clock);
  rsb_replay_clock_set_speed (&clock, timeline, 60, start);
  rsb_replay_clock_play (&clock, timeline, start);
  while (now < start + 60 * G_USEC_PER_SEC)
    {
      /* Late frames, and now and then three dropped at once. */
      now += FRAME_US + g_rand_int_range (rand, 0, 3000) +
             (g_rand_int_range (rand, 0, 50) == 0 ? 3 * FRAME_US : 0);
      position = rsb_replay_clock_position (&clock, timeline, MIN (now, start + 60 * G_USEC_PER_SEC));
      g_assert_cmpfloat (position, >=, last);
      last = position;
    }
  /* One frame at 60× is one second of the workout. */
  g_assert_cmpfloat_with_epsilon (position, 3600, 60.0 / 60);
  g_rand_free (rand);
}

static void
test_pauses_skipped_when_fast (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (600, 300);
  g_autoptr(RsbReplayTimeline) timeline = rsb_replay_timeline_new (streams);
  RsbReplayClock clock;

  g_assert_cmpfloat (rsb_replay_timeline_duration (timeline), ==, 1199 + 300);
  g_assert_true (rsb_replay_timeline_is_paused (timeline, 700));
  g_assert_false (rsb_replay_timeline_is_paused (timeline, 300));

  rsb_replay_clock_init (&clock);
  rsb_replay_clock_seek (&clock, timeline, 595, 0);
  rsb_replay_clock_set_speed (&clock, timeline, 10, 0);
  rsb_replay_clock_play (&clock, timeline, 0);
  /* 1 s at 10×: 4 s to the last fix before the pause, the pause in no
   * time, then 6 s past the first fix after it (at 900 s). */
  g_assert_cmpfloat_with_epsilon (rsb_replay_clock_position (&clock, timeline, G_USEC_PER_SEC), 906, 1e-6);
}

static void
test_pauses_kept_at_life_speed (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (600, 300);
  g_autoptr(RsbReplayTimeline) timeline = rsb_replay_timeline_new (streams);
  RsbReplayClock clock;
  double position;

  rsb_replay_clock_init (&clock);
  rsb_replay_clock_seek (&clock, timeline, 595, 0);
  rsb_replay_clock_play (&clock, timeline, 0);
  position = rsb_replay_clock_position (&clock, timeline, 100 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (position, 695, 1e-6);
  g_assert_true (rsb_replay_timeline_is_paused (timeline, position));
}

/* A speed change, a pause and a seek each carry on from where the
 * replay stood, without a jump. */
static void
test_changes_continue_from_position (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (3600, 0);
  g_autoptr(RsbReplayTimeline) timeline = rsb_replay_timeline_new (streams);
  RsbReplayClock clock;

  rsb_replay_clock_init (&clock);
  rsb_replay_clock_play (&clock, timeline, 0);
  rsb_replay_clock_set_speed (&clock, timeline, 30, 2 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (rsb_replay_clock_position (&clock, timeline, 2 * G_USEC_PER_SEC), 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (rsb_replay_clock_position (&clock, timeline, 3 * G_USEC_PER_SEC), 32, 1e-6);
  rsb_replay_clock_pause (&clock, timeline, 3 * G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (rsb_replay_clock_position (&clock, timeline, 50 * G_USEC_PER_SEC), 32, 1e-6);

  /* Seeking while paused moves at once; beyond the ends it stops there. */
  rsb_replay_clock_seek (&clock, timeline, 99999, 60 * G_USEC_PER_SEC);
  g_assert_cmpfloat (rsb_replay_clock_position (&clock, timeline, 61 * G_USEC_PER_SEC), ==, 3599);
  rsb_replay_clock_seek (&clock, timeline, -5, 60 * G_USEC_PER_SEC);
  g_assert_cmpfloat (rsb_replay_clock_position (&clock, timeline, 61 * G_USEC_PER_SEC), ==, 0);
}

static void
test_end_and_again (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (100, 0);
  g_autoptr(RsbReplayTimeline) timeline = rsb_replay_timeline_new (streams);
  RsbReplayClock clock;

  rsb_replay_clock_init (&clock);
  rsb_replay_clock_set_speed (&clock, timeline, 120, 0);
  rsb_replay_clock_play (&clock, timeline, 0);
  g_assert_false (rsb_replay_clock_at_end (&clock, timeline, G_USEC_PER_SEC / 2));
  g_assert_true (rsb_replay_clock_at_end (&clock, timeline, G_USEC_PER_SEC));
  g_assert_cmpfloat (rsb_replay_clock_position (&clock, timeline, 9 * G_USEC_PER_SEC), ==, 99);
  rsb_replay_clock_pause (&clock, timeline, 9 * G_USEC_PER_SEC);
  /* Play at the end starts from the beginning. */
  rsb_replay_clock_play (&clock, timeline, 10 * G_USEC_PER_SEC);
  g_assert_cmpfloat (rsb_replay_clock_position (&clock, timeline, 10 * G_USEC_PER_SEC), ==, 0);
}

static void
test_marker_between_fixes (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (100, 0);
  g_autoptr(RsbReplayTimeline) timeline = rsb_replay_timeline_new (streams);
  double lat, lon, fraction;

  g_assert_cmpuint (rsb_replay_timeline_point_at (timeline, 10.25, &fraction), ==, 10);
  g_assert_cmpfloat_with_epsilon (fraction, 0.25, 1e-9);
  g_assert_true (rsb_replay_timeline_locate (timeline, 10.5, &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lon, 6.0 + 10.5e-4, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 45.0, 1e-9);

  /* A fix missing: the marker waits on the last one known. */
  streams->columns[RSB_STREAM_LAT][11] = NAN;
  g_assert_true (rsb_replay_timeline_locate (timeline, 10.5, &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lon, 6.0 + 10e-4, 1e-9);
  g_assert_false (rsb_replay_timeline_locate (timeline, 11.5, &lat, &lon));
}

static void
test_no_times_no_replay (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (100, 0);

  rsb_streams_drop (streams, RSB_STREAM_TIME);
  g_assert_null (rsb_replay_timeline_new (streams));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/replay/sixty-seconds-at-sixty", test_sixty_seconds_at_sixty);
  g_test_add_func ("/replay/pauses-skipped-when-fast", test_pauses_skipped_when_fast);
  g_test_add_func ("/replay/pauses-kept-at-life-speed", test_pauses_kept_at_life_speed);
  g_test_add_func ("/replay/changes-continue", test_changes_continue_from_position);
  g_test_add_func ("/replay/end-and-again", test_end_and_again);
  g_test_add_func ("/replay/marker-between-fixes", test_marker_between_fixes);
  g_test_add_func ("/replay/no-times", test_no_times_no_replay);
  return g_test_run ();
}
