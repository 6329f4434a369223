/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-moving-clock.h: moving time along part of a route, pauses skipped. */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

/* The moving seconds from point first to every point up to last, so a
 * video or replay of that stretch can run on moving time: a pause takes
 * none of it. */
typedef struct {
  guint   first;
  guint   last;       /* inclusive */
  double *at;         /* at[i - first]: moving seconds from first to point i */
  double  total_s;
} RsbMovingClock;

/* NULL when the stretch has no moving time: no time stream, or nothing
 * but pauses. */
RsbMovingClock *rsb_moving_clock_new    (const RsbStreams     *streams,
                                         guint                 first,
                                         guint                 last);
void            rsb_moving_clock_free   (RsbMovingClock       *clock);

/* Where the route is after seconds of moving time (clamped to
 * 0..total_s): *point is the last point reached, *fraction how far on
 * (0..1) towards the next. Past a pause, the point after it. */
void            rsb_moving_clock_locate (const RsbMovingClock *clock,
                                         double                seconds,
                                         guint                *point,
                                         double               *fraction);

/* Moving seconds from first to point (clamped to first..last). */
double          rsb_moving_clock_at     (const RsbMovingClock *clock,
                                         guint                 point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbMovingClock, rsb_moving_clock_free)

G_END_DECLS
