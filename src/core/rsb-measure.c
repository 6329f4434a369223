/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The totals every reader derives the same way from its columns, so
 * that a workout read from GPX, TCX or FIT gets the same summary. */
#include "rsb-measure.h"

#include <math.h>

#include "rsb-matcher.h"

/* Points without a position (a NAN latitude) do not widen the box. */
static void
measure_bounds (RsbActivityInfo  *info,
                const RsbStreams *streams)
{
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];

  info->min_lat = info->min_lon = info->max_lat = info->max_lon = NAN;
  for (guint i = 0; lat != NULL && lon != NULL && i < streams->n_points; i++)
    {
      if (isnan (lat[i]))
        continue;
      if (isnan (info->min_lat))
        {
          info->min_lat = info->max_lat = lat[i];
          info->min_lon = info->max_lon = lon[i];
          continue;
        }
      info->min_lat = MIN (info->min_lat, lat[i]);
      info->max_lat = MAX (info->max_lat, lat[i]);
      info->min_lon = MIN (info->min_lon, lon[i]);
      info->max_lon = MAX (info->max_lon, lon[i]);
    }
}

/* Distance is cumulative, but the last points may lack one (a FIT
 * record without a fix): the last known value is how far it went. */
static void
measure_distance (RsbActivityInfo  *info,
                  const RsbStreams *streams)
{
  const double *distance = streams->columns[RSB_STREAM_DISTANCE];

  for (guint i = streams->n_points; distance != NULL && i > 0; i--)
    {
      if (!isnan (distance[i - 1]))
        {
          info->distance_m = distance[i - 1];
          return;
        }
    }
}

/* Fills n_points, the channels, the bounding box, distance_m, elapsed_s
 * and moving_s from the columns; a route without times keeps its zero
 * durations.
 * The start time, name and sport are each reader's own. */
void
rsb_activity_info_measure (RsbActivityInfo  *info,
                           const RsbStreams *streams)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  guint n = streams->n_points;

  g_return_if_fail (info != NULL);
  g_return_if_fail (streams != NULL);

  info->n_points = n;
  info->channels = rsb_streams_channels (streams);
  measure_bounds (info, streams);
  measure_distance (info, streams);
  if (time == NULL || n == 0)
    return;

  info->elapsed_s = time[n - 1] - time[0];
  info->moving_s = rsb_streams_moving_s (streams);
}
