#include "rsb-geo.h"

#include <math.h>

static inline double
radians (double degrees)
{
  return degrees * (G_PI / 180.0);
}

/* Haversine: GPS points are metres apart, where it stays accurate. */
double
rsb_geo_distance_m (double lat1,
                    double lon1,
                    double lat2,
                    double lon2)
{
  double dlat = radians (lat2 - lat1);
  double dlon = radians (lon2 - lon1);
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (radians (lat1)) * cos (radians (lat2)) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * RSB_EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

double
rsb_geo_segment_distance_sq (double px,
                             double py,
                             double ax,
                             double ay,
                             double bx,
                             double by)
{
  double dx = bx - ax;
  double dy = by - ay;
  double len_sq = dx * dx + dy * dy;
  double t = 0;

  if (len_sq > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len_sq, 0.0, 1.0);

  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

void
rsb_geo_cumulative_distance (const double *lat,
                             const double *lon,
                             guint         n,
                             double       *distance)
{
  double sum = 0;
  gint64 previous = -1;

  for (guint i = 0; i < n; i++)
    {
      if (isnan (lat[i]) || isnan (lon[i]))
        {
          distance[i] = NAN;
          continue;
        }
      if (previous >= 0)
        sum += rsb_geo_distance_m (lat[previous], lon[previous], lat[i], lon[i]);
      distance[i] = sum;
      previous = i;
    }
}
