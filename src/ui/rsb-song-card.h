/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-activity.h"
#include "rsb-artwork-cache.h"
#include "rsb-song-tempo.h"

G_BEGIN_DECLS

#define RSB_TYPE_SONG_CARD (rsb_song_card_get_type ())
G_DECLARE_FINAL_TYPE (RsbSongCard, rsb_song_card, RSB, SONG_CARD, GtkBox)

void          rsb_song_card_show_segment       (RsbSongCard       *self,
                                                const RsbActivity *activity,
                                                guint              segment,
                                                const GdkRGBA     *colour);
const char   *rsb_song_card_get_title          (RsbSongCard       *self);
const char   *rsb_song_card_get_artist         (RsbSongCard       *self);
const char   *rsb_song_card_get_album          (RsbSongCard       *self);
const char   *rsb_song_card_get_spotify_url    (RsbSongCard       *self);
char         *rsb_song_card_get_details        (RsbSongCard       *self);
GdkPaintable *rsb_song_card_get_artwork        (RsbSongCard       *self);
RsbSongTempo *rsb_song_card_get_tempo          (RsbSongCard       *self);
gboolean      rsb_song_card_is_loading_artwork (RsbSongCard       *self);
void          rsb_song_card_set_artwork_cache  (RsbSongCard       *self,
                                                RsbArtworkCache   *cache);

G_END_DECLS
