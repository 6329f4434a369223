#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define RSB_TYPE_TILE_SOURCE (rsb_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (RsbTileSource, rsb_tile_source, RSB, TILE_SOURCE, ShumateDataSource)

RsbTileSource *rsb_tile_source_new (const char *url_template);

G_END_DECLS
