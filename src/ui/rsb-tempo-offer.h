/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-offer.h: the Songs page's one-time offer to look up tempi
 * online ("Look up the tempo of 2,340 songs online?"), saying what is
 * sent to whom, with Turn On and No Thanks. Shown while both services
 * are off, songs lack a tempo and the offer was never answered
 * (GSettings tempo-lookup-offered). */
#pragma once

#include <gtk/gtk.h>

#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_TYPE_TEMPO_OFFER (rsb_tempo_offer_get_type ())
G_DECLARE_FINAL_TYPE (RsbTempoOffer, rsb_tempo_offer, RSB, TEMPO_OFFER, GtkBox)

/* Counts the songs without a tempo and shows or hides the offer. */
void rsb_tempo_offer_refresh (RsbTempoOffer *self,
                              RsbStore      *store);

G_END_DECLS
