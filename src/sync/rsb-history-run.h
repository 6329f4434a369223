/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-run.h: what the ListenBrainz and Last.fm engines do alike
 * around a run: the account and its pause, storing one page of listens
 * as one transaction with the cursor that covers it, progress. For the
 * engines only. */
#pragma once

#include <gio/gio.h>

#include "rsb-history-fetch.h"
#include "rsb-store.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

/* How far back each sync reads again: a phone that scrobbled a run
 * offline sends those listens when it is back online, dated when they
 * were heard, behind what the last sync stored. The repeats fold into
 * the stored listens (the same-listen rule). */
#define RSB_HISTORY_LATE_WINDOW_S (24 * 3600)

typedef struct {
  RsbStore            *store;
  RsbHistoryFetch     *fetch;
  RsbSyncProgressFunc  progress;
  gpointer             user_data;
  RsbSyncSummary      *summary;
  RsbAccount          *account;        /* account_id is the user name */
  guint                first_request;  /* the fetch's count when the run began */
} RsbHistoryRun;

/* Loads the account (RSB_SYNC_ERROR_NOT_CONNECTED without one) and
 * refuses at once, without a request, while a rate pause lasts. */
gboolean rsb_history_run_begin    (RsbHistoryRun        *run,
                                   RsbStore             *store,
                                   RsbHistoryFetch      *fetch,
                                   RsbSyncProgressFunc   progress,
                                   gpointer              user_data,
                                   RsbSyncSummary       *summary,
                                   GError              **error);

/* Stores plays (open listens of one source, any order) in one
 * transaction: each ends where the next begins, at its length, or
 * after RSB_OPEN_PLAY_MAX_MS; next_start_ms (RSB_NO_TIME: none) is
 * where the listen after the newest of them begins, when known. The
 * same listen from another source is stored once; the matches of the
 * activities they overlap are refreshed; the account's cursor becomes
 * cursor. All of it lands, or none and the cursor stays. */
gboolean rsb_history_run_store    (RsbHistoryRun        *run,
                                   GPtrArray            *plays,
                                   gint64                next_start_ms,
                                   const char           *cursor,
                                   GError              **error);

/* Tells how far the run got (a translated line); fraction unknown. */
void     rsb_history_run_progress (RsbHistoryRun        *run,
                                   const char           *message);

/* As rsb_sync_run_end: the sync time on success, the pause after a
 * spent window, and hands on the run's outcome (run_error owned). */
gboolean rsb_history_run_end      (RsbHistoryRun        *run,
                                   gboolean              ok,
                                   GError               *run_error,
                                   GError              **error);

G_END_DECLS
