/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-reccobeats.h: ReccoBeats on 127.0.0.1 for tests.
 *
 * Under /v1, as reccobeats.com/docs documents it: GET
 * /audio-features?ids=<Spotify or ReccoBeats ids, comma-separated, at
 * most 40> answers {"content":[{"id":<ReccoBeats UUID>,"href":
 * "https://open.spotify.com/track/<Spotify id>","acousticness":…,
 * "danceability":…,"energy":…,"instrumentalness":…,"liveness":…,
 * "loudness":…,"speechiness":…,"tempo":…,"valence":…}]}, leaving out
 * the tracks it has no features for; more than 40 ids is a 400.
 * Faults: rsb-fake-catalogue.h.
 */
#pragma once

#include "rsb-fake-catalogue.h"

G_BEGIN_DECLS

typedef struct _RsbFakeReccoBeats RsbFakeReccoBeats;

RsbFakeReccoBeats *rsb_fake_reccobeats_new        (GError            **error);
void               rsb_fake_reccobeats_free       (RsbFakeReccoBeats  *self);
RsbFakeCatalogue  *rsb_fake_reccobeats_get_server (RsbFakeReccoBeats  *self);
/* What RSB_RECCOBEATS_API_URL expects. */
char              *rsb_fake_reccobeats_dup_url    (RsbFakeReccoBeats  *self);

void               rsb_fake_reccobeats_add_track  (RsbFakeReccoBeats  *self,
                                                   const char         *spotify_id,
                                                   double              tempo,
                                                   double              energy);
/* "total", "faults", "ids" (track ids asked about). */
guint              rsb_fake_reccobeats_count      (RsbFakeReccoBeats  *self,
                                                   const char         *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeReccoBeats, rsb_fake_reccobeats_free)

G_END_DECLS
