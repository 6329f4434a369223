/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history-test-util.h: run a history parser over text, keep its plays. */
#pragma once

#include <gio/gio.h>

#include "rsb-play-pipeline.h"

static gboolean
history_test_keep (const RsbPlay  *play,
                   gpointer        user_data,
                   GError        **error)
{
  g_ptr_array_add (user_data, rsb_play_copy (play));
  return TRUE;
}

/* The plays parse gave func, in order; NULL with *error on failure. */
static inline GPtrArray *
history_test_parse (RsbHistoryParseFunc   parse,
                    const char           *name,
                    const char           *text,
                    gssize                len,
                    GError              **error)
{
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_memdup2 (text, len < 0 ? strlen (text) : (gsize) len),
                                                                         len < 0 ? strlen (text) : (gsize) len, g_free);
  guint n = 0;

  if (!parse (stream, name, history_test_keep, plays, &n, NULL, error))
    return NULL;
  g_assert_cmpuint (n, ==, plays->len);
  return g_steal_pointer (&plays);
}

static inline const RsbPlay *
history_test_play (GPtrArray *plays,
                   guint      i)
{
  g_assert_cmpuint (i, <, plays->len);
  return g_ptr_array_index (plays, i);
}
