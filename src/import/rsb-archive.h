/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether to read an entry; path is the entry's path inside the archive. */
typedef gboolean (*RsbArchiveWantFunc) (const char *path,
                                        gpointer    user_data);
/* Receives each wanted entry's content, or the reason it was refused
 * (bytes NULL, error set and borrowed). Return FALSE to stop. */
typedef gboolean (*RsbArchiveEntryFunc) (const char   *path,
                                         GBytes       *bytes,
                                         const GError *error,
                                         gpointer      user_data);

/* Whether a path that an export names relative to its own root (a zip
 * entry, a file in activities.csv) stays below that root: neither
 * absolute nor climbing out through "..". */
gboolean rsb_archive_path_is_safe (const char *path);

/* Reads a zip archive entry by entry, in memory: nothing is ever
 * unpacked to disk. Entries with unsafe paths, entries claiming or
 * unpacking to more than max_entry_bytes, and entries unpacking to far
 * more than their packed size (bombs) are refused through func, before
 * they take much memory or time. Returns FALSE with error when the
 * archive itself cannot be read. */
gboolean rsb_archive_foreach (GFile                *file,
                              gint64                max_entry_bytes,
                              RsbArchiveWantFunc    want,
                              RsbArchiveEntryFunc   func,
                              gpointer              user_data,
                              GCancellable         *cancellable,
                              GError              **error);
/* The same for a zip held in memory (one inside another, say); name
 * stands for it in messages. bytes must outlive the call only. */
gboolean rsb_archive_foreach_bytes (GBytes               *bytes,
                                    const char           *name,
                                    gint64                max_entry_bytes,
                                    RsbArchiveWantFunc    want,
                                    RsbArchiveEntryFunc   func,
                                    gpointer              user_data,
                                    GCancellable         *cancellable,
                                    GError              **error);

G_END_DECLS
