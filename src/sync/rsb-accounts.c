/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-accounts.c: connect and disconnect, tying the OAuth flow, the
 * keyring and the store together so that each either completes or
 * leaves nothing behind. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-accounts.h"
#include "rsb-api-client.h"
#include "rsb-history-accounts.h"
#include "rsb-http.h"
#include "rsb-oauth.h"
#include "rsb-oauth-listener.h"
#include "rsb-secrets.h"
#include "rsb-spotify-sync.h"
#include "rsb-strava-sync.h"
#include "rsb-sync-error.h"
#include "rsb-token-source.h"

static RsbAuthRequest *
prepare_request (RsbService         service,
                 RsbOAuthListener  *listener,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autofree char *client_id = rsb_secrets_client_id (service, cancellable, error);
  g_autofree char *client_secret = NULL;
  g_autofree char *redirect_uri = NULL;

  if (client_id == NULL || *client_id == '\0')
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED,
                     _("Enter the client ID of your %s API application in Preferences first"),
                     rsb_service_display_name (service));
      return NULL;
    }
  if (rsb_service_needs_client_secret (service))
    {
      client_secret = rsb_secrets_client_secret (service, cancellable, error);
      if (client_secret == NULL || *client_secret == '\0')
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED,
                         _("Enter the client secret of your %s API application in Preferences first"),
                         rsb_service_display_name (service));
          return NULL;
        }
    }
  redirect_uri = rsb_oauth_listener_get_redirect_uri (listener);
  return rsb_auth_request_new (service, client_id, client_secret, redirect_uri);
}

static gboolean
remember_account (RsbStore         *store,
                  RsbService        service,
                  const RsbTokens  *tokens,
                  GError          **error)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, rsb_service_id (service), NULL);

  /* Reconnecting the same account keeps the sync's place (the cursor,
   * any rate pause); another account starts afresh. */
  if (account != NULL && g_strcmp0 (account->account_id, tokens->account_id) != 0)
    g_clear_pointer (&account, rsb_account_free);
  if (account == NULL)
    account = rsb_account_new (rsb_service_id (service));
  g_free (account->account_id);
  g_free (account->display_name);
  account->account_id = g_strdup (tokens->account_id);
  account->display_name = g_strdup (tokens->display_name);
  account->connected_at_ms = g_get_real_time () / 1000;
  account->needs_reconnect = FALSE;
  /* Without a scope in the answer, what was asked was granted (RFC 6749
   * §5.1). Names only: never a token. */
  g_free (account->scopes);
  account->scopes = g_strdup (tokens->scope != NULL ? tokens->scope : rsb_service_scope (service));
  return rsb_store_save_account (store, account, error);
}

gboolean
rsb_accounts_connect (RsbStore        *store,
                      RsbService       service,
                      guint            port,
                      guint            timeout_ms,
                      RsbShowUrlFunc   show_url,
                      gpointer         user_data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(RsbOAuthListener) listener = NULL;
  g_autoptr(RsbAuthRequest) request = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(RsbTokens) tokens = NULL;
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;

  /* The listening histories connect by user name, not in a browser. */
  if (!rsb_service_uses_oauth (service))
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED,
                   _("%s connects with a user name, not a browser sign-in"), rsb_service_display_name (service));
      return FALSE;
    }
  listener = rsb_oauth_listener_new (port, error);
  if (listener == NULL)
    return FALSE;
  request = prepare_request (service, listener, cancellable, error);
  if (request == NULL)
    return FALSE;
  url = rsb_oauth_authorize_url (request, error);
  if (url == NULL)
    return FALSE;
  show_url (url, user_data);

  code = rsb_oauth_listener_wait (listener, request->state, timeout_ms, cancellable, error);
  if (code == NULL)
    return FALSE;
  session = rsb_http_session_new ();
  tokens = rsb_oauth_exchange_code (session, request, code, cancellable, error);
  if (tokens == NULL)
    return FALSE;

  if (!rsb_secrets_save_tokens (service, tokens, cancellable, error))
    return FALSE;
  if (!remember_account (store, service, tokens, error))
    {
      /* The keyring without an account row would be a connection the
       * window cannot show or end. */
      rsb_secrets_clear_tokens (service, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* With a current access token: an expired one would be refused, and
 * the app would stay authorized in the person's provider settings. */
static void
revoke_at_provider (RsbService    service,
                    GCancellable *cancellable)
{
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  g_autoptr(RsbTokenSource) source = NULL;
  g_autofree char *access_token = NULL;
  g_autofree char *endpoint = rsb_service_deauthorize_endpoint (service, NULL);
  g_autoptr(GError) error = NULL;

  /* Spotify has no revocation endpoint: people remove apps from their
   * account page. */
  if (endpoint == NULL)
    return;
  source = rsb_token_source_new_from_keyring (service, session, cancellable, &error);
  if (source != NULL)
    access_token = rsb_token_source_get (source, FALSE, cancellable, &error);
  if (access_token == NULL ||
      !rsb_oauth_deauthorize (session, service, access_token, cancellable, &error))
    g_message ("%s may still list the app as authorized: %s",
               rsb_service_display_name (service), error->message);
}

gboolean
rsb_accounts_disconnect (RsbStore      *store,
                         RsbService     service,
                         GCancellable  *cancellable,
                         GError       **error)
{
  if (!rsb_service_uses_oauth (service))
    return rsb_history_accounts_disconnect (store, service, cancellable, error);
  revoke_at_provider (service, cancellable);
  if (!rsb_secrets_clear_tokens (service, cancellable, error))
    return FALSE;
  return rsb_store_remove_account (store, rsb_service_id (service), error);
}

static void
mark_needs_reconnect (RsbStore   *store,
                      RsbService  service)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, rsb_service_id (service), NULL);

  if (account == NULL)
    return;
  account->needs_reconnect = TRUE;
  rsb_store_save_account (store, account, NULL);
}

static gboolean
run_engine (RsbStore            *store,
            RsbApiClient        *client,
            RsbSyncProgressFunc  progress,
            gpointer             user_data,
            RsbSyncSummary      *summary,
            GCancellable        *cancellable,
            GError             **error)
{
  if (rsb_api_client_get_service (client) == RSB_SERVICE_STRAVA)
    return rsb_strava_sync_run (store, client, progress, user_data, summary, cancellable, error);
  return rsb_spotify_sync_run (store, client, progress, user_data, summary, cancellable, error);
}

gboolean
rsb_accounts_sync (RsbStore            *store,
                   RsbService           service,
                   RsbSyncProgressFunc  progress,
                   gpointer             user_data,
                   RsbSyncSummary      *summary,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(RsbTokenSource) tokens = NULL;
  g_autoptr(RsbApiClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RsbAccount) account = NULL;

  if (!rsb_service_uses_oauth (service))
    return rsb_history_accounts_sync (store, service, progress, user_data, summary, cancellable, error);
  session = rsb_http_session_new ();
  account = rsb_store_get_account (store, rsb_service_id (service), error);

  /* The store says who is connected: no need to wake the keyring (or
   * ask for its password) for a service nobody connected. */
  if (account == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED,
                     _("%s is not connected"), rsb_service_display_name (service));
      return FALSE;
    }
  if (account->needs_reconnect)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT,
                   _("Reconnect %s in Preferences: it no longer accepts this app’s access"),
                   rsb_service_display_name (service));
      return FALSE;
    }
  tokens = rsb_token_source_new_from_keyring (service, session, cancellable, error);
  if (tokens == NULL)
    return FALSE;
  client = rsb_api_client_new_for_service (tokens, error);
  if (client == NULL)
    return FALSE;
  if (run_engine (store, client, progress, user_data, summary, cancellable, &local_error))
    return TRUE;
  if (g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT))
    mark_needs_reconnect (store, service);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
