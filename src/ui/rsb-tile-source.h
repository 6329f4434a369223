/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define RSB_TYPE_TILE_SOURCE (rsb_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (RsbTileSource, rsb_tile_source, RSB, TILE_SOURCE, ShumateDataSource)

/* Tiles live in cache_dir/<key>/z/x/y.png, one key per URL template;
 * cache_dir NULL: the user's cache, run-sous-bpm/tiles. */
RsbTileSource    *rsb_tile_source_new              (const char    *url_template,
                                                    const char    *cache_dir);
RsbTileSource    *rsb_tile_source_get_default      (void);
/* $RSB_TILE_URL, which overrides Preferences; NULL when unset or empty. */
const char       *rsb_tile_source_env_template     (void);

const char       *rsb_tile_source_get_url_template (RsbTileSource *self);
void              rsb_tile_source_set_url_template (RsbTileSource *self,
                                                    const char    *url_template);
gboolean          rsb_tile_source_get_available    (RsbTileSource *self);
const char       *rsb_tile_source_get_cache_dir    (RsbTileSource *self);
char             *rsb_tile_source_cache_key        (const char    *url_template);

/* A raster map source drawing this source's tiles, with the map data's
 * attribution; a new one per call, so a map that sets it drops the
 * tiles it held. */
ShumateMapSource *rsb_tile_source_new_map_source   (RsbTileSource *self);

G_END_DECLS
