/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-oauth.h: the OAuth half of the fake Strava and Spotify
 * servers, following ../shared/api-specs and the providers' OAuth docs.
 *
 * It adds authorize (a consent page that redirects to the redirect_uri
 * with code and state, or error=access_denied), token (authorization_code
 * with PKCE checked, refresh_token with optional rotation) and, for
 * Strava, deauthorize handlers to a SoupServer the caller runs. All
 * functions are thread-safe: the server runs on its own thread while
 * the test drives it from another.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define RSB_FAKE_CLIENT_ID     "fake-client-id"
#define RSB_FAKE_CLIENT_SECRET "fake-client-secret"

typedef struct _RsbFakeOAuth RsbFakeOAuth;

/* service: "strava" or "spotify" (token paths and answer shapes differ). */
RsbFakeOAuth *rsb_fake_oauth_new     (const char    *service);
void          rsb_fake_oauth_free    (RsbFakeOAuth  *self);
/* Registers <prefix>/authorize, the token path (Strava <prefix>/token,
 * Spotify <prefix>/api/token) and Strava's <prefix>/deauthorize. */
void          rsb_fake_oauth_attach  (RsbFakeOAuth  *self,
                                      SoupServer    *server,
                                      const char    *prefix);

/* For API handlers: TRUE when the request carries a current, unexpired
 * "Authorization: Bearer" access token; otherwise answer 401. */
gboolean      rsb_fake_oauth_authorized (RsbFakeOAuth      *self,
                                         SoupServerMessage *msg);

/* Tokens issued without a browser, for API tests that skip the flow. */
void          rsb_fake_oauth_issue   (RsbFakeOAuth  *self,
                                      char         **access_token,
                                      char         **refresh_token,
                                      gint64        *expires_at_ms);

/* Faults and behaviours. */
void          rsb_fake_oauth_expire_access_tokens (RsbFakeOAuth *self);
void          rsb_fake_oauth_set_deny             (RsbFakeOAuth *self, gboolean deny);
void          rsb_fake_oauth_set_rotate_refresh   (RsbFakeOAuth *self, gboolean rotate);
/* The next token request answers 400 {"error": oauth_error}, e.g. "invalid_grant". */
void          rsb_fake_oauth_fail_next_token      (RsbFakeOAuth *self, const char *oauth_error);
/* The next token request (code or refresh) answers status with body
 * verbatim as application/json: 500s, malformed JSON. */
void          rsb_fake_oauth_break_next_token     (RsbFakeOAuth *self, guint status, const char *body);
/* Spotify: the scope the token answers say was granted (NULL, the
 * default: what the authorize request asked for). */
void          rsb_fake_oauth_set_granted_scope    (RsbFakeOAuth *self, const char *scope);
/* Access token lifetime (default: Strava 6 h, Spotify 1 h). */
void          rsb_fake_oauth_set_lifetime         (RsbFakeOAuth *self, guint seconds);

/* "authorize", "token", "refresh", "deauthorize": requests seen. */
guint         rsb_fake_oauth_count   (RsbFakeOAuth  *self,
                                      const char    *what);
/* Every access and refresh token ever issued, NULL-terminated, for
 * tests that prove no token leaked anywhere. */
char        **rsb_fake_oauth_dup_issued_tokens (RsbFakeOAuth *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeOAuth, rsb_fake_oauth_free)

G_END_DECLS
