/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-api-client.c: requests to a service's web API. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-api-client.h"
#include "rsb-http.h"
#include "rsb-sync-error.h"

struct _RsbApiClient
{
  GObject          parent_instance;

  RsbTokenSource  *tokens;
  SoupSession     *session;
  char            *base_url;
  RsbRateLimit    *rate_limit;

  guint            backoff_ms;
  guint            max_tries;
  gint64           paused_until_ms;
  guint            last_status;
  guint            n_requests;
};

/* RFC 6585; libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

G_DEFINE_FINAL_TYPE (RsbApiClient, rsb_api_client, G_TYPE_OBJECT)

/* How one try ended. */
typedef enum {
  TRY_DONE,       /* 2xx: the body is the answer */
  TRY_AGAIN,      /* 5xx, a dropped or silent connection: back off and retry */
  TRY_REFRESH,    /* 401: refresh the token and retry once */
  TRY_FAILED,     /* error set */
} TryOutcome;

static void
rsb_api_client_finalize (GObject *object)
{
  RsbApiClient *self = RSB_API_CLIENT (object);

  g_clear_object (&self->tokens);
  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->rate_limit, rsb_rate_limit_free);

  G_OBJECT_CLASS (rsb_api_client_parent_class)->finalize (object);
}

static void
rsb_api_client_class_init (RsbApiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_api_client_finalize;
}

static void
rsb_api_client_init (RsbApiClient *self)
{
  self->backoff_ms = RSB_API_DEFAULT_BACKOFF_MS;
  self->max_tries = RSB_API_DEFAULT_TRIES;
  self->rate_limit = rsb_rate_limit_new ();
}

RsbApiClient *
rsb_api_client_new (RsbTokenSource  *tokens,
                    const char      *base_url,
                    GError         **error)
{
  RsbApiClient *self;

  g_return_val_if_fail (RSB_IS_TOKEN_SOURCE (tokens), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  if (!rsb_http_check_url (base_url, error))
    return NULL;
  self = g_object_new (RSB_TYPE_API_CLIENT, NULL);
  self->tokens = g_object_ref (tokens);
  self->session = rsb_http_session_new ();
  self->base_url = g_strdup (base_url);
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  return self;
}

RsbApiClient *
rsb_api_client_new_for_service (RsbTokenSource  *tokens,
                                GError         **error)
{
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (RSB_IS_TOKEN_SOURCE (tokens), NULL);

  base_url = rsb_service_api_url (rsb_token_source_get_service (tokens), error);
  if (base_url == NULL)
    return NULL;
  return rsb_api_client_new (tokens, base_url, error);
}

RsbService
rsb_api_client_get_service (RsbApiClient *self)
{
  g_return_val_if_fail (RSB_IS_API_CLIENT (self), RSB_SERVICE_STRAVA);

  return rsb_token_source_get_service (self->tokens);
}

const char *
rsb_api_client_get_base_url (RsbApiClient *self)
{
  g_return_val_if_fail (RSB_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

void
rsb_api_client_set_backoff_ms (RsbApiClient *self,
                               guint         base_ms)
{
  g_return_if_fail (RSB_IS_API_CLIENT (self));

  self->backoff_ms = base_ms;
}

void
rsb_api_client_set_max_tries (RsbApiClient *self,
                              guint         max_tries)
{
  g_return_if_fail (RSB_IS_API_CLIENT (self));

  self->max_tries = MAX (max_tries, 1);
}

void
rsb_api_client_set_timeout (RsbApiClient *self,
                            guint         timeout_s)
{
  g_return_if_fail (RSB_IS_API_CLIENT (self));

  g_object_set (self->session, "timeout", MAX (timeout_s, 1), NULL);
}

gint64
rsb_api_client_get_paused_until (RsbApiClient *self)
{
  g_return_val_if_fail (RSB_IS_API_CLIENT (self), 0);

  return self->paused_until_ms;
}

guint
rsb_api_client_get_last_status (RsbApiClient *self)
{
  g_return_val_if_fail (RSB_IS_API_CLIENT (self), 0);

  return self->last_status;
}

guint
rsb_api_client_get_n_requests (RsbApiClient *self)
{
  g_return_val_if_fail (RSB_IS_API_CLIENT (self), 0);

  return self->n_requests;
}

RsbRateLimit *
rsb_api_client_get_rate_limit (RsbApiClient *self)
{
  g_return_val_if_fail (RSB_IS_API_CLIENT (self), NULL);

  return self->rate_limit;
}

static const char *
service_name (RsbApiClient *self)
{
  return rsb_service_display_name (rsb_token_source_get_service (self->tokens));
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* Sleeps, but wakes at once when cancelled. */
static gboolean
back_off (guint          delay_ms,
          GCancellable  *cancellable,
          GError       **error)
{
  GPollFD pollfd;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_usleep ((gulong) delay_ms * 1000);
      return TRUE;
    }
  g_poll (&pollfd, 1, delay_ms);
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Retry-After is seconds or an HTTP date; without one, Strava's next
 * 15-minute window is when a refused request can hope to pass. */
static gint64
retry_after_ms (SoupMessageHeaders *headers,
                gint64              now)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *trimmed = value != NULL ? g_strstrip (g_strdup (value)) : NULL;
  guint64 seconds;
  g_autoptr(GDateTime) date = NULL;

  if (trimmed != NULL && g_ascii_string_to_unsigned (trimmed, 10, 0, 7 * 24 * 3600, &seconds, NULL))
    return now + (gint64) seconds * 1000;
  if (value != NULL && (date = soup_date_time_new_from_http_string (value)) != NULL)
    return g_date_time_to_unix (date) * 1000;
  return rsb_rate_limit_next_window (now);
}

static gboolean
stop_for_rate_limit (RsbApiClient  *self,
                     GError       **error)
{
  gint64 reset_ms;

  if (rsb_rate_limit_may_send (self->rate_limit, now_ms (), &reset_ms))
    return FALSE;
  self->paused_until_ms = reset_ms;
  rsb_rate_limit_set_error (error, service_name (self), reset_ms);
  return TRUE;
}

/* Spotify explains a refusal in {"error": {"message": …}}: worth
 * passing on ("Insufficient client scope"). Only a short plain text. */
static char *
error_reason (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;
  const char *message = NULL;
  gsize size;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "error") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    object = json_object_get_object_member (object, "error");
  if (json_object_has_member (object, "message") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "message")) &&
      json_node_get_value_type (json_object_get_member (object, "message")) == G_TYPE_STRING)
    message = json_object_get_string_member (object, "message");
  if (message == NULL || *message == '\0' || strlen (message) > 200 || !g_utf8_validate (message, -1, NULL))
    return NULL;
  return g_strdup (message);
}

static TryOutcome
judge_status (RsbApiClient  *self,
              SoupMessage   *msg,
              GBytes        *body,
              const char    *path,
              GError       **error)
{
  g_autofree char *reason = NULL;
  guint status = soup_message_get_status (msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  gint64 now = now_ms ();

  rsb_rate_limit_update (self->rate_limit, headers, now);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRY_DONE;
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return TRY_REFRESH;
  if (status == STATUS_TOO_MANY_REQUESTS)
    {
      /* "Retry-After: 0" or a date already past still pauses a
       * moment: a 429 must never end as a success without a body. */
      rsb_rate_limit_pause_until (self->rate_limit, MAX (retry_after_ms (headers, now), now + 1000));
      if (!stop_for_rate_limit (self, error))
        return TRY_AGAIN;
      return TRY_FAILED;
    }
  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    return TRY_AGAIN;
  reason = error_reason (body);
  if (reason != NULL)
    g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
                 /* Translators: the last %s is the service's own explanation, in English */
                 _("%s answered “%u %s” to %s: %s"), service_name (self), status,
                 soup_status_get_phrase (status), path, reason);
  else
    g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
                 _("%s answered “%u %s” to %s"), service_name (self), status,
                 soup_status_get_phrase (status), path);
  return TRY_FAILED;
}

/* One request; *body is set on TRY_DONE. A transport failure other
 * than a cancel is worth another try; its cause goes to *transient. */
static TryOutcome
try_once (RsbApiClient   *self,
          const char     *method,
          const char     *path,
          GBytes         *request_body,
          gboolean        force_refresh,
          GBytes        **body,
          GError        **transient,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autofree char *token = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  TryOutcome outcome;

  if (stop_for_rate_limit (self, error))
    return TRY_FAILED;
  token = rsb_token_source_get (self->tokens, force_refresh, cancellable, error);
  if (token == NULL)
    return TRY_FAILED;
  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
                   _("%s: “%s” is not a valid request"), service_name (self), path);
      return TRY_FAILED;
    }
  authorization = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (request_body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", request_body);

  self->n_requests++;
  self->last_status = 0;
  bytes = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return TRY_FAILED;
        }
      g_clear_error (transient);
      g_propagate_error (transient, g_steal_pointer (&local_error));
      return TRY_AGAIN;
    }
  self->last_status = soup_message_get_status (msg);
  outcome = judge_status (self, msg, bytes, path, error);
  if (outcome == TRY_AGAIN)
    {
      g_clear_error (transient);
      g_set_error (transient, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER, "%u %s", self->last_status,
                   soup_status_get_phrase (self->last_status));
    }
  if (outcome == TRY_DONE)
    *body = g_steal_pointer (&bytes);
  return outcome;
}

/* A GET may be sent again after a 5xx or a dropped connection; a POST
 * may have been carried out before the answer was lost, so it is only
 * sent again when the service surely refused it (401, 429). */
static GBytes *
request (RsbApiClient  *self,
         const char    *method,
         const char    *path_and_query,
         GBytes        *request_body,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GError) transient = NULL;
  gboolean refreshed = FALSE;
  gboolean force_refresh = FALSE;
  gboolean idempotent = g_str_equal (method, SOUP_METHOD_GET);
  guint tries = 0;

  self->paused_until_ms = 0;
  for (;;)
    {
      GBytes *body = NULL;
      TryOutcome outcome;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      outcome = try_once (self, method, path_and_query, request_body, force_refresh, &body, &transient,
                          cancellable, error);
      force_refresh = FALSE;
      switch (outcome)
        {
        case TRY_DONE:
          return body;
        case TRY_FAILED:
          return NULL;
        case TRY_REFRESH:
          if (refreshed)
            {
              g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_UNAUTHORIZED,
                           _("%s refused the access even after it was renewed: reconnect %s"),
                           service_name (self), service_name (self));
              return NULL;
            }
          /* The token was revoked or expired early: renew it, once. */
          refreshed = force_refresh = TRUE;
          continue;
        case TRY_AGAIN:
          break;
        }
      if (!idempotent)
        {
          g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                       _("%s did not answer properly (%s); whether it was done is unknown"),
                       service_name (self), transient->message);
          return NULL;
        }
      if (++tries >= self->max_tries)
        {
          g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                       _("%s is not answering properly (%s); tried %u times"),
                       service_name (self), transient->message, tries);
          return NULL;
        }
      if (!back_off (self->backoff_ms << MIN (tries - 1, 16), cancellable, error))
        return NULL;
    }
}

GBytes *
rsb_api_client_get_bytes (RsbApiClient  *self,
                          const char    *path_and_query,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (RSB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);

  return request (self, SOUP_METHOD_GET, path_and_query, NULL, cancellable, error);
}

static JsonNode *
parse_answer (RsbApiClient  *self,
              GBytes        *body,
              const char    *path_and_query,
              GError       **error);

JsonNode *
rsb_api_client_get_json (RsbApiClient  *self,
                         const char    *path_and_query,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GBytes) body = rsb_api_client_get_bytes (self, path_and_query, cancellable, error);

  if (body == NULL)
    return NULL;
  return parse_answer (self, body, path_and_query, error);
}

JsonNode *
rsb_api_client_post_json (RsbApiClient  *self,
                          const char    *path_and_query,
                          JsonNode      *body,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GBytes) answer = NULL;
  gsize length;
  char *text;

  g_return_val_if_fail (RSB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);
  g_return_val_if_fail (body != NULL, NULL);

  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);
  request_body = g_bytes_new_take (text, length);
  answer = request (self, SOUP_METHOD_POST, path_and_query, request_body, cancellable, error);
  if (answer == NULL)
    return NULL;
  return parse_answer (self, answer, path_and_query, error);
}

static JsonNode *
parse_answer (RsbApiClient  *self,
              GBytes        *body,
              const char    *path_and_query,
              GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *data;
  g_autofree char *where = NULL;

  data = g_bytes_get_data (body, &size);
  parser = json_parser_new_immutable ();
  if (size > 0 && json_parser_load_from_data (parser, data, size, &parse_error))
    return json_parser_steal_root (parser);

  /* The query may hold a cursor, never a secret, but the path says enough. */
  where = g_strndup (path_and_query, strcspn (path_and_query, "?"));
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("%s sent an answer to %s that is not valid JSON: %s"),
               service_name (self), where,
               parse_error != NULL ? parse_error->message : _("it is empty"));
  return NULL;
}
