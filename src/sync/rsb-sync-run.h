/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-run.h: what the Strava and Spotify engines do alike around
 * a run: the account's sync state, the pause after a spent rate window,
 * progress. For the engines only. */
#pragma once

#include <gio/gio.h>

#include "rsb-api-client.h"
#include "rsb-store.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

typedef struct {
  RsbStore            *store;
  RsbApiClient        *client;
  RsbSyncProgressFunc  progress;
  gpointer             user_data;
  RsbSyncSummary      *summary;
  RsbAccount          *account;
  guint                first_request;  /* the client's count when the run began */
} RsbSyncRun;

/* Loads (or, never connected in this library, creates) the account and
 * refuses at once, without a request, while a rate window is spent. */
gboolean rsb_sync_run_begin    (RsbSyncRun          *run,
                                RsbStore            *store,
                                RsbApiClient        *client,
                                RsbSyncProgressFunc  progress,
                                gpointer             user_data,
                                RsbSyncSummary      *summary,
                                GError             **error);
void     rsb_sync_run_progress (RsbSyncRun          *run,
                                double               fraction,
                                gint64               activity_id,
                                const char          *format,
                                ...) G_GNUC_PRINTF (4, 5);
/* Records how the run ended in the account (the sync time on success,
 * the reset time after a spent rate window) and in the summary, frees
 * what begin made, and hands on the run's outcome: ok, and *run_error
 * (owned) moved to error. */
gboolean rsb_sync_run_end      (RsbSyncRun          *run,
                                gboolean             ok,
                                GError              *run_error,
                                GError             **error);

/* Shared with the history engines (rsb-history-run.c), which fetch
 * through another client. Whether a spent rate window still holds for
 * account: then summary and error say until when. */
gboolean rsb_sync_run_refuse_paused  (const RsbAccount    *account,
                                      RsbService           service,
                                      RsbSyncSummary      *summary,
                                      GError             **error);
/* Saves how a run ended in account (sync time, or the pause after a
 * spent window) and hands on its outcome: ok, run_error (owned) moved
 * to error. */
gboolean rsb_sync_run_record_outcome (RsbStore            *store,
                                      RsbAccount          *account,
                                      RsbSyncSummary      *summary,
                                      gint64               paused_until,
                                      gboolean             ok,
                                      GError              *run_error,
                                      GError             **error);

G_END_DECLS
