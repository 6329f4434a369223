/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-log.c: which log messages a test may live with. */
#include "rsb-test-log.h"

#include <string.h>

#define GRAPH_WARNING "loop detected in the graph"

static gboolean
is_graph_warning (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message)
{
  return g_strcmp0 (log_domain, "GStreamer") == 0 && (log_level & G_LOG_LEVEL_WARNING) &&
         message != NULL && strstr (message, GRAPH_WARNING) != NULL;
}

/* g_log (): g_test_init's fatal warnings ask this first. */
static gboolean
fatal_unless_graph_warning (const char     *log_domain,
                            GLogLevelFlags  log_level,
                            const char     *message,
                            gpointer        user_data)
{
  return !is_graph_warning (log_domain, log_level, message);
}

static char *
field_text (const GLogField *field)
{
  return field->length < 0 ? g_strdup (field->value) : g_strndup (field->value, field->length);
}

/* Structured logging, which GStreamer's g_warning () uses, never asks
 * the fatal handler: its default writer aborts on a fatal level. The
 * one tolerated message is printed here instead, everything else goes
 * to the default writer as before. */
static GLogWriterOutput
write_unless_graph_warning (GLogLevelFlags   log_level,
                            const GLogField *fields,
                            gsize            n_fields,
                            gpointer         user_data)
{
  g_autofree char *domain = NULL;
  g_autofree char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && domain == NULL)
        domain = field_text (&fields[i]);
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && message == NULL)
        message = field_text (&fields[i]);
    }
  if (is_graph_warning (domain, log_level, message))
    {
      g_printerr ("# tolerated: %s-WARNING: %s\n", domain, message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
rsb_test_tolerate_gst_graph_warning (void)
{
  g_test_log_set_fatal_handler (fatal_unless_graph_warning, NULL);
  g_log_set_writer_func (write_unless_graph_warning, NULL, NULL);
}
