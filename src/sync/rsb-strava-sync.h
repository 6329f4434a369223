/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-strava-sync.h: brings new Strava activities into the library. */
#pragma once

#include <gio/gio.h>

#include "rsb-api-client.h"
#include "rsb-store.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

/* Lists the activities that started after the newest one stored from
 * Strava (after=, per_page=200, until an empty page), then, oldest
 * first, fetches the streams of each one the library does not have
 * (same Strava id, or the same start from a file or bulk export) and
 * stores it with its match in a transaction of its own. So a run that
 * stops anywhere (cancel, crash, spent rate window) keeps what landed
 * and the next one resumes after it.
 *
 * Runs on the calling thread, with the store and client made there.
 * Saves the account's last sync time, or when a rate window stopped it
 * (RSB_SYNC_ERROR_RATE_LIMITED, summary->paused_until_ms) the time it
 * resets; while that time is ahead, it fails at once without a request.
 * summary may be NULL; it is filled even when the run fails. */
gboolean rsb_strava_sync_run (RsbStore            *store,
                              RsbApiClient        *client,
                              RsbSyncProgressFunc  progress,
                              gpointer             user_data,
                              RsbSyncSummary      *summary,
                              GCancellable        *cancellable,
                              GError             **error);

G_END_DECLS
