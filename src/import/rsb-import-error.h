/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RSB_IMPORT_ERROR (rsb_import_error_quark ())

typedef enum {
  RSB_IMPORT_ERROR_CORRUPT,      /* not well-formed, truncated, bad values */
  RSB_IMPORT_ERROR_UNSUPPORTED,  /* a file we do not know how to read */
  RSB_IMPORT_ERROR_NO_DATA,      /* well-formed but holds no track / no plays */
  RSB_IMPORT_ERROR_TOO_LARGE,    /* refused before it could exhaust memory */
  RSB_IMPORT_ERROR_CANCELLED,
} RsbImportError;

GQuark rsb_import_error_quark (void);

G_END_DECLS
