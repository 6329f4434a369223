/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-apple-music-history.c: Apple Music Play Activity.csv -> plays.
 *
 * The file has some hundred columns whose set and order changed over
 * the years (newer ones dropped Artist Name), so the header row is
 * mapped to the few columns read, and each row costs no allocation:
 * the CSV reader hands over its own buffers.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rsb-apple-music-history.h"

#include "rsb-csv-reader.h"
#include "rsb-import-error.h"
#include "rsb-time.h"

/* No play lasts a day: beyond it a figure is damage. */
#define MAX_PLAY_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

typedef enum {
  COL_SONG,
  COL_CONTENT_NAME,
  COL_ARTIST,
  COL_CONTAINER_ARTIST,
  COL_ALBUM,
  COL_CONTAINER_ALBUM,
  COL_START,
  COL_END,
  COL_PLAYED_MS,
  COL_MEDIA_MS,
  COL_EVENT_TYPE,
  COL_END_REASON,
  COL_MEDIA_TYPE,
  COL_ISRC,
  COL_OFFLINE,
  N_COLUMNS,
} Column;

static const char *const column_names[N_COLUMNS] = {
  [COL_SONG] = "Song Name",
  [COL_CONTENT_NAME] = "Content Name",
  [COL_ARTIST] = "Artist Name",
  [COL_CONTAINER_ARTIST] = "Container Artist Name",
  [COL_ALBUM] = "Album Name",
  [COL_CONTAINER_ALBUM] = "Container Album Name",
  [COL_START] = "Event Start Timestamp",
  [COL_END] = "Event End Timestamp",
  [COL_PLAYED_MS] = "Play Duration Milliseconds",
  [COL_MEDIA_MS] = "Media Duration In Milliseconds",
  [COL_EVENT_TYPE] = "Event Type",
  [COL_END_REASON] = "End Reason Type",
  [COL_MEDIA_TYPE] = "Media Type",
  [COL_ISRC] = "ISRC",
  [COL_OFFLINE] = "Offline",
};

typedef struct {
  const char  *display_name;
  int          index[N_COLUMNS];   /* -1: not in this file */
} AppleColumns;

static gboolean
map_header (AppleColumns  *columns,
            const char   **header,
            guint          n_fields,
            GError       **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      columns->index[c] = -1;
      for (guint i = 0; i < n_fields; i++)
        if (g_ascii_strcasecmp (g_strstrip ((char *) header[i]), column_names[c]) == 0)
          {
            columns->index[c] = i;
            break;
          }
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *needed = NULL;

      if (c == COL_SONG && columns->index[COL_SONG] < 0 && columns->index[COL_CONTENT_NAME] < 0)
        needed = column_names[COL_SONG];
      else if (c == COL_START || c == COL_PLAYED_MS)
        needed = columns->index[c] < 0 ? column_names[c] : NULL;
      if (needed != NULL)
        {
          /* Translators: the second %s is a column name such as “Song Name”. */
          g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                       _("“%s” is not Apple Music play activity: it has no column “%s”"),
                       columns->display_name, needed);
          return FALSE;
        }
    }
  return TRUE;
}

/* The field, or NULL when the column is missing or the cell empty. */
static const char *
cell (const AppleColumns  *columns,
      const char         **row,
      guint                n_fields,
      Column               column)
{
  int i = columns->index[column];

  if (i < 0 || (guint) i >= n_fields || row[i][0] == '\0')
    return NULL;
  return row[i];
}

static const char *
first_cell (const AppleColumns  *columns,
            const char         **row,
            guint                n_fields,
            Column               column,
            Column               fallback)
{
  const char *value = cell (columns, row, n_fields, column);

  return value != NULL ? value : cell (columns, row, n_fields, fallback);
}

/* Milliseconds as Apple writes them ("215000", at times "215000.0"). */
static gboolean
parse_ms (const char *text,
          gint64     *out)
{
  char *end;
  double value;

  if (text == NULL)
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value >= -MAX_PLAY_MS && value <= MAX_PLAY_MS))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static gboolean
parse_time_ms (const char *text,
               gint64     *out_ms)
{
  gint64 us;

  if (text == NULL || !rsb_time_parse_iso8601 (text, &us))
    return FALSE;
  *out_ms = us / 1000;
  return TRUE;
}

static gboolean
is_value (const char *text,
          const char *value)
{
  return text != NULL && g_ascii_strcasecmp (text, value) == 0;
}

/* Rows of other events (starts, lyrics shown), of videos, and of
 * nothing played are not listens. */
static gboolean
row_is_listen (const AppleColumns  *columns,
               const char         **row,
               guint                n_fields)
{
  const char *event = cell (columns, row, n_fields, COL_EVENT_TYPE);
  const char *media = cell (columns, row, n_fields, COL_MEDIA_TYPE);

  if (columns->index[COL_EVENT_TYPE] >= 0 && !is_value (event, "PLAY_END"))
    return FALSE;
  if (media != NULL && !is_value (media, "AUDIO"))
    return FALSE;
  return first_cell (columns, row, n_fields, COL_SONG, COL_CONTENT_NAME) != NULL;
}

static gboolean
row_texts_valid (const AppleColumns  *columns,
                 const char         **row,
                 guint                n_fields)
{
  static const Column texts[] = {
    COL_SONG, COL_CONTENT_NAME, COL_ARTIST, COL_CONTAINER_ARTIST, COL_ALBUM,
    COL_CONTAINER_ALBUM, COL_ISRC,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *text = cell (columns, row, n_fields, texts[i]);

      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Fills play from a listen's row; FALSE (a row to pass over) when it
 * has no start or played nothing. */
static gboolean
row_to_play (const AppleColumns  *columns,
             const char         **row,
             guint                n_fields,
             RsbPlay             *play)
{
  gint64 end_ms;

  if (!parse_time_ms (cell (columns, row, n_fields, COL_START), &play->start_ms) ||
      !parse_ms (cell (columns, row, n_fields, COL_PLAYED_MS), &play->ms_played) ||
      play->ms_played <= 0)
    return FALSE;
  /* The events' own end; pauses can make it later than start + played. */
  if (parse_time_ms (cell (columns, row, n_fields, COL_END), &end_ms) &&
      end_ms > play->start_ms && end_ms - play->start_ms <= MAX_PLAY_MS)
    play->end_ms = end_ms;
  else
    play->end_ms = play->start_ms + play->ms_played;
  if (!parse_ms (cell (columns, row, n_fields, COL_MEDIA_MS), &play->track.duration_ms) ||
      play->track.duration_ms < 0)
    play->track.duration_ms = 0;

  play->skipped = is_value (cell (columns, row, n_fields, COL_END_REASON), "TRACK_SKIPPED_FORWARDS");
  play->offline = is_value (cell (columns, row, n_fields, COL_OFFLINE), "true");
  play->track.title = (char *) first_cell (columns, row, n_fields, COL_SONG, COL_CONTENT_NAME);
  play->track.artists = (char *) first_cell (columns, row, n_fields, COL_ARTIST, COL_CONTAINER_ARTIST);
  play->track.album = (char *) first_cell (columns, row, n_fields, COL_ALBUM, COL_CONTAINER_ALBUM);
  play->track.isrc = (char *) cell (columns, row, n_fields, COL_ISRC);
  return TRUE;
}

static gboolean
emit (RsbPlayFunc     func,
      gpointer        user_data,
      const RsbPlay  *play,
      const char     *display_name,
      GError        **error)
{
  GError *local_error = NULL;

  if (func (play, user_data, &local_error))
    return TRUE;
  if (local_error == NULL)
    g_set_error (&local_error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                 _("Reading “%s” was stopped"), display_name);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
rsb_apple_music_history_parse (GInputStream  *stream,
                               const char    *display_name,
                               RsbPlayFunc    func,
                               gpointer       user_data,
                               guint         *n_plays,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(RsbCsvReader) reader = rsb_csv_reader_new (stream, display_name);
  AppleColumns columns = { display_name };
  GError *local_error = NULL;
  const char **row;
  guint n_fields;
  guint n = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (n_plays != NULL)
    *n_plays = 0;
  row = rsb_csv_reader_next_row (reader, &n_fields, cancellable, &local_error);
  if (row == NULL)
    {
      if (local_error == NULL)
        local_error = g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                                   _("“%s” is empty"), display_name);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (!map_header (&columns, row, n_fields, error))
    return FALSE;

  while ((row = rsb_csv_reader_next_row (reader, &n_fields, cancellable, &local_error)) != NULL)
    {
      RsbPlay play = {
        .source = RSB_PLAY_SOURCE_APPLE,
        .precision_ms = RSB_PRECISION_SECOND_MS,
      };

      if (!row_is_listen (&columns, row, n_fields) || !row_to_play (&columns, row, n_fields, &play))
        continue;
      if (!row_texts_valid (&columns, row, n_fields))
        {
          g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                       _("“%s” is damaged: line %u holds text that is not UTF-8"),
                       display_name, rsb_csv_reader_get_line (reader));
          return FALSE;
        }
      if (!emit (func, user_data, &play, display_name, error))
        return FALSE;
      if (n_plays != NULL)
        *n_plays = ++n;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
