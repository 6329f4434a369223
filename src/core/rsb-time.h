/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rsb_time_parse_iso8601 (const char *text,
                                 gint64     *out_us);
/* Whether a listen a service dated unix_s (seconds) can have happened:
 * after 1970 and no later than a day from now. A scrobbler that sent
 * milliseconds would otherwise date a listen in the year 55,000, and
 * a sync cursor set there would never see another listen. */
gboolean rsb_time_listen_is_plausible (gint64 unix_s);

G_END_DECLS
