/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-service.c: names, endpoints and client ids of the services. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-http.h"
#include "rsb-service.h"

typedef struct {
  const char *id;
  const char *display_name;
  const char *auth_env;
  const char *auth_default;
  const char *api_env;
  const char *api_default;
  const char *token_path;
  const char *deauthorize_path;
  const char *scope;
  const char *client_id_env;
  const char *client_secret_env;
  const char *default_client_id;
} ServiceInfo;

static const ServiceInfo services[RSB_N_SERVICES] = {
  [RSB_SERVICE_STRAVA] = {
    "strava", "Strava",
    "RSB_STRAVA_AUTH_URL", "https://www.strava.com/oauth",
    "RSB_STRAVA_API_URL", "https://www.strava.com/api/v3",
    "/token", "/deauthorize",
    "activity:read_all",
    "RSB_STRAVA_CLIENT_ID", "RSB_STRAVA_CLIENT_SECRET",
    DEFAULT_STRAVA_CLIENT_ID,
  },
  [RSB_SERVICE_SPOTIFY] = {
    "spotify", "Spotify",
    "RSB_SPOTIFY_AUTH_URL", "https://accounts.spotify.com",
    "RSB_SPOTIFY_API_URL", "https://api.spotify.com/v1",
    "/api/token", NULL,
    /* Private playlists are made from workouts and cadences. */
    "user-read-recently-played playlist-modify-private",
    "RSB_SPOTIFY_CLIENT_ID", NULL,
    DEFAULT_SPOTIFY_CLIENT_ID,
  },
  /* Public listening histories: no sign-in, no client. */
  [RSB_SERVICE_LISTENBRAINZ] = {
    "listenbrainz", "ListenBrainz",
    NULL, NULL,
    "RSB_LISTENBRAINZ_API_URL", "https://api.listenbrainz.org",
    NULL, NULL, NULL, NULL, NULL, NULL,
  },
  [RSB_SERVICE_LASTFM] = {
    "lastfm", "Last.fm",
    NULL, NULL,
    "RSB_LASTFM_API_URL", "https://ws.audioscrobbler.com/2.0",
    NULL, NULL, NULL, NULL, NULL, NULL,
  },
};

static const ServiceInfo *
info (RsbService service)
{
  g_return_val_if_fail (service < RSB_N_SERVICES, &services[0]);
  return &services[service];
}

const char *
rsb_service_id (RsbService service)
{
  return info (service)->id;
}

const char *
rsb_service_display_name (RsbService service)
{
  return info (service)->display_name;
}

gboolean
rsb_service_from_id (const char *id,
                     RsbService *out_service)
{
  for (RsbService s = 0; s < RSB_N_SERVICES; s++)
    if (g_strcmp0 (id, services[s].id) == 0)
      {
        if (out_service)
          *out_service = s;
        return TRUE;
      }
  return FALSE;
}

gboolean
rsb_service_uses_oauth (RsbService service)
{
  return info (service)->auth_env != NULL;
}

/* An override goes through the same https-or-loopback policy as every
 * request, and the error names the variable so the user knows where
 * the bad value came from. */
static char *
base_url (const char  *env,
          const char  *fallback,
          GError     **error)
{
  const char *value = g_getenv (env);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  gsize len;

  if (value == NULL || *value == '\0')
    return g_strdup (fallback);

  url = g_strdup (value);
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  if (!rsb_http_check_url (url, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: %s"), env, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&url);
}

char *
rsb_service_auth_url (RsbService   service,
                      GError     **error)
{
  if (!rsb_service_uses_oauth (service))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s has no sign-in"), rsb_service_display_name (service));
      return NULL;
    }
  return base_url (info (service)->auth_env, info (service)->auth_default, error);
}

char *
rsb_service_api_url (RsbService   service,
                     GError     **error)
{
  return base_url (info (service)->api_env, info (service)->api_default, error);
}

static char *
endpoint (RsbService   service,
          const char  *path,
          GError     **error)
{
  g_autofree char *base = rsb_service_auth_url (service, error);

  return base ? g_strconcat (base, path, NULL) : NULL;
}

char *
rsb_service_authorize_endpoint (RsbService   service,
                                GError     **error)
{
  return endpoint (service, "/authorize", error);
}

char *
rsb_service_token_endpoint (RsbService   service,
                            GError     **error)
{
  return endpoint (service, info (service)->token_path, error);
}

char *
rsb_service_deauthorize_endpoint (RsbService   service,
                                  GError     **error)
{
  if (info (service)->deauthorize_path == NULL)
    return NULL;
  return endpoint (service, info (service)->deauthorize_path, error);
}

const char *
rsb_service_scope (RsbService service)
{
  return info (service)->scope;
}

static const char *
nonempty_env (const char *name)
{
  const char *value = name ? g_getenv (name) : NULL;

  return value && *value ? value : NULL;
}

const char *
rsb_service_env_client_id (RsbService service)
{
  return nonempty_env (info (service)->client_id_env);
}

const char *
rsb_service_env_client_secret (RsbService service)
{
  return nonempty_env (info (service)->client_secret_env);
}

const char *
rsb_service_default_client_id (RsbService service)
{
  const char *id = info (service)->default_client_id;

  return id && *id ? id : NULL;
}

gboolean
rsb_service_needs_client_secret (RsbService service)
{
  return service == RSB_SERVICE_STRAVA;
}
