/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay.h: a workout told again in time, without a display.
 *
 * A replay's position is a time on the workout's own clock: seconds
 * since its start, pauses included, as RSB_STREAM_TIME holds them.
 *
 * At 1× the replay is the workout as it happened, standing still
 * through its pauses. Faster, it runs on *moving* time (the time the
 * matcher counts as moving) and maps that back to the workout's clock,
 * so pauses and stops at lights go by in no time.
 *
 * The position at a moment is computed from where and when playing
 * last started or changed speed (the clock's anchor) and the moment
 * itself, never summed frame by frame, so it never drifts however many
 * frames are drawn or dropped.
 */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

typedef struct _RsbReplayTimeline RsbReplayTimeline;

/* NULL when the streams have no times to replay. Borrows streams,
 * which must outlive the timeline. */
RsbReplayTimeline *rsb_replay_timeline_new      (const RsbStreams        *streams);
void               rsb_replay_timeline_free     (RsbReplayTimeline       *timeline);

/* The last time on the workout's clock. */
double             rsb_replay_timeline_duration (const RsbReplayTimeline *timeline);
double             rsb_replay_timeline_moving_at (const RsbReplayTimeline *timeline,
                                                  double                   position);
/* The workout-clock time at a moving time: where the moving stretch
 * holding it runs, so a pause there is already behind. */
double             rsb_replay_timeline_position_at_moving (const RsbReplayTimeline *timeline,
                                                  double                   moving_s);
/* The athlete stood still here: a pause in the recording or a stop. */
gboolean           rsb_replay_timeline_is_paused (const RsbReplayTimeline *timeline,
                                                  double                   position);
/* The point at or before position, and how far (0..1) the position is
 * towards the next one. */
guint              rsb_replay_timeline_point_at (const RsbReplayTimeline *timeline,
                                                  double                   position,
                                                  double                  *fraction);
/* Where the athlete was, between two fixes in a straight line; FALSE
 * when the route has no position there. */
gboolean           rsb_replay_timeline_locate   (const RsbReplayTimeline *timeline,
                                                  double                   position,
                                                  double                  *lat,
                                                  double                  *lon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbReplayTimeline, rsb_replay_timeline_free)

#define RSB_REPLAY_N_SPEEDS 5
extern const double rsb_replay_speeds[RSB_REPLAY_N_SPEEDS];   /* 1, 10, 30, 60, 120 */

typedef struct {
  double    anchor_position;  /* s on the workout clock when anchored */
  gint64    anchor_us;        /* monotonic µs of the anchor */
  double    speed;            /* 1 = as it happened */
  gboolean  playing;
} RsbReplayClock;

void     rsb_replay_clock_init      (RsbReplayClock          *clock);
double   rsb_replay_clock_position  (const RsbReplayClock    *clock,
                                     const RsbReplayTimeline *timeline,
                                     gint64                   now_us);
void     rsb_replay_clock_play      (RsbReplayClock          *clock,
                                     const RsbReplayTimeline *timeline,
                                     gint64                   now_us);
void     rsb_replay_clock_pause     (RsbReplayClock          *clock,
                                     const RsbReplayTimeline *timeline,
                                     gint64                   now_us);
void     rsb_replay_clock_seek      (RsbReplayClock          *clock,
                                     const RsbReplayTimeline *timeline,
                                     double                   position,
                                     gint64                   now_us);
void     rsb_replay_clock_set_speed (RsbReplayClock          *clock,
                                     const RsbReplayTimeline *timeline,
                                     double                   speed,
                                     gint64                   now_us);
/* Playing and arrived at the end. */
gboolean rsb_replay_clock_at_end    (const RsbReplayClock    *clock,
                                     const RsbReplayTimeline *timeline,
                                     gint64                   now_us);

G_END_DECLS
