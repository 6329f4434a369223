/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listenbrainz-api.h: ListenBrainz's public listens API in the
 * app's types, following its documentation (GET /1/user/{name}/listens
 * and /listen-count; listens newest first). Pure: no network here. */
#pragma once

#include <json-glib/json-glib.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* The most listens one request may ask for (MAX_ITEMS_PER_GET). */
#define RSB_LISTENBRAINZ_PAGE_LIMIT 1000

typedef struct {
  GPtrArray *plays;      /* RsbPlay, oldest first, still open: end = start */
  guint      n_listens;  /* listens in the answer, placed or not */
  gint64     oldest_s;   /* listened_at of the oldest and newest listen, 0 when none */
  gint64     newest_s;
} RsbListenBrainzPage;

void                 rsb_listenbrainz_page_free     (RsbListenBrainzPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbListenBrainzPage, rsb_listenbrainz_page_free)

/* "/1/user/{user}/listens?count=…" with min_ts or max_ts (seconds; 0
 * leaves it out: the API takes one of them at a time). The user name
 * is escaped as a path segment. */
char                *rsb_listenbrainz_listens_path  (const char  *user,
                                                     gint64       min_ts,
                                                     gint64       max_ts,
                                                     guint        count);
char                *rsb_listenbrainz_count_path    (const char  *user);

/* Each listen as a play: start = listened_at (to the second), end =
 * start until rsb_plays_close_open_ends; title, artists, album, the
 * duration, ISRC and Spotify track URI when additional_info has them.
 * A listen without a time or a title is not placed. */
RsbListenBrainzPage *rsb_listenbrainz_parse_listens (JsonNode    *node,
                                                     GError     **error);
gboolean             rsb_listenbrainz_parse_count   (JsonNode    *node,
                                                     gint64      *out_count,
                                                     GError     **error);

/* An RsbHistoryErrorFunc; user_data is the user name (const char *):
 * 404 is "no such user", 401/403 a history kept private. */
gboolean             rsb_listenbrainz_read_error    (guint        status,
                                                     GBytes      *body,
                                                     gpointer     user_data,
                                                     GError     **error);

G_END_DECLS
