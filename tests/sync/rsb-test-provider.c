/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-provider.c */
#include <string.h>

#include "rsb-test-provider.h"

static void
handle_me (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  RsbTestProvider *provider = user_data;
  const char *body = "{\"id\":\"runner42\",\"display_name\":\"Ana <b>Runner</b>\",\"type\":\"user\"}";

  if (!rsb_fake_oauth_authorized (provider->oauth, msg))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static gpointer
provider_thread (gpointer data)
{
  RsbTestProvider *provider = data;

  g_main_context_push_thread_default (provider->context);
  g_main_loop_run (provider->loop);
  g_main_context_pop_thread_default (provider->context);
  return NULL;
}

/* Also points the app's base URLs at it. */
RsbTestProvider *
rsb_test_provider_start (const char *service)
{
  RsbTestProvider *provider = g_new0 (RsbTestProvider, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;

  provider->oauth = rsb_fake_oauth_new (service);
  provider->context = g_main_context_new ();
  provider->loop = g_main_loop_new (provider->context, FALSE);

  g_main_context_push_thread_default (provider->context);
  provider->server = soup_server_new (NULL, NULL);
  if (g_str_equal (service, "strava"))
    rsb_fake_oauth_attach (provider->oauth, provider->server, "/oauth");
  else
    {
      rsb_fake_oauth_attach (provider->oauth, provider->server, "");
      soup_server_add_handler (provider->server, "/v1/me", handle_me, provider, NULL);
    }
  soup_server_listen_local (provider->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (provider->context);

  uris = soup_server_get_uris (provider->server);
  provider->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  base = g_strdup_printf ("http://127.0.0.1:%u", provider->port);
  if (g_str_equal (service, "strava"))
    {
      g_autofree char *auth = g_strconcat (base, "/oauth", NULL);

      g_setenv ("RSB_STRAVA_AUTH_URL", auth, TRUE);
    }
  else
    {
      g_autofree char *api = g_strconcat (base, "/v1", NULL);

      g_setenv ("RSB_SPOTIFY_AUTH_URL", base, TRUE);
      g_setenv ("RSB_SPOTIFY_API_URL", api, TRUE);
    }

  provider->thread = g_thread_new ("fake-provider", provider_thread, provider);
  return provider;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
rsb_test_provider_stop (RsbTestProvider *provider)
{
  g_main_context_invoke (provider->context, quit_loop, provider->loop);
  g_thread_join (provider->thread);
  g_main_context_push_thread_default (provider->context);
  soup_server_disconnect (provider->server);
  g_object_unref (provider->server);
  while (g_main_context_iteration (provider->context, FALSE))
    ;
  g_main_context_pop_thread_default (provider->context);
  g_main_loop_unref (provider->loop);
  g_main_context_unref (provider->context);
  rsb_fake_oauth_free (provider->oauth);
  g_free (provider);
}


/* No token, code or secret the provider ever issued or saw. */
void
rsb_test_assert_no_secret (RsbTestProvider   *provider,
                  const char *text)
{
  g_auto(GStrv) issued = rsb_fake_oauth_dup_issued_tokens (provider->oauth);

  g_assert_null (strstr (text, RSB_FAKE_CLIENT_SECRET));
  g_assert_null (strstr (text, "fake-code-"));
  g_assert_null (strstr (text, "LEAKED"));
  for (guint i = 0; issued[i]; i++)
    g_assert_null (strstr (text, issued[i]));
}

