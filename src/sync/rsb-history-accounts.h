/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-accounts.h: connecting, syncing and disconnecting the
 * listening histories read by user name (ListenBrainz; Last.fm with
 * the user's own API key), end to end.
 *
 * Synchronous, for a worker thread (the window) or the command line.
 * The store must have been opened on the calling thread.
 */
#pragma once

#include <gio/gio.h>

#include "rsb-service.h"
#include "rsb-store.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

/* Asks the service once whether user exists (and, for Last.fm, takes
 * api_key), sets *out_count to the listens it holds, then keeps the
 * key in the keyring and the account (the user name) in the store.
 * Connecting the same user again keeps the sync's place. Any failure
 * stores nothing. api_key is ignored for ListenBrainz. */
gboolean rsb_history_accounts_connect    (RsbStore             *store,
                                          RsbService            service,
                                          const char           *user,
                                          const char           *api_key,
                                          gint64               *out_count,
                                          GCancellable         *cancellable,
                                          GError              **error);

/* Forgets the account and the API key; what was synced stays. */
gboolean rsb_history_accounts_disconnect (RsbStore             *store,
                                          RsbService            service,
                                          GCancellable         *cancellable,
                                          GError              **error);

/* One sync of a connected history (the key from the keyring). */
gboolean rsb_history_accounts_sync       (RsbStore             *store,
                                          RsbService            service,
                                          RsbSyncProgressFunc   progress,
                                          gpointer              user_data,
                                          RsbSyncSummary       *summary,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_END_DECLS
