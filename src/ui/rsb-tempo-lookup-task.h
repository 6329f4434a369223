/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup-task.h: the online tempo lookup running in the
 * background of the app, one at a time, for the services the user
 * turned on (GSettings tempo-lookup-deezer / -reccobeats). Preferences
 * starts, shows and cancels it; the window reloads its views when it
 * found tempi; syncs and imports start it again for new tracks. */
#pragma once

#include <gio/gio.h>

#include "rsb-tempo-lookup.h"

G_BEGIN_DECLS

#define RSB_TYPE_TEMPO_LOOKUP_TASK (rsb_tempo_lookup_task_get_type ())
G_DECLARE_FINAL_TYPE (RsbTempoLookupTask, rsb_tempo_lookup_task, RSB, TEMPO_LOOKUP_TASK, GObject)

/* The app's one task (made on first use, on the main thread). */
RsbTempoLookupTask *rsb_tempo_lookup_task_get_default (void);

/* Starts a lookup of the services turned on; FALSE (nothing started)
 * when none is or one already runs. */
gboolean            rsb_tempo_lookup_task_start       (RsbTempoLookupTask *self);
void                rsb_tempo_lookup_task_cancel      (RsbTempoLookupTask *self);
gboolean            rsb_tempo_lookup_task_is_busy     (RsbTempoLookupTask *self);
/* The service being asked now and how far it got. */
gboolean            rsb_tempo_lookup_task_get_progress (RsbTempoLookupTask     *self,
                                                        RsbTempoLookupProgress *progress);
/* Why the last run stopped early, NULL when it did not. */
const GError       *rsb_tempo_lookup_task_get_error   (RsbTempoLookupTask *self);
/* When the last run stopped for a quota, when to come back (UTC ms). */
gint64              rsb_tempo_lookup_task_get_resume_ms (RsbTempoLookupTask *self);

/* Signals: "changed" () on every progress, start and end; "finished"
 * (guint n_found) when a run ended, on the main thread. */

G_END_DECLS
