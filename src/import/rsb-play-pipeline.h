/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-spotify-history.h"

G_BEGIN_DECLS

/* A listening history's parser: rsb_spotify_history_parse's contract
 * (plays to func in the order they are to be stored; n_plays may be
 * NULL). */
typedef gboolean (*RsbHistoryParseFunc) (GInputStream  *stream,
                                         const char    *display_name,
                                         RsbPlayFunc    func,
                                         gpointer       user_data,
                                         guint         *n_plays,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* rsb_spotify_history_parse with the reading and parsing on a worker
 * thread: func still runs on the calling thread, in file order, while
 * the next plays are being parsed, so a history's JSON and its database
 * writes share the two cores. A func that fails stops the parse; the
 * stream is not touched by the worker once this returns. */
gboolean rsb_play_pipeline_parse (GInputStream  *stream,
                                  const char    *display_name,
                                  RsbPlayFunc    func,
                                  gpointer       user_data,
                                  guint         *n_plays,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* The same for any history's parser. */
gboolean rsb_play_pipeline_run   (RsbHistoryParseFunc  parse,
                                  GInputStream        *stream,
                                  const char          *display_name,
                                  RsbPlayFunc          func,
                                  gpointer             user_data,
                                  guint               *n_plays,
                                  GCancellable        *cancellable,
                                  GError             **error);

G_END_DECLS
