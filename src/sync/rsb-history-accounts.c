/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-accounts.c: the listening histories' accounts, tying the
 * check, the keyring and the store together so that each either
 * completes or leaves nothing behind. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-history-accounts.h"
#include "rsb-lastfm-sync.h"
#include "rsb-listenbrainz-sync.h"
#include "rsb-secrets.h"
#include "rsb-sync-error.h"

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
check_given (RsbService   service,
             const char  *user,
             const char  *api_key,
             GError     **error)
{
  if (is_blank (user))
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED,
                   _("Enter your %s user name first"), rsb_service_display_name (service));
      return FALSE;
    }
  if (service == RSB_SERVICE_LASTFM && is_blank (api_key))
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED,
                   _("Enter your Last.fm API key first"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_listens (RsbService     service,
               const char    *user,
               const char    *api_key,
               gint64        *out_count,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(RsbHistoryFetch) fetch = service == RSB_SERVICE_LASTFM
                                     ? rsb_lastfm_fetch_new (user, error)
                                     : rsb_listenbrainz_fetch_new (user, error);

  if (fetch == NULL)
    return FALSE;
  if (service == RSB_SERVICE_LASTFM)
    return rsb_lastfm_count (fetch, user, api_key, out_count, cancellable, error);
  return rsb_listenbrainz_count (fetch, user, out_count, cancellable, error);
}

static gboolean
remember_account (RsbStore    *store,
                  RsbService   service,
                  const char  *user,
                  GError     **error)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, rsb_service_id (service), NULL);

  /* The same user again keeps the sync's place; another starts afresh. */
  if (account != NULL && g_strcmp0 (account->account_id, user) != 0)
    g_clear_pointer (&account, rsb_account_free);
  if (account == NULL)
    account = rsb_account_new (rsb_service_id (service));
  g_free (account->account_id);
  g_free (account->display_name);
  account->account_id = g_strdup (user);
  account->display_name = g_strdup (user);
  account->connected_at_ms = g_get_real_time () / 1000;
  account->needs_reconnect = FALSE;
  return rsb_store_save_account (store, account, error);
}

gboolean
rsb_history_accounts_connect (RsbStore      *store,
                              RsbService     service,
                              const char    *user,
                              const char    *api_key,
                              gint64        *out_count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  gint64 count = 0;

  g_return_val_if_fail (!rsb_service_uses_oauth (service), FALSE);

  if (!check_given (service, user, api_key, error))
    return FALSE;
  name = g_strstrip (g_strdup (user));
  key = service == RSB_SERVICE_LASTFM ? g_strstrip (g_strdup (api_key)) : NULL;
  if (!count_listens (service, name, key, &count, cancellable, error))
    return FALSE;
  if (key != NULL && !rsb_secrets_store (service, RSB_SECRET_API_KEY, name, key, cancellable, error))
    return FALSE;
  if (!remember_account (store, service, name, error))
    {
      /* A key without an account would be a connection nobody can end. */
      if (key != NULL)
        rsb_secrets_clear (service, RSB_SECRET_API_KEY, NULL, NULL);
      return FALSE;
    }
  if (out_count != NULL)
    *out_count = count;
  return TRUE;
}

gboolean
rsb_history_accounts_disconnect (RsbStore      *store,
                                 RsbService     service,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_return_val_if_fail (!rsb_service_uses_oauth (service), FALSE);

  if (service == RSB_SERVICE_LASTFM &&
      !rsb_secrets_clear (service, RSB_SECRET_API_KEY, cancellable, error))
    return FALSE;
  return rsb_store_remove_account (store, rsb_service_id (service), error);
}

static char *
load_key (GCancellable  *cancellable,
          GError       **error)
{
  GError *local_error = NULL;
  char *key = rsb_secrets_lookup (RSB_SERVICE_LASTFM, RSB_SECRET_API_KEY, cancellable, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (key == NULL || *key == '\0')
    {
      g_free (key);
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED,
                   _("The Last.fm API key is not in the keyring: connect Last.fm again in Preferences"));
      return NULL;
    }
  return key;
}

gboolean
rsb_history_accounts_sync (RsbStore             *store,
                           RsbService            service,
                           RsbSyncProgressFunc   progress,
                           gpointer              user_data,
                           RsbSyncSummary       *summary,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, rsb_service_id (service), error);
  g_autoptr(RsbHistoryFetch) fetch = NULL;
  g_autofree char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (!rsb_service_uses_oauth (service), FALSE);

  /* The store says who is connected: the keyring stays asleep for a
   * service nobody connected. */
  if (account == NULL || account->account_id == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED,
                     _("%s is not connected"), rsb_service_display_name (service));
      return FALSE;
    }
  if (service == RSB_SERVICE_LISTENBRAINZ)
    {
      fetch = rsb_listenbrainz_fetch_new (account->account_id, error);
      return fetch != NULL &&
             rsb_listenbrainz_sync_run (store, fetch, progress, user_data, summary, cancellable, error);
    }
  if ((key = load_key (cancellable, error)) == NULL ||
      (fetch = rsb_lastfm_fetch_new (account->account_id, error)) == NULL)
    return FALSE;
  ok = rsb_lastfm_sync_run (store, fetch, key, progress, user_data, summary, cancellable, error);
  memset (key, 0, strlen (key));
  return ok;
}
