/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The totals the workout readers share: these tests pin what a summary
 * says for the shapes of columns the readers hand over. */
#include <math.h>

#include "rsb-matcher.h"
#include "rsb-measure.h"

/* Five points 1 s apart going north-east; the middle one has no fix
 * and the last one no distance, as FIT records can. */
static RsbStreams *
make_streams (void)
{
  RsbStreams *streams = rsb_streams_new (5);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);

  for (guint i = 0; i < 5; i++)
    {
      time[i] = 10 + i;
      lat[i] = 46.0 + i * 0.001;
      lon[i] = 14.0 + i * 0.002;
      distance[i] = i * 100.0;
    }
  lat[2] = lon[2] = NAN;
  distance[4] = NAN;
  return streams;
}

static void
test_totals (void)
{
  g_autoptr(RsbStreams) streams = make_streams ();
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();

  rsb_activity_info_measure (info, streams);

  g_assert_cmpuint (info->n_points, ==, 5);
  g_assert_cmpfloat (info->min_lat, ==, 46.0);
  g_assert_cmpfloat (info->max_lat, ==, 46.004);
  g_assert_cmpfloat (info->min_lon, ==, 14.0);
  g_assert_cmpfloat (info->max_lon, ==, 14.008);
  g_assert_cmpfloat (info->distance_m, ==, 300.0);
  g_assert_cmpfloat (info->elapsed_s, ==, 4.0);
  g_assert_cmpfloat (info->moving_s, ==, rsb_streams_moving_s (streams));
  /* The start is the reader's to set. */
  g_assert_cmpint (info->start_ms, ==, RSB_NO_TIME);
}

static void
test_route_without_times (void)
{
  g_autoptr(RsbStreams) streams = make_streams ();
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();

  rsb_streams_drop (streams, RSB_STREAM_TIME);
  rsb_activity_info_measure (info, streams);

  g_assert_cmpuint (info->n_points, ==, 5);
  g_assert_cmpfloat (info->distance_m, ==, 300.0);
  g_assert_cmpfloat (info->elapsed_s, ==, 0);
  g_assert_cmpfloat (info->moving_s, ==, 0);
}

static void
test_without_positions (void)
{
  g_autoptr(RsbStreams) streams = make_streams ();
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();

  rsb_streams_drop (streams, RSB_STREAM_LAT);
  rsb_streams_drop (streams, RSB_STREAM_LON);
  rsb_streams_drop (streams, RSB_STREAM_DISTANCE);
  rsb_activity_info_measure (info, streams);

  g_assert_true (isnan (info->min_lat));
  g_assert_true (isnan (info->min_lon));
  g_assert_true (isnan (info->max_lat));
  g_assert_true (isnan (info->max_lon));
  g_assert_cmpfloat (info->distance_m, ==, 0);
  g_assert_cmpfloat (info->elapsed_s, ==, 4.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measure/totals", test_totals);
  g_test_add_func ("/measure/route-without-times", test_route_without_times);
  g_test_add_func ("/measure/without-positions", test_without_positions);

  return g_test_run ();
}
