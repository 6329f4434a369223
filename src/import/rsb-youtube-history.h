/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-youtube-history.h: Google Takeout's YouTube watch history -> plays. */
#pragma once

#include "rsb-spotify-history.h"

G_BEGIN_DECLS

/* Reads Takeout's watch-history.json (a JSON array, newest first) and
 * keeps the entries whose header is "YouTube Music". "time" is when the
 * song started and nothing says how long it played: each play lasts
 * until the next one starts, at most its duration when known or
 * RSB_OPEN_PLAY_MAX_MS (rsb_plays_close_open_ends), so plays get
 * RSB_PLAY_SOURCE_YOUTUBE and RSB_PRECISION_LOW_MS and reach func in
 * start order once the file is read. The title loses Takeout's
 * "Watched …" wording (English, German, Spanish, French, Italian,
 * Portuguese, Dutch; other languages keep it); the first subtitle is
 * the artist, " - Topic" cut from its channel name. */
gboolean rsb_youtube_history_parse   (GInputStream  *stream,
                                      const char    *display_name,
                                      RsbPlayFunc    func,
                                      gpointer       user_data,
                                      guint         *n_plays,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* The song's title in a Takeout entry's "title" (exposed for tests). */
char    *rsb_youtube_title_from_entry (const char   *title);

G_END_DECLS
