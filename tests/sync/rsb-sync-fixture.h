/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-fixture.h: what the API and sync tests share: a client
 * pointed at a fake service with tokens it issued, and a text dump of a
 * library to compare two of them row by row. */
#pragma once

#include "rsb-api-client.h"
#include "rsb-fake-api.h"
#include "rsb-store.h"

G_BEGIN_DECLS

/* Points RSB_<SERVICE>_AUTH_URL and _API_URL at the fake, takes fresh
 * tokens from it and returns a client with a 1 ms backoff and a
 * 1-second stall timeout. */
RsbApiClient *rsb_sync_fixture_client   (RsbService   service,
                                         RsbFakeApi  *api);

/* Every activity (all columns but none of the cached match) with a
 * digest of each stream column, one line each, in id order. */
char         *rsb_sync_fixture_dump_activities (RsbStore *store);
/* Every play with its track, one line each, in time order. */
char         *rsb_sync_fixture_dump_plays      (RsbStore *store);

G_END_DECLS
