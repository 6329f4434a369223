/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli.c: the commands that work without a display (over SSH, in
 * scripts). They run from handle-local-options, before GTK starts. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "rsb-cli.h"
#include "rsb-cli-private.h"
#include "rsb-activity.h"
#include "rsb-format.h"
#include "rsb-gpx-writer.h"
#include "rsb-import-job.h"
#include "rsb-segments-writer.h"

static const GOptionEntry cli_entries[] = {
  { "import", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Import the workout and listening-history files or folders given as PATH… and exit"), NULL },
  { "list-activities", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the activities in the library as tab-separated rows (SI units) and exit"), NULL },
  { "export-segments", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Print the song segments of activity ID, in SI units, and exit"), N_("ID") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Output format of --export-segments: csv (default) or json"), N_("csv|json") },
  { "export-gpx", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Print activity ID as GPX, with a waypoint where each song starts, and exit"), N_("ID") },
  { "export-playlist", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Save the songs heard during activity ID as a playlist in -o FILE (.m3u8 or .xspf) and exit"), N_("ID") },
  { "songs-for-cadence", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("Save the songs whose tempo suits SPM steps per minute as a playlist in -o FILE (.m3u8 or .xspf) and exit"),
    N_("SPM") },
  { "export-image", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Save activity ID as a picture to share in -o FILE.png (route in song colours, figures, songs; "
       "the start and finish left out as Preferences say) and exit"), N_("ID") },
  { "export-video", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Save activity ID as a WebM video to share in -o FILE.webm (the route drawing itself with its songs; "
       "the start and finish left out as Preferences say) and exit"), N_("ID") },
  { "duration", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Length of --export-video in seconds: 15, 30 (default) or 60"), N_("S") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Size of --export-image in pixels: 1080x1350 (default), 1080x1920 for stories, or any WIDTHxHEIGHT; "
       "of --export-video: 1080x1920 (default), 1920x1080 or any WIDTHxHEIGHT"),
    N_("WxH") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write --export-segments or --export-gpx to FILE instead of the standard output"), N_("FILE") },
  { "connect", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign in to SERVICE in the browser, keep its tokens in the keyring, and exit; listenbrainz and "
       "lastfm take the user name after it (and Last.fm its API key on the standard input)"),
    N_("strava|spotify|listenbrainz|lastfm") },
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Fetch what is new from the connected services (or only the one named after it) and exit; "
       "exits with 75 while a rate limit pauses it"), NULL },
  { "disconnect", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Revoke the app's access to SERVICE, forget its tokens, and exit"),
    N_("strava|spotify|listenbrainz|lastfm") },
  { "lookup-tempo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Fill missing song tempi from the services named after it (deezer, reccobeats; naming one "
       "agrees to send it titles, artists and ids), else from those turned on in Preferences, and exit; "
       "exits with 75 while a quota pauses it"), NULL },
  { "scan-music", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Read the music folders given as PATH… into the library (tags, else an estimated tempo) and print "
       "one tab-separated line per audio file: path, BPM, source, confidence"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[PATH…]") },
  { NULL }
};

RsbStore *
rsb_cli_open_library (void)
{
  g_autofree char *path = rsb_store_default_path ();
  g_autoptr(GError) error = NULL;
  RsbStore *store = rsb_store_open (path, &error);

  if (store == NULL)
    g_printerr ("%s\n", error->message);
  return store;
}

static void
print_import_line (const RsbImportResult *result,
                   guint                  done,
                   guint                  found,
                   gpointer               user_data)
{
  switch (result->status)
    {
    case RSB_IMPORT_ADDED:
      if (result->n_activities > 0)
        g_print (_("[%u/%u] %s: added an activity\n"), done, found, result->display_name);
      else if (result->n_replaced > 0)
        g_print (_("[%u/%u] %s: replaced a poorer recording of the same workout\n"),
                 done, found, result->display_name);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "[%u/%u] %s: added %u play\n",
                              "[%u/%u] %s: added %u plays\n", result->n_plays),
                 done, found, result->display_name, result->n_plays);
      break;
    case RSB_IMPORT_DUPLICATE:
      /* A history without music says why under this line (its note). */
      if (rsb_file_kind_is_history (result->kind) && result->n_read == 0)
        g_print (_("[%u/%u] %s: nothing added\n"), done, found, result->display_name);
      else
        g_print (_("[%u/%u] %s: already in the library, nothing added\n"),
                 done, found, result->display_name);
      break;
    case RSB_IMPORT_FAILED:
    default:
      g_printerr (_("[%u/%u] %s: failed: %s\n"),
                  done, found, result->display_name, result->error->message);
      break;
    }
  /* Indented under the file's line, each thing it tells on its own. */
  if (result->note != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (result->note, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_print ("        %s\n", lines[i]);
    }
}

static void
print_import_summary (const RsbImportTotals *totals)
{
  g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity", "%u activities", totals->activities), totals->activities);
  g_autofree char *p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u play", "%u plays", totals->plays), totals->plays);
  g_autofree char *f = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", totals->sources), totals->sources);
  g_autofree char *r = NULL;

  if (totals->replaced == 0)
    {
      /* Translators: "Imported 1 activity and 13 plays from 2 files; 0 failed" */
      g_print (_("Imported %s and %s from %s; %u failed\n"), a, p, f, totals->failed);
      return;
    }
  r = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u replaced by a richer recording",
                                    "%u replaced by richer recordings", totals->replaced),
                       totals->replaced);
  /* Translators: "Imported 0 activities and 0 plays from 1 file; 1 replaced by a richer recording; 0 failed" */
  g_print (_("Imported %s and %s from %s; %s; %u failed\n"), a, p, f, r, totals->failed);
}

static int
run_import (const char * const *paths)
{
  g_autofree char *library = rsb_store_default_path ();
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  RsbImportTotals totals;

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("--import needs at least one file or folder\n"));
      return EXIT_USAGE;
    }
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (given, g_file_new_for_commandline_arg (paths[i]));

  job = rsb_import_job_new (library, (GFile **) given->pdata, given->len);
  rsb_import_job_set_progress_func (job, print_import_line, NULL);
  if (!rsb_import_job_run (job, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  rsb_import_job_get_totals (job, &totals);
  print_import_summary (&totals);
  return totals.failed > 0 || totals.sources == 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* Tabs and line breaks in names would break the rows apart. */
static char *
tsv_field (const char *text)
{
  char *field = g_strdup (text != NULL ? text : "");

  g_strdelimit (field, "\t\r\n", ' ');
  return field;
}

static int
run_list_activities (void)
{
  g_autoptr(RsbStore) store = rsb_cli_open_library ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return EXIT_FAILURE;
  if ((list = rsb_store_list_activities (store, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("id\tstart\tname\tpoints\tsongs\tcoverage\n");
  for (guint i = 0; i < list->len; i++)
    {
      const RsbActivityInfo *info = g_ptr_array_index (list, i);
      g_autofree char *start = rsb_activity_info_has_times (info) ? rsb_format_iso_utc (info->start_ms) : g_strdup ("");
      g_autofree char *name = tsv_field (info->name);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%u\t%u\t%.3f\n",
               info->id, start, name, info->n_points, info->n_songs, info->coverage);
    }
  return EXIT_SUCCESS;
}

/* Replaced whole or not at all: a half-written export is worse than
 * the old one. */
static int
write_output (const char *output,
              const char *data,
              gsize       length)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (output == NULL)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_printerr (_("Could not write the export to the standard output\n"));
          return EXIT_FAILURE;
        }
      return EXIT_SUCCESS;
    }
  file = g_file_new_for_commandline_arg (output);
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      g_printerr (_("Could not write “%s”: %s\n"), output, error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

static RsbActivity *
load_activity (gint64 id)
{
  g_autoptr(RsbStore) store = rsb_cli_open_library ();
  g_autoptr(GError) error = NULL;
  RsbActivity *activity;

  if (store == NULL)
    return NULL;
  if ((activity = rsb_activity_load (store, id, &error)) == NULL)
    g_printerr ("%s\n", error->message);
  return activity;
}

static int
run_export_segments (gint64      id,
                     const char *format_name,
                     const char *output)
{
  g_autoptr(RsbActivity) activity = NULL;
  g_autofree char *text = NULL;
  RsbSegmentsFormat format = RSB_SEGMENTS_CSV;
  gsize length;

  if (format_name != NULL && !rsb_segments_format_parse (format_name, &format))
    {
      g_printerr (_("Unknown format “%s”: use csv or json\n"), format_name);
      return EXIT_USAGE;
    }
  if ((activity = load_activity (id)) == NULL)
    return EXIT_FAILURE;
  text = rsb_segments_write (activity, format, &length);
  return write_output (output, text, length);
}

static int
run_export_gpx (gint64      id,
                const char *output)
{
  g_autoptr(RsbActivity) activity = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if ((activity = load_activity (id)) == NULL)
    return EXIT_FAILURE;
  if (!rsb_streams_has_route (activity->streams))
    {
      g_printerr (_("Activity %lld has no route to export: it was recorded without positions\n"), (long long) id);
      return EXIT_FAILURE;
    }
  text = rsb_gpx_write (activity, &length);
  return write_output (output, text, length);
}

static int
handle_local_options (GApplication *app,
                      GVariantDict *options,
                      gpointer      user_data)
{
  g_autofree const char **paths = NULL;
  const char *format = NULL;
  const char *service = NULL;
  g_autofree char *output = NULL;
  gint64 export_id = 0;
  double cadence = 0;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", APP_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);
  if (g_variant_dict_contains (options, "import"))
    return run_import (paths);
  if (g_variant_dict_contains (options, "list-activities"))
    return run_list_activities ();
  g_variant_dict_lookup (options, "output", "^ay", &output);
  if (g_variant_dict_lookup (options, "export-segments", "x", &export_id))
    {
      g_variant_dict_lookup (options, "format", "&s", &format);
      return run_export_segments (export_id, format, output);
    }
  if (g_variant_dict_lookup (options, "export-gpx", "x", &export_id))
    return run_export_gpx (export_id, output);
  if (g_variant_dict_lookup (options, "export-image", "x", &export_id))
    {
      const char *size = NULL;

      g_variant_dict_lookup (options, "size", "&s", &size);
      return rsb_cli_export_image (export_id, output, size);
    }
  if (g_variant_dict_lookup (options, "export-video", "x", &export_id))
    {
      const char *size = NULL, *duration = NULL;

      g_variant_dict_lookup (options, "size", "&s", &size);
      g_variant_dict_lookup (options, "duration", "&s", &duration);
      return rsb_cli_export_video (export_id, output, duration, size);
    }
  if (g_variant_dict_lookup (options, "export-playlist", "x", &export_id))
    return rsb_cli_export_playlist (export_id, output);
  if (g_variant_dict_lookup (options, "songs-for-cadence", "d", &cadence))
    return rsb_cli_songs_for_cadence (cadence, output);
  if (g_variant_dict_lookup (options, "connect", "&s", &service))
    return rsb_cli_connect (service, paths != NULL ? paths[0] : NULL);
  if (g_variant_dict_lookup (options, "disconnect", "&s", &service))
    return rsb_cli_disconnect (service);
  if (g_variant_dict_contains (options, "lookup-tempo"))
    return rsb_cli_lookup_tempo ((const char * const *) paths);
  if (g_variant_dict_contains (options, "sync"))
    return rsb_cli_sync (paths != NULL ? paths[0] : NULL);
  if (g_variant_dict_contains (options, "scan-music"))
    return rsb_cli_scan_music (paths);
  /* Bare paths open the window and import them there ("Open With"). */
  return -1;
}

void
rsb_cli_install (GApplication *app)
{
  g_application_add_main_option_entries (app, cli_entries);
  g_application_set_option_context_summary (app,
    _("See which song was playing at every point of your runs and rides.\n"
      "Without options, opens the window; PATH… given alone are imported there."));
  g_application_set_option_context_description (app,
    _("The library lives in $XDG_DATA_HOME/run-sous-bpm/library.db, or in\n"
      "$RSB_DATA_DIR/library.db when RSB_DATA_DIR is set.\n\n"
      "--list-activities, --export-segments (CSV, JSON) and --export-gpx are\n"
      "for other programs: always SI units (metres, seconds, km/h, seconds per\n"
      "km), whatever Preferences → General → Units says. The window follows\n"
      "that setting.\n\n"
      "--scan-music stores what it reads in the library, as Preferences → Music\n"
      "does, so the window shows those tempi; skipped files are named on the\n"
      "standard error with the reason."));
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options), NULL);
}
