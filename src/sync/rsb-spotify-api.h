/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-spotify-api.h: Spotify's recently-played answers in the app's
 * types, following ../shared/api-specs/spotify-openapi.yml
 * (CursorPagingPlayHistoryObject). Pure parsing: no network here. */
#pragma once

#include <json-glib/json-glib.h>

#include "rsb-types.h"

G_BEGIN_DECLS

#define RSB_SPOTIFY_PAGE_LIMIT 50

/* Spotify stamps a play when it ends, to the millisecond, but its start
 * is inferred from the track's length: less precise than the Extended
 * Streaming History (1 s, real ms_played), which replaces it when both
 * have the same listen, and more than the account-data export (1 min). */
#define RSB_SPOTIFY_API_PRECISION_MS 2000

typedef struct {
  GPtrArray *plays;       /* RsbPlay, oldest first; source RSB_PLAY_SOURCE_API */
  guint      n_items;     /* items in the answer, plays or not */
  gint64     cursor_ms;   /* cursors.after, else the newest played_at; 0 when empty */
  gboolean   has_next;    /* "next" is not null */
} RsbSpotifyPage;

void            rsb_spotify_page_free               (RsbSpotifyPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbSpotifyPage, rsb_spotify_page_free)

/* "/me/player/recently-played?limit=…&after=…" (after in Unix ms; 0
 * leaves it out). */
char           *rsb_spotify_recently_played_path    (gint64           after_ms,
                                                     guint            limit);

/* Each play's end is its played_at and its start that minus the
 * track's duration, not yet clamped. Items without a track (an
 * episode, say) are skipped. */
RsbSpotifyPage *rsb_spotify_parse_recently_played   (JsonNode        *node,
                                                     GError         **error);

/* A listen cannot start before the previous one ended: starts are
 * moved up to the previous end (previous_end_ms for the first play,
 * RSB_NO_TIME for none) and ms_played shortened to match. plays must
 * be oldest first. */
void            rsb_spotify_clamp_starts            (GPtrArray       *plays,
                                                     gint64           previous_end_ms);

/* The album image whose size is closest to 300 px, or NULL. */
const char     *rsb_spotify_pick_artwork            (JsonArray       *images);

/* PrivateUserObject (GET /me): id and display_name (the id when the
 * user has no display name). */
gboolean        rsb_spotify_parse_user              (JsonNode        *node,
                                                     char           **out_id,
                                                     char           **out_name,
                                                     GError         **error);

G_END_DECLS
