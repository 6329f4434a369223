#pragma once

#include <gio/gio.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* Called once per music play, in file order. The play is borrowed: copy
 * what you keep. Return FALSE (and set error) to stop the parse. */
typedef gboolean (*RsbPlayFunc) (const RsbPlay  *play,
                                 gpointer        user_data,
                                 GError        **error);

/* Streams a Spotify Extended Streaming History file
 * (Streaming_History_Audio_*.json or the older endsong_*.json) without
 * building a DOM. Podcast, video and audiobook entries are skipped.
 * Returns the number of plays passed to func in *n_plays. */
gboolean rsb_spotify_history_parse (GInputStream  *stream,
                                    const char    *display_name,
                                    RsbPlayFunc    func,
                                    gpointer       user_data,
                                    guint         *n_plays,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
