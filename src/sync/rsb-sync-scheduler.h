/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-scheduler.h: runs syncs off the main thread, one at a time,
 * and polls Spotify while the app runs (its API forgets all but the
 * last 50 plays, so waiting loses history).
 *
 * Signals are emitted on the main context of the thread that made the
 * scheduler:
 *   ::progress (guint service, const char *message, double fraction)
 *   ::activity-added (gint64 id)          an activity just landed
 *   ::finished (guint service, gboolean requested,
 *               gpointer summary (const RsbSyncSummary *), GError *error)
 *     requested is FALSE for the scheduler's own runs (polls, startup,
 *     resuming after a rate window): those report only news and
 *     changes of trouble. error is NULL on success.
 */
#pragma once

#include <gio/gio.h>

#include "rsb-service.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

#define RSB_TYPE_SYNC_SCHEDULER (rsb_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (RsbSyncScheduler, rsb_sync_scheduler, RSB, SYNC_SCHEDULER, GObject)

RsbSyncScheduler *rsb_sync_scheduler_new              (const char        *store_path);

/* Queues a sync the person asked for; a service already queued or
 * running is not queued twice. */
void              rsb_sync_scheduler_sync             (RsbSyncScheduler  *self,
                                                       RsbService         service);
void              rsb_sync_scheduler_sync_all         (RsbSyncScheduler  *self);
/* Queues a sync nobody asked for (at startup, on the poll): quiet
 * unless it brings news or new trouble. */
void              rsb_sync_scheduler_poll             (RsbSyncScheduler  *self,
                                                       RsbService         service);
/* Polls Spotify every `minutes` from now (0 stops polling). */
void              rsb_sync_scheduler_set_poll_minutes (RsbSyncScheduler  *self,
                                                       guint              minutes);
gboolean          rsb_sync_scheduler_get_busy         (RsbSyncScheduler  *self);
/* Stops the running sync between two batches and drops the queue;
 * what landed stays. */
void              rsb_sync_scheduler_cancel           (RsbSyncScheduler  *self);
/* Cancels what runs and is queued, then calls func (owner) once no sync
 * is running: at once when none is, else when the running one has
 * stopped (not at all if owner is finalized first). For what a sync
 * would undo by writing its account back when it ends. */
typedef void (*RsbSchedulerIdleFunc) (gpointer owner);
void              rsb_sync_scheduler_cancel_then      (RsbSyncScheduler     *self,
                                                       gpointer              owner,
                                                       RsbSchedulerIdleFunc  func);

G_END_DECLS
