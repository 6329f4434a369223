/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-replay-clock.c: see bench-replay-clock.h. */
#include "bench-replay-clock.h"
#include "rsb-song-offset.h"

#define TICK_MS (1000 / 60)

struct _RsbBenchReplayClock
{
  const RsbActivity   *activity;
  RsbBenchSongEntered  entered;
  gpointer             user_data;
  double               base_s;      /* position at base_us */
  gint64               base_us;
  double               speed;
  int                  segment;     /* the one the position is in, -1 before any */
  guint                tick_id;
};

/* The segment holding position_s: the last one starting at or before it. */
static int
segment_at (const RsbActivity *activity,
            double             position_s)
{
  int low = 0, high = (int) rsb_activity_n_segments (activity) - 1, found = -1;

  while (low <= high)
    {
      int mid = (low + high) / 2;

      if (rsb_activity_segment (activity, mid)->start_s <= position_s)
        {
          found = mid;
          low = mid + 1;
        }
      else
        high = mid - 1;
    }
  return found;
}

static gboolean
on_tick (gpointer data)
{
  RsbBenchReplayClock *self = data;
  gint64 now = g_get_monotonic_time ();
  double position = self->base_s + (now - self->base_us) / (double) G_USEC_PER_SEC * self->speed;
  int segment = segment_at (self->activity, position);
  const RsbSegment *entered;
  const RsbPlay *play;

  if (segment == self->segment || segment < 0)
    return G_SOURCE_CONTINUE;
  self->segment = segment;
  entered = rsb_activity_segment (self->activity, segment);
  if (!rsb_segment_has_music (entered))
    return G_SOURCE_CONTINUE;
  play = rsb_activity_segment_play (self->activity, segment);
  self->entered (play,
                 rsb_song_offset_at (play, self->activity->info->start_ms,
                                     self->activity->info->clock_offset_ms, position),
                 self->base_us + (gint64) ((entered->start_s - self->base_s) / self->speed * G_USEC_PER_SEC),
                 self->user_data);
  return G_SOURCE_CONTINUE;
}

RsbBenchReplayClock *
rsb_bench_replay_clock_new (const RsbActivity   *activity,
                            RsbBenchSongEntered  entered,
                            gpointer             user_data)
{
  RsbBenchReplayClock *self = g_new0 (RsbBenchReplayClock, 1);

  self->activity = activity;
  self->entered = entered;
  self->user_data = user_data;
  self->segment = -1;
  self->speed = 1.0;
  return self;
}

void
rsb_bench_replay_clock_free (RsbBenchReplayClock *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_free (self);
}

void
rsb_bench_replay_clock_run (RsbBenchReplayClock *self,
                            double               position_s,
                            double               speed)
{
  self->base_s = position_s;
  self->base_us = g_get_monotonic_time ();
  self->speed = speed;
  self->segment = segment_at (self->activity, position_s);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
}
