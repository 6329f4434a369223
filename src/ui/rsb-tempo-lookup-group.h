/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup-group.h: Preferences → Music → Look Up Tempo Online:
 * a switch per service with what it is sent, Look Up Now with progress
 * and Cancel, and a quota pause shown plainly. */
#pragma once

#include <adwaita.h>

#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_TYPE_TEMPO_LOOKUP_GROUP (rsb_tempo_lookup_group_get_type ())
G_DECLARE_FINAL_TYPE (RsbTempoLookupGroup, rsb_tempo_lookup_group, RSB, TEMPO_LOOKUP_GROUP, AdwPreferencesGroup)

/* store: to count the songs without a tempo. */
GtkWidget *rsb_tempo_lookup_group_new (RsbStore *store);

G_END_DECLS
