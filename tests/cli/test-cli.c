/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line as a script over SSH uses it: no display, a private
 * library, exact output formats. */
#include "rsb-test-dir.h"
#include "rsb-test-runs.h"
#include <json-glib/json-glib.h>

typedef struct {
  char *dir;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("cli");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_dir_remove (f->dir);
}

/* Runs run-sous-bpm with args, without any display, in language (NULL:
 * English) with the catalogues this build compiled. */
static void
run_app_in (Fixture            *f,
            Run                *run,
            const char         *language,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "RSB_DATA_DIR", f->dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_ptr_array_add (argv, (char *) g_getenv ("RSB_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_app (Fixture            *f,
         Run                *run,
         const char * const *args)
{
  run_app_in (f, run, NULL, args);
}

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), name, NULL);
}

static void
import_sample (Fixture *f)
{
  g_autofree char *gpx = sample_path ("sample-run.gpx");
  g_autofree char *history = sample_path ("Streaming_History_Audio_Sample.json");
  g_auto(Run) run = { 0 };

  run_app (f, &run, (const char *[]) { "--import", gpx, history, NULL });
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_import_progress (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *gpx = sample_path ("sample-run.gpx");
  g_autofree char *history = sample_path ("Streaming_History_Audio_Sample.json");
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(GStrv) lines = NULL;

  run_app (f, &run, (const char *[]) { "--import", gpx, history, NULL });
  g_assert_cmpint (run.status, ==, 0);
  /* Files land in the order they finish, workouts being parsed on
   * every core: one line each, then the summary. */
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_strv_contains ((const char * const *) lines, "[1/2] sample-run.gpx: added an activity") ||
                 g_strv_contains ((const char * const *) lines, "[2/2] sample-run.gpx: added an activity"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "[1/2] Streaming_History_Audio_Sample.json: added 13 plays") ||
                 g_strv_contains ((const char * const *) lines, "[2/2] Streaming_History_Audio_Sample.json: added 13 plays"));
  g_assert_cmpstr (lines[2], ==, "Imported 1 activity and 13 plays from 2 files; 0 failed");
  g_assert_true (g_file_test (f->dir, G_FILE_TEST_IS_DIR));

  run_app (f, &again, (const char *[]) { "--import", gpx, NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (g_str_has_prefix (again.out, "[1/1] sample-run.gpx: already in the library"));
}

static void
test_import_failure (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *gpx = sample_path ("sample-run.gpx");
  g_autofree char *broken = g_build_filename (f->dir, "broken.gpx", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (broken, "<gpx><trk><trkseg><trkpt lat=\"1\" lon=", -1, NULL));
  run_app (f, &run, (const char *[]) { "--import", broken, gpx, NULL });
  /* One bad file fails the command but not the others. */
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "] broken.gpx: failed: “broken.gpx”"));
  g_assert_nonnull (strstr (run.out, "] sample-run.gpx: added an activity"));
  g_assert_nonnull (strstr (run.out, "; 1 failed"));
}

static char *
write_recording (Fixture    *f,
                 const char *name,
                 gboolean    heart_rate)
{
  g_autofree char *text = rsb_test_run_recording (5, heart_rate);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Two files of one workout, the second with heart rate: the summary
 * tells under its line that it replaced the first, and why; the first
 * again adds nothing. The other way round, it says which was kept. */
static void
test_import_richer_recording (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *plain = write_recording (f, "plain.gpx", FALSE);
  g_autofree char *with_hr = write_recording (f, "hr.gpx", TRUE);
  g_auto(Run) first = { 0 };
  g_auto(Run) richer = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) richer_first = { 0 };
  g_auto(Run) poorer = { 0 };

  run_app (f, &first, (const char *[]) { "--import", plain, NULL });
  g_assert_cmpint (first.status, ==, 0);
  run_app (f, &richer, (const char *[]) { "--import", with_hr, NULL });
  g_assert_cmpint (richer.status, ==, 0);
  g_assert_cmpstr (richer.out, ==,
                   "[1/1] hr.gpx: replaced a poorer recording of the same workout\n"
                   "        “hr.gpx” replaced “plain.gpx”: it has heart rate\n"
                   "Imported 0 activities and 0 plays from 1 file; 1 replaced by a richer recording; 0 failed\n");

  run_app (f, &again, (const char *[]) { "--import", plain, NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (g_str_has_prefix (again.out, "[1/1] plain.gpx: already in the library, nothing added\n"));

  /* A fresh library, the richer first. */
  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  g_free (plain);
  g_free (with_hr);
  plain = write_recording (f, "plain.gpx", FALSE);
  with_hr = write_recording (f, "hr.gpx", TRUE);
  run_app (f, &richer_first, (const char *[]) { "--import", with_hr, NULL });
  g_assert_cmpint (richer_first.status, ==, 0);
  run_app (f, &poorer, (const char *[]) { "--import", plain, NULL });
  g_assert_cmpint (poorer.status, ==, 0);
  g_assert_cmpstr (poorer.out, ==,
                   "[1/1] plain.gpx: already in the library, nothing added\n"
                   "        “plain.gpx” is the same workout as “hr.gpx”, which has heart rate: kept “hr.gpx”\n"
                   "Imported 0 activities and 0 plays from 1 file; 0 failed\n");
}

static void
test_list_activities (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  import_sample (f);
  run_app (f, &run, (const char *[]) { "--list-activities", NULL });
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "id\tstart\tname\tpoints\tsongs\tcoverage");
  fields = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 6);
  g_assert_cmpstr (fields[0], ==, "1");
  g_assert_cmpstr (fields[1], ==, "2026-10-18T08:30:00Z");
  g_assert_cmpstr (fields[2], ==, "Sunday Riverside Loop");
  g_assert_cmpstr (fields[3], ==, "2701");
  g_assert_cmpstr (fields[4], ==, "12");
  /* About 3.5 of 45 minutes had no music. */
  g_assert_cmpfloat (g_ascii_strtod (fields[5], NULL), >, 0.9);
  g_assert_cmpfloat (g_ascii_strtod (fields[5], NULL), <, 0.95);
  g_assert_cmpstr (lines[2], ==, "");
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;
  guint no_music = 0;

  import_sample (f);
  run_app (f, &run, (const char *[]) { "--export-segments", "1", "--format", "csv", NULL });
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "index,first_point,last_point,start_s,end_s,start_m,end_m,title,artist,album,uri,"
                   "heard_ms,skipped,moving_s,pace_s_per_km,speed_kmh,heart_rate,cadence_spm,cadence_rpm,"
                   "elevation_gain_m,bpm,bpm_source,cadence,in_step,step_verdict");
  /* 12 songs and one stretch without music, then the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 13 + 1);
  first = g_strsplit (lines[1], ",", -1);
  g_assert_cmpstr (first[0], ==, "0");
  g_assert_cmpstr (first[1], ==, "0");
  g_assert_cmpstr (first[3], ==, "0.0");
  g_assert_cmpstr (first[7], ==, "Warm-Up Lap");
  g_assert_cmpstr (first[8], ==, "Cadence Collective");
  g_assert_true (g_str_has_prefix (first[10], "spotify:track:"));
  /* The card's stats: heard in full, 5:12 a km at 175 steps a minute. */
  g_assert_cmpstr (first[11], ==, "238300");
  g_assert_cmpstr (first[12], ==, "false");
  g_assert_cmpstr (first[14], ==, "311.6");
  g_assert_cmpstr (first[17], ==, "174.8");
  /* Song fields and heard/skipped empty; the road's numbers follow. */
  for (guint i = 1; lines[i] && *lines[i]; i++)
    no_music += strstr (lines[i], ",,,,,,,") != NULL;
  g_assert_cmpuint (no_music, ==, 1);
}

static void
test_export_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *segments;
  JsonObject *last;

  import_sample (f);
  run_app (f, &run, (const char *[]) { "--export-segments", "1", "--format", "json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  segments = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (segments), ==, 13);
  last = json_array_get_object_element (segments, 12);
  g_assert_cmpint (json_object_get_int_member (last, "index"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (last, "last_point"), ==, 2700);
  g_assert_cmpstr (json_object_get_string_member (last, "title"), ==, "Cool-Down Cathedral");
  g_assert_cmpfloat (json_object_get_double_member (last, "end_s"), ==, 2700);
  g_assert_cmpfloat (json_object_get_double_member (last, "heart_rate"), ==, 160.8);
  g_assert_true (json_object_get_null_member (last, "bpm"));
}

/* -o writes the file and nothing to the standard output. */
static void
test_export_output_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "songs.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "missing", "songs.json", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) failed = { 0 };

  import_sample (f);
  run_app (f, &run, (const char *[]) { "--export-segments", "1", "--format", "json", "-o", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "[\n  {\n    \"index\": 0,"));

  run_app (f, &failed, (const char *[]) { "--export-segments", "1", "--output", bad, NULL });
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_nonnull (strstr (failed.err, bad));
}

static void
test_export_gpx (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "run.gpx", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) out = { 0 };
  g_auto(Run) file = { 0 };
  g_auto(Run) missing = { 0 };

  import_sample (f);
  run_app (f, &out, (const char *[]) { "--export-gpx", "1", NULL });
  g_assert_cmpint (out.status, ==, 0);
  g_assert_true (g_str_has_prefix (out.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\""));
  g_assert_true (g_str_has_suffix (out.out, "</gpx>\n"));
  g_assert_nonnull (strstr (out.out, "<name>Cadence Collective – Warm-Up Lap</name>"));
  g_assert_nonnull (strstr (out.out, "<gpxtpx:hr>113</gpxtpx:hr><gpxtpx:cad>70</gpxtpx:cad>"));

  run_app (f, &file, (const char *[]) { "--export-gpx", "1", "-o", path, NULL });
  g_assert_cmpint (file.status, ==, 0);
  g_assert_cmpstr (file.out, ==, "");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, out.out);

  run_app (f, &missing, (const char *[]) { "--export-gpx", "42", NULL });
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "42"));
  g_assert_cmpstr (missing.out, ==, "");
}

static void
test_hostile_names (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *gpx = sample_path ("sample-run.gpx");
  g_autofree char *history = g_build_filename (f->dir, "Streaming_History_Audio_Hostile.json", NULL);
  g_auto(Run) imported = { 0 };
  g_auto(Run) run = { 0 };
  const char *json =
    "[{\"ts\":\"2026-10-18T08:35:00Z\",\"ms_played\":200000,"
    "\"master_metadata_track_name\":\"Comma, \\\"Quote\\\"\\nNewline <b>bold</b>\","
    "\"master_metadata_album_artist_name\":\"Tab\\tArtist\","
    "\"master_metadata_album_album_name\":\"Album\","
    "\"spotify_track_uri\":\"spotify:track:hostile\"}]";

  g_assert_true (g_file_set_contents (history, json, -1, NULL));
  run_app (f, &imported, (const char *[]) { "--import", gpx, history, NULL });
  g_assert_cmpint (imported.status, ==, 0);
  run_app (f, &run, (const char *[]) { "--export-segments", "1", NULL });
  g_assert_cmpint (run.status, ==, 0);
  /* RFC 4180: the field is quoted, quotes doubled, the newline kept inside. */
  g_assert_nonnull (strstr (run.out, ",\"Comma, \"\"Quote\"\"\nNewline <b>bold</b>\",Tab\tArtist,Album,spotify:track:hostile,200000,"));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) format = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) bare = { 0 };
  g_auto(Run) help = { 0 };

  run_app (f, &format, (const char *[]) { "--export-segments", "1", "--format", "xml", NULL });
  g_assert_cmpint (format.status, ==, 2);
  g_assert_nonnull (strstr (format.err, "xml"));

  run_app (f, &missing, (const char *[]) { "--export-segments", "99", NULL });
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "99"));

  run_app (f, &bare, (const char *[]) { "--import", NULL });
  g_assert_cmpint (bare.status, ==, 2);

  run_app (f, &help, (const char *[]) { "--help", NULL });
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--list-activities"));
  g_assert_nonnull (strstr (help.out, "--export-segments=ID"));
  g_assert_nonnull (strstr (help.out, "--export-gpx=ID"));
  g_assert_nonnull (strstr (help.out, "-o, --output=FILE"));
  g_assert_nonnull (strstr (help.out, "--sample"));
  /* Machine-readable outputs keep SI units, and --help says so. */
  g_assert_nonnull (strstr (help.out, "always SI units"));
}

/* --help and an import's summary in German and Spanish: options,
 * placeholders and counts with their plural forms. */
static void
test_translated (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *gpx = sample_path ("sample-run.gpx");
  g_autofree char *history = sample_path ("Streaming_History_Audio_Sample.json");
  g_auto(Run) de_help = { 0 };
  g_auto(Run) es_help = { 0 };
  g_auto(Run) de_import = { 0 };
  g_auto(Run) es_import = { 0 };

  run_app_in (f, &de_help, "de", (const char *[]) { "--help", NULL });
  g_assert_cmpint (de_help.status, ==, 0);
  g_assert_nonnull (strstr (de_help.out, "-o, --output=DATEI"));
  g_assert_nonnull (strstr (de_help.out, "Die Version ausgeben und beenden"));
  g_assert_nonnull (strstr (de_help.out, "Sieh, welcher Song an jedem Punkt deiner Läufe"));
  g_assert_null (strstr (de_help.out, "and exit"));

  run_app_in (f, &es_help, "es", (const char *[]) { "--help", NULL });
  g_assert_cmpint (es_help.status, ==, 0);
  g_assert_nonnull (strstr (es_help.out, "-o, --output=ARCHIVO"));
  g_assert_nonnull (strstr (es_help.out, "Mostrar la versión y salir"));
  g_assert_null (strstr (es_help.out, "and exit"));

  /* One activity, many plays, two files: singular and plural forms. */
  run_app_in (f, &de_import, "de", (const char *[]) { "--import", gpx, history, NULL });
  g_assert_cmpint (de_import.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^1 Aktivität und [0-9]+ Wiedergaben aus 2 Dateien importiert; "
                                       "0 fehlgeschlagen$", de_import.out, G_REGEX_MULTILINE, 0));
  run_app_in (f, &es_import, "es", (const char *[]) { "--import", gpx, history, NULL });
  g_assert_cmpint (es_import.status, ==, 0);
  g_assert_nonnull (strstr (es_import.out, "ya está en la biblioteca, no se añadió nada"));
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/cli/import-progress", test_import_progress);
  ADD ("/cli/import-failure", test_import_failure);
  ADD ("/cli/import-richer-recording", test_import_richer_recording);
  ADD ("/cli/list-activities", test_list_activities);
  ADD ("/cli/export-csv", test_export_csv);
  ADD ("/cli/export-json", test_export_json);
  ADD ("/cli/export-output-file", test_export_output_file);
  ADD ("/cli/export-gpx", test_export_gpx);
  ADD ("/cli/hostile-names", test_hostile_names);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/translated", test_translated);

  return g_test_run ();
}
