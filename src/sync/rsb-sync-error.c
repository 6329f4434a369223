/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-error.c */
#include "rsb-sync-error.h"

G_DEFINE_QUARK (rsb-sync-error-quark, rsb_sync_error)
