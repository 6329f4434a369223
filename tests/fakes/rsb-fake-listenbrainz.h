/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-listenbrainz.h: ListenBrainz's public listens API on
 * 127.0.0.1 for tests, as its documentation and server describe it:
 *
 *   GET /1/user/{name}/listens?count=N[&max_ts=T | &min_ts=T]
 *     {"payload": {"count", "listens": [...], "user_id",
 *      "latest_listen_ts", "oldest_listen_ts"}}, newest first: with
 *     max_ts (or neither) the newest N before it; with min_ts the
 *     oldest N after it, turned around (ListenBrainz reads ascending
 *     from min_ts). Both at once: 400.
 *   GET /1/user/{name}/listen-count   {"payload": {"count": N}}
 *   an unknown user: 404 {"code": 404, "error": "Cannot find user: …"}
 *
 * Every answer carries X-RateLimit-Limit/-Remaining/-Reset-In/-Reset
 * when a window is set; a request arriving while it is spent is
 * refused with 429 and counted as "spent". Faults: rsb-fake-catalogue.h.
 */
#pragma once

#include "rsb-fake-catalogue.h"

G_BEGIN_DECLS

typedef struct _RsbFakeListenBrainz RsbFakeListenBrainz;

RsbFakeListenBrainz *rsb_fake_listenbrainz_new         (GError              **error);
void                 rsb_fake_listenbrainz_free        (RsbFakeListenBrainz  *self);
RsbFakeCatalogue    *rsb_fake_listenbrainz_get_server  (RsbFakeListenBrainz  *self);
/* What RSB_LISTENBRAINZ_API_URL expects. */
char                *rsb_fake_listenbrainz_dup_url     (RsbFakeListenBrainz  *self);

void                 rsb_fake_listenbrainz_add_user    (RsbFakeListenBrainz  *self,
                                                        const char           *user);
/* A listen at listened_at (Unix s); duration_ms 0, spotify_id and isrc
 * NULL leave them out of additional_info. Adds the user when needed. */
void                 rsb_fake_listenbrainz_add_listen  (RsbFakeListenBrainz  *self,
                                                        const char           *user,
                                                        gint64                listened_at,
                                                        const char           *artist,
                                                        const char           *title,
                                                        const char           *release,
                                                        gint64                duration_ms,
                                                        const char           *spotify_id,
                                                        const char           *isrc);
/* n listens from start_s, one every gap_s, titled "Song N" by "Artist
 * N % 7", 200 s long. */
void                 rsb_fake_listenbrainz_add_series  (RsbFakeListenBrainz  *self,
                                                        const char           *user,
                                                        guint                 n,
                                                        gint64                start_s,
                                                        gint64                gap_s);

/* At most limit requests in each window of window_s seconds (0: no
 * window, no headers). */
void                 rsb_fake_listenbrainz_set_rate_limit (RsbFakeListenBrainz *self,
                                                           guint                limit,
                                                           guint                window_s);

/* "total", "faults" (rsb-fake-catalogue.h), "listens", "count"
 * (answered), "spent" (arrived while the window was spent). */
guint                rsb_fake_listenbrainz_count       (RsbFakeListenBrainz  *self,
                                                        const char           *what);
/* The query of each listens request so far, one a line ("count=1000&
 * max_ts=…"), and forgets them. */
char                *rsb_fake_listenbrainz_take_queries (RsbFakeListenBrainz *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeListenBrainz, rsb_fake_listenbrainz_free)

G_END_DECLS
