/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-deezer-api.h: Deezer's public catalogue (no key), as its API
 * documentation at developers.deezer.com/api describes it: a track by
 * ISRC (GET /track/isrc:{ISRC}), a search (GET /search?q=artist:"…"
 * track:"…"), a track by id (GET /track/{id}); durations in seconds,
 * "bpm" 0 when Deezer does not know it. Errors come as HTTP 200 with
 * {"error":{"type":…,"message":…,"code":…}}: code 4 is the quota (50
 * requests per 5 s per address), 800 "no data". Paths and parsing
 * only: no network here. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RSB_DEEZER_DEFAULT_URL       "https://api.deezer.com"
#define RSB_DEEZER_URL_ENV           "RSB_DEEZER_API_URL"
#define RSB_DEEZER_QUOTA_REQUESTS    50
#define RSB_DEEZER_QUOTA_WINDOW_MS   5000
/* For tests and benchmarks only: a shorter quota window (ms) that the
 * client paces to and the fake server enforces. */
#define RSB_DEEZER_WINDOW_ENV        "RSB_DEEZER_QUOTA_WINDOW_MS"

/* A search candidate is the track when its duration is this close. */
#define RSB_DEEZER_DURATION_SLACK_MS 3000

typedef enum {
  RSB_DEEZER_OK,
  RSB_DEEZER_NO_DATA,       /* code 800: not in the catalogue */
  RSB_DEEZER_QUOTA,         /* code 4: over the quota */
} RsbDeezerStatus;

/* The quota window: RSB_DEEZER_QUOTA_WINDOW_MS, or the environment's. */
gint64           rsb_deezer_quota_window_ms   (void);

char            *rsb_deezer_isrc_path         (const char  *isrc);
/* The first artist of a ", "-joined list and the title, quoted. */
char            *rsb_deezer_search_path       (const char  *artists,
                                               const char  *title);
char            *rsb_deezer_track_path        (gint64       id);

/* Reads Deezer's error object, if the answer is one: NO_DATA, QUOTA,
 * or FALSE with an error naming Deezer for any other code. OK for an
 * answer that is not an error. */
gboolean         rsb_deezer_check             (JsonNode        *node,
                                               RsbDeezerStatus *status,
                                               GError         **error);
/* A track object: its bpm (0 when unknown). */
gboolean         rsb_deezer_parse_track       (JsonNode        *node,
                                               double          *bpm,
                                               GError         **error);
/* A search answer: the id of the candidate whose duration is closest
 * to duration_ms and within RSB_DEEZER_DURATION_SLACK_MS of it (the
 * first candidate when duration_ms is 0), 0 when none is. */
gboolean         rsb_deezer_pick_candidate    (JsonNode        *node,
                                               gint64           duration_ms,
                                               gint64          *id,
                                               GError         **error);

G_END_DECLS
