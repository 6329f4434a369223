/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a CSV file. Besides not crashing, the reader must hand
 * out what it promises (valid UTF-8, bounded fields, lines that only
 * grow) and must not care how the stream cuts its reads: every input is
 * read twice, whole and in short reads, and both must agree. */
#include <stdint.h>
#include <string.h>

#include "rsb-csv-reader.h"
#include "rsb-import-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* ---- a stream with short reads ----------------------------------------- */

#define FUZZ_TYPE_SHORT_STREAM (fuzz_short_stream_get_type ())
G_DECLARE_FINAL_TYPE (FuzzShortStream, fuzz_short_stream, FUZZ, SHORT_STREAM, GInputStream)

struct _FuzzShortStream {
  GInputStream   parent_instance;
  const guint8  *data;
  gsize          size;
  gsize          pos;
  gsize          max_read;
};

G_DEFINE_TYPE (FuzzShortStream, fuzz_short_stream, G_TYPE_INPUT_STREAM)

static gssize
fuzz_short_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  FuzzShortStream *self = FUZZ_SHORT_STREAM (stream);
  gsize n = MIN (MIN (count, self->max_read), self->size - self->pos);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return n;
}

static void
fuzz_short_stream_class_init (FuzzShortStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = fuzz_short_stream_read;
}

static void
fuzz_short_stream_init (FuzzShortStream *self)
{
}

/* ---- reading ------------------------------------------------------------- */

#define MAX_FIELD_BYTES (1024 * 1024)

/* Every row, length-prefixed, then the error message if any. */
static GString *
read_rows (GInputStream *stream)
{
  g_autoptr(RsbCsvReader) reader = rsb_csv_reader_new (stream, "fuzz.csv");
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  const char **row;
  guint n, last_line = 0;

  while ((row = rsb_csv_reader_next_row (reader, &n, NULL, &error)) != NULL)
    {
      guint line = rsb_csv_reader_get_line (reader);

      g_assert (n >= 1 && row[n] == NULL);
      g_assert (line > last_line);
      last_line = line;
      g_string_append_printf (out, "row %u at %u\n", n, line);
      for (guint i = 0; i < n; i++)
        {
          gsize len = strlen (row[i]);

          g_assert (len <= MAX_FIELD_BYTES);
          g_assert (g_utf8_validate (row[i], len, NULL));
          g_string_append_printf (out, "%" G_GSIZE_FORMAT ":", len);
          g_string_append_len (out, row[i], len);
        }
    }

  if (error != NULL)
    {
      g_assert (g_error_matches (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT));
      g_assert (g_str_has_prefix (error->message, "“fuzz.csv” is damaged at line "));
      g_string_append_printf (out, "error %s\n", error->message);
    }
  return out;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) whole = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(FuzzShortStream) cut = g_object_new (FUZZ_TYPE_SHORT_STREAM, NULL);
  g_autoptr(GString) expected = NULL;
  g_autoptr(GString) got = NULL;

  cut->data = data;
  cut->size = size;
  cut->max_read = 1 + size % 7;

  expected = read_rows (whole);
  got = read_rows (G_INPUT_STREAM (cut));
  g_assert (g_string_equal (expected, got));
  return 0;
}
