/* SPDX-License-Identifier: GPL-3.0-or-later */
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

void
rsb_geo_mercator (double  lat,
                  double  lon,
                  double *x,
                  double *y)
{
  double s = sin (lat * G_PI / 180.0);

  *x = (lon + 180.0) / 360.0 * RSB_GEO_TILE_SIZE;
  *y = (0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI)) * RSB_GEO_TILE_SIZE;
}

void
rsb_geo_inverse_mercator (double  x,
                          double  y,
                          double *lat,
                          double *lon)
{
  *lon = x / RSB_GEO_TILE_SIZE * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1 - 2 * y / RSB_GEO_TILE_SIZE))) * 180.0 / G_PI;
}

/* An explicit stack rather than recursion: a 10-hour route can nest
 * tens of thousands of splits deep on a straight road. A point's rank is
 * capped by its parent's, as the recursion never reaches it at a
 * tolerance its parent does not pass. */
void
rsb_geo_rank_path (const double *x,
                   const double *y,
                   const guint  *points,
                   guint         n,
                   double       *importance)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (double) * 3);

  for (guint i = 0; i < n; i++)
    importance[i] = 0;
  if (n == 0)
    return;
  importance[0] = importance[n - 1] = INFINITY;
  g_array_append_val (stack, ((double[3]) { 0, n - 1, INFINITY }));
  while (stack->len > 0)
    {
      double *top = &g_array_index (stack, double, (stack->len - 1) * 3);
      guint lo = top[0], hi = top[1];
      double cap = top[2], best = -1;
      guint split = lo;

      g_array_set_size (stack, stack->len - 1);
      if (hi - lo < 2)
        continue;
      for (guint k = lo + 1; k < hi; k++)
        {
          double d = rsb_geo_segment_distance_sq (x[points[k]], y[points[k]],
                                                  x[points[lo]], y[points[lo]],
                                                  x[points[hi]], y[points[hi]]);
          if (d > best)
            {
              best = d;
              split = k;
            }
        }
      importance[split] = MIN (best, cap);
      g_array_append_val (stack, ((double[3]) { lo, split, importance[split] }));
      g_array_append_val (stack, ((double[3]) { split, hi, importance[split] }));
    }
}
