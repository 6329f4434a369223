/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli-music.c: --scan-music DIR…: reads music folders into the
 * library as Preferences → Music does, and prints each audio file's
 * tempo as a tab-separated line for other programs. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-cli-private.h"
#include "rsb-music-scan.h"
#include "rsb-store-music.h"

/* "path\tbpm\tsource\tconfidence": SI and untranslated, a decimal
 * point whatever the locale; a file read whole without a tempo to tell
 * (no tag, no beat to hear) has its line with the three fields empty. */
static void
print_file (const RsbMusicFile *file)
{
  char bpm[G_ASCII_DTOSTR_BUF_SIZE], confidence[G_ASCII_DTOSTR_BUF_SIZE];

  if (file->bpm_source == RSB_TEMPO_SOURCE_NONE)
    {
      g_print ("%s\t\t\t\n", file->path);
      return;
    }
  g_print ("%s\t%s\t%s\t%s\n", file->path,
           g_ascii_formatd (bpm, sizeof bpm, "%.1f", file->bpm),
           rsb_tempo_source_to_string (file->bpm_source),
           g_ascii_formatd (confidence, sizeof confidence, "%.2f", file->confidence));
}

static gboolean
print_folder (RsbStore    *store,
              const char  *folder,
              GHashTable  *printed,
              GError     **error)
{
  g_autoptr(GPtrArray) files = rsb_store_list_music_files (store, folder, error);

  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      const RsbMusicFile *file = files->pdata[i];

      if (!g_hash_table_add (printed, g_strdup (file->path)))
        continue;   /* a folder given twice, or inside another */
      if (file->problem != NULL)
        g_printerr (_("Skipped: %s\n"), file->problem);
      else
        print_file (file);
    }
  return TRUE;
}

int
rsb_cli_scan_music (const char * const *dirs)
{
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbMusicScan) scan = NULL;
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) printed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  if (dirs == NULL || dirs[0] == NULL)
    {
      g_printerr (_("--scan-music needs at least one folder\n"));
      return EXIT_USAGE;
    }
  /* Stored by absolute path, as the app's own scans store them. */
  for (guint i = 0; dirs[i] != NULL; i++)
    g_ptr_array_add (folders, g_canonicalize_filename (dirs[i], NULL));
  g_ptr_array_add (folders, NULL);
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  scan = rsb_music_scan_new (store);
  if (!rsb_music_scan_run (scan, (const char * const *) folders->pdata, NULL, &error))
    {
      g_printerr (_("The music folders could not be scanned: %s\n"), error->message);
      return EXIT_FAILURE;
    }
  for (guint i = 0; folders->pdata[i] != NULL; i++)
    if (!print_folder (store, folders->pdata[i], printed, &error))
      {
        g_printerr ("%s\n", error->message);
        return EXIT_FAILURE;
      }
  return EXIT_SUCCESS;
}
