/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-song-offset.h: how far into a song the runner was at a moment of
 * the workout, for playing it again from there. */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

/* Seconds into play's song at position_s on the workout's clock (seconds
 * since activity_start_ms, the first point). The plays' clock is the
 * workout's minus clock_offset_ms, as the matcher places them. Clamped
 * to 0 .. the song's length (its duration, else how long the play
 * lasted), so a position before the play starts the song and one past
 * its end never asks a player to seek beyond the song. */
double rsb_song_offset_at (const RsbPlay *play,
                           gint64         activity_start_ms,
                           gint64         clock_offset_ms,
                           double         position_s);

G_END_DECLS
