/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-moving-clock.c: a shared video's clock runs on moving time, so a
 * pause takes none of it, and a route without times has none. */
#include <math.h>

#include "rsb-moving-clock.h"

/* Points every second at 3 m/s; a standstill of 120 s after point
 * pause_at (no distance gained), when pause_at > 0. */
static RsbStreams *
run_with_pause (guint n,
                guint pause_at)
{
  RsbStreams *streams = rsb_streams_new (n);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  double t = 0, d = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        {
          t += pause_at > 0 && i == pause_at + 1 ? 120 : 1;
          d += pause_at > 0 && i == pause_at + 1 ? 0 : 3;
        }
      time[i] = t;
      distance[i] = d;
    }
  return streams;
}

static void
test_steady (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (101, 0);
  g_autoptr(RsbMovingClock) clock = rsb_moving_clock_new (streams, 10, 90);
  guint point;
  double fraction;

  g_assert_nonnull (clock);
  g_assert_cmpfloat_with_epsilon (clock->total_s, 80, 1e-9);
  rsb_moving_clock_locate (clock, 0, &point, &fraction);
  g_assert_cmpuint (point, ==, 10);
  g_assert_cmpfloat_with_epsilon (fraction, 0, 1e-9);
  rsb_moving_clock_locate (clock, 20.25, &point, &fraction);
  g_assert_cmpuint (point, ==, 30);
  g_assert_cmpfloat_with_epsilon (fraction, 0.25, 1e-9);
  /* The end, and beyond it clamped. */
  rsb_moving_clock_locate (clock, 1000, &point, &fraction);
  g_assert_cmpuint (point, ==, 90);
  g_assert_cmpfloat_with_epsilon (fraction, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_moving_clock_at (clock, 50), 40, 1e-9);
}

/* Two minutes standing still add nothing: the clock passes over them. */
static void
test_pause_skipped (void)
{
  g_autoptr(RsbStreams) streams = run_with_pause (101, 40);
  g_autoptr(RsbMovingClock) clock = rsb_moving_clock_new (streams, 0, 100);
  guint point;
  double fraction;

  g_assert_nonnull (clock);
  g_assert_cmpfloat_with_epsilon (clock->total_s, 99, 1e-9);
  /* At 40 s the runner stands at point 40, and is off again at 41. */
  rsb_moving_clock_locate (clock, 40, &point, &fraction);
  g_assert_cmpuint (point, ==, 41);
  g_assert_cmpfloat_with_epsilon (fraction, 0, 1e-9);
  rsb_moving_clock_locate (clock, 40.5, &point, &fraction);
  g_assert_cmpuint (point, ==, 41);
  g_assert_cmpfloat_with_epsilon (fraction, 0.5, 1e-9);
}

static void
test_no_times (void)
{
  g_autoptr(RsbStreams) streams = rsb_streams_new (50);
  g_autoptr(RsbStreams) still = run_with_pause (50, 0);

  rsb_streams_ensure (streams, RSB_STREAM_LAT);
  g_assert_null (rsb_moving_clock_new (streams, 0, 49));
  /* Times but never moving: nothing to replay either. */
  for (guint i = 0; i < 50; i++)
    still->columns[RSB_STREAM_DISTANCE][i] = 0;
  g_assert_null (rsb_moving_clock_new (still, 0, 49));
  g_assert_null (rsb_moving_clock_new (still, 10, 10));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/moving-clock/steady", test_steady);
  g_test_add_func ("/moving-clock/pause-skipped", test_pause_skipped);
  g_test_add_func ("/moving-clock/no-times", test_no_times);
  return g_test_run ();
}
