/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-api.h: what the fake Strava and Spotify servers share.
 *
 * A SoupServer on 127.0.0.1 (ephemeral port) serving from its own
 * thread and main context, so a test can run a synchronous client on
 * its own thread. It carries the OAuth half (rsb-fake-oauth) under one
 * prefix and the API under another. Every API request passes, in
 * order: a count per endpoint, the rate windows (Strava-style
 * X-RateLimit / X-ReadRateLimit headers when limits are set; a request
 * arriving while a window is spent is counted and refused with 429),
 * the bearer token, any injected fault, then the service's answer.
 *
 * Every function may be called from any thread.
 */
#pragma once

#include <libsoup/soup.h>

#include "rsb-fake-oauth.h"

G_BEGIN_DECLS

typedef struct _RsbFakeApi RsbFakeApi;

typedef enum {
  RSB_FAKE_FAULT_NONE,
  RSB_FAKE_FAULT_SERVER_ERROR,   /* 500 */
  RSB_FAKE_FAULT_TOO_MANY,       /* 429 with the rate headers (Retry-After if set) */
  RSB_FAKE_FAULT_STALL,          /* no answer until the client gives up */
  RSB_FAKE_FAULT_MALFORMED,      /* 200 with the JSON cut in half */
} RsbFakeFault;

/* Names the endpoint of an API path (below the API prefix), e.g.
 * "streams"; NULL for a path the service does not have (404). */
typedef const char *(*RsbFakeApiClassify) (const char *path,
                                           gpointer    user_data);
/* The JSON body for a request that passed every check; sets *status
 * (200 unless said otherwise). Runs on the server thread. */
typedef char       *(*RsbFakeApiAnswer)   (const char *endpoint,
                                           const char *path,
                                           GHashTable *query,
                                           guint      *status,
                                           gpointer    user_data);

/* The same for a POST: body is the request's body as sent. */
typedef char       *(*RsbFakeApiPost)     (const char *endpoint,
                                           const char *path,
                                           GBytes     *body,
                                           guint      *status,
                                           gpointer    user_data);
/* auth_prefix and api_prefix are paths ("/oauth", "/api/v3"). */
RsbFakeApi   *rsb_fake_api_new              (const char          *service,
                                             const char          *auth_prefix,
                                             const char          *api_prefix,
                                             RsbFakeApiClassify   classify,
                                             RsbFakeApiAnswer     answer,
                                             gpointer             user_data,
                                             GError             **error);
/* POSTs to the endpoints classify names go to post (without one, the
 * default, every POST is a 404). Call before the first request. */
void          rsb_fake_api_set_post         (RsbFakeApi          *self,
                                             RsbFakeApiPost       post);
/* Stops the server thread; answers nothing after it returns. */
void          rsb_fake_api_free             (RsbFakeApi          *self);

/* "http://127.0.0.1:PORT" + prefix, no trailing slash. */
char         *rsb_fake_api_dup_auth_url     (RsbFakeApi          *self);
char         *rsb_fake_api_dup_api_url      (RsbFakeApi          *self);
RsbFakeOAuth *rsb_fake_api_get_oauth        (RsbFakeApi          *self);

/* Strava's windows: overall and read limits, 15-minute and daily. All
 * zero (the default) sends no rate headers and limits nothing. */
void          rsb_fake_api_set_rate_limits  (RsbFakeApi          *self,
                                             guint                limit_15min,
                                             guint                limit_daily,
                                             guint                read_15min,
                                             guint                read_daily);
/* Every window starts afresh, as if the clock had passed its reset. */
void          rsb_fake_api_reset_usage      (RsbFakeApi          *self);

/* The fault hits the (skip + 1)-th API request from now to endpoint
 * (NULL: any endpoint). Several can be pending. */
void          rsb_fake_api_inject           (RsbFakeApi          *self,
                                             RsbFakeFault         fault,
                                             const char          *endpoint,
                                             guint                skip);
/* Each request that has no injected fault fails with 500 at this
 * rate, drawn from a generator seeded with seed (0 turns it off). */
void          rsb_fake_api_set_error_rate   (RsbFakeApi          *self,
                                             double               rate,
                                             guint32              seed);
/* Retry-After seconds sent with 429s (0: none, the default). */
void          rsb_fake_api_set_retry_after  (RsbFakeApi          *self,
                                             guint                seconds);

/* Requests received for an endpoint name, "total" (all API requests),
 * "spent" (received while a rate window was spent: a client that
 * minds the headers keeps this at 0), "faults" (injected or random
 * failures answered), "unauthorized" (401s). */
guint         rsb_fake_api_count            (RsbFakeApi          *self,
                                             const char          *what);
void          rsb_fake_api_reset_counts     (RsbFakeApi          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeApi, rsb_fake_api_free)

G_END_DECLS
