/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-account-group.h: a listening history read by user name
 * (ListenBrainz; Last.fm with an API key) in Preferences → Accounts. */
#pragma once

#include <adwaita.h>

#include "rsb-service.h"
#include "rsb-store.h"
#include "rsb-sync-scheduler.h"

G_BEGIN_DECLS

#define RSB_TYPE_HISTORY_ACCOUNT_GROUP (rsb_history_account_group_get_type ())
G_DECLARE_FINAL_TYPE (RsbHistoryAccountGroup, rsb_history_account_group, RSB, HISTORY_ACCOUNT_GROUP,
                      AdwPreferencesGroup)

/* service is RSB_SERVICE_LISTENBRAINZ or RSB_SERVICE_LASTFM; store is
 * the library on disk, read on the main thread for the account. */
RsbHistoryAccountGroup *rsb_history_account_group_new (RsbService        service,
                                                       RsbStore         *store,
                                                       RsbSyncScheduler *scheduler);

G_END_DECLS
