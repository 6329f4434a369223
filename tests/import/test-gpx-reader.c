/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the GPX reader, on the shared real-world files and on small
 * documents written here for the cases those files do not cover. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rsb-gpx-reader.h"
#include "rsb-import-error.h"
#include "rsb-test-dir.h"
#include "rsb-test-workout.h"
#include "rsb-test-xxe.h"

#define GPX11_OPEN \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\"\n" \
  "     xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\"\n" \
  "     xmlns:ns3=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v2\">\n"

/* ---- shared files ------------------------------------------------------ */

static void
test_cerknicko (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "cerknicko-jezero.gpx");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_gpx_read, path, &result));
  g_assert_no_error (result.error);

  /* Seven non-empty segments in six tracks; the first track is empty. */
  g_assert_cmpuint (result.streams->n_points, ==, 296);
  g_assert_cmpuint (result.info->n_points, ==, 296);
  g_assert_cmpstr (result.info->name, ==, "ACTIVE LOG #2");
  g_assert_null (result.info->sport);
  g_assert_cmpstr (result.info->file_name, ==, "cerknicko-jezero.gpx");
  g_assert_null (result.info->source);
  g_assert_null (result.info->source_id);

  /* 2010-08-05T14:23:59Z to 16:23:49Z */
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1281018239000));
  g_assert_cmpfloat (result.info->elapsed_s, ==, 7190.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 0), ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_TIME), ==, 7190.0);
  /* The 15:05:08 -> 15:11:36 gap between the first two segments stays. */
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 173) -
                     rsb_test_workout_column (&result, RSB_STREAM_TIME, 172), ==, 388.0);
  g_assert_cmpfloat (result.info->moving_s, >, 0.0);
  g_assert_cmpfloat (result.info->moving_s, <, result.info->elapsed_s);

  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0), 45.772175035, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LON, 0), 14.357659249, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_last (&result, RSB_STREAM_LAT), 45.790873384, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_last (&result, RSB_STREAM_LON), 14.304442042, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_last (&result, RSB_STREAM_ALTITUDE), 562.508545, 1e-6);

  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 13665.0, 0.5);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_DISTANCE), ==, result.info->distance_m);
  g_assert_cmpfloat_with_epsilon (result.info->min_lat, 45.744161373, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->max_lat, 45.791722974, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->min_lon, 14.304350847, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->max_lon, 14.367124261, 1e-9);

  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_HEART_RATE));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_CADENCE));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_SPEED));
}

/* Only 5 of its 296 points keep a time: it is a route, not 5 points. */
static void
test_without_times (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "cerknicko-without-times.gpx");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_gpx_read, path, &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 296);
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_TIME));
  g_assert_true (rsb_streams_has_route (result.streams));
  g_assert_false (rsb_activity_info_has_times (result.info));
  g_assert_cmpint (result.info->start_ms, ==, RSB_NO_TIME);
  g_assert_cmpfloat (result.info->elapsed_s, ==, 0.0);
  g_assert_cmpfloat (result.info->moving_s, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 13665.0, 0.5);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0), 45.772175035, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_last (&result, RSB_STREAM_LON), 14.304442042, 1e-9);
}

static void
test_empty_segment (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "track-with-empty-segment.gpx");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_gpx_read, path, &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 9);
  g_assert_cmpstr (result.info->name, ==, "2013-07-06T14:59:00Z");
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1373131586000));
  g_assert_cmpfloat (result.info->elapsed_s, ==, 76.0);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_TIME), ==, 76.0);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 0), 191.5999756, 1e-6);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_last (&result, RSB_STREAM_LAT), 50.7776715, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_last (&result, RSB_STREAM_LON), 6.0827203, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 85.853, 0.01);
}

/* A GPX 1.0 file whose track wins over its two routes; its times have
 * no zone and are read as UTC. */
static void
test_gpx10 (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "gpx1.0_with_all_fields.gpx");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_gpx_read, path, &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 1);
  g_assert_cmpstr (result.info->name, ==, "example name t");
  /* 2013-01-01T12:00:04 */
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1357041604000));
  g_assert_cmpfloat (result.info->elapsed_s, ==, 0.0);
  g_assert_cmpfloat (result.info->distance_m, ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0), ==, 10.1);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_LON, 0), ==, -20.2);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 0), ==, 11.1);
  /* The file has no heart rate, cadence or speed anywhere. */
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_HEART_RATE));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_CADENCE));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_SPEED));
}

static void
assert_waypoints_only (const char *name)
{
  g_autofree char *path = rsb_test_shared_file ("activities", name);
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  if (path == NULL)
    return;

  ok = rsb_test_workout_read_path (rsb_gpx_read, path, &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_NO_DATA, name);
  g_assert_nonnull (strstr (result.error->message, "waypoints"));
}

/* Also proves the BOM and the missing namespace are read fine. */
static void
test_unicode_bom (void)
{
  assert_waypoints_only ("unicode_with_bom.gpx");
}

static void
test_garmin_extension_waypoint (void)
{
  assert_waypoints_only ("gpx_with_garmin_extension.gpx");
}

/* An interrupted copy keeps the points before the cut. */
static void
test_truncated (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "cerknicko-jezero.gpx");
  g_autofree char *contents = NULL;
  gsize length;

  if (path == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  rsb_test_workout_check_cuts (rsb_gpx_read, contents, length, "cerknicko-truncated.gpx", "</trkpt>");
}

/* ---- documents written here ------------------------------------------- */

/* Ten entities of ten references each, nine deep: a billion "lol"s. A
 * long comment before the reference makes libxml2 hand over the DTD
 * before it meets the reference; without it libxml2 meets it first. */
static char *
billion_laughs (gboolean late_reference)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n"
                                         "  <!ENTITY lol0 \"lol\">\n");

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (xml, "  <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (xml, "&lol%d;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<gpx version=\"1.1\">");
  if (late_reference)
    {
      g_string_append (xml, "<!-- ");
      for (int i = 0; i < 2000; i++)
        g_string_append (xml, "padding ");
      g_string_append (xml, "-->");
    }
  g_string_append (xml, "<trk><name>&lol9;</name><trkseg>"
                        "<trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>\n");
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static void
assert_laughs_refused (gboolean late_reference)
{
  g_autofree char *xml = billion_laughs (late_reference);
  g_auto(RsbTestWorkout) result = { NULL, };
  gint64 started;
  gboolean ok;

  started = g_get_monotonic_time ();
  ok = rsb_test_workout_read_text (rsb_gpx_read, xml, "laughs.gpx", &result);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, "laughs.gpx");
  g_assert_nonnull (strstr (result.error->message, "entities"));
}

static void
test_billion_laughs (void)
{
  assert_laughs_refused (FALSE);
  assert_laughs_refused (TRUE);
}

/* ---- external entities -------------------------------------------------- */

static char *
gpx_with_doctype (const char *doctype,
                  const char *reference)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n%s\n"
                          "<gpx version=\"1.1\" creator=\"test\"><metadata><name>%s</name></metadata>"
                          "<trk><name>%s</name><type>%s</type><trkseg>"
                          "<trkpt lat=\"46.05\" lon=\"14.5\"><time>2021-05-01T08:00:00Z</time></trkpt>"
                          "</trkseg></trk></gpx>\n",
                          doctype, reference, reference, reference);
}

static void
test_external_entities (void)
{
  const RsbTestXmlFormat gpx = { "gpx", "xxe.gpx", rsb_gpx_read, gpx_with_doctype };

  rsb_test_assert_external_entities_ignored (&gpx);
}

/* Segments written out of time order are joined in time order, and the
 * gap between them stays in the time column as a pause. */
static void
test_segments_sorted_with_gap (void)
{
  const char *xml = GPX11_OPEN
    "<trk><name>Two laps</name><type>running</type>\n"
    "<trkseg>\n"
    " <trkpt lat=\"46.0010\" lon=\"14.0\"><time>2021-05-01T08:10:00Z</time></trkpt>\n"
    " <trkpt lat=\"46.0011\" lon=\"14.0\"><time>2021-05-01T08:10:05Z</time></trkpt>\n"
    "</trkseg>\n"
    "<trkseg>\n"
    " <trkpt lat=\"46.0000\" lon=\"14.0\"><time>2021-05-01T08:00:00Z</time></trkpt>\n"
    " <trkpt lat=\"46.0001\" lon=\"14.0\"><time>2021-05-01T08:00:05Z</time></trkpt>\n"
    "</trkseg>\n"
    "<trkseg></trkseg>\n"
    "</trk></gpx>\n";
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_gpx_read, xml, "laps.gpx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 4);
  g_assert_cmpstr (result.info->name, ==, "Two laps");
  g_assert_cmpstr (result.info->sport, ==, "run");
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1619856000000));

  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 0), ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 1), ==, 5.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 2), ==, 600.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 3), ==, 605.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0), ==, 46.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_LAT, 2), ==, 46.001);
  g_assert_cmpfloat (result.info->elapsed_s, ==, 605.0);
  /* 11 m in 5 s, twice; the ten-minute pause is not moving time. */
  g_assert_cmpfloat (result.info->moving_s, ==, 10.0);
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_ALTITUDE));
}

static void
test_garmin_extensions (void)
{
  const char *xml = GPX11_OPEN
    "<trk><type>Cycling</type><trkseg>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"><ele>300</ele><time>2021-05-01T08:00:00Z</time>\n"
    "  <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>120</gpxtpx:hr>"
    "<gpxtpx:cad>80</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>\n"
    " <trkpt lat=\"46.0001\" lon=\"14.0\"><time>2021-05-01T08:00:01Z</time>\n"
    "  <extensions><ns3:TrackPointExtension><ns3:hr>121</ns3:hr><ns3:cad>82</ns3:cad>"
    "<ns3:speed>4.5</ns3:speed></ns3:TrackPointExtension></extensions></trkpt>\n"
    " <trkpt lat=\"46.0002\" lon=\"14.0\"><time>2021-05-01T08:00:02Z</time>\n"
    "  <extensions><tp1:TrackPointExtension xmlns:tp1=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">"
    "<tp1:hr>122</tp1:hr></tp1:TrackPointExtension></extensions></trkpt>\n"
    " <trkpt lat=\"46.0003\" lon=\"14.0\"><time>2021-05-01T08:00:03Z</time>\n"
    "  <extensions><hr>999</hr><other><hr>999</hr></other></extensions></trkpt>\n"
    "</trkseg></trk></gpx>\n";
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_gpx_read, xml, "ride.gpx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 4);
  g_assert_cmpstr (result.info->sport, ==, "ride");
  /* No name anywhere: the file name without its extension. */
  g_assert_cmpstr (result.info->name, ==, "ride");

  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 0), ==, 120.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 1), ==, 121.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 2), ==, 122.0);
  /* hr outside a TrackPointExtension is not Garmin's. */
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 3)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 0), ==, 80.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 1), ==, 82.0);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 2)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 1), ==, 4.5);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 0)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 0), ==, 300.0);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 1)));
}

static void
test_gpx10_speed (void)
{
  const char *xml =
    "<gpx version=\"1.0\" xmlns=\"http://www.topografix.com/GPX/1/0\">\n"
    "<name>Evening walk</name>\n"
    "<trk><type>walking</type><trkseg>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"><time>2021-05-01T08:00:00Z</time><speed>1.4</speed></trkpt>\n"
    " <trkpt lat=\"46.0001\" lon=\"14.0\"><time>2021-05-01T08:00:08Z</time><speed>1.5</speed></trkpt>\n"
    "</trkseg></trk></gpx>\n";
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_gpx_read, xml, "walk.gpx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.info->name, ==, "Evening walk");
  g_assert_cmpstr (result.info->sport, ==, "walk");
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 0), ==, 1.4);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 1), ==, 1.5);
  /* 11 m in 8 s is 1.4 m/s: moving. */
  g_assert_cmpfloat (result.info->moving_s, ==, 8.0);
}

static void
test_metadata_name_and_route (void)
{
  const char *xml = GPX11_OPEN
    "<metadata><name>Planned loop</name><time>2000-01-01T00:00:00Z</time></metadata>\n"
    "<wpt lat=\"1\" lon=\"1\"><name>Start</name></wpt>\n"
    "<rte><rtept lat=\"46.0\" lon=\"14.0\"/><rtept lat=\"46.1\" lon=\"14.1\"/>"
    "<rtept lat=\"46.2\" lon=\"14.0\"></rtept></rte>\n"
    "</gpx>\n";
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_gpx_read, xml, "loop.gpx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 3);
  g_assert_cmpstr (result.info->name, ==, "Planned loop");
  g_assert_null (result.info->sport);
  g_assert_false (rsb_activity_info_has_times (result.info));
  g_assert_cmpfloat (result.info->max_lat, ==, 46.2);
  g_assert_cmpfloat (result.info->max_lon, ==, 14.1);
  g_assert_cmpfloat (result.info->min_lon, ==, 14.0);
}

static void
test_timestamps (void)
{
  const char *xml = GPX11_OPEN
    "<trk><type>Kayaking</type><trkseg>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"><time>2021-05-01T10:00:00.250+02:00</time></trkpt>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"><time> 2021-05-01T08:00:01.5Z </time></trkpt>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"><time>2021-05-01T07:00:02-0100</time></trkpt>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"><time>2021-121T08:00:03Z</time></trkpt>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"><time>not a time</time></trkpt>\n"
    " <trkpt lat=\"46.0\" lon=\"14.0\"/>\n"
    "</trkseg></trk></gpx>\n";
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_gpx_read, xml, "times.gpx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.info->sport, ==, "kayaking");
  /* The last two points have no usable time and are dropped. */
  g_assert_cmpuint (result.streams->n_points, ==, 4);
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1619856000250));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 1), ==, 1.25);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 2), ==, 1.75);
  /* An ordinal date only GDateTime understands. */
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 3), ==, 2.75);
}

static void
assert_bad_point (const char *trkpt,
                  const char *expected)
{
  g_autofree char *xml = g_strconcat (GPX11_OPEN, "<trk><trkseg>\n"
                                      "<trkpt lat=\"46\" lon=\"14\"/>\n",
                                      trkpt, "\n</trkseg></trk></gpx>\n", NULL);
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  ok = rsb_test_workout_read_text (rsb_gpx_read, xml, "bad.gpx", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "bad.gpx");
  g_assert_nonnull (strstr (result.error->message, expected));
  /* The bad point is on line 7 of the document. */
  g_assert_nonnull (strstr (result.error->message, "line 7"));
}

static void
test_bad_coordinates (void)
{
  assert_bad_point ("<trkpt lat=\"north\" lon=\"14\"/>", "latitude “north”");
  assert_bad_point ("<trkpt lat=\"91\" lon=\"14\"/>", "latitude “91”");
  assert_bad_point ("<trkpt lat=\"46\" lon=\"-180.5\"></trkpt>", "longitude “-180.5”");
  assert_bad_point ("<trkpt lat=\"46\"><ele>1</ele></trkpt>", "no longitude");
  assert_bad_point ("<trkpt lon=\"14\" lat=\"\"/>", "latitude “”");
}

static void
test_not_gpx (void)
{
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  ok = rsb_test_workout_read_text (rsb_gpx_read, "<?xml version=\"1.0\"?><kml><Document/></kml>", "map.kml", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, "map.kml");
}

static void
test_malformed (void)
{
  const char *xml = GPX11_OPEN "<trk><trkseg>\n<trkpt lat=\"46\" lon=\"14\"></trkseg>\n"
                    "</trk></gpx>\n";
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  ok = rsb_test_workout_read_text (rsb_gpx_read, xml, "mismatch.gpx", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "mismatch.gpx");
  g_assert_nonnull (strstr (result.error->message, "line 6"));
}

static void
test_empty_document (void)
{
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  ok = rsb_test_workout_read_text (rsb_gpx_read, "", "empty.gpx", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "empty.gpx");
  g_assert_nonnull (strstr (result.error->message, "is empty"));

  rsb_test_workout_clear (&result);
  ok = rsb_test_workout_read_text (rsb_gpx_read, GPX11_OPEN "<trk><trkseg/></trk></gpx>", "hollow.gpx", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_NO_DATA, "hollow.gpx");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (GPX11_OPEN "</gpx>", -1, NULL);
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  g_cancellable_cancel (cancellable);
  ok = rsb_gpx_read (stream, "cancelled.gpx", &result.info, &result.streams,
                     cancellable, &result.error);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CANCELLED, "cancelled.gpx");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/gpx/cerknicko", test_cerknicko);
  g_test_add_func ("/import/gpx/without-times", test_without_times);
  g_test_add_func ("/import/gpx/empty-segment", test_empty_segment);
  g_test_add_func ("/import/gpx/gpx10-all-fields", test_gpx10);
  g_test_add_func ("/import/gpx/unicode-bom-waypoints", test_unicode_bom);
  g_test_add_func ("/import/gpx/garmin-extension-waypoint", test_garmin_extension_waypoint);
  g_test_add_func ("/import/gpx/truncated", test_truncated);
  g_test_add_func ("/import/gpx/billion-laughs", test_billion_laughs);
  g_test_add_func ("/import/gpx/external-entities", test_external_entities);
  g_test_add_func ("/import/gpx/segments-sorted-with-gap", test_segments_sorted_with_gap);
  g_test_add_func ("/import/gpx/garmin-extensions", test_garmin_extensions);
  g_test_add_func ("/import/gpx/gpx10-speed", test_gpx10_speed);
  g_test_add_func ("/import/gpx/metadata-name-route", test_metadata_name_and_route);
  g_test_add_func ("/import/gpx/timestamps", test_timestamps);
  g_test_add_func ("/import/gpx/bad-coordinates", test_bad_coordinates);
  g_test_add_func ("/import/gpx/not-gpx", test_not_gpx);
  g_test_add_func ("/import/gpx/malformed", test_malformed);
  g_test_add_func ("/import/gpx/empty-document", test_empty_document);
  g_test_add_func ("/import/gpx/cancelled", test_cancelled);

  return g_test_run ();
}
