/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh private folder for one test, and its removal. */
char *rsb_test_dir_new    (const char *purpose);
void  rsb_test_dir_remove (char       *dir);

/* A file under the shared test data, or NULL (and the test skipped)
 * when the shared folder or the file is not there. */
char *rsb_test_shared_file (const char *subdir,
                            const char *name);

G_END_DECLS
