/* Distances on the Earth, as every reader and the chart measure a route. */
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geo/cumulative-distance", test_cumulative_distance);
  return g_test_run ();
}
