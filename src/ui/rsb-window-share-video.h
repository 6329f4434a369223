/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-share-video.h: the window's Share → Save Video…. */
#pragma once

#include "rsb-window.h"

G_BEGIN_DECLS

/* win.save-video: asks the length and shape, then where to save, then
 * renders the video (rsb-share-video.h) on a worker under a dialog
 * showing progress with Cancel, and a toast to open its folder. */
void rsb_window_share_video_class_init (GtkWidgetClass *widget_class);
/* Enables it when a workout is shown. */
void rsb_window_share_video_update     (RsbWindow      *self);

G_END_DECLS
