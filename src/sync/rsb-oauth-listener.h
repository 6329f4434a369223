/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-oauth-listener.h: the one-shot loopback server that receives the
 * browser's redirect (RFC 8252 §7.3).
 *
 * It listens on 127.0.0.1 only, on an ephemeral port unless the user
 * fixed one (providers match redirect URIs exactly). It serves from a
 * private main context, iterated by rsb_oauth_listener_wait() on the
 * thread that created the listener.
 */
#pragma once

#include <gio/gio.h>

#include "rsb-service.h"

G_BEGIN_DECLS

#define RSB_OAUTH_TIMEOUT_MS (5 * 60 * 1000)

#define RSB_TYPE_OAUTH_LISTENER (rsb_oauth_listener_get_type ())
G_DECLARE_FINAL_TYPE (RsbOAuthListener, rsb_oauth_listener, RSB, OAUTH_LISTENER, GObject)

/* port 0 = ephemeral. */
RsbOAuthListener *rsb_oauth_listener_new              (guint              port,
                                                       GError           **error);
/* Names the service in error messages and on the browser page. */
void              rsb_oauth_listener_set_service      (RsbOAuthListener  *self,
                                                       RsbService         service);
guint             rsb_oauth_listener_get_port         (RsbOAuthListener  *self);
/* "http://127.0.0.1:PORT/callback" */
char             *rsb_oauth_listener_get_redirect_uri (RsbOAuthListener  *self);

/* Waits for GET /callback?code=...&state=... with the given state and
 * returns the code. The browser gets a short page saying the tab can be
 * closed (or what went wrong), never echoing request data. A callback
 * with another state is answered and refused with
 * RSB_SYNC_ERROR_STATE_MISMATCH; error=access_denied gives
 * RSB_SYNC_ERROR_DENIED; after timeout_ms RSB_SYNC_ERROR_TIMED_OUT;
 * cancelling gives G_IO_ERROR_CANCELLED. The server stops listening
 * before this returns, whatever the outcome. */
char             *rsb_oauth_listener_wait             (RsbOAuthListener  *self,
                                                       const char        *state,
                                                       guint              timeout_ms,
                                                       GCancellable      *cancellable,
                                                       GError           **error);

G_END_DECLS
