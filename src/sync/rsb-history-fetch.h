/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-fetch.h: GET requests to a listening-history service
 * (ListenBrainz, Last.fm) with the patience a sync needs.
 *
 * Built on RsbCatalogueClient (pacing by a sliding window, messages
 * that name the service and never the query), it adds what a sync
 * wants and a tempo lookup does not: a 5xx, a stall or a lost
 * connection is tried again with exponential backoff; a 429 (or the
 * service's own "slow down") waits as long as the service asks when
 * that is at most max_wait, and otherwise stops with
 * RSB_SYNC_ERROR_RATE_LIMITED and get_paused_until set; the answer's
 * X-RateLimit-Remaining / X-RateLimit-Reset-In headers (ListenBrainz)
 * hold the next request until the window resets. The service's own
 * error documents are read by its error function.
 *
 * Synchronous, for one thread.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rsb-catalogue-client.h"
#include "rsb-service.h"

G_BEGIN_DECLS

#define RSB_HISTORY_DEFAULT_TRIES        4
#define RSB_HISTORY_DEFAULT_BACKOFF_MS   1000
#define RSB_HISTORY_DEFAULT_MAX_WAIT_MS  (60 * 1000)

typedef struct _RsbHistoryFetch RsbHistoryFetch;

/* Reads an answer that came with status (any, 2xx included) and body.
 * Returns FALSE with error set when it is the service's error
 * document; RSB_SYNC_ERROR_RATE_LIMITED asks the fetch to wait, and
 * RSB_SYNC_ERROR_SERVER to try again. */
typedef gboolean (*RsbHistoryErrorFunc) (guint     status,
                                         GBytes   *body,
                                         gpointer  user_data,
                                         GError  **error);

/* Pointed at the service's base URL (its environment variable or the
 * default), paced at most limit requests in any window_ms (0: none). */
RsbHistoryFetch    *rsb_history_fetch_new            (RsbService            service,
                                                      guint                 limit,
                                                      gint64                window_ms,
                                                      GError              **error);
void                rsb_history_fetch_free           (RsbHistoryFetch      *self);
RsbService          rsb_history_fetch_get_service    (RsbHistoryFetch      *self);
RsbCatalogueClient *rsb_history_fetch_get_client     (RsbHistoryFetch      *self);

void                rsb_history_fetch_set_error_func (RsbHistoryFetch      *self,
                                                      RsbHistoryErrorFunc   func,
                                                      gpointer              user_data);
/* Tuning, for tests mostly: the first retry waits base_ms, each next
 * one twice as long (a "slow down" without a time waits 5 × base_ms,
 * doubling); at most max_tries tries; a connection silent for
 * timeout_s seconds counts as failed. */
void                rsb_history_fetch_set_backoff_ms (RsbHistoryFetch      *self,
                                                      guint                 base_ms);
void                rsb_history_fetch_set_max_tries  (RsbHistoryFetch      *self,
                                                      guint                 max_tries);
void                rsb_history_fetch_set_max_wait_ms (RsbHistoryFetch     *self,
                                                       guint                max_wait_ms);
void                rsb_history_fetch_set_timeout    (RsbHistoryFetch      *self,
                                                      guint                 timeout_s);

/* path_and_query starts with "/". The parsed answer, or NULL with an
 * RSB_SYNC_ERROR (or G_IO_ERROR_CANCELLED). */
JsonNode           *rsb_history_fetch_json           (RsbHistoryFetch      *self,
                                                      const char           *path_and_query,
                                                      GCancellable         *cancellable,
                                                      GError              **error);

/* After RSB_SYNC_ERROR_RATE_LIMITED: when to come back (UTC ms). */
gint64              rsb_history_fetch_get_paused_until (RsbHistoryFetch    *self);
/* Requests sent, retries included. */
guint               rsb_history_fetch_get_n_requests (RsbHistoryFetch      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbHistoryFetch, rsb_history_fetch_free)

G_END_DECLS
