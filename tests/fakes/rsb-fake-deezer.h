/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-deezer.h: Deezer's public catalogue on 127.0.0.1 for tests.
 *
 * Under /deezer, as developers.deezer.com/api documents them: GET
 * /track/isrc:{ISRC} and /track/{id} (a track object with "bpm", 0
 * when unknown), GET /search?q=artist:"…" track:"…" ({"data":[…],
 * "total":n} without bpm). Errors come with HTTP 200: {"error":{"type":
 * "DataException","message":"no data","code":800}} for an unknown ISRC
 * or id, and {"error":{"type":"Exception","message":"Quota limit
 * exceeded","code":4}} when a request would be more than `limit` in any
 * window of window_ms (a sliding window over the times requests
 * arrived, as Deezer counts per address). Faults: rsb-fake-catalogue.h.
 */
#pragma once

#include "rsb-fake-catalogue.h"

G_BEGIN_DECLS

typedef struct _RsbFakeDeezer RsbFakeDeezer;

/* Deezer's own quota is 50 per 5000 ms. */
RsbFakeDeezer    *rsb_fake_deezer_new          (guint           limit,
                                                gint64          window_ms,
                                                GError        **error);
void              rsb_fake_deezer_free         (RsbFakeDeezer  *self);
RsbFakeCatalogue *rsb_fake_deezer_get_server   (RsbFakeDeezer  *self);
/* What RSB_DEEZER_API_URL expects. */
char             *rsb_fake_deezer_dup_url      (RsbFakeDeezer  *self);

/* isrc may be NULL (found by search only); bpm 0: Deezer does not know. */
void              rsb_fake_deezer_add_track    (RsbFakeDeezer  *self,
                                                gint64          id,
                                                const char     *isrc,
                                                const char     *artist,
                                                const char     *title,
                                                guint           duration_s,
                                                double          bpm);

/* Another program on the same address just spent the whole quota. */
void              rsb_fake_deezer_spend_quota  (RsbFakeDeezer  *self);
/* Every request answers code 4 for the next ms milliseconds. */
void              rsb_fake_deezer_block        (RsbFakeDeezer  *self,
                                                gint64          ms);

/* "total", "faults" (rsb-fake-catalogue.h), "isrc", "search", "track"
 * (answered), "quota" (answered with code 4), "spent" (arrived while
 * the quota was spent after this client had already been told so: a
 * client that minds code 4 keeps this at 0). */
guint             rsb_fake_deezer_count        (RsbFakeDeezer  *self,
                                                const char     *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeDeezer, rsb_fake_deezer_free)

G_END_DECLS
