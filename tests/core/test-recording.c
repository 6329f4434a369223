/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which of two recordings of one workout the library keeps: more
 * channels first, then a tenth denser sampling; otherwise the one it
 * has. */
#include "rsb-recording.h"

#define BIT(kind) RSB_STREAM_BIT (RSB_STREAM_##kind)
#define GPS (BIT (TIME) | BIT (LAT) | BIT (LON) | BIT (DISTANCE))

static RsbActivityInfo
recording (guint32 channels,
           guint   n_points,
           double  elapsed_s)
{
  return (RsbActivityInfo) { .channels = channels, .n_points = n_points, .elapsed_s = elapsed_s };
}

static void
test_more_channels_win (void)
{
  RsbActivityInfo plain = recording (GPS | BIT (ALTITUDE), 3601, 3600);
  RsbActivityInfo hr = recording (GPS | BIT (ALTITUDE) | BIT (HEART_RATE), 721, 3600);

  /* Heart rate outweighs five times the points, both ways round. */
  g_assert_cmpint (rsb_recording_richer (&hr, &plain), ==, RSB_RICHER_CHANNELS);
  g_assert_cmpint (rsb_recording_richer (&plain, &hr), ==, RSB_RICHER_NOT);
  g_assert_cmpuint (rsb_recording_extra_channels (hr.channels, plain.channels), ==, BIT (HEART_RATE));
  g_assert_cmpuint (rsb_recording_extra_channels (plain.channels, hr.channels), ==, 0);
}

/* Latitude and longitude are one channel, a position; times are the
 * axis of every timed recording, not a channel. */
static void
test_positions_count_once (void)
{
  RsbActivityInfo gps = recording (BIT (TIME) | BIT (LAT) | BIT (LON), 600, 600);
  RsbActivityInfo sensors = recording (BIT (TIME) | BIT (HEART_RATE) | BIT (CADENCE), 600, 600);
  RsbActivityInfo untimed = recording (BIT (LAT) | BIT (LON), 600, 600);

  g_assert_cmpint (rsb_recording_richer (&sensors, &gps), ==, RSB_RICHER_CHANNELS);
  g_assert_cmpint (rsb_recording_richer (&gps, &untimed), ==, RSB_RICHER_NOT);
  g_assert_cmpuint (rsb_recording_extra_channels (gps.channels, sensors.channels), ==, BIT (LAT));
}

static void
test_denser_wins_between_equals (void)
{
  RsbActivityInfo every_second = recording (GPS, 601, 600);
  RsbActivityInfo every_five = recording (GPS, 121, 600);
  RsbActivityInfo trimmed = recording (GPS, 301, 300);
  RsbActivityInfo a_few_more = recording (GPS, 640, 600);

  g_assert_cmpint (rsb_recording_richer (&every_second, &every_five), ==, RSB_RICHER_DENSER);
  g_assert_cmpint (rsb_recording_richer (&every_five, &every_second), ==, RSB_RICHER_NOT);
  /* Points over time: half the points over half the time is as dense. */
  g_assert_cmpint (rsb_recording_richer (&every_second, &trimmed), ==, RSB_RICHER_NOT);
  g_assert_cmpint (rsb_recording_richer (&trimmed, &every_second), ==, RSB_RICHER_NOT);
  /* Two exports of one recording differ by a few points: no churn. */
  g_assert_cmpint (rsb_recording_richer (&a_few_more, &every_second), ==, RSB_RICHER_NOT);
}

/* A manual entry has neither points nor channels; a route without a
 * duration compares by its points. */
static void
test_without_duration (void)
{
  RsbActivityInfo manual = recording (0, 0, 0);
  RsbActivityInfo times_only = recording (BIT (TIME), 600, 600);
  RsbActivityInfo route = recording (BIT (LAT) | BIT (LON), 296, 0);
  RsbActivityInfo finer = recording (BIT (LAT) | BIT (LON), 900, 0);

  g_assert_cmpint (rsb_recording_richer (&times_only, &manual), ==, RSB_RICHER_DENSER);
  g_assert_cmpint (rsb_recording_richer (&manual, &times_only), ==, RSB_RICHER_NOT);
  g_assert_cmpint (rsb_recording_richer (&finer, &route), ==, RSB_RICHER_DENSER);
  g_assert_cmpint (rsb_recording_richer (&route, &route), ==, RSB_RICHER_NOT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recording/more-channels-win", test_more_channels_win);
  g_test_add_func ("/recording/positions-count-once", test_positions_count_once);
  g_test_add_func ("/recording/denser-wins-between-equals", test_denser_wins_between_equals);
  g_test_add_func ("/recording/without-duration", test_without_duration);

  return g_test_run ();
}
