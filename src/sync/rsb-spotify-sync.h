/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-spotify-sync.h: brings the latest Spotify plays into the library. */
#pragma once

#include <gio/gio.h>

#include "rsb-api-client.h"
#include "rsb-store.h"
#include "rsb-sync-summary.h"

G_BEGIN_DECLS

/* Asks recently-played for the plays after the account's cursor (limit
 * 50, again while a page comes back full, since Spotify forgets all but
 * the last 50). Each page is one transaction: its plays (each stored
 * once, whatever other source has it too), the refreshed matches of
 * the activities they overlap, and the new cursor. A play's start is
 * its end (played_at) minus the track's length, but never before the
 * previous play ended.
 *
 * Runs on the calling thread, with the store and client made there.
 * Saves the last sync time, or the pause after a 429
 * (RSB_SYNC_ERROR_RATE_LIMITED, summary->paused_until_ms); while that
 * pause lasts it fails at once without a request. A revoked refresh
 * token is RSB_SYNC_ERROR_INVALID_GRANT. summary may be NULL. */
gboolean rsb_spotify_sync_run (RsbStore            *store,
                               RsbApiClient        *client,
                               RsbSyncProgressFunc  progress,
                               gpointer             user_data,
                               RsbSyncSummary      *summary,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
