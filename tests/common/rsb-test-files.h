/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Files as people bring them, made in a test: gzipped, zipped, or
 * written under folders that do not exist yet. */
GBytes *rsb_test_gzip_bytes  (GBytes     *bytes);
/* Writes dir/name (making its folders) and returns its path. */
char   *rsb_test_write_bytes (const char *dir,
                              const char *name,
                              GBytes     *bytes);
/* A zip of name, GBytes pairs, NULL-terminated. */
void    rsb_test_write_zip   (const char *path,
                              ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
