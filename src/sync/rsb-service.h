/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-service.h: the services the app connects to, and where they live.
 *
 * Strava and Spotify sign in with OAuth; ListenBrainz and Last.fm are
 * listening histories read by user name (Last.fm with the user's own
 * API key): rsb_service_uses_oauth() tells them apart, and the OAuth
 * parts below are for the first two only.
 *
 * Every base URL can be overridden from the environment (tests run fake
 * servers on 127.0.0.1; people can self-host a proxy), and client ids come
 * from the environment, then the keyring, then the build's defaults.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  RSB_SERVICE_STRAVA,
  RSB_SERVICE_SPOTIFY,
  RSB_SERVICE_LISTENBRAINZ,
  RSB_SERVICE_LASTFM,
  RSB_N_SERVICES
} RsbService;

const char *rsb_service_id            (RsbService   service);  /* "strava", "spotify", "listenbrainz", "lastfm" */
const char *rsb_service_display_name  (RsbService   service);  /* "Strava", "Spotify", "ListenBrainz", "Last.fm" */
gboolean    rsb_service_from_id       (const char  *id,
                                       RsbService  *out_service);
/* TRUE for Strava and Spotify (browser sign-in, tokens); FALSE for the
 * listening histories read by user name. */
gboolean    rsb_service_uses_oauth    (RsbService   service);

/* Base URLs without a trailing slash:
 *   RSB_STRAVA_AUTH_URL   https://www.strava.com/oauth
 *   RSB_STRAVA_API_URL    https://www.strava.com/api/v3
 *   RSB_SPOTIFY_AUTH_URL  https://accounts.spotify.com
 *   RSB_SPOTIFY_API_URL   https://api.spotify.com/v1
 *   RSB_LISTENBRAINZ_API_URL  https://api.listenbrainz.org
 *   RSB_LASTFM_API_URL        https://ws.audioscrobbler.com/2.0
 * An override that is not https (or http on loopback) is refused with
 * an error naming the variable. The services without OAuth have no
 * auth URL: NULL with an error. */
char       *rsb_service_auth_url      (RsbService   service,
                                       GError     **error);
char       *rsb_service_api_url       (RsbService   service,
                                       GError     **error);

/* Endpoints under the auth base: Strava /authorize, /token, /deauthorize;
 * Spotify /authorize, /api/token (no deauthorize: NULL). */
char       *rsb_service_authorize_endpoint   (RsbService service, GError **error);
char       *rsb_service_token_endpoint       (RsbService service, GError **error);
char       *rsb_service_deauthorize_endpoint (RsbService service, GError **error);

/* "activity:read_all" / "user-read-recently-played playlist-modify-private" */
const char *rsb_service_scope         (RsbService   service);

/* env_client_id: RSB_STRAVA_CLIENT_ID / RSB_SPOTIFY_CLIENT_ID, NULL when
 * unset or empty. default_client_id: the build option, NULL when ''.
 * The keyring value, when the user typed one in Preferences, sits
 * between the two: see rsb_secrets_client_id(). */
const char *rsb_service_env_client_id     (RsbService service);
const char *rsb_service_env_client_secret (RsbService service);  /* Strava only: RSB_STRAVA_CLIENT_SECRET */
const char *rsb_service_default_client_id (RsbService service);
gboolean    rsb_service_needs_client_secret (RsbService service); /* TRUE for Strava */

G_END_DECLS
