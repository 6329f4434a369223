/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-privacy.c: leaving the start and finish out of a shared route. */
#include "rsb-privacy.h"

#include <math.h>
#include <string.h>

#include "rsb-geo.h"

/* The distance along the route of every point: the recorded column when
 * there is one (it is what the app shows), else from the positions. */
static double *
distances_of (const RsbStreams *streams)
{
  const double *column = streams->columns[RSB_STREAM_DISTANCE];
  double *distance = g_new (double, streams->n_points);

  if (column != NULL)
    memcpy (distance, column, sizeof (double) * streams->n_points);
  else if (rsb_streams_has_route (streams))
    rsb_geo_cumulative_distance (streams->columns[RSB_STREAM_LAT], streams->columns[RSB_STREAM_LON],
                                 streams->n_points, distance);
  else
    for (guint i = 0; i < streams->n_points; i++)
      distance[i] = NAN;
  return distance;
}

gboolean
rsb_privacy_trim (const RsbStreams *streams,
                  double            metres,
                  guint            *first,
                  guint            *last)
{
  g_autofree double *distance = NULL;
  double start = NAN, end = NAN;
  gboolean found = FALSE;
  guint n;

  g_return_val_if_fail (first != NULL && last != NULL, FALSE);
  if (streams == NULL || streams->n_points == 0)
    return FALSE;
  n = streams->n_points;
  if (!(metres > 0))
    {
      *first = 0;
      *last = n - 1;
      return TRUE;
    }
  distance = distances_of (streams);
  for (guint i = 0; i < n && isnan (start); i++)
    start = distance[i];
  for (guint i = n; i > 0 && isnan (end); i--)
    end = distance[i - 1];
  /* Strictly longer, so the start and finish circles never touch. */
  if (isnan (start) || isnan (end) || end - start <= 2 * metres)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (isnan (distance[i]) || distance[i] - start < metres || end - distance[i] < metres)
        continue;
      if (!found)
        *first = i;
      *last = i;
      found = TRUE;
    }
  return found;
}
