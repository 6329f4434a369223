/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-strava-api.h: Strava's API answers in the app's types, following
 * ../shared/api-specs/strava-swagger.json (SummaryActivity, StreamSet,
 * DetailedAthlete). Pure parsing: no network here. */
#pragma once

#include <json-glib/json-glib.h>

#include "rsb-types.h"

G_BEGIN_DECLS

#define RSB_STRAVA_PER_PAGE    200
#define RSB_STRAVA_STREAM_KEYS "time,latlng,altitude,heartrate,cadence,distance,velocity_smooth,moving"

/* One entry of GET /athlete/activities. */
typedef struct {
  RsbActivityInfo *info;     /* source "strava", source_id = the id in decimal */
  gboolean         manual;   /* entered by hand: it has no streams */
} RsbStravaSummary;

void              rsb_strava_summary_free        (RsbStravaSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbStravaSummary, rsb_strava_summary_free)

/* "/athlete/activities?after=…&per_page=…&page=…" (after in Unix seconds) */
char             *rsb_strava_activities_path     (gint64             after_s,
                                                  guint              page,
                                                  guint              per_page);
/* "/activities/{id}/streams?keys=…&key_by_type=true" */
char             *rsb_strava_streams_path        (const char        *activity_id);

/* sport_type ("TrailRun") when present, else type ("Run"), in the
 * app's sport words ("run"); NULL when neither is given. */
char             *rsb_strava_sport_from_type     (const char        *sport_type,
                                                  const char        *type);

/* A SummaryActivity or DetailedActivity. */
RsbStravaSummary *rsb_strava_parse_activity      (JsonNode          *node,
                                                  GError           **error);
/* The array GET /athlete/activities answers: RsbStravaSummary items. */
GPtrArray        *rsb_strava_parse_activity_list (JsonNode          *node,
                                                  GError           **error);

/* A StreamSet keyed by type ({"time": {"data": […]}, …}, what
 * key_by_type=true gives) or as the array of streams the Swagger
 * example shows. Unknown stream types are ignored; an answer without
 * any known stream gives 0 points. */
RsbStreams       *rsb_strava_parse_streams       (JsonNode          *node,
                                                  const char        *activity_id,
                                                  GError           **error);

/* Fills the box and point count from the streams, keeping the elapsed
 * and moving time and distance Strava reported (what the athlete sees
 * there) and measuring them only when Strava gave none. */
void              rsb_strava_measure             (RsbActivityInfo   *info,
                                                  const RsbStreams  *streams);

/* DetailedAthlete: the id in decimal and "Firstname Lastname". */
gboolean          rsb_strava_parse_athlete       (JsonNode          *node,
                                                  char             **out_id,
                                                  char             **out_name,
                                                  GError           **error);

G_END_DECLS
