/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the TCX reader, on the shared real-world files and on small
 * documents written here for the cases those files do not cover. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "rsb-import-error.h"
#include "rsb-test-dir.h"
#include "rsb-test-workout.h"
#include "rsb-test-xxe.h"
#include "rsb-tcx-reader.h"

static guint
count_positions (RsbTestWorkout *result)
{
  guint n = 0;

  for (guint i = 0; i < result->streams->n_points; i++)
    n += !isnan (rsb_test_workout_column (result, RSB_STREAM_LAT, i)) && !isnan (rsb_test_workout_column (result, RSB_STREAM_LON, i));
  return n;
}

static guint
last_position_index (RsbTestWorkout *result)
{
  for (guint i = result->streams->n_points; i > 0; i--)
    {
      if (!isnan (rsb_test_workout_column (result, RSB_STREAM_LAT, i - 1)))
        return i - 1;
    }
  g_assert_not_reached ();
}

#define TCX_OPEN \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"\n" \
  "  xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">\n" \
  "<Activities>\n"
#define TCX_CLOSE "</Activities>\n</TrainingCenterDatabase>\n"

/* ---- shared files ------------------------------------------------------ */

/* test.tcx and no_hr.tcx are one run, with and without heart rate. */
static void
assert_forerunner_run (RsbTestWorkout   *result,
                       gboolean  has_hr)
{
  g_assert_cmpuint (result->streams->n_points, ==, 384);
  g_assert_cmpuint (result->info->n_points, ==, 384);
  g_assert_cmpstr (result->info->name, ==, "Aerobics");
  g_assert_cmpstr (result->info->sport, ==, "run");
  g_assert_null (result->info->source);
  g_assert_null (result->info->source_id);

  /* 2012-12-26T21:29:53Z to 22:03:05Z */
  g_assert_cmpint (result->info->start_ms, ==, G_GINT64_CONSTANT (1356557393000));
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_TIME, 0), ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_last (result, RSB_STREAM_TIME), ==, 1992.0);
  g_assert_cmpfloat (result->info->elapsed_s, ==, 1992.0);
  g_assert_cmpfloat (result->info->moving_s, >, 1900.0);
  g_assert_cmpfloat (result->info->moving_s, <=, result->info->elapsed_s);

  /* Three laps of 129, 128 and 127 points, joined with their 4 s gaps. */
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_TIME, 128), ==, 605.0);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_TIME, 129), ==, 609.0);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_TIME, 256), ==, 1319.0);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_TIME, 257), ==, 1323.0);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (result, RSB_STREAM_DISTANCE, 129), 1610.53759766, 1e-6);

  /* Every point has a position but the closing one, which keeps its time. */
  g_assert_cmpuint (count_positions (result), ==, 383);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_LAT, 0), ==, 35.951880198);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_LON, 0), ==, -79.0931872185);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_LAT, 382), ==, 35.9519544616);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_LON, 382), ==, -79.0930143837);
  g_assert_true (isnan (rsb_test_workout_last (result, RSB_STREAM_LAT)));
  g_assert_true (isnan (rsb_test_workout_last (result, RSB_STREAM_LON)));
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_ALTITUDE, 0), ==, 178.942626953);

  /* The recorded distance, carried over the point that has none. */
  g_assert_cmpfloat (result->info->distance_m, ==, 4686.31103516);
  g_assert_cmpfloat (rsb_test_workout_last (result, RSB_STREAM_DISTANCE), ==, 4686.31103516);
  g_assert_cmpfloat_with_epsilon (result->info->min_lat, 35.946694482, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->info->max_lat, 35.951954462, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->info->min_lon, -79.097181279, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->info->max_lon, -79.0918954, 1e-9);

  g_assert_cmpint (rsb_streams_has (result->streams, RSB_STREAM_HEART_RATE), ==, has_hr);
  if (has_hr)
    {
      g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_HEART_RATE, 0), ==, 62.0);
      g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_HEART_RATE, 382), ==, 180.0);
      g_assert_true (isnan (rsb_test_workout_last (result, RSB_STREAM_HEART_RATE)));
    }
  g_assert_false (rsb_streams_has (result->streams, RSB_STREAM_CADENCE));
  g_assert_false (rsb_streams_has (result->streams, RSB_STREAM_SPEED));
}

static void
test_forerunner (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "test.tcx");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_tcx_read, path, &result));
  g_assert_no_error (result.error);
  assert_forerunner_run (&result, TRUE);
  g_assert_cmpstr (result.info->file_name, ==, "test.tcx");
}

static void
test_no_hr (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "no_hr.tcx");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_tcx_read, path, &result));
  g_assert_no_error (result.error);
  assert_forerunner_run (&result, FALSE);
  g_assert_cmpstr (result.info->file_name, ==, "no_hr.tcx");
}

/* gpsbabel's unicsv: a header naming the columns, then one positioned
 * point a line, coordinates to 6 decimals. */
static void
parse_unicsv (const char *csv,
              GArray     *lats,
              GArray     *lons)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) header = NULL;
  int lat_col = -1, lon_col = -1;

  g_assert_nonnull (lines[0]);
  header = g_strsplit (g_strstrip (lines[0]), ",", -1);
  for (int i = 0; header[i] != NULL; i++)
    {
      if (strcmp (header[i], "Latitude") == 0)
        lat_col = i;
      else if (strcmp (header[i], "Longitude") == 0)
        lon_col = i;
    }
  g_assert_cmpint (lat_col, >=, 0);
  g_assert_cmpint (lon_col, >=, 0);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[i]), ",", -1);
      double lat, lon;

      if (*lines[i] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (fields), >, (guint) MAX (lat_col, lon_col));
      lat = g_ascii_strtod (fields[lat_col], NULL);
      lon = g_ascii_strtod (fields[lon_col], NULL);
      g_array_append_val (lats, lat);
      g_array_append_val (lons, lon);
    }
}

static void
test_gpsbabel_agrees (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "test.tcx");
  g_autofree char *gpsbabel = g_find_program_in_path ("gpsbabel");
  g_autofree char *csv = NULL;
  g_autoptr(GArray) lats = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };
  guint last_index;
  int status;

  if (path == NULL)
    return;
  if (gpsbabel == NULL)
    {
      g_test_skip ("gpsbabel is not installed");
      return;
    }

  {
    const char *argv[] = { gpsbabel, "-t", "-i", "gtrnctr", "-f", path,
                           "-o", "unicsv", "-F", "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &csv, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  parse_unicsv (csv, lats, lons);

  g_assert_true (rsb_test_workout_read_path (rsb_tcx_read, path, &result));
  g_assert_cmpuint (count_positions (&result), ==, lats->len);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0),
                                  g_array_index (lats, double, 0), 5e-7);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LON, 0),
                                  g_array_index (lons, double, 0), 5e-7);
  last_index = last_position_index (&result);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LAT, last_index),
                                  g_array_index (lats, double, lats->len - 1), 5e-7);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LON, last_index),
                                  g_array_index (lons, double, lons->len - 1), 5e-7);
}

/* An interrupted copy keeps the trackpoints before the cut. */
static void
test_truncated (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "test.tcx");
  g_autofree char *contents = NULL;
  gsize length;

  if (path == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  rsb_test_workout_check_cuts (rsb_tcx_read, contents, length, "test-truncated.tcx", "</Trackpoint>");
}

/* ---- documents written here ------------------------------------------- */

/* A run whose watch writes cadence and speed in the ActivityExtension,
 * under whatever prefix it likes (or one it never declared). */
static void
test_tpx_run_cadence_speed (void)
{
  const char *xml = TCX_OPEN
    "<Activity Sport=\"Running\"><Id>2021-05-01T08:00:00Z</Id>\n"
    "<Lap StartTime=\"2021-05-01T08:00:00Z\"><Track>\n"
    " <Trackpoint><Time>2021-05-01T08:00:00Z</Time>\n"
    "  <Position><LatitudeDegrees>46.0</LatitudeDegrees><LongitudeDegrees>14.0</LongitudeDegrees></Position>\n"
    "  <HeartRateBpm><Value>120</Value></HeartRateBpm>\n"
    "  <Extensions><ns3:TPX><ns3:Speed>3.25</ns3:Speed><ns3:RunCadence>84</ns3:RunCadence></ns3:TPX></Extensions>\n"
    " </Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:01Z</Time>\n"
    "  <Position><LatitudeDegrees>46.00003</LatitudeDegrees><LongitudeDegrees>14.0</LongitudeDegrees></Position>\n"
    "  <Cadence>80</Cadence>\n"
    "  <Extensions><TPX xmlns=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">"
    "<Speed>3.5</Speed><RunCadence>86</RunCadence></TPX></Extensions>\n"
    " </Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:02Z</Time>\n"
    "  <Position><LatitudeDegrees>46.00006</LatitudeDegrees><LongitudeDegrees>14.0</LongitudeDegrees></Position>\n"
    "  <Extensions><ax:TPX><ax:Speed>3.0</ax:Speed></ax:TPX></Extensions>\n"
    " </Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:03Z</Time>\n"
    "  <Position><LatitudeDegrees>46.00009</LatitudeDegrees><LongitudeDegrees>14.0</LongitudeDegrees></Position>\n"
    "  <Extensions><Speed>99</Speed><RunCadence>99</RunCadence></Extensions>\n"
    " </Trackpoint>\n"
    "</Track></Lap></Activity>\n" TCX_CLOSE;
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_tcx_read, xml, "tempo.tcx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 4);
  g_assert_cmpstr (result.info->sport, ==, "run");
  /* No Notes: the sport names it. */
  g_assert_cmpstr (result.info->name, ==, "Run");
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1619856000000));

  /* RunCadence is per foot pair, as the cadence column wants it, and
   * wins over a plain Cadence on the same point. */
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 0), ==, 84.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 1), ==, 86.0);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 2)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 0), ==, 3.25);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 1), ==, 3.5);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 2), ==, 3.0);
  /* Speed and RunCadence outside a TPX are nobody's. */
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 3)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 3)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 0), ==, 120.0);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 1)));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_ALTITUDE));

  /* No DistanceMeters: measured along the positions, 3.3 m a second. */
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 10.0, 0.05);
  g_assert_cmpfloat (result.info->moving_s, ==, 3.0);
  g_assert_cmpfloat (result.info->max_lat, ==, 46.00009);
}

/* Without DistanceMeters, distance is measured along the positions; a
 * timed point without a position (a GPS dropout) keeps the distance
 * reached so far rather than having none, and the route goes on from
 * the last fix. */
static void
test_measured_distance_over_dropout (void)
{
  const char *xml = TCX_OPEN
    "<Activity Sport=\"Running\"><Id>2021-05-01T08:00:00Z</Id>\n"
    "<Lap StartTime=\"2021-05-01T08:00:00Z\"><Track>\n"
    " <Trackpoint><Time>2021-05-01T08:00:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:01Z</Time><Position><LatitudeDegrees>46.0</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:02Z</Time><HeartRateBpm><Value>121</Value></HeartRateBpm></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:03Z</Time><Position><LatitudeDegrees>46.00009</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position></Trackpoint>\n"
    "</Track></Lap></Activity>\n" TCX_CLOSE;
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_tcx_read, xml, "dropout.tcx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 0), ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 1), ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 2), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 3), 10.0, 0.05);
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 10.0, 0.05);
}

static void
test_bike_cadence (void)
{
  const char *xml = TCX_OPEN
    "<Activity Sport=\"Biking\"><Id>2021-05-01T08:00:00Z</Id>\n"
    "<Lap StartTime=\"2021-05-01T08:00:00Z\"><Track>\n"
    " <Trackpoint><Time>2021-05-01T08:00:00Z</Time><Cadence>90</Cadence>"
    "<Extensions><ns3:TPX><ns3:Speed>8.5</ns3:Speed></ns3:TPX></Extensions></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:01Z</Time><Cadence>92</Cadence></Trackpoint>\n"
    "</Track></Lap></Activity>\n" TCX_CLOSE;
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_tcx_read, xml, "trainer.tcx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.info->sport, ==, "ride");
  g_assert_cmpstr (result.info->name, ==, "Ride");
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 0), ==, 90.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 1), ==, 92.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 0), ==, 8.5);
  /* No positions and no distance: no distance column to make up. */
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_DISTANCE));
  g_assert_cmpfloat (result.info->distance_m, ==, 0.0);
}

/* A treadmill run: time, heart rate and the footpod's distance, no
 * positions at all. */
static void
test_treadmill (void)
{
  const char *xml = TCX_OPEN
    "<Activity Sport=\"Running\"><Id>2021-05-01T08:00:00Z</Id>\n"
    "<Notes>\n  Treadmill intervals  \nwarm-up, 5 x 400 m</Notes>\n"
    "<Lap StartTime=\"2021-05-01T08:00:00Z\"><TotalTimeSeconds>20</TotalTimeSeconds>"
    "<DistanceMeters>60</DistanceMeters><Track>\n"
    " <Trackpoint><Time>2021-05-01T08:00:00Z</Time><DistanceMeters>0</DistanceMeters>"
    "<HeartRateBpm><Value>100</Value></HeartRateBpm></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:10Z</Time><DistanceMeters>30.5</DistanceMeters>"
    "<HeartRateBpm><Value>110</Value></HeartRateBpm>"
    "<Extensions><ns3:TPX><ns3:RunCadence>82</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:20Z</Time><HeartRateBpm><Value>115</Value></HeartRateBpm></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:30Z</Time><DistanceMeters>60</DistanceMeters></Trackpoint>\n"
    "</Track></Lap></Activity>\n" TCX_CLOSE;
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_tcx_read, xml, "treadmill.tcx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 4);
  g_assert_cmpuint (result.info->n_points, ==, 4);
  g_assert_cmpstr (result.info->name, ==, "Treadmill intervals");
  g_assert_cmpstr (result.info->sport, ==, "run");

  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_LAT));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_LON));
  g_assert_false (rsb_streams_has_route (result.streams));
  g_assert_true (isnan (result.info->min_lat));
  g_assert_true (isnan (result.info->max_lon));

  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1619856000000));
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_TIME), ==, 30.0);
  g_assert_cmpfloat (result.info->elapsed_s, ==, 30.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 2), ==, 115.0);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 3)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 1), ==, 82.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 1), ==, 30.5);
  /* Cumulative: the point without a distance has come as far as the one before. */
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 2), ==, 30.5);
  g_assert_cmpfloat (result.info->distance_m, ==, 60.0);
  /* 3 m/s, standing still, then 3 m/s again. */
  g_assert_cmpfloat (result.info->moving_s, ==, 20.0);
}

/* Laps written out of time order join in time order; the pause between
 * them stays in the time column. A point without a time is dropped,
 * and the Id (here in local time, two hours off) does not move the start. */
static void
test_laps_with_pause (void)
{
  const char *xml = TCX_OPEN
    "<Activity Sport=\"Biking\"><Id>2021-05-01T10:00:00Z</Id><Notes>Two laps</Notes>\n"
    "<Lap StartTime=\"2021-05-01T08:10:00Z\"><Track>\n"
    " <Trackpoint><Time>2021-05-01T08:10:00Z</Time><Position><LatitudeDegrees>46.0010</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position><DistanceMeters>111.2</DistanceMeters></Trackpoint>\n"
    " <Trackpoint><Position><LatitudeDegrees>46.0015</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:10:05Z</Time><Position><LatitudeDegrees>46.0020</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position><DistanceMeters>222.4</DistanceMeters></Trackpoint>\n"
    "</Track></Lap>\n"
    "<Lap StartTime=\"2021-05-01T08:00:00Z\"><Track>\n"
    " <Trackpoint><Time>2021-05-01T08:00:00Z</Time><Position><LatitudeDegrees>46.0000</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position><DistanceMeters>0</DistanceMeters></Trackpoint>\n"
    " <Trackpoint><Time>2021-05-01T08:00:05Z</Time><Position><LatitudeDegrees>46.0005</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position><DistanceMeters>55.6</DistanceMeters></Trackpoint>\n"
    "</Track><Track></Track><Track/></Lap>\n"
    "</Activity>\n" TCX_CLOSE;
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_tcx_read, xml, "laps.tcx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 4);
  g_assert_cmpstr (result.info->name, ==, "Two laps");
  g_assert_cmpstr (result.info->sport, ==, "ride");
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1619856000000));

  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 0), ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 1), ==, 5.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 2), ==, 600.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 3), ==, 605.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0), ==, 46.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_LAT, 2), ==, 46.001);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_LAT, 3), ==, 46.002);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 2), ==, 111.2);
  g_assert_cmpfloat (result.info->distance_m, ==, 222.4);
  g_assert_cmpfloat (result.info->elapsed_s, ==, 605.0);
  /* Two stretches of 5 s; the ten-minute pause is not moving time. */
  g_assert_cmpfloat (result.info->moving_s, ==, 10.0);
  g_assert_cmpfloat (result.info->min_lat, ==, 46.0);
  g_assert_cmpfloat (result.info->max_lat, ==, 46.002);
}

/* A file without any times is still a route; the sport "Other" says
 * nothing, so the file names it; a second activity is not read. */
static void
test_untimed_route_other (void)
{
  const char *xml = TCX_OPEN
    "<Activity Sport=\"Other\"><Lap><Track>\n"
    " <Trackpoint><Position><LatitudeDegrees>46.0</LatitudeDegrees>"
    "<LongitudeDegrees>14.0</LongitudeDegrees></Position></Trackpoint>\n"
    " <Trackpoint><HeartRateBpm><Value>99</Value></HeartRateBpm></Trackpoint>\n"
    " <Trackpoint><Position><LatitudeDegrees>46.1</LatitudeDegrees>"
    "<LongitudeDegrees>14.1</LongitudeDegrees></Position></Trackpoint>\n"
    "</Track></Lap></Activity>\n"
    "<Activity Sport=\"Running\"><Notes>Second</Notes><Lap><Track>\n"
    " <Trackpoint><Time>2021-05-01T08:00:00Z</Time></Trackpoint>\n"
    "</Track></Lap></Activity>\n" TCX_CLOSE;
  g_auto(RsbTestWorkout) result = { NULL, };

  g_assert_true (rsb_test_workout_read_text (rsb_tcx_read, xml, "Evening.loop.tcx", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 2);
  g_assert_null (result.info->sport);
  g_assert_cmpstr (result.info->name, ==, "Evening.loop");
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_TIME));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_HEART_RATE));
  g_assert_false (rsb_activity_info_has_times (result.info));
  g_assert_cmpfloat (result.info->elapsed_s, ==, 0.0);
  g_assert_cmpfloat (result.info->distance_m, >, 13000.0);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_LON), ==, 14.1);
}

static void
test_no_data (void)
{
  static const struct { const char *body; const char *expected; } cases[] = {
    { "<Activity Sport=\"Running\"><Lap><Track><Trackpoint><HeartRateBpm><Value>99</Value>"
      "</HeartRateBpm></Trackpoint></Track></Lap></Activity>", "neither times nor positions" },
    { "<Activity Sport=\"Running\"><Id>2021-05-01T08:00:00Z</Id><Lap/></Activity>", "without track points" },
    { "", "no activity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strconcat (TCX_OPEN, cases[i].body, TCX_CLOSE, NULL);
      g_auto(RsbTestWorkout) result = { NULL, };
      gboolean ok = rsb_test_workout_read_text (rsb_tcx_read, xml, "hollow.tcx", &result);

      rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_NO_DATA, "hollow.tcx");
      g_assert_nonnull (strstr (result.error->message, cases[i].expected));
    }
}

static void
test_bad_coordinates (void)
{
  static const struct { const char *position; const char *expected; } cases[] = {
    { "<LatitudeDegrees>north</LatitudeDegrees><LongitudeDegrees>14</LongitudeDegrees>",
      "latitude “north”" },
    { "<LatitudeDegrees>46</LatitudeDegrees><LongitudeDegrees>180.5</LongitudeDegrees>",
      "longitude “180.5”" },
    { "<LatitudeDegrees>46</LatitudeDegrees>", "no longitude" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strconcat (TCX_OPEN, "<Activity><Lap><Track>\n<Trackpoint>\n"
                                          "<Position>", cases[i].position, "</Position>\n"
                                          "</Trackpoint></Track></Lap></Activity>", TCX_CLOSE, NULL);
      g_auto(RsbTestWorkout) result = { NULL, };
      gboolean ok = rsb_test_workout_read_text (rsb_tcx_read, xml, "bad.tcx", &result);

      rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "bad.tcx");
      g_assert_nonnull (strstr (result.error->message, cases[i].expected));
      /* The position is on line 7 of the document. */
      g_assert_nonnull (strstr (result.error->message, "line 7"));
    }
}

/* Ten entities of ten references each, nine deep: a billion "lol"s. A
 * long comment before the reference makes libxml2 hand over the DTD
 * before it meets the reference; without it libxml2 meets it first. */
static char *
billion_laughs (gboolean late_reference)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n"
                                         "<!DOCTYPE TrainingCenterDatabase [\n"
                                         "  <!ENTITY lol0 \"lol\">\n");

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (xml, "  <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (xml, "&lol%d;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<TrainingCenterDatabase><Activities>");
  if (late_reference)
    {
      g_string_append (xml, "<!-- ");
      for (int i = 0; i < 2000; i++)
        g_string_append (xml, "padding ");
      g_string_append (xml, "-->");
    }
  g_string_append (xml, "<Activity><Notes>&lol9;</Notes><Lap><Track><Trackpoint>"
                        "<Time>2021-05-01T08:00:00Z</Time></Trackpoint></Track></Lap>"
                        "</Activity></Activities></TrainingCenterDatabase>\n");
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
  ok = rsb_test_workout_read_text (rsb_tcx_read, xml, "laughs.tcx", &result);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, "laughs.tcx");
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
tcx_with_doctype (const char *doctype,
                  const char *reference)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n%s\n"
                          "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\">"
                          "<Id>2021-05-01T08:00:00Z</Id><Notes>%s</Notes><Lap><Track><Trackpoint>"
                          "<Time>2021-05-01T08:00:00Z</Time><Position><LatitudeDegrees>46.05</LatitudeDegrees>"
                          "<LongitudeDegrees>14.5</LongitudeDegrees></Position></Trackpoint></Track></Lap>"
                          "</Activity></Activities></TrainingCenterDatabase>\n",
                          doctype, reference);
}

static void
test_external_entities (void)
{
  const RsbTestXmlFormat tcx = { "TrainingCenterDatabase", "xxe.tcx", rsb_tcx_read, tcx_with_doctype };

  rsb_test_assert_external_entities_ignored (&tcx);
}

static void
test_not_tcx (void)
{
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  ok = rsb_test_workout_read_text (rsb_tcx_read, "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><trk/></gpx>\n",
                  "really-a-gpx.tcx", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, "really-a-gpx.tcx");
  g_assert_nonnull (strstr (result.error->message, "<gpx>"));
  g_assert_nonnull (strstr (result.error->message, "TCX"));
}

static void
test_malformed (void)
{
  const char *xml = TCX_OPEN "<Activity><Lap><Track>\n<Trackpoint><Time>x</Time></Track>\n"
                    "</Lap></Activity>" TCX_CLOSE;
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  ok = rsb_test_workout_read_text (rsb_tcx_read, xml, "mismatch.tcx", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "mismatch.tcx");
  g_assert_nonnull (strstr (result.error->message, "line 6"));

  rsb_test_workout_clear (&result);
  ok = rsb_test_workout_read_text (rsb_tcx_read, "", "empty.tcx", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "empty.tcx");
  g_assert_nonnull (strstr (result.error->message, "is empty"));
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (TCX_OPEN TCX_CLOSE, -1, NULL);
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  g_cancellable_cancel (cancellable);
  ok = rsb_tcx_read (stream, "cancelled.tcx", &result.info, &result.streams,
                     cancellable, &result.error);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CANCELLED, "cancelled.tcx");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/tcx/forerunner", test_forerunner);
  g_test_add_func ("/import/tcx/no-hr", test_no_hr);
  g_test_add_func ("/import/tcx/gpsbabel-agrees", test_gpsbabel_agrees);
  g_test_add_func ("/import/tcx/truncated", test_truncated);
  g_test_add_func ("/import/tcx/tpx-run-cadence-speed", test_tpx_run_cadence_speed);
  g_test_add_func ("/import/tcx/bike-cadence", test_bike_cadence);
  g_test_add_func ("/import/tcx/measured-distance-over-dropout", test_measured_distance_over_dropout);
  g_test_add_func ("/import/tcx/treadmill", test_treadmill);
  g_test_add_func ("/import/tcx/laps-with-pause", test_laps_with_pause);
  g_test_add_func ("/import/tcx/untimed-route-other", test_untimed_route_other);
  g_test_add_func ("/import/tcx/no-data", test_no_data);
  g_test_add_func ("/import/tcx/bad-coordinates", test_bad_coordinates);
  g_test_add_func ("/import/tcx/billion-laughs", test_billion_laughs);
  g_test_add_func ("/import/tcx/external-entities", test_external_entities);
  g_test_add_func ("/import/tcx/not-tcx", test_not_tcx);
  g_test_add_func ("/import/tcx/malformed", test_malformed);
  g_test_add_func ("/import/tcx/cancelled", test_cancelled);

  return g_test_run ();
}
