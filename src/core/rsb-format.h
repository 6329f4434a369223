#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *rsb_format_clock     (double  seconds);
char *rsb_format_distance  (double  metres);
char *rsb_format_duration  (double  seconds);
char *rsb_format_iso_utc   (gint64  utc_ms);
char *rsb_format_local_date (gint64 utc_ms);
char *rsb_format_local_date_short (gint64 utc_ms);

G_END_DECLS
