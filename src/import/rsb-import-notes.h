/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

/* What an import tells the person besides its counts, as the note of
 * a file's result. Two recordings of one workout: name is the file
 * just read (info), kept the activity the library had. */

/* info replaced kept: "“test.tcx” replaced “no_hr.tcx”: it has heart rate" */
char *rsb_import_note_replaced (const char             *name,
                                const RsbActivityInfo  *info,
                                const RsbActivityInfo  *kept);
/* kept stayed: "“no_hr.tcx” is the same workout as “test.tcx”, which
 * has heart rate: kept “test.tcx”" */
char *rsb_import_note_kept     (const char             *name,
                                const RsbActivityInfo  *info,
                                const RsbActivityInfo  *kept);

G_END_DECLS
