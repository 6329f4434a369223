/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-secrets.h: everything secret lives in the keyring (libsecret,
 * the Secret Service; inside Flatpak libsecret's file backend), under
 * one schema with the attributes service, kind and account. Nothing
 * here is ever written to SQLite, GSettings or a log. Synchronous:
 * call from a worker thread or the command line. */
#pragma once

#include <gio/gio.h>

#include "rsb-oauth.h"
#include "rsb-service.h"

G_BEGIN_DECLS

#define RSB_SECRET_SCHEMA_NAME "io.github.runsousbpm.RunSousBpm.Secret"

typedef enum {
  RSB_SECRET_ACCESS_TOKEN,
  RSB_SECRET_REFRESH_TOKEN,
  RSB_SECRET_EXPIRY,          /* UTC ms as decimal text */
  RSB_SECRET_CLIENT_ID,       /* what the user typed in Preferences */
  RSB_SECRET_CLIENT_SECRET,   /* Strava */
  RSB_SECRET_API_KEY,         /* Last.fm: the user's own API key */
} RsbSecretKind;

gboolean   rsb_secrets_store          (RsbService      service,
                                       RsbSecretKind   kind,
                                       const char     *account,   /* may be NULL */
                                       const char     *value,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* NULL without error when absent. */
char      *rsb_secrets_lookup         (RsbService      service,
                                       RsbSecretKind   kind,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* Access, refresh and expiry together. */
gboolean   rsb_secrets_save_tokens    (RsbService       service,
                                       const RsbTokens *tokens,
                                       GCancellable    *cancellable,
                                       GError         **error);
/* NULL without error when not connected. */
RsbTokens *rsb_secrets_load_tokens    (RsbService       service,
                                       GCancellable    *cancellable,
                                       GError         **error);
/* Removes the tokens (not the client id/secret). */
gboolean   rsb_secrets_clear_tokens   (RsbService       service,
                                       GCancellable    *cancellable,
                                       GError         **error);

/* Removes every item of (service, kind), whoever's; nothing there is
 * no error. */
gboolean   rsb_secrets_clear          (RsbService       service,
                                       RsbSecretKind    kind,
                                       GCancellable    *cancellable,
                                       GError         **error);

/* Environment, then keyring, then build default; NULL when none. */
char      *rsb_secrets_client_id      (RsbService       service,
                                       GCancellable    *cancellable,
                                       GError         **error);
char      *rsb_secrets_client_secret  (RsbService       service,
                                       GCancellable    *cancellable,
                                       GError         **error);

G_END_DECLS
