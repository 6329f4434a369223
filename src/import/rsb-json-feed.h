/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-json-feed.h: a stream fed to a yajl parser in chunks, errors named by line. */
#pragma once

#include <gio/gio.h>
#include <yajl/yajl_parse.h>

G_BEGIN_DECLS

/* Reads stream to its end into handle. A yajl syntax error becomes
 * "“name” is damaged at line N: …" (lines count from 1, which is what
 * a JSON Lines file's reader needs to find the listen); when a callback
 * stopped the parse, *callback_error (the parser's own, may be NULL) is
 * moved to error instead. */
gboolean rsb_json_feed (yajl_handle    handle,
                        GInputStream  *stream,
                        const char    *display_name,
                        GError       **callback_error,
                        GCancellable  *cancellable,
                        GError       **error);

/* A copy of text fit to quote in a message: valid UTF-8, at most 40
 * characters. */
char    *rsb_json_quote (const char *text);

G_END_DECLS
