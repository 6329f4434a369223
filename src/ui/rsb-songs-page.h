/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-song-tally.h"
#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_TYPE_SONGS_PAGE (rsb_songs_page_get_type ())
G_DECLARE_FINAL_TYPE (RsbSongsPage, rsb_songs_page, RSB, SONGS_PAGE, GtkBox)

void                  rsb_songs_page_set_store        (RsbSongsPage *self,
                                                       RsbStore     *store);
/* The library changed: the songs are read again when next shown. */
void                  rsb_songs_page_reload           (RsbSongsPage *self);
gboolean              rsb_songs_page_is_loading       (RsbSongsPage *self);
/* The songs as listed (searched and sorted). */
guint                 rsb_songs_page_get_n_songs      (RsbSongsPage *self);
const RsbSongSummary *rsb_songs_page_get_song         (RsbSongsPage *self,
                                                       guint         position);
/* What clicking the song at position does: lists its workouts. */
void                  rsb_songs_page_show_song        (RsbSongsPage *self,
                                                       guint         position);
GtkSearchEntry       *rsb_songs_page_get_search_entry (RsbSongsPage *self);
GtkListBox           *rsb_songs_page_get_stretch_list (RsbSongsPage *self);

G_END_DECLS
