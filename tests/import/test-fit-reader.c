/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the FIT reader: the shared real-world files, a comparison
 * with gpsbabel's decoder, and small files encoded here for what those
 * files do not cover (byte orders, compressed timestamps, developer
 * fields, chaining, damage). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "rsb-fit-reader.h"
#include "rsb-import-error.h"
#include "rsb-test-dir.h"
#include "rsb-test-workout.h"

#define FIT_EPOCH_UNIX_S G_GINT64_CONSTANT (631065600)

static void
assert_message_has (RsbTestWorkout *result,
                    const char     *words)
{
  if (strstr (result->error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", result->error->message, words);
}

static guint
count_positioned (const RsbStreams *streams)
{
  guint n = 0;

  if (!rsb_streams_has (streams, RSB_STREAM_LAT))
    return 0;
  for (guint i = 0; i < streams->n_points; i++)
    n += !isnan (streams->columns[RSB_STREAM_LAT][i]);
  return n;
}

/* ---- a small FIT encoder ---------------------------------------------- */

/* The checksum the nibble-wise way the protocol description gives it,
 * independent of the reader's byte table. */
static guint16
crc16 (guint16       crc,
       const guint8 *data,
       gsize         len)
{
  static const guint16 table[16] = {
    0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401,
    0xa001, 0x6c00, 0x7800, 0xb401, 0x5000, 0x9c01, 0x8801, 0x4400,
  };

  for (gsize i = 0; i < len; i++)
    {
      guint16 tmp = table[crc & 0xf];

      crc = (crc >> 4) & 0x0fff;
      crc = crc ^ tmp ^ table[data[i] & 0xf];
      tmp = table[crc & 0xf];
      crc = (crc >> 4) & 0x0fff;
      crc = crc ^ tmp ^ table[(data[i] >> 4) & 0xf];
    }
  return crc;
}

typedef struct {
  GByteArray *bytes;
  guint       part_start;
  guint8      header_size;
  guint8      protocol;
} Fit;

static void
put (Fit      *fit,
     guint64   value,
     guint     size,
     gboolean  big_endian)
{
  for (guint i = 0; i < size; i++)
    {
      guint shift = big_endian ? 8 * (size - 1 - i) : 8 * i;
      guint8 byte = (value >> shift) & 0xff;

      g_byte_array_append (fit->bytes, &byte, 1);
    }
}

static void
fit_begin_part (Fit    *fit,
                guint8  header_size)
{
  static const guint8 zeros[14] = { 0, };

  fit->part_start = fit->bytes->len;
  fit->header_size = header_size;
  g_byte_array_append (fit->bytes, zeros, header_size);
}

static Fit *
fit_new (guint8 header_size)
{
  Fit *fit = g_new0 (Fit, 1);

  fit->bytes = g_byte_array_new ();
  fit->protocol = 0x20;                        /* 2.0 */
  fit_begin_part (fit, header_size);
  return fit;
}

typedef enum {
  HEADER_CRC_RIGHT,
  HEADER_CRC_ZERO,
  HEADER_CRC_WRONG,
} HeaderCrc;

static void
fit_end_part (Fit       *fit,
              HeaderCrc  header_crc)
{
  guint8 *header = fit->bytes->data + fit->part_start;
  guint32 data_size = fit->bytes->len - fit->part_start - fit->header_size;
  guint16 crc;

  header[0] = fit->header_size;
  header[1] = fit->protocol;
  header[2] = 2132 & 0xff;                     /* profile 21.32 */
  header[3] = 2132 >> 8;
  for (guint i = 0; i < 4; i++)
    header[4 + i] = (data_size >> (8 * i)) & 0xff;
  memcpy (header + 8, ".FIT", 4);
  if (fit->header_size >= 14)
    {
      crc = header_crc == HEADER_CRC_ZERO ? 0 : crc16 (0, header, 12);
      if (header_crc == HEADER_CRC_WRONG)
        crc ^= 0x0101;
      header[12] = crc & 0xff;
      header[13] = crc >> 8;
    }
  crc = crc16 (0, fit->bytes->data + fit->part_start, fit->bytes->len - fit->part_start);
  put (fit, crc, 2, FALSE);
}

static GBytes *
fit_finish (Fit *fit)
{
  GBytes *bytes;

  fit_end_part (fit, HEADER_CRC_RIGHT);
  bytes = g_byte_array_free_to_bytes (fit->bytes);
  g_free (fit);
  return bytes;
}

/* fields: (number, size, base type) triples. */
static void
fit_define (Fit          *fit,
            guint8        local,
            gboolean      big_endian,
            guint16       global,
            const guint8 *fields,
            guint         n_fields,
            const guint8 *developer_fields,
            guint         n_developer)
{
  put (fit, 0x40 | (n_developer > 0 ? 0x20 : 0) | local, 1, FALSE);
  put (fit, 0, 1, FALSE);
  put (fit, big_endian, 1, FALSE);
  put (fit, global, 2, big_endian);
  put (fit, n_fields, 1, FALSE);
  g_byte_array_append (fit->bytes, fields, 3 * n_fields);
  if (n_developer > 0)
    {
      put (fit, n_developer, 1, FALSE);
      g_byte_array_append (fit->bytes, developer_fields, 3 * n_developer);
    }
}

static void
fit_file_id (Fit    *fit,
             guint8  type)
{
  static const guint8 fields[] = { 0, 1, 0x00, 1, 2, 0x84, 4, 4, 0x86 };

  fit_define (fit, 0, FALSE, 0, fields, 3, NULL, 0);
  put (fit, 0, 1, FALSE);
  put (fit, type, 1, FALSE);
  put (fit, 1, 2, FALSE);             /* Garmin */
  put (fit, 1000000000, 4, FALSE);
}

static void
fit_session (Fit    *fit,
             guint8  sport)
{
  static const guint8 fields[] = { 253, 4, 0x86, 5, 1, 0x00 };

  fit_define (fit, 0, FALSE, 18, fields, 2, NULL, 0);
  put (fit, 0, 1, FALSE);
  put (fit, 1000000000, 4, FALSE);
  put (fit, sport, 1, FALSE);
}

typedef struct {
  guint32 time;
  gint32  lat;
  gint32  lon;
  guint16 altitude;
  guint8  heart_rate;
  guint8  cadence;
  guint32 distance;
  guint16 speed;
} RawRecord;

static const RawRecord invalid_record = {
  0xffffffff, 0x7fffffff, 0x7fffffff, 0xffff, 0xff, 0xff, 0xffffffff, 0xffff,
};

/* The record layout used below, with and without its timestamp. */
static const guint8 record_fields[] = {
  253, 4, 0x86, 0, 4, 0x85, 1, 4, 0x85, 2, 2, 0x84,
  3, 1, 0x02, 4, 1, 0x02, 5, 4, 0x86, 6, 2, 0x84,
};

static void
fit_define_record (Fit      *fit,
                   guint8    local,
                   gboolean  big_endian,
                   gboolean  with_time)
{
  const guint8 *fields = with_time ? record_fields : record_fields + 3;

  fit_define (fit, local, big_endian, 20, fields, with_time ? 8 : 7, NULL, 0);
}

static void
fit_record_body (Fit             *fit,
                 gboolean         big_endian,
                 gboolean         with_time,
                 const RawRecord *r)
{
  if (with_time)
    put (fit, r->time, 4, big_endian);
  put (fit, (guint32) r->lat, 4, big_endian);
  put (fit, (guint32) r->lon, 4, big_endian);
  put (fit, r->altitude, 2, big_endian);
  put (fit, r->heart_rate, 1, big_endian);
  put (fit, r->cadence, 1, big_endian);
  put (fit, r->distance, 4, big_endian);
  put (fit, r->speed, 2, big_endian);
}

static void
fit_record (Fit             *fit,
            guint8           local,
            gboolean         big_endian,
            const RawRecord *r)
{
  put (fit, local, 1, FALSE);
  fit_record_body (fit, big_endian, TRUE, r);
}

/* A record with a compressed-timestamp header: local types 0-3 only. */
static void
fit_compressed_record (Fit             *fit,
                       guint8           local,
                       guint8           offset,
                       gboolean         big_endian,
                       const RawRecord *r)
{
  put (fit, 0x80 | (local << 5) | (offset & 0x1f), 1, FALSE);
  fit_record_body (fit, big_endian, FALSE, r);
}

static gint32
degrees_to_semicircles (double degrees)
{
  return (gint32) lround (degrees * (2147483648.0 / 180.0));
}

static RawRecord
make_record (guint32 time,
             guint   i)
{
  return (RawRecord) {
    .time = time,
    .lat = degrees_to_semicircles (46.05 + i * 1e-4),
    .lon = degrees_to_semicircles (14.50),
    .altitude = (300 + 500) * 5 + i,           /* 300 m, +0.2 m a point */
    .heart_rate = 120 + i,
    .cadence = 80 + i,
    .distance = i * 1113,                       /* 11.13 m a point */
    .speed = 2226,                              /* 2.226 m/s */
  };
}

/* An activity of n records a second apart, all with normal headers. */
static GBytes *
simple_activity (gboolean big_endian,
                 guint8   header_size,
                 guint    n,
                 int      sport)
{
  Fit *fit = fit_new (header_size);

  fit_file_id (fit, 4);
  fit_define_record (fit, 1, big_endian, TRUE);
  for (guint i = 0; i < n; i++)
    {
      RawRecord r = make_record (1000000000 + i, i);

      fit_record (fit, 1, big_endian, &r);
    }
  if (sport >= 0)
    fit_session (fit, sport);
  return fit_finish (fit);
}

/* ---- shared files ------------------------------------------------------ */

static void
assert_columns (RsbTestWorkout   *result,
                gboolean  route)
{
  g_assert_true (rsb_streams_has (result->streams, RSB_STREAM_TIME));
  g_assert_cmpint (rsb_streams_has (result->streams, RSB_STREAM_LAT), ==, route);
  g_assert_cmpint (rsb_streams_has (result->streams, RSB_STREAM_LON), ==, route);
  g_assert_true (rsb_streams_has (result->streams, RSB_STREAM_HEART_RATE));
  g_assert_true (rsb_streams_has (result->streams, RSB_STREAM_CADENCE));
  g_assert_true (rsb_streams_has (result->streams, RSB_STREAM_DISTANCE));
  g_assert_true (rsb_streams_has (result->streams, RSB_STREAM_SPEED));
  g_assert_cmpuint (result->info->n_points, ==, result->streams->n_points);
  g_assert_null (result->info->source);
  g_assert_null (result->info->source_id);
  g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_TIME, 0), ==, 0.0);
  g_assert_cmpfloat (result->info->elapsed_s, ==, rsb_test_workout_last (result, RSB_STREAM_TIME));
  g_assert_cmpfloat (result->info->moving_s, >, 0.0);
  g_assert_cmpfloat (result->info->moving_s, <=, result->info->elapsed_s);
}

static void
test_fenix2 (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "activity-small-fenix2-run.fit");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_fit_read, path, &result));
  g_assert_no_error (result.error);
  assert_columns (&result, TRUE);
  g_assert_cmpuint (result.streams->n_points, ==, 2809);
  g_assert_cmpuint (count_positioned (result.streams), ==, 2809);
  g_assert_cmpstr (result.info->sport, ==, "run");
  g_assert_cmpstr (result.info->name, ==, "Run");
  g_assert_cmpstr (result.info->file_name, ==, "activity-small-fenix2-run.fit");
  /* 2015-08-15T14:45:08Z */
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1439649908000));
  g_assert_cmpfloat (result.info->elapsed_s, ==, 2833.0);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0), 58.9591828, 1e-7);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LON, 0), 5.7288390, 1e-7);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 0), ==, 55.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 1), ==, 142.4);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 0), ==, 69.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 0), ==, 56.0);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 0), 5.89, 1e-9);
  /* The device's own distance at the last record (the session's total
   * says 9008.22 m, counted to the stop button). */
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 9007.07, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->min_lat, 58.953147, 1e-6);
  g_assert_cmpfloat_with_epsilon (result.info->max_lon, 5.730253, 1e-6);
}

static void
test_fenix5 (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "garmin-fenix-5-run.fit");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_fit_read, path, &result));
  g_assert_no_error (result.error);
  assert_columns (&result, TRUE);
  g_assert_cmpuint (result.streams->n_points, ==, 21);
  g_assert_cmpstr (result.info->sport, ==, "run");
  /* 2017-06-11T14:34:09Z, 57 s later the last record. */
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1497191649000));
  g_assert_cmpfloat (result.info->elapsed_s, ==, 57.0);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0), 38.229787, 1e-6);
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_LON, 0), -122.633704, 1e-6);
  /* As the session's total_distance says. */
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 157.56, 1e-9);
}

/* A ride with GPS dropouts: 133 records without a position keep their
 * place in the time stream. */
static void
test_sample_activity (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "sample-activity.fit");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_fit_read, path, &result));
  g_assert_no_error (result.error);
  assert_columns (&result, TRUE);
  g_assert_cmpuint (result.streams->n_points, ==, 3098);
  g_assert_cmpuint (count_positioned (result.streams), ==, 2965);
  g_assert_cmpstr (result.info->sport, ==, "ride");
  g_assert_cmpstr (result.info->name, ==, "Ride");
  /* 2011-06-26T21:18:40Z; the session lasts 11741.57 s. */
  g_assert_cmpint (result.info->start_ms, ==, G_GINT64_CONSTANT (1309123120000));
  g_assert_cmpfloat (result.info->elapsed_s, ==, 11741.0);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_LAT, 0)));
  /* The session's total distance is 88797.21 m. */
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 88797.21, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->min_lat, 43.451690, 1e-6);
  g_assert_cmpfloat_with_epsilon (result.info->max_lon, -79.402025, 1e-6);
}

/* Records with compressed-timestamp headers, no position, and speed
 * and distance packed in the compressed_speed_distance field. */
static void
test_compressed_speed_distance (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "compressed-speed-distance.fit");
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_fit_read, path, &result));
  g_assert_no_error (result.error);
  assert_columns (&result, FALSE);
  g_assert_false (rsb_streams_has_route (result.streams));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_ALTITUDE));
  g_assert_cmpuint (result.streams->n_points, ==, 755);
  g_assert_cmpstr (result.info->sport, ==, "run");
  /* Its times are below 0x10000000: seconds since the device started,
   * which the file gives no way to place in UTC. They are kept as they
   * are, so this run starts in July 1990. */
  g_assert_cmpint (result.info->start_ms, ==, (17217864 + FIT_EPOCH_UNIX_S) * 1000);
  /* The session: 3883 s from 17217864 to 17221747, 10248.67 m. */
  g_assert_cmpfloat (result.info->elapsed_s, ==, 3880.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 1), ==, 5.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 2), ==, 10.0);
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 10248.67, 0.05);
  /* 0x000162 and 0x0e4163: 3.54 m/s at 0 m, then 3.55 m/s at 228/16 m. */
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 1), ==, 3.54);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 1), ==, 0.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 2), ==, 3.55);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 2), ==, 14.25);
  /* The first record carries no field at all, only its time. */
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 0)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 1), ==, 93.0);
}

static void
test_settings_refused (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "Settings.fit");
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  if (path == NULL)
    return;

  ok = rsb_test_workout_read_path (rsb_fit_read, path, &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, "Settings.fit");
  assert_message_has (&result, "is a FIT settings file, not an activity");
}

/* The FIT SDK's developer-data example: an activity whose three records
 * carry heart rate, cadence, distance, speed and a developer field, but
 * neither a time nor a position: nothing to draw and nothing to match. */
static void
test_developer_data (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "DeveloperData.fit");
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  if (path == NULL)
    return;

  ok = rsb_test_workout_read_path (rsb_fit_read, path, &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_NO_DATA, "DeveloperData.fit");
  assert_message_has (&result, "holds no track");
  assert_message_has (&result, "3 records");
}

static void
test_unexpected_eof (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "activity-unexpected-eof.fit");
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  if (path == NULL)
    return;

  ok = rsb_test_workout_read_path (rsb_fit_read, path, &result);
  g_assert_no_error (result.error);
  g_assert_true (ok);
  /* Every record before the cut; Garmin's SDK decodes as many. */
  g_assert_cmpuint (result.streams->n_points, ==, 14);
  g_assert_cmpstr (result.info->recovered, ==, "“activity-unexpected-eof.fit” ends early: 14 records recovered");
}

/* A whole activity, then a chained second file whose signature reads
 * ".GIT" and whose checksum is wrong. */
static void
test_corrupt_header (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "activity-settings-corruptheader.fit");
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  if (path == NULL)
    return;

  ok = rsb_test_workout_read_path (rsb_fit_read, path, &result);
  g_assert_no_error (result.error);
  g_assert_true (ok);
  /* The whole first file is kept, and the warning says where the damage is. */
  g_assert_cmpuint (result.streams->n_points, ==, 14);
  g_assert_nonnull (strstr (result.info->recovered, "“activity-settings-corruptheader.fit” is damaged"));
  g_assert_nonnull (strstr (result.info->recovered, "byte 771"));
  g_assert_nonnull (strstr (result.info->recovered, "14 records before it were recovered"));
}

/* ---- against gpsbabel --------------------------------------------------- */

typedef struct {
  gint64  time_s;
  double  lat;
  double  lon;
  char   *altitude;    /* as printed, "" when absent */
  char   *heart_rate;
  char   *cadence;
  char   *speed;
} BabelPoint;

static void
babel_point_clear (BabelPoint *point)
{
  g_free (point->altitude);
  g_free (point->heart_rate);
  g_free (point->cadence);
  g_free (point->speed);
}

static int
find_column (char       **header,
             const char  *name)
{
  for (int i = 0; header[i] != NULL; i++)
    {
      if (strcmp (header[i], name) == 0)
        return i;
    }
  return -1;
}

static const char *
cell_text (char **row,
           int    index)
{
  return index >= 0 && index < (int) g_strv_length (row) ? row[index] : "";
}

static char *
cell (char **row,
      int    index)
{
  return g_strdup (cell_text (row, index));
}

static gint64
parse_babel_time (const char *date,
                  const char *time)
{
  int year, month, day, hour, minute, second;
  g_autoptr(GDateTime) utc = NULL;

  g_assert_cmpint (sscanf (date, "%d/%d/%d", &year, &month, &day), ==, 3);
  g_assert_cmpint (sscanf (time, "%d:%d:%d", &hour, &minute, &second), ==, 3);
  utc = g_date_time_new_utc (year, month, day, hour, minute, second);
  return g_date_time_to_unix (utc);
}

/* Whether gpsbabel read the FIT file; *out is its unicsv output. */
static gboolean
spawn_gpsbabel (const char  *gpsbabel,
                const char  *path,
                const char  *options,
                char       **out)
{
  g_autofree char *input = g_strconcat ("garmin_fit", options, NULL);
  const char *argv[] = { gpsbabel, "-t", "-i", input, "-f", path, "-o", "unicsv", "-F", "-", NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "TZ", "UTC", TRUE);
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, out, NULL, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/* gpsbabel's unicsv output, one BabelPoint a line. */
static GArray *
parse_unicsv (char *out)
{
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  GArray *points = g_array_new (FALSE, TRUE, sizeof (BabelPoint));
  int lat, lon, date, time, ele, hr, cad, speed;

  g_array_set_clear_func (points, (GDestroyNotify) babel_point_clear);
  /* unicsv ends its lines with CRLF. */
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  header = g_strsplit (g_strchomp (lines[0]), ",", -1);
  g_assert_cmpint (find_column (header, "No"), ==, 0);
  lat = find_column (header, "Latitude");
  lon = find_column (header, "Longitude");
  date = find_column (header, "Date");
  time = find_column (header, "Time");
  ele = find_column (header, "Altitude");
  hr = find_column (header, "Heartrate");
  cad = find_column (header, "Cadence");
  speed = find_column (header, "Speed");
  g_assert_true (lat >= 0 && lon >= 0);

  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) row = g_strsplit (g_strchomp (lines[i]), ",", -1);
      BabelPoint point;

      /* Without any point unicsv leaves out the time columns. */
      g_assert_true (date >= 0 && time >= 0);
      point = (BabelPoint) {
        .time_s = parse_babel_time (cell_text (row, date), cell_text (row, time)),
        .lat = g_ascii_strtod (row[lat], NULL),
        .lon = g_ascii_strtod (row[lon], NULL),
        .altitude = cell (row, ele),
        .heart_rate = cell (row, hr),
        .cadence = cell (row, cad),
        .speed = cell (row, speed),
      };

      g_array_append_val (points, point);
    }
  return points;
}

static GArray *
run_gpsbabel (const char *gpsbabel,
              const char *path,
              const char *options)
{
  g_autofree char *out = NULL;

  if (!spawn_gpsbabel (gpsbabel, path, options, &out))
    g_error ("gpsbabel could not read %s", path);
  return parse_unicsv (out);
}

/* gpsbabel prints a value with a fixed number of decimals, or nothing
 * when it has none. */
static void
assert_same_value (const char *printed,
                   double      ours,
                   double      half_last_digit)
{
  if (*printed == '\0')
    g_assert_true (isnan (ours));
  else
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (printed, NULL), ours, half_last_digit + 1e-9);
}

static void
assert_point_matches (RsbTestWorkout           *result,
                      guint             i,
                      const BabelPoint *babel)
{
  g_assert_cmpfloat_with_epsilon (babel->lat, rsb_test_workout_column (result, RSB_STREAM_LAT, i), 1e-6);
  g_assert_cmpfloat_with_epsilon (babel->lon, rsb_test_workout_column (result, RSB_STREAM_LON, i), 1e-6);
  g_assert_cmpint (babel->time_s * 1000, ==,
                   result->info->start_ms + (gint64) rsb_test_workout_column (result, RSB_STREAM_TIME, i) * 1000);
  assert_same_value (babel->altitude, rsb_test_workout_column (result, RSB_STREAM_ALTITUDE, i), 0.05);
  assert_same_value (babel->heart_rate, rsb_test_workout_column (result, RSB_STREAM_HEART_RATE, i), 0);
  assert_same_value (babel->speed, rsb_test_workout_column (result, RSB_STREAM_SPEED, i), 0.005);
  /* unicsv leaves a cadence of 0 blank, as if there were none. */
  if (*babel->cadence == '\0' && rsb_test_workout_column (result, RSB_STREAM_CADENCE, i) == 0.0)
    return;
  assert_same_value (babel->cadence, rsb_test_workout_column (result, RSB_STREAM_CADENCE, i), 0);
}

/* gpsbabel writes only records with a position: every one of them must
 * be one of ours, in order, with the same time and values. */
static void
compare_with_gpsbabel (const char     *gpsbabel,
                       const char     *path,
                       RsbTestWorkout *result)
{
  g_autoptr(GArray) babel = run_gpsbabel (gpsbabel, path, "");
  guint n = 0;

  g_test_message ("%s: gpsbabel %u positioned points, ours %u of %u records",
                  path, babel->len, count_positioned (result->streams), result->streams->n_points);
  g_assert_cmpuint (babel->len, ==, count_positioned (result->streams));

  for (guint i = 0; i < result->streams->n_points && babel->len > 0; i++)
    {
      if (isnan (rsb_test_workout_column (result, RSB_STREAM_LAT, i)))
        continue;
      /* First and last are the ones that matter most; all are checked. */
      assert_point_matches (result, i, &g_array_index (babel, BabelPoint, n));
      n++;
    }
  g_assert_cmpuint (n, ==, babel->len);
}

/* A file we refuse must be one nobody could have wanted drawn: gpsbabel
 * finds no track in what we call "not an activity" (settings, a track
 * of neither times nor positions), and it too calls the damaged ones
 * corrupt, by their checksum. Its recoverymode would salvage a few
 * points from those, but a file that fails its own checksum is not
 * worth guessing at; saying so beats importing half a run silently. */
static void
assert_refusal_shared (const char     *gpsbabel,
                       const char     *path,
                       RsbTestWorkout *result)
{
  g_autofree char *out = NULL;
  gboolean babel_read = spawn_gpsbabel (gpsbabel, path, "", &out);

  g_test_message ("%s: refused (%s), gpsbabel %s", path, result->error->message,
                  babel_read ? "read it" : "refused it too");
  if (g_error_matches (result->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT))
    {
      g_assert_false (babel_read);
    }
  else if (g_error_matches (result->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED) ||
           g_error_matches (result->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA))
    {
      g_autoptr(GArray) babel = NULL;

      g_assert_true (babel_read);
      babel = parse_unicsv (out);
      g_assert_cmpuint (babel->len, ==, 0);
    }
  else
    g_error ("%s: refused for an unexpected reason: %s", path, result->error->message);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every *.fit of the shared folder, in a stable order. */
static GPtrArray *
list_fit_files (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_str_has_suffix (lower, ".fit"))
        g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
    }
  g_ptr_array_sort (paths, compare_strings);
  return paths;
}

/* With allpoints gpsbabel also writes the records without a position
 * (as 0,0). Its times differ from ours there, by its choice: it reads
 * global message 0 (file_id) as device settings, so time_created is
 * added to every timestamp below 0x10000000 as if it were a UTC offset,
 * and it adds a compressed header's 5-bit offset to the last full
 * timestamp instead of rolling it over. The records themselves agree. */
static void
compare_positionless_with_gpsbabel (const char *gpsbabel)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "compressed-speed-distance.fit");
  g_autoptr(GArray) babel = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (rsb_test_workout_read_path (rsb_fit_read, path, &result));
  babel = run_gpsbabel (gpsbabel, path, ",allpoints");
  g_assert_cmpuint (babel->len, ==, result.streams->n_points);
  for (guint i = 0; i < babel->len; i++)
    {
      BabelPoint *point = &g_array_index (babel, BabelPoint, i);

      g_assert_cmpfloat (point->lat, ==, 0.0);
      assert_same_value (point->heart_rate, rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, i), 0);
    }
  /* The first record follows an event at 17217864, with offset 8. As
   * 17217864 ends in 8 (binary 01000), ours is 17217864 itself;
   * gpsbabel's is 17217864 + 17217864 (time_created) + 8. */
  g_assert_cmpint (g_array_index (babel, BabelPoint, 0).time_s * 1000 - result.info->start_ms,
                   ==, G_GINT64_CONSTANT (17217872000));
}

/* New files dropped into the shared folder are checked as they come:
 * each one either matches gpsbabel's decoding or is refused for a
 * reason gpsbabel agrees with. */
static void
test_gpsbabel (void)
{
  g_autofree char *gpsbabel = g_find_program_in_path ("gpsbabel");
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  guint compared = 0;

  if (gpsbabel == NULL)
    {
      g_test_skip ("gpsbabel is not installed (apt-get install gpsbabel)");
      return;
    }
  folder = rsb_test_shared_file ("activities", "");
  if (folder == NULL)
    return;
  paths = list_fit_files (folder);
  g_assert_cmpuint (paths->len, >, 0);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_auto(RsbTestWorkout) result = { NULL, };

      if (rsb_test_workout_read_path (rsb_fit_read, path, &result) && result.info->recovered != NULL)
        {
          g_autofree char *out = NULL;

          /* Damaged, read in part: gpsbabel calls it corrupt; Garmin's
           * SDK is the measure of what was there (test-fit-recovery). */
          g_test_message ("%s: recovered (%s)", path, result.info->recovered);
          g_assert_false (spawn_gpsbabel (gpsbabel, path, "", &out));
        }
      else if (result.error == NULL)
        {
          compare_with_gpsbabel (gpsbabel, path, &result);
          compared++;
        }
      else
        assert_refusal_shared (gpsbabel, path, &result);
    }
  g_test_message ("%u of %u FIT files compared with gpsbabel", compared, paths->len);
  g_assert_cmpuint (compared, >, 0);
  compare_positionless_with_gpsbabel (gpsbabel);
}

/* ---- files encoded here ------------------------------------------------ */

static void
assert_simple_activity (RsbTestWorkout *result,
                        guint   n)
{
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->streams->n_points, ==, n);
  g_assert_cmpint (result->info->start_ms, ==, (1000000000 + FIT_EPOCH_UNIX_S) * 1000);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_TIME, i), ==, i);
      g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (result, RSB_STREAM_LAT, i), 46.05 + i * 1e-4, 1e-7);
      g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (result, RSB_STREAM_LON, i), 14.50, 1e-7);
      g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (result, RSB_STREAM_ALTITUDE, i), 300 + i * 0.2, 1e-9);
      g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_HEART_RATE, i), ==, 120 + i);
      g_assert_cmpfloat (rsb_test_workout_column (result, RSB_STREAM_CADENCE, i), ==, 80 + i);
      g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (result, RSB_STREAM_DISTANCE, i), i * 11.13, 1e-9);
      g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (result, RSB_STREAM_SPEED, i), 2.226, 1e-12);
    }
  g_assert_cmpfloat (result->info->elapsed_s, ==, n - 1);
  g_assert_cmpfloat_with_epsilon (result->info->distance_m, (n - 1) * 11.13, 1e-9);
}

static void
test_byte_orders (void)
{
  for (int big = 0; big <= 1; big++)
    {
      g_autoptr(GBytes) bytes = simple_activity (big, 14, 10, 1);
      g_auto(RsbTestWorkout) result = { NULL, };

      g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "order.fit", &result));
      assert_simple_activity (&result, 10);
      g_assert_cmpstr (result.info->sport, ==, "run");
    }
}

/* A 12-byte header has no checksum of its own; a 14-byte one may say 0
 * for "not computed". */
static void
test_header_forms (void)
{
  g_autoptr(GBytes) short_header = simple_activity (FALSE, 12, 3, -1);
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) zero_crc = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };
  RawRecord r = make_record (1000000000, 0);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, short_header, "short.fit", &result));
  assert_simple_activity (&result, 3);

  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  fit_record (fit, 1, FALSE, &r);
  fit_end_part (fit, HEADER_CRC_ZERO);
  zero_crc = g_byte_array_free_to_bytes (fit->bytes);
  g_free (fit);
  rsb_test_workout_clear (&result);
  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, zero_crc, "zero.fit", &result));
  assert_simple_activity (&result, 1);
}

/* Rolling 5-bit offsets: 1000000000 ends in 0 (binary ...00000), so
 * offset 10 is +10 s, 31 is +31 s, and 2 after 31 wraps to +34 s. A
 * full timestamp in between (an event) becomes the new reference. */
static void
test_compressed_timestamps (void)
{
  static const guint8 event_fields[] = { 253, 4, 0x86, 0, 1, 0x00, 1, 1, 0x00 };
  static const guint8 offsets[] = { 10, 31, 2, 2 };
  const double expected[] = { 0, 10, 31, 34, 34, 100, 102, 130 };
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };
  RawRecord r = make_record (1000000000, 0);

  g_assert_cmpuint (1000000000 & 0x1f, ==, 0);
  fit_file_id (fit, 4);
  fit_define_record (fit, 0, FALSE, TRUE);
  fit_define_record (fit, 3, TRUE, FALSE);
  fit_record (fit, 0, FALSE, &r);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    fit_compressed_record (fit, 3, offsets[i], TRUE, &r);

  /* A timer event at +100 s (low bits 4): records follow from there. */
  fit_define (fit, 5, FALSE, 21, event_fields, 3, NULL, 0);
  put (fit, 5, 1, FALSE);
  put (fit, 1000000100, 4, FALSE);
  put (fit, 0, 1, FALSE);
  put (fit, 0, 1, FALSE);
  fit_compressed_record (fit, 3, 4, TRUE, &r);          /* +100 */
  fit_compressed_record (fit, 3, 6, TRUE, &r);          /* +102 */
  fit_compressed_record (fit, 3, 2, TRUE, &r);          /* 2 < 6: +130 */
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "compressed.fit", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, i), ==, expected[i]);
}

/* Developer fields sit between the normal fields of each message and
 * the next message: only their declared size says how far. */
static void
test_developer_fields (void)
{
  static const guint8 fields[] = { 253, 4, 0x86, 3, 1, 0x02 };
  static const guint8 developer[] = { 0, 7, 0, 1, 1, 0 };
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };

  fit_file_id (fit, 4);
  fit_define (fit, 2, FALSE, 20, fields, 2, developer, 2);
  for (guint i = 0; i < 3; i++)
    {
      put (fit, 2, 1, FALSE);
      put (fit, 1000000000 + i, 4, FALSE);
      put (fit, 150 + i, 1, FALSE);
      /* Eight bytes of developer data, all of them header-like. */
      put (fit, G_GUINT64_CONSTANT (0x4242424242424242), 8, FALSE);
    }
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "developer.fit", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 3);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_HEART_RATE), ==, 152.0);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_TIME), ==, 2.0);
  /* Neither positions nor a distance: no route, no distance column. */
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_LAT));
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_DISTANCE));
}

/* Each base type's invalid pattern is a missing value; a column whose
 * values are all missing is not there at all. */
static void
test_invalid_values (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };
  RawRecord a = make_record (1000000000, 0);
  RawRecord b = invalid_record;

  b.time = 1000000001;
  b.lat = a.lat;                  /* a latitude without a longitude */
  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  fit_record (fit, 1, FALSE, &a);
  fit_record (fit, 1, FALSE, &b);
  a.time = 1000000002;
  a.cadence = 0xff;
  fit_record (fit, 1, FALSE, &a);
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "invalid.fit", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 3);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_LAT, 1)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_LON, 1)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 1)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 1)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 1)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_CADENCE, 2)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 1)));
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 1)));
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_HEART_RATE, 2), ==, 120.0);
  g_assert_cmpfloat (result.info->distance_m, ==, 0.0);
}

static void
fit_event (Fit     *fit,
           guint32  time,
           guint8   event_type)
{
  static const guint8 fields[] = { 253, 4, 0x86, 0, 1, 0x00, 1, 1, 0x00 };

  fit_define (fit, 2, FALSE, 21, fields, 3, NULL, 0);
  put (fit, 2, 1, FALSE);
  put (fit, time, 4, FALSE);
  put (fit, 0, 1, FALSE);                      /* timer */
  put (fit, event_type, 1, FALSE);
}

static void
fit_lap (Fit     *fit,
         guint32  time,
         guint8   sport)
{
  static const guint8 fields[] = { 253, 4, 0x86, 25, 1, 0x00 };

  fit_define (fit, 3, FALSE, 19, fields, 2, NULL, 0);
  put (fit, 3, 1, FALSE);
  put (fit, time, 4, FALSE);
  put (fit, sport, 1, FALSE);
}

/* 300 records a second apart, the timer stopped for 41 s while the runner went on
 * 200 m (as fast as a jog, so the gap alone looks like running), then
 * 260 s more. Laps, not a session, say it was a run. */
static GBytes *
paused_activity (gboolean with_events)
{
  Fit *fit = fit_new (14);

  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  if (with_events)
    fit_event (fit, 1000000000, 0);
  for (guint i = 0; i < 561; i++)
    {
      guint32 time = 1000000000 + i + (i >= 300 ? 40 : 0);
      RawRecord r = make_record (time, i);

      if (i >= 300)
        r.distance += 20000;
      if (with_events && i == 300)
        fit_event (fit, time, 0);             /* start */
      fit_record (fit, 1, FALSE, &r);
      if (with_events && i == 299)
        fit_event (fit, time, 1);             /* stop */
      if (i == 299 || i == 560)
        fit_lap (fit, time, 1);
    }
  if (with_events)
    fit_event (fit, 1000000600, 4);           /* stop all */
  return fit_finish (fit);
}

/* The pause stays in the time stream (songs keep playing through it)
 * but not in the moving time. */
static void
test_timer_pauses (void)
{
  g_autoptr(GBytes) with_events = paused_activity (TRUE);
  g_autoptr(GBytes) without = paused_activity (FALSE);
  g_auto(RsbTestWorkout) paused = { 0 };
  g_auto(RsbTestWorkout) guessed = { 0 };

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, with_events, "paused.fit", &paused));
  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, without, "guessed.fit", &guessed));

  g_assert_cmpuint (paused.streams->n_points, ==, 561);
  g_assert_cmpfloat (rsb_test_workout_column (&paused, RSB_STREAM_TIME, 300), ==, 340);
  g_assert_cmpfloat (paused.info->elapsed_s, ==, 600);
  g_assert_cmpfloat (paused.info->moving_s, ==, 559);
  /* Without the timer's word, a 41 s gap at jogging pace is moving. */
  g_assert_cmpfloat (guessed.info->moving_s, ==, 600);
  g_assert_cmpstr (paused.info->sport, ==, "run");
  g_assert_cmpstr (paused.info->name, ==, "Run");
}

/* A stop with no start after it: the watch logged on, the workout had
 * ended. */
static void
test_timer_never_restarted (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { 0 };

  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  for (guint i = 0; i < 100; i++)
    {
      RawRecord r = make_record (1000000000 + i, i);

      fit_record (fit, 1, FALSE, &r);
      if (i == 49)
        fit_event (fit, 1000000000 + i, 1);
    }
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "stopped.fit", &result));
  g_assert_cmpuint (result.streams->n_points, ==, 100);
  g_assert_cmpfloat (result.info->elapsed_s, ==, 99);
  g_assert_cmpfloat (result.info->moving_s, ==, 49);
}

/* Enhanced altitude and speed win over the plain fields when valid. */
static void
test_enhanced_fields (void)
{
  static const guint8 fields[] = {
    253, 4, 0x86, 2, 2, 0x84, 78, 4, 0x86, 6, 2, 0x84, 73, 4, 0x86,
  };
  const guint32 enhanced[][2] = { { 70000 * 5, 70000 }, { 0xffffffff, 0xffffffff } };
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };

  fit_file_id (fit, 4);
  fit_define (fit, 1, FALSE, 20, fields, 5, NULL, 0);
  for (guint i = 0; i < 2; i++)
    {
      put (fit, 1, 1, FALSE);
      put (fit, 1000000000 + i, 4, FALSE);
      put (fit, (1000 + 500) * 5, 2, FALSE);
      put (fit, enhanced[i][0], 4, FALSE);
      put (fit, 3000, 2, FALSE);
      put (fit, enhanced[i][1], 4, FALSE);
    }
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "enhanced.fit", &result));
  g_assert_no_error (result.error);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 0), ==, 69500.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 0), ==, 70.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_ALTITUDE, 1), ==, 1000.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, 1), ==, 3.0);
}

/* Two FIT files back to back are one activity; the pause between them
 * stays a gap in the time stream, and each file has its own local
 * message types. */
static void
test_chained (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };

  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      RawRecord r = make_record (1000000000 + i, i);

      fit_record (fit, 1, FALSE, &r);
    }
  fit_end_part (fit, HEADER_CRC_RIGHT);

  fit_begin_part (fit, 12);
  fit_file_id (fit, 4);
  fit_define_record (fit, 7, TRUE, TRUE);
  for (guint i = 3; i < 5; i++)
    {
      RawRecord r = make_record (1000000600 + i, i);

      fit_record (fit, 7, TRUE, &r);
    }
  fit_session (fit, 2);
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "chained.fit", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 5);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 2), ==, 2.0);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_TIME, 3), ==, 603.0);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_HEART_RATE), ==, 124.0);
  g_assert_cmpfloat (result.info->elapsed_s, ==, 604.0);
  g_assert_cmpstr (result.info->sport, ==, "ride");
  g_assert_cmpstr (result.info->name, ==, "Ride");
}

/* A chain whose second file is not an activity: its records are not
 * part of the workout. */
static void
test_chained_other_kind (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };
  RawRecord r = make_record (1000000000, 0);

  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  fit_record (fit, 1, FALSE, &r);
  fit_end_part (fit, HEADER_CRC_RIGHT);
  fit_begin_part (fit, 14);
  fit_file_id (fit, 6);
  fit_define_record (fit, 1, FALSE, TRUE);
  r.time += 10;
  fit_record (fit, 1, FALSE, &r);
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "with-course.fit", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 1);
}

static void
test_not_activities (void)
{
  const struct { guint8 type; const char *words; } kinds[] = {
    { 2, "a FIT settings file" }, { 5, "a FIT workout file" }, { 6, "a FIT course file" },
    { 15, "a FIT monitoring file" }, { 32, "a FIT monitoring file" },
    { 200, "a FIT file of type 200" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      Fit *fit = fit_new (14);
      g_autoptr(GBytes) bytes = NULL;
      g_auto(RsbTestWorkout) result = { NULL, };
      RawRecord r = make_record (1000000000, 0);
      gboolean ok;

      fit_file_id (fit, kinds[i].type);
      fit_define_record (fit, 1, FALSE, TRUE);
      fit_record (fit, 1, FALSE, &r);
      bytes = fit_finish (fit);

      ok = rsb_test_workout_read_bytes (rsb_fit_read, bytes, "other.fit", &result);
      rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, "other.fit");
      assert_message_has (&result, kinds[i].words);
      assert_message_has (&result, "not an activity");
    }
}

/* Without a distance from the device, the distance between fixes. */
static void
test_distance_from_positions (void)
{
  static const guint8 fields[] = { 253, 4, 0x86, 0, 4, 0x85, 1, 4, 0x85 };
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };

  fit_file_id (fit, 4);
  fit_define (fit, 1, FALSE, 20, fields, 3, NULL, 0);
  for (guint i = 0; i < 4; i++)
    {
      put (fit, 1, 1, FALSE);
      put (fit, 1000000000 + i, 4, FALSE);
      /* The second record lost its fix. */
      put (fit, i == 1 ? 0x7fffffff : (guint32) degrees_to_semicircles (i * 0.001), 4, FALSE);
      put (fit, i == 1 ? 0x7fffffff : 0, 4, FALSE);
    }
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "morning jog.fit", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.streams->n_points, ==, 4);
  g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 0), ==, 0.0);
  g_assert_true (isnan (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 1)));
  /* 0.001 degree of latitude is 111.2 m. */
  g_assert_cmpfloat_with_epsilon (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, 2), 222.39, 0.01);
  g_assert_cmpfloat_with_epsilon (result.info->distance_m, 333.585, 0.01);
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_HEART_RATE));
  /* No session, no sport: the file's name names it. */
  g_assert_null (result.info->sport);
  g_assert_cmpstr (result.info->name, ==, "morning jog");
}

/* Records without a time in a timed file are dropped; a file whose
 * records have positions but no time at all is a plain route. */
static void
test_untimed_records (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) mixed = NULL;
  g_autoptr(GBytes) untimed = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };
  RawRecord r = make_record (1000000000, 0);
  RawRecord no_time = make_record (0xffffffff, 1);

  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  fit_record (fit, 1, FALSE, &r);
  fit_record (fit, 1, FALSE, &no_time);
  r.time++;
  fit_record (fit, 1, FALSE, &r);
  mixed = fit_finish (fit);
  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, mixed, "mixed.fit", &result));
  g_assert_cmpuint (result.streams->n_points, ==, 2);
  g_assert_cmpfloat (rsb_test_workout_last (&result, RSB_STREAM_TIME), ==, 1.0);

  fit = fit_new (14);
  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  fit_record (fit, 1, FALSE, &no_time);
  fit_record (fit, 1, FALSE, &no_time);
  untimed = fit_finish (fit);
  rsb_test_workout_clear (&result);
  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, untimed, "untimed.fit", &result));
  g_assert_cmpuint (result.streams->n_points, ==, 2);
  g_assert_false (rsb_streams_has (result.streams, RSB_STREAM_TIME));
  g_assert_true (rsb_streams_has_route (result.streams));
  g_assert_cmpint (result.info->start_ms, ==, RSB_NO_TIME);
  g_assert_cmpfloat (result.info->elapsed_s, ==, 0.0);
}

/* The packed field's 12-bit distance counter wraps at 256 m. */
static void
test_compressed_distance_wraps (void)
{
  static const guint8 fields[] = { 253, 4, 0x86, 8, 3, 0x0d };
  const guint32 counters[] = { 4000, 4090, 20, 100 };
  const double expected[] = { 250.0, 255.625, 257.25, 262.25 };
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };

  fit_file_id (fit, 4);
  fit_define (fit, 1, FALSE, 20, fields, 2, NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
    {
      put (fit, 1, 1, FALSE);
      put (fit, 1000000000 + i, 4, FALSE);
      put (fit, 250 | (counters[i] << 12), 3, FALSE);      /* 2.5 m/s */
    }
  bytes = fit_finish (fit);

  g_assert_true (rsb_test_workout_read_bytes (rsb_fit_read, bytes, "packed.fit", &result));
  g_assert_no_error (result.error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_DISTANCE, i), ==, expected[i]);
      g_assert_cmpfloat (rsb_test_workout_column (&result, RSB_STREAM_SPEED, i), ==, 2.5);
    }
}

/* ---- damage -------------------------------------------------------------- */

static GBytes *
with_byte (GBytes *bytes,
           gsize   offset,
           guint8  value)
{
  gsize len;
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));

  g_assert_cmpuint (offset, <, len);
  copy[offset] = value;
  return g_bytes_new_take (copy, len);
}

static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *words)
{
  g_auto(RsbTestWorkout) result = { NULL, };
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  ok = rsb_test_workout_read_bytes (rsb_fit_read, bytes, "damaged.fit", &result);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  rsb_test_workout_assert_failed (&result, ok, code, "damaged.fit");
  if (words != NULL)
    assert_message_has (&result, words);
}

static void
assert_recovered (GBytes     *bytes,
                  guint       n_points,
                  const char *words)
{
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  ok = rsb_test_workout_read_bytes (rsb_fit_read, bytes, "damaged.fit", &result);
  g_assert_no_error (result.error);
  g_assert_true (ok);
  g_assert_cmpuint (result.streams->n_points, ==, n_points);
  g_assert_nonnull (result.info->recovered);
  g_assert_true (g_str_has_prefix (result.info->recovered, "“damaged.fit”"));
  g_assert_nonnull (strstr (result.info->recovered, words));
}

/* Every cut of a good file keeps the records that arrived whole, with
 * a warning; a cut before the first record is refused as damaged. The
 * records of simple_activity, each of the same size, come last but for
 * the session. */
static void
test_every_truncation (void)
{
  const guint n = 4;
  g_autoptr(GBytes) whole = simple_activity (FALSE, 14, n, 1);
  gsize len = g_bytes_get_size (whole);
  gsize data_end = len - 2;
  gsize record_size = 0;
  guint n_recovered = 0;

  gsize session_size = 0;

  {
    g_autoptr(GBytes) one_less = simple_activity (FALSE, 14, n - 1, 1);
    g_autoptr(GBytes) no_session = simple_activity (FALSE, 14, n, -1);

    record_size = len - g_bytes_get_size (one_less);
    session_size = len - g_bytes_get_size (no_session);
  }
  for (gsize cut = 1; cut < len; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, cut);
      gsize first_record = data_end - session_size - n * record_size;
      guint whole_records = cut < first_record ? 0 : MIN (n, (cut - first_record) / record_size);

      if (whole_records == 0)
        {
          assert_refused (part, RSB_IMPORT_ERROR_CORRUPT, "is damaged");
          continue;
        }
      assert_recovered (part, whole_records, "ends early");
      n_recovered++;
    }
  g_assert_cmpuint (n_recovered, >, 0);
}

static void
test_checksums (void)
{
  g_autoptr(GBytes) good = simple_activity (FALSE, 14, 4, 1);
  gsize len = g_bytes_get_size (good);
  const guint8 *data = g_bytes_get_data (good, NULL);
  g_autoptr(GBytes) bad_data = with_byte (good, 40, data[40] ^ 0x01);
  g_autoptr(GBytes) bad_crc = with_byte (good, len - 1, data[len - 1] ^ 0x80);
  /* In the last record's data (the session's 18 bytes come after it). */
  g_autoptr(GBytes) bad_record = with_byte (good, len - 2 - 18 - 4, data[len - 24] ^ 0x01);
  g_autoptr(GBytes) bad_header = with_byte (good, 2, data[2] ^ 0x01);
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bad_header_crc = NULL;

  /* The records are read, with a warning that some may be wrong. */
  assert_recovered (bad_record, 4, "fails its checksum");
  assert_recovered (bad_crc, 4, "fails its checksum: 4 records recovered, some may be wrong");
  assert_recovered (bad_header, 4, "fails its header checksum: 4 records recovered");
  /* Without records there is nothing to recover: the damage is the
   * message. Byte 40 lies in the definitions: no record is left. */
  assert_refused (bad_data, RSB_IMPORT_ERROR_CORRUPT, "checksum does not match its contents");

  fit_file_id (fit, 4);
  fit_end_part (fit, HEADER_CRC_WRONG);
  bad_header_crc = g_byte_array_free_to_bytes (fit->bytes);
  g_free (fit);
  assert_refused (bad_header_crc, RSB_IMPORT_ERROR_CORRUPT, "checksum of its FIT header");
}

/* A header that claims 2 GB of data on a file of a few dozen bytes is
 * refused at once, without reserving anything for the claim. */
static void
test_huge_size_claim (void)
{
  g_autoptr(GBytes) good = simple_activity (FALSE, 12, 2, 1);
  g_autoptr(GBytes) a = with_byte (good, 7, 0x7f);
  g_autoptr(GBytes) b = with_byte (good, 7, 0xff);

  assert_recovered (a, 2, "ends early");
  assert_recovered (b, 2, "ends early");
}

/* A definition of 255 fields of 255 bytes each (and as many developer
 * fields) followed by a data message much shorter than that. */
static void
test_huge_definition (void)
{
  g_autofree guint8 *fields = g_new (guint8, 3 * 255);
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < 255; i++)
    {
      fields[3 * i] = i;
      fields[3 * i + 1] = 255;
      fields[3 * i + 2] = 0x0d;
    }
  fit_file_id (fit, 4);
  fit_define (fit, 1, FALSE, 20, fields, 255, fields, 255);
  put (fit, 1, 1, FALSE);
  put (fit, 0, 8, FALSE);
  bytes = fit_finish (fit);
  assert_refused (bytes, RSB_IMPORT_ERROR_CORRUPT, "runs past the end of the data");
}

/* A file larger than any workout is refused from its size alone, before
 * anything is reserved for it or read from it. */
static void
test_huge_file (void)
{
  char *dir = rsb_test_dir_new ("fit");
  g_autofree char *path = g_build_filename (dir, "huge.fit", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                     NULL, NULL);
  g_auto(RsbTestWorkout) result = { NULL, };
  gint64 started;
  gboolean ok;

  /* Sparse: 3 GB that take no room on the disk. */
  g_assert_true (g_seekable_truncate (G_SEEKABLE (out), G_GINT64_CONSTANT (3) << 30, NULL, NULL));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));

  started = g_get_monotonic_time ();
  ok = rsb_test_workout_read_path (rsb_fit_read, path, &result);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_TOO_LARGE, "huge.fit");
  rsb_test_dir_remove (dir);
}

/* Two million and one records of one byte each (a definition without
 * fields): more points than any workout has. */
static void
test_too_many_records (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(RsbTestWorkout) result = { NULL, };
  guint n = 2000001;
  guint start;
  gboolean ok;

  fit_file_id (fit, 4);
  fit_define (fit, 1, FALSE, 20, NULL, 0, NULL, 0);
  start = fit->bytes->len;
  g_byte_array_set_size (fit->bytes, start + n);
  memset (fit->bytes->data + start, 0x01, n);
  bytes = fit_finish (fit);

  /* Not timed: two million messages take a while under valgrind. */
  ok = rsb_test_workout_read_bytes (rsb_fit_read, bytes, "many.fit", &result);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_TOO_LARGE, "many.fit");
  assert_message_has (&result, "too many");
}

static void
test_bad_messages (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) undefined = NULL;
  g_autoptr(GBytes) byte_order = NULL;
  g_autoptr(GBytes) cut_definition = NULL;
  RawRecord r = make_record (1000000000, 0);

  fit_file_id (fit, 4);
  fit_record (fit, 9, FALSE, &r);
  undefined = fit_finish (fit);
  assert_refused (undefined, RSB_IMPORT_ERROR_CORRUPT, "uses message type 9 before defining it");

  fit = fit_new (14);
  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  fit->bytes->data[fit->bytes->len - 3 * 8 - 4] = 7;      /* architecture */
  byte_order = fit_finish (fit);
  assert_refused (byte_order, RSB_IMPORT_ERROR_CORRUPT, "unknown byte order");

  fit = fit_new (14);
  fit_file_id (fit, 4);
  fit_define_record (fit, 1, FALSE, TRUE);
  g_byte_array_set_size (fit->bytes, fit->bytes->len - 2);
  cut_definition = fit_finish (fit);
  assert_refused (cut_definition, RSB_IMPORT_ERROR_CORRUPT, "runs past the end of the data");
}

static void
test_not_fit (void)
{
  static const char gpx[] = "<?xml version=\"1.0\"?><gpx version=\"1.1\"></gpx>";
  g_autoptr(GBytes) text = g_bytes_new_static (gpx, sizeof gpx - 1);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) good = simple_activity (FALSE, 14, 2, 1);
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) garbage = NULL;
  g_autoptr(GByteArray) padded = g_byte_array_new ();
  Fit *fit = fit_new (14);

  fit->protocol = 0x30;
  fit_file_id (fit, 4);
  newer = fit_finish (fit);

  assert_refused (text, RSB_IMPORT_ERROR_UNSUPPORTED, "is not a FIT file");
  assert_refused (empty, RSB_IMPORT_ERROR_CORRUPT, "is empty");
  assert_refused (newer, RSB_IMPORT_ERROR_UNSUPPORTED, "FIT protocol version 3.0");

  g_byte_array_append (padded, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_byte_array_append (padded, (const guint8 *) "\0\0\0\0", 4);
  garbage = g_byte_array_free_to_bytes (g_steal_pointer (&padded));
  /* Padding after a whole file: the file is kept, the padding named. */
  assert_recovered (garbage, 2, "not the header of another FIT file");
}

static void
test_no_records (void)
{
  Fit *fit = fit_new (14);
  g_autoptr(GBytes) bytes = NULL;

  fit_file_id (fit, 4);
  fit_session (fit, 1);
  bytes = fit_finish (fit);
  assert_refused (bytes, RSB_IMPORT_ERROR_NO_DATA, "holds no track");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = simple_activity (FALSE, 14, 2, 1);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_auto(RsbTestWorkout) result = { NULL, };
  gboolean ok;

  g_cancellable_cancel (cancellable);
  ok = rsb_fit_read (stream, "cancelled.fit", &result.info, &result.streams,
                     cancellable, &result.error);
  rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CANCELLED, "cancelled.fit");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/fit/fenix2", test_fenix2);
  g_test_add_func ("/import/fit/fenix5", test_fenix5);
  g_test_add_func ("/import/fit/sample-activity", test_sample_activity);
  g_test_add_func ("/import/fit/compressed-speed-distance", test_compressed_speed_distance);
  g_test_add_func ("/import/fit/settings-refused", test_settings_refused);
  g_test_add_func ("/import/fit/developer-data", test_developer_data);
  g_test_add_func ("/import/fit/unexpected-eof", test_unexpected_eof);
  g_test_add_func ("/import/fit/corrupt-header", test_corrupt_header);
  g_test_add_func ("/import/fit/gpsbabel", test_gpsbabel);
  g_test_add_func ("/import/fit/byte-orders", test_byte_orders);
  g_test_add_func ("/import/fit/header-forms", test_header_forms);
  g_test_add_func ("/import/fit/compressed-timestamps", test_compressed_timestamps);
  g_test_add_func ("/import/fit/developer-fields", test_developer_fields);
  g_test_add_func ("/import/fit/invalid-values", test_invalid_values);
  g_test_add_func ("/import/fit/enhanced-fields", test_enhanced_fields);
  g_test_add_func ("/import/fit/timer-pauses", test_timer_pauses);
  g_test_add_func ("/import/fit/timer-never-restarted", test_timer_never_restarted);
  g_test_add_func ("/import/fit/chained", test_chained);
  g_test_add_func ("/import/fit/chained-other-kind", test_chained_other_kind);
  g_test_add_func ("/import/fit/not-activities", test_not_activities);
  g_test_add_func ("/import/fit/distance-from-positions", test_distance_from_positions);
  g_test_add_func ("/import/fit/untimed-records", test_untimed_records);
  g_test_add_func ("/import/fit/compressed-distance-wraps", test_compressed_distance_wraps);
  g_test_add_func ("/import/fit/every-truncation", test_every_truncation);
  g_test_add_func ("/import/fit/checksums", test_checksums);
  g_test_add_func ("/import/fit/huge-size-claim", test_huge_size_claim);
  g_test_add_func ("/import/fit/huge-definition", test_huge_definition);
  g_test_add_func ("/import/fit/huge-file", test_huge_file);
  g_test_add_func ("/import/fit/too-many-records", test_too_many_records);
  g_test_add_func ("/import/fit/bad-messages", test_bad_messages);
  g_test_add_func ("/import/fit/not-fit", test_not_fit);
  g_test_add_func ("/import/fit/no-records", test_no_records);
  g_test_add_func ("/import/fit/cancelled", test_cancelled);

  return g_test_run ();
}
