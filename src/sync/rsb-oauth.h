/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-oauth.h: OAuth 2.0 for native apps (RFC 8252) with PKCE (RFC 7636).
 *
 * Every call here is synchronous and takes a SoupSession created on the
 * calling thread: the UI runs them in a worker thread, the command line
 * calls them directly.
 */
#pragma once

#include <libsoup/soup.h>

#include "rsb-service.h"
#include "rsb-tokens.h"

G_BEGIN_DECLS

/* base64url (no padding) of n_bytes from getrandom(). */
char      *rsb_oauth_random_string    (gsize        n_bytes);
/* BASE64URL(SHA256(verifier)) */
char      *rsb_oauth_pkce_challenge   (const char  *verifier);

typedef struct {
  RsbService  service;
  char       *client_id;
  char       *client_secret;  /* Strava only; NULL for Spotify */
  char       *redirect_uri;   /* http://127.0.0.1:PORT/callback */
  char       *state;          /* random, checked on return */
  char       *verifier;       /* PKCE code_verifier */
} RsbAuthRequest;

/* Fills state and verifier with fresh random values. */
RsbAuthRequest *rsb_auth_request_new  (RsbService   service,
                                       const char  *client_id,
                                       const char  *client_secret,
                                       const char  *redirect_uri);
void            rsb_auth_request_free (RsbAuthRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbAuthRequest, rsb_auth_request_free)

/* The URL to open in the browser: client_id, redirect_uri,
 * response_type=code, scope, state, code_challenge(_method=S256),
 * and for Strava approval_prompt=auto. */
char      *rsb_oauth_authorize_url    (const RsbAuthRequest *request,
                                       GError              **error);

/* authorization_code grant. Strava's answer carries the athlete; for
 * Spotify the display name is fetched from /me. */
RsbTokens *rsb_oauth_exchange_code    (SoupSession          *session,
                                       const RsbAuthRequest *request,
                                       const char           *code,
                                       GCancellable         *cancellable,
                                       GError              **error);

/* refresh_token grant. An answer without a new refresh token keeps the
 * old one; "invalid_grant" is RSB_SYNC_ERROR_INVALID_GRANT. */
RsbTokens *rsb_oauth_refresh          (SoupSession          *session,
                                       RsbService            service,
                                       const char           *client_id,
                                       const char           *client_secret,
                                       const char           *refresh_token,
                                       GCancellable         *cancellable,
                                       GError              **error);

/* Strava's POST /deauthorize; a no-op returning TRUE for Spotify. */
gboolean   rsb_oauth_deauthorize      (SoupSession          *session,
                                       RsbService            service,
                                       const char           *access_token,
                                       GCancellable         *cancellable,
                                       GError              **error);

G_END_DECLS
