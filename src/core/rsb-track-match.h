/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-track-match.h: whether a music file and a track of the listening
 * history are the same recording, from their tags alone. Pure logic. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Two durations match within this much; an unknown one (0) matches. */
#define RSB_TRACK_MATCH_DURATION_MS 3000

/* A title as compared: case-folded, accents and punctuation gone,
 * "feat." parts and " - Remastered 2011"-style suffixes dropped.
 * "Héroes (feat. X) - 2017 Remaster" → "heroes". Never NULL. */
char     *rsb_track_match_title     (const char *title);
/* The first artist of a ", "-joined list (or of "A feat. B"), folded
 * as a title is: both sides of a match name their main artist first,
 * while the guests listed after it differ from tag to tag. */
char     *rsb_track_match_artist    (const char *artists);
/* The key of a recording: artist and title as compared, or NULL when
 * the title is empty after folding (nothing to match on). */
char     *rsb_track_match_key       (const char *artists,
                                     const char *title);
/* An ISRC as stored: upper case, without hyphens or spaces; NULL when
 * it is not twelve letters and digits. */
char     *rsb_track_match_isrc      (const char *isrc);
gboolean  rsb_track_match_durations (gint64      a_ms,
                                     gint64      b_ms);

G_END_DECLS
