/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-tile-source.h"

G_BEGIN_DECLS

#define RSB_TYPE_OFFLINE_BANNER (rsb_offline_banner_get_type ())
G_DECLARE_FINAL_TYPE (RsbOfflineBanner, rsb_offline_banner, RSB, OFFLINE_BANNER, GtkWidget)

/* Follows the default tile source unless given another. */
void           rsb_offline_banner_set_source  (RsbOfflineBanner *self,
                                               RsbTileSource    *source);
RsbTileSource *rsb_offline_banner_get_source  (RsbOfflineBanner *self);
gboolean       rsb_offline_banner_is_shown    (RsbOfflineBanner *self);

G_END_DECLS
