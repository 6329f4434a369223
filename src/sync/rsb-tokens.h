/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tokens.h: what a service's sign-in leaves: the tokens and who
 * they belong to. A leaf, so that the token source, OAuth, the keyring
 * and the accounts can share it without including each other. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char   *access_token;
  char   *refresh_token;
  gint64  expires_at_ms;   /* UTC ms */
  char   *account_id;      /* Strava athlete id / Spotify user id, when the answer says */
  char   *display_name;    /* "Firstname Lastname" / Spotify display_name, when known */
  char   *scope;           /* the scopes granted, space-separated, when the answer says */
} RsbTokens;

void       rsb_tokens_free            (RsbTokens *tokens);
RsbTokens *rsb_tokens_copy            (const RsbTokens *tokens);
/* TRUE when the access token expires within the next margin_ms. */
gboolean   rsb_tokens_expire_soon     (const RsbTokens *tokens,
                                       gint64           now_ms,
                                       gint64           margin_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbTokens, rsb_tokens_free)

G_END_DECLS
