/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-token-source.c: a valid access token on demand. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-oauth.h"
#include "rsb-secrets.h"
#include "rsb-sync-error.h"
#include "rsb-token-source.h"

struct _RsbTokenSource
{
  GObject      parent_instance;

  RsbService   service;
  SoupSession *session;
  char        *client_id;
  char        *client_secret;
  RsbTokens   *tokens;
  gboolean     save_to_keyring;
};

G_DEFINE_FINAL_TYPE (RsbTokenSource, rsb_token_source, G_TYPE_OBJECT)

enum {
  TOKENS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rsb_token_source_finalize (GObject *object)
{
  RsbTokenSource *self = RSB_TOKEN_SOURCE (object);

  g_clear_object (&self->session);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_clear_pointer (&self->tokens, rsb_tokens_free);

  G_OBJECT_CLASS (rsb_token_source_parent_class)->finalize (object);
}

static void
rsb_token_source_class_init (RsbTokenSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_token_source_finalize;

  signals[TOKENS_CHANGED] =
    g_signal_new ("tokens-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rsb_token_source_init (RsbTokenSource *self)
{
}

RsbTokenSource *
rsb_token_source_new (RsbService       service,
                      SoupSession     *session,
                      const char      *client_id,
                      const char      *client_secret,
                      const RsbTokens *tokens)
{
  RsbTokenSource *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (tokens != NULL && tokens->refresh_token != NULL, NULL);

  self = g_object_new (RSB_TYPE_TOKEN_SOURCE, NULL);
  self->service = service;
  self->session = g_object_ref (session);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);
  self->tokens = rsb_tokens_copy (tokens);
  return self;
}

RsbTokenSource *
rsb_token_source_new_from_keyring (RsbService     service,
                                   SoupSession   *session,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  const char *name = rsb_service_display_name (service);
  GError *local_error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autoptr(RsbTokens) tokens = NULL;
  RsbTokenSource *self;

  client_id = rsb_secrets_client_id (service, cancellable, &local_error);
  if (local_error == NULL && rsb_service_needs_client_secret (service))
    client_secret = rsb_secrets_client_secret (service, cancellable, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (client_id == NULL || (rsb_service_needs_client_secret (service) && client_secret == NULL))
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED,
                   rsb_service_needs_client_secret (service)
                   ? _("%s is not set up: enter its client ID and client secret in Preferences")
                   : _("%s is not set up: enter its client ID in Preferences"),
                   name);
      return NULL;
    }

  tokens = rsb_secrets_load_tokens (service, cancellable, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (tokens == NULL)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED,
                   _("%s is not connected"), name);
      return NULL;
    }

  self = rsb_token_source_new (service, session, client_id, client_secret, tokens);
  self->save_to_keyring = TRUE;
  return self;
}

RsbService
rsb_token_source_get_service (RsbTokenSource *self)
{
  g_return_val_if_fail (RSB_IS_TOKEN_SOURCE (self), RSB_SERVICE_STRAVA);
  return self->service;
}

const RsbTokens *
rsb_token_source_peek_tokens (RsbTokenSource *self)
{
  g_return_val_if_fail (RSB_IS_TOKEN_SOURCE (self), NULL);
  return self->tokens;
}

static gboolean
refresh (RsbTokenSource  *self,
         GCancellable    *cancellable,
         GError         **error)
{
  g_autoptr(RsbTokens) fresh = NULL;

  fresh = rsb_oauth_refresh (self->session, self->service, self->client_id, self->client_secret,
                             self->tokens->refresh_token, cancellable, error);
  if (fresh == NULL)
    return FALSE;

  /* A refresh answer does not say who the account is. */
  if (fresh->account_id == NULL)
    fresh->account_id = g_steal_pointer (&self->tokens->account_id);
  if (fresh->display_name == NULL)
    fresh->display_name = g_steal_pointer (&self->tokens->display_name);
  rsb_tokens_free (self->tokens);
  self->tokens = g_steal_pointer (&fresh);

  /* Kept in memory even when the keyring fails (a rotated refresh
   * token may already have voided the stored one): the error says the
   * sign-in was not saved, and a retry goes on with the new tokens.
   * Not cancellable: once the provider rotated the refresh token, a
   * cancel here would lose the only valid one. */
  if (self->save_to_keyring &&
      !rsb_secrets_save_tokens (self->service, self->tokens, NULL, error))
    {
      g_signal_emit (self, signals[TOKENS_CHANGED], 0);
      return FALSE;
    }
  g_signal_emit (self, signals[TOKENS_CHANGED], 0);
  return TRUE;
}

char *
rsb_token_source_get (RsbTokenSource  *self,
                      gboolean         force_refresh,
                      GCancellable    *cancellable,
                      GError         **error)
{
  gint64 now_ms = g_get_real_time () / 1000;

  g_return_val_if_fail (RSB_IS_TOKEN_SOURCE (self), NULL);

  if ((force_refresh ||
       rsb_tokens_expire_soon (self->tokens, now_ms, RSB_TOKEN_REFRESH_MARGIN_MS)) &&
      !refresh (self, cancellable, error))
    return NULL;
  return g_strdup (self->tokens->access_token);
}
