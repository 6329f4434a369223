/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-catalogue-client.c: GET requests to a public music catalogue. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-catalogue-client.h"
#include "rsb-http.h"
#include "rsb-sync-error.h"

#define STATUS_TOO_MANY_REQUESTS 429
/* Without Retry-After, a 429 waits this long. */
#define DEFAULT_RETRY_AFTER_MS (60 * 1000)

struct _RsbCatalogueClient
{
  GObject           parent_instance;

  char             *name;
  char             *base_url;
  SoupSession      *session;
  RsbRequestWindow *window;
  gboolean          owns_window;
  guint             timeout_s;
  gint64            paused_until_ms;
  guint             n_requests;
  RsbCatalogueAnswerFunc answer_func;
  gpointer          answer_data;
};

G_DEFINE_FINAL_TYPE (RsbCatalogueClient, rsb_catalogue_client, G_TYPE_OBJECT)

static void
rsb_catalogue_client_finalize (GObject *object)
{
  RsbCatalogueClient *self = RSB_CATALOGUE_CLIENT (object);

  g_free (self->name);
  g_free (self->base_url);
  g_clear_object (&self->session);
  if (self->owns_window)
    g_clear_pointer (&self->window, rsb_request_window_free);
  G_OBJECT_CLASS (rsb_catalogue_client_parent_class)->finalize (object);
}

static void
rsb_catalogue_client_class_init (RsbCatalogueClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_catalogue_client_finalize;
}

static void
rsb_catalogue_client_init (RsbCatalogueClient *self)
{
  self->timeout_s = 30;
}

RsbCatalogueClient *
rsb_catalogue_client_new (const char  *name,
                          const char  *base_url,
                          guint        limit,
                          gint64       window_ms,
                          GError     **error)
{
  RsbCatalogueClient *self;

  if (!rsb_http_check_url (base_url, error))
    return NULL;
  self = g_object_new (RSB_TYPE_CATALOGUE_CLIENT, NULL);
  self->name = g_strdup (name);
  self->base_url = g_strdup (base_url);
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->session = rsb_http_session_new ();
  self->window = rsb_request_window_new (limit, window_ms);
  self->owns_window = TRUE;
  return self;
}

RsbCatalogueClient *
rsb_catalogue_client_new_shared (const char        *name,
                                 const char        *base_url,
                                 RsbRequestWindow  *window,
                                 GError           **error)
{
  RsbCatalogueClient *self = rsb_catalogue_client_new (name, base_url, 1, 1, error);

  if (self == NULL)
    return NULL;
  rsb_request_window_free (self->window);
  self->window = window;
  self->owns_window = FALSE;
  return self;
}

char *
rsb_catalogue_client_url_from_env (const char  *env_var,
                                   const char  *default_url,
                                   GError     **error)
{
  const char *value = g_getenv (env_var);
  g_autoptr(GError) local_error = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup (default_url);
  if (!rsb_http_check_url (value, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", env_var, local_error->message);
      return NULL;
    }
  return g_strdup (value);
}

const char *
rsb_catalogue_client_get_name (RsbCatalogueClient *self)
{
  return self->name;
}

RsbRequestWindow *
rsb_catalogue_client_get_window (RsbCatalogueClient *self)
{
  return self->window;
}

void
rsb_catalogue_client_set_timeout (RsbCatalogueClient *self,
                                  guint               timeout_s)
{
  self->timeout_s = MAX (timeout_s, 1);
  g_object_set (self->session, "timeout", self->timeout_s, NULL);
}

void
rsb_catalogue_client_set_answer_func (RsbCatalogueClient     *self,
                                      RsbCatalogueAnswerFunc  func,
                                      gpointer                user_data)
{
  self->answer_func = func;
  self->answer_data = user_data;
}

gint64
rsb_catalogue_client_get_paused_until (RsbCatalogueClient *self)
{
  return self->paused_until_ms;
}

guint
rsb_catalogue_client_get_n_requests (RsbCatalogueClient *self)
{
  return self->n_requests;
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* The window's clock: monotonic (wall-clock steps must not open or
 * close it), in whole ms rounded up, so that a recorded answer time is
 * never earlier than the answer. */
static gint64
window_now_ms (void)
{
  return (g_get_monotonic_time () + 999) / 1000;
}

static gboolean
sleep_until (gint64          until_ms,
             gint64        (*clock) (void),
             GCancellable   *cancellable,
             GError        **error)
{
  GPollFD pollfd;
  gint64 delay;

  while ((delay = until_ms - clock ()) > 0)
    {
      if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
        {
          g_usleep ((gulong) delay * 1000);
          continue;
        }
      g_poll (&pollfd, 1, (int) MIN (delay, G_MAXINT));
      g_cancellable_release_fd (cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

gboolean
rsb_catalogue_sleep_until (gint64         until_ms,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return sleep_until (until_ms, now_ms, cancellable, error);
}

void
rsb_catalogue_client_hold (RsbCatalogueClient *self)
{
  rsb_request_window_fill (self->window, window_now_ms ());
}

static gint64
retry_after_ms (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  guint64 seconds;
  g_autoptr(GDateTime) date = NULL;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return now_ms () + MAX ((gint64) seconds * 1000, 1000);
  if (value != NULL && (date = soup_date_time_new_from_http_string (value)) != NULL)
    return MAX (g_date_time_to_unix (date) * 1000, now_ms () + 1000);
  return now_ms () + DEFAULT_RETRY_AFTER_MS;
}

/* A proxy in front of the service (or the service itself when it is
 * down) answers with a web page: say so, rather than "bad JSON". */
static gboolean
looks_like_html (SoupMessage *msg,
                 GBytes      *body)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  gsize i = 0;

  if (type != NULL && g_ascii_strcasecmp (type, "text/html") == 0)
    return TRUE;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && data[i] == '<';
}

static gboolean
judge_status (RsbCatalogueClient  *self,
              SoupMessage         *msg,
              GBytes              *body,
              const char          *where,
              GError             **error)
{
  guint status = soup_message_get_status (msg);

  if (status == STATUS_TOO_MANY_REQUESTS)
    {
      self->paused_until_ms = retry_after_ms (soup_message_get_response_headers (msg));
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED,
                   _("%s asks to slow down (too many requests)"), self->name);
      return FALSE;
    }
  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      if (looks_like_html (msg, body))
        /* Translators: "Deezer is not answering properly (502 Bad Gateway, a web page instead of data)" */
        g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                     _("%s is not answering properly (%u %s, a web page instead of data)"),
                     self->name, status, soup_status_get_phrase (status));
      else
        g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                     _("%s is not answering properly (%u %s)"),
                     self->name, status, soup_status_get_phrase (status));
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
                   _("%s answered “%u %s” to %s"), self->name, status,
                   soup_status_get_phrase (status), where);
      return FALSE;
    }
  if (looks_like_html (msg, body))
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
                   _("%s sent a web page instead of data to %s"), self->name, where);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
parse (RsbCatalogueClient  *self,
       GBytes              *body,
       const char          *where,
       GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (size > 0 && json_parser_load_from_data (parser, data, size, &parse_error))
    return json_parser_steal_root (parser);
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("%s sent an answer to %s that is not valid JSON: %s"), self->name, where,
               parse_error != NULL ? parse_error->message : _("it is empty"));
  return NULL;
}

JsonNode *
rsb_catalogue_client_get_json (RsbCatalogueClient  *self,
                               const char          *path_and_query,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path_and_query, NULL);
  /* Error messages name the endpoint, not the titles in the query. */
  g_autofree char *where = g_strndup (path_and_query, strcspn (path_and_query, "?:"));
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RSB_IS_CATALOGUE_CLIENT (self), NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);

  self->paused_until_ms = 0;
  if (!sleep_until (rsb_request_window_next (self->window, window_now_ms ()), window_now_ms, cancellable, error))
    return NULL;
  msg = soup_message_new (SOUP_METHOD_GET, url);
  if (msg == NULL)
    {
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP,
                   _("%s: “%s” is not a valid request"), self->name, where);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  self->n_requests++;
  body = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  /* Counted when the answer (or the failure) came: the latest moment
   * the server can have counted the request. */
  rsb_request_window_record (self->window, window_now_ms ());
  if (body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                     g_dngettext (GETTEXT_PACKAGE, "%s did not answer within %u second",
                                  "%s did not answer within %u seconds", self->timeout_s),
                     self->name, self->timeout_s);
      else
        g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER,
                     _("Could not reach %s: %s"), self->name, local_error->message);
      return NULL;
    }
  if (self->answer_func != NULL &&
      !self->answer_func (soup_message_get_status (msg), soup_message_get_response_headers (msg), body,
                          self->answer_data, error))
    return NULL;
  if (!judge_status (self, msg, body, where, error))
    return NULL;
  return parse (self, body, where, error);
}
