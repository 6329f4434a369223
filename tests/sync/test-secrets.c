/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-secrets.c: tokens and client settings in a real keyring
 * (gnome-keyring on a private bus: run through with-keyring.sh). */
#include <gio/gio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "rsb-http.h"
#include "rsb-secrets.h"
#include "rsb-sync-error.h"
#include "rsb-test-provider.h"
#include "rsb-token-source.h"

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

/* Every item of the app's schema for one service, as the keyring
 * itself reports them. */
static GList *
items_of (const char *service)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (schema (), SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                                              NULL, &error, "service", service, NULL);

  g_assert_no_error (error);
  return items;
}

static void
forget_everything (void)
{
  for (RsbService s = 0; s < RSB_N_SERVICES; s++)
    {
      g_autoptr(GError) error = NULL;

      secret_password_clear_sync (schema (), NULL, &error, "service", rsb_service_id (s), NULL);
      g_assert_no_error (error);
    }
  g_unsetenv ("RSB_STRAVA_CLIENT_ID");
  g_unsetenv ("RSB_STRAVA_CLIENT_SECRET");
  g_unsetenv ("RSB_SPOTIFY_CLIENT_ID");
}

static void
test_tokens_round_trip (void)
{
  RsbTokens tokens = {
    .access_token = "access-one", .refresh_token = "refresh-one",
    .expires_at_ms = 1700000000123, .account_id = "1513", .display_name = "Jeff Remer",
  };
  RsbTokens other = {
    .access_token = "access-two", .refresh_token = "refresh-two",
    .expires_at_ms = 1800000000000, .account_id = "2024",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbTokens) loaded = NULL;
  g_autofree char *client_id = NULL;
  GList *items;

  forget_everything ();
  loaded = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  g_assert_true (rsb_secrets_store (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_ID, NULL, "typed-id", NULL, &error));
  g_assert_true (rsb_secrets_save_tokens (RSB_SERVICE_STRAVA, &tokens, NULL, &error));
  g_assert_no_error (error);
  loaded = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->access_token, ==, "access-one");
  g_assert_cmpstr (loaded->refresh_token, ==, "refresh-one");
  g_assert_cmpint (loaded->expires_at_ms, ==, 1700000000123);
  g_assert_cmpstr (loaded->account_id, ==, "1513");
  g_clear_pointer (&loaded, rsb_tokens_free);

  /* Spotify's place is separate. */
  loaded = rsb_secrets_load_tokens (RSB_SERVICE_SPOTIFY, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* Another athlete replaces the first: no leftovers to mix up. */
  g_assert_true (rsb_secrets_save_tokens (RSB_SERVICE_STRAVA, &other, NULL, &error));
  loaded = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->refresh_token, ==, "refresh-two");
  g_assert_cmpstr (loaded->account_id, ==, "2024");
  g_clear_pointer (&loaded, rsb_tokens_free);
  items = items_of ("strava");
  g_assert_cmpuint (g_list_length (items), ==, 4);   /* client id + three token items */
  for (GList *l = items; l; l = l->next)
    {
      g_autofree char *label = NULL;

      g_object_get (l->data, "label", &label, NULL);
      g_assert_true (g_str_has_prefix (label, "Run Sous BPM: Strava "));
    }
  g_list_free_full (items, g_object_unref);

  /* Disconnecting forgets the tokens but not what the user typed. */
  g_assert_true (rsb_secrets_clear_tokens (RSB_SERVICE_STRAVA, NULL, &error));
  g_assert_no_error (error);
  loaded = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  client_id = rsb_secrets_client_id (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_cmpstr (client_id, ==, "typed-id");
  items = items_of ("strava");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);
  /* Clearing twice is fine. */
  g_assert_true (rsb_secrets_clear_tokens (RSB_SERVICE_STRAVA, NULL, &error));
  g_assert_no_error (error);
}

static void
test_client_id_precedence (void)
{
  g_autoptr(GError) error = NULL;
  char *value;

  forget_everything ();
  /* This build has no default (the option is ''). */
  g_assert_null (rsb_service_default_client_id (RSB_SERVICE_SPOTIFY));
  value = rsb_secrets_client_id (RSB_SERVICE_SPOTIFY, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (rsb_secrets_store (RSB_SERVICE_SPOTIFY, RSB_SECRET_CLIENT_ID, NULL, "from-keyring", NULL, &error));
  value = rsb_secrets_client_id (RSB_SERVICE_SPOTIFY, NULL, &error);
  g_assert_cmpstr (value, ==, "from-keyring");
  g_free (value);

  g_setenv ("RSB_SPOTIFY_CLIENT_ID", "from-env", TRUE);
  value = rsb_secrets_client_id (RSB_SERVICE_SPOTIFY, NULL, &error);
  g_assert_cmpstr (value, ==, "from-env");
  g_free (value);
  /* An empty variable counts as unset. */
  g_setenv ("RSB_SPOTIFY_CLIENT_ID", "", TRUE);
  value = rsb_secrets_client_id (RSB_SERVICE_SPOTIFY, NULL, &error);
  g_assert_cmpstr (value, ==, "from-keyring");
  g_free (value);

  /* Spotify never has a secret; Strava's follows the same order. */
  g_assert_null (rsb_secrets_client_secret (RSB_SERVICE_SPOTIFY, NULL, &error));
  g_assert_null (rsb_secrets_client_secret (RSB_SERVICE_STRAVA, NULL, &error));
  g_assert_true (rsb_secrets_store (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_SECRET, NULL, "kept-secret", NULL, &error));
  value = rsb_secrets_client_secret (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_cmpstr (value, ==, "kept-secret");
  g_free (value);
  g_setenv ("RSB_STRAVA_CLIENT_SECRET", "env-secret", TRUE);
  value = rsb_secrets_client_secret (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_cmpstr (value, ==, "env-secret");
  g_free (value);
  g_assert_no_error (error);
}

static void
test_token_source_from_keyring (void)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("strava");
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  g_autoptr(RsbTokenSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbTokens) loaded = NULL;
  g_autofree char *old_refresh = NULL;
  g_autofree char *token = NULL;
  RsbTokens tokens = { .account_id = "1513" };

  forget_everything ();
  source = rsb_token_source_new_from_keyring (RSB_SERVICE_STRAVA, session, NULL, &error);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "Strava"));
  g_clear_error (&error);

  /* An id without the secret Strava needs is not enough. */
  g_assert_true (rsb_secrets_store (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_ID, NULL, RSB_FAKE_CLIENT_ID, NULL, &error));
  source = rsb_token_source_new_from_keyring (RSB_SERVICE_STRAVA, session, NULL, &error);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  g_assert_true (rsb_secrets_store (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_SECRET, NULL, RSB_FAKE_CLIENT_SECRET, NULL, &error));
  source = rsb_token_source_new_from_keyring (RSB_SERVICE_STRAVA, session, NULL, &error);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  /* Connected, with an access token about to expire. */
  rsb_fake_oauth_set_rotate_refresh (provider->oauth, TRUE);
  rsb_fake_oauth_issue (provider->oauth, &tokens.access_token, &tokens.refresh_token, NULL);
  tokens.expires_at_ms = g_get_real_time () / 1000 + 60 * 1000;
  g_assert_true (rsb_secrets_save_tokens (RSB_SERVICE_STRAVA, &tokens, NULL, &error));
  old_refresh = g_strdup (tokens.refresh_token);

  source = rsb_token_source_new_from_keyring (RSB_SERVICE_STRAVA, session, NULL, &error);
  g_assert_no_error (error);
  token = rsb_token_source_get (source, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, tokens.access_token);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "refresh"), ==, 1);

  /* The rotated refresh token is what the keyring now holds: the old
   * one is void at the provider. */
  loaded = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->refresh_token, !=, old_refresh);
  g_assert_cmpstr (loaded->refresh_token, ==, rsb_token_source_peek_tokens (source)->refresh_token);
  g_assert_cmpstr (loaded->access_token, ==, token);
  g_assert_cmpint (loaded->expires_at_ms, ==, rsb_token_source_peek_tokens (source)->expires_at_ms);
  g_assert_cmpstr (loaded->account_id, ==, "1513");

  g_free (tokens.access_token);
  g_free (tokens.refresh_token);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/tokens", test_tokens_round_trip);
  g_test_add_func ("/secrets/client-id-precedence", test_client_id_precedence);
  g_test_add_func ("/secrets/token-source", test_token_source_from_keyring);

  return g_test_run ();
}
