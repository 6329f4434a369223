/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-privacy.c: what a shared route leaves out around start and finish. */
#include <math.h>

#include "rsb-geo.h"
#include "rsb-privacy.h"

/* A straight route north along a meridian, one point every step_m. */
static RsbStreams *
route_north (double length_m,
             double step_m,
             gboolean with_distance)
{
  guint n = (guint) (length_m / step_m) + 1;
  RsbStreams *streams = rsb_streams_new (n);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = with_distance ? rsb_streams_ensure (streams, RSB_STREAM_DISTANCE) : NULL;
  double degrees_per_m = 180.0 / (G_PI * RSB_EARTH_RADIUS_M);

  for (guint i = 0; i < n; i++)
    {
      lat[i] = 48.0 + i * step_m * degrees_per_m;
      lon[i] = 2.0;
      if (distance != NULL)
        distance[i] = i * step_m;
    }
  return streams;
}

static void
test_zero_keeps_all (void)
{
  g_autoptr(RsbStreams) streams = route_north (1000, 10, TRUE);
  guint first = 99, last = 99;

  g_assert_true (rsb_privacy_trim (streams, 0, &first, &last));
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (last, ==, streams->n_points - 1);
}

static void
test_default_on_ten_km (void)
{
  g_autoptr(RsbStreams) streams = route_north (10000, 10, TRUE);
  const double *distance = streams->columns[RSB_STREAM_DISTANCE];
  guint first = 0, last = 0;

  g_assert_true (rsb_privacy_trim (streams, RSB_PRIVACY_DEFAULT_M, &first, &last));
  /* Nothing within 200 m of either end, and nothing more left out. */
  g_assert_cmpfloat (distance[first], ==, 200);
  g_assert_cmpfloat (distance[first - 1], <, 200);
  g_assert_cmpfloat (distance[last], ==, 9800);
  g_assert_cmpfloat (distance[last + 1], >, 9800);
}

/* Without a distance column the positions give the distance. */
static void
test_from_positions (void)
{
  g_autoptr(RsbStreams) streams = route_north (10000, 10, FALSE);
  guint first = 0, last = 0;

  g_assert_true (rsb_privacy_trim (streams, 500, &first, &last));
  g_assert_cmpuint (first, >=, 49);
  g_assert_cmpuint (first, <=, 51);
  g_assert_cmpuint (streams->n_points - 1 - last, >=, 49);
  g_assert_cmpuint (streams->n_points - 1 - last, <=, 51);
}

/* A 390 m route is all start and finish at 200 m: nothing to show. */
static void
test_short_route_keeps_nothing (void)
{
  g_autoptr(RsbStreams) short_route = route_north (390, 10, TRUE);
  g_autoptr(RsbStreams) exact = route_north (400, 10, TRUE);
  g_autoptr(RsbStreams) no_route = rsb_streams_new (10);
  guint first = 0, last = 0;

  g_assert_false (rsb_privacy_trim (short_route, 200, &first, &last));
  g_assert_false (rsb_privacy_trim (exact, 200, &first, &last));
  g_assert_true (rsb_privacy_trim (short_route, 100, &first, &last));
  g_assert_false (rsb_privacy_trim (no_route, 200, &first, &last));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/privacy/zero-keeps-all", test_zero_keeps_all);
  g_test_add_func ("/privacy/default-on-ten-km", test_default_on_ten_km);
  g_test_add_func ("/privacy/from-positions", test_from_positions);
  g_test_add_func ("/privacy/short-route-keeps-nothing", test_short_route_keeps_nothing);
  return g_test_run ();
}
