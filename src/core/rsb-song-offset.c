/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-song-offset.c: the offset into a song at a workout position. */
#include "config.h"

#include <math.h>

#include "rsb-song-offset.h"

static double
song_length_s (const RsbPlay *play)
{
  if (play->track.duration_ms > 0)
    return play->track.duration_ms / 1000.0;
  if (play->end_ms > play->start_ms)
    return (play->end_ms - play->start_ms) / 1000.0;
  return 0.0;
}

double
rsb_song_offset_at (const RsbPlay *play,
                    gint64         activity_start_ms,
                    gint64         clock_offset_ms,
                    double         position_s)
{
  double local_ms;
  double offset_s;

  g_return_val_if_fail (play != NULL, 0.0);
  if (activity_start_ms == RSB_NO_TIME || !isfinite (position_s))
    return 0.0;

  /* In double: a workout's epoch milliseconds are exact up to 2^53. */
  local_ms = (double) activity_start_ms + position_s * 1000.0 - (double) clock_offset_ms;
  offset_s = (local_ms - (double) play->start_ms) / 1000.0;
  return CLAMP (offset_s, 0.0, song_length_s (play));
}
