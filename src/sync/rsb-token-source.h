/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-token-source.h: hands a sync engine a valid access token.
 *
 * One per sync run, used on one thread (the one running the engine).
 * It refreshes the access token shortly before it expires, or when the
 * caller says the API answered 401, and keeps the newest refresh token:
 * a rotated one replaces the old, a refresh answer without one keeps it.
 * A source made from the keyring writes refreshed tokens back there.
 */
#pragma once

#include <libsoup/soup.h>

#include "rsb-service.h"
#include "rsb-tokens.h"

G_BEGIN_DECLS

/* Refresh when the access token has less than this left. */
#define RSB_TOKEN_REFRESH_MARGIN_MS (5 * 60 * 1000)

#define RSB_TYPE_TOKEN_SOURCE (rsb_token_source_get_type ())
G_DECLARE_FINAL_TYPE (RsbTokenSource, rsb_token_source, RSB, TOKEN_SOURCE, GObject)

/* In memory only (tests, or a caller that stores tokens itself and
 * listens to ::tokens-changed). client_secret is NULL for Spotify. */
RsbTokenSource  *rsb_token_source_new              (RsbService        service,
                                                    SoupSession      *session,
                                                    const char       *client_id,
                                                    const char       *client_secret,
                                                    const RsbTokens  *tokens);

/* Client id/secret from rsb_secrets_client_id/_secret, tokens from the
 * keyring. RSB_SYNC_ERROR_NOT_CONFIGURED without a client id (or
 * Strava secret), RSB_SYNC_ERROR_NOT_CONNECTED without tokens,
 * RSB_SYNC_ERROR_KEYRING when the Secret Service fails. */
RsbTokenSource  *rsb_token_source_new_from_keyring (RsbService        service,
                                                    SoupSession      *session,
                                                    GCancellable     *cancellable,
                                                    GError          **error);

RsbService       rsb_token_source_get_service      (RsbTokenSource   *self);

/* The access token to send. Refreshes first when it expires within
 * RSB_TOKEN_REFRESH_MARGIN_MS, or when force_refresh (the API just
 * answered 401 to the current one). A revoked refresh token is
 * RSB_SYNC_ERROR_INVALID_GRANT: the user must reconnect. */
char            *rsb_token_source_get              (RsbTokenSource   *self,
                                                    gboolean          force_refresh,
                                                    GCancellable     *cancellable,
                                                    GError          **error);

/* Current tokens (after any refresh). Owned by the source. */
const RsbTokens *rsb_token_source_peek_tokens      (RsbTokenSource   *self);

/* Signal "tokens-changed" (no arguments): emitted on the calling thread
 * after a refresh replaced the tokens (and, for a keyring source, after
 * they were saved). */

G_END_DECLS
