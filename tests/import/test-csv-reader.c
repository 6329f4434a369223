/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the RFC 4180 reader: a Strava activities.csv written here,
 * each kind of damage, rows across chunk and read boundaries, speed. */
#include <string.h>

#include <gio/gio.h>

#include "rsb-csv-reader.h"
#include "rsb-import-error.h"

#define CHUNK_SIZE (64 * 1024)

/* ---- a stream that hands out a few bytes per read ----------------------- */

/* Real streams (pipes, archives, decompressors) return short reads; the
 * reader must not care where a read ends. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream {
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
  gsize         max_read;
};

G_DEFINE_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->max_read), size - self->pos);

  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return n;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (const char *data,
                    gsize       len,
                    gsize       max_read)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_new (data, len);
  self->max_read = max_read;
  return G_INPUT_STREAM (self);
}

/* ---- helpers ------------------------------------------------------------ */

typedef struct {
  GPtrArray *rows;    /* of GStrv */
  GArray    *lines;   /* guint: rsb_csv_reader_get_line after each row */
  GError    *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->lines, g_array_unref);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
read_all (GInputStream *stream,
          const char   *display_name,
          GCancellable *cancellable,
          Result       *result)
{
  g_autoptr(RsbCsvReader) reader = rsb_csv_reader_new (stream, display_name);
  const char **row;
  guint n;

  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  result->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  while ((row = rsb_csv_reader_next_row (reader, &n, cancellable, &result->error)) != NULL)
    {
      guint line = rsb_csv_reader_get_line (reader);

      g_assert_cmpuint (g_strv_length ((char **) row), ==, n);
      g_ptr_array_add (result->rows, g_strdupv ((char **) row));
      g_array_append_val (result->lines, line);
    }

  /* The end, or the damage, stays put. */
  if (result->error != NULL)
    {
      g_autoptr(GError) again = NULL;

      g_assert_null (rsb_csv_reader_next_row (reader, &n, cancellable, &again));
      g_assert_nonnull (again);
      g_assert_cmpstr (again->message, ==, result->error->message);
    }
  else
    {
      g_autoptr(GError) again = NULL;

      g_assert_null (rsb_csv_reader_next_row (reader, &n, cancellable, &again));
      g_assert_no_error (again);
      g_assert_cmpuint (n, ==, 0);
    }
}

static void
read_text_len (const char *text,
               gsize       len,
               const char *display_name,
               Result     *result)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, len, NULL);

  read_all (stream, display_name, NULL, result);
}

static void
read_text (const char *text,
           Result     *result)
{
  read_text_len (text, strlen (text), "test.csv", result);
}

static const char *
cell (Result *result,
      guint   row,
      guint   column)
{
  char **fields;

  g_assert_cmpuint (row, <, result->rows->len);
  fields = g_ptr_array_index (result->rows, row);
  g_assert_cmpuint (column, <, g_strv_length (fields));
  return fields[column];
}

static guint
row_length (Result *result,
            guint   row)
{
  g_assert_cmpuint (row, <, result->rows->len);
  return g_strv_length (g_ptr_array_index (result->rows, row));
}

static guint
line_of (Result *result,
         guint   row)
{
  g_assert_cmpuint (row, <, result->lines->len);
  return g_array_index (result->lines, guint, row);
}

static void
assert_same_rows (Result *a,
                  Result *b)
{
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      g_assert_cmpstrv (g_ptr_array_index (a->rows, i), g_ptr_array_index (b->rows, i));
      g_assert_cmpuint (line_of (a, i), ==, line_of (b, i));
    }
}

/* ---- a Strava export ---------------------------------------------------- */

/* Shortened from a real export: the columns the importer needs and a few
 * around them, including the repeated "Elapsed Time" and "Distance". */
#define STRAVA_HEADER \
  "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description," \
  "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note," \
  "Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed"
#define STRAVA_N_COLUMNS 19

static const char strava_csv[] =
  "\xEF\xBB\xBF" STRAVA_HEADER "\r\n"
  "10874512345,\"Mar 3, 2024, 7:12:45 AM\",Morning Run,Run,,3012,10.02,171.0,54,false,,"
  "Pegasus 40,activities/11234567890.fit.gz,,,3012.0,2950.0,10023.4,4.1\r\n"
  "10874599999,\"Mar 5, 2024, 6:01:10 PM\",\"Tempo, then hills\",Run,"
  "\"Felt good.\r\nSplits: 4:10, 4:05\r\nCoach said \"\"hold back\"\" next time\","
  "2710,8.51,182.0,97,false,\"legs \"\"heavy\"\"\",Pegasus 40,activities/11234599999.gpx.gz,"
  ",,2710.0,2655.0,8510.2,5.3\r\n"
  "10874600001,\"Mar 6, 2024, 8:30:00 PM\",\"Yoga, evening\",Workout,,3600,0,,12,false,,,"
  ",70.0,,3600.0,3600.0,0.0,0.0\r\n"
  "10874600002,\"Mar 9, 2024, 9:00:00 AM\",Long ride,Ride,\"Lunch at the café\n\nwind from the west\","
  "14400,95.3,,140,false,,Allez,activities/11234600002.fit.gz,,9.2,14400.0,13102.0,95301.5,14.2\r\n"
  "10874600003,\"Mar 10, 2024, 7:45:12 AM\",\"The \"\"Big\"\" Loop, part 2\",Run,,"
  "5400,15.0,165.0,120,false,,,activities/11234600003.tcx.gz,,,5400.0,5302.0,15001.0,3.9\r\n";

static void
check_strava (Result *result)
{
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->rows->len, ==, 6);
  for (guint i = 0; i < result->rows->len; i++)
    g_assert_cmpuint (row_length (result, i), ==, STRAVA_N_COLUMNS);

  /* The BOM is gone from the first name. */
  g_assert_cmpstr (cell (result, 0, 0), ==, "Activity ID");
  g_assert_cmpstr (cell (result, 0, 12), ==, "Filename");
  g_assert_cmpstr (cell (result, 0, 18), ==, "Max Speed");

  g_assert_cmpstr (cell (result, 1, 0), ==, "10874512345");
  g_assert_cmpstr (cell (result, 1, 1), ==, "Mar 3, 2024, 7:12:45 AM");
  g_assert_cmpstr (cell (result, 1, 4), ==, "");
  g_assert_cmpstr (cell (result, 1, 12), ==, "activities/11234567890.fit.gz");
  g_assert_cmpstr (cell (result, 1, 18), ==, "4.1");

  g_assert_cmpstr (cell (result, 2, 2), ==, "Tempo, then hills");
  g_assert_cmpstr (cell (result, 2, 4), ==,
                   "Felt good.\r\nSplits: 4:10, 4:05\r\nCoach said \"hold back\" next time");
  g_assert_cmpstr (cell (result, 2, 10), ==, "legs \"heavy\"");
  g_assert_cmpstr (cell (result, 2, 12), ==, "activities/11234599999.gpx.gz");

  /* Entered by hand: no file. */
  g_assert_cmpstr (cell (result, 3, 2), ==, "Yoga, evening");
  g_assert_cmpstr (cell (result, 3, 12), ==, "");
  g_assert_cmpstr (cell (result, 3, 13), ==, "70.0");

  g_assert_cmpstr (cell (result, 4, 4), ==, "Lunch at the café\n\nwind from the west");
  g_assert_cmpstr (cell (result, 4, 14), ==, "9.2");

  g_assert_cmpstr (cell (result, 5, 2), ==, "The \"Big\" Loop, part 2");
  g_assert_cmpstr (cell (result, 5, 12), ==, "activities/11234600003.tcx.gz");
  g_assert_cmpstr (cell (result, 5, 18), ==, "3.9");

  /* Rows begin on the line an editor shows them on. */
  g_assert_cmpuint (line_of (result, 0), ==, 1);
  g_assert_cmpuint (line_of (result, 1), ==, 2);
  g_assert_cmpuint (line_of (result, 2), ==, 3);
  g_assert_cmpuint (line_of (result, 3), ==, 6);
  g_assert_cmpuint (line_of (result, 4), ==, 7);
  g_assert_cmpuint (line_of (result, 5), ==, 10);
}

static void
test_strava_export (void)
{
  g_auto(Result) result = { NULL, };

  read_text_len (strava_csv, sizeof strava_csv - 1, "activities.csv", &result);
  check_strava (&result);
}

/* Every possible read size up to a few bytes, so BOM, CRLF and doubled
 * quotes all get split between reads. */
static void
test_short_reads (void)
{
  for (gsize max_read = 1; max_read <= 7; max_read++)
    {
      g_autoptr(GInputStream) stream = trickle_stream_new (strava_csv, sizeof strava_csv - 1,
                                                           max_read);
      g_auto(Result) result = { NULL, };

      read_all (stream, "activities.csv", NULL, &result);
      check_strava (&result);
    }
}

/* ---- the corners of the format ------------------------------------------ */

static void
test_line_ends (void)
{
  g_auto(Result) result = { NULL, };

  /* LF rows, a lone CR row end, then CRLF; quoted CR, LF and CRLF kept. */
  read_text ("a,b\n"
             "\"1\r2\",\"3\n4\",\"5\r\n6\"\r"
             "x,y\r\n"
             "last,row", &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.rows->len, ==, 4);
  g_assert_cmpstr (cell (&result, 1, 0), ==, "1\r2");
  g_assert_cmpstr (cell (&result, 1, 1), ==, "3\n4");
  g_assert_cmpstr (cell (&result, 1, 2), ==, "5\r\n6");
  g_assert_cmpstr (cell (&result, 2, 1), ==, "y");
  /* The final row has no line end. */
  g_assert_cmpstr (cell (&result, 3, 0), ==, "last");
  g_assert_cmpstr (cell (&result, 3, 1), ==, "row");
  g_assert_cmpuint (line_of (&result, 0), ==, 1);
  g_assert_cmpuint (line_of (&result, 1), ==, 2);
  g_assert_cmpuint (line_of (&result, 2), ==, 6);
  g_assert_cmpuint (line_of (&result, 3), ==, 7);
}

static void
test_empty_fields_and_ragged_rows (void)
{
  g_auto(Result) result = { NULL, };

  read_text ("a,b,c\n"
             ",,\n"
             "\"\",x\n"
             "only\n"
             "\n"
             "1,2,3,4,5\n"
             "trailing,\n", &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.rows->len, ==, 7);
  g_assert_cmpuint (row_length (&result, 1), ==, 3);
  g_assert_cmpstr (cell (&result, 1, 0), ==, "");
  g_assert_cmpstr (cell (&result, 1, 2), ==, "");
  g_assert_cmpuint (row_length (&result, 2), ==, 2);
  g_assert_cmpstr (cell (&result, 2, 0), ==, "");
  g_assert_cmpuint (row_length (&result, 3), ==, 1);
  /* A blank line is a row of one empty field, as RFC 4180 reads it. */
  g_assert_cmpuint (row_length (&result, 4), ==, 1);
  g_assert_cmpstr (cell (&result, 4, 0), ==, "");
  g_assert_cmpuint (row_length (&result, 5), ==, 5);
  g_assert_cmpuint (row_length (&result, 6), ==, 2);
  g_assert_cmpstr (cell (&result, 6, 1), ==, "");
}

static void
test_empty_input (void)
{
  const char *inputs[] = { "", "\xEF\xBB\xBF" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_auto(Result) result = { NULL, };

      read_text (inputs[i], &result);
      g_assert_no_error (result.error);
      g_assert_cmpuint (result.rows->len, ==, 0);
    }
}

/* Only a BOM at the very start is one. */
static void
test_bom_only_at_start (void)
{
  g_auto(Result) result = { NULL, };

  read_text ("\xEF\xBB\xBF\xEF\xBB\xBFx\n\xEF\xBB\xBFy", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (cell (&result, 0, 0), ==, "\xEF\xBB\xBFx");
  g_assert_cmpstr (cell (&result, 1, 0), ==, "\xEF\xBB\xBFy");
}

/* ---- damage -------------------------------------------------------------- */

static void
assert_damaged (const char *text,
                gsize       len,
                guint       rows_before,
                const char *expected)
{
  g_auto(Result) result = { NULL, };

  read_text_len (text, len, "activities.csv", &result);
  g_assert_error (result.error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (result.error->message, "“activities.csv” is damaged at line "));
  if (strstr (result.error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", result.error->message, expected);
  g_assert_cmpuint (result.rows->len, ==, rows_before);
}

#define DAMAGED(text, rows_before, expected) \
  assert_damaged (text, sizeof text - 1, rows_before, expected)

static void
test_damaged (void)
{
  DAMAGED ("a,b\r\nab\"c,d\r\n", 1, "line 2: a quote inside a field that does not start with one");
  DAMAGED ("a,b\n \"c\",d\n", 1, "line 2: a quote inside a field");
  DAMAGED ("a,\"b\"c\n", 0, "line 1: text after the closing quote of a field");
  /* EOF inside quotes: the line the quote opened on. */
  DAMAGED ("h\r\nx\r\n\"never\r\nclosed,\r\n", 2, "line 3: a quoted field is never closed");
  DAMAGED ("a,\"", 0, "line 1: a quoted field is never closed");
  /* The line of the bad byte, even deep inside a quoted field. */
  DAMAGED ("h\n\"one\ntwo\r\nthree \xC3\x28\",x\n", 1, "line 4: text that is not UTF-8");
  DAMAGED ("h\nok,\xFF\n", 1, "line 2: text that is not UTF-8");
  DAMAGED ("h\nok,\xED\xA0\x80\n", 1, "line 2: text that is not UTF-8");
  DAMAGED ("h\nok,a\0b\n", 1, "line 2: a NUL byte in the text");
  /* A multi-byte character cut by the end of the file. */
  DAMAGED ("h\nok,\xC3", 1, "line 2: text that is not UTF-8");
}

static void
test_too_large (void)
{
  g_autoptr(GString) text = g_string_new ("h\nx,\"");

  /* One field just over 1 MiB, quoted and with line breaks in it. */
  for (guint i = 0; i < 1024; i++)
    {
      g_string_append_c (text, '\n');
      for (guint j = 0; j < 1024 / 16; j++)
        g_string_append (text, "0123456789abcdef");
    }
  g_string_append (text, "\"\n");
  assert_damaged (text->str, text->len, 1, "line 2: a field is longer than 1 MiB");

  /* Under 1 MiB per field, over 4 MiB in the row. */
  g_string_assign (text, "h\nfirst\n");
  for (guint i = 0; i < 5; i++)
    {
      g_string_append (text, "\"");
      for (guint j = 0; j < 1000 * 1000 / 100; j++)
        g_string_append (text, "0123456789" "0123456789" "0123456789" "0123456789" "0123456789"
                               "012345678\n" "0123456789" "0123456789" "0123456789" "0123456789");
      g_string_append (text, "\",");
    }
  g_string_append (text, "\n");
  assert_damaged (text->str, text->len, 2, "line 3: a row is longer than 4 MiB");
}

/* ---- big files ----------------------------------------------------------- */

/* Rows of varying width so that every kind of byte lands on a 64 KiB
 * boundary somewhere: a quote, a doubled quote, CR and LF of a CRLF, a
 * comma, the middle of a multi-byte character. */
static char *
expected_description (guint i)
{
  return g_strdup_printf ("Run %u, \"easy\"\r\nfelt %s%.*s", i, i % 2 ? "ünd" : "ok",
                          (int) (i % 97), "..........................................."
                          "......................................................");
}

static GString *
generate_activities (guint n_rows)
{
  GString *csv = g_string_new ("\xEF\xBB\xBF" STRAVA_HEADER "\r\n");

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *description = expected_description (i);
      g_autofree char *quoted = NULL;
      g_auto(GStrv) parts = g_strsplit (description, "\"", -1);

      quoted = g_strjoinv ("\"\"", parts);
      g_string_append_printf (csv, "%u,\"Mar %u, 2024, 7:12:45 AM\",Run %u,Run,\"%s\","
                                   "3012,10.02,171.0,54,false,,,activities/%u.fit.gz,"
                                   ",,3012.0,2950.0,10023.4,4.1\r\n",
                              1000000 + i, 1 + i % 28, i, quoted, 1000000 + i);
    }
  return csv;
}

static void
check_activities (Result *result,
                  guint   n_rows)
{
  guint line = 2;

  g_assert_no_error (result->error);
  g_assert_cmpuint (result->rows->len, ==, n_rows + 1);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 1000000 + i);
      g_autofree char *file = g_strdup_printf ("activities/%u.fit.gz", 1000000 + i);
      g_autofree char *description = expected_description (i);

      g_assert_cmpuint (row_length (result, i + 1), ==, STRAVA_N_COLUMNS);
      g_assert_cmpstr (cell (result, i + 1, 0), ==, id);
      g_assert_cmpstr (cell (result, i + 1, 4), ==, description);
      g_assert_cmpstr (cell (result, i + 1, 12), ==, file);
      g_assert_cmpstr (cell (result, i + 1, 18), ==, "4.1");
      /* Each row takes two lines: its description has one line break. */
      g_assert_cmpuint (line_of (result, i + 1), ==, line);
      line += 2;
    }
}

static void
test_chunk_boundaries (void)
{
  const guint n_rows = 8000;
  g_autoptr(GString) csv = generate_activities (n_rows);
  g_auto(Result) whole = { NULL, };
  g_auto(Result) trickled = { NULL, };
  g_autoptr(GInputStream) stream = NULL;

  g_assert_cmpuint (csv->len, >, 20 * CHUNK_SIZE);
  read_text_len (csv->str, csv->len, "activities.csv", &whole);
  check_activities (&whole, n_rows);

  /* Reads of an odd size move the boundaries around again. */
  stream = trickle_stream_new (csv->str, csv->len, 4093);
  read_all (stream, "activities.csv", NULL, &trickled);
  assert_same_rows (&whole, &trickled);
}

/* One row bigger than several chunks. */
static void
test_row_over_many_chunks (void)
{
  g_autoptr(GString) csv = g_string_new ("a,b\r\n\"");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_auto(Result) result = { NULL, };

  for (guint i = 0; expected->len < 5 * CHUNK_SIZE; i++)
    g_string_append_printf (expected, "line %u, \"quoted\"\r\n", i);
  for (gsize i = 0; i < expected->len; i++)
    {
      if (expected->str[i] == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, expected->str[i]);
    }
  g_string_append (csv, "\",end");

  read_text_len (csv->str, csv->len, "activities.csv", &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.rows->len, ==, 2);
  g_assert_cmpstr (cell (&result, 1, 0), ==, expected->str);
  g_assert_cmpstr (cell (&result, 1, 1), ==, "end");
}

/* Not a benchmark (tests/bench is for that): a guard against the reader
 * turning quadratic or byte-by-byte slow. */
static void
test_speed (void)
{
  g_autoptr(GString) csv = generate_activities (50000);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RsbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0, n;
  gint64 start;
  double seconds;

  while (csv->len < 10 * 1000 * 1000)
    g_string_append_len (csv, csv->str + 3, csv->len - 3);
  stream = g_memory_input_stream_new_from_data (csv->str, csv->len, NULL);
  reader = rsb_csv_reader_new (stream, "activities.csv");

  start = g_get_monotonic_time ();
  while (rsb_csv_reader_next_row (reader, &n, NULL, &error) != NULL)
    n_rows++;
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, 50000);
  g_test_message ("%.1f MB in %.3f s (%.0f MB/s)", csv->len / 1e6, seconds,
                  csv->len / 1e6 / seconds);
  /* Valgrind and sanitizers slow everything down many times over. */
  if (g_getenv ("RSB_TEST_NO_TIMING") == NULL)
    g_assert_cmpfloat (seconds, <, 1.0);
}

/* ---- the stream ---------------------------------------------------------- */

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("a,b\n", -1, NULL);
  g_auto(Result) result = { NULL, };

  g_cancellable_cancel (cancellable);
  read_all (stream, "activities.csv", cancellable, &result);
  g_assert_error (result.error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED);
  g_assert_nonnull (strstr (result.error->message, "activities.csv"));
}

static void
test_read_error (void)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("a,b\n", -1, NULL);
  g_auto(Result) result = { NULL, };

  g_assert_true (g_input_stream_close (stream, NULL, NULL));
  read_all (stream, "activities.csv", NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_nonnull (strstr (result.error->message, "activities.csv"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/strava-export", test_strava_export);
  g_test_add_func ("/import/csv/short-reads", test_short_reads);
  g_test_add_func ("/import/csv/line-ends", test_line_ends);
  g_test_add_func ("/import/csv/empty-fields-and-ragged-rows", test_empty_fields_and_ragged_rows);
  g_test_add_func ("/import/csv/empty-input", test_empty_input);
  g_test_add_func ("/import/csv/bom-only-at-start", test_bom_only_at_start);
  g_test_add_func ("/import/csv/damaged", test_damaged);
  g_test_add_func ("/import/csv/too-large", test_too_large);
  g_test_add_func ("/import/csv/chunk-boundaries", test_chunk_boundaries);
  g_test_add_func ("/import/csv/row-over-many-chunks", test_row_over_many_chunks);
  g_test_add_func ("/import/csv/speed", test_speed);
  g_test_add_func ("/import/csv/cancelled", test_cancelled);
  g_test_add_func ("/import/csv/read-error", test_read_error);

  return g_test_run ();
}
