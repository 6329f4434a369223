/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-catalogue.h: what the fake Deezer and ReccoBeats share: a
 * SoupServer on 127.0.0.1 (ephemeral port) on its own thread, no key,
 * answering GETs under a prefix through the service's callback, with
 * faults a test injects: a 500, a 502 HTML page from a "proxy", a 429,
 * a stall, JSON cut in half. Every function may be called from any
 * thread. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _RsbFakeCatalogue RsbFakeCatalogue;

typedef enum {
  RSB_FAKE_CATALOGUE_NONE,
  RSB_FAKE_CATALOGUE_SERVER_ERROR,  /* 500 with a JSON body */
  RSB_FAKE_CATALOGUE_HTML,          /* 502 Bad Gateway, a proxy's HTML page */
  RSB_FAKE_CATALOGUE_HTML_200,      /* 200 with an HTML page (a captive portal) */
  RSB_FAKE_CATALOGUE_TOO_MANY,      /* 429, Retry-After: 1 */
  RSB_FAKE_CATALOGUE_STALL,         /* no answer until the client gives up */
  RSB_FAKE_CATALOGUE_MALFORMED,     /* 200 with the JSON cut in half */
} RsbFakeCatalogueFault;

/* The JSON body for a request that passed the faults; sets *status
 * (200 unless said otherwise); NULL for 404. Runs on the server thread. */
typedef char *(*RsbFakeCatalogueAnswer) (const char *path,
                                         GHashTable *query,
                                         guint      *status,
                                         gpointer    user_data);

RsbFakeCatalogue *rsb_fake_catalogue_new     (const char              *prefix,
                                              RsbFakeCatalogueAnswer   answer,
                                              gpointer                 user_data,
                                              GError                 **error);
void              rsb_fake_catalogue_free    (RsbFakeCatalogue        *self);
/* "http://127.0.0.1:PORT" + prefix. */
char             *rsb_fake_catalogue_dup_url (RsbFakeCatalogue        *self);

/* Called with the response headers of each request the answer callback
 * answered, right after it, on the server thread: for services whose
 * answers carry headers (ListenBrainz's rate window). */
typedef void (*RsbFakeCatalogueHeaders) (SoupMessageHeaders *headers,
                                         gpointer            user_data);
void              rsb_fake_catalogue_set_headers (RsbFakeCatalogue        *self,
                                                  RsbFakeCatalogueHeaders  func);

/* The fault hits the (skip + 1)-th request from now; several can be
 * pending. */
void              rsb_fake_catalogue_inject  (RsbFakeCatalogue        *self,
                                              RsbFakeCatalogueFault    fault,
                                              guint                    skip);
/* "total" requests, "faults" answered. */
guint             rsb_fake_catalogue_count   (RsbFakeCatalogue        *self,
                                              const char              *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeCatalogue, rsb_fake_catalogue_free)

G_END_DECLS
