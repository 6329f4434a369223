/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-oauth.c: authorization code grant with PKCE, refresh, revoke.
 *
 * What a provider says goes into an error message only as one of the
 * RFC 6749 error codes: descriptions and bodies can quote what we sent,
 * and what we sent holds codes and secrets.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/random.h>

#include "rsb-json.h"
#include "rsb-oauth.h"
#include "rsb-sync-error.h"

static char *
base64url (const guint8 *data,
           gsize         len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  GString *out = g_string_sized_new (strlen (b64));

  for (const char *p = b64; *p && *p != '='; p++)
    g_string_append_c (out, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  return g_string_free (out, FALSE);
}

/* The kernel's CSPRNG: GLib's g_random is not meant for secrets. */
char *
rsb_oauth_random_string (gsize n_bytes)
{
  g_autofree guint8 *buf = g_malloc (n_bytes);
  gsize filled = 0;

  while (filled < n_bytes)
    {
      ssize_t r = getrandom (buf + filled, n_bytes - filled, 0);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        g_error ("getrandom() failed: %s", g_strerror (errno));
      filled += r;
    }
  return base64url (buf, n_bytes);
}

char *
rsb_oauth_pkce_challenge (const char *verifier)
{
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  return base64url (digest, len);
}

RsbAuthRequest *
rsb_auth_request_new (RsbService  service,
                      const char *client_id,
                      const char *client_secret,
                      const char *redirect_uri)
{
  RsbAuthRequest *request = g_new0 (RsbAuthRequest, 1);

  request->service = service;
  request->client_id = g_strdup (client_id);
  request->client_secret = g_strdup (client_secret);
  request->redirect_uri = g_strdup (redirect_uri);
  request->state = rsb_oauth_random_string (16);
  /* 32 bytes give a 43-character verifier, RFC 7636's minimum length
   * and its recommended construction. */
  request->verifier = rsb_oauth_random_string (32);
  return request;
}

void
rsb_auth_request_free (RsbAuthRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->client_id);
  g_free (request->client_secret);
  g_free (request->redirect_uri);
  g_free (request->state);
  g_free (request->verifier);
  g_free (request);
}

static void
append_param (GString    *url,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (url, strchr (url->str, '?') ? '&' : '?');
  g_string_append_printf (url, "%s=%s", name, escaped);
}

char *
rsb_oauth_authorize_url (const RsbAuthRequest  *request,
                         GError               **error)
{
  g_autofree char *endpoint = rsb_service_authorize_endpoint (request->service, error);
  g_autofree char *challenge = NULL;
  GString *url;

  if (endpoint == NULL)
    return NULL;
  challenge = rsb_oauth_pkce_challenge (request->verifier);
  url = g_string_new (endpoint);
  append_param (url, "client_id", request->client_id);
  append_param (url, "response_type", "code");
  append_param (url, "redirect_uri", request->redirect_uri);
  append_param (url, "scope", rsb_service_scope (request->service));
  append_param (url, "state", request->state);
  append_param (url, "code_challenge", challenge);
  append_param (url, "code_challenge_method", "S256");
  if (request->service == RSB_SERVICE_STRAVA)
    append_param (url, "approval_prompt", "auto");
  return g_string_free (url, FALSE);
}

/* ---- talking to the token endpoint ---- */

static GBytes *
send (SoupSession   *session,
      SoupMessage   *msg,
      RsbService     service,
      GCancellable  *cancellable,
      GError       **error)
{
  GError *local_error = NULL;
  GBytes *body;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  body = soup_session_send_and_read (session, msg, cancellable, &local_error);
  if (body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, local_error);
      else
        g_propagate_prefixed_error (error, local_error, _("Could not reach %s: "),
                                    rsb_service_display_name (service));
    }
  return body;
}

/* Only the codes RFC 6749 §5.2 defines ever reach a message. */
static const char *
known_oauth_error (const char *code)
{
  static const char * const known[] = {
    "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
    "unsupported_grant_type", "invalid_scope", "access_denied", "server_error",
    "temporarily_unavailable",
  };

  for (guint i = 0; code && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (code, known[i]))
      return known[i];
  return NULL;
}

/* Strava answers {"message", "errors": [{"resource", "field", "code"}]}
 * instead of RFC 6749 errors: translate the ones that matter. */
static const char *
strava_oauth_error (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "errors");
  JsonArray *errors;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  errors = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *item = json_array_get_element (errors, i);
      JsonObject *e = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *field = rsb_json_member_string (e, "field");
      const char *resource = rsb_json_member_string (e, "resource");

      if (g_strcmp0 (field, "refresh_token") == 0 || g_strcmp0 (field, "code") == 0 ||
          g_strcmp0 (resource, "RefreshToken") == 0 || g_strcmp0 (resource, "AuthorizationCode") == 0)
        return "invalid_grant";
      if (g_strcmp0 (field, "client_id") == 0 || g_strcmp0 (field, "client_secret") == 0 ||
          g_strcmp0 (resource, "Application") == 0)
        return "invalid_client";
    }
  return NULL;
}

static const char *
explain_oauth_error (const char *code)
{
  if (g_strcmp0 (code, "invalid_client") == 0)
    return _("the client ID or client secret is not accepted");
  if (g_strcmp0 (code, "invalid_grant") == 0)
    return _("the authorization was not accepted; try connecting again");
  if (g_strcmp0 (code, "access_denied") == 0)
    return _("access was denied");
  if (g_strcmp0 (code, "invalid_scope") == 0)
    return _("the requested permissions were refused");
  return _("the request was refused");
}

static void
set_token_error (RsbService   service,
                 guint        status,
                 GBytes      *body,
                 gboolean     refreshing,
                 GError     **error)
{
  const char *name = rsb_service_display_name (service);
  g_autoptr(JsonObject) object = NULL;
  const char *code = NULL;

  if (status >= 500)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                   _("%s’s sign-in server had a problem (HTTP %u); try again later"), name, status);
      return;
    }
  if (status != SOUP_STATUS_BAD_REQUEST && status != SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
                   _("%s’s sign-in server answered with HTTP status %u"), name, status);
      return;
    }

  object = rsb_json_parse_object (body);
  if (object)
    code = known_oauth_error (rsb_json_member_string (object, "error"));
  if (object && code == NULL && service == RSB_SERVICE_STRAVA)
    code = strava_oauth_error (object);

  if (refreshing && g_strcmp0 (code, "invalid_grant") == 0)
    g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT,
                 _("%s no longer accepts the saved sign-in: reconnect %s"), name, name);
  else if (code)
    g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_TOKEN,
                 _("%s refused the sign-in: %s (%s)"), name, explain_oauth_error (code), code);
  else
    g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_TOKEN,
                 _("%s refused the sign-in (HTTP status %u)"), name, status);
}

static void
set_malformed (RsbService   service,
               GError     **error)
{
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("%s’s sign-in server sent an answer that could not be understood"),
               rsb_service_display_name (service));
}

/* Strava names the athlete in the token answer. */
static void
read_athlete (JsonObject *object,
              RsbTokens  *tokens)
{
  JsonObject *athlete = rsb_json_member_object (object, "athlete");
  double id;
  g_autofree char *name = NULL;

  if (athlete == NULL)
    return;
  if (rsb_json_member_number (athlete, "id", &id))
    tokens->account_id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) id);
  name = g_strjoin (" ",
                    rsb_json_member_string (athlete, "firstname") ? rsb_json_member_string (athlete, "firstname") : "",
                    rsb_json_member_string (athlete, "lastname") ? rsb_json_member_string (athlete, "lastname") : "",
                    NULL);
  g_strstrip (name);
  if (*name)
    tokens->display_name = g_steal_pointer (&name);
}

/* A whole number of seconds, as the token answers give them (a
 * fraction, which neither service sends, is dropped). */
static gboolean
member_seconds (JsonObject *object,
                const char *name,
                gint64     *out)
{
  double value;

  if (!rsb_json_member_number (object, name, &value))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static RsbTokens *
parse_tokens (RsbService   service,
              GBytes      *body,
              gboolean     need_refresh_token,
              GError     **error)
{
  g_autoptr(JsonObject) object = rsb_json_parse_object (body);
  g_autoptr(RsbTokens) tokens = NULL;
  const char *access = rsb_json_member_string (object, "access_token");
  const char *refresh = rsb_json_member_string (object, "refresh_token");
  gint64 expires_at, expires_in;

  if (access == NULL || *access == '\0' || (need_refresh_token && (refresh == NULL || *refresh == '\0')))
    {
      set_malformed (service, error);
      return NULL;
    }

  tokens = g_new0 (RsbTokens, 1);
  tokens->access_token = g_strdup (access);
  tokens->refresh_token = refresh && *refresh ? g_strdup (refresh) : NULL;
  /* Strava's expires_at is absolute and does not drift with a slow
   * answer; Spotify only gives expires_in. */
  if (member_seconds (object, "expires_at", &expires_at) && expires_at > 0)
    tokens->expires_at_ms = expires_at * 1000;
  else if (member_seconds (object, "expires_in", &expires_in) && expires_in > 0)
    tokens->expires_at_ms = g_get_real_time () / 1000 + expires_in * 1000;
  else
    {
      set_malformed (service, error);
      return NULL;
    }
  read_athlete (object, tokens);
  /* RFC 6749 §5.1: the scopes granted, which the user may have narrowed. */
  tokens->scope = g_strdup (rsb_json_member_string (object, "scope"));
  return g_steal_pointer (&tokens);
}

/* POST a form to the token endpoint; the parsed tokens on 200. */
static RsbTokens *
token_request (SoupSession   *session,
               RsbService     service,
               GHashTable    *form,
               gboolean       refreshing,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *url = rsb_service_token_endpoint (service, error);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  if (url == NULL)
    return NULL;
  msg = soup_message_new_from_encoded_form (SOUP_METHOD_POST, url, soup_form_encode_hash (form));
  if (msg == NULL)
    {
      set_malformed (service, error);
      return NULL;
    }
  body = send (session, msg, service, cancellable, error);
  if (body == NULL)
    return NULL;
  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_OK)
    {
      set_token_error (service, status, body, refreshing, error);
      return NULL;
    }
  return parse_tokens (service, body, !refreshing, error);
}

/* Spotify's token answer does not say who signed in. */
static gboolean
fetch_spotify_profile (SoupSession   *session,
                       RsbTokens     *tokens,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *api = rsb_service_api_url (RSB_SERVICE_SPOTIFY, error);
  g_autofree char *url = NULL;
  g_autofree char *bearer = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *id, *name;
  guint status;

  if (api == NULL)
    return FALSE;
  url = g_strconcat (api, "/me", NULL);
  msg = soup_message_new (SOUP_METHOD_GET, url);
  bearer = g_strconcat ("Bearer ", tokens->access_token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  body = send (session, msg, RSB_SERVICE_SPOTIFY, cancellable, error);
  if (body == NULL)
    return FALSE;
  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, RSB_SYNC_ERROR,
                   status == SOUP_STATUS_UNAUTHORIZED ? RSB_SYNC_ERROR_UNAUTHORIZED :
                   status >= 500 ? RSB_SYNC_ERROR_SERVER : RSB_SYNC_ERROR_HTTP,
                   _("Spotify did not give the signed-in user’s profile (HTTP status %u)"), status);
      return FALSE;
    }
  object = rsb_json_parse_object (body);
  id = rsb_json_member_string (object, "id");
  name = rsb_json_member_string (object, "display_name");
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
                   _("Spotify sent a user profile that could not be understood"));
      return FALSE;
    }
  tokens->account_id = g_strdup (id);
  tokens->display_name = g_strdup (name && *name ? name : id);
  return TRUE;
}

static GHashTable *
new_form (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

RsbTokens *
rsb_oauth_exchange_code (SoupSession           *session,
                         const RsbAuthRequest  *request,
                         const char            *code,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GHashTable) form = new_form ();
  g_autoptr(RsbTokens) tokens = NULL;

  g_hash_table_insert (form, "grant_type", "authorization_code");
  g_hash_table_insert (form, "code", (char *) code);
  g_hash_table_insert (form, "client_id", request->client_id);
  g_hash_table_insert (form, "code_verifier", request->verifier);
  g_hash_table_insert (form, "redirect_uri", request->redirect_uri);
  if (request->client_secret)
    g_hash_table_insert (form, "client_secret", request->client_secret);

  tokens = token_request (session, request->service, form, FALSE, cancellable, error);
  if (tokens == NULL)
    return NULL;
  if (request->service == RSB_SERVICE_SPOTIFY &&
      !fetch_spotify_profile (session, tokens, cancellable, error))
    return NULL;
  return g_steal_pointer (&tokens);
}

RsbTokens *
rsb_oauth_refresh (SoupSession   *session,
                   RsbService     service,
                   const char    *client_id,
                   const char    *client_secret,
                   const char    *refresh_token,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GHashTable) form = new_form ();
  RsbTokens *tokens;

  g_return_val_if_fail (refresh_token != NULL, NULL);

  g_hash_table_insert (form, "grant_type", "refresh_token");
  g_hash_table_insert (form, "refresh_token", (char *) refresh_token);
  g_hash_table_insert (form, "client_id", (char *) client_id);
  if (client_secret)
    g_hash_table_insert (form, "client_secret", (char *) client_secret);

  tokens = token_request (session, service, form, TRUE, cancellable, error);
  if (tokens && tokens->refresh_token == NULL)
    tokens->refresh_token = g_strdup (refresh_token);
  return tokens;
}

gboolean
rsb_oauth_deauthorize (SoupSession   *session,
                       RsbService     service,
                       const char    *access_token,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *local_error = NULL;
  guint status;

  if (service != RSB_SERVICE_STRAVA)
    return TRUE;
  url = rsb_service_deauthorize_endpoint (service, &local_error);
  if (url == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  msg = soup_message_new_from_encoded_form (SOUP_METHOD_POST, url,
                                            soup_form_encode ("access_token", access_token, NULL));
  body = send (session, msg, service, cancellable, error);
  if (body == NULL)
    return FALSE;
  status = soup_message_get_status (msg);
  /* 401: the token is already dead, which is what we wanted. */
  if (status == SOUP_STATUS_OK || status == SOUP_STATUS_UNAUTHORIZED)
    return TRUE;
  g_set_error (error, RSB_SYNC_ERROR, status >= 500 ? RSB_SYNC_ERROR_SERVER : RSB_SYNC_ERROR_HTTP,
               _("Strava could not revoke the app’s access (HTTP status %u)"), status);
  return FALSE;
}
