/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-file-sniff.h: what a file is, from a peek at its first bytes. */
#pragma once

#include <gio/gio.h>

#include "rsb-file-kind.h"

G_BEGIN_DECLS

/* The most of a file ever looked at to tell its kind. */
#define RSB_FILE_SNIFF_BYTES (64 * 1024)

RsbFileKind rsb_file_sniff       (const guint8  *data,
                                  gsize          len,
                                  const char    *display_name,
                                  gboolean      *gzipped,
                                  GError       **why);
RsbFileKind rsb_file_sniff_bytes (GBytes        *bytes,
                                  const char    *display_name,
                                  gboolean      *gzipped,
                                  GError       **why);
RsbFileKind rsb_file_sniff_file  (GFile         *file,
                                  const char    *display_name,
                                  gboolean      *gzipped,
                                  GCancellable  *cancellable,
                                  GError       **why);
gboolean    rsb_file_sniff_skips (const char    *name);

G_END_DECLS
