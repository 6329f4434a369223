/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-store.h"
#include "rsb-tempo-analysis.h"
#include "rsb-tempo-scatter.h"

G_BEGIN_DECLS

/* The Tempo page: did the music move me? Emits "stretch-activated"
 * (activity id, play id) when a song segment is opened. */
#define RSB_TYPE_TEMPO_PAGE (rsb_tempo_page_get_type ())
G_DECLARE_FINAL_TYPE (RsbTempoPage, rsb_tempo_page, RSB, TEMPO_PAGE, GtkBox)

void                    rsb_tempo_page_set_store    (RsbTempoPage    *self,
                                                     RsbStore        *store);
/* The library changed: read again when next shown. */
void                    rsb_tempo_page_reload       (RsbTempoPage    *self);
gboolean                rsb_tempo_page_is_loading   (RsbTempoPage    *self);
/* Shows a library collected elsewhere (takes it). */
void                    rsb_tempo_page_set_library  (RsbTempoPage    *self,
                                                     RsbTempoLibrary *library);
const RsbTempoAnalysis *rsb_tempo_page_get_analysis (RsbTempoPage    *self);
RsbTempoScatter        *rsb_tempo_page_get_scatter  (RsbTempoPage    *self);
GtkListBox             *rsb_tempo_page_get_movers   (RsbTempoPage    *self,
                                                     gboolean         few);

G_END_DECLS
