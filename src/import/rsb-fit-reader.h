/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* Decodes one FIT activity file (chained FIT files included) as one
 * activity: record messages become the streams, session gives the sport,
 * timer stop/start events are pauses (gaps in the time stream). Files
 * that are not activities (settings, monitoring, workouts) are refused
 * with RSB_IMPORT_ERROR_UNSUPPORTED. display_name names the file in
 * messages. */
gboolean rsb_fit_read (GInputStream      *stream,
                       const char        *display_name,
                       RsbActivityInfo  **out_info,
                       RsbStreams       **out_streams,
                       GCancellable      *cancellable,
                       GError           **error);

G_END_DECLS
