/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-idle.c: handing work from worker threads back to the main loop. */
#include "config.h"

#include "rsb-idle.h"

void
rsb_idle_invoke (GMainContext   *context,
                 GSourceFunc     func,
                 gpointer        data,
                 GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[rsb] idle invoke");
  g_source_attach (source, context);
}
