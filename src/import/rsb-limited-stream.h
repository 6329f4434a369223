/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RSB_TYPE_LIMITED_STREAM (rsb_limited_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsbLimitedStream, rsb_limited_stream, RSB, LIMITED_STREAM, GFilterInputStream)

/* Called on the reading thread as the read advances (about every 1 %
 * of total, and at the end). */
typedef void (*RsbReadProgressFunc) (const char *display_name,
                                     goffset     done,
                                     goffset     total,
                                     gpointer    user_data);

GInputStream *rsb_limited_stream_new          (GInputStream        *base,
                                               goffset              limit,
                                               const char          *display_name);
/* total is the size expected (0: unknown, nothing is reported). */
void          rsb_limited_stream_set_progress (RsbLimitedStream    *self,
                                               goffset              total,
                                               RsbReadProgressFunc  func,
                                               gpointer             user_data);

G_END_DECLS
