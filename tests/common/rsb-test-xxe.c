/* SPDX-License-Identifier: GPL-3.0-or-later */
/* XML readers against external entities and DTDs: nothing is fetched
 * from the network or read from disk, and nothing such a document points
 * at reaches the activity. */
#include "rsb-test-xxe.h"

#include <string.h>

#include <libsoup/soup.h>

#include "rsb-import-error.h"
#include "rsb-test-dir.h"

/* What a hostile file would want read out of the user's disk or from a
 * server on their network. It must never reach an activity name, which
 * the user may share or sync. */
#define SECRET "RSB-SECRET-5f2a9c"

/* A web server on a thread of its own, so a reader that fetched from it
 * would get an answer, and be counted, rather than hang the test. */
typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GThread      *thread;
  guint         port;
  int           n_requests;  /* atomic */
} CountingServer;

/* Counted as soon as a request begins, before it could be refused. */
static void
count_request (SoupServer        *server,
               SoupServerMessage *msg,
               gpointer           user_data)
{
  CountingServer *self = user_data;

  g_atomic_int_inc (&self->n_requests);
}

/* What an external DTD or entity fetched from here would bring in. */
static void
serve_secret (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *body = g_str_has_suffix (path, ".dtd") ? "<!ENTITY fromdtd \"" SECRET "\">\n" : SECRET "\n";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, body, strlen (body));
}

static gpointer
serve (gpointer data)
{
  CountingServer *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static CountingServer *
counting_server_new (void)
{
  CountingServer *self = g_new0 (CountingServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  /* The listening socket watches the thread-default context: the
   * server thread's. */
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (count_request), self);
  soup_server_add_handler (self->server, NULL, serve_secret, NULL, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_main_context_pop_thread_default (self->context);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->thread = g_thread_new ("counting-server", serve, self);
  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
counting_server_free (CountingServer *self)
{
  /* Through the loop's own context: quitting before the thread got to
   * run it would be lost. */
  g_autoptr(GSource) quit = g_idle_source_new ();

  g_source_set_callback (quit, quit_loop, self->loop, NULL);
  g_source_attach (quit, self->context);
  g_thread_join (self->thread);
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CountingServer, counting_server_free)

/* The server does answer, and is counted: zero requests later means
 * nobody asked, not that nobody could. */
static void
assert_server_answers (CountingServer *server)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/check.txt", server->port);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), SECRET "\n", strlen (SECRET "\n"));
  g_assert_cmpint (g_atomic_int_get (&server->n_requests), ==, 1);
}

static gboolean
lacks_secret (const char *text)
{
  return text == NULL || strstr (text, SECRET) == NULL;
}


typedef struct {
  const char *what;
  char       *doctype;
  const char *reference;
  gboolean    declares;    /* refused for declaring entities, always */
} Doctype;

static void
doctype_clear (Doctype *doctype)
{
  g_free (doctype->doctype);
}

/* Every way of pointing a document at the secret file and at the
 * server: as an external entity, as the external DTD, and as a
 * parameter entity that would pull in a DTD declaring more. */
static GArray *
hostile_doctypes (const char *root,
                  guint       port,
                  const char *text_uri,
                  const char *dtd_path)
{
  GArray *doctypes = g_array_new (FALSE, FALSE, sizeof (Doctype));
  Doctype list[] = {
    { "file entity, server DTD",
      g_strdup_printf ("<!DOCTYPE %s SYSTEM \"http://127.0.0.1:%u/workout.dtd\" [\n"
                       "  <!ENTITY secret SYSTEM \"%s\">\n]>", root, port, text_uri),
      "&secret;", TRUE },
    { "server entity, file DTD",
      g_strdup_printf ("<!DOCTYPE %s SYSTEM \"%s\" [\n"
                       "  <!ENTITY secret SYSTEM \"http://127.0.0.1:%u/secret.txt\">\n]>", root, dtd_path, port),
      "&secret;", TRUE },
    /* %remote; is never fetched, so &fromdtd; stays undeclared; whether
     * that or the declaration of %remote reaches the reader first
     * depends on how far libxml2 has read ahead. */
    { "server parameter entity",
      g_strdup_printf ("<!DOCTYPE %s [\n  <!ENTITY %% remote SYSTEM \"http://127.0.0.1:%u/remote.dtd\">\n"
                       "  %%remote;\n]>", root, port),
      "&fromdtd;", FALSE },
    /* Nothing declared in the document: &fromdtd; exists only in the
     * external DTD, which is never loaded. */
    { "server DTD only",
      g_strdup_printf ("<!DOCTYPE %s SYSTEM \"http://127.0.0.1:%u/workout.dtd\">", root, port),
      "&fromdtd;", FALSE },
    { "file DTD only",
      g_strdup_printf ("<!DOCTYPE %s SYSTEM \"%s\">", root, dtd_path),
      "&fromdtd;", FALSE },
  };

  g_array_set_clear_func (doctypes, (GDestroyNotify) doctype_clear);
  g_array_append_vals (doctypes, list, G_N_ELEMENTS (list));
  return doctypes;
}

static void
assert_read_safely (const RsbTestXmlFormat *format,
                    const Doctype          *doctype)
{
  g_autofree char *xml = format->document (doctype->doctype, doctype->reference);
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok = rsb_test_workout_read_text (format->read, xml, format->display_name, &result);

  if (ok)
    g_test_message ("%s: read, named “%s”", doctype->what, result.info->name);
  else
    g_test_message ("%s: refused: %s", doctype->what, result.error->message);
  if (doctype->declares)
    {
      /* Refused outright, as rsb-xml-reader.c promises for any entity
       * declaration: there is no safe way to half-read one. */
      rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, format->display_name);
      g_assert_nonnull (strstr (result.error->message, "entities"));
    }
  else if (!ok)
    {
      g_assert_true (result.error->domain == RSB_IMPORT_ERROR);
      g_assert_nonnull (strstr (result.error->message, format->display_name));
    }
  else
    {
      g_assert_no_error (result.error);
      g_assert_cmpuint (result.streams->n_points, ==, 1);
      g_assert_true (lacks_secret (result.info->name));
      g_assert_true (lacks_secret (result.info->sport));
      g_assert_true (lacks_secret (result.info->file_name));
    }
  g_assert_true (ok || lacks_secret (result.error->message));
}

void
rsb_test_assert_external_entities_ignored (const RsbTestXmlFormat *format)
{
  g_autofree char *dir = rsb_test_dir_new ("xxe");
  g_autofree char *text_path = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *text_uri = g_filename_to_uri (text_path, NULL, NULL);
  g_autofree char *dtd_path = g_build_filename (dir, "secret.dtd", NULL);
  g_autoptr(CountingServer) server = NULL;
  g_autoptr(GArray) doctypes = NULL;

  /* libxml2 would send a fetch to a proxy named in the environment,
   * past the server that counts. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_assert_true (g_file_set_contents (text_path, SECRET "\n", -1, NULL));
  g_assert_true (g_file_set_contents (dtd_path, "<!ENTITY fromdtd \"" SECRET "\">\n", -1, NULL));
  server = counting_server_new ();
  assert_server_answers (server);

  doctypes = hostile_doctypes (format->root, server->port, text_uri, dtd_path);
  for (guint i = 0; i < doctypes->len; i++)
    assert_read_safely (format, &g_array_index (doctypes, Doctype, i));
  /* Only assert_server_answers' own request. */
  g_assert_cmpint (g_atomic_int_get (&server->n_requests), ==, 1);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}
