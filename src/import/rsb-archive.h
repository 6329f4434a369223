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

/* Reads a zip archive entry by entry, in memory: nothing is ever
 * unpacked to disk. Entries with unsafe paths ("..", absolute) and
 * entries claiming or unpacking to more than max_entry_bytes are
 * refused through func. Returns FALSE with error when the archive
 * itself cannot be read. */
gboolean rsb_archive_foreach (GFile                *file,
                              gint64                max_entry_bytes,
                              RsbArchiveWantFunc    want,
                              RsbArchiveEntryFunc   func,
                              gpointer              user_data,
                              GCancellable         *cancellable,
                              GError              **error);

G_END_DECLS
