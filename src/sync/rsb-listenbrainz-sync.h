/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listenbrainz-sync.h: brings a ListenBrainz user's listens into the
 * library. */
#pragma once

#include <gio/gio.h>

#include "rsb-history-fetch.h"
#include "rsb-store.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

/* A fetch for ListenBrainz (RSB_LISTENBRAINZ_API_URL), reading its
 * errors for user (who must outlive the fetch). */
RsbHistoryFetch *rsb_listenbrainz_fetch_new   (const char           *user,
                                               GError              **error);

/* How many listens user has (one request): checks the name exists. */
gboolean         rsb_listenbrainz_count       (RsbHistoryFetch      *fetch,
                                               const char           *user,
                                               gint64               *out_count,
                                               GCancellable         *cancellable,
                                               GError              **error);

/* The first sync walks back from the newest listen, 1,000 a page
 * (max_ts), to the oldest; later ones ask for what came after the
 * newest listen stored (min_ts), 1,000 a page, oldest first. Each page
 * is one transaction with the cursor that covers it, so a sync stopped
 * anywhere (a fault, Cancel, a rate pause) resumes where it stopped,
 * asking again only for the second at which pages overlap; the cursor is "NEWEST" (seconds) once the
 * whole history is in, "NEWEST/OLDER_THAN" while the first walk has
 * not reached the oldest listen. The account (the user name) must be
 * in the store; summary may be NULL. */
gboolean         rsb_listenbrainz_sync_run    (RsbStore             *store,
                                               RsbHistoryFetch      *fetch,
                                               RsbSyncProgressFunc   progress,
                                               gpointer              user_data,
                                               RsbSyncSummary       *summary,
                                               GCancellable         *cancellable,
                                               GError              **error);

G_END_DECLS
