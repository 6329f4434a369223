/* rsb-cli.c: the commands that work without a display (over SSH, in
 * scripts). They run from handle-local-options, before GTK starts. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "rsb-cli.h"
#include "rsb-activity.h"
#include "rsb-format.h"
#include "rsb-import-job.h"

#define EXIT_USAGE 2

static const GOptionEntry cli_entries[] = {
  { "import", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Import the workout and listening-history files or folders given as PATH… and exit"), NULL },
  { "list-activities", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the activities in the library as tab-separated rows and exit"), NULL },
  { "export-segments", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Print the song segments of activity ID and exit"), N_("ID") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Output format of --export-segments: csv (default) or json"), N_("csv|json") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[PATH…]") },
  { NULL }
};

static RsbStore *
open_library (void)
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
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "[%u/%u] %s: added %u play\n",
                              "[%u/%u] %s: added %u plays\n", result->n_plays),
                 done, found, result->display_name, result->n_plays);
      break;
    case RSB_IMPORT_DUPLICATE:
      g_print (_("[%u/%u] %s: already in the library, nothing added\n"),
               done, found, result->display_name);
      break;
    case RSB_IMPORT_FAILED:
    default:
      g_printerr (_("[%u/%u] %s: failed: %s\n"),
                  done, found, result->display_name, result->error->message);
      break;
    }
  if (result->note != NULL)
    g_print ("        %s\n", result->note);
}

static void
print_import_summary (const RsbImportTotals *totals)
{
  g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity", "%u activities", totals->activities), totals->activities);
  g_autofree char *p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u play", "%u plays", totals->plays), totals->plays);
  g_autofree char *f = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", totals->sources), totals->sources);

  /* Translators: "Imported 1 activity and 13 plays from 2 files; 0 failed" */
  g_print (_("Imported %s and %s from %s; %u failed\n"), a, p, f, totals->failed);
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
  g_autoptr(RsbStore) store = open_library ();
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

/* RFC 4180: quote when needed, double the quotes inside. */
static void
append_csv_field (GString    *line,
                  const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *c);
    }
  g_string_append_c (line, '"');
}

static void
print_segments_csv (const RsbActivity *activity)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_print ("index,first_point,last_point,start_s,end_s,start_m,end_m,title,artist,album,uri\n");
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbSegment *seg = rsb_activity_segment (activity, i);
      const RsbPlay *play = rsb_activity_segment_play (activity, i);

      g_string_printf (line, "%u,%u,%u,%.1f,%.1f,%.1f,%.1f,",
                       seg->index, seg->first_point, seg->last_point,
                       seg->start_s, seg->end_s, seg->start_m, seg->end_m);
      append_csv_field (line, play ? play->track.title : NULL);
      g_string_append_c (line, ',');
      append_csv_field (line, play ? play->track.artists : NULL);
      g_string_append_c (line, ',');
      append_csv_field (line, play ? play->track.album : NULL);
      g_string_append_c (line, ',');
      append_csv_field (line, play ? play->track.uri : NULL);
      g_print ("%s\n", line->str);
    }
}

static void
add_json_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_json_number (JsonBuilder *builder,
                 const char  *name,
                 double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, round (value * 10) / 10);
}

static void
add_json_segment (JsonBuilder       *builder,
                  const RsbActivity *activity,
                  guint              i)
{
  const RsbSegment *seg = rsb_activity_segment (activity, i);
  const RsbPlay *play = rsb_activity_segment_play (activity, i);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, seg->index);
  json_builder_set_member_name (builder, "first_point");
  json_builder_add_int_value (builder, seg->first_point);
  json_builder_set_member_name (builder, "last_point");
  json_builder_add_int_value (builder, seg->last_point);
  add_json_number (builder, "start_s", seg->start_s);
  add_json_number (builder, "end_s", seg->end_s);
  add_json_number (builder, "start_m", seg->start_m);
  add_json_number (builder, "end_m", seg->end_m);
  add_json_string (builder, "title", play ? play->track.title : NULL);
  add_json_string (builder, "artist", play ? play->track.artists : NULL);
  add_json_string (builder, "album", play ? play->track.album : NULL);
  add_json_string (builder, "uri", play ? play->track.uri : NULL);
  json_builder_end_object (builder);
}

static void
print_segments_json (const RsbActivity *activity)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    add_json_segment (builder, activity, i);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
run_export_segments (gint64      id,
                     const char *format)
{
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GError) error = NULL;

  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      g_printerr (_("Unknown format “%s”: use csv or json\n"), format);
      return EXIT_USAGE;
    }
  if ((store = open_library ()) == NULL)
    return EXIT_FAILURE;
  if ((activity = rsb_activity_load (store, id, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (g_strcmp0 (format, "json") == 0)
    print_segments_json (activity);
  else
    print_segments_csv (activity);
  return EXIT_SUCCESS;
}

static int
handle_local_options (GApplication *app,
                      GVariantDict *options,
                      gpointer      user_data)
{
  g_autofree const char **paths = NULL;
  const char *format = NULL;
  gint64 export_id = 0;

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
  if (g_variant_dict_lookup (options, "export-segments", "x", &export_id))
    {
      g_variant_dict_lookup (options, "format", "&s", &format);
      return run_export_segments (export_id, format);
    }
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
      "$RSB_DATA_DIR/library.db when RSB_DATA_DIR is set."));
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options), NULL);
}
