/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-catalogue-client.h: GET requests to a public music catalogue that
 * needs no key (Deezer, ReccoBeats), paced by a sliding window.
 *
 * Synchronous, for one thread. Every failure is an RSB_SYNC_ERROR whose
 * message names the service: a stall (no answer within the timeout) or
 * a 5xx is SERVER, a 429 is RATE_LIMITED (with the Retry-After time in
 * get_paused_until), an HTML page or JSON that does not parse is
 * MALFORMED. Nothing is retried here: the caller keeps the track and
 * decides whether to go on.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rsb-request-window.h"

G_BEGIN_DECLS

#define RSB_TYPE_CATALOGUE_CLIENT (rsb_catalogue_client_get_type ())
G_DECLARE_FINAL_TYPE (RsbCatalogueClient, rsb_catalogue_client, RSB, CATALOGUE_CLIENT, GObject)

/* name is the service's display name ("Deezer"); base_url without a
 * trailing slash, https or http on loopback; at most limit requests in
 * any window_ms. */
RsbCatalogueClient *rsb_catalogue_client_new          (const char          *name,
                                                       const char          *base_url,
                                                       guint                limit,
                                                       gint64               window_ms,
                                                       GError             **error);
/* Paced by window, which outlives the client and may pace others in
 * turn (a quota counted per address spans every client of the process). */
RsbCatalogueClient *rsb_catalogue_client_new_shared   (const char          *name,
                                                       const char          *base_url,
                                                       RsbRequestWindow    *window,
                                                       GError             **error);
/* The base URL from env_var, else default_url; an override that is not
 * https (or http on loopback) is refused with an error naming it. */
char               *rsb_catalogue_client_url_from_env (const char          *env_var,
                                                       const char          *default_url,
                                                       GError             **error);

const char         *rsb_catalogue_client_get_name     (RsbCatalogueClient  *self);
RsbRequestWindow   *rsb_catalogue_client_get_window   (RsbCatalogueClient  *self);
void                rsb_catalogue_client_set_timeout  (RsbCatalogueClient  *self,
                                                       guint                timeout_s);

/* Sees every answer that came before the client judges it (status,
 * headers and body; a stall or a dropped connection has none). Returns FALSE with error set to refuse it in the service's own
 * words (an error document, "no such user"), TRUE to let the client
 * judge it as usual. Runs on the requesting thread. */
typedef gboolean (*RsbCatalogueAnswerFunc) (guint                status,
                                            SoupMessageHeaders  *headers,
                                            GBytes              *body,
                                            gpointer             user_data,
                                            GError             **error);
void                rsb_catalogue_client_set_answer_func (RsbCatalogueClient     *self,
                                                          RsbCatalogueAnswerFunc  func,
                                                          gpointer                user_data);

/* Waits for the window (cancellable), sends, parses. */
JsonNode           *rsb_catalogue_client_get_json     (RsbCatalogueClient  *self,
                                                       const char          *path_and_query,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

/* The quota was found spent: nothing is sent for a whole window. */
void                rsb_catalogue_client_hold         (RsbCatalogueClient  *self);

/* Sleeps until until_ms (UTC), waking at once when cancelled. */
gboolean            rsb_catalogue_sleep_until         (gint64               until_ms,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

/* After RATE_LIMITED: when the service said to come back (UTC ms). */
gint64              rsb_catalogue_client_get_paused_until (RsbCatalogueClient *self);
/* Requests sent (for tests and the benchmark). */
guint               rsb_catalogue_client_get_n_requests   (RsbCatalogueClient *self);

G_END_DECLS
