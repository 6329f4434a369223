/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-lastfm-api.h: Last.fm's user.getRecentTracks in the app's types,
 * following its documentation (JSON format: scrobbles newest first,
 * numbers as strings, the track playing now flagged with
 * @attr.nowplaying and without a date). Pure: no network here. */
#pragma once

#include <json-glib/json-glib.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* The most scrobbles one page may hold. */
#define RSB_LASTFM_PAGE_LIMIT 200
/* Last.fm asks for no more than 5 requests a second. */
#define RSB_LASTFM_REQUESTS_PER_SECOND 5

typedef struct {
  GPtrArray *plays;        /* RsbPlay, oldest first, still open: end = start */
  guint      page;         /* @attr.page, 1-based */
  guint      total_pages;  /* @attr.totalPages (0 when there is nothing) */
  gint64     total;        /* @attr.total: scrobbles in the range */
  gint64     oldest_s;     /* date.uts of the oldest and newest scrobble, 0 when none */
  gint64     newest_s;
} RsbLastfmPage;

void           rsb_lastfm_page_free            (RsbLastfmPage  *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbLastfmPage, rsb_lastfm_page_free)

/* "/?method=user.getrecenttracks&user=…&api_key=…&format=json&limit=…
 * &page=…" with from and to (Unix seconds, inclusive; 0 leaves either
 * out). The query holds the key: never show or log it. */
char          *rsb_lastfm_recent_tracks_path   (const char     *user,
                                                const char     *api_key,
                                                gint64          from_s,
                                                gint64          to_s,
                                                guint           page,
                                                guint           limit);

/* Each scrobble as a play: start = date.uts (when the track started,
 * to the second), end = start until rsb_plays_close_open_ends; name,
 * artist and album #text. The track playing now is skipped. */
RsbLastfmPage *rsb_lastfm_parse_recent_tracks  (JsonNode       *node,
                                                GError        **error);

/* An RsbHistoryErrorFunc for Last.fm's {"error": N, "message": …},
 * with any status; user_data is the user name (const char *). 10 and
 * 26 are a bad key (RSB_SYNC_ERROR_BAD_KEY), 6 no such user, 17 a
 * private history, 29 "slow down" (RATE_LIMITED), 8, 11 and 16 worth
 * another try (SERVER). The message names the service and the user,
 * never the key. */
gboolean       rsb_lastfm_read_error           (guint           status,
                                                GBytes         *body,
                                                gpointer        user_data,
                                                GError        **error);

G_END_DECLS
