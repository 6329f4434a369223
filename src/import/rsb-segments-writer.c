/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-segments-writer.c: the song segments of an activity as CSV or
 * JSON, one row per stretch of road, with the song card's stats. */
#include "rsb-segments-writer.h"

#include <math.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "rsb-song-stats.h"

typedef enum {
  FIELD_INT,
  FIELD_NUMBER,    /* one decimal; NAN is unknown */
  FIELD_TEXT,      /* NULL is unknown */
  FIELD_BOOL,
  FIELD_NONE,      /* unknown */
} FieldKind;

typedef struct {
  const char *name;
  FieldKind   kind;
  gint64      integer;
  double      number;
  const char *text;
} Field;

#define N_FIELDS 25

#define INT(n, v)    (Field) { .name = n, .kind = FIELD_INT, .integer = (v) }
#define NUMBER(n, v) (Field) { .name = n, .kind = FIELD_NUMBER, .number = (v) }
#define TEXT(n, v)   (Field) { .name = n, .kind = FIELD_TEXT, .text = (v) }

/* Song fields, and whether it was skipped, mean nothing without music. */
static Field
if_music (const RsbSongStats *stats,
          Field               field)
{
  if (!stats->has_music)
    field.kind = FIELD_NONE;
  return field;
}

/* The in-step rule's verdict (DESIGN §9); NULL when it cannot be told. */
static const char *const step_names[] = {
  [RSB_STEP_UNKNOWN] = NULL,
  [RSB_STEP_OFF] = "off",
  [RSB_STEP_NEAR] = "near",
  [RSB_STEP_IN] = "in_step",
};

static Field
step_field (const char     *name,
            RsbStepVerdict  verdict,
            gboolean        value)
{
  return (Field) { .name = name, .kind = verdict == RSB_STEP_UNKNOWN ? FIELD_NONE : FIELD_BOOL, .integer = value };
}

/* Every column in one place, so CSV and JSON cannot disagree. */
static void
describe_segment (const RsbActivity *activity,
                  guint              index,
                  Field              fields[N_FIELDS])
{
  const RsbSegment *seg = rsb_activity_segment (activity, index);
  const RsbPlay *play = rsb_activity_segment_play (activity, index);
  RsbSongStats s;
  guint n = 0;

  rsb_activity_song_stats (activity, index, &s);
  fields[n++] = INT ("index", seg->index);
  fields[n++] = INT ("first_point", seg->first_point);
  fields[n++] = INT ("last_point", seg->last_point);
  fields[n++] = NUMBER ("start_s", seg->start_s);
  fields[n++] = NUMBER ("end_s", seg->end_s);
  fields[n++] = NUMBER ("start_m", seg->start_m);
  fields[n++] = NUMBER ("end_m", seg->end_m);
  fields[n++] = TEXT ("title", play ? play->track.title : NULL);
  fields[n++] = TEXT ("artist", play ? play->track.artists : NULL);
  fields[n++] = TEXT ("album", play ? play->track.album : NULL);
  fields[n++] = TEXT ("uri", play ? play->track.uri : NULL);
  fields[n++] = if_music (&s, INT ("heard_ms", s.heard_ms));
  fields[n++] = if_music (&s, (Field) { .name = "skipped", .kind = FIELD_BOOL, .integer = s.skipped });
  fields[n++] = NUMBER ("moving_s", s.moving_s);
  fields[n++] = NUMBER ("pace_s_per_km", s.pace_s_per_km);
  fields[n++] = NUMBER ("speed_kmh", s.speed_ms * 3.6);
  fields[n++] = NUMBER ("heart_rate", s.heart_rate);
  fields[n++] = NUMBER ("cadence_spm", s.on_foot ? s.cadence : NAN);
  fields[n++] = NUMBER ("cadence_rpm", s.on_foot ? NAN : s.cadence);
  fields[n++] = NUMBER ("elevation_gain_m", s.elevation_gain_m);
  fields[n++] = NUMBER ("bpm", s.bpm);
  fields[n++] = TEXT ("bpm_source", rsb_tempo_source_to_string (s.bpm_source));
  /* The cadence compared with the tempo: steps/min on foot, rpm on a bike. */
  fields[n++] = NUMBER ("cadence", s.cadence);
  fields[n++] = step_field ("in_step", s.step, s.step == RSB_STEP_IN);
  fields[n++] = TEXT ("step_verdict", step_names[s.step]);
  g_assert (n == N_FIELDS);
}

static gboolean
field_is_known (const Field *field)
{
  switch (field->kind)
    {
    case FIELD_NUMBER: return !isnan (field->number);
    case FIELD_TEXT: return field->text != NULL;
    case FIELD_NONE: return FALSE;
    case FIELD_INT:
    case FIELD_BOOL:
    default: return TRUE;
    }
}

/* "12.3": one decimal, a point whatever the locale. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", round (value * 10) / 10));
}

/* RFC 4180: quote when needed, double the quotes inside. */
static void
append_csv_text (GString    *line,
                 const char *raw)
{
  g_autofree char *text = g_utf8_make_valid (raw, -1);

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
append_csv_field (GString     *out,
                  const Field *field)
{
  g_autofree char *number = NULL;

  if (!field_is_known (field))
    return;
  switch (field->kind)
    {
    case FIELD_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, field->integer);
      break;
    case FIELD_NUMBER:
      number = format_number (field->number);
      g_string_append (out, number);
      break;
    case FIELD_BOOL:
      g_string_append (out, field->integer ? "true" : "false");
      break;
    case FIELD_TEXT:
      append_csv_text (out, field->text);
      break;
    case FIELD_NONE:
    default:
      break;
    }
}

static char *
write_csv (const RsbActivity *activity,
           gsize             *length)
{
  GString *out = g_string_new (RSB_SEGMENTS_CSV_HEADER "\n");

  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      Field fields[N_FIELDS];

      describe_segment (activity, i, fields);
      for (guint f = 0; f < N_FIELDS; f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, &fields[f]);
        }
      g_string_append_c (out, '\n');
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}

static void
gen_text (yajl_gen    gen,
          const char *text)
{
  /* yajl refuses invalid UTF-8; names come from users' files. */
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  yajl_gen_string (gen, (const unsigned char *) valid, strlen (valid));
}

static void
gen_field (yajl_gen     gen,
           const Field *field)
{
  g_autofree char *number = NULL;

  gen_text (gen, field->name);
  if (!field_is_known (field))
    {
      yajl_gen_null (gen);
      return;
    }
  switch (field->kind)
    {
    case FIELD_INT:
      yajl_gen_integer (gen, field->integer);
      break;
    case FIELD_NUMBER:
      number = format_number (field->number);
      yajl_gen_number (gen, number, strlen (number));
      break;
    case FIELD_BOOL:
      yajl_gen_bool (gen, field->integer);
      break;
    case FIELD_TEXT:
      gen_text (gen, field->text);
      break;
    case FIELD_NONE:
    default:
      break;
    }
}

static char *
write_json (const RsbActivity *activity,
            gsize             *length)
{
  yajl_gen gen = yajl_gen_alloc (NULL);
  const unsigned char *buffer;
  size_t buffer_length;
  char *text;

  yajl_gen_config (gen, yajl_gen_beautify, 1);
  yajl_gen_config (gen, yajl_gen_indent_string, "  ");
  yajl_gen_array_open (gen);
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      Field fields[N_FIELDS];

      describe_segment (activity, i, fields);
      yajl_gen_map_open (gen);
      for (guint f = 0; f < N_FIELDS; f++)
        gen_field (gen, &fields[f]);
      yajl_gen_map_close (gen);
    }
  yajl_gen_array_close (gen);

  yajl_gen_get_buf (gen, &buffer, &buffer_length);
  text = g_strdup_printf ("%.*s\n", (int) buffer_length, (const char *) buffer);
  *length = buffer_length + 1;
  yajl_gen_free (gen);
  return text;
}

gboolean
rsb_segments_format_parse (const char        *name,
                           RsbSegmentsFormat *format)
{
  if (g_strcmp0 (name, "csv") == 0)
    *format = RSB_SEGMENTS_CSV;
  else if (g_strcmp0 (name, "json") == 0)
    *format = RSB_SEGMENTS_JSON;
  else
    return FALSE;
  return TRUE;
}

char *
rsb_segments_write (const RsbActivity *activity,
                    RsbSegmentsFormat  format,
                    gsize             *length)
{
  gsize ignored;

  g_return_val_if_fail (activity != NULL, NULL);

  if (length == NULL)
    length = &ignored;
  if (format == RSB_SEGMENTS_JSON)
    return write_json (activity, length);
  return write_csv (activity, length);
}
