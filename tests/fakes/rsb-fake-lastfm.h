/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-lastfm.h: Last.fm's user.getRecentTracks on 127.0.0.1 for
 * tests, as its documentation describes it:
 *
 *   GET /?method=user.getrecenttracks&user=…&api_key=…&format=json
 *       &limit=N&page=P[&from=S][&to=S]
 *     {"recenttracks": {"track": [...], "@attr": {"user", "page",
 *      "perPage", "totalPages", "total"}}}, numbers as strings, newest
 *     first, from and to inclusive; the track playing now (when set)
 *     heads page 1 with "@attr": {"nowplaying": "true"} and no date.
 *   errors as {"error": N, "message": …}: 10 a wrong key (403), 6 an
 *   unknown user (404), 17 a private one (403), 29 a request that
 *   makes more than 5 in any second (429, counted as "spent").
 *
 * Faults: rsb-fake-catalogue.h.
 */
#pragma once

#include "rsb-fake-catalogue.h"

G_BEGIN_DECLS

typedef struct _RsbFakeLastfm RsbFakeLastfm;

/* api_key is the one key it accepts. */
RsbFakeLastfm    *rsb_fake_lastfm_new           (const char     *api_key,
                                                 GError        **error);
void              rsb_fake_lastfm_free          (RsbFakeLastfm  *self);
RsbFakeCatalogue *rsb_fake_lastfm_get_server    (RsbFakeLastfm  *self);
/* What RSB_LASTFM_API_URL expects. */
char             *rsb_fake_lastfm_dup_url       (RsbFakeLastfm  *self);

void              rsb_fake_lastfm_add_user      (RsbFakeLastfm  *self,
                                                 const char     *user,
                                                 gboolean        private_history);
/* A scrobble started at uts (Unix s); adds the user when needed. */
void              rsb_fake_lastfm_add_scrobble  (RsbFakeLastfm  *self,
                                                 const char     *user,
                                                 gint64          uts,
                                                 const char     *artist,
                                                 const char     *title,
                                                 const char     *album);
/* n scrobbles from start_s, one every gap_s: "Track N" by "Band N % 5". */
void              rsb_fake_lastfm_add_series    (RsbFakeLastfm  *self,
                                                 const char     *user,
                                                 guint           n,
                                                 gint64          start_s,
                                                 gint64          gap_s);
/* The track user is playing now (NULL: none). */
void              rsb_fake_lastfm_set_now_playing (RsbFakeLastfm *self,
                                                   const char    *user,
                                                   const char    *artist,
                                                   const char    *title);

/* The next request that passes the rate check answers Last.fm's error
 * code (6 … 29) with http_status instead. */
void              rsb_fake_lastfm_inject_error  (RsbFakeLastfm  *self,
                                                 int             code,
                                                 guint           http_status);

/* "total", "faults" (rsb-fake-catalogue.h), "tracks" (answered),
 * "spent" (refused with error 29). */
guint             rsb_fake_lastfm_count         (RsbFakeLastfm  *self,
                                                 const char     *what);
/* The most requests that arrived within any window_ms so far. */
guint             rsb_fake_lastfm_max_in_window (RsbFakeLastfm  *self,
                                                 gint64          window_ms);
/* page, from and to of each request so far, one a line ("page=2&from=…
 * &to=…"), and forgets them. */
char             *rsb_fake_lastfm_take_queries  (RsbFakeLastfm  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeLastfm, rsb_fake_lastfm_free)

G_END_DECLS
