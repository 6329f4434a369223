/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-apple-music-history.h: Apple Music Play Activity.csv -> plays. */
#pragma once

#include "rsb-spotify-history.h"

G_BEGIN_DECLS

/* Reads "Apple Music Play Activity.csv" from Apple's privacy export.
 * Columns are found by their header names, never their places: Song
 * Name (or Content Name), Artist Name (missing from newer exports: the
 * plays then name no artist), Album Name (or Container Album Name),
 * Event Start Timestamp, Event End Timestamp, Play Duration
 * Milliseconds, Media Duration In Milliseconds, End Reason Type, Event
 * Type, Media Type, ISRC. Only rows of music that played count: Event
 * Type PLAY_END (when the column is there), Media Type AUDIO (when
 * there), a start, a song name and a play duration above zero. The
 * timestamps are UTC (UTC Offset In Seconds only says what the clock on
 * the wall read); a row's play runs from its start to its end, or for
 * the played duration when the end is missing. Plays get
 * RSB_PLAY_SOURCE_APPLE, second precision, in file order; a forward
 * skip (End Reason Type TRACK_SKIPPED_FORWARDS) marks one skipped. */
gboolean rsb_apple_music_history_parse (GInputStream  *stream,
                                        const char    *display_name,
                                        RsbPlayFunc    func,
                                        gpointer       user_data,
                                        guint         *n_plays,
                                        GCancellable  *cancellable,
                                        GError       **error);

G_END_DECLS
