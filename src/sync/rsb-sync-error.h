/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-error.h: what can go wrong talking to a service, as a user
 * would need to hear it. Messages name the service and never contain a
 * token, a code or a secret. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RSB_SYNC_ERROR (rsb_sync_error_quark ())

typedef enum {
  RSB_SYNC_ERROR_NOT_CONFIGURED,   /* no client id (or Strava secret) */
  RSB_SYNC_ERROR_NOT_CONNECTED,    /* no tokens in the keyring */
  RSB_SYNC_ERROR_DENIED,           /* the user declined consent */
  RSB_SYNC_ERROR_STATE_MISMATCH,   /* callback with a state we did not send */
  RSB_SYNC_ERROR_TIMED_OUT,        /* no callback within the time allowed */
  RSB_SYNC_ERROR_TOKEN,            /* the token endpoint refused */
  RSB_SYNC_ERROR_INVALID_GRANT,    /* refresh token revoked: reconnect */
  RSB_SYNC_ERROR_UNAUTHORIZED,     /* 401 again after a refresh */
  RSB_SYNC_ERROR_RATE_LIMITED,     /* a rate window is spent: paused */
  RSB_SYNC_ERROR_SERVER,           /* 5xx / 429 after retries, or a stall */
  RSB_SYNC_ERROR_MALFORMED,        /* the answer was not what the API documents */
  RSB_SYNC_ERROR_HTTP,             /* any other unexpected status */
  RSB_SYNC_ERROR_KEYRING,          /* the Secret Service failed */
  RSB_SYNC_ERROR_NO_SUCH_USER,     /* a listening history's user name is unknown */
  RSB_SYNC_ERROR_PRIVATE,          /* that user keeps the history private */
  RSB_SYNC_ERROR_BAD_KEY,          /* Last.fm refused the API key */
} RsbSyncError;

GQuark rsb_sync_error_quark (void);

G_END_DECLS
