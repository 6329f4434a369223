/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-profile.c: the profile chart's numbers, without a display:
 * distance, smoothing, speed, ranges, the axis and the pixel columns. */
#include <math.h>

#include "rsb-geo.h"
#include "rsb-profile.h"

/* n points a second apart at speed m/s, 100 m up, heart rate 140. */
static RsbStreams *
steady_run (guint  n,
            double speed)
{
  RsbStreams *streams = rsb_streams_new (n);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  double *altitude = rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE);
  double *heart_rate = rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE);

  for (guint i = 0; i < n; i++)
    {
      time[i] = i;
      distance[i] = i * speed;
      altitude[i] = 100;
      heart_rate[i] = 140;
    }
  return streams;
}

static void
test_distance (void)
{
  g_autoptr(RsbStreams) streams = rsb_streams_new (3);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double expected[3];
  g_autofree double *measured = NULL;
  g_autofree double *given = NULL;

  lat[0] = 48.0, lon[0] = 2.0;
  lat[1] = 48.001, lon[1] = 2.0;
  lat[2] = 48.001, lon[2] = 2.001;
  measured = rsb_profile_distance (streams);
  rsb_geo_cumulative_distance (lat, lon, 3, expected);
  g_assert_cmpfloat (measured[0], ==, 0);
  /* About 111 m north, then about 74 m east. */
  g_assert_cmpfloat_with_epsilon (measured[1], 111.2, 0.5);
  g_assert_cmpfloat_with_epsilon (measured[2], expected[2], 1e-9);
  /* The file's own column wins over the positions. */
  for (guint i = 0; i < 3; i++)
    rsb_streams_ensure (streams, RSB_STREAM_DISTANCE)[i] = 1000 + i;
  given = rsb_profile_distance (streams);
  g_assert_cmpfloat (given[2], ==, 1002);
}

static void
test_distance_none (void)
{
  g_autoptr(RsbStreams) streams = rsb_streams_new (4);

  rsb_streams_ensure (streams, RSB_STREAM_TIME);
  g_assert_null (rsb_profile_distance (streams));
}

static void
test_smooth (void)
{
  double values[] = { 0, 0, 6, 0, 0, NAN, 3 };

  /* Radius 1: each value becomes the mean of itself and its known
   * neighbours; a missing value stays missing. */
  rsb_profile_smooth (values, G_N_ELEMENTS (values), 1);
  g_assert_cmpfloat_with_epsilon (values[0], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[1], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[2], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[3], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[4], 0, 1e-12);
  g_assert_true (isnan (values[5]));
  g_assert_cmpfloat_with_epsilon (values[6], 3, 1e-12);
}

static void
test_percentile_range (void)
{
  double values[101];
  double flat[] = { 50, 50, NAN, 50 };
  RsbRange range;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = i;
  values[100] = 10000;  /* one spike */
  g_assert_true (rsb_profile_percentile_range (values, 101, 0.01, 0.99, 20, &range));
  /* 1 to 99, padded by 8 % of 98 each way: the spike is left out. */
  g_assert_cmpfloat_with_epsilon (range.lo, 1 - 7.84, 1e-9);
  g_assert_cmpfloat_with_epsilon (range.hi, 99 + 7.84, 1e-9);
  /* A flat line gets the minimum span around it. */
  g_assert_true (rsb_profile_percentile_range (flat, 4, 0, 1, 20, &range));
  g_assert_cmpfloat_with_epsilon (range.lo, 40 - 1.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (range.hi, 60 + 1.6, 1e-9);
  /* Nothing known, no range. */
  values[0] = NAN;
  g_assert_false (rsb_profile_percentile_range (&values[0], 1, 0, 1, 20, &range));
  g_assert_false (rsb_profile_percentile_range (NULL, 0, 0, 1, 20, &range));
}

static void
test_speed_from_distance (void)
{
  g_autoptr(RsbStreams) streams = steady_run (200, 3);
  RsbProfile profile = { 0 };

  rsb_profile_load (&profile, streams, TRUE);
  g_assert_nonnull (profile.speed);
  g_assert_cmpfloat_with_epsilon (profile.speed[100], 3, 1e-9);
  /* A pace axis: seconds per km; standing still has none. */
  g_assert_cmpfloat_with_epsilon (rsb_profile_speed_value (&profile, 3), 1000 / 3.0, 1e-9);
  g_assert_true (isnan (rsb_profile_speed_value (&profile, 0.2)));
  g_assert_cmpfloat_with_epsilon (profile.speed_range.lo + profile.speed_range.hi, 2000 / 3.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (profile.speed_range.hi - profile.speed_range.lo, 60 * 1.16, 1e-6);
  /* A flat line at 100 m and 140 beats/min: both kept, with a span. */
  g_assert_nonnull (profile.altitude);
  g_assert_nonnull (profile.heart_rate);
  g_assert_cmpfloat (profile.altitude_range.lo, <, 100);
  g_assert_cmpfloat (profile.altitude_range.hi, >, 100);
  rsb_profile_clear (&profile);

  /* A ride: km/h, standing included. */
  rsb_profile_load (&profile, streams, FALSE);
  g_assert_cmpfloat_with_epsilon (rsb_profile_speed_value (&profile, 0.2), 0.72, 1e-9);
  g_assert_cmpfloat (profile.speed_range.lo, >=, 0);
  rsb_profile_clear (&profile);
  g_assert_null (profile.speed);
  g_assert_null (profile.distance);
}

/* A series with no known value is dropped; with neither time nor
 * distance there is no axis. */
static void
test_missing_series (void)
{
  g_autoptr(RsbStreams) streams = rsb_streams_new (10);
  double *altitude = rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE);
  RsbProfile profile = { 0 };

  for (guint i = 0; i < 10; i++)
    altitude[i] = NAN;
  rsb_profile_load (&profile, streams, TRUE);
  g_assert_null (profile.altitude);
  g_assert_null (profile.speed);
  g_assert_false (rsb_profile_axis_available (&profile, FALSE));
  g_assert_false (rsb_profile_axis_available (&profile, TRUE));
  g_assert_false (rsb_profile_compute_x (&profile, TRUE));
  g_assert_null (profile.x);
  rsb_profile_clear (&profile);
}

static void
test_monotonic_x (void)
{
  g_autoptr(RsbStreams) streams = steady_run (6, 10);
  double *distance = streams->columns[RSB_STREAM_DISTANCE];
  RsbProfile profile = { 0 };

  /* A gap and a GPS step back: both hold the value before. */
  distance[0] = NAN;
  distance[2] = NAN;
  distance[4] = 25;
  rsb_profile_load (&profile, streams, TRUE);
  g_assert_true (rsb_profile_axis_available (&profile, FALSE));
  g_assert_true (rsb_profile_compute_x (&profile, FALSE));
  g_assert_cmpfloat (profile.x[0], ==, 10);
  g_assert_cmpfloat (profile.x[1], ==, 10);
  g_assert_cmpfloat (profile.x[2], ==, 10);
  g_assert_cmpfloat (profile.x[3], ==, 30);
  g_assert_cmpfloat (profile.x[4], ==, 30);
  g_assert_cmpfloat (profile.x[5], ==, 50);
  /* Over time instead. */
  g_assert_true (rsb_profile_compute_x (&profile, TRUE));
  g_assert_cmpfloat (profile.x[5], ==, 5);
  rsb_profile_clear (&profile);
}

/* Six points over four columns of 97.5 s: a pause before the fifth,
 * and no point in the second or third column. */
static void
test_columns (void)
{
  g_autoptr(RsbStreams) streams = rsb_streams_new (6);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *heart_rate = rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE);
  const double times[] = { 0, 10, 20, 30, 300, 390 };
  const double rates[] = { 100, 110, 120, NAN, 150, 160 };
  RsbProfile profile = { 0 };

  for (guint i = 0; i < 6; i++)
    time[i] = times[i], heart_rate[i] = rates[i];
  rsb_profile_load (&profile, streams, TRUE);
  g_assert_true (rsb_profile_compute_x (&profile, TRUE));
  rsb_profile_ensure_columns (&profile, 4);
  g_assert_cmpint (profile.columns_width, ==, 4);
  /* 0–97.5 s: the first four points, the unknown one skipped. */
  g_assert_cmpint (profile.column_kind[0], ==, RSB_PROFILE_COLUMN_JOINED);
  g_assert_cmpfloat_with_epsilon (profile.column_heart_rate[0], 110, 1e-9);
  g_assert_cmpint (profile.column_kind[1], ==, RSB_PROFILE_COLUMN_EMPTY);
  g_assert_true (isnan (profile.column_heart_rate[1]));
  /* 300 s comes after a pause of 270 s: the line starts anew. */
  g_assert_cmpint (profile.column_kind[3], ==, RSB_PROFILE_COLUMN_RESUMED);
  g_assert_cmpint (rsb_profile_column_of_point (&profile, 4, 4), ==, 3);
  g_assert_cmpfloat_with_epsilon (profile.column_heart_rate[3], 155, 1e-9);
  /* No altitude, no speed: their columns are unknown. */
  g_assert_true (isnan (profile.column_altitude[0]));
  g_assert_true (isnan (profile.column_speed[0]));
  /* A new axis forgets the columns. */
  g_assert_true (rsb_profile_compute_x (&profile, TRUE));
  g_assert_cmpint (profile.columns_width, ==, 0);
  rsb_profile_clear (&profile);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/profile/distance", test_distance);
  g_test_add_func ("/profile/distance-none", test_distance_none);
  g_test_add_func ("/profile/smooth", test_smooth);
  g_test_add_func ("/profile/percentile-range", test_percentile_range);
  g_test_add_func ("/profile/speed", test_speed_from_distance);
  g_test_add_func ("/profile/missing-series", test_missing_series);
  g_test_add_func ("/profile/monotonic-x", test_monotonic_x);
  g_test_add_func ("/profile/columns", test_columns);
  return g_test_run ();
}
