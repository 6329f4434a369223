/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-collect.h: the Tempo page's points from the library. */
#pragma once

#include "rsb-tempo-analysis.h"

G_BEGIN_DECLS

/* Every song segment of the store's workouts: the points it keeps, and
 * those of the workouts matched since, measured from their routes and
 * kept now. Call it off the main thread the first time on a large
 * library. */
RsbTempoLibrary *rsb_tempo_library_collect (RsbStore      *store,
                                            GCancellable  *cancellable,
                                            GError       **error);

G_END_DECLS
