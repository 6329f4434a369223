/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports as other programs read them: GPX back through our reader,
 * libxml2 and gpsbabel; segment CSV and JSON column by column. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "rsb-gpx-reader.h"
#include "rsb-gpx-writer.h"
#include "rsb-importer.h"
#include "rsb-segments-writer.h"
#include "rsb-test-dir.h"
#include "rsb-test-workout.h"

#define START_MS G_GINT64_CONSTANT (1790000000000)

static void
import_sample_file (RsbStore   *store,
                    const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RsbImportResult result = { 0 };

  g_assert_true (rsb_import_file (store, file, &result, NULL));
  g_assert_no_error (result.error);
  rsb_import_result_clear (&result);
}

/* NULL, and the test skipped, outside meson test. */
static RsbActivity *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  RsbActivity *activity;

  if (g_getenv ("RSB_SAMPLE_DIR") == NULL)
    {
      g_test_skip ("RSB_SAMPLE_DIR is not set: run through meson test");
      return NULL;
    }
  store = rsb_store_open_memory (&error);
  g_assert_no_error (error);
  import_sample_file (store, "Streaming_History_Audio_Sample.json");
  import_sample_file (store, "sample-run.gpx");
  activity = rsb_activity_load (store, 1, &error);
  g_assert_no_error (error);
  return activity;
}

static RsbPlay *
make_play (const char *title,
           const char *artists,
           gint64      start_ms,
           gint64      ms_played)
{
  RsbPlay *play = rsb_play_new ();

  play->track.title = g_strdup (title);
  play->track.artists = g_strdup (artists);
  play->track.uri = g_strdup ("spotify:track:\"><script>");
  play->start_ms = start_ms;
  play->end_ms = start_ms + ms_played;
  play->ms_played = ms_played;
  play->precision_ms = 1000;
  return play;
}

/* Six points a second apart, half a second off the whole second, with a
 * hostile song over the last four. */
static RsbActivity *
hostile_activity (void)
{
  RsbActivity *activity = g_new0 (RsbActivity, 1);
  RsbStreams *streams = rsb_streams_new (6);

  for (guint i = 0; i < 6; i++)
    {
      rsb_streams_ensure (streams, RSB_STREAM_TIME)[i] = i + 0.5;
      rsb_streams_ensure (streams, RSB_STREAM_LAT)[i] = 52.5 + i * 0.0001;
      rsb_streams_ensure (streams, RSB_STREAM_LON)[i] = 13.4;
      rsb_streams_ensure (streams, RSB_STREAM_DISTANCE)[i] = i * 11.1;
    }
  activity->info = rsb_activity_info_new ();
  activity->info->name = g_strdup ("Run </name> & <b>friends</b>");
  activity->info->start_ms = START_MS;
  activity->streams = streams;
  activity->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_ptr_array_add (activity->plays, make_play ("<b>\"Rock\" & 'Roll'</b>\x01]]>", "A&B",
                                               START_MS + 2000, 60000));
  activity->match = rsb_match_new (streams, START_MS, 0, activity->plays);
  return activity;
}

/* ---- GPX ---------------------------------------------------------------- */

static void
test_gpx_read_back (void)
{
  g_autoptr(RsbActivity) activity = load_sample ();
  g_auto(RsbTestWorkout) back = { NULL, };
  g_autofree char *gpx = NULL;
  const RsbStreams *a, *b;
  gsize length;

  if (activity == NULL)
    return;
  gpx = rsb_gpx_write (activity, &length);
  g_assert_cmpuint (strlen (gpx), ==, length);
  g_assert_true (rsb_test_workout_read_data (rsb_gpx_read, gpx, length, "export.gpx", &back));
  g_assert_no_error (back.error);

  a = activity->streams;
  b = back.streams;
  g_assert_cmpuint (b->n_points, ==, a->n_points);
  g_assert_cmpstr (back.info->name, ==, "Sunday Riverside Loop");
  g_assert_cmpstr (back.info->sport, ==, "run");
  g_assert_cmpint (back.info->start_ms, ==, activity->info->start_ms);
  for (guint i = 0; i < a->n_points; i++)
    {
      g_assert_cmpfloat_with_epsilon (b->columns[RSB_STREAM_LAT][i], a->columns[RSB_STREAM_LAT][i], 1e-7);
      g_assert_cmpfloat_with_epsilon (b->columns[RSB_STREAM_LON][i], a->columns[RSB_STREAM_LON][i], 1e-7);
      g_assert_cmpfloat (b->columns[RSB_STREAM_TIME][i], ==, a->columns[RSB_STREAM_TIME][i]);
      g_assert_cmpfloat_with_epsilon (b->columns[RSB_STREAM_ALTITUDE][i], a->columns[RSB_STREAM_ALTITUDE][i], 0.051);
      g_assert_cmpfloat (b->columns[RSB_STREAM_HEART_RATE][i], ==, a->columns[RSB_STREAM_HEART_RATE][i]);
      g_assert_cmpfloat (b->columns[RSB_STREAM_CADENCE][i], ==, a->columns[RSB_STREAM_CADENCE][i]);
    }
  g_assert_cmpfloat_with_epsilon (back.info->distance_m, activity->info->distance_m, 1.0);
}

static xmlDoc *
parse_gpx (const char *gpx,
           gsize       length)
{
  xmlDoc *doc = xmlReadMemory (gpx, (int) length, "export.gpx", "UTF-8", XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static xmlXPathObject *
select_nodes (xmlXPathContext *context,
              const char      *path)
{
  xmlXPathObject *result = xmlXPathEvalExpression ((const xmlChar *) path, context);

  g_assert_nonnull (result);
  return result;
}

static char *
child_text (xmlNode    *node,
            const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, name) == 0)
        {
          xmlChar *content = xmlNodeGetContent (child);
          char *text = g_strdup ((const char *) content);

          xmlFree (content);
          return text;
        }
    }
  return NULL;
}

static double
attribute_number (xmlNode    *node,
                  const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  double number = g_ascii_strtod ((const char *) value, NULL);

  xmlFree (value);
  return number;
}

static xmlXPathContext *
gpx_context (xmlDoc *doc)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);

  xmlXPathRegisterNs (context, (const xmlChar *) "g", (const xmlChar *) "http://www.topografix.com/GPX/1/1");
  return context;
}

/* One waypoint where each song starts on the road, at that moment. */
static void
test_gpx_waypoints (void)
{
  g_autoptr(RsbActivity) activity = load_sample ();
  g_autofree char *gpx = NULL;
  xmlDoc *doc;
  xmlXPathContext *context;
  xmlXPathObject *waypoints;
  guint w = 0;
  gsize length;

  if (activity == NULL)
    return;
  gpx = rsb_gpx_write (activity, &length);
  doc = parse_gpx (gpx, length);
  context = gpx_context (doc);
  waypoints = select_nodes (context, "/g:gpx/g:wpt");
  g_assert_cmpint (waypoints->nodesetval->nodeNr, ==, 12);

  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbSegment *segment = rsb_activity_segment (activity, i);
      const RsbPlay *play = rsb_activity_segment_play (activity, i);
      xmlNode *node;
      g_autofree char *name = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *time = NULL;
      g_autoptr(GDateTime) when = NULL;

      if (play == NULL)
        continue;
      node = waypoints->nodesetval->nodeTab[w++];
      name = child_text (node, "name");
      expected = g_strdup_printf ("%s – %s", play->track.artists, play->track.title);
      g_assert_cmpstr (name, ==, expected);
      time = child_text (node, "time");
      when = g_date_time_new_from_iso8601 (time, NULL);
      g_assert_cmpint (g_date_time_to_unix (when) * 1000, ==,
                       activity->info->start_ms + (gint64) (segment->start_s * 1000));
      g_assert_cmpfloat_with_epsilon (attribute_number (node, "lat"),
                                      activity->streams->columns[RSB_STREAM_LAT][segment->first_point], 1e-7);
      g_assert_cmpfloat_with_epsilon (attribute_number (node, "lon"),
                                      activity->streams->columns[RSB_STREAM_LON][segment->first_point], 1e-7);
    }
  /* "Runner's High Noon" went through the escaping and came back whole. */
  g_assert_nonnull (strstr (gpx, "<name>Lactic Acid Lovers – Runner&apos;s High Noon</name>"));

  xmlXPathFreeObject (waypoints);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
}

/* User text cannot break out of its element, and what XML 1.0 cannot
 * carry at all (control characters) is dropped rather than written. */
static void
test_gpx_hostile_names (void)
{
  g_autoptr(RsbActivity) activity = hostile_activity ();
  g_autofree char *gpx = NULL;
  g_autofree char *name = NULL;
  g_autofree char *time = NULL;
  xmlDoc *doc;
  xmlXPathContext *context;
  xmlXPathObject *nodes;
  gsize length;

  gpx = rsb_gpx_write (activity, &length);
  doc = parse_gpx (gpx, length);
  context = gpx_context (doc);

  nodes = select_nodes (context, "/g:gpx/g:wpt");
  g_assert_cmpint (nodes->nodesetval->nodeNr, ==, 1);
  name = child_text (nodes->nodesetval->nodeTab[0], "name");
  g_assert_cmpstr (name, ==, "A&B – <b>\"Rock\" & 'Roll'</b>]]>");
  /* The song starts at 2 s: the first point it covers is at 2.5 s. */
  time = child_text (nodes->nodesetval->nodeTab[0], "time");
  g_assert_cmpstr (time, ==, "2026-09-21T14:13:22.500Z");
  /* Not a Spotify id: no link rather than a mangled one. */
  g_assert_null (strstr (gpx, "<link"));
  xmlXPathFreeObject (nodes);

  nodes = select_nodes (context, "/g:gpx/g:trk/g:name");
  g_assert_cmpint (nodes->nodesetval->nodeNr, ==, 1);
  g_assert_cmpstr ((const char *) nodes->nodesetval->nodeTab[0]->children->content, ==,
                   "Run </name> & <b>friends</b>");
  xmlXPathFreeObject (nodes);

  nodes = select_nodes (context, "/g:gpx/g:trk/g:trkseg/g:trkpt");
  g_assert_cmpint (nodes->nodesetval->nodeNr, ==, 6);
  xmlXPathFreeObject (nodes);

  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
}

/* Points without a fix cannot be GPX track points; the rest stay. */
static void
test_gpx_without_positions (void)
{
  g_autoptr(RsbActivity) activity = hostile_activity ();
  g_auto(RsbTestWorkout) back = { NULL, };
  g_autofree char *gpx = NULL;
  gsize length;

  activity->streams->columns[RSB_STREAM_LAT][2] = NAN;
  gpx = rsb_gpx_write (activity, &length);
  g_assert_true (rsb_test_workout_read_data (rsb_gpx_read, gpx, length, "export.gpx", &back));
  g_assert_cmpuint (back.streams->n_points, ==, 5);
  /* Its song started on the missing point: the waypoint moves to the next. */
  g_assert_nonnull (strstr (gpx, "<time>2026-09-21T14:13:23.500Z</time>\n  <name>A&amp;B"));
}

/* ---- gpsbabel ------------------------------------------------------------ */

static char **
run_gpsbabel (const char *what,
              const char *path)
{
  const char *gpsbabel = g_getenv ("RSB_GPSBABEL");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              gpsbabel, what, "-i", "gpx", "-f", path, "-o", "unicsv", "-F", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* unicsv ends its lines the DOS way. */
  return g_strsplit (out, "\r\n", -1);
}

static void
test_gpsbabel (void)
{
  g_autoptr(RsbActivity) activity = load_sample ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *gpx = NULL;
  g_auto(GStrv) track = NULL;
  g_auto(GStrv) waypoints = NULL;
  gsize length;

  if (activity == NULL)
    return;
  if (g_getenv ("RSB_GPSBABEL") == NULL || *g_getenv ("RSB_GPSBABEL") == '\0')
    {
      g_test_skip ("gpsbabel is not installed");
      return;
    }
  dir = rsb_test_dir_new ("gpx-export");
  path = g_build_filename (dir, "sample.gpx", NULL);
  gpx = rsb_gpx_write (activity, &length);
  g_assert_true (g_file_set_contents (path, gpx, length, NULL));

  /* A header, every point, and the last newline. */
  track = run_gpsbabel ("-t", path);
  g_assert_cmpstr (track[0], ==, "No,Latitude,Longitude,Altitude,Heartrate,Cadence,Date,Time");
  g_assert_cmpuint (g_strv_length (track), ==, 1 + activity->streams->n_points + 1);
  g_assert_true (g_str_has_suffix (track[2], ",52.4,113,70,2026/10/18,08:30:01"));

  waypoints = run_gpsbabel ("-w", path);
  g_assert_cmpuint (g_strv_length (waypoints), ==, 1 + 12 + 1);
  g_assert_nonnull (strstr (waypoints[1], ",\"Cadence Collective – Warm-Up Lap\","));
  g_assert_nonnull (strstr (waypoints[1], ",2026/10/18,08:30:00,"));
  g_assert_nonnull (strstr (waypoints[7], ",\"Lactic Acid Lovers – Sweat Equity\","));
  g_assert_nonnull (strstr (waypoints[7], ",2026/10/18,08:52:35,"));
  g_assert_nonnull (strstr (waypoints[12], ",\"Cadence Collective – Cool-Down Cathedral\","));

  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* ---- segments --------------------------------------------------------- */

static char **
csv_row (char **lines,
         guint  i)
{
  char **fields = g_strsplit (lines[i], ",", -1);

  g_assert_cmpuint (g_strv_length (fields), ==, 25);
  return fields;
}

static void
test_segments_csv (void)
{
  g_autoptr(RsbActivity) activity = load_sample ();
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) sweat = NULL;
  g_auto(GStrv) quiet = NULL;
  g_auto(GStrv) skipped = NULL;
  gsize length;

  if (activity == NULL)
    return;
  csv = rsb_segments_write (activity, RSB_SEGMENTS_CSV, &length);
  g_assert_cmpuint (strlen (csv), ==, length);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "index,first_point,last_point,start_s,end_s,start_m,end_m,title,artist,album,uri,"
                   "heard_ms,skipped,moving_s,pace_s_per_km,speed_kmh,heart_rate,cadence_spm,cadence_rpm,"
                   "elevation_gain_m,bpm,bpm_source,cadence,in_step,step_verdict");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 13 + 1);

  sweat = csv_row (lines, 1 + 7);
  g_assert_cmpstr (sweat[7], ==, "Sweat Equity");
  g_assert_cmpstr (sweat[11], ==, "262500");
  g_assert_cmpstr (sweat[12], ==, "false");
  g_assert_cmpstr (sweat[13], ==, "220.0");
  g_assert_cmpstr (sweat[14], ==, "322.8");
  g_assert_cmpstr (sweat[15], ==, "11.2");
  g_assert_cmpstr (sweat[16], ==, "152.8");
  g_assert_cmpstr (sweat[17], ==, "172.4");
  g_assert_cmpstr (sweat[18], ==, "");
  g_assert_cmpstr (sweat[19], ==, "7.1");
  g_assert_cmpstr (sweat[20], ==, "");
  g_assert_cmpstr (sweat[21], ==, "");
  /* Cadence is told, but with no tempo there is no verdict. */
  g_assert_cmpstr (sweat[22], ==, "172.4");
  g_assert_cmpstr (sweat[23], ==, "");
  g_assert_cmpstr (sweat[24], ==, "");

  skipped = csv_row (lines, 1 + 3);
  g_assert_cmpstr (skipped[11], ==, "9731");
  g_assert_cmpstr (skipped[12], ==, "true");

  /* No music: empty song fields, the road's numbers still there. */
  quiet = csv_row (lines, 1 + 6);
  for (guint i = 7; i <= 12; i++)
    g_assert_cmpstr (quiet[i], ==, "");
  g_assert_cmpstr (quiet[13], ==, "217.0");
  g_assert_cmpstr (quiet[16], ==, "154.9");
}

static void
test_segments_json (void)
{
  g_autoptr(RsbActivity) activity = load_sample ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonArray *segments;
  JsonObject *sweat, *quiet, *skipped;
  gsize length;

  if (activity == NULL)
    return;
  json = rsb_segments_write (activity, RSB_SEGMENTS_JSON, &length);
  g_assert_true (json_parser_load_from_data (parser, json, length, &error));
  g_assert_no_error (error);
  segments = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (segments), ==, 13);

  sweat = json_array_get_object_element (segments, 7);
  g_assert_cmpuint (json_object_get_size (sweat), ==, 25);
  g_assert_cmpstr (json_object_get_string_member (sweat, "title"), ==, "Sweat Equity");
  g_assert_cmpint (json_object_get_int_member (sweat, "heard_ms"), ==, 262500);
  g_assert_false (json_object_get_boolean_member (sweat, "skipped"));
  g_assert_cmpfloat (json_object_get_double_member (sweat, "moving_s"), ==, 220);
  g_assert_cmpfloat (json_object_get_double_member (sweat, "pace_s_per_km"), ==, 322.8);
  g_assert_cmpfloat (json_object_get_double_member (sweat, "heart_rate"), ==, 152.8);
  g_assert_cmpfloat (json_object_get_double_member (sweat, "cadence_spm"), ==, 172.4);
  g_assert_true (json_object_get_null_member (sweat, "cadence_rpm"));
  g_assert_cmpfloat (json_object_get_double_member (sweat, "elevation_gain_m"), ==, 7.1);
  g_assert_true (json_object_get_null_member (sweat, "bpm"));
  g_assert_true (json_object_get_null_member (sweat, "in_step"));

  skipped = json_array_get_object_element (segments, 3);
  g_assert_true (json_object_get_boolean_member (skipped, "skipped"));

  quiet = json_array_get_object_element (segments, 6);
  g_assert_true (json_object_get_null_member (quiet, "title"));
  g_assert_true (json_object_get_null_member (quiet, "skipped"));
  g_assert_cmpfloat (json_object_get_double_member (quiet, "moving_s"), ==, 217);
}

/* A song whose tempo is known: its BPM, where it came from, and
 * whether the runner's 172.4 steps/min were in step with it (86.2 BPM
 * doubled is exactly in step; 80 BPM, 7 % off the doubled beat, not). */
static void
test_segments_tempo (void)
{
  g_autoptr(RsbActivity) activity = load_sample ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *off_json = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) sweat_row = NULL;
  RsbPlay *play;
  JsonObject *sweat;
  gsize length;

  if (activity == NULL)
    return;
  play = (RsbPlay *) rsb_activity_segment_play (activity, 7);
  play->track.bpm = 86.2;
  play->track.bpm_source = RSB_TEMPO_SOURCE_DEEZER;
  json = rsb_segments_write (activity, RSB_SEGMENTS_JSON, &length);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  sweat = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 7);
  g_assert_cmpfloat (json_object_get_double_member (sweat, "bpm"), ==, 86.2);
  g_assert_cmpstr (json_object_get_string_member (sweat, "bpm_source"), ==, "deezer");
  g_assert_cmpfloat (json_object_get_double_member (sweat, "cadence"), ==, 172.4);
  g_assert_true (json_object_get_boolean_member (sweat, "in_step"));
  g_assert_cmpstr (json_object_get_string_member (sweat, "step_verdict"), ==, "in_step");

  csv = rsb_segments_write (activity, RSB_SEGMENTS_CSV, &length);
  lines = g_strsplit (csv, "\n", -1);
  sweat_row = csv_row (lines, 1 + 7);
  g_assert_cmpstr (sweat_row[20], ==, "86.2");
  g_assert_cmpstr (sweat_row[21], ==, "deezer");
  g_assert_cmpstr (sweat_row[23], ==, "true");

  play->track.bpm = 80;
  off_json = rsb_segments_write (activity, RSB_SEGMENTS_JSON, &length);
  g_assert_true (json_parser_load_from_data (parser, off_json, -1, &error));
  sweat = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 7);
  g_assert_false (json_object_get_boolean_member (sweat, "in_step"));
  g_assert_cmpstr (json_object_get_string_member (sweat, "step_verdict"), ==, "off");
}

/* Quotes, newlines, control characters and broken UTF-8 in a title. */
static void
test_segments_hostile (void)
{
  g_autoptr(RsbActivity) activity = hostile_activity ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  RsbPlay *play = g_ptr_array_index (activity->plays, 0);
  JsonObject *song;
  gsize length;

  g_free (play->track.title);
  play->track.title = g_strdup ("Comma, \"Quote\"\nNew\tline \xff");
  csv = rsb_segments_write (activity, RSB_SEGMENTS_CSV, &length);
  g_assert_nonnull (strstr (csv, ",\"Comma, \"\"Quote\"\"\nNew\tline \xef\xbf\xbd\",A&B,,"));

  json = rsb_segments_write (activity, RSB_SEGMENTS_JSON, &length);
  g_assert_true (json_parser_load_from_data (parser, json, length, &error));
  g_assert_no_error (error);
  song = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);
  g_assert_cmpstr (json_object_get_string_member (song, "title"), ==, "Comma, \"Quote\"\nNew\tline \xef\xbf\xbd");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/gpx/read-back", test_gpx_read_back);
  g_test_add_func ("/export/gpx/waypoints", test_gpx_waypoints);
  g_test_add_func ("/export/gpx/hostile-names", test_gpx_hostile_names);
  g_test_add_func ("/export/gpx/without-positions", test_gpx_without_positions);
  g_test_add_func ("/export/gpx/gpsbabel", test_gpsbabel);
  g_test_add_func ("/export/segments/csv", test_segments_csv);
  g_test_add_func ("/export/segments/json", test_segments_json);
  g_test_add_func ("/export/segments/tempo", test_segments_tempo);
  g_test_add_func ("/export/segments/hostile", test_segments_hostile);

  return g_test_run ();
}
