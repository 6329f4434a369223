/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-strava.h: a Strava on 127.0.0.1 for tests.
 *
 * OAuth under /oauth (authorize, token, deauthorize: rsb-fake-oauth),
 * the API under /api/v3: GET /athlete (../shared/testdata/strava-api/
 * athlete.json), GET /athlete/activities (after, before, page, per_page
 * as Strava reads them; summaries shaped from activity.json), GET
 * /activities/{id}/streams (keys, key_by_type). Activities are made up
 * by the test: N of them, each with a route of M points. Rate windows,
 * faults and counters: see rsb-fake-api.h (endpoints "athlete",
 * "activities", "streams").
 *
 * Needs RSB_SHARED_DIR (set by rsb_test_env).
 */
#pragma once

#include "rsb-fake-api.h"

G_BEGIN_DECLS

typedef struct _RsbFakeStrava RsbFakeStrava;

RsbFakeStrava *rsb_fake_strava_new             (GError        **error);
void           rsb_fake_strava_free            (RsbFakeStrava  *self);
RsbFakeApi    *rsb_fake_strava_get_api         (RsbFakeStrava  *self);

/* "http://127.0.0.1:PORT/oauth" and ".../api/v3": what
 * RSB_STRAVA_AUTH_URL and RSB_STRAVA_API_URL expect. */
char          *rsb_fake_strava_dup_auth_url    (RsbFakeStrava  *self);
char          *rsb_fake_strava_dup_api_url     (RsbFakeStrava  *self);

/* Adds n activities with routes of n_points points (at 1 point every
 * 5 s), starting first_start_ms and every spacing_ms after. Ids,
 * names, sports (Run, Ride, TrailRun, Walk, MountainBikeRide, Hike in
 * turn) and routes follow from the index, so two fakes given the same
 * calls serve the same data. */
void           rsb_fake_strava_add_activities  (RsbFakeStrava  *self,
                                                guint           n,
                                                guint           n_points,
                                                gint64          first_start_ms,
                                                gint64          spacing_ms);
guint          rsb_fake_strava_get_n_activities (RsbFakeStrava *self);
/* The index-th activity's id (decimal) and start. */
char          *rsb_fake_strava_dup_activity_id (RsbFakeStrava  *self,
                                                guint           index);
gint64         rsb_fake_strava_get_activity_start (RsbFakeStrava *self,
                                                guint           index);

/* Answer streams as the array of the Swagger example even when
 * key_by_type=true is asked. */
void           rsb_fake_strava_set_streams_as_array (RsbFakeStrava *self,
                                                gboolean        as_array);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeStrava, rsb_fake_strava_free)

G_END_DECLS
