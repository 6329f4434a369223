/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-provider.h: a fake provider's OAuth (and Spotify's /v1/me)
 * served from its own thread, with the app's base URLs pointed at it. */
#pragma once

#include "rsb-fake-oauth.h"

G_BEGIN_DECLS

typedef struct {
  RsbFakeOAuth *oauth;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GThread      *thread;
  guint         port;
} RsbTestProvider;

/* service: "strava" or "spotify". Sets RSB_STRAVA_AUTH_URL or
 * RSB_SPOTIFY_AUTH_URL and RSB_SPOTIFY_API_URL. */
RsbTestProvider *rsb_test_provider_start (const char *service);
void      rsb_test_provider_stop  (RsbTestProvider   *provider);

/* Asserts text holds no token, code or secret the provider issued or
 * knows, nor anything marked "LEAKED". */
void      rsb_test_assert_no_secret (RsbTestProvider   *provider,
                            const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbTestProvider, rsb_test_provider_stop)

G_END_DECLS
