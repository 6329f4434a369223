/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay.c: the replay's timeline and clock (see rsb-replay.h). */
#include "config.h"

#include <math.h>

#include "rsb-moving-clock.h"
#include "rsb-replay.h"

const double rsb_replay_speeds[RSB_REPLAY_N_SPEEDS] = { 1, 10, 30, 60, 120 };

/* The moving clock holds the moving time from the start to each point;
 * it stays flat across an interval the athlete stood still, which is
 * what lets a replay faster than life jump over it. NULL when nothing
 * moved at all. */
struct _RsbReplayTimeline
{
  const RsbStreams *streams;
  RsbMovingClock   *moving;
};

RsbReplayTimeline *
rsb_replay_timeline_new (const RsbStreams *streams)
{
  RsbReplayTimeline *timeline;

  if (streams == NULL || streams->n_points < 2 || !rsb_streams_has (streams, RSB_STREAM_TIME))
    return NULL;

  timeline = g_new0 (RsbReplayTimeline, 1);
  timeline->streams = streams;
  timeline->moving = rsb_moving_clock_new (streams, 0, streams->n_points - 1);
  return timeline;
}

void
rsb_replay_timeline_free (RsbReplayTimeline *timeline)
{
  if (timeline == NULL)
    return;
  rsb_moving_clock_free (timeline->moving);
  g_free (timeline);
}

static const double *
times (const RsbReplayTimeline *timeline)
{
  return timeline->streams->columns[RSB_STREAM_TIME];
}

static guint
n_points (const RsbReplayTimeline *timeline)
{
  return timeline->streams->n_points;
}

static double
moving_to (const RsbReplayTimeline *timeline,
           guint                    point)
{
  return timeline->moving != NULL ? rsb_moving_clock_at (timeline->moving, point) : 0;
}

double
rsb_replay_timeline_duration (const RsbReplayTimeline *timeline)
{
  return times (timeline)[n_points (timeline) - 1];
}

/* The last point whose time is at or before position (0 before the
 * first). Times only grow, so a binary search. */
static guint
point_before (const RsbReplayTimeline *timeline,
              double                   position)
{
  const double *time = times (timeline);
  guint low = 0, high = n_points (timeline) - 1;

  if (position >= time[high])
    return high;
  while (low < high)
    {
      guint middle = low + (high - low + 1) / 2;

      if (time[middle] <= position)
        low = middle;
      else
        high = middle - 1;
    }
  return low;
}

guint
rsb_replay_timeline_point_at (const RsbReplayTimeline *timeline,
                              double                   position,
                              double                  *fraction)
{
  const double *time = times (timeline);
  guint point = point_before (timeline, position);
  double span;

  if (fraction != NULL)
    {
      span = point + 1 < n_points (timeline) ? time[point + 1] - time[point] : 0;
      *fraction = span > 0 ? CLAMP ((position - time[point]) / span, 0, 1) : 0;
    }
  return point;
}

gboolean
rsb_replay_timeline_is_paused (const RsbReplayTimeline *timeline,
                               double                   position)
{
  guint point = rsb_replay_timeline_point_at (timeline, position, NULL);

  if (point + 1 >= n_points (timeline))
    return FALSE;
  return moving_to (timeline, point + 1) == moving_to (timeline, point);
}

double
rsb_replay_timeline_moving_at (const RsbReplayTimeline *timeline,
                               double                   position)
{
  double fraction;
  guint point = rsb_replay_timeline_point_at (timeline, position, &fraction);

  if (point + 1 >= n_points (timeline))
    return moving_to (timeline, point);
  return moving_to (timeline, point) + fraction * (moving_to (timeline, point + 1) - moving_to (timeline, point));
}

double
rsb_replay_timeline_position_at_moving (const RsbReplayTimeline *timeline,
                                        double                   moving_s)
{
  const double *time = times (timeline);
  guint point;
  double fraction;

  if (timeline->moving == NULL)
    return moving_s > 0 ? rsb_replay_timeline_duration (timeline) : time[0];
  /* Past any pause at that moving time: it takes none of it. */
  rsb_moving_clock_locate (timeline->moving, moving_s, &point, &fraction);
  if (point + 1 >= n_points (timeline))
    return time[point];
  return time[point] + fraction * (time[point + 1] - time[point]);
}

gboolean
rsb_replay_timeline_locate (const RsbReplayTimeline *timeline,
                            double                   position,
                            double                  *lat,
                            double                  *lon)
{
  const double *lats = timeline->streams->columns[RSB_STREAM_LAT];
  const double *lons = timeline->streams->columns[RSB_STREAM_LON];
  double fraction;
  guint point, next;

  if (lats == NULL || lons == NULL)
    return FALSE;
  point = rsb_replay_timeline_point_at (timeline, position, &fraction);
  next = MIN (point + 1, n_points (timeline) - 1);
  if (isnan (lats[point]) || isnan (lons[point]))
    return FALSE;
  /* A fix missing next: stay on the last one known. */
  if (isnan (lats[next]) || isnan (lons[next]))
    fraction = 0;
  *lat = lats[point] + fraction * (lats[next] - lats[point]);
  *lon = lons[point] + fraction * (lons[next] - lons[point]);
  return TRUE;
}

void
rsb_replay_clock_init (RsbReplayClock *clock)
{
  clock->anchor_position = 0;
  clock->anchor_us = 0;
  clock->speed = 1;
  clock->playing = FALSE;
}

double
rsb_replay_clock_position (const RsbReplayClock    *clock,
                           const RsbReplayTimeline *timeline,
                           gint64                   now_us)
{
  double wall_s, moving;

  if (timeline == NULL)
    return 0;
  if (!clock->playing || now_us <= clock->anchor_us)
    return clock->anchor_position;
  wall_s = (now_us - clock->anchor_us) / (double) G_USEC_PER_SEC;
  if (clock->speed <= 1)
    return MIN (clock->anchor_position + wall_s * clock->speed, rsb_replay_timeline_duration (timeline));
  moving = rsb_replay_timeline_moving_at (timeline, clock->anchor_position) + wall_s * clock->speed;
  return rsb_replay_timeline_position_at_moving (timeline, moving);
}

/* Restarts the anchor where the replay stands now, so what follows is
 * measured from here. */
static void
reanchor (RsbReplayClock          *clock,
          const RsbReplayTimeline *timeline,
          gint64                   now_us)
{
  clock->anchor_position = rsb_replay_clock_position (clock, timeline, now_us);
  clock->anchor_us = now_us;
}

void
rsb_replay_clock_play (RsbReplayClock          *clock,
                       const RsbReplayTimeline *timeline,
                       gint64                   now_us)
{
  if (timeline == NULL || clock->playing)
    return;
  /* Playing from the end starts again. */
  if (clock->anchor_position >= rsb_replay_timeline_duration (timeline))
    clock->anchor_position = times (timeline)[0];
  clock->anchor_us = now_us;
  clock->playing = TRUE;
}

void
rsb_replay_clock_pause (RsbReplayClock          *clock,
                        const RsbReplayTimeline *timeline,
                        gint64                   now_us)
{
  if (!clock->playing)
    return;
  reanchor (clock, timeline, now_us);
  clock->playing = FALSE;
}

void
rsb_replay_clock_seek (RsbReplayClock          *clock,
                       const RsbReplayTimeline *timeline,
                       double                   position,
                       gint64                   now_us)
{
  if (timeline == NULL)
    return;
  clock->anchor_position = CLAMP (position, times (timeline)[0], rsb_replay_timeline_duration (timeline));
  clock->anchor_us = now_us;
}

void
rsb_replay_clock_set_speed (RsbReplayClock          *clock,
                            const RsbReplayTimeline *timeline,
                            double                   speed,
                            gint64                   now_us)
{
  g_return_if_fail (speed > 0);

  if (clock->playing)
    reanchor (clock, timeline, now_us);
  clock->speed = speed;
}

gboolean
rsb_replay_clock_at_end (const RsbReplayClock    *clock,
                         const RsbReplayTimeline *timeline,
                         gint64                   now_us)
{
  return timeline != NULL && clock->playing &&
         rsb_replay_clock_position (clock, timeline, now_us) >= rsb_replay_timeline_duration (timeline);
}
