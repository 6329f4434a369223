/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-song-stats.h"

G_BEGIN_DECLS

#define RSB_TYPE_SONG_TEMPO (rsb_song_tempo_get_type ())
G_DECLARE_FINAL_TYPE (RsbSongTempo, rsb_song_tempo, RSB, SONG_TEMPO, GtkBox)

GtkWidget  *rsb_song_tempo_new        (void);
/* The tempo of the song on the stretch described by stats, whose track
 * is track_id (0: no song, the widget hides). */
void        rsb_song_tempo_show       (RsbSongTempo       *self,
                                       gint64              track_id,
                                       const char         *title,
                                       const RsbSongStats *stats);
gint64      rsb_song_tempo_get_track_id (RsbSongTempo     *self);
/* One tap of tap tempo (the Tap button and the T key). */
void        rsb_song_tempo_tap        (RsbSongTempo       *self);
/* Taps so far in the running count, 0 when none. */
guint       rsb_song_tempo_get_n_taps (RsbSongTempo       *self);
const char *rsb_song_tempo_get_text   (RsbSongTempo       *self);
const char *rsb_song_tempo_get_verdict (RsbSongTempo      *self);

G_END_DECLS
