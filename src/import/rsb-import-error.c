/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-import-error.h"

G_DEFINE_QUARK (rsb-import-error-quark, rsb_import_error)
