/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* Reads the first activity of a Garmin Training Center (TCX) document:
 * all laps' trackpoints in time order. An activity recorded without
 * positions (treadmill, indoor ride) yields streams without LAT/LON. */
gboolean rsb_tcx_read (GInputStream      *stream,
                       const char        *display_name,
                       RsbActivityInfo  **out_info,
                       RsbStreams       **out_streams,
                       GCancellable      *cancellable,
                       GError           **error);

G_END_DECLS
