/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* Called once per music play, in file order. The play is borrowed: copy
 * what you keep. Return FALSE (and set error) to stop the parse. */
typedef gboolean (*RsbPlayFunc) (const RsbPlay  *play,
                                 gpointer        user_data,
                                 GError        **error);

/* Streams a Spotify listening history without building a DOM. Reads
 * both the Extended Streaming History (Streaming_History_Audio_*.json,
 * the older endsong_*.json: RSB_PLAY_SOURCE_EXTENDED, second precision)
 * and the account-data export (StreamingHistory*.json,
 * StreamingHistory_music_*.json: RSB_PLAY_SOURCE_ACCOUNT, endTime read as
 * UTC to the minute, precision_ms 60000, no track URI or album). Each
 * entry is judged by its keys, so one file may mix both shapes. Podcast
 * (either export), video and audiobook entries are skipped. Returns the
 * number of plays passed to func in *n_plays. */
gboolean rsb_spotify_history_parse (GInputStream  *stream,
                                    const char    *display_name,
                                    RsbPlayFunc    func,
                                    gpointer       user_data,
                                    guint         *n_plays,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
