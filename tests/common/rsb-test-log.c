/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-log.c: which log messages a test may live with. */
#include "rsb-test-log.h"

#include <string.h>

static gboolean
fatal_unless_graph_warning (const char     *log_domain,
                            GLogLevelFlags  log_level,
                            const char     *message,
                            gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "GStreamer") == 0 && (log_level & G_LOG_LEVEL_WARNING) &&
           message != NULL && strstr (message, "loop detected in the graph") != NULL);
}

void
rsb_test_tolerate_gst_graph_warning (void)
{
  g_test_log_set_fatal_handler (fatal_unless_graph_warning, NULL);
}
