/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-spotify-playlist.h: a playlist made private on the user's Spotify
 * account (POST /me/playlists, then POST /playlists/{id}/items, at most
 * 100 URIs a request), with the scope playlist-modify-private.
 *
 * Synchronous, for a worker thread or the command line. */
#pragma once

#include "rsb-api-client.h"
#include "rsb-playlist.h"
#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_SPOTIFY_PLAYLIST_SCOPE      "playlist-modify-private"
#define RSB_SPOTIFY_PLAYLIST_BATCH      100
/* A 429 asking to wait longer than this ends the attempt; shorter
 * waits are waited out (a person is looking at a spinner). */
#define RSB_SPOTIFY_PLAYLIST_MAX_WAIT_MS (60 * 1000)

#define RSB_SPOTIFY_PLAYLIST_ERROR (rsb_spotify_playlist_error_quark ())

typedef enum {
  RSB_SPOTIFY_PLAYLIST_ERROR_SCOPE,      /* reconnect Spotify to allow playlists */
  RSB_SPOTIFY_PLAYLIST_ERROR_NO_SONGS,   /* not one song has a Spotify URI */
} RsbSpotifyPlaylistError;

GQuark rsb_spotify_playlist_error_quark (void);

typedef struct {
  char  *id;          /* the new playlist's Spotify id, NULL when none was made */
  char  *url;         /* its open.spotify.com page, or NULL */
  guint  n_added;     /* songs now in it */
  guint  n_left_out;  /* songs without a Spotify URI */
} RsbSpotifyPlaylistResult;

void      rsb_spotify_playlist_result_clear (RsbSpotifyPlaylistResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RsbSpotifyPlaylistResult, rsb_spotify_playlist_result_clear)

/* The request bodies, as the API documents them. */
JsonNode *rsb_spotify_playlist_create_body  (const char         *name,
                                             const char         *description);
JsonNode *rsb_spotify_playlist_items_body   (GPtrArray          *uris,
                                             guint               first,
                                             guint               n);

/* Creates the playlist (private) and adds every entry with a Spotify
 * URI, in order. A 403 is RSB_SPOTIFY_PLAYLIST_ERROR_SCOPE; a long rate
 * pause is RSB_SYNC_ERROR_RATE_LIMITED. On an error after the playlist
 * was made, result says what it holds. */
gboolean  rsb_spotify_playlist_create       (RsbApiClient              *client,
                                             const RsbPlaylist         *playlist,
                                             const char                *description,
                                             RsbSpotifyPlaylistResult  *result,
                                             GCancellable              *cancellable,
                                             GError                   **error);

/* FALSE with RSB_SPOTIFY_PLAYLIST_ERROR_SCOPE when the stored Spotify
 * account did not grant the scope (or was connected before the app
 * kept scopes), RSB_SYNC_ERROR_NOT_CONNECTED without an account. */
gboolean  rsb_spotify_playlist_check_account (RsbStore                 *store,
                                              GError                  **error);

/* check_account, then the tokens from the keyring, then create. */
gboolean  rsb_spotify_playlist_publish      (RsbStore                  *store,
                                             const RsbPlaylist         *playlist,
                                             RsbSpotifyPlaylistResult  *result,
                                             GCancellable              *cancellable,
                                             GError                   **error);

/* The tokens from the keyring, then create: no store, so any thread
 * (check the account first, on the store's thread). */
gboolean  rsb_spotify_playlist_send         (const RsbPlaylist         *playlist,
                                             RsbSpotifyPlaylistResult  *result,
                                             GCancellable              *cancellable,
                                             GError                   **error);

/* "“Morning Run” is on Spotify with 12 songs; 3 without a Spotify link
 * were left out." (translated) */
char     *rsb_spotify_playlist_result_message (const RsbPlaylist              *playlist,
                                               const RsbSpotifyPlaylistResult *result);

G_END_DECLS
