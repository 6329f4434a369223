/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-catalogue.c: what the fake Deezer and ReccoBeats share. */
#include "rsb-fake-catalogue.h"

#define STALL_MS 4000

static const char proxy_page[] =
  "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
  "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";

typedef struct {
  RsbFakeCatalogueFault fault;
  guint                 skip;
} Pending;

struct _RsbFakeCatalogue
{
  char                   *prefix;
  RsbFakeCatalogueAnswer  answer;
  RsbFakeCatalogueHeaders headers;
  gpointer                user_data;
  GThread                *thread;
  GMainContext           *context;
  GMainLoop              *loop;
  guint                   port;
  GError                 *start_error;

  GMutex                  mutex;
  GCond                   started;
  gboolean                ready;
  GQueue                  pending;   /* Pending */
  guint                   n_total;
  guint                   n_faults;
};

static void
set_body (SoupServerMessage *msg,
          guint              status,
          const char        *type,
          const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static RsbFakeCatalogueFault
take_fault (RsbFakeCatalogue *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  RsbFakeCatalogueFault fault = RSB_FAKE_CATALOGUE_NONE;

  self->n_total++;
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (pending->skip > 0)
        {
          pending->skip--;
          continue;
        }
      fault = pending->fault;
      g_free (pending);
      g_queue_delete_link (&self->pending, l);
      break;
    }
  if (fault != RSB_FAKE_CATALOGUE_NONE)
    self->n_faults++;
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

static gboolean
stall_end (gpointer user_data)
{
  Stall *stall = user_data;

  if (!stall->disconnected)
    {
      set_body (stall->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "application/json", "{}");
      soup_server_message_unpause (stall->msg);
    }
  return G_SOURCE_REMOVE;
}

static void
stall (RsbFakeCatalogue  *self,
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

/* FALSE when the fault answered the request. */
static gboolean
apply_fault (RsbFakeCatalogue      *self,
             SoupServerMessage     *msg,
             RsbFakeCatalogueFault  fault)
{
  switch (fault)
    {
    case RSB_FAKE_CATALOGUE_SERVER_ERROR:
      set_body (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "application/json", "{\"error\":\"internal\"}");
      return FALSE;
    case RSB_FAKE_CATALOGUE_HTML:
      set_body (msg, SOUP_STATUS_BAD_GATEWAY, "text/html", proxy_page);
      return FALSE;
    case RSB_FAKE_CATALOGUE_HTML_200:
      set_body (msg, SOUP_STATUS_OK, "text/html", proxy_page);
      return FALSE;
    case RSB_FAKE_CATALOGUE_TOO_MANY:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      set_body (msg, 429, "application/json", "{\"error\":\"Too Many Requests\"}");
      return FALSE;
    case RSB_FAKE_CATALOGUE_STALL:
      stall (self, msg);
      return FALSE;
    case RSB_FAKE_CATALOGUE_MALFORMED:
    case RSB_FAKE_CATALOGUE_NONE:
      break;
    }
  return TRUE;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *full_path,
        GHashTable        *query,
        gpointer           user_data)
{
  RsbFakeCatalogue *self = user_data;
  RsbFakeCatalogueFault fault;
  g_autofree char *body = NULL;
  guint status = SOUP_STATUS_OK;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      set_body (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "application/json", "{}");
      return;
    }
  fault = take_fault (self);
  if (!apply_fault (self, msg, fault))
    return;
  body = self->answer (full_path + strlen (self->prefix), query, &status, self->user_data);
  if (self->headers != NULL)
    self->headers (soup_server_message_get_response_headers (msg), self->user_data);
  if (body == NULL)
    {
      set_body (msg, SOUP_STATUS_NOT_FOUND, "application/json", "{\"error\":\"not found\"}");
      return;
    }
  if (fault == RSB_FAKE_CATALOGUE_MALFORMED)
    body[strlen (body) / 2] = '\0';
  set_body (msg, status, "application/json", body);
}

static gpointer
server_thread (gpointer data)
{
  RsbFakeCatalogue *self = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (self->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, self->prefix, handle, self, NULL);
  if (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      GSList *uris = soup_server_get_uris (server);

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
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

RsbFakeCatalogue *
rsb_fake_catalogue_new (const char              *prefix,
                        RsbFakeCatalogueAnswer   answer,
                        gpointer                 user_data,
                        GError                 **error)
{
  RsbFakeCatalogue *self = g_new0 (RsbFakeCatalogue, 1);

  self->prefix = g_strdup (prefix);
  self->answer = answer;
  self->user_data = user_data;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->started);
  g_queue_init (&self->pending);
  self->thread = g_thread_new ("fake-catalogue", server_thread, self);
  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->started, &self->mutex);
  g_mutex_unlock (&self->mutex);
  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      rsb_fake_catalogue_free (self);
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
rsb_fake_catalogue_free (RsbFakeCatalogue *self)
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
  g_queue_clear_full (&self->pending, g_free);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->started);
  g_free (self->prefix);
  g_free (self);
}

void
rsb_fake_catalogue_set_headers (RsbFakeCatalogue        *self,
                                RsbFakeCatalogueHeaders  func)
{
  self->headers = func;
}

char *
rsb_fake_catalogue_dup_url (RsbFakeCatalogue *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, self->prefix);
}

void
rsb_fake_catalogue_inject (RsbFakeCatalogue      *self,
                           RsbFakeCatalogueFault  fault,
                           guint                  skip)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->fault = fault;
  pending->skip = skip;
  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->pending, pending);
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_catalogue_count (RsbFakeCatalogue *self,
                          const char       *what)
{
  guint n = 0;

  g_mutex_lock (&self->mutex);
  if (g_str_equal (what, "total"))
    n = self->n_total;
  else if (g_str_equal (what, "faults"))
    n = self->n_faults;
  g_mutex_unlock (&self->mutex);
  return n;
}
