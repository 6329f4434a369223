/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

#define RSB_TYPE_SONG_ROW (rsb_song_row_get_type ())
G_DECLARE_FINAL_TYPE (RsbSongRow, rsb_song_row, RSB, SONG_ROW, GtkListBoxRow)

GtkWidget *rsb_song_row_new         (const RsbActivity *activity,
                                     guint              segment,
                                     const GdkRGBA     *colour);
guint      rsb_song_row_get_segment (RsbSongRow        *self);

G_END_DECLS
