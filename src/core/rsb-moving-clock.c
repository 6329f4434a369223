/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-moving-clock.c: moving time along part of a route, pauses skipped.
 *
 * Pauses are what the matcher calls them (rsb_interval_is_moving), so the
 * clock agrees with the moving time the app shows. */
#include "rsb-moving-clock.h"

#include "rsb-matcher.h"

RsbMovingClock *
rsb_moving_clock_new (const RsbStreams *streams,
                      guint             first,
                      guint             last)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  RsbMovingClock *clock;

  if (time == NULL || first >= last || last >= streams->n_points)
    return NULL;
  clock = g_new0 (RsbMovingClock, 1);
  clock->first = first;
  clock->last = last;
  clock->at = g_new (double, last - first + 1);
  clock->at[0] = 0;
  for (guint i = first + 1; i <= last; i++)
    {
      double step = rsb_interval_is_moving (streams, i) ? time[i] - time[i - 1] : 0;

      clock->at[i - first] = clock->at[i - 1 - first] + step;
    }
  clock->total_s = clock->at[last - first];
  if (!(clock->total_s > 0))
    g_clear_pointer (&clock, rsb_moving_clock_free);
  return clock;
}

void
rsb_moving_clock_free (RsbMovingClock *clock)
{
  if (clock == NULL)
    return;
  g_free (clock->at);
  g_free (clock);
}

void
rsb_moving_clock_locate (const RsbMovingClock *clock,
                         double                seconds,
                         guint                 *point,
                         double                *fraction)
{
  guint n = clock->last - clock->first + 1;
  guint low = 0, high = n - 1;

  seconds = CLAMP (seconds, 0, clock->total_s);
  /* The last point whose time is at most seconds: past any pause. */
  while (low < high)
    {
      guint mid = (low + high + 1) / 2;

      if (clock->at[mid] <= seconds)
        low = mid;
      else
        high = mid - 1;
    }
  *point = clock->first + low;
  *fraction = low + 1 < n ? (seconds - clock->at[low]) / (clock->at[low + 1] - clock->at[low]) : 0;
}

double
rsb_moving_clock_at (const RsbMovingClock *clock,
                     guint                 point)
{
  point = CLAMP (point, clock->first, clock->last);
  return clock->at[point - clock->first];
}
