/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rsb_time_parse_iso8601 (const char *text,
                                 gint64     *out_us);

G_END_DECLS
