/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-lastfm-sync.h: brings a Last.fm user's scrobbles into the library. */
#pragma once

#include <gio/gio.h>

#include "rsb-history-fetch.h"
#include "rsb-store.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

/* A fetch for Last.fm (RSB_LASTFM_API_URL), at most 5 requests in any
 * second, reading its errors for user (who must outlive the fetch). */
RsbHistoryFetch *rsb_lastfm_fetch_new   (const char           *user,
                                         GError              **error);

/* How many scrobbles user has (one request): checks the name and the
 * key together. */
gboolean         rsb_lastfm_count       (RsbHistoryFetch      *fetch,
                                         const char           *user,
                                         const char           *api_key,
                                         gint64               *out_count,
                                         GCancellable         *cancellable,
                                         GError              **error);

/* Asks user.getRecentTracks for the scrobbles from the newest one
 * stored + 1 s (from=) to the run's start (to=, fixed so that pages do
 * not shift while new scrobbles arrive), 200 a page. The first page
 * says how many there are; the pages are then stored oldest first, so
 * the cursor (the newest scrobble stored, Unix seconds) only ever
 * covers what is stored, each page one transaction. The track playing
 * now is left for the next sync. The account (the user name) must be
 * in the store; api_key is never shown, logged or stored. */
gboolean         rsb_lastfm_sync_run    (RsbStore             *store,
                                         RsbHistoryFetch      *fetch,
                                         const char           *api_key,
                                         RsbSyncProgressFunc   progress,
                                         gpointer              user_data,
                                         RsbSyncSummary       *summary,
                                         GCancellable         *cancellable,
                                         GError              **error);

G_END_DECLS
