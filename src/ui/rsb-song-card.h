#pragma once

#include <gtk/gtk.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

#define RSB_TYPE_SONG_CARD (rsb_song_card_get_type ())
G_DECLARE_FINAL_TYPE (RsbSongCard, rsb_song_card, RSB, SONG_CARD, GtkBox)

void        rsb_song_card_show_segment (RsbSongCard       *self,
                                        const RsbActivity *activity,
                                        guint              segment,
                                        const GdkRGBA     *colour);
const char *rsb_song_card_get_title    (RsbSongCard       *self);
const char *rsb_song_card_get_artist   (RsbSongCard       *self);

G_END_DECLS
