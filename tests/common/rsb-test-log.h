/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-log.h: which log messages a test may live with. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* GStreamer 1.22's bins can warn "loop detected in the graph" while
 * decodebin adds its elements during a state change on another thread:
 * a warning, not an error (the pipeline plays on), which g_test_init
 * would make fatal, through g_log () and structured logging alike.
 * Tests that decode on several threads call this once, after
 * g_test_init; every other warning stays fatal. */
void rsb_test_tolerate_gst_graph_warning (void);

G_END_DECLS
