/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-app.h: the app's command line run by a test, as a script
 * would run it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  int   status;
  char *out;
  char *err;
} RsbTestRun;

void                 rsb_test_run_clear    (RsbTestRun          *run);
/* A launcher for $RSB_BINARY on the library in data_dir: no display,
 * C.UTF-8, untranslated; the caller may set more before running. */
GSubprocessLauncher *rsb_test_app_launcher (const char          *data_dir);
/* Runs the binary with args (NULL-terminated), keeping its status and
 * both outputs in run (cleared first). */
void                 rsb_test_app_run      (GSubprocessLauncher *launcher,
                                            RsbTestRun          *run,
                                            const char * const  *args);

G_END_DECLS
