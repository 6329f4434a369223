/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-test-files.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

GBytes *
rsb_test_gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) packed = g_converter_input_stream_new (plain, G_CONVERTER (gzip));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (out, packed, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

char *
rsb_test_write_bytes (const char *dir,
                      const char *name,
                      GBytes     *bytes)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return path;
}

static void
add_entry (struct archive *zip,
           const char     *name,
           GBytes         *bytes)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (zip, data, size), ==, (la_ssize_t) size);
  archive_entry_free (entry);
}

void
rsb_test_write_zip (const char *path,
                    ...)
{
  struct archive *zip = archive_write_new ();
  const char *name;
  va_list args;

  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  va_start (args, path);
  while ((name = va_arg (args, const char *)) != NULL)
    add_entry (zip, name, va_arg (args, GBytes *));
  va_end (args);
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
}
