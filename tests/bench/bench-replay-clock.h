/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-replay-clock.h: a stand-in for the replay's transport in the
 * listen-along benchmark — a position on the workout's clock computed
 * from g_get_monotonic_time at every 60 Hz tick (never summed), and the
 * song entered whenever the position crosses into a new segment. Kept
 * apart so the real replay clock can take its place. */
#pragma once

#include "rsb-activity.h"

G_BEGIN_DECLS

/* The replay entered segment (a song) at boundary_us, the exact
 * monotonic time its start was reached; offset_s is the offset into
 * the song at the tick that noticed it. */
typedef void (*RsbBenchSongEntered) (const RsbPlay *play,
                                     double         offset_s,
                                     gint64         boundary_us,
                                     gpointer       user_data);

typedef struct _RsbBenchReplayClock RsbBenchReplayClock;

RsbBenchReplayClock *rsb_bench_replay_clock_new  (const RsbActivity    *activity,
                                                  RsbBenchSongEntered   entered,
                                                  gpointer              user_data);
void                 rsb_bench_replay_clock_free (RsbBenchReplayClock  *self);
/* Jumps to position_s and runs from there at speed (1 = real time),
 * taking the song there as already playing, as after a scrub. */
void                 rsb_bench_replay_clock_run  (RsbBenchReplayClock  *self,
                                                  double                position_s,
                                                  double                speed);

G_END_DECLS
