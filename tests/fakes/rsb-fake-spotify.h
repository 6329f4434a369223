/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-spotify.h: a Spotify on 127.0.0.1 for tests.
 *
 * OAuth under /accounts (/authorize, /api/token: rsb-fake-oauth), the
 * Web API under /v1: GET /me, GET /tracks/{id} and GET /me/player/recently-played (limit,
 * after, before; CursorPagingPlayHistoryObject as the OpenAPI file has
 * it). The plays follow a schedule the test sets, on a simulated clock
 * the test moves: like Spotify, the endpoint only knows the last 50
 * plays that ended by "now". POST /me/playlists and POST
 * /playlists/{id}/items (at most 100 URIs a request) record what was
 * sent. Faults and counters: see rsb-fake-api.h (endpoints "me",
 * "recently-played", "create-playlist", "playlist-items").
 */
#pragma once

#include "rsb-fake-api.h"

G_BEGIN_DECLS

#define RSB_FAKE_SPOTIFY_WINDOW 50

typedef struct _RsbFakeSpotify RsbFakeSpotify;

RsbFakeSpotify *rsb_fake_spotify_new            (GError         **error);
void            rsb_fake_spotify_free           (RsbFakeSpotify  *self);
RsbFakeApi     *rsb_fake_spotify_get_api        (RsbFakeSpotify  *self);

/* "http://127.0.0.1:PORT/accounts" and ".../v1": what
 * RSB_SPOTIFY_AUTH_URL and RSB_SPOTIFY_API_URL expect. */
char           *rsb_fake_spotify_dup_auth_url   (RsbFakeSpotify  *self);
char           *rsb_fake_spotify_dup_api_url    (RsbFakeSpotify  *self);

/* Schedules n plays ending between first_end_ms and first_end_ms +
 * span_ms, at uneven intervals, of tracks (30 of them, 1.5 to 4
 * minutes long) drawn from a generator seeded with seed. Tracks can be
 * longer than the gap to the previous play: skipped songs. */
void            rsb_fake_spotify_schedule_plays (RsbFakeSpotify  *self,
                                                 guint            n,
                                                 gint64           first_end_ms,
                                                 gint64           span_ms,
                                                 guint32          seed);
guint           rsb_fake_spotify_get_n_plays    (RsbFakeSpotify  *self);
/* The index-th scheduled play (oldest first): its end and track URI. */
gint64          rsb_fake_spotify_get_play_end   (RsbFakeSpotify  *self,
                                                 guint            index);
char           *rsb_fake_spotify_dup_play_uri   (RsbFakeSpotify  *self,
                                                 guint            index);

/* GET /tracks/{id} (endpoint "track") knows the fake's 30 tracks:
 * the index-th one's URI and the ISRC in its external_ids. */
char           *rsb_fake_spotify_dup_track_uri  (guint            index);
char           *rsb_fake_spotify_dup_track_isrc (guint            index);

/* The simulated clock (UTC ms). */
void            rsb_fake_spotify_set_now        (RsbFakeSpotify  *self,
                                                 gint64           now_ms);
gint64          rsb_fake_spotify_get_now        (RsbFakeSpotify  *self);

/* A playlist created through the API, as the requests made it. */
typedef struct {
  char      *id;
  char      *name;
  char      *description;   /* NULL when none was sent */
  gboolean   is_public;     /* "public" sent, or Spotify's default (TRUE) */
  GPtrArray *uris;          /* char *, in playlist order */
  GArray    *batch_sizes;   /* guint: URIs in each items request */
} RsbFakePlaylist;

void             rsb_fake_playlist_free              (RsbFakePlaylist *playlist);
/* FALSE: every playlist request answers 403 "Insufficient client
 * scope", as for a token granted without playlist-modify-private. */
void             rsb_fake_spotify_set_playlist_scope (RsbFakeSpotify  *self,
                                                      gboolean         granted);
guint            rsb_fake_spotify_get_n_playlists    (RsbFakeSpotify  *self);
RsbFakePlaylist *rsb_fake_spotify_dup_playlist       (RsbFakeSpotify  *self,
                                                      guint            index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakePlaylist, rsb_fake_playlist_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeSpotify, rsb_fake_spotify_free)

G_END_DECLS
