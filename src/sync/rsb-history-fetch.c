/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-fetch.c: GETs to a listening-history service, retried. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-history-fetch.h"
#include "rsb-rate-limit.h"
#include "rsb-sync-error.h"

#define STATUS_TOO_MANY_REQUESTS 429
/* A "slow down" that says not for how long waits this many backoffs
 * at first: the services ask for seconds, not milliseconds. */
#define RATE_BACKOFF_FACTOR 5

struct _RsbHistoryFetch
{
  RsbService           service;
  RsbCatalogueClient  *client;
  RsbHistoryErrorFunc  error_func;
  gpointer             error_data;
  guint                backoff_ms;
  guint                max_tries;
  guint                max_wait_ms;
  gint64               hold_until_ms;    /* no request before (UTC ms) */
  gint64               asked_until_ms;   /* what the last refusal asked, 0: nothing */
  gint64               paused_until_ms;
};

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* Retry-After in seconds or as an HTTP date, else ListenBrainz's
 * X-RateLimit-Reset-In; 0 when the answer says neither. */
static gint64
asked_wait_until (SoupMessageHeaders *headers,
                  gint64              now)
{
  const char *retry = soup_message_headers_get_one (headers, "Retry-After");
  const char *reset_in = soup_message_headers_get_one (headers, "X-RateLimit-Reset-In");
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (retry != NULL && g_ascii_string_to_unsigned (retry, 10, 0, 7 * 24 * 3600, &seconds, NULL))
    return now + MAX ((gint64) seconds * 1000, 1000);
  if (retry != NULL && (date = soup_date_time_new_from_http_string (retry)) != NULL)
    return MAX (g_date_time_to_unix (date) * 1000, now + 1000);
  if (reset_in != NULL && g_ascii_string_to_unsigned (reset_in, 10, 0, 24 * 3600, &seconds, NULL))
    return now + MAX ((gint64) seconds * 1000, 1000);
  return 0;
}

/* A spent window (Remaining: 0) holds the next request until it resets. */
static void
read_rate_headers (RsbHistoryFetch    *self,
                   SoupMessageHeaders *headers,
                   gint64              now)
{
  const char *remaining = soup_message_headers_get_one (headers, "X-RateLimit-Remaining");
  const char *reset_in = soup_message_headers_get_one (headers, "X-RateLimit-Reset-In");
  guint64 left, seconds;

  if (remaining == NULL || reset_in == NULL ||
      !g_ascii_string_to_unsigned (remaining, 10, 0, G_MAXUINT32, &left, NULL) ||
      !g_ascii_string_to_unsigned (reset_in, 10, 0, 24 * 3600, &seconds, NULL))
    return;
  if (left == 0)
    self->hold_until_ms = MAX (self->hold_until_ms, now + MAX ((gint64) seconds * 1000, 1));
}

static gboolean
on_answer (guint                status,
           SoupMessageHeaders  *headers,
           GBytes              *body,
           gpointer             user_data,
           GError             **error)
{
  RsbHistoryFetch *self = user_data;
  gint64 now = now_ms ();

  read_rate_headers (self, headers, now);
  if (status == STATUS_TOO_MANY_REQUESTS)
    {
      self->asked_until_ms = asked_wait_until (headers, now);
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED,
                   _("%s asks to slow down (too many requests)"), rsb_service_display_name (self->service));
      return FALSE;
    }
  if (self->error_func != NULL)
    return self->error_func (status, body, self->error_data, error);
  return TRUE;
}

RsbHistoryFetch *
rsb_history_fetch_new (RsbService   service,
                       guint        limit,
                       gint64       window_ms,
                       GError     **error)
{
  g_autofree char *base_url = rsb_service_api_url (service, error);
  RsbHistoryFetch *self;
  RsbCatalogueClient *client;

  if (base_url == NULL)
    return NULL;
  /* Without a pace of its own, one request a millisecond is no limit. */
  client = rsb_catalogue_client_new (rsb_service_display_name (service), base_url,
                                     limit > 0 ? limit : 1, limit > 0 ? window_ms : 1, error);
  if (client == NULL)
    return NULL;
  self = g_new0 (RsbHistoryFetch, 1);
  self->service = service;
  self->client = client;
  self->backoff_ms = RSB_HISTORY_DEFAULT_BACKOFF_MS;
  self->max_tries = RSB_HISTORY_DEFAULT_TRIES;
  self->max_wait_ms = RSB_HISTORY_DEFAULT_MAX_WAIT_MS;
  rsb_catalogue_client_set_answer_func (client, on_answer, self);
  return self;
}

void
rsb_history_fetch_free (RsbHistoryFetch *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->client);
  g_free (self);
}

RsbService
rsb_history_fetch_get_service (RsbHistoryFetch *self)
{
  return self->service;
}

RsbCatalogueClient *
rsb_history_fetch_get_client (RsbHistoryFetch *self)
{
  return self->client;
}

void
rsb_history_fetch_set_error_func (RsbHistoryFetch     *self,
                                  RsbHistoryErrorFunc  func,
                                  gpointer             user_data)
{
  self->error_func = func;
  self->error_data = user_data;
}

void
rsb_history_fetch_set_backoff_ms (RsbHistoryFetch *self,
                                  guint            base_ms)
{
  self->backoff_ms = base_ms;
}

void
rsb_history_fetch_set_max_tries (RsbHistoryFetch *self,
                                 guint            max_tries)
{
  self->max_tries = MAX (max_tries, 1);
}

void
rsb_history_fetch_set_max_wait_ms (RsbHistoryFetch *self,
                                   guint            max_wait_ms)
{
  self->max_wait_ms = max_wait_ms;
}

void
rsb_history_fetch_set_timeout (RsbHistoryFetch *self,
                               guint            timeout_s)
{
  rsb_catalogue_client_set_timeout (self->client, timeout_s);
}

gint64
rsb_history_fetch_get_paused_until (RsbHistoryFetch *self)
{
  return self->paused_until_ms;
}

guint
rsb_history_fetch_get_n_requests (RsbHistoryFetch *self)
{
  return rsb_catalogue_client_get_n_requests (self->client);
}

/* Waits for a hold a few seconds long; one past max_wait stops the
 * sync instead, to resume when the service allows. */
static gboolean
wait_for_hold (RsbHistoryFetch  *self,
               GCancellable     *cancellable,
               GError          **error)
{
  gint64 now = now_ms ();

  if (self->hold_until_ms <= now)
    return TRUE;
  if (self->hold_until_ms - now > self->max_wait_ms)
    {
      self->paused_until_ms = self->hold_until_ms;
      rsb_rate_limit_set_error (error, rsb_service_display_name (self->service), self->hold_until_ms);
      return FALSE;
    }
  return rsb_catalogue_sleep_until (self->hold_until_ms, cancellable, error);
}

static guint
backoff_for (RsbHistoryFetch *self,
             guint            factor,
             guint            tries)
{
  return MIN ((guint64) self->backoff_ms * factor << MIN (tries - 1, 16), G_MAXUINT);
}

JsonNode *
rsb_history_fetch_json (RsbHistoryFetch  *self,
                        const char       *path_and_query,
                        GCancellable     *cancellable,
                        GError          **error)
{
  guint tries = 0;

  self->paused_until_ms = 0;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      JsonNode *node;

      if (!wait_for_hold (self, cancellable, error))
        return NULL;
      self->asked_until_ms = 0;
      node = rsb_catalogue_client_get_json (self->client, path_and_query, cancellable, &local_error);
      if (node != NULL)
        return node;
      tries++;
      if (g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
        /* As long as asked; a refusal that says nothing waits longer each time. */
        self->hold_until_ms = MAX (self->hold_until_ms,
                                   self->asked_until_ms > 0 ? self->asked_until_ms
                                   : now_ms () + backoff_for (self, RATE_BACKOFF_FACTOR, tries));
      else if (g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER))
        self->hold_until_ms = MAX (self->hold_until_ms, now_ms () + backoff_for (self, 1, tries));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (tries >= self->max_tries)
        {
          /* A window that stays spent is a pause, not a failure. */
          if (g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
            {
              self->paused_until_ms = self->hold_until_ms;
              rsb_rate_limit_set_error (error, rsb_service_display_name (self->service), self->hold_until_ms);
            }
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}
