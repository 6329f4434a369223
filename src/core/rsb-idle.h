/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs func on context's thread, always later: unlike
 * g_main_context_invoke(), never inline on the calling (worker)
 * thread when nobody happens to own the context. NULL is the default
 * context. */
void rsb_idle_invoke (GMainContext   *context,
                      GSourceFunc     func,
                      gpointer        data,
                      GDestroyNotify  notify);

G_END_DECLS
