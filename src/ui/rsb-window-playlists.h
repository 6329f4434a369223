/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-window.h"

G_BEGIN_DECLS

/* The window's playlist actions:
 *   win.save-playlist             the shown workout's songs, saved as M3U8 or XSPF
 *   win.spotify-playlist          the same, as a private Spotify playlist
 *   win.songs-for-cadence         the dialog choosing a cadence, then either
 *   win.save-playlist-tracks      "at": these track ids (in order), saved
 *   win.spotify-playlist-tracks   "at": these track ids, on Spotify
 * The last two are for pages listing songs (the Tempo page's "Songs
 * that move you"): gtk_widget_activate_action (widget,
 * "win.save-playlist-tracks", "at", ids, n). */
void rsb_window_playlists_class_init (GtkWidgetClass *widget_class);
/* Enables the workout's playlist actions when one is shown. */
void rsb_window_playlists_update     (RsbWindow      *self);

G_END_DECLS
