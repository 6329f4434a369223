/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-archive.c: zip exports (Strava's, Spotify's) read in place with
 * libarchive. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "rsb-archive.h"
#include "rsb-import-error.h"

/* Deflate packs at most ~1,030:1, real files far less: measured, TCX
 * 13–15×, Spotify JSON ~10×, GPX 4–7×, FIT 1–2×; even a day on a
 * trainer with every value constant packs ~56×. An entry past 200× is
 * a bomb, whatever size its headers claim. Small entries are not
 * judged, so the ratio never trips on a first block of padding; a bomb
 * costs at most that much memory and a few milliseconds. */
#define MAX_PACKING_RATIO 200
#define RATIO_FLOOR_BYTES (G_GINT64_CONSTANT (8) << 20)

typedef struct archive RsbArchive;

static void
free_archive (RsbArchive *archive)
{
  archive_read_free (archive);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbArchive, free_archive)

gboolean
rsb_archive_path_is_safe (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] == '/' || path[0] == '\\' || (path[0] != '\0' && path[1] == ':'))
    return FALSE;
  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], ".."))
        return FALSE;
    }
  return TRUE;
}

/* Why an entry is refused partway, or NULL. packed: its compressed
 * bytes read so far, -1 when unknown. */
static GError *
check_growth (const char *archive_name,
              const char *path,
              gint64      unpacked,
              gint64      packed,
              gint64      max_bytes)
{
  if (unpacked > max_bytes)
    {
      g_autofree char *limit = g_format_size (max_bytes);

      return g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                          _("“%s” in “%s” unpacks to more than %s: it was not read"),
                          path, archive_name, limit);
    }
  if (packed >= 0 && unpacked > RATIO_FLOOR_BYTES && unpacked > packed * MAX_PACKING_RATIO)
    return g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                        _("“%s” in “%s” unpacks to more than %d times its packed size, "
                          "which no real file does: it was not read"),
                        path, archive_name, MAX_PACKING_RATIO);
  return NULL;
}

static GBytes *
read_entry (struct archive  *archive,
            const char      *archive_name,
            const char      *path,
            gint64           max_bytes,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  /* The zip reader consumes its input as it inflates: what this counts
   * from here on is the entry's packed bytes. */
  gint64 packed_from = archive_filter_bytes (archive, -1);
  guint8 buffer[65536];
  la_ssize_t n;

  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      gint64 packed = packed_from >= 0 ? archive_filter_bytes (archive, -1) - packed_from : -1;
      GError *refusal;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if ((refusal = check_growth (archive_name, path, (gint64) data->len + n, packed, max_bytes)) != NULL)
        {
          g_propagate_error (error, refusal);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }
  if (n < 0)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” in “%s” is damaged: %s"), path, archive_name, archive_error_string (archive));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Why an entry is refused before reading a byte of it, or NULL. */
static GError *
check_entry (struct archive_entry *entry,
             const char           *archive_name,
             const char           *path,
             gint64                max_bytes)
{
  if (!rsb_archive_path_is_safe (path))
    return g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                        _("“%s” holds an entry with an unsafe path, “%s”: it was not read"),
                        archive_name, path);
  if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > max_bytes)
    {
      g_autofree char *claimed = g_format_size (archive_entry_size (entry));

      return g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                          _("“%s” in “%s” claims to be %s, more than any real file of its kind: it was not read"),
                          path, archive_name, claimed);
    }
  return NULL;
}

static gboolean
visit_entry (struct archive        *archive,
             struct archive_entry  *entry,
             const char            *archive_name,
             gint64                 max_bytes,
             RsbArchiveWantFunc     want,
             RsbArchiveEntryFunc    func,
             gpointer               user_data,
             GCancellable          *cancellable)
{
  const char *path = archive_entry_pathname_utf8 (entry);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (path == NULL)
    path = archive_entry_pathname (entry);
  if (path == NULL || archive_entry_filetype (entry) != AE_IFREG || !want (path, user_data))
    return TRUE;
  if ((error = check_entry (entry, archive_name, path, max_bytes)) == NULL)
    bytes = read_entry (archive, archive_name, path, max_bytes, cancellable, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return func (path, bytes, error, user_data);
}

/* Every entry of an opened archive, one after another. */
static gboolean
foreach_entry (struct archive       *archive,
               const char           *name,
               gint64                max_entry_bytes,
               RsbArchiveWantFunc    want,
               RsbArchiveEntryFunc   func,
               gpointer              user_data,
               GCancellable         *cancellable,
               GError              **error)
{
  struct archive_entry *entry;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!visit_entry (archive, entry, name, max_entry_bytes, want, func, user_data, cancellable))
        return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  if (rc != ARCHIVE_EOF)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), name, archive_error_string (archive));
      return FALSE;
    }
  return TRUE;
}

gboolean
rsb_archive_foreach (GFile                *file,
                     gint64                max_entry_bytes,
                     RsbArchiveWantFunc    want,
                     RsbArchiveEntryFunc   func,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(RsbArchive) archive = archive_read_new ();
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);

  archive_read_support_format_zip (archive);
  if (path == NULL || archive_read_open_filename (archive, path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” could not be opened as a zip archive: %s"), name,
                   path ? archive_error_string (archive) : _("not a local file"));
      return FALSE;
    }
  return foreach_entry (archive, name, max_entry_bytes, want, func, user_data, cancellable, error);
}

gboolean
rsb_archive_foreach_bytes (GBytes               *bytes,
                           const char           *name,
                           gint64                max_entry_bytes,
                           RsbArchiveWantFunc    want,
                           RsbArchiveEntryFunc   func,
                           gpointer              user_data,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autoptr(RsbArchive) archive = archive_read_new ();
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, len) != ARCHIVE_OK)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” could not be opened as a zip archive: %s"), name,
                   archive_error_string (archive));
      return FALSE;
    }
  return foreach_entry (archive, name, max_entry_bytes, want, func, user_data, cancellable, error);
}
