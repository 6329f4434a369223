/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Distances on the Earth, as every reader and the chart measure a route,
 * and the map's projection and path simplification. */
#include <math.h>

#include "rsb-geo.h"

/* A degree of latitude is 111.2 km on the mean Earth. */
static void
test_cumulative_distance (void)
{
  const double lat[] = { 0, 0.001, NAN, 0.002, 0.003 };
  const double lon[] = { 0, 0, NAN, 0, 0 };
  double distance[5];
  double degree = RSB_EARTH_RADIUS_M * G_PI / 180;

  rsb_geo_cumulative_distance (lat, lon, 5, distance);
  g_assert_cmpfloat (distance[0], ==, 0);
  g_assert_cmpfloat_with_epsilon (distance[1], degree / 1000, 1e-6);
  /* No position: no distance, and the route resumes from the last one. */
  g_assert_true (isnan (distance[2]));
  g_assert_cmpfloat_with_epsilon (distance[3], 2 * degree / 1000, 1e-6);
  g_assert_cmpfloat_with_epsilon (distance[4], 3 * degree / 1000, 1e-6);
}

/* Zoom 0 is one 256-px tile: the equator and the prime meridian cross
 * at its centre, and the projection's edge is at 85.0511°. */
static void
test_mercator (void)
{
  double x, y, lat, lon;

  rsb_geo_mercator (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 128, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 128, 1e-9);
  rsb_geo_mercator (85.05112878, 180, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 256, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);
  /* North is up: a point further north lies higher on the tile. */
  rsb_geo_mercator (48.85, 2.35, &x, &y);
  g_assert_cmpfloat (y, <, 128);
  g_assert_cmpfloat (x, >, 128);
  rsb_geo_inverse_mercator (x, y, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 48.85, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 2.35, 1e-9);
}

/* A path along x with one detour: the detour's peak is what matters
 * most, points on the straight line nothing, and every tolerance keeps
 * what Douglas–Peucker would. */
static void
test_rank_path (void)
{
  /* Point 3 is 2 units off the line from 0 to 6 and splits first; then
   * 1 splits 0..3 (2/√13 off it) and 2 lies on the line from 1 to 3;
   * 5 splits 3..6 (2.5/√13 off it) and 4 is off the line from 3 to 5. */
  const double x[] = { 0, 1, 2, 3, 4, 5, 6 };
  const double y[] = { 0, 0, 1, 2, 1.5, 1.5, 0 };
  const guint points[] = { 0, 1, 2, 3, 4, 5, 6 };
  double importance[7];

  rsb_geo_rank_path (x, y, points, 7, importance);
  g_assert_true (isinf (importance[0]) && isinf (importance[6]));
  g_assert_cmpfloat_with_epsilon (importance[3], 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (importance[1], 4.0 / 13, 1e-9);
  g_assert_cmpfloat (importance[2], ==, 0);
  g_assert_cmpfloat_with_epsilon (importance[5], 6.25 / 13, 1e-9);
  g_assert_cmpfloat_with_epsilon (importance[4], 0.25 / 4.25, 1e-9);
  /* Ranks never exceed the split that exposes them. */
  for (guint i = 1; i < 6; i++)
    g_assert_cmpfloat (importance[i], <=, importance[3]);

  /* Nothing, one point, two points: only ends. */
  rsb_geo_rank_path (x, y, points, 0, importance);
  rsb_geo_rank_path (x, y, points, 2, importance);
  g_assert_true (isinf (importance[0]) && isinf (importance[1]));
}

/* A straight line keeps only its ends at any tolerance above zero. */
static void
test_rank_straight (void)
{
  const double x[] = { 10, 11, 12, 13 };
  const double y[] = { 5, 5, 5, 5 };
  const guint points[] = { 3, 1, 0 };   /* a subset, out of order */
  double importance[3];

  rsb_geo_rank_path (x, y, points, 3, importance);
  g_assert_true (isinf (importance[0]) && isinf (importance[2]));
  g_assert_cmpfloat (importance[1], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geo/cumulative-distance", test_cumulative_distance);
  g_test_add_func ("/geo/mercator", test_mercator);
  g_test_add_func ("/geo/rank-path", test_rank_path);
  g_test_add_func ("/geo/rank-straight", test_rank_straight);
  return g_test_run ();
}
