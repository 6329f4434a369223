/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-window.h"

G_BEGIN_DECLS

/* A library window on a library of its own in dir/library (the folder
 * is made, RSB_DATA_DIR points at it), shown at width × height (0 for
 * the window's default) and mapped. */
RsbWindow *rsb_test_window_new_library (const char *dir,
                                        int         width,
                                        int         height);
/* A window on the bundled sample run, 1280 × 800, once its activity
 * is shown. */
RsbWindow *rsb_test_window_new_sample  (void);
/* Closes it and lets the main loop finish what closing starts. */
void       rsb_test_window_close       (RsbWindow  *window);

G_END_DECLS
