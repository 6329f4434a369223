/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RSB_TYPE_IMPORT_PROGRESS (rsb_import_progress_get_type ())
G_DECLARE_FINAL_TYPE (RsbImportProgress, rsb_import_progress, RSB, IMPORT_PROGRESS, GtkBox)

void rsb_import_progress_start  (RsbImportProgress *self,
                                 GCancellable      *cancellable);
void rsb_import_progress_update (RsbImportProgress *self,
                                 guint              done,
                                 guint              found,
                                 const char        *last_name);
void rsb_import_progress_update_file (RsbImportProgress *self,
                                      const char        *name,
                                      goffset            done,
                                      goffset            total);
void rsb_import_progress_set_waiting (RsbImportProgress *self,
                                      guint              n_files);

G_END_DECLS
