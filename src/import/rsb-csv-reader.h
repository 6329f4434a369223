/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An RFC 4180 reader pulling from a stream: quoted fields with embedded
 * commas, doubled quotes and line breaks; CRLF or LF line ends; a UTF-8
 * BOM at the start is skipped. */
typedef struct _RsbCsvReader RsbCsvReader;

RsbCsvReader *rsb_csv_reader_new      (GInputStream  *stream,
                                       const char    *display_name);
void          rsb_csv_reader_free     (RsbCsvReader  *reader);
/* Returns the next row's fields (NULL-terminated, owned by the reader,
 * valid until the next call), or NULL at the end (error unset) or on a
 * damaged file (error set, naming the file and line). */
const char  **rsb_csv_reader_next_row (RsbCsvReader  *reader,
                                       guint         *n_fields,
                                       GCancellable  *cancellable,
                                       GError       **error);
guint         rsb_csv_reader_get_line (RsbCsvReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbCsvReader, rsb_csv_reader_free)

G_END_DECLS
