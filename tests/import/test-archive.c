/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compression bombs: an archive entry or a gzip stream that unpacks past
 * its cap, or an entry packed far tighter than any real file, is refused
 * by name as soon as that shows, without unpacking the rest; long real
 * files are not mistaken for bombs. */
#include <archive.h>
#include <archive_entry.h>

#include "rsb-archive.h"
#include "rsb-import-error.h"
#include "rsb-importer.h"
#include "rsb-limited-stream.h"
#include "rsb-test-dir.h"

#define MiB (1024 * 1024)

/* A zip whose one entry, activities/1.gpx, is chunk repeated, deflated. */
static char *
write_repeated_zip (const char *dir,
                    GBytes     *chunk,
                    guint       times)
{
  char *path = g_build_filename (dir, "bomb.zip", NULL);
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  gsize size;
  gconstpointer data = g_bytes_get_data (chunk, &size);

  archive_write_set_format_zip (zip);
  archive_write_zip_set_compression_deflate (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "activities/1.gpx");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_write_header (zip, entry);
  for (guint i = 0; i < times; i++)
    archive_write_data (zip, data, size);
  archive_entry_free (entry);
  archive_write_close (zip);
  archive_write_free (zip);
  return path;
}

static char *
write_zeros_zip (const char *dir,
                 gsize       size)
{
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (MiB), MiB);

  return write_repeated_zip (dir, zeros, size / MiB);
}

static gboolean
want_all (const char *path,
          gpointer    user_data)
{
  return TRUE;
}

static gboolean
keep_error (const char   *path,
            GBytes       *bytes,
            const GError *error,
            gpointer      user_data)
{
  GError **out = user_data;

  g_assert_null (bytes);
  *out = g_error_copy (error);
  return TRUE;
}

static void
test_zip_entry_bomb (void)
{
  g_autofree char *dir = rsb_test_dir_new ("archive");
  g_autofree char *path = write_zeros_zip (dir, 16 * MiB);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) entry_error = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_archive_foreach (file, 2 * MiB, want_all, keep_error, &entry_error, NULL, &error));
  g_assert_no_error (error);
  g_assert_error (entry_error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (entry_error->message, "activities/1.gpx"));
  g_assert_nonnull (strstr (entry_error->message, "bomb.zip"));
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

static gboolean
keep_size (const char   *path,
           GBytes       *bytes,
           const GError *error,
           gpointer      user_data)
{
  gsize *size = user_data;

  g_assert_no_error (error);
  *size = g_bytes_get_size (bytes);
  return TRUE;
}

/* Well under any size cap, but packed ~1,000:1 as no real file is. */
static void
test_zip_entry_packed_too_tight (void)
{
  g_autofree char *dir = rsb_test_dir_new ("archive");
  g_autofree char *path = write_zeros_zip (dir, 64 * MiB);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) entry_error = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_archive_foreach (file, RSB_IMPORT_MAX_WORKOUT_BYTES, want_all, keep_error,
                                      &entry_error, NULL, &error));
  g_assert_no_error (error);
  g_assert_error (entry_error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (entry_error->message, "activities/1.gpx"));
  g_assert_nonnull (strstr (entry_error->message, "packed size"));
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* A long ride's worth of real TCX, the most tightly packing kind, is
 * read whole: the bomb guard leaves real files alone. */
static void
test_zip_entry_long_real_workout (void)
{
  g_autofree char *tcx_path = rsb_test_shared_file ("activities", "test.tcx");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) tcx = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  if (tcx_path == NULL)
    return;
  file = g_file_new_for_path (tcx_path);
  tcx = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  dir = rsb_test_dir_new ("archive");
  path = write_repeated_zip (dir, tcx, 100);
  g_clear_object (&file);
  file = g_file_new_for_path (path);

  g_assert_true (rsb_archive_foreach (file, RSB_IMPORT_MAX_WORKOUT_BYTES, want_all, keep_size,
                                      &size, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, ==, 100 * g_bytes_get_size (tcx));
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

static GBytes *
gzip_zeros (gsize size)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autofree char *zeros = g_malloc0 (size);
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_data (g_steal_pointer (&zeros), size, g_free);
  g_autoptr(GInputStream) packed = g_converter_input_stream_new (plain, G_CONVERTER (gzip));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (out, packed, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_gzip_bomb (void)
{
  g_autoptr(GBytes) bomb = gzip_zeros (8 * MiB);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (bomb);
  g_autoptr(GInputStream) unpacked = rsb_import_decompress (raw, TRUE, "run.gpx.gz");
  g_autoptr(GInputStream) limited = rsb_limited_stream_new (unpacked, MiB, "run.gpx.gz");
  g_autoptr(GError) error = NULL;
  char buffer[65536];
  gsize total = 0;
  gssize n;

  /* 8 MiB of zeros pack into a few kilobytes. */
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 64 * 1024);
  while ((n = g_input_stream_read (limited, buffer, sizeof buffer, NULL, &error)) > 0)
    total += n;
  g_assert_cmpint (n, ==, -1);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "run.gpx.gz"));
  g_assert_cmpuint (total, <=, MiB);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/archive/zip-entry-bomb", test_zip_entry_bomb);
  g_test_add_func ("/import/archive/zip-entry-packed-too-tight", test_zip_entry_packed_too_tight);
  g_test_add_func ("/import/archive/zip-entry-long-real-workout", test_zip_entry_long_real_workout);
  g_test_add_func ("/import/archive/gzip-bomb", test_gzip_bomb);
  return g_test_run ();
}
