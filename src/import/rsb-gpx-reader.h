/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* Reads one GPX 1.0/1.1 document as one activity.
 *
 * Timed tracks and segments are joined in time order; the gaps between
 * them stay in the time stream as pauses. A document without any
 * timestamps yields a route whose info has start_ms == RSB_NO_TIME and
 * no RSB_STREAM_TIME column. Distance is computed from the positions.
 * display_name names the file in error messages. */
gboolean rsb_gpx_read (GInputStream      *stream,
                       const char        *display_name,
                       RsbActivityInfo  **out_info,
                       RsbStreams       **out_streams,
                       GCancellable      *cancellable,
                       GError           **error);

G_END_DECLS
