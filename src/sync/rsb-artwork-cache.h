/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Album art is small; anything bigger is not album art. */
#define RSB_ARTWORK_MAX_BYTES (4 * 1024 * 1024)

#define RSB_TYPE_ARTWORK_CACHE (rsb_artwork_cache_get_type ())
G_DECLARE_FINAL_TYPE (RsbArtworkCache, rsb_artwork_cache, RSB, ARTWORK_CACHE, GObject)

RsbArtworkCache *rsb_artwork_cache_new             (const char          *directory);
RsbArtworkCache *rsb_artwork_cache_get_default     (void);
const char      *rsb_artwork_cache_get_directory   (RsbArtworkCache     *self);
char            *rsb_artwork_cache_path_for_url    (RsbArtworkCache     *self,
                                                    const char          *url);
void             rsb_artwork_cache_lookup_async    (RsbArtworkCache     *self,
                                                    const char          *url,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GBytes          *rsb_artwork_cache_lookup_finish   (RsbArtworkCache     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
guint            rsb_artwork_cache_get_n_downloads (RsbArtworkCache     *self);

G_END_DECLS
