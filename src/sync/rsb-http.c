/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-http.c: the one policy every request of the app follows. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-http.h"

#define TIMEOUT_S 30

G_DEFINE_QUARK (rsb-http-error-quark, rsb_http_error)

/* Services ask clients to say who they are (OpenStreetMap's tile
 * policy refuses anonymous library defaults). */
const char *
rsb_http_user_agent (void)
{
  return "RunSousBpm/" PACKAGE_VERSION " (+https://github.com/runsousbpm/run-sous-bpm)";
}

SoupSession *
rsb_http_session_new (void)
{
  return soup_session_new_with_options ("user-agent", rsb_http_user_agent (),
                                        "timeout", TIMEOUT_S,
                                        NULL);
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 ||
         g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "localhost") == 0;
}

/* Plain http is only for loopback (tests, self-hosting on this machine):
 * anything crossing a network must be https. */
gboolean
rsb_http_check_url (const char  *url,
                    GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, RSB_HTTP_ERROR, RSB_HTTP_ERROR_BAD_URL,
                   _("“%s” is not a web address"), url);
      return FALSE;
    }
  if (g_str_equal (scheme, "http") && !is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, RSB_HTTP_ERROR, RSB_HTTP_ERROR_INSECURE,
                   _("“%s” must use https: plain http is only allowed on this computer (127.0.0.1)"), url);
      return FALSE;
    }
  return TRUE;
}
