/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-api-client.h: requests to a service's web API, the way every
 * sync needs them (GETs; POSTs for Spotify playlists).
 *
 * Synchronous, for one thread: make it on the thread that runs the
 * sync (it owns its SoupSession). Each request carries the token
 * source's current access token; a 401 refreshes it once; a spent rate
 * window stops before the request is sent; 5xx answers, dropped
 * connections and stalls are retried with exponential backoff; a 429
 * pauses until Retry-After or the next 15-minute window.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rsb-rate-limit.h"
#include "rsb-service.h"
#include "rsb-token-source.h"

G_BEGIN_DECLS

#define RSB_API_DEFAULT_TRIES       5
#define RSB_API_DEFAULT_BACKOFF_MS  1000

#define RSB_TYPE_API_CLIENT (rsb_api_client_get_type ())
G_DECLARE_FINAL_TYPE (RsbApiClient, rsb_api_client, RSB, API_CLIENT, GObject)

/* base_url without a trailing slash, e.g. "https://www.strava.com/api/v3";
 * refused unless https or http on loopback. */
RsbApiClient *rsb_api_client_new             (RsbTokenSource  *tokens,
                                              const char      *base_url,
                                              GError         **error);
/* The base URL the service's environment variable or default names. */
RsbApiClient *rsb_api_client_new_for_service (RsbTokenSource  *tokens,
                                              GError         **error);

RsbService    rsb_api_client_get_service     (RsbApiClient    *self);
const char   *rsb_api_client_get_base_url    (RsbApiClient    *self);

/* Tuning, for tests mostly: the first retry waits base_ms, each next
 * one twice as long; a request is tried at most max_tries times; a
 * connection silent for timeout_s seconds counts as failed. */
void          rsb_api_client_set_backoff_ms  (RsbApiClient    *self,
                                              guint            base_ms);
void          rsb_api_client_set_max_tries   (RsbApiClient    *self,
                                              guint            max_tries);
void          rsb_api_client_set_timeout     (RsbApiClient    *self,
                                              guint            timeout_s);

/* path_and_query starts with "/", relative to the base URL. The answer
 * body of a 2xx response, or NULL with an RSB_SYNC_ERROR (or
 * G_IO_ERROR_CANCELLED). */
GBytes       *rsb_api_client_get_bytes       (RsbApiClient    *self,
                                              const char      *path_and_query,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* As get_bytes, parsed; RSB_SYNC_ERROR_MALFORMED when it is not JSON. */
JsonNode     *rsb_api_client_get_json        (RsbApiClient    *self,
                                              const char      *path_and_query,
                                              GCancellable    *cancellable,
                                              GError         **error);

/* POSTs body (JSON) and parses the answer as get_json does. Not sent
 * again after a 5xx or a lost connection: it may have been done. */
JsonNode     *rsb_api_client_post_json       (RsbApiClient    *self,
                                              const char      *path_and_query,
                                              JsonNode        *body,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* After RSB_SYNC_ERROR_RATE_LIMITED: when the window resets (UTC ms). */
gint64        rsb_api_client_get_paused_until (RsbApiClient   *self);
/* HTTP status of the last answer, 0 when none came. */
guint         rsb_api_client_get_last_status (RsbApiClient    *self);
/* Requests sent to the API (retries included, token calls not). */
guint         rsb_api_client_get_n_requests  (RsbApiClient    *self);
RsbRateLimit *rsb_api_client_get_rate_limit  (RsbApiClient    *self);

G_END_DECLS
