/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-reccobeats-api.h: ReccoBeats' audio features (no key), as its
 * documentation at reccobeats.com/docs describes them: GET
 * /v1/audio-features?ids=<Spotify or ReccoBeats ids, comma-separated,
 * at most 40> answers {"content":[{"id": <ReccoBeats id>, "href":
 * "https://open.spotify.com/track/<Spotify id>", "tempo": BPM,
 * "energy": 0..1, …}]}; tracks it has no features for are left out.
 * Its limits are not published: it answers 429 with Retry-After. Paths
 * and parsing only: no network here. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RSB_RECCOBEATS_DEFAULT_URL  "https://api.reccobeats.com/v1"
#define RSB_RECCOBEATS_URL_ENV      "RSB_RECCOBEATS_API_URL"
#define RSB_RECCOBEATS_MAX_IDS      40
/* Unpublished limits: stay well clear of them. */
#define RSB_RECCOBEATS_REQUESTS     5
#define RSB_RECCOBEATS_WINDOW_MS    1000

typedef struct {
  double tempo;    /* 0 when unknown */
  double energy;   /* NAN when unknown */
} RsbReccoBeatsFeatures;

/* The Spotify id of "spotify:track:<id>", NULL for any other URI. */
char       *rsb_reccobeats_spotify_id      (const char  *uri);
/* ids: Spotify ids, at most RSB_RECCOBEATS_MAX_IDS. */
char       *rsb_reccobeats_features_path   (const char * const *ids,
                                            guint               n);
/* Spotify id -> RsbReccoBeatsFeatures (g_free), from each item's href. */
GHashTable *rsb_reccobeats_parse_features  (JsonNode           *node,
                                            GError            **error);

G_END_DECLS
