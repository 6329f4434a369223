/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-import-guide-steps.h: one source's numbered steps in the import dialog. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RSB_TYPE_IMPORT_GUIDE_STEPS (rsb_import_guide_steps_get_type ())
G_DECLARE_FINAL_TYPE (RsbImportGuideSteps, rsb_import_guide_steps, RSB, IMPORT_GUIDE_STEPS, GtkWidget)

const char *rsb_import_guide_steps_get_steps (RsbImportGuideSteps *self);
const char *rsb_import_guide_steps_get_uri   (RsbImportGuideSteps *self);

G_END_DECLS
