/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-oauth-listener.c: receives the one redirect a sign-in ends with.
 *
 * Bound to 127.0.0.1 alone, not "localhost" or any address, so nothing
 * on the network, and nothing reaching ::1 or another loopback address,
 * can hand us a code. The page shown to the browser is built from fixed
 * strings only: the query can come from anyone who knows the port.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rsb-oauth-listener.h"
#include "rsb-sync-error.h"

/* How long a decided answer may take to reach the browser before the
 * server stops anyway. */
#define FLUSH_GRACE_MS 2000

struct _RsbOAuthListener
{
  GObject       parent_instance;

  GMainContext *context;
  SoupServer   *server;
  guint         port;
  gboolean      has_service;
  RsbService    service;

  /* One wait() at a time. */
  const char   *expected_state;
  char         *code;
  GError       *error;
  gboolean      answered;
  gboolean      flushed;
  gboolean      timed_out;
  gboolean      cancelled;
};

G_DEFINE_FINAL_TYPE (RsbOAuthListener, rsb_oauth_listener, G_TYPE_OBJECT)

static void
stop_server (RsbOAuthListener *self)
{
  if (self->server == NULL)
    return;
  g_main_context_push_thread_default (self->context);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the closed connections release what they hold. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
}

static void
rsb_oauth_listener_finalize (GObject *object)
{
  RsbOAuthListener *self = RSB_OAUTH_LISTENER (object);

  stop_server (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->code);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (rsb_oauth_listener_parent_class)->finalize (object);
}

static void
rsb_oauth_listener_class_init (RsbOAuthListenerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_oauth_listener_finalize;
}

static void
rsb_oauth_listener_init (RsbOAuthListener *self)
{
}

static const char *
service_name (RsbOAuthListener *self)
{
  return self->has_service ? rsb_service_display_name (self->service) : _("The service");
}

static void
answer_page (SoupServerMessage *msg,
             guint              status,
             const char        *headline,
             const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *h = g_markup_escape_text (headline, -1);
  g_autofree char *t = g_markup_escape_text (text, -1);
  g_autofree char *body = NULL;
  gsize len;

  body = g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>Run Sous BPM</title>"
                          "<style>body{font-family:sans-serif;max-width:34em;margin:4em auto;"
                          "padding:0 1em;line-height:1.5}</style></head>"
                          "<body><h1>%s</h1><p>%s</p></body></html>\n",
                          h, t);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'");
  soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (msg, status, NULL);
  len = strlen (body);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), len);
}

static void
on_finished (SoupServerMessage *msg,
             RsbOAuthListener  *self)
{
  self->flushed = TRUE;
}

static gboolean
on_flush_grace (gpointer user_data)
{
  RsbOAuthListener *self = user_data;

  self->flushed = TRUE;
  return G_SOURCE_REMOVE;
}

/* Decides the outcome of the wait; the server stops once this answer
 * has been written. */
static void
decide (RsbOAuthListener  *self,
        SoupServerMessage *msg,
        char              *code,
        GError            *error)
{
  g_autoptr(GSource) grace = g_timeout_source_new (FLUSH_GRACE_MS);

  self->answered = TRUE;
  self->code = code;
  self->error = error;
  g_signal_connect_object (msg, "finished", G_CALLBACK (on_finished), self, 0);
  g_source_set_callback (grace, on_flush_grace, self, NULL);
  g_source_attach (grace, self->context);
}

static void
handle_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  RsbOAuthListener *self = user_data;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *oauth_error = query ? g_hash_table_lookup (query, "error") : NULL;
  const char *name = service_name (self);
  g_autofree char *text = NULL;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET || self->answered)
    {
      answer_page (msg, SOUP_STATUS_GONE, _("Nothing to do here"),
                   _("This sign-in has already been handled. You can close this tab."));
      return;
    }

  if (state == NULL && code == NULL && oauth_error == NULL)
    {
      /* Not a redirect at all (someone typed the address): keep waiting. */
      answer_page (msg, SOUP_STATUS_BAD_REQUEST, _("Nothing to do here"),
                   _("This address only receives the answer of a sign-in started in Run Sous BPM."));
      return;
    }

  if (self->expected_state == NULL || g_strcmp0 (state, self->expected_state) != 0)
    {
      answer_page (msg, SOUP_STATUS_BAD_REQUEST, _("Sign-in refused"),
                   _("This answer does not belong to the sign-in Run Sous BPM started, so it was ignored. "
                     "You can close this tab and try connecting again."));
      decide (self, msg, NULL,
              g_error_new (RSB_SYNC_ERROR, RSB_SYNC_ERROR_STATE_MISMATCH,
                           _("The answer from the browser did not match the %s sign-in that was started; "
                             "nothing was saved. Try connecting again."),
                           name));
      return;
    }

  if (oauth_error != NULL || code == NULL || *code == '\0')
    {
      gboolean denied = g_strcmp0 (oauth_error, "access_denied") == 0;

      text = g_strdup_printf (_("%s did not authorize Run Sous BPM. You can close this tab and return to Run Sous BPM."),
                              name);
      answer_page (msg, SOUP_STATUS_OK, _("Not connected"), text);
      decide (self, msg, NULL,
              denied
              ? g_error_new (RSB_SYNC_ERROR, RSB_SYNC_ERROR_DENIED,
                             _("%s access was not granted in the browser"), name)
              : g_error_new (RSB_SYNC_ERROR, RSB_SYNC_ERROR_TOKEN,
                             _("%s refused the sign-in and sent no authorization"), name));
      return;
    }

  text = g_strdup_printf (_("Run Sous BPM is now finishing the connection to %s. "
                            "You can close this tab and return to Run Sous BPM."),
                          name);
  answer_page (msg, SOUP_STATUS_OK, _("Signed in"), text);
  decide (self, msg, g_strdup (code), NULL);
}

RsbOAuthListener *
rsb_oauth_listener_new (guint    port,
                        GError **error)
{
  g_autoptr(RsbOAuthListener) self = g_object_new (RSB_TYPE_OAUTH_LISTENER, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) local_error = NULL;
  GSList *uris;
  gboolean ok;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  self->context = g_main_context_new ();
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", "", NULL);
  soup_server_add_handler (self->server, "/callback", handle_callback, self, NULL);
  ok = soup_server_listen (self->server, address, 0, &local_error);
  g_main_context_pop_thread_default (self->context);

  if (!ok)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                     _("Port %u on 127.0.0.1 is in use by another program: choose another port for sign-in"),
                     port);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not listen for the sign-in on 127.0.0.1: %s"), local_error->message);
      return NULL;
    }

  uris = soup_server_get_uris (self->server);
  self->port = uris ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&self);
}

void
rsb_oauth_listener_set_service (RsbOAuthListener *self,
                                RsbService        service)
{
  g_return_if_fail (RSB_IS_OAUTH_LISTENER (self));
  self->has_service = TRUE;
  self->service = service;
}

guint
rsb_oauth_listener_get_port (RsbOAuthListener *self)
{
  g_return_val_if_fail (RSB_IS_OAUTH_LISTENER (self), 0);
  return self->port;
}

char *
rsb_oauth_listener_get_redirect_uri (RsbOAuthListener *self)
{
  g_return_val_if_fail (RSB_IS_OAUTH_LISTENER (self), NULL);
  /* Spotify refuses "localhost"; both providers accept the literal IP. */
  return g_strdup_printf ("http://127.0.0.1:%u/callback", self->port);
}

static gboolean
on_timeout (gpointer user_data)
{
  RsbOAuthListener *self = user_data;

  self->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  RsbOAuthListener *self = user_data;

  self->cancelled = TRUE;
  return G_SOURCE_REMOVE;
}

char *
rsb_oauth_listener_wait (RsbOAuthListener  *self,
                         const char        *state,
                         guint              timeout_ms,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GSource) cancel = NULL;

  g_return_val_if_fail (RSB_IS_OAUTH_LISTENER (self), NULL);
  g_return_val_if_fail (state != NULL, NULL);

  if (self->server == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                   _("This sign-in has already ended: start a new one"));
      return NULL;
    }

  self->expected_state = state;
  g_main_context_push_thread_default (self->context);

  timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (timeout, on_timeout, self, NULL);
  g_source_attach (timeout, self->context);
  if (cancellable)
    {
      cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (cancel, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (cancel, self->context);
    }

  while (!(self->answered && self->flushed) &&
         (self->answered || !(self->timed_out || self->cancelled ||
                              g_cancellable_is_cancelled (cancellable))))
    g_main_context_iteration (self->context, TRUE);

  g_source_destroy (timeout);
  if (cancel)
    g_source_destroy (cancel);
  g_main_context_pop_thread_default (self->context);
  stop_server (self);
  self->expected_state = NULL;

  if (self->answered)
    {
      if (self->error)
        {
          g_propagate_error (error, g_steal_pointer (&self->error));
          return NULL;
        }
      return g_steal_pointer (&self->code);
    }
  if (self->timed_out && !g_cancellable_is_cancelled (cancellable))
    g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_TIMED_OUT,
                 _("%s: the sign-in was not finished in the browser in time; try connecting again"),
                 service_name (self));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sign-in cancelled"));
  return NULL;
}
