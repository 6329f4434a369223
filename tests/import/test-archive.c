/* Compression bombs: an archive entry or a gzip stream that unpacks past
 * its cap is refused by name as soon as the cap is crossed, without
 * unpacking the rest. */
#include <archive.h>
#include <archive_entry.h>

#include "rsb-archive.h"
#include "rsb-import-error.h"
#include "rsb-importer.h"
#include "rsb-limited-stream.h"
#include "rsb-test-dir.h"

#define MiB (1024 * 1024)

/* A zip whose one entry is size bytes of zeros, deflated to almost nothing. */
static char *
write_zeros_zip (const char *dir,
                 gsize       size)
{
  char *path = g_build_filename (dir, "bomb.zip", NULL);
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char *zeros = g_malloc0 (MiB);

  archive_write_set_format_zip (zip);
  archive_write_zip_set_compression_deflate (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "activities/1.gpx");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_write_header (zip, entry);
  for (gsize written = 0; written < size; written += MiB)
    archive_write_data (zip, zeros, MiB);
  archive_entry_free (entry);
  archive_write_close (zip);
  archive_write_free (zip);
  return path;
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
  g_test_add_func ("/import/archive/gzip-bomb", test_gzip_bomb);
  return g_test_run ();
}
