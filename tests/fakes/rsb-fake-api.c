/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-api.c: what the fake Strava and Spotify servers share. */
#include "rsb-fake-api.h"

#define STALL_MS 4000

typedef struct {
  RsbFakeFault  fault;
  char         *endpoint;   /* NULL: any */
  guint         skip;
} PendingFault;

typedef enum { WINDOW_SHORT, WINDOW_DAY, N_WINDOWS } Window;
typedef enum { BUDGET_ALL, BUDGET_READ, N_BUDGETS } Budget;

struct _RsbFakeApi
{
  /* Fixed once the thread runs. */
  char               *auth_prefix;
  char               *api_prefix;
  RsbFakeApiClassify  classify;
  RsbFakeApiAnswer    answer;
  RsbFakeApiPost      post;
  gpointer            user_data;
  RsbFakeOAuth       *oauth;
  GThread            *thread;
  GMainContext       *context;
  GMainLoop          *loop;
  guint               port;
  GError             *start_error;

  GMutex              mutex;
  GCond               started;
  gboolean            ready;
  GHashTable         *counts;       /* name -> GUINT */
  GList              *faults;       /* PendingFault */
  GRand              *rand;
  double              error_rate;
  guint               retry_after_s;
  guint               limits[N_BUDGETS][N_WINDOWS];
  guint               usage[N_BUDGETS][N_WINDOWS];
  gint64              window_of[N_WINDOWS];   /* which window usage counts */
};

static const gint64 window_ms[N_WINDOWS] = { 15 * 60 * 1000, 24 * 60 * 60 * 1000 };

static void
pending_fault_free (gpointer data)
{
  PendingFault *pending = data;

  g_free (pending->endpoint);
  g_free (pending);
}

static void
count_locked (RsbFakeApi *self,
              const char *what)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));

  g_hash_table_insert (self->counts, g_strdup (what), GUINT_TO_POINTER (n + 1));
}

static gboolean
has_limits_locked (RsbFakeApi *self)
{
  for (guint b = 0; b < N_BUDGETS; b++)
    for (guint w = 0; w < N_WINDOWS; w++)
      if (self->limits[b][w] > 0)
        return TRUE;
  return FALSE;
}

/* Strava starts each window from zero at its boundary. */
static void
roll_windows_locked (RsbFakeApi *self)
{
  gint64 now = g_get_real_time () / 1000;

  for (guint w = 0; w < N_WINDOWS; w++)
    {
      gint64 window = now / window_ms[w];

      if (window == self->window_of[w])
        continue;
      self->window_of[w] = window;
      for (guint b = 0; b < N_BUDGETS; b++)
        self->usage[b][w] = 0;
    }
}

static gboolean
spent_locked (RsbFakeApi *self)
{
  for (guint b = 0; b < N_BUDGETS; b++)
    for (guint w = 0; w < N_WINDOWS; w++)
      if (self->limits[b][w] > 0 && self->usage[b][w] >= self->limits[b][w])
        return TRUE;
  return FALSE;
}

static void
add_rate_headers_locked (RsbFakeApi        *self,
                         SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  static const char *names[N_BUDGETS][2] = {
    { "X-RateLimit-Limit", "X-RateLimit-Usage" },
    { "X-ReadRateLimit-Limit", "X-ReadRateLimit-Usage" },
  };

  if (!has_limits_locked (self))
    return;
  for (guint b = 0; b < N_BUDGETS; b++)
    {
      g_autofree char *limit = g_strdup_printf ("%u,%u", self->limits[b][WINDOW_SHORT], self->limits[b][WINDOW_DAY]);
      g_autofree char *usage = g_strdup_printf ("%u,%u", self->usage[b][WINDOW_SHORT], self->usage[b][WINDOW_DAY]);

      soup_message_headers_replace (headers, names[b][0], limit);
      soup_message_headers_replace (headers, names[b][1], usage);
    }
}

static void
set_json (SoupServerMessage *msg,
          guint              status,
          const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* The fault this request suffers, if any; called with the lock held. */
static RsbFakeFault
take_fault_locked (RsbFakeApi *self,
                   const char *endpoint)
{
  RsbFakeFault fault = RSB_FAKE_FAULT_NONE;

  for (GList *l = self->faults; l != NULL; )
    {
      PendingFault *pending = l->data;
      GList *next = l->next;

      if (pending->endpoint == NULL || g_str_equal (pending->endpoint, endpoint))
        {
          if (pending->skip > 0)
            pending->skip--;
          else if (fault == RSB_FAKE_FAULT_NONE)
            {
              fault = pending->fault;
              pending_fault_free (pending);
              self->faults = g_list_delete_link (self->faults, l);
            }
        }
      l = next;
    }
  if (fault == RSB_FAKE_FAULT_NONE && self->rand != NULL &&
      g_rand_double (self->rand) < self->error_rate)
    fault = RSB_FAKE_FAULT_SERVER_ERROR;
  if (fault != RSB_FAKE_FAULT_NONE)
    count_locked (self, "faults");
  return fault;
}

typedef struct {
  SoupServerMessage *msg;
  gboolean           disconnected;
} Stall;

static void
stall_free (gpointer data)
{
  Stall *stall = data;

  g_signal_handlers_disconnect_by_data (stall->msg, stall);
  g_object_unref (stall->msg);
  g_free (stall);
}

static void
stall_disconnected (SoupServerMessage *msg,
                    gpointer           user_data)
{
  ((Stall *) user_data)->disconnected = TRUE;
}

/* Long after the client gave up: answer, so nothing is left hanging. */
static gboolean
stall_end (gpointer user_data)
{
  Stall *stall = user_data;

  if (!stall->disconnected)
    {
      set_json (stall->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "{\"message\":\"stalled\"}");
      soup_server_message_unpause (stall->msg);
    }
  return G_SOURCE_REMOVE;
}

static void
stall (RsbFakeApi        *self,
       SoupServerMessage *msg)
{
  Stall *stall = g_new0 (Stall, 1);
  g_autoptr(GSource) source = g_timeout_source_new (STALL_MS);

  stall->msg = g_object_ref (msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (stall_disconnected), stall);
  soup_server_message_pause (msg);
  g_source_set_callback (source, stall_end, stall, stall_free);
  g_source_attach (source, self->context);
}

/* Passes the request through the windows, the token and the faults;
 * FALSE when one of them answered it. */
static gboolean
gate (RsbFakeApi        *self,
      SoupServerMessage *msg,
      const char        *endpoint,
      RsbFakeFault      *fault)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  count_locked (self, "total");
  count_locked (self, endpoint);
  roll_windows_locked (self);
  if (has_limits_locked (self))
    {
      if (spent_locked (self))
        {
          count_locked (self, "spent");
          add_rate_headers_locked (self, msg);
          set_json (msg, 429, "{\"message\":\"Rate Limit Exceeded\",\"errors\":[{\"resource\":\"Application\",\"field\":\"rate limit\",\"code\":\"exceeded\"}]}");
          return FALSE;
        }
      for (guint b = 0; b < N_BUDGETS; b++)
        for (guint w = 0; w < N_WINDOWS; w++)
          self->usage[b][w]++;
      add_rate_headers_locked (self, msg);
    }
  if (!rsb_fake_oauth_authorized (self->oauth, msg))
    {
      count_locked (self, "unauthorized");
      set_json (msg, SOUP_STATUS_UNAUTHORIZED,
                "{\"message\":\"Authorization Error\",\"errors\":[{\"resource\":\"Athlete\",\"field\":\"access_token\",\"code\":\"invalid\"}]}");
      return FALSE;
    }
  *fault = take_fault_locked (self, endpoint);
  switch (*fault)
    {
    case RSB_FAKE_FAULT_SERVER_ERROR:
      set_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "{\"message\":\"Internal Server Error\"}");
      return FALSE;
    case RSB_FAKE_FAULT_TOO_MANY:
      if (self->retry_after_s > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", self->retry_after_s);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
        }
      set_json (msg, 429, "{\"message\":\"Rate Limit Exceeded\"}");
      return FALSE;
    case RSB_FAKE_FAULT_STALL:
      g_clear_pointer (&locker, g_mutex_locker_free);
      stall (self, msg);
      return FALSE;
    case RSB_FAKE_FAULT_MALFORMED:
    case RSB_FAKE_FAULT_NONE:
      break;
    }
  return TRUE;
}

static void
handle_api (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *full_path,
            GHashTable        *query,
            gpointer           user_data)
{
  RsbFakeApi *self = user_data;
  const char *path = full_path + strlen (self->api_prefix);
  const char *endpoint = self->classify (path, self->user_data);
  RsbFakeFault fault = RSB_FAKE_FAULT_NONE;
  g_autofree char *body = NULL;
  guint status = SOUP_STATUS_OK;

  gboolean post = g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0;

  if (endpoint == NULL || (!post && g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0) ||
      (post && self->post == NULL))
    {
      set_json (msg, SOUP_STATUS_NOT_FOUND, "{\"message\":\"Resource Not Found\"}");
      return;
    }
  if (!gate (self, msg, endpoint, &fault))
    return;
  if (post)
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request);

      body = self->post (endpoint, path, bytes, &status, self->user_data);
    }
  else
    body = self->answer (endpoint, path, query, &status, self->user_data);
  if (body == NULL)
    {
      set_json (msg, SOUP_STATUS_NOT_FOUND, "{\"message\":\"Record Not Found\"}");
      return;
    }
  if (fault == RSB_FAKE_FAULT_MALFORMED)
    body[strlen (body) / 2] = '\0';
  set_json (msg, status, body);
}

static gpointer
server_thread (gpointer data)
{
  RsbFakeApi *self = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  server = soup_server_new (NULL, NULL);
  rsb_fake_oauth_attach (self->oauth, server, self->auth_prefix);
  soup_server_add_handler (server, self->api_prefix, handle_api, self, NULL);
  if (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (server);
      self->port = g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->mutex);
  self->start_error = g_steal_pointer (&error);
  self->ready = TRUE;
  g_cond_signal (&self->started);
  g_mutex_unlock (&self->mutex);

  if (self->port != 0)
    g_main_loop_run (self->loop);
  soup_server_disconnect (server);
  g_clear_object (&server);
  /* Pending stalls hold messages of the server: let them go here. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

RsbFakeApi *
rsb_fake_api_new (const char          *service,
                  const char          *auth_prefix,
                  const char          *api_prefix,
                  RsbFakeApiClassify   classify,
                  RsbFakeApiAnswer     answer,
                  gpointer             user_data,
                  GError             **error)
{
  RsbFakeApi *self = g_new0 (RsbFakeApi, 1);

  self->auth_prefix = g_strdup (auth_prefix);
  self->api_prefix = g_strdup (api_prefix);
  self->classify = classify;
  self->answer = answer;
  self->user_data = user_data;
  self->oauth = rsb_fake_oauth_new (service);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->started);

  self->thread = g_thread_new ("fake-api", server_thread, self);
  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->started, &self->mutex);
  g_mutex_unlock (&self->mutex);
  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      rsb_fake_api_free (self);
      return NULL;
    }
  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
rsb_fake_api_free (RsbFakeApi *self)
{
  if (self == NULL)
    return;
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop, self->loop);
      g_thread_join (self->thread);
    }
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  rsb_fake_oauth_free (self->oauth);
  g_hash_table_unref (self->counts);
  g_list_free_full (self->faults, pending_fault_free);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->started);
  g_free (self->auth_prefix);
  g_free (self->api_prefix);
  g_free (self);
}

char *
rsb_fake_api_dup_auth_url (RsbFakeApi *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, self->auth_prefix);
}

char *
rsb_fake_api_dup_api_url (RsbFakeApi *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, self->api_prefix);
}

RsbFakeOAuth *
rsb_fake_api_get_oauth (RsbFakeApi *self)
{
  return self->oauth;
}

void
rsb_fake_api_set_rate_limits (RsbFakeApi *self,
                              guint       limit_15min,
                              guint       limit_daily,
                              guint       read_15min,
                              guint       read_daily)
{
  g_mutex_lock (&self->mutex);
  self->limits[BUDGET_ALL][WINDOW_SHORT] = limit_15min;
  self->limits[BUDGET_ALL][WINDOW_DAY] = limit_daily;
  self->limits[BUDGET_READ][WINDOW_SHORT] = read_15min;
  self->limits[BUDGET_READ][WINDOW_DAY] = read_daily;
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_api_reset_usage (RsbFakeApi *self)
{
  g_mutex_lock (&self->mutex);
  memset (self->usage, 0, sizeof self->usage);
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_api_inject (RsbFakeApi   *self,
                     RsbFakeFault  fault,
                     const char   *endpoint,
                     guint         skip)
{
  PendingFault *pending = g_new0 (PendingFault, 1);

  pending->fault = fault;
  pending->endpoint = g_strdup (endpoint);
  pending->skip = skip;
  g_mutex_lock (&self->mutex);
  self->faults = g_list_append (self->faults, pending);
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_api_set_error_rate (RsbFakeApi *self,
                             double      rate,
                             guint32     seed)
{
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->rand, g_rand_free);
  if (seed != 0 && rate > 0)
    self->rand = g_rand_new_with_seed (seed);
  self->error_rate = rate;
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_api_set_retry_after (RsbFakeApi *self,
                              guint       seconds)
{
  g_mutex_lock (&self->mutex);
  self->retry_after_s = seconds;
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_api_count (RsbFakeApi *self,
                    const char *what)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));
  g_mutex_unlock (&self->mutex);
  return n;
}

void
rsb_fake_api_reset_counts (RsbFakeApi *self)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->counts);
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_api_set_post (RsbFakeApi     *self,
                       RsbFakeApiPost  post)
{
  g_mutex_lock (&self->mutex);
  self->post = post;
  g_mutex_unlock (&self->mutex);
}
