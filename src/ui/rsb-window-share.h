/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-share.h: the window's Share entries for the shown workout. */
#pragma once

#include "rsb-window.h"

G_BEGIN_DECLS

/* win.save-picture: a save dialog, then the picture (rsb-share-picture.h)
 * rendered on a worker and saved as PNG, with a toast to open its folder.
 * win.copy-picture: the same picture on the clipboard as a texture. */
void rsb_window_share_class_init (GtkWidgetClass *widget_class);
/* Enables them when a workout is shown. */
void rsb_window_share_update     (RsbWindow      *self);

G_END_DECLS
