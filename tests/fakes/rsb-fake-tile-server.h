/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A tile server on 127.0.0.1 (ephemeral port) answering every
 * /{z}/{x}/{y}.png with a plain grid tile, so map tests never reach
 * OpenStreetMap. It serves from the thread-default main context. */
typedef struct _RsbFakeTileServer RsbFakeTileServer;

RsbFakeTileServer *rsb_fake_tile_server_new          (GError            **error);
void               rsb_fake_tile_server_free         (RsbFakeTileServer  *self);
char              *rsb_fake_tile_server_url_template (RsbFakeTileServer  *self);
guint              rsb_fake_tile_server_n_served     (RsbFakeTileServer  *self);
const char        *rsb_fake_tile_server_last_user_agent (RsbFakeTileServer *self);
void               rsb_fake_tile_server_set_failing  (RsbFakeTileServer  *self,
                                                      gboolean            failing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeTileServer, rsb_fake_tile_server_free)

G_END_DECLS
