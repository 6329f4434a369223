/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-window.h"

G_BEGIN_DECLS

typedef enum {
  RSB_EXPORT_GPX,
  RSB_EXPORT_SEGMENTS_CSV,
  RSB_EXPORT_SEGMENTS_JSON,
} RsbExportKind;

/* win.export-gpx and win.export-segments: a save dialog, then the
 * activity shown (with its current clock offset) written to the file. */
void     rsb_window_export_class_init     (GtkWidgetClass      *widget_class);
/* Enables the export actions when an activity is shown. */
void     rsb_window_export_update         (RsbWindow           *self);

/* Replaces file whole (never half-written) with the shown activity. */
void     rsb_window_export_to_file_async  (RsbWindow           *self,
                                           RsbExportKind        kind,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean rsb_window_export_to_file_finish (RsbWindow           *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* A toast saying message (short_message where it would not fit) with
 * Open Folder on file's folder: for anything the window saved. */
void     rsb_window_export_toast_saved    (RsbWindow           *self,
                                           GFile               *file,
                                           const char          *message,
                                           const char          *short_message);

G_END_DECLS
