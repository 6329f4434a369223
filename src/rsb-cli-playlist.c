/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli-playlist.c: --export-playlist and --songs-for-cadence, which
 * save a playlist as M3U8 or XSPF, the format named by the file's
 * extension. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-cli-private.h"
#include "rsb-playlist.h"

/* The highest cadence anyone runs or pedals at, with room to spare. */
#define MAX_CADENCE_SPM 300.0

typedef RsbPlaylist *(*BuildFunc) (RsbStore *store, gpointer data, GError **error);

static RsbPlaylist *
build_from_activity (RsbStore  *store,
                     gpointer   data,
                     GError   **error)
{
  return rsb_playlist_new_from_activity (store, *(gint64 *) data, error);
}

static RsbPlaylist *
build_for_cadence (RsbStore  *store,
                   gpointer   data,
                   GError   **error)
{
  return rsb_playlist_new_for_cadence (store, *(double *) data, error);
}

/* Checks the file name before touching the library: a wrong extension
 * is a usage error, whatever the library holds. */
static int
save_playlist (const char *output,
               BuildFunc   build,
               gpointer    data,
               const char *empty_message)
{
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbPlaylist) playlist = NULL;
  g_autoptr(GError) error = NULL;
  RsbPlaylistFormat format;

  if (output == NULL)
    {
      g_printerr (_("Name the playlist file with -o FILE.m3u8 or -o FILE.xspf\n"));
      return EXIT_USAGE;
    }
  if (!rsb_playlist_format_for_path (output, &format, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  if ((playlist = build (store, data, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (playlist->entries->len == 0)
    {
      g_printerr ("%s\n", empty_message);
      return EXIT_FAILURE;
    }
  if (!rsb_playlist_save (playlist, format, output, &error))
    {
      g_printerr (_("Could not write “%s”: %s\n"), output, error->message);
      return EXIT_FAILURE;
    }
  g_printerr (ngettext ("Saved %u song to “%s”\n", "Saved %u songs to “%s”\n",
                        playlist->entries->len),
              playlist->entries->len, output);
  return EXIT_SUCCESS;
}

int
rsb_cli_export_playlist (gint64      activity_id,
                         const char *output)
{
  g_autofree char *empty = g_strdup_printf (_("No song was heard during activity %lld: the playlist would be empty"),
                                            (long long) activity_id);

  return save_playlist (output, build_from_activity, &activity_id, empty);
}

int
rsb_cli_songs_for_cadence (double      cadence_spm,
                           const char *output)
{
  g_autofree char *empty = NULL;

  if (!isfinite (cadence_spm) || cadence_spm <= 0 || cadence_spm > MAX_CADENCE_SPM)
    {
      g_printerr (_("A cadence is a number of steps per minute between 1 and %.0f, such as 170\n"),
                  MAX_CADENCE_SPM);
      return EXIT_USAGE;
    }
  empty = g_strdup_printf (_("No song in the library has a known tempo that suits %.0f steps per minute "
                             "(within 3 %% of it or of half of it); look up tempi or scan your music first"),
                           cadence_spm);
  return save_playlist (output, build_for_cadence, &cadence_spm, empty);
}
