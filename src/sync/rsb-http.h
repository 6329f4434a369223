/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define RSB_HTTP_ERROR (rsb_http_error_quark ())

typedef enum {
  RSB_HTTP_ERROR_INSECURE,
  RSB_HTTP_ERROR_BAD_URL,
} RsbHttpError;

GQuark       rsb_http_error_quark   (void);
const char  *rsb_http_user_agent    (void);
SoupSession *rsb_http_session_new   (void);
gboolean     rsb_http_check_url     (const char  *url,
                                     GError     **error);

G_END_DECLS
