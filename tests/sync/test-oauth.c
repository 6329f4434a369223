/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-oauth.c: the sign-in flow against the fake providers, with a
 * SoupSession playing the browser. */
#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rsb-fake-oauth.h"
#include "rsb-http.h"
#include "rsb-oauth-listener.h"
#include "rsb-oauth.h"
#include "rsb-sync-error.h"
#include "rsb-test-provider.h"
#include "rsb-token-source.h"

/* ---- the browser: a SoupSession on its own thread ---- */

typedef struct {
  char    *url;
  guint    status;
  char    *final_url;
  char    *body;
  GError  *error;
} Browser;

static gpointer
browser_thread (gpointer data)
{
  Browser *browser = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, browser->url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &browser->error);

  browser->status = soup_message_get_status (msg);
  browser->final_url = g_uri_to_string (soup_message_get_uri (msg));
  if (body)
    browser->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return NULL;
}

static GThread *
browse (Browser    *browser,
        const char *url)
{
  browser->url = g_strdup (url);
  return g_thread_new ("browser", browser_thread, browser);
}

static void
browser_clear (Browser *browser)
{
  g_free (browser->url);
  g_free (browser->final_url);
  g_free (browser->body);
  g_clear_error (&browser->error);
}

/* ---- PKCE and the authorize URL ---- */

static void
test_pkce_rfc7636 (void)
{
  /* RFC 7636 Appendix B. */
  g_autofree char *challenge = rsb_oauth_pkce_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_random_strings (void)
{
  g_autofree char *a = rsb_oauth_random_string (32);
  g_autofree char *b = rsb_oauth_random_string (32);

  /* RFC 7636 §4.1: 43 to 128 characters of [A-Za-z0-9-._~]. */
  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpuint (strspn (a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), ==, 43);
  g_assert_cmpstr (a, !=, b);
}

static void
check_authorize_url (RsbService  service,
                     const char *expected_base,
                     const char *scope)
{
  g_autoptr(RsbAuthRequest) request = rsb_auth_request_new (service, "my id", NULL,
                                                            "http://127.0.0.1:4567/callback");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = rsb_oauth_authorize_url (request, &error);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *base = NULL;
  g_autofree char *challenge = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (request->verifier), >=, 43);
  g_assert_cmpuint (strlen (request->state), >=, 16);
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, &error);
  g_assert_no_error (error);
  base = g_strdup_printf ("%s://%s%s", g_uri_get_scheme (uri), g_uri_get_host (uri), g_uri_get_path (uri));
  g_assert_cmpstr (base, ==, expected_base);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);

  challenge = rsb_oauth_pkce_challenge (request->verifier);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "my id");
  g_assert_cmpstr (g_hash_table_lookup (params, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==, "http://127.0.0.1:4567/callback");
  g_assert_cmpstr (g_hash_table_lookup (params, "scope"), ==, scope);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, request->state);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge"), ==, challenge);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  /* The verifier itself must never travel through the browser. */
  g_assert_null (strstr (url, request->verifier));
  if (service == RSB_SERVICE_STRAVA)
    g_assert_cmpstr (g_hash_table_lookup (params, "approval_prompt"), ==, "auto");
}

static void
test_authorize_url (void)
{
  g_unsetenv ("RSB_STRAVA_AUTH_URL");
  g_unsetenv ("RSB_SPOTIFY_AUTH_URL");
  check_authorize_url (RSB_SERVICE_STRAVA, "https://www.strava.com/oauth/authorize", "activity:read_all");
  check_authorize_url (RSB_SERVICE_SPOTIFY, "https://accounts.spotify.com/authorize",
                       "user-read-recently-played playlist-modify-private");
}

static void
test_base_url_overrides (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_setenv ("RSB_STRAVA_AUTH_URL", "http://example.com/oauth", TRUE);
  url = rsb_service_token_endpoint (RSB_SERVICE_STRAVA, &error);
  g_assert_null (url);
  g_assert_error (error, RSB_HTTP_ERROR, RSB_HTTP_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "RSB_STRAVA_AUTH_URL"));
  g_clear_error (&error);

  g_setenv ("RSB_SPOTIFY_API_URL", "http://192.168.1.2/v1", TRUE);
  g_assert_null (rsb_service_api_url (RSB_SERVICE_SPOTIFY, &error));
  g_assert_error (error, RSB_HTTP_ERROR, RSB_HTTP_ERROR_INSECURE);
  g_clear_error (&error);

  g_setenv ("RSB_STRAVA_AUTH_URL", "https://proxy.example.org/strava/", TRUE);
  url = rsb_service_token_endpoint (RSB_SERVICE_STRAVA, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://proxy.example.org/strava/token");
  g_clear_pointer (&url, g_free);

  g_setenv ("RSB_STRAVA_AUTH_URL", "http://127.0.0.1:8080/oauth", TRUE);
  url = rsb_service_deauthorize_endpoint (RSB_SERVICE_STRAVA, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8080/oauth/deauthorize");
  g_clear_pointer (&url, g_free);

  g_unsetenv ("RSB_STRAVA_AUTH_URL");
  g_unsetenv ("RSB_SPOTIFY_API_URL");
  url = rsb_service_api_url (RSB_SERVICE_SPOTIFY, &error);
  g_assert_cmpstr (url, ==, "https://api.spotify.com/v1");
  g_clear_pointer (&url, g_free);
  url = rsb_service_token_endpoint (RSB_SERVICE_SPOTIFY, &error);
  g_assert_cmpstr (url, ==, "https://accounts.spotify.com/api/token");
  g_assert_null (rsb_service_deauthorize_endpoint (RSB_SERVICE_SPOTIFY, &error));
  g_assert_no_error (error);
}

/* ---- the whole flow ---- */

typedef struct {
  RsbTokens *tokens;
  GError    *error;
  Browser    browser;
} FlowResult;

static void
flow_result_clear (FlowResult *result)
{
  g_clear_pointer (&result->tokens, rsb_tokens_free);
  g_clear_error (&result->error);
  browser_clear (&result->browser);
}

/* Listener, authorize URL, the browser following the consent
 * redirect, the code exchanged: what --connect does. */
static void
run_flow (RsbService  service,
          const char *client_secret,
          FlowResult *result)
{
  g_autoptr(RsbOAuthListener) listener = rsb_oauth_listener_new (0, &result->error);
  g_autofree char *redirect_uri = NULL;
  g_autoptr(RsbAuthRequest) request = NULL;
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  GThread *thread;

  g_assert_no_error (result->error);
  rsb_oauth_listener_set_service (listener, service);
  redirect_uri = rsb_oauth_listener_get_redirect_uri (listener);
  request = rsb_auth_request_new (service, RSB_FAKE_CLIENT_ID, client_secret, redirect_uri);
  url = rsb_oauth_authorize_url (request, &result->error);
  g_assert_no_error (result->error);

  thread = browse (&result->browser, url);
  code = rsb_oauth_listener_wait (listener, request->state, 10000, NULL, &result->error);
  g_thread_join (thread);
  if (code)
    result->tokens = rsb_oauth_exchange_code (session, request, code, NULL, &result->error);
}

static void
test_flow_strava (void)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("strava");
  FlowResult result = { 0 };
  gint64 now_ms = g_get_real_time () / 1000;

  run_flow (RSB_SERVICE_STRAVA, RSB_FAKE_CLIENT_SECRET, &result);
  g_assert_no_error (result.error);
  g_assert_nonnull (result.tokens);
  g_assert_cmpstr (result.tokens->display_name, ==, "Jeff Remer");
  g_assert_cmpstr (result.tokens->account_id, ==, "1513");
  g_assert_true (g_str_has_prefix (result.tokens->access_token, "fake-strava-access-"));
  g_assert_true (g_str_has_prefix (result.tokens->refresh_token, "fake-strava-refresh-"));
  /* About six hours, from Strava's absolute expires_at. */
  g_assert_cmpint (result.tokens->expires_at_ms - now_ms, >, 6 * 3600 * 1000 - 60000);
  g_assert_cmpint (result.tokens->expires_at_ms - now_ms, <=, 6 * 3600 * 1000 + 1000);

  /* The browser landed on the listener and was told it is done. */
  g_assert_no_error (result.browser.error);
  g_assert_cmpuint (result.browser.status, ==, 200);
  g_assert_true (g_str_has_prefix (result.browser.final_url, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (result.browser.body, "You can close this tab and return to Run Sous BPM"));
  rsb_test_assert_no_secret (provider, result.browser.body);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "authorize"), ==, 1);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "token"), ==, 1);
  flow_result_clear (&result);
}

static void
test_flow_spotify (void)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("spotify");
  FlowResult result = { 0 };

  run_flow (RSB_SERVICE_SPOTIFY, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.tokens->account_id, ==, "runner42");
  g_assert_cmpstr (result.tokens->display_name, ==, "Ana <b>Runner</b>");
  g_assert_true (g_str_has_prefix (result.tokens->refresh_token, "fake-spotify-refresh-"));
  /* The scopes granted come back in the token answer, for the account. */
  g_assert_cmpstr (result.tokens->scope, ==, "user-read-recently-played playlist-modify-private");
  g_assert_cmpuint (result.browser.status, ==, 200);
  flow_result_clear (&result);
}

static void
test_flow_wrong_secret (void)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("strava");
  FlowResult result = { 0 };

  run_flow (RSB_SERVICE_STRAVA, "not-the-secret", &result);
  g_assert_error (result.error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_TOKEN);
  g_assert_true (g_str_has_prefix (result.error->message, "Strava refused the sign-in"));
  g_assert_nonnull (strstr (result.error->message, "invalid_client"));
  g_assert_null (strstr (result.error->message, "not-the-secret"));
  rsb_test_assert_no_secret (provider, result.error->message);
  flow_result_clear (&result);
}

static void
test_flow_denied (void)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("spotify");
  FlowResult result = { 0 };

  rsb_fake_oauth_set_deny (provider->oauth, TRUE);
  run_flow (RSB_SERVICE_SPOTIFY, NULL, &result);
  g_assert_error (result.error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_DENIED);
  g_assert_nonnull (strstr (result.error->message, "Spotify"));
  g_assert_null (result.tokens);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "token"), ==, 0);
  g_assert_nonnull (strstr (result.browser.body, "You can close this tab"));
  flow_result_clear (&result);
}

/* ---- the listener on its own ---- */

typedef struct {
  RsbOAuthListener *listener;
  char             *url;
  Browser           browser;
  char             *code;
  GError           *error;
} Callback;

/* The browser GETs path?query on the listener while it waits. */
static void
callback_run (Callback   *cb,
              const char *expected_state,
              const char *query)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;

  cb->listener = rsb_oauth_listener_new (0, &error);
  g_assert_no_error (error);
  cb->url = g_strdup_printf ("http://127.0.0.1:%u/callback?%s",
                             rsb_oauth_listener_get_port (cb->listener), query);
  thread = browse (&cb->browser, cb->url);
  cb->code = rsb_oauth_listener_wait (cb->listener, expected_state, 10000, NULL, &cb->error);
  g_thread_join (thread);
}

static void
callback_clear (Callback *cb)
{
  g_clear_object (&cb->listener);
  g_free (cb->url);
  g_free (cb->code);
  g_clear_error (&cb->error);
  browser_clear (&cb->browser);
}

static gboolean
can_connect (const char *host,
             guint       port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect_to_host (client, host, port, NULL, &error);
  return connection != NULL;
}

static void
test_listener_wrong_state (void)
{
  Callback cb = { 0 };

  callback_run (&cb, "expected-state", "code=stolen-code&state=other-state");
  g_assert_error (cb.error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_STATE_MISMATCH);
  g_assert_null (cb.code);
  g_assert_null (strstr (cb.error->message, "stolen-code"));
  g_assert_cmpuint (cb.browser.status, ==, 400);
  g_assert_nonnull (strstr (cb.browser.body, "does not belong"));
  g_assert_null (strstr (cb.browser.body, "stolen-code"));
  /* Refused means finished: nothing listens any more. */
  g_assert_false (can_connect ("127.0.0.1", rsb_oauth_listener_get_port (cb.listener)));
  callback_clear (&cb);
}

static void
test_listener_no_echo (void)
{
  Callback cb = { 0 };
  const char *hostile = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
  g_autofree char *query = g_strdup_printf ("state=s1&code=%s&error_description=%s&x=%s", hostile, hostile, hostile);

  callback_run (&cb, "s1", query);
  g_assert_no_error (cb.error);
  g_assert_cmpstr (cb.code, ==, "<script>alert(1)</script>");
  g_assert_cmpuint (cb.browser.status, ==, 200);
  g_assert_null (strstr (cb.browser.body, "<script"));
  g_assert_null (strstr (cb.browser.body, "alert"));
  callback_clear (&cb);

  g_free (query);
  query = g_strdup_printf ("state=%s&code=%s", hostile, hostile);
  callback_run (&cb, "s1", query);
  g_assert_error (cb.error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_STATE_MISMATCH);
  g_assert_null (strstr (cb.browser.body, "<script"));
  g_assert_null (strstr (cb.browser.body, "alert"));
  g_assert_null (strstr (cb.error->message, "alert"));
  callback_clear (&cb);
}

static void
test_listener_error_without_denial (void)
{
  Callback cb = { 0 };

  callback_run (&cb, "s2", "state=s2&error=server_error");
  g_assert_error (cb.error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_TOKEN);
  g_assert_cmpuint (cb.browser.status, ==, 200);
  callback_clear (&cb);
}

static void
test_listener_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbOAuthListener) listener = rsb_oauth_listener_new (0, &error);
  guint port = rsb_oauth_listener_get_port (listener);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *code = NULL;

  g_assert_true (can_connect ("127.0.0.1", port));
  code = rsb_oauth_listener_wait (listener, "s", 300, NULL, &error);
  g_assert_null (code);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 290 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (can_connect ("127.0.0.1", port));
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_listener_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbOAuthListener) listener = rsb_oauth_listener_new (0, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();
  GThread *thread = g_thread_new ("cancel", cancel_later, cancellable);
  g_autofree char *code = rsb_oauth_listener_wait (listener, "s", 60000, cancellable, &error);

  g_thread_join (thread);
  g_assert_null (code);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (can_connect ("127.0.0.1", rsb_oauth_listener_get_port (listener)));
}

static void
test_listener_loopback_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbOAuthListener) listener = rsb_oauth_listener_new (0, &error);
  g_autoptr(RsbOAuthListener) second = NULL;
  guint port = rsb_oauth_listener_get_port (listener);
  g_autofree char *redirect = rsb_oauth_listener_get_redirect_uri (listener);
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/callback", port);

  g_assert_no_error (error);
  g_assert_cmpuint (port, >, 0);
  g_assert_cmpstr (redirect, ==, expected);
  g_assert_true (can_connect ("127.0.0.1", port));
  g_assert_false (can_connect ("127.0.0.2", port));
  g_assert_false (can_connect ("::1", port));

  /* A fixed port already taken: say so, name the port. */
  second = rsb_oauth_listener_new (port, &error);
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, "in use"));
}

/* ---- refresh ---- */

static RsbTokenSource *
issued_source (RsbTestProvider   *provider,
               RsbService  service,
               gint64      lifetime_ms)
{
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  RsbTokens tokens = { 0 };
  RsbTokenSource *source;

  rsb_fake_oauth_issue (provider->oauth, &tokens.access_token, &tokens.refresh_token, &tokens.expires_at_ms);
  tokens.expires_at_ms = g_get_real_time () / 1000 + lifetime_ms;
  tokens.account_id = g_strdup ("acct");
  tokens.display_name = g_strdup ("Someone");
  source = rsb_token_source_new (service, session, RSB_FAKE_CLIENT_ID,
                                 service == RSB_SERVICE_STRAVA ? RSB_FAKE_CLIENT_SECRET : NULL,
                                 &tokens);
  g_free (tokens.access_token);
  g_free (tokens.refresh_token);
  g_free (tokens.account_id);
  g_free (tokens.display_name);
  return source;
}

static void
count_changes (RsbTokenSource *source,
               guint          *n)
{
  (*n)++;
}

static void
check_refresh (const char *service_id,
               RsbService  service,
               gboolean    rotate)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start (service_id);
  g_autoptr(RsbTokenSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_access = NULL;
  g_autofree char *old_refresh = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(RsbTokens) again = NULL;
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  guint changes = 0;

  rsb_fake_oauth_set_rotate_refresh (provider->oauth, rotate);
  /* Plenty of time left: the token is used as it is. */
  source = issued_source (provider, service, 3600 * 1000);
  g_signal_connect (source, "tokens-changed", G_CALLBACK (count_changes), &changes);
  old_access = g_strdup (rsb_token_source_peek_tokens (source)->access_token);
  old_refresh = g_strdup (rsb_token_source_peek_tokens (source)->refresh_token);
  first = rsb_token_source_get (source, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, old_access);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "refresh"), ==, 0);

  /* A 401 forces a refresh. */
  second = rsb_token_source_get (source, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, !=, old_access);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "refresh"), ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (rsb_token_source_peek_tokens (source)->account_id, ==, "acct");
  g_assert_cmpstr (rsb_token_source_peek_tokens (source)->display_name, ==, "Someone");
  if (rotate)
    g_assert_cmpstr (rsb_token_source_peek_tokens (source)->refresh_token, !=, old_refresh);
  else
    g_assert_cmpstr (rsb_token_source_peek_tokens (source)->refresh_token, ==, old_refresh);

  /* The refreshed token is reused while it is fresh. */
  third = rsb_token_source_get (source, FALSE, NULL, &error);
  g_assert_cmpstr (third, ==, second);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "refresh"), ==, 1);

  /* After rotation the old refresh token is dead, and the new one works. */
  again = rsb_oauth_refresh (session, service, RSB_FAKE_CLIENT_ID,
                             service == RSB_SERVICE_STRAVA ? RSB_FAKE_CLIENT_SECRET : NULL,
                             old_refresh, NULL, &error);
  if (rotate)
    {
      g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
      g_clear_error (&error);
      again = rsb_oauth_refresh (session, service, RSB_FAKE_CLIENT_ID,
                                 service == RSB_SERVICE_STRAVA ? RSB_FAKE_CLIENT_SECRET : NULL,
                                 rsb_token_source_peek_tokens (source)->refresh_token, NULL, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
test_refresh_spotify_rotating (void)
{
  check_refresh ("spotify", RSB_SERVICE_SPOTIFY, TRUE);
}

static void
test_refresh_spotify_keeping (void)
{
  check_refresh ("spotify", RSB_SERVICE_SPOTIFY, FALSE);
}

static void
test_refresh_strava_rotating (void)
{
  check_refresh ("strava", RSB_SERVICE_STRAVA, TRUE);
}

static void
test_refresh_strava_keeping (void)
{
  check_refresh ("strava", RSB_SERVICE_STRAVA, FALSE);
}

static void
test_refresh_before_expiry (void)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("strava");
  /* Four minutes left: inside the five-minute margin. */
  g_autoptr(RsbTokenSource) source = issued_source (provider, RSB_SERVICE_STRAVA, 4 * 60 * 1000);
  g_autofree char *old_access = g_strdup (rsb_token_source_peek_tokens (source)->access_token);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = rsb_token_source_get (source, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, old_access);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "refresh"), ==, 1);
  g_assert_cmpint (rsb_token_source_peek_tokens (source)->expires_at_ms - g_get_real_time () / 1000, >, 5 * 3600 * 1000);
}

static void
test_refresh_invalid_grant (void)
{
  g_autoptr(RsbTestProvider) strava = rsb_test_provider_start ("strava");
  g_autoptr(RsbTestProvider) spotify = rsb_test_provider_start ("spotify");
  g_autoptr(RsbTokenSource) source = issued_source (spotify, RSB_SERVICE_SPOTIFY, 0);
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(RsbTokens) tokens = NULL;

  /* Spotify's RFC 6749 answer. */
  rsb_fake_oauth_fail_next_token (spotify->oauth, "invalid_grant");
  token = rsb_token_source_get (source, FALSE, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "reconnect Spotify"));
  rsb_test_assert_no_secret (spotify, error->message);
  g_clear_error (&error);

  /* Strava's own error shape, for a refresh token it never issued. */
  tokens = rsb_oauth_refresh (session, RSB_SERVICE_STRAVA, RSB_FAKE_CLIENT_ID, RSB_FAKE_CLIENT_SECRET,
                              "fake-strava-refresh-revoked", NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "Strava"));
  g_assert_null (strstr (error->message, "revoked"));
}

static void
check_broken_token_answer (guint        status,
                           const char  *body,
                           RsbSyncError expected)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("strava");
  g_autoptr(RsbTokenSource) source = issued_source (provider, RSB_SERVICE_STRAVA, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  rsb_fake_oauth_break_next_token (provider->oauth, status, body);
  token = rsb_token_source_get (source, FALSE, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, RSB_SYNC_ERROR, (gint) expected);
  g_assert_true (g_str_has_prefix (error->message, "Strava"));
  rsb_test_assert_no_secret (provider, error->message);
  /* Nothing was replaced by the failed refresh. */
  g_assert_false (g_str_has_prefix (rsb_token_source_peek_tokens (source)->access_token, "LEAKED"));
  g_test_message ("%u: %s", status, error->message);
}

static void
test_token_endpoint_faults (void)
{
  check_broken_token_answer (500, "{\"error\":\"server_error\",\"access_token\":\"LEAKED-1\"}",
                             RSB_SYNC_ERROR_SERVER);
  check_broken_token_answer (200, "{\"access_token\":\"LEAKED-2\",\"refresh_tok",
                             RSB_SYNC_ERROR_MALFORMED);
  check_broken_token_answer (200, "<html>LEAKED-3</html>", RSB_SYNC_ERROR_MALFORMED);
  check_broken_token_answer (200, "{\"access_token\":\"LEAKED-4\"}", RSB_SYNC_ERROR_MALFORMED);
  /* A description may quote what was sent: only the error code is shown. */
  check_broken_token_answer (400, "{\"error\":\"invalid_request\",\"error_description\":\"bad token LEAKED-5\"}",
                             RSB_SYNC_ERROR_TOKEN);
  check_broken_token_answer (400, "{\"error\":\"LEAKED-6\"}", RSB_SYNC_ERROR_TOKEN);
  check_broken_token_answer (403, "LEAKED-7", RSB_SYNC_ERROR_HTTP);
}

static void
test_deauthorize (void)
{
  g_autoptr(RsbTestProvider) provider = rsb_test_provider_start ("strava");
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autoptr(RsbTokens) tokens = NULL;
  gint64 expires;

  rsb_fake_oauth_issue (provider->oauth, &access, &refresh, &expires);
  g_assert_true (rsb_oauth_deauthorize (session, RSB_SERVICE_STRAVA, access, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rsb_fake_oauth_count (provider->oauth, "deauthorize"), ==, 1);
  /* The app's access is gone on the provider's side. */
  tokens = rsb_oauth_refresh (session, RSB_SERVICE_STRAVA, RSB_FAKE_CLIENT_ID, RSB_FAKE_CLIENT_SECRET,
                              refresh, NULL, &error);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  /* Disconnecting twice is not an error. */
  g_assert_true (rsb_oauth_deauthorize (session, RSB_SERVICE_STRAVA, access, NULL, &error));
  g_assert_true (rsb_oauth_deauthorize (session, RSB_SERVICE_SPOTIFY, "x", NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth/pkce/rfc7636", test_pkce_rfc7636);
  g_test_add_func ("/oauth/pkce/random", test_random_strings);
  g_test_add_func ("/oauth/authorize-url", test_authorize_url);
  g_test_add_func ("/oauth/base-url-overrides", test_base_url_overrides);
  g_test_add_func ("/oauth/flow/strava", test_flow_strava);
  g_test_add_func ("/oauth/flow/spotify", test_flow_spotify);
  g_test_add_func ("/oauth/flow/wrong-secret", test_flow_wrong_secret);
  g_test_add_func ("/oauth/flow/denied", test_flow_denied);
  g_test_add_func ("/oauth/listener/wrong-state", test_listener_wrong_state);
  g_test_add_func ("/oauth/listener/no-echo", test_listener_no_echo);
  g_test_add_func ("/oauth/listener/provider-error", test_listener_error_without_denial);
  g_test_add_func ("/oauth/listener/timeout", test_listener_timeout);
  g_test_add_func ("/oauth/listener/cancel", test_listener_cancel);
  g_test_add_func ("/oauth/listener/loopback-only", test_listener_loopback_only);
  g_test_add_func ("/oauth/refresh/spotify-rotating", test_refresh_spotify_rotating);
  g_test_add_func ("/oauth/refresh/spotify-keeping", test_refresh_spotify_keeping);
  g_test_add_func ("/oauth/refresh/strava-rotating", test_refresh_strava_rotating);
  g_test_add_func ("/oauth/refresh/strava-keeping", test_refresh_strava_keeping);
  g_test_add_func ("/oauth/refresh/before-expiry", test_refresh_before_expiry);
  g_test_add_func ("/oauth/refresh/invalid-grant", test_refresh_invalid_grant);
  g_test_add_func ("/oauth/token/faults", test_token_endpoint_faults);
  g_test_add_func ("/oauth/deauthorize", test_deauthorize);

  return g_test_run ();
}
