/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-csv-reader.c: RFC 4180 rows from a stream.
 *
 * Written for Strava's activities.csv, whose descriptions carry commas,
 * quotes and line breaks, but nothing Strava-specific lives here.
 *
 * The stream is read in 64 KiB chunks and a row is assembled in one
 * buffer, each field followed by a NUL, so a row costs no allocation once
 * the buffers have grown to the widest row. Runs of ordinary bytes are
 * copied in one go; only the four bytes that mean something (comma,
 * quote, CR, LF) are looked at one by one.
 *
 * Lines are counted as a text editor would (LF, CR and CRLF each end
 * one), inside quoted fields too, so messages point at the line the
 * user sees.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-csv-reader.h"

#include "rsb-import-error.h"

#include <string.h>

#define CHUNK_SIZE (64 * 1024)

/* Far beyond any real activity list, near enough to stop a damaged or
 * hostile file from taking all memory. */
#define MAX_FIELD_BYTES (1024 * 1024)
#define MAX_ROW_BYTES   (4 * 1024 * 1024)

typedef enum {
  STATE_FIELD_START,   /* nothing of the field read yet */
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTED_QUOTE,  /* a quote inside quotes: closing, or the first of two */
} CsvState;

struct _RsbCsvReader {
  GInputStream *stream;
  char         *display_name;

  guint8       *chunk;
  gsize         chunk_pos;
  gsize         chunk_len;
  gboolean      eof;
  gboolean      bom_checked;
  gboolean      done;        /* the end was reached or the file is damaged */
  GError       *error;       /* why it is damaged, given again on each call */

  guint         line;        /* where the scan is, 1-based */
  gboolean      prev_cr;     /* the last byte scanned was a CR */
  gboolean      skip_lf;     /* a row ended on CR: an LF next is part of it */
  guint         row_line;    /* where the last row returned began */

  /* The row being read. */
  CsvState      state;
  gboolean      row_started;
  guint         field_line;
  GString      *row;         /* field bytes, each field followed by NUL */
  GArray       *starts;      /* guint offset of each field in row */
  GPtrArray    *fields;      /* what next_row hands out, NULL-terminated */
};

RsbCsvReader *
rsb_csv_reader_new (GInputStream *stream,
                    const char   *display_name)
{
  RsbCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = g_new0 (RsbCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);
  self->chunk = g_malloc (CHUNK_SIZE);
  self->line = 1;
  self->row = g_string_sized_new (1024);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), 64);
  self->fields = g_ptr_array_sized_new (64);
  return self;
}

void
rsb_csv_reader_free (RsbCsvReader *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->stream);
  g_free (self->display_name);
  g_free (self->chunk);
  g_clear_error (&self->error);
  g_string_free (self->row, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

/* The line the last row returned began on (1-based), 0 before the first. */
guint
rsb_csv_reader_get_line (RsbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->row_line;
}

/* ---- damage ---------------------------------------------------------- */

/* Remembers the damage so every later call reports it too. */
static void
set_damaged (RsbCsvReader *self,
             guint         line,
             const char   *problem)
{
  g_clear_error (&self->error);
  /* Translators: the first %s is a file name, the last says what is wrong. */
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” is damaged at line %u: %s"),
               self->display_name, line, problem);
  self->done = TRUE;
}

/* The line of byte `offset` of a field that began on field_line. */
static guint
line_in_field (const char *field,
               gsize       offset,
               guint       field_line)
{
  guint line = field_line;

  for (gsize i = 0; i < offset; i++)
    {
      if (field[i] == '\r')
        line++;
      else if (field[i] == '\n' && (i == 0 || field[i - 1] != '\r'))
        line++;
    }
  return line;
}

/* ---- reading --------------------------------------------------------- */

static gboolean
read_more (RsbCsvReader  *self,
           gsize          offset,
           GCancellable  *cancellable)
{
  g_autoptr(GError) local_error = NULL;
  gssize n_read = -1;

  /* Memory streams never look at the cancellable themselves. */
  if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    n_read = g_input_stream_read (self->stream, self->chunk + offset, CHUNK_SIZE - offset,
                                  cancellable, &local_error);

  if (local_error != NULL)
    {
      g_clear_error (&self->error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                     _("Reading “%s” was cancelled"), self->display_name);
      else
        g_propagate_prefixed_error (&self->error, g_steal_pointer (&local_error),
                                    _("Could not read “%s”: "), self->display_name);
      self->done = TRUE;
      return FALSE;
    }

  self->chunk_len = offset + n_read;
  self->eof = n_read == 0;
  return TRUE;
}

/* A BOM might arrive split over short reads, so gather three bytes. */
static gboolean
skip_bom (RsbCsvReader  *self,
          GCancellable  *cancellable)
{
  static const guint8 bom[] = { 0xEF, 0xBB, 0xBF };

  self->bom_checked = TRUE;
  do
    {
      if (!read_more (self, self->chunk_len, cancellable))
        return FALSE;
    }
  while (self->chunk_len < sizeof bom && !self->eof);

  if (self->chunk_len >= sizeof bom && memcmp (self->chunk, bom, sizeof bom) == 0)
    self->chunk_pos = sizeof bom;
  return TRUE;
}

/* Makes sure unread bytes wait in the chunk, unless the stream is done. */
static gboolean
fill_chunk (RsbCsvReader  *self,
            GCancellable  *cancellable)
{
  if (!self->bom_checked && !skip_bom (self, cancellable))
    return FALSE;
  if (self->chunk_pos < self->chunk_len || self->eof)
    return TRUE;

  self->chunk_pos = 0;
  self->chunk_len = 0;
  return read_more (self, 0, cancellable);
}

/* ---- assembling a row ------------------------------------------------ */

static void
row_reset (RsbCsvReader *self)
{
  g_string_truncate (self->row, 0);
  g_array_set_size (self->starts, 0);
  self->state = STATE_FIELD_START;
  self->row_started = FALSE;
}

static void
field_begin (RsbCsvReader *self)
{
  guint start = self->row->len;

  g_array_append_val (self->starts, start);
  self->field_line = self->line;
}

static guint
field_start (RsbCsvReader *self)
{
  return g_array_index (self->starts, guint, self->starts->len - 1);
}

static gboolean
append (RsbCsvReader *self,
        const guint8 *bytes,
        gsize         len)
{
  g_string_append_len (self->row, (const char *) bytes, len);
  if (self->row->len - field_start (self) > MAX_FIELD_BYTES)
    {
      set_damaged (self, self->field_line, _("a field is longer than 1 MiB"));
      return FALSE;
    }
  if (self->row->len > MAX_ROW_BYTES)
    {
      set_damaged (self, self->row_line, _("a row is longer than 4 MiB"));
      return FALSE;
    }
  return TRUE;
}

/* Checks the field just read and closes it with its NUL. */
static gboolean
field_end (RsbCsvReader *self)
{
  guint start = field_start (self);
  const char *field = self->row->str + start;
  const char *bad;

  if (!g_utf8_validate (field, self->row->len - start, &bad))
    {
      guint line = line_in_field (field, bad - field, self->field_line);

      set_damaged (self, line, *bad == '\0' ? _("a NUL byte in the text")
                                            : _("text that is not UTF-8"));
      return FALSE;
    }
  g_string_append_c (self->row, '\0');
  self->state = STATE_FIELD_START;
  return TRUE;
}

static const char **
row_finish (RsbCsvReader *self,
            guint        *n_fields)
{
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < self->starts->len; i++)
    g_ptr_array_add (self->fields, self->row->str + g_array_index (self->starts, guint, i));
  g_ptr_array_add (self->fields, NULL);

  if (n_fields != NULL)
    *n_fields = self->starts->len;
  return (const char **) self->fields->pdata;
}

/* ---- the scanner ----------------------------------------------------- */

static gboolean
is_special (guint8 c)
{
  return c == ',' || c == '"' || c == '\r' || c == '\n';
}

/* A line break ends the current line; CRLF ends only one. */
static void
count_line_break (RsbCsvReader *self,
                  guint8        c)
{
  if (c == '\r' || !self->prev_cr)
    self->line++;
  self->prev_cr = c == '\r';
}

typedef enum {
  SCAN_MORE,      /* the row goes on */
  SCAN_ROW_DONE,
  SCAN_FAILED,
} ScanResult;

/* Copies the run of ordinary bytes at the chunk position into the field. */
static gboolean
take_run (RsbCsvReader *self)
{
  const guint8 *start = self->chunk + self->chunk_pos;
  const guint8 *end = self->chunk + self->chunk_len;
  const guint8 *p = start;

  while (p < end && !is_special (*p))
    p++;
  if (p == start)
    return TRUE;

  self->chunk_pos += p - start;
  self->prev_cr = FALSE;
  return append (self, start, p - start);
}

/* Outside quotes a comma ends the field, a line break the row. */
static ScanResult
scan_separator (RsbCsvReader *self,
                guint8        c)
{
  if (!field_end (self))
    return SCAN_FAILED;
  if (c == ',')
    {
      self->prev_cr = FALSE;
      field_begin (self);
      return SCAN_MORE;
    }
  count_line_break (self, c);
  self->skip_lf = c == '\r';
  return SCAN_ROW_DONE;
}

static ScanResult
scan_byte (RsbCsvReader *self,
           guint8        c)
{
  switch (self->state)
    {
    case STATE_FIELD_START:
      if (c == '"')
        {
          self->state = STATE_QUOTED;
          self->prev_cr = FALSE;
          return SCAN_MORE;
        }
      self->state = STATE_UNQUOTED;
      return scan_separator (self, c);

    case STATE_UNQUOTED:
      if (c == '"')
        {
          set_damaged (self, self->line, _("a quote inside a field that does not start with one"));
          return SCAN_FAILED;
        }
      return scan_separator (self, c);

    case STATE_QUOTED:
      if (c == '"')
        {
          self->state = STATE_QUOTED_QUOTE;
          self->prev_cr = FALSE;
          return SCAN_MORE;
        }
      if (c == '\r' || c == '\n')
        count_line_break (self, c);
      else
        self->prev_cr = FALSE;
      return append (self, &c, 1) ? SCAN_MORE : SCAN_FAILED;

    case STATE_QUOTED_QUOTE:
      if (c == '"')
        {
          self->state = STATE_QUOTED;
          return append (self, &c, 1) ? SCAN_MORE : SCAN_FAILED;
        }
      if (c != ',' && c != '\r' && c != '\n')
        {
          set_damaged (self, self->line, _("text after the closing quote of a field"));
          return SCAN_FAILED;
        }
      return scan_separator (self, c);

    default:
      g_assert_not_reached ();
    }
  return SCAN_FAILED;
}

/* Scans what the chunk holds, stopping at the end of the row. */
static ScanResult
scan_chunk (RsbCsvReader *self)
{
  while (self->chunk_pos < self->chunk_len)
    {
      guint8 c;
      ScanResult result;

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (self->chunk[self->chunk_pos] == '\n')
            {
              self->chunk_pos++;
              self->prev_cr = FALSE;
              continue;
            }
        }

      if (!self->row_started)
        {
          self->row_started = TRUE;
          self->row_line = self->line;
          field_begin (self);
        }

      if (self->state != STATE_FIELD_START && self->state != STATE_QUOTED_QUOTE &&
          !take_run (self))
        return SCAN_FAILED;
      if (self->chunk_pos == self->chunk_len)
        break;
      /* A field that starts with an ordinary byte is unquoted. */
      if (self->state == STATE_FIELD_START && !is_special (self->chunk[self->chunk_pos]))
        {
          self->state = STATE_UNQUOTED;
          continue;
        }

      c = self->chunk[self->chunk_pos++];
      result = scan_byte (self, c);
      if (result != SCAN_MORE)
        return result;
    }
  return SCAN_MORE;
}

/* The stream ended: what is open closes, unless a quote is. */
static gboolean
scan_eof (RsbCsvReader *self)
{
  self->done = TRUE;
  if (!self->row_started)
    return FALSE;

  if (self->state == STATE_QUOTED)
    {
      set_damaged (self, self->field_line, _("a quoted field is never closed"));
      return FALSE;
    }
  return field_end (self);
}

const char **
rsb_csv_reader_next_row (RsbCsvReader  *self,
                         guint         *n_fields,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_fields != NULL)
    *n_fields = 0;
  row_reset (self);

  while (!self->done && fill_chunk (self, cancellable))
    {
      ScanResult result;

      /* fill_chunk leaves nothing to read only at the end of the stream. */
      if (self->chunk_pos == self->chunk_len)
        {
          if (scan_eof (self))
            return row_finish (self, n_fields);
          break;
        }

      result = scan_chunk (self);
      if (result == SCAN_ROW_DONE)
        return row_finish (self, n_fields);
      if (result == SCAN_FAILED)
        break;
    }

  if (self->error != NULL && error != NULL)
    *error = g_error_copy (self->error);
  return NULL;
}
