/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-accounts.h: connecting and disconnecting a service, end to end.
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

/* Shows the authorize URL to the person: the window hands it to the
 * desktop's URI launcher (the portal inside Flatpak) and shows it for
 * copying; the command line prints it and asks GIO's default handler.
 * Called once, on the connecting thread, once the listener is up. */
typedef void (*RsbShowUrlFunc) (const char *url,
                                gpointer    user_data);

/* Runs the whole OAuth flow: loopback listener on 127.0.0.1 (port 0 =
 * ephemeral), PKCE and state, the browser, the code exchange; then the
 * tokens go to the keyring and the account (name, time) to the store.
 * Any failure stores nothing. */
gboolean rsb_accounts_connect    (RsbStore        *store,
                                  RsbService       service,
                                  guint            port,
                                  guint            timeout_ms,
                                  RsbShowUrlFunc   show_url,
                                  gpointer         user_data,
                                  GCancellable    *cancellable,
                                  GError         **error);

/* Tells Strava to revoke the app's access (best effort: an unreachable
 * server does not keep the tokens here), then forgets the tokens and
 * the account. The activities and plays synced so far stay. */
gboolean rsb_accounts_disconnect (RsbStore        *store,
                                  RsbService       service,
                                  GCancellable    *cancellable,
                                  GError         **error);

/* One sync of a connected service with the tokens in the keyring: new
 * activities (Strava) or new plays (Spotify), each batch one
 * transaction. A refused refresh token marks the account "Reconnect"
 * (RSB_SYNC_ERROR_INVALID_GRANT); a spent rate window is
 * RSB_SYNC_ERROR_RATE_LIMITED with summary->paused_until_ms set. */
gboolean rsb_accounts_sync       (RsbStore            *store,
                                  RsbService           service,
                                  RsbSyncProgressFunc  progress,
                                  gpointer             user_data,
                                  RsbSyncSummary      *summary,
                                  GCancellable        *cancellable,
                                  GError             **error);

G_END_DECLS
