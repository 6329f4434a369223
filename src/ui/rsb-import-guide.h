/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-import-guide.h: the import dialog, naming every source and how to get its files. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RSB_TYPE_IMPORT_GUIDE (rsb_import_guide_get_type ())
G_DECLARE_FINAL_TYPE (RsbImportGuide, rsb_import_guide, RSB, IMPORT_GUIDE, AdwWindow)

/* Modal over parent, whose win.import and win.import-folder actions
 * its buttons activate. */
RsbImportGuide *rsb_import_guide_new (GtkWindow *parent);

G_END_DECLS
