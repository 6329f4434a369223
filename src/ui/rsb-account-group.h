/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rsb-service.h"
#include "rsb-store.h"
#include "rsb-sync-scheduler.h"

G_BEGIN_DECLS

#define RSB_TYPE_ACCOUNT_GROUP (rsb_account_group_get_type ())
G_DECLARE_FINAL_TYPE (RsbAccountGroup, rsb_account_group, RSB, ACCOUNT_GROUP, AdwPreferencesGroup)

/* One service's part of Preferences: what to register with the
 * provider, the client credentials, and the connection. store is the
 * library on disk, read on the main thread for the account's state. */
RsbAccountGroup *rsb_account_group_new (RsbService        service,
                                        RsbStore         *store,
                                        RsbSyncScheduler *scheduler,
                                        GSettings        *settings);

G_END_DECLS
