/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-secrets.c: the keyring, through libsecret's simple password API.
 *
 * Items are keyed by (service, kind); "account" says whose they are so
 * the keyring's own UI can tell two athletes apart, but lookups ignore
 * it and a save removes items left from another account.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rsb-secrets.h"
#include "rsb-sync-error.h"

static const SecretSchema *
schema (void)
{
  static const SecretSchema the_schema = {
    RSB_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &the_schema;
}

static const char *
kind_id (RsbSecretKind kind)
{
  switch (kind)
    {
    case RSB_SECRET_ACCESS_TOKEN:  return "access-token";
    case RSB_SECRET_REFRESH_TOKEN: return "refresh-token";
    case RSB_SECRET_EXPIRY:        return "expiry";
    case RSB_SECRET_CLIENT_ID:     return "client-id";
    case RSB_SECRET_CLIENT_SECRET: return "client-secret";
    case RSB_SECRET_API_KEY:       return "api-key";
    default:                       g_return_val_if_reached ("unknown");
    }
}

/* Shown in Seahorse and the like. */
static char *
label (RsbService    service,
       RsbSecretKind kind)
{
  const char *name = rsb_service_display_name (service);

  switch (kind)
    {
    case RSB_SECRET_ACCESS_TOKEN:  return g_strdup_printf (_("Run Sous BPM: %s access token"), name);
    case RSB_SECRET_REFRESH_TOKEN: return g_strdup_printf (_("Run Sous BPM: %s refresh token"), name);
    case RSB_SECRET_EXPIRY:        return g_strdup_printf (_("Run Sous BPM: %s access token expiry"), name);
    case RSB_SECRET_CLIENT_ID:     return g_strdup_printf (_("Run Sous BPM: %s client ID"), name);
    case RSB_SECRET_CLIENT_SECRET: return g_strdup_printf (_("Run Sous BPM: %s client secret"), name);
    case RSB_SECRET_API_KEY:       return g_strdup_printf (_("Run Sous BPM: %s API key"), name);
    default:                       g_return_val_if_reached (NULL);
    }
}

/* libsecret's messages say what failed with D-Bus, never the secret. */
static gboolean
keyring_failed (GError  *local_error,
                GError **error)
{
  if (local_error == NULL)
    return FALSE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local_error);
  else
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_KEYRING,
                   _("Could not use the keyring: %s"), local_error->message);
      g_error_free (local_error);
    }
  return TRUE;
}

static GHashTable *
attributes (RsbService    service,
            RsbSecretKind kind,
            const char   *account)
{
  GHashTable *attrs = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attrs, "service", (char *) rsb_service_id (service));
  g_hash_table_insert (attrs, "kind", (char *) kind_id (kind));
  if (account)
    g_hash_table_insert (attrs, "account", (char *) account);
  return attrs;
}

/* Removes the (service, kind) items of accounts other than keep. */
static gboolean
remove_other_accounts (RsbService      service,
                       RsbSecretKind   kind,
                       const char     *keep,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GHashTable) attrs = attributes (service, kind, NULL);
  GError *local_error = NULL;
  GList *items = secret_password_searchv_sync (schema (), attrs, SECRET_SEARCH_ALL,
                                               cancellable, &local_error);
  gboolean ok = TRUE;

  if (keyring_failed (local_error, error))
    return FALSE;
  for (GList *l = items; l && ok; l = l->next)
    {
      g_autoptr(GHashTable) found = secret_retrievable_get_attributes (l->data);
      const char *account = g_hash_table_lookup (found, "account");
      g_autoptr(GHashTable) match = NULL;

      if (g_strcmp0 (account, keep) == 0)
        continue;
      match = attributes (service, kind, account ? account : "");
      secret_password_clearv_sync (schema (), match, cancellable, &local_error);
      ok = !keyring_failed (local_error, error);
    }
  g_list_free_full (items, g_object_unref);
  return ok;
}

gboolean
rsb_secrets_store (RsbService      service,
                   RsbSecretKind   kind,
                   const char     *account,
                   const char     *value,
                   GCancellable   *cancellable,
                   GError        **error)
{
  const char *acc = account ? account : "";
  g_autoptr(GHashTable) attrs = attributes (service, kind, acc);
  g_autofree char *item_label = label (service, kind);
  GError *local_error = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  /* Storing the same attributes replaces the item in place, so the old
   * value stays until the new one is safely written. */
  secret_password_storev_sync (schema (), attrs, SECRET_COLLECTION_DEFAULT, item_label, value,
                               cancellable, &local_error);
  if (keyring_failed (local_error, error))
    return FALSE;
  return remove_other_accounts (service, kind, acc, cancellable, error);
}

/* The value and, when asked, the account of the (service, kind) item. */
static char *
lookup_with_account (RsbService      service,
                     RsbSecretKind   kind,
                     char          **out_account,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(GHashTable) attrs = attributes (service, kind, NULL);
  GError *local_error = NULL;
  GList *items = secret_password_searchv_sync (schema (), attrs,
                                               SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                               cancellable, &local_error);
  g_autoptr(SecretValue) value = NULL;
  char *text = NULL;

  if (keyring_failed (local_error, error))
    return NULL;
  if (items != NULL)
    {
      value = secret_retrievable_retrieve_secret_sync (items->data, cancellable, &local_error);
      if (!keyring_failed (local_error, error) && value != NULL)
        {
          text = g_strdup (secret_value_get_text (value));
          if (out_account)
            {
              g_autoptr(GHashTable) found = secret_retrievable_get_attributes (items->data);
              const char *account = g_hash_table_lookup (found, "account");

              *out_account = account && *account ? g_strdup (account) : NULL;
            }
        }
    }
  g_list_free_full (items, g_object_unref);
  return text;
}

char *
rsb_secrets_lookup (RsbService      service,
                    RsbSecretKind   kind,
                    GCancellable   *cancellable,
                    GError        **error)
{
  return lookup_with_account (service, kind, NULL, cancellable, error);
}

gboolean
rsb_secrets_save_tokens (RsbService       service,
                         const RsbTokens *tokens,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autofree char *expiry = g_strdup_printf ("%" G_GINT64_FORMAT, tokens->expires_at_ms);

  g_return_val_if_fail (tokens->refresh_token != NULL, FALSE);

  /* The refresh token first: it is the one that cannot be got back. */
  return rsb_secrets_store (service, RSB_SECRET_REFRESH_TOKEN, tokens->account_id,
                            tokens->refresh_token, cancellable, error) &&
         rsb_secrets_store (service, RSB_SECRET_ACCESS_TOKEN, tokens->account_id,
                            tokens->access_token ? tokens->access_token : "", cancellable, error) &&
         rsb_secrets_store (service, RSB_SECRET_EXPIRY, tokens->account_id,
                            expiry, cancellable, error);
}

RsbTokens *
rsb_secrets_load_tokens (RsbService     service,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(RsbTokens) tokens = g_new0 (RsbTokens, 1);
  GError *local_error = NULL;
  g_autofree char *expiry = NULL;

  tokens->refresh_token = lookup_with_account (service, RSB_SECRET_REFRESH_TOKEN,
                                               &tokens->account_id, cancellable, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (tokens->refresh_token == NULL || *tokens->refresh_token == '\0')
    return NULL;

  tokens->access_token = rsb_secrets_lookup (service, RSB_SECRET_ACCESS_TOKEN, cancellable, &local_error);
  if (local_error == NULL)
    expiry = rsb_secrets_lookup (service, RSB_SECRET_EXPIRY, cancellable, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  /* A missing or garbled expiry reads as "expired": the next use
   * refreshes, which costs one request and never fails a sync. */
  tokens->expires_at_ms = expiry ? g_ascii_strtoll (expiry, NULL, 10) : 0;
  if (tokens->access_token && *tokens->access_token == '\0')
    g_clear_pointer (&tokens->access_token, g_free);
  return g_steal_pointer (&tokens);
}

gboolean
rsb_secrets_clear (RsbService      service,
                   RsbSecretKind   kind,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GHashTable) attrs = attributes (service, kind, NULL);
  GError *local_error = NULL;

  /* FALSE without an error only means there was nothing to remove. */
  secret_password_clearv_sync (schema (), attrs, cancellable, &local_error);
  return !keyring_failed (local_error, error);
}

gboolean
rsb_secrets_clear_tokens (RsbService      service,
                          GCancellable   *cancellable,
                          GError        **error)
{
  static const RsbSecretKind kinds[] = {
    RSB_SECRET_ACCESS_TOKEN, RSB_SECRET_REFRESH_TOKEN, RSB_SECRET_EXPIRY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (!rsb_secrets_clear (service, kinds[i], cancellable, error))
      return FALSE;
  return TRUE;
}

static char *
configured (RsbService      service,
            RsbSecretKind   kind,
            const char     *from_env,
            const char     *from_build,
            GCancellable   *cancellable,
            GError        **error)
{
  GError *local_error = NULL;
  g_autofree char *stored = NULL;

  if (from_env)
    return g_strdup (from_env);
  stored = rsb_secrets_lookup (service, kind, cancellable, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (stored && *stored)
    return g_steal_pointer (&stored);
  return g_strdup (from_build);
}

char *
rsb_secrets_client_id (RsbService      service,
                       GCancellable   *cancellable,
                       GError        **error)
{
  return configured (service, RSB_SECRET_CLIENT_ID, rsb_service_env_client_id (service),
                     rsb_service_default_client_id (service), cancellable, error);
}

char *
rsb_secrets_client_secret (RsbService      service,
                           GCancellable   *cancellable,
                           GError        **error)
{
  if (!rsb_service_needs_client_secret (service))
    return NULL;
  return configured (service, RSB_SECRET_CLIENT_SECRET, rsb_service_env_client_secret (service),
                     NULL, cancellable, error);
}
