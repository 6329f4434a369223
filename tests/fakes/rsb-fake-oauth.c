/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-oauth.c: a strict, small OAuth 2.0 authorization server.
 *
 * Strict where the real providers are (exact redirect_uri, PKCE S256,
 * Strava's client secret) so the client is proven against the rules,
 * not against a lenient fake.
 */
#include "rsb-fake-oauth.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The athlete of ../shared/testdata/strava-api/athlete.json. */
#define FAKE_ATHLETE_ID        1513
#define FAKE_ATHLETE_FIRSTNAME "Jeff"
#define FAKE_ATHLETE_LASTNAME  "Remer"

#define CODE_LIFETIME_US (10 * G_USEC_PER_SEC * 60)

typedef struct {
  char   *redirect_uri;
  char   *challenge;
  char   *scope;
  gint64  expires_us;
} PendingCode;

struct _RsbFakeOAuth
{
  GMutex      mutex;
  gboolean    strava;
  GHashTable *codes;          /* code -> PendingCode */
  GHashTable *access;         /* access token -> gint64* expires_at_ms */
  GHashTable *refresh;        /* refresh token -> access token it belongs with */
  GPtrArray  *issued;
  GHashTable *counts;         /* what -> count */
  gboolean    deny;
  gboolean    rotate;
  gint64      lifetime_s;
  char       *fail_error;
  guint       break_status;
  char       *break_body;
  char       *granted_scope;  /* NULL: what was asked */
};

static void
pending_code_free (gpointer data)
{
  PendingCode *code = data;

  g_free (code->redirect_uri);
  g_free (code->challenge);
  g_free (code->scope);
  g_free (code);
}

RsbFakeOAuth *
rsb_fake_oauth_new (const char *service)
{
  RsbFakeOAuth *self = g_new0 (RsbFakeOAuth, 1);

  g_return_val_if_fail (g_strcmp0 (service, "strava") == 0 || g_strcmp0 (service, "spotify") == 0, NULL);

  g_mutex_init (&self->mutex);
  self->strava = g_str_equal (service, "strava");
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_code_free);
  self->access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->issued = g_ptr_array_new_with_free_func (g_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Strava's access tokens last 6 hours, Spotify's one. */
  self->lifetime_s = self->strava ? 6 * 3600 : 3600;
  return self;
}

void
rsb_fake_oauth_free (RsbFakeOAuth *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->access);
  g_hash_table_unref (self->refresh);
  g_ptr_array_unref (self->issued);
  g_hash_table_unref (self->counts);
  g_free (self->fail_error);
  g_free (self->break_body);
  g_free (self->granted_scope);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* Called with the mutex held. */
static void
count (RsbFakeOAuth *self,
       const char   *what)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));

  g_hash_table_insert (self->counts, g_strdup (what), GUINT_TO_POINTER (n + 1));
}

/* Distinctive, so leak tests can grep for them. */
static char *
random_token (const char *prefix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < 4; i++)
    g_string_append_printf (s, "%08x", g_random_int ());
  return g_string_free (s, FALSE);
}

static char *
s256 (const char *verifier)
{
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *b64 = NULL;
  GString *out;

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  b64 = g_base64_encode (digest, len);
  out = g_string_new (NULL);
  for (const char *p = b64; *p && *p != '='; p++)
    g_string_append_c (out, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  return g_string_free (out, FALSE);
}

static gboolean
is_loopback_redirect (const char *redirect_uri)
{
  g_autoptr(GUri) uri = redirect_uri ? g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL &&
         g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
         g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") == 0;
}

static void
answer_text (SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
answer_json (SoupServerMessage *msg,
             guint              status,
             JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *body = json_to_string (root, FALSE);

  answer_text (msg, status, "application/json", body);
}

static void
answer_oauth_error (SoupServerMessage *msg,
                    guint              status,
                    const char        *error,
                    const char        *description)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, error);
  if (description)
    {
      json_builder_set_member_name (b, "error_description");
      json_builder_add_string_value (b, description);
    }
  json_builder_end_object (b);
  answer_json (msg, status, b);
}

/* Strava does not speak RFC 6749 errors: it answers
 * {"message": "Bad Request", "errors": [{resource, field, code}]}. */
static void
answer_strava_error (SoupServerMessage *msg,
                     const char        *resource,
                     const char        *field)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, "Bad Request");
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "resource");
  json_builder_add_string_value (b, resource);
  json_builder_set_member_name (b, "field");
  json_builder_add_string_value (b, field);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, "invalid");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  answer_json (msg, SOUP_STATUS_BAD_REQUEST, b);
}

static void
answer_invalid (RsbFakeOAuth      *self,
                SoupServerMessage *msg,
                const char        *resource,
                const char        *field,
                const char        *description)
{
  if (self->strava)
    answer_strava_error (msg, resource, field);
  else
    answer_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", description);
}

static void
handle_authorize (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  RsbFakeOAuth *self = user_data;
  const char *redirect_uri = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *challenge = query ? g_hash_table_lookup (query, "code_challenge") : NULL;
  g_autoptr(GUri) target = NULL;
  g_autofree char *code = NULL;
  g_autofree char *location = NULL;
  g_autofree char *params = NULL;
  gboolean deny;

  g_mutex_lock (&self->mutex);
  count (self, "authorize");
  deny = self->deny;
  g_mutex_unlock (&self->mutex);

  if (query == NULL ||
      g_strcmp0 (g_hash_table_lookup (query, "client_id"), RSB_FAKE_CLIENT_ID) != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "response_type"), "code") != 0 ||
      !is_loopback_redirect (redirect_uri) ||
      g_strcmp0 (g_hash_table_lookup (query, "code_challenge_method"), "S256") != 0 ||
      challenge == NULL || strlen (challenge) != 43 ||
      state == NULL || g_hash_table_lookup (query, "scope") == NULL)
    {
      /* Providers show an error page and never redirect a bad request. */
      answer_text (msg, SOUP_STATUS_BAD_REQUEST, "text/html; charset=utf-8",
                   "<!doctype html><title>Bad request</title><p>Invalid authorization request.</p>");
      return;
    }

  if (deny)
    {
      params = soup_form_encode ("error", "access_denied", "state", state, NULL);
    }
  else
    {
      PendingCode *pending = g_new0 (PendingCode, 1);

      code = random_token ("fake-code-");
      pending->redirect_uri = g_strdup (redirect_uri);
      pending->challenge = g_strdup (challenge);
      pending->scope = g_strdup (g_hash_table_lookup (query, "scope"));
      pending->expires_us = g_get_monotonic_time () + CODE_LIFETIME_US;
      g_mutex_lock (&self->mutex);
      g_hash_table_insert (self->codes, g_strdup (code), pending);
      g_mutex_unlock (&self->mutex);
      if (self->strava)
        params = soup_form_encode ("state", state, "code", code,
                                   "scope", g_hash_table_lookup (query, "scope"), NULL);
      else
        params = soup_form_encode ("code", code, "state", state, NULL);
    }

  /* The consent is given at once: a 302 takes both a real browser and a
   * SoupSession straight to the app's loopback listener. */
  location = g_strconcat (redirect_uri, strchr (redirect_uri, '?') ? "&" : "?", params, NULL);
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

/* Called with the mutex held. */
static void
issue_locked (RsbFakeOAuth *self,
              char        **access_token,
              char        **refresh_token,
              gint64       *expires_at_ms)
{
  g_autofree char *access = random_token (self->strava ? "fake-strava-access-" : "fake-spotify-access-");
  g_autofree char *refresh = random_token (self->strava ? "fake-strava-refresh-" : "fake-spotify-refresh-");
  gint64 expires = (g_get_real_time () / G_USEC_PER_SEC + self->lifetime_s) * 1000;

  g_hash_table_insert (self->access, g_strdup (access), g_memdup2 (&expires, sizeof expires));
  g_hash_table_insert (self->refresh, g_strdup (refresh), g_strdup (access));
  g_ptr_array_add (self->issued, g_strdup (access));
  g_ptr_array_add (self->issued, g_strdup (refresh));
  if (access_token)
    *access_token = g_steal_pointer (&access);
  if (refresh_token)
    *refresh_token = g_steal_pointer (&refresh);
  if (expires_at_ms)
    *expires_at_ms = expires;
}

void
rsb_fake_oauth_issue (RsbFakeOAuth  *self,
                      char         **access_token,
                      char         **refresh_token,
                      gint64        *expires_at_ms)
{
  g_mutex_lock (&self->mutex);
  issue_locked (self, access_token, refresh_token, expires_at_ms);
  g_mutex_unlock (&self->mutex);
}

static void
add_token_members (RsbFakeOAuth *self,
                   JsonBuilder  *b,
                   const char   *access,
                   const char   *refresh,
                   gint64        expires_at_ms,
                   const char   *scope)
{
  json_builder_set_member_name (b, "token_type");
  json_builder_add_string_value (b, "Bearer");
  json_builder_set_member_name (b, "access_token");
  json_builder_add_string_value (b, access);
  if (self->strava)
    {
      json_builder_set_member_name (b, "expires_at");
      json_builder_add_int_value (b, expires_at_ms / 1000);
    }
  json_builder_set_member_name (b, "expires_in");
  json_builder_add_int_value (b, self->lifetime_s);
  if (refresh)
    {
      json_builder_set_member_name (b, "refresh_token");
      json_builder_add_string_value (b, refresh);
    }
  if (!self->strava)
    {
      json_builder_set_member_name (b, "scope");
      json_builder_add_string_value (b, self->granted_scope != NULL ? self->granted_scope
                                        : scope != NULL ? scope : "user-read-recently-played");
    }
}

/* Called with the mutex held. */
static void
grant_code (RsbFakeOAuth      *self,
            SoupServerMessage *msg,
            GHashTable        *form)
{
  const char *code = g_hash_table_lookup (form, "code");
  const char *verifier = g_hash_table_lookup (form, "code_verifier");
  const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
  PendingCode *pending = code ? g_hash_table_lookup (self->codes, code) : NULL;
  g_autofree char *challenge = verifier ? s256 (verifier) : NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  gint64 expires;

  count (self, "token");
  if (pending == NULL || pending->expires_us < g_get_monotonic_time () ||
      g_strcmp0 (challenge, pending->challenge) != 0 ||
      /* Strava does not ask for redirect_uri at the token step; Spotify
       * insists it matches the authorize request exactly. */
      (!self->strava && g_strcmp0 (redirect_uri, pending->redirect_uri) != 0))
    {
      if (code)
        g_hash_table_remove (self->codes, code);
      answer_invalid (self, msg, "AuthorizationCode", "code", "Invalid authorization code");
      return;
    }
  issue_locked (self, &access, &refresh, &expires);
  b = json_builder_new ();
  json_builder_begin_object (b);
  add_token_members (self, b, access, refresh, expires, pending->scope);
  g_hash_table_remove (self->codes, code);   /* single use */
  if (self->strava)
    {
      json_builder_set_member_name (b, "athlete");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, FAKE_ATHLETE_ID);
      json_builder_set_member_name (b, "firstname");
      json_builder_add_string_value (b, FAKE_ATHLETE_FIRSTNAME);
      json_builder_set_member_name (b, "lastname");
      json_builder_add_string_value (b, FAKE_ATHLETE_LASTNAME);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  answer_json (msg, SOUP_STATUS_OK, b);
}

/* Called with the mutex held. */
static void
grant_refresh (RsbFakeOAuth      *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  const char *refresh = g_hash_table_lookup (form, "refresh_token");
  g_autofree char *access = NULL;
  g_autofree char *new_refresh = NULL;
  g_autofree char *old_access = NULL;
  g_autofree char *old_refresh = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  gint64 expires;

  count (self, "refresh");
  if (refresh == NULL ||
      !g_hash_table_steal_extended (self->refresh, refresh, (gpointer *) &old_refresh, (gpointer *) &old_access))
    {
      answer_invalid (self, msg, "RefreshToken", "refresh_token", "Invalid refresh token");
      return;
    }
  g_hash_table_remove (self->access, old_access);

  issue_locked (self, &access, &new_refresh, &expires);
  if (!self->rotate)
    {
      /* The old refresh token stays valid; forget the fresh one. */
      g_hash_table_remove (self->refresh, new_refresh);
      g_ptr_array_remove_index (self->issued, self->issued->len - 1);
      g_hash_table_insert (self->refresh, g_strdup (refresh), g_strdup (access));
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  /* Strava always answers a refresh token (the same one unless it
   * rotated); Spotify leaves it out when it did not rotate. */
  add_token_members (self, b, access,
                     self->rotate ? new_refresh : self->strava ? refresh : NULL,
                     expires, NULL);
  json_builder_end_object (b);
  answer_json (msg, SOUP_STATUS_OK, b);
}

static GHashTable *
decode_form (SoupServerMessage *msg,
             GHashTable        *query)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") == 0 && body->length > 0)
    {
      g_autofree char *text = NULL;

      bytes = soup_message_body_flatten (body);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      return soup_form_decode (text);
    }
  /* Strava also takes the parameters in the query string. */
  if (query)
    return g_hash_table_ref (query);
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static void
handle_token (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  RsbFakeOAuth *self = user_data;
  g_autoptr(GHashTable) form = NULL;
  const char *grant;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  form = decode_form (msg, query);
  grant = g_hash_table_lookup (form, "grant_type");

  g_mutex_lock (&self->mutex);
  if (self->break_status)
    {
      count (self, g_strcmp0 (grant, "refresh_token") == 0 ? "refresh" : "token");
      answer_text (msg, self->break_status, "application/json", self->break_body ? self->break_body : "");
      self->break_status = 0;
      g_clear_pointer (&self->break_body, g_free);
    }
  else if (self->fail_error)
    {
      count (self, g_strcmp0 (grant, "refresh_token") == 0 ? "refresh" : "token");
      answer_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, self->fail_error, NULL);
      g_clear_pointer (&self->fail_error, g_free);
    }
  else if (g_strcmp0 (g_hash_table_lookup (form, "client_id"), RSB_FAKE_CLIENT_ID) != 0 ||
           (self->strava && g_strcmp0 (g_hash_table_lookup (form, "client_secret"), RSB_FAKE_CLIENT_SECRET) != 0) ||
           (!self->strava && g_hash_table_contains (form, "client_secret")))
    {
      /* A PKCE public client must not send a secret. */
      count (self, "token");
      if (self->strava)
        answer_strava_error (msg, "Application", "client_id");
      else
        answer_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_client", "Invalid client");
    }
  else if (g_strcmp0 (grant, "authorization_code") == 0)
    grant_code (self, msg, form);
  else if (g_strcmp0 (grant, "refresh_token") == 0)
    grant_refresh (self, msg, form);
  else
    {
      count (self, "token");
      answer_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type", NULL);
    }
  g_mutex_unlock (&self->mutex);
}

static void
handle_deauthorize (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  RsbFakeOAuth *self = user_data;
  g_autoptr(GHashTable) form = NULL;
  const char *access;
  GHashTableIter iter;
  gpointer key, value;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  form = decode_form (msg, query);
  access = g_hash_table_lookup (form, "access_token");

  g_mutex_lock (&self->mutex);
  count (self, "deauthorize");
  if (access == NULL || !g_hash_table_remove (self->access, access))
    {
      g_mutex_unlock (&self->mutex);
      answer_text (msg, SOUP_STATUS_UNAUTHORIZED, "application/json",
                   "{\"message\":\"Authorization Error\",\"errors\":[{\"resource\":\"Athlete\",\"field\":\"access_token\",\"code\":\"invalid\"}]}");
      return;
    }
  /* Revoking the app revokes every token it holds. */
  g_hash_table_iter_init (&iter, self->refresh);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (value, access))
      g_hash_table_iter_remove (&iter);
  g_mutex_unlock (&self->mutex);

  answer_text (msg, SOUP_STATUS_OK, "application/json", "{}");
}

void
rsb_fake_oauth_attach (RsbFakeOAuth *self,
                       SoupServer   *server,
                       const char   *prefix)
{
  g_autofree char *authorize = g_strconcat (prefix, "/authorize", NULL);
  g_autofree char *token = g_strconcat (prefix, self->strava ? "/token" : "/api/token", NULL);

  soup_server_add_handler (server, authorize, handle_authorize, self, NULL);
  soup_server_add_handler (server, token, handle_token, self, NULL);
  if (self->strava)
    {
      g_autofree char *deauthorize = g_strconcat (prefix, "/deauthorize", NULL);

      soup_server_add_handler (server, deauthorize, handle_deauthorize, self, NULL);
    }
}

gboolean
rsb_fake_oauth_authorized (RsbFakeOAuth      *self,
                           SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  gint64 *expires;
  gboolean ok;

  if (header == NULL || !g_str_has_prefix (header, "Bearer "))
    return FALSE;
  g_mutex_lock (&self->mutex);
  expires = g_hash_table_lookup (self->access, header + strlen ("Bearer "));
  ok = expires != NULL && *expires > g_get_real_time () / 1000;
  g_mutex_unlock (&self->mutex);
  return ok;
}

void
rsb_fake_oauth_expire_access_tokens (RsbFakeOAuth *self)
{
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&self->mutex);
  g_hash_table_iter_init (&iter, self->access);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    *(gint64 *) value = 0;
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_oauth_set_deny (RsbFakeOAuth *self,
                         gboolean      deny)
{
  g_mutex_lock (&self->mutex);
  self->deny = deny;
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_oauth_set_rotate_refresh (RsbFakeOAuth *self,
                                   gboolean      rotate)
{
  g_mutex_lock (&self->mutex);
  self->rotate = rotate;
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_oauth_set_lifetime (RsbFakeOAuth *self,
                             guint         seconds)
{
  g_mutex_lock (&self->mutex);
  self->lifetime_s = seconds;
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_oauth_fail_next_token (RsbFakeOAuth *self,
                                const char   *oauth_error)
{
  g_mutex_lock (&self->mutex);
  g_free (self->fail_error);
  self->fail_error = g_strdup (oauth_error);
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_oauth_break_next_token (RsbFakeOAuth *self,
                                 guint         status,
                                 const char   *body)
{
  g_mutex_lock (&self->mutex);
  self->break_status = status;
  g_free (self->break_body);
  self->break_body = g_strdup (body);
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_oauth_count (RsbFakeOAuth *self,
                      const char   *what)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));
  g_mutex_unlock (&self->mutex);
  return n;
}

char **
rsb_fake_oauth_dup_issued_tokens (RsbFakeOAuth *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **tokens;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->issued->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->issued, i));
  g_mutex_unlock (&self->mutex);
  tokens = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return tokens;
}

void
rsb_fake_oauth_set_granted_scope (RsbFakeOAuth *self,
                                  const char   *scope)
{
  g_mutex_lock (&self->mutex);
  g_free (self->granted_scope);
  self->granted_scope = g_strdup (scope);
  g_mutex_unlock (&self->mutex);
}
