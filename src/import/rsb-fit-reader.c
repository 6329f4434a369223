/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fit-reader.c: FIT activity files -> one activity.
 *
 * Written from the public FIT protocol description. The file is read
 * into memory whole: FIT files are small, and the only size worth
 * trusting is the number of bytes that actually arrived. A first walk
 * checks both checksums and the structure of every message and counts
 * the records; only then are the columns reserved, exactly, and a
 * second walk decodes the records straight into them. On a large file
 * that matters more than any arithmetic: touching fresh memory is what
 * costs, so nothing is copied or grown along the way.
 *
 * A definition remembers only where the few fields we use lie inside
 * its data messages, so a data message costs a handful of loads however
 * many fields the device writes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rsb-memory.h"
#include "rsb-fit-reader.h"
#include "rsb-geo.h"
#include "rsb-import-error.h"
#include "rsb-matcher.h"
#include "rsb-measure.h"

#define READ_CHUNK            (64 * 1024)
/* Far above any real workout (three weeks recorded every second), low
 * enough that a gzip bomb or a hostile file cannot exhaust memory. */
#define FIT_MAX_BYTES         (128u * 1024 * 1024)
#define FIT_MAX_POINTS        (2u * 1000 * 1000)

#define FIT_MIN_HEADER_SIZE   12
#define FIT_CRC_HEADER_SIZE   14
#define FIT_CRC_SIZE          2
#define FIT_MAX_MAJOR_VERSION 2
#define FIT_N_LOCAL_TYPES     16
/* FIT times count seconds from 1989-12-31T00:00:00Z. */
#define FIT_EPOCH_UNIX_S      G_GINT64_CONSTANT (631065600)

#define HEADER_COMPRESSED     0x80
#define HEADER_DEFINITION     0x40
#define HEADER_DEVELOPER      0x20
#define HEADER_LOCAL_MASK     0x0f
#define COMPRESSED_LOCAL(h)   (((h) >> 5) & 0x03)
#define COMPRESSED_OFFSET(h)  ((h) & 0x1f)

#define BASE_TYPE_NUM_MASK    0x1f
#define BASE_TYPE_BYTE        0x0d

#define MESG_FILE_ID          0
#define MESG_SPORT            12
#define MESG_SESSION          18
#define MESG_LAP              19
#define MESG_RECORD           20
#define MESG_EVENT            21
#define FIELD_TIMESTAMP       253
#define FILE_TYPE_ACTIVITY    4
#define EVENT_TIMER           0
#define EVENT_TYPE_START      0
#define EVENT_TYPE_STOP       1
#define EVENT_TYPE_STOP_ALL   4
#define EVENT_TYPE_STOP_DISABLE     8
#define EVENT_TYPE_STOP_DISABLE_ALL 9

/* The fields we read; anything else is skipped by its size. */
typedef enum {
  SLOT_TIMESTAMP,
  SLOT_FILE_TYPE,
  SLOT_SPORT,
  SLOT_EVENT,
  SLOT_EVENT_TYPE,
  SLOT_LAT,
  SLOT_LON,
  SLOT_ALTITUDE,
  SLOT_ENHANCED_ALTITUDE,
  SLOT_HEART_RATE,
  SLOT_CADENCE,
  SLOT_DISTANCE,
  SLOT_SPEED,
  SLOT_ENHANCED_SPEED,
  SLOT_COMPRESSED_SPEED_DISTANCE,
  N_SLOTS
} FitSlot;

#define SLOT_BIT(slot) (1u << (slot))

typedef struct {
  guint32 offset;     /* from the first byte after the message header */
  guint8  size;       /* 0: the message does not carry this field */
  guint8  base_type;
} FitField;

typedef struct {
  gboolean  defined;
  gboolean  big_endian;
  guint16   global;
  guint32   size;     /* every field, developer fields included */
  guint32   slots;    /* SLOT_BIT of each field present */
  FitField  fields[N_SLOTS];
} FitDefinition;

typedef struct {
  guint8   size;
  gboolean is_signed;
  gboolean is_float;
  guint64  invalid;
} FitBaseType;

/* Indexed by base type number. Strings and byte arrays have no single
 * value, so they are never read as numbers. */
static const FitBaseType base_types[] = {
  { 1, FALSE, FALSE, 0xff },                          /* enum */
  { 1, TRUE,  FALSE, 0x7f },                          /* sint8 */
  { 1, FALSE, FALSE, 0xff },                          /* uint8 */
  { 2, TRUE,  FALSE, 0x7fff },                        /* sint16 */
  { 2, FALSE, FALSE, 0xffff },                        /* uint16 */
  { 4, TRUE,  FALSE, 0x7fffffff },                    /* sint32 */
  { 4, FALSE, FALSE, 0xffffffff },                    /* uint32 */
  { 0, FALSE, FALSE, 0 },                             /* string */
  { 4, FALSE, TRUE,  0xffffffff },                    /* float32 */
  { 8, FALSE, TRUE,  G_GUINT64_CONSTANT (0xffffffffffffffff) },  /* float64 */
  { 1, FALSE, FALSE, 0x00 },                          /* uint8z */
  { 2, FALSE, FALSE, 0x0000 },                        /* uint16z */
  { 4, FALSE, FALSE, 0x00000000 },                    /* uint32z */
  { 0, FALSE, FALSE, 0 },                             /* byte */
  { 8, TRUE,  FALSE, G_GUINT64_CONSTANT (0x7fffffffffffffff) },  /* sint64 */
  { 8, FALSE, FALSE, G_GUINT64_CONSTANT (0xffffffffffffffff) },  /* uint64 */
  { 8, FALSE, FALSE, 0 },                             /* uint64z */
};

typedef struct {
  double time;        /* FIT seconds, NAN when the record has none */
  double lat;
  double lon;
  double altitude;
  double heart_rate;
  double cadence;
  double distance;
  double speed;
} FitPoint;

typedef enum {
  FIT_WHOLE,
  FIT_ENDS_EARLY,         /* the header promises more bytes than came */
  FIT_BAD_HEADER_CRC,
  FIT_BAD_CRC,
  FIT_BAD_MESSAGE,        /* a message that cannot be decoded: reading stops */
} FitDamage;

typedef struct {
  const char    *display_name;
  GCancellable  *cancellable;
  const guint8  *data;
  gsize          len;
  gboolean       filling;          /* FALSE on the checking walk */

  /* State of the FIT file being walked; a chained file starts afresh. */
  FitDefinition  definitions[FIT_N_LOCAL_TYPES];
  gboolean       has_timestamp;
  guint32        last_timestamp;
  gboolean       skip_records;     /* this part says it is no activity */
  guint32        csd_distance;     /* compressed distance, 1/16 m, accumulated */
  guint32        csd_last;

  /* The whole chain. */
  guint          n_records;        /* records that give a point */
  guint32        record_slots;     /* fields any of them declares */
  RsbStreams    *streams;          /* n_records long once filling */
  guint          n_filled;
  guint          n_timed;
  guint          n_positioned;
  int            first_file_type;  /* -1 until a file_id names one */
  gboolean       has_activity;
  int            session_sport;    /* -1 when unknown */
  int            sport_sport;
  int            lap_sport;
  GArray        *pauses;           /* FitPause, from the timer events */
  gboolean       timer_stopped;
  double         stopped_at;

  /* Damage found on the checking walk: the first problem, as the error
   * a file without records gets, and what kind it was for the warning
   * of a file that still gives some. */
  GError        *damage;
  FitDamage      damage_kind;
} FitReader;

/* The timer stopped at start and ran again at end (FIT seconds). */
typedef struct {
  double start;
  double end;
} FitPause;

/* ---- checksum -------------------------------------------------------- */

/* The FIT checksum is CRC-16 with the reflected polynomial 0xA001 and a
 * zero start; the protocol description steps it a nibble at a time.
 * Here tables[k][b] is the checksum of byte b followed by k zero bytes,
 * so eight bytes take one step (the usual "slicing" of a CRC). */
static guint16 crc_tables[8][256];

static gpointer
init_crc_tables (gpointer data)
{
  for (guint byte = 0; byte < 256; byte++)
    {
      guint16 crc = byte;

      for (guint bit = 0; bit < 8; bit++)
        crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
      crc_tables[0][byte] = crc;
    }
  for (guint k = 1; k < 8; k++)
    {
      for (guint byte = 0; byte < 256; byte++)
        {
          guint16 previous = crc_tables[k - 1][byte];

          crc_tables[k][byte] = (previous >> 8) ^ crc_tables[0][previous & 0xff];
        }
    }
  return NULL;
}

static guint16
fit_crc (const guint8 *data,
         gsize         len)
{
  static GOnce once = G_ONCE_INIT;
  guint16 crc = 0;
  gsize i = 0;

  g_once (&once, init_crc_tables, NULL);
  for (; len - i >= 8; i += 8)
    {
      const guint8 *p = data + i;

      crc = crc_tables[7][(crc ^ p[0]) & 0xff] ^ crc_tables[6][((crc >> 8) ^ p[1]) & 0xff] ^
            crc_tables[5][p[2]] ^ crc_tables[4][p[3]] ^ crc_tables[3][p[4]] ^
            crc_tables[2][p[5]] ^ crc_tables[1][p[6]] ^ crc_tables[0][p[7]];
    }
  for (; i < len; i++)
    crc = (crc >> 8) ^ crc_tables[0][(crc ^ data[i]) & 0xff];
  return crc;
}

/* ---- reading the stream ---------------------------------------------- */

/* What is left of the file under the stream when it is a plain file
 * (perhaps behind filters that pass bytes through, such as the
 * importer's checksum), 0 when that cannot be known. A hint for the
 * first allocation, and a way to refuse a huge file before reading
 * it; the bytes that arrive decide the rest. */
static guint64
size_hint (GInputStream *stream)
{
  g_autoptr(GFileInfo) info = NULL;
  GInputStream *base = stream;
  goffset size, position;

  while (G_IS_FILTER_INPUT_STREAM (base) && !G_IS_CONVERTER_INPUT_STREAM (base))
    base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (base));
  if (!G_IS_FILE_INPUT_STREAM (base))
    return 0;

  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (base),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    return 0;
  size = g_file_info_get_size (info);
  position = g_seekable_tell (G_SEEKABLE (base));
  return size > position ? (guint64) (size - position) : 0;
}

static gboolean
set_too_large_error (const char  *display_name,
                     GError     **error)
{
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
               _("“%s” is larger than %u MB, too large for a workout; it was not read"),
               display_name, FIT_MAX_BYTES / (1024 * 1024));
  return FALSE;
}

static gboolean
set_read_error (GError      *local_error,
                const char  *display_name,
                GError     **error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                 _("Reading “%s” was cancelled"), display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” could not be read: %s"), display_name, local_error->message);
  return FALSE;
}

static gboolean
read_all (GInputStream  *stream,
          const char    *display_name,
          GCancellable  *cancellable,
          guint8       **out_data,
          gsize         *out_len,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *data = NULL;
  guint64 hint = size_hint (stream);
  gsize len = 0, capacity;

  if (hint > FIT_MAX_BYTES)
    return set_too_large_error (display_name, error);
  /* One byte more than the hint, so that reaching the end needs no
   * second block. */
  capacity = hint > 0 ? hint + 1 : READ_CHUNK;
  data = rsb_malloc_filled (capacity);
  for (;;)
    {
      gssize n_read;

      if (len > FIT_MAX_BYTES)
        return set_too_large_error (display_name, error);
      if (len == capacity)
        {
          capacity = MIN (2 * capacity, FIT_MAX_BYTES + 1);
          data = g_realloc (data, capacity);
        }
      /* Memory streams never look at the cancellable themselves. */
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        return set_read_error (local_error, display_name, error);

      n_read = g_input_stream_read (stream, data + len, capacity - len, cancellable, &local_error);
      if (n_read < 0)
        return set_read_error (local_error, display_name, error);
      if (n_read == 0)
        break;
      len += n_read;
    }

  *out_data = g_steal_pointer (&data);
  *out_len = len;
  return TRUE;
}

/* ---- values ---------------------------------------------------------- */

static guint64
read_unsigned (const guint8 *p,
               guint         size,
               gboolean      big_endian)
{
  guint64 value = 0;

  if (big_endian)
    {
      for (guint i = 0; i < size; i++)
        value = (value << 8) | p[i];
    }
  else
    {
      for (guint i = size; i > 0; i--)
        value = (value << 8) | p[i - 1];
    }
  return value;
}

/* One field as a number, NAN when the message lacks it, when it holds
 * the base type's "invalid" pattern, or when it is an array. */
static double
read_value (const guint8   *message,
            const FitField *field,
            gboolean        big_endian)
{
  guint num = field->base_type & BASE_TYPE_NUM_MASK;
  const FitBaseType *type;
  guint64 raw;

  if (field->size == 0 || num >= G_N_ELEMENTS (base_types))
    return NAN;
  type = &base_types[num];
  if (type->size == 0 || field->size != type->size)
    return NAN;

  raw = read_unsigned (message + field->offset, type->size, big_endian);
  if (raw == type->invalid)
    return NAN;

  if (type->is_float)
    {
      double value;

      if (type->size == 4)
        {
          guint32 bits = (guint32) raw;
          float f;

          memcpy (&f, &bits, sizeof f);
          value = f;
        }
      else
        memcpy (&value, &raw, sizeof value);
      return isfinite (value) ? value : NAN;
    }
  if (type->is_signed)
    {
      guint shift = 64 - 8 * type->size;

      return (double) ((gint64) (raw << shift) >> shift);
    }
  return (double) raw;
}

/* An enum or a count as an int, -1 when missing or out of range (a
 * cast of an out-of-range double is undefined). */
static int
to_int (double value)
{
  return value >= 0 && value <= G_MAXINT ? (int) value : -1;
}

/* ---- messages -------------------------------------------------------- */

static int
slot_for_record_field (guint8 number)
{
  switch (number)
    {
    case 0: return SLOT_LAT;
    case 1: return SLOT_LON;
    case 2: return SLOT_ALTITUDE;
    case 3: return SLOT_HEART_RATE;
    case 4: return SLOT_CADENCE;
    case 5: return SLOT_DISTANCE;
    case 6: return SLOT_SPEED;
    case 8: return SLOT_COMPRESSED_SPEED_DISTANCE;
    case 73: return SLOT_ENHANCED_SPEED;
    case 78: return SLOT_ENHANCED_ALTITUDE;
    default: return -1;
    }
}

static int
slot_for_field (guint16 global,
                guint8  number)
{
  if (number == FIELD_TIMESTAMP)
    return SLOT_TIMESTAMP;

  switch (global)
    {
    case MESG_FILE_ID:
      return number == 0 ? SLOT_FILE_TYPE : -1;
    case MESG_SESSION:
      return number == 5 ? SLOT_SPORT : -1;
    case MESG_LAP:
      return number == 25 ? SLOT_SPORT : -1;
    case MESG_EVENT:
      return number == 0 ? SLOT_EVENT : number == 1 ? SLOT_EVENT_TYPE : -1;
    case MESG_SPORT:
      return number == 0 ? SLOT_SPORT : -1;
    case MESG_RECORD:
      return slot_for_record_field (number);
    default:
      return -1;
    }
}

static gboolean
set_truncated_message_error (FitReader  *self,
                             gsize       at,
                             GError    **error)
{
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” is damaged: the message at byte %llu runs past the end of the data"),
               self->display_name, (unsigned long long) at);
  return FALSE;
}

static gboolean
read_definition (FitReader  *self,
                 guint8      header,
                 gsize      *pos,
                 gsize       end,
                 GError    **error)
{
  FitDefinition *def = &self->definitions[header & HEADER_LOCAL_MASK];
  gsize at = *pos - 1;
  const guint8 *p = self->data + *pos;
  guint32 offset = 0;
  guint n_fields;

  if (end - *pos < 5)
    return set_truncated_message_error (self, at, error);
  if (p[1] > 1)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” is damaged: the message definition at byte %llu has an unknown byte order"),
                   self->display_name, (unsigned long long) at);
      return FALSE;
    }

  memset (def, 0, sizeof *def);
  def->defined = TRUE;
  def->big_endian = p[1] == 1;
  def->global = (guint16) read_unsigned (p + 2, 2, def->big_endian);
  n_fields = p[4];
  *pos += 5;

  if (end - *pos < 3 * (gsize) n_fields)
    return set_truncated_message_error (self, at, error);
  for (guint i = 0; i < n_fields; i++, *pos += 3)
    {
      const guint8 *field = self->data + *pos;
      int slot = slot_for_field (def->global, field[0]);

      if (slot >= 0 && def->fields[slot].size == 0 && field[1] > 0)
        {
          def->fields[slot] = (FitField) { offset, field[1], field[2] };
          def->slots |= SLOT_BIT (slot);
        }
      offset += field[1];
    }

  /* Developer fields are someone else's data: only their size matters. */
  if (header & HEADER_DEVELOPER)
    {
      guint n_developer;

      if (end - *pos < 1)
        return set_truncated_message_error (self, at, error);
      n_developer = self->data[(*pos)++];
      if (end - *pos < 3 * (gsize) n_developer)
        return set_truncated_message_error (self, at, error);
      for (guint i = 0; i < n_developer; i++, *pos += 3)
        offset += self->data[*pos + 1];
    }

  def->size = offset;
  return TRUE;
}

/* The protocol's rolling 5-bit offset: it counts on from the low bits
 * of the last full timestamp and wraps every 32 seconds. */
static double
advance_compressed_time (FitReader *self,
                         guint      offset)
{
  guint32 last = self->last_timestamp;
  guint32 time;

  if (!self->has_timestamp)
    return NAN;
  time = (last & ~(guint32) 0x1f) + offset;
  if (offset < (last & 0x1f))
    time += 0x20;
  self->last_timestamp = time;
  return time;
}

static double
semicircles_to_degrees (double semicircles)
{
  return semicircles * (180.0 / 2147483648.0);
}

/* Record field 8 packs 12 bits of speed (1/100 m/s) and 12 bits of a
 * distance counter (1/16 m) that wraps; the distance is the running
 * sum of its steps. */
static void
read_compressed_speed_distance (FitReader      *self,
                                const guint8   *message,
                                const FitField *field,
                                FitPoint       *point)
{
  const guint8 *p = message + field->offset;
  guint32 packed, step;

  if (field->size != 3 || (field->base_type & BASE_TYPE_NUM_MASK) != BASE_TYPE_BYTE ||
      (p[0] == 0xff && p[1] == 0xff && p[2] == 0xff))
    return;

  packed = p[0] | (p[1] << 8) | ((guint32) p[2] << 16);
  step = ((packed >> 12) - self->csd_last) & 0xfff;
  self->csd_last = packed >> 12;
  self->csd_distance += step;
  if (isnan (point->speed))
    point->speed = (packed & 0xfff) / 100.0;
  if (isnan (point->distance))
    point->distance = self->csd_distance / 16.0;
}

static void
read_position (const guint8        *message,
               const FitDefinition *def,
               FitPoint            *point)
{
  double lat = read_value (message, &def->fields[SLOT_LAT], def->big_endian);
  double lon = read_value (message, &def->fields[SLOT_LON], def->big_endian);

  if (isnan (lat) || isnan (lon))
    return;
  lat = semicircles_to_degrees (lat);
  lon = semicircles_to_degrees (lon);
  if (fabs (lat) > 90.0 || fabs (lon) > 180.0)
    return;
  point->lat = lat;
  point->lon = lon;
}

/* Enhanced fields exist because the plain ones overflow: prefer them. */
static double
read_preferred (const guint8        *message,
                const FitDefinition *def,
                FitSlot              enhanced,
                FitSlot              plain)
{
  double value = read_value (message, &def->fields[enhanced], def->big_endian);

  if (isnan (value))
    value = read_value (message, &def->fields[plain], def->big_endian);
  return value;
}

static void
store_point (FitReader      *self,
             const FitPoint *point)
{
  double **columns = self->streams->columns;
  guint i = self->n_filled;

  /* Both walks see the same records; never trust that with memory. */
  if (i >= self->streams->n_points)
    {
      g_warn_if_reached ();
      return;
    }
  self->n_filled++;
  self->n_timed += !isnan (point->time);
  self->n_positioned += !isnan (point->lat);

  columns[RSB_STREAM_TIME][i] = point->time;
  if (columns[RSB_STREAM_LAT] != NULL)
    {
      columns[RSB_STREAM_LAT][i] = point->lat;
      columns[RSB_STREAM_LON][i] = point->lon;
    }
  if (columns[RSB_STREAM_ALTITUDE] != NULL)
    columns[RSB_STREAM_ALTITUDE][i] = point->altitude;
  if (columns[RSB_STREAM_HEART_RATE] != NULL)
    columns[RSB_STREAM_HEART_RATE][i] = point->heart_rate;
  if (columns[RSB_STREAM_CADENCE] != NULL)
    columns[RSB_STREAM_CADENCE][i] = point->cadence;
  if (columns[RSB_STREAM_DISTANCE] != NULL)
    columns[RSB_STREAM_DISTANCE][i] = point->distance;
  if (columns[RSB_STREAM_SPEED] != NULL)
    columns[RSB_STREAM_SPEED][i] = point->speed;
}

/* The checking walk only counts; the filling walk decodes. */
static gboolean
read_record (FitReader            *self,
             const guint8         *message,
             const FitDefinition  *def,
             double                time,
             GError              **error)
{
  FitPoint point = {
    .time = time,
    .lat = NAN, .lon = NAN,
  };

  if (self->skip_records)
    return TRUE;
  if (!self->filling)
    {
      if (++self->n_records > FIT_MAX_POINTS)
        {
          g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” holds more than %u points, too many for one workout; it was not read"),
                       self->display_name, FIT_MAX_POINTS);
          return FALSE;
        }
      self->record_slots |= def->slots;
      return TRUE;
    }

  read_position (message, def, &point);
  /* Offset first, then one division: the result is the double nearest
   * the true altitude, as "142.4" in a test or a GPX file would be. */
  point.altitude = (read_preferred (message, def, SLOT_ENHANCED_ALTITUDE, SLOT_ALTITUDE) - 2500.0) / 5.0;
  point.heart_rate = read_value (message, &def->fields[SLOT_HEART_RATE], def->big_endian);
  point.cadence = read_value (message, &def->fields[SLOT_CADENCE], def->big_endian);
  point.distance = read_value (message, &def->fields[SLOT_DISTANCE], def->big_endian) / 100.0;
  point.speed = read_preferred (message, def, SLOT_ENHANCED_SPEED, SLOT_SPEED) / 1000.0;
  if (def->slots & SLOT_BIT (SLOT_COMPRESSED_SPEED_DISTANCE))
    read_compressed_speed_distance (self, message, &def->fields[SLOT_COMPRESSED_SPEED_DISTANCE],
                                    &point);
  store_point (self, &point);
  return TRUE;
}

static void
read_file_id (FitReader           *self,
              const guint8        *message,
              const FitDefinition *def)
{
  int type = to_int (read_value (message, &def->fields[SLOT_FILE_TYPE], def->big_endian));

  if (type < 0)
    return;
  if (self->first_file_type < 0)
    self->first_file_type = type;
  /* A chained file may hold parts of other kinds: only activity parts
   * give points. */
  self->skip_records = type != FILE_TYPE_ACTIVITY;
  self->has_activity |= type == FILE_TYPE_ACTIVITY;
}

static void
read_sport (const guint8        *message,
            const FitDefinition *def,
            int                 *sport)
{
  int value = to_int (read_value (message, &def->fields[SLOT_SPORT], def->big_endian));

  if (*sport < 0)
    *sport = value;
}

static gboolean
is_timer_stop (int event_type)
{
  return event_type == EVENT_TYPE_STOP || event_type == EVENT_TYPE_STOP_ALL ||
         event_type == EVENT_TYPE_STOP_DISABLE || event_type == EVENT_TYPE_STOP_DISABLE_ALL;
}

/* Timer stop and start events bound the pauses; only the filling walk
 * keeps them. Repeated stops (a lap button while paused) extend one. */
static void
read_event (FitReader           *self,
            const guint8        *message,
            const FitDefinition *def,
            double               time)
{
  int event = to_int (read_value (message, &def->fields[SLOT_EVENT], def->big_endian));
  int event_type = to_int (read_value (message, &def->fields[SLOT_EVENT_TYPE], def->big_endian));

  if (!self->filling || event != EVENT_TIMER || isnan (time))
    return;
  if (is_timer_stop (event_type) && !self->timer_stopped)
    {
      self->timer_stopped = TRUE;
      self->stopped_at = time;
    }
  else if (event_type == EVENT_TYPE_START && self->timer_stopped)
    {
      FitPause pause = { self->stopped_at, time };

      self->timer_stopped = FALSE;
      if (time > pause.start)
        g_array_append_val (self->pauses, pause);
    }
}

static gboolean
read_data (FitReader            *self,
           guint8                header,
           const FitDefinition  *def,
           const guint8         *message,
           GError              **error)
{
  double time = NAN;

  if (header & HEADER_COMPRESSED)
    time = advance_compressed_time (self, COMPRESSED_OFFSET (header));
  if (def->slots & SLOT_BIT (SLOT_TIMESTAMP))
    {
      double stamp = read_value (message, &def->fields[SLOT_TIMESTAMP], def->big_endian);

      if (stamp >= 0 && stamp <= G_MAXUINT32)
        {
          self->has_timestamp = TRUE;
          self->last_timestamp = (guint32) stamp;
          time = self->last_timestamp;
        }
    }

  switch (def->global)
    {
    case MESG_RECORD:
      return read_record (self, message, def, time, error);
    case MESG_FILE_ID:
      read_file_id (self, message, def);
      break;
    case MESG_SESSION:
      read_sport (message, def, &self->session_sport);
      break;
    case MESG_SPORT:
      read_sport (message, def, &self->sport_sport);
      break;
    case MESG_LAP:
      read_sport (message, def, &self->lap_sport);
      break;
    case MESG_EVENT:
      read_event (self, message, def, time);
      break;
    default:
      break;
    }
  return TRUE;
}

static gboolean
read_message (FitReader  *self,
              gsize      *pos,
              gsize       end,
              GError    **error)
{
  gsize at = *pos;
  guint8 header = self->data[(*pos)++];
  const FitDefinition *def;
  guint local;

  if (!(header & HEADER_COMPRESSED) && (header & HEADER_DEFINITION))
    return read_definition (self, header, pos, end, error);

  local = (header & HEADER_COMPRESSED) ? COMPRESSED_LOCAL (header) : header & HEADER_LOCAL_MASK;
  def = &self->definitions[local];
  if (!def->defined)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” is damaged: the message at byte %llu uses message type %u before defining it"),
                   self->display_name, (unsigned long long) at, local);
      return FALSE;
    }
  if (end - *pos < def->size)
    return set_truncated_message_error (self, at, error);

  if (!read_data (self, header, def, self->data + *pos, error))
    return FALSE;
  *pos += def->size;
  return TRUE;
}

/* ---- files ----------------------------------------------------------- */

static gboolean
set_bad_header_error (FitReader  *self,
                      gsize       start,
                      GError    **error)
{
  gsize available = self->len - start;

  if (start > 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: after byte %llu comes something that is not the header of another FIT file"),
                 self->display_name, (unsigned long long) start);
  else if (available < FIT_MIN_HEADER_SIZE)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: it is too short to be a FIT file"), self->display_name);
  else if (memcmp (self->data + 8, ".FIT", 4) != 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                 _("“%s” is not a FIT file: it lacks the “.FIT” signature"), self->display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: its FIT header is too short"), self->display_name);
  return FALSE;
}

/* Takes error. Only the checking walk notes damage; the filling walk
 * meets the same and stops at the same message. */
static void
note_damage (FitReader *self,
             FitDamage  kind,
             GError    *error)
{
  if (self->filling || self->damage != NULL)
    {
      g_error_free (error);
      return;
    }
  self->damage = error;
  self->damage_kind = kind;
}

static gboolean
check_header (FitReader  *self,
              gsize       start,
              gsize      *out_header_size,
              gsize      *out_data_size,
              GError    **error)
{
  const guint8 *p = self->data + start;
  gsize available = self->len - start;
  guint64 needed;

  if (available < FIT_MIN_HEADER_SIZE || p[0] < FIT_MIN_HEADER_SIZE ||
      memcmp (p + 8, ".FIT", 4) != 0)
    return set_bad_header_error (self, start, error);

  if (available < p[0])
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” is damaged: it ends within a FIT header"), self->display_name);
      return FALSE;
    }

  /* The data size is a claim: check it against what arrived before
   * trusting it with anything. */
  *out_header_size = p[0];
  *out_data_size = read_unsigned (p + 4, 4, FALSE);
  needed = (guint64) *out_header_size + *out_data_size + FIT_CRC_SIZE;
  if (needed > available)
    {
      GError *local = g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                                   _("“%s” is damaged: it ends early (%llu of %llu bytes are there)"),
                                   self->display_name, (unsigned long long) self->len,
                                   (unsigned long long) (start + needed));

      note_damage (self, FIT_ENDS_EARLY, local);
      /* What did arrive is read up to its last whole message. */
      *out_data_size = available > *out_header_size ? available - *out_header_size : 0;
    }

  /* A header checksum of zero means the writer did not compute one. */
  if (*out_header_size >= FIT_CRC_HEADER_SIZE)
    {
      guint16 stored = (guint16) read_unsigned (p + 12, 2, FALSE);

      if (stored != 0 && stored != fit_crc (p, 12))
        note_damage (self, FIT_BAD_HEADER_CRC,
                     g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                                  _("“%s” is damaged: the checksum of its FIT header does not match"),
                                  self->display_name));
    }

  if ((p[1] >> 4) > FIT_MAX_MAJOR_VERSION)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” uses FIT protocol version %u.%u, which is newer than this app can read"),
                   self->display_name, p[1] >> 4, p[1] & 0x0f);
      return FALSE;
    }
  return TRUE;
}

/* A file that ends early has no checksum to check. */
static void
check_file_crc (FitReader  *self,
                gsize       start,
                gsize       end)
{
  guint16 stored;

  if (end + FIT_CRC_SIZE > self->len)
    return;
  stored = (guint16) read_unsigned (self->data + end, 2, FALSE);
  if (stored != fit_crc (self->data + start, end - start))
    note_damage (self, FIT_BAD_CRC,
                 g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                              _("“%s” is damaged: its checksum does not match its contents"),
                              self->display_name));
}

static void
begin_part (FitReader *self)
{
  memset (self->definitions, 0, sizeof self->definitions);
  self->has_timestamp = FALSE;
  self->last_timestamp = 0;
  self->skip_records = FALSE;
  self->csd_distance = 0;
  self->csd_last = 0;
}

/* One FIT file of the chain, from its header to its checksum. The
 * checksum is verified before any of its messages is believed. */
static gboolean
read_part (FitReader  *self,
           gsize       start,
           gsize      *out_next,
           GError    **error)
{
  gsize header_size, data_size, pos, end;
  guint n_messages = 0;

  if (!check_header (self, start, &header_size, &data_size, error))
    return FALSE;
  pos = start + header_size;
  end = pos + data_size;
  if (!self->filling)
    check_file_crc (self, start, end);

  begin_part (self);
  while (pos < end)
    {
      if (++n_messages % 65536 == 0 && g_cancellable_is_cancelled (self->cancellable))
        {
          g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                       _("Reading “%s” was cancelled"), self->display_name);
          return FALSE;
        }
      if (!read_message (self, &pos, end, error))
        return FALSE;
    }

  *out_next = MIN (end + FIT_CRC_SIZE, self->len);
  return TRUE;
}

static gboolean
read_chain (FitReader  *self,
            GError    **error)
{
  gsize pos = 0;

  if (self->len == 0)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” is empty"), self->display_name);
      return FALSE;
    }
  while (pos < self->len)
    {
      GError *local = NULL;

      if (read_part (self, pos, &pos, &local))
        continue;
      /* Damage ends the walk; the records before it are kept. */
      if (g_error_matches (local, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT))
        {
          note_damage (self, FIT_BAD_MESSAGE, local);
          return TRUE;
        }
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* ---- the activity ---------------------------------------------------- */

typedef struct {
  int         number;     /* FIT sport enum */
  const char *sport;
  const char *name;       /* in context "sport": "Climb" is also a climb's metres */
} FitSport;

static const FitSport sports[] = {
  { 1, "run", NC_("sport", "Run") },
  { 2, "ride", NC_("sport", "Ride") },
  { 4, "fitness equipment", NC_("sport", "Fitness equipment") },
  { 5, "swim", NC_("sport", "Swim") },
  { 10, "training", NC_("sport", "Training") },
  { 11, "walk", NC_("sport", "Walk") },
  { 12, "cross-country ski", NC_("sport", "Cross-country ski") },
  { 13, "alpine ski", NC_("sport", "Alpine ski") },
  { 14, "snowboard", NC_("sport", "Snowboard") },
  { 15, "row", NC_("sport", "Row") },
  { 16, "mountaineering", NC_("sport", "Mountaineering") },
  { 17, "hike", NC_("sport", "Hike") },
  { 19, "paddle", NC_("sport", "Paddle") },
  { 21, "ride", NC_("sport", "Ride") },         /* e-bike */
  { 30, "inline skate", NC_("sport", "Inline skate") },
  { 31, "climb", NC_("sport", "Climb") },
  { 33, "ice skate", NC_("sport", "Ice skate") },
  { 35, "snowshoe", NC_("sport", "Snowshoe") },
  { 37, "stand-up paddle", NC_("sport", "Stand-up paddle") },
  { 38, "surf", NC_("sport", "Surf") },
  { 41, "kayak", NC_("sport", "Kayak") },
  { 43, "windsurf", NC_("sport", "Windsurf") },
  { 44, "kitesurf", NC_("sport", "Kitesurf") },
};

static const FitSport *
lookup_sport (int number)
{
  for (guint i = 0; i < G_N_ELEMENTS (sports); i++)
    {
      if (sports[i].number == number)
        return &sports[i];
    }
  return NULL;
}

/* The session says what the activity was; a "generic" session may
 * still come with a sport message or laps that know better. */
static const FitSport *
find_sport (const FitReader *self)
{
  const FitSport *sport = lookup_sport (self->session_sport);

  if (sport == NULL)
    sport = lookup_sport (self->sport_sport);
  return sport != NULL ? sport : lookup_sport (self->lap_sport);
}

static char *
name_from_file (const char *display_name)
{
  g_autofree char *base = g_path_get_basename (display_name);
  char *dot;

  if (g_str_has_suffix (base, ".gz"))
    base[strlen (base) - 3] = '\0';
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  if (*base == '\0')
    return g_strdup (_("Activity"));
  return g_steal_pointer (&base);
}

static const char *
file_kind (int type)
{
  switch (type)
    {
    /* Translators: the kinds complete “… is a FIT %s file, not an activity” */
    case 1: return _("device");
    case 2: return _("settings");
    case 3: return _("sport settings");
    case 5: return _("workout");
    case 6: return _("course");
    case 7: return _("schedule");
    case 9: return _("weight");
    case 10: return _("totals");
    case 11: return _("goals");
    case 14: return _("blood pressure");
    case 15: case 28: case 32: return _("monitoring");
    case 20: return _("activity summary");
    case 34: return _("segment");
    case 35: return _("segment list");
    default: return NULL;
    }
}

static gboolean
check_is_activity (FitReader  *self,
                   GError    **error)
{
  const char *kind;

  if (self->has_activity || self->first_file_type < 0)
    return TRUE;

  kind = file_kind (self->first_file_type);
  if (kind != NULL)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                 _("“%s” is a FIT %s file, not an activity"), self->display_name, kind);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                 _("“%s” is a FIT file of type %d, not an activity"),
                 self->display_name, self->first_file_type);
  return FALSE;
}

static gboolean
set_no_track_error (FitReader  *self,
                    GError    **error)
{
  if (self->n_records == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds no track: the activity has no records"), self->display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” holds no track: its %u record has no time or position",
                              "“%s” holds no track: none of its %u records has a time or a position",
                              self->n_records),
                 self->display_name, self->n_records);
  return FALSE;
}

/* Columns for what the record definitions declare; the time column
 * always, since compressed headers give times without a field. */
static RsbStreams *
new_streams (guint   n,
             guint32 slots)
{
  gboolean position = (slots & SLOT_BIT (SLOT_LAT)) && (slots & SLOT_BIT (SLOT_LON));
  guint32 kinds = RSB_STREAM_BIT (RSB_STREAM_TIME);

  if (position)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_LAT) | RSB_STREAM_BIT (RSB_STREAM_LON);
  if (slots & (SLOT_BIT (SLOT_ALTITUDE) | SLOT_BIT (SLOT_ENHANCED_ALTITUDE)))
    kinds |= RSB_STREAM_BIT (RSB_STREAM_ALTITUDE);
  if (slots & SLOT_BIT (SLOT_HEART_RATE))
    kinds |= RSB_STREAM_BIT (RSB_STREAM_HEART_RATE);
  if (slots & SLOT_BIT (SLOT_CADENCE))
    kinds |= RSB_STREAM_BIT (RSB_STREAM_CADENCE);
  if (position || (slots & (SLOT_BIT (SLOT_DISTANCE) | SLOT_BIT (SLOT_COMPRESSED_SPEED_DISTANCE))))
    kinds |= RSB_STREAM_BIT (RSB_STREAM_DISTANCE);
  if (slots & (SLOT_BIT (SLOT_SPEED) | SLOT_BIT (SLOT_ENHANCED_SPEED) |
               SLOT_BIT (SLOT_COMPRESSED_SPEED_DISTANCE)))
    kinds |= RSB_STREAM_BIT (RSB_STREAM_SPEED);

  return rsb_streams_new_with (n, kinds);
}

/* Timed files keep their timed records (positions or not); a file
 * without any time is a plain route of its positioned records. */
static guint
keep_points (RsbStreams *streams,
             gboolean    timed)
{
  const double *key = streams->columns[timed ? RSB_STREAM_TIME : RSB_STREAM_LAT];
  guint n = 0;

  for (guint i = 0; i < streams->n_points; i++)
    {
      if (isnan (key[i]))
        continue;
      for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
        {
          if (streams->columns[kind] != NULL)
            streams->columns[kind][n] = streams->columns[kind][i];
        }
      n++;
    }
  streams->n_points = n;
  return n;
}

/* A column that holds no value at all is no column. */
static void
drop_empty_columns (RsbStreams *streams)
{
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      double *column = streams->columns[kind];
      guint i = 0;

      while (column != NULL && i < streams->n_points && isnan (column[i]))
        i++;
      if (column != NULL && i == streams->n_points)
        rsb_streams_drop (streams, kind);
    }
  /* Half a position is none. */
  if (streams->columns[RSB_STREAM_LAT] == NULL || streams->columns[RSB_STREAM_LON] == NULL)
    {
      rsb_streams_drop (streams, RSB_STREAM_LAT);
      rsb_streams_drop (streams, RSB_STREAM_LON);
    }
}

/* Without a distance from the device, the path between fixes; records
 * without a fix have no distance rather than a made-up one. */
static void
compute_distance (RsbStreams *streams)
{
  rsb_geo_cumulative_distance (streams->columns[RSB_STREAM_LAT], streams->columns[RSB_STREAM_LON],
                               streams->n_points, rsb_streams_ensure (streams, RSB_STREAM_DISTANCE));
}

/* Times become seconds since the first record; its time is the start,
 * and the pauses move with them. */
static void
compute_times (FitReader       *self,
               RsbStreams      *streams,
               RsbActivityInfo *info)
{
  double *time = streams->columns[RSB_STREAM_TIME];
  double t0;

  if (time == NULL)
    return;
  t0 = time[0];
  for (guint i = 0; i < streams->n_points; i++)
    time[i] -= t0;
  for (guint i = 0; i < self->pauses->len; i++)
    {
      g_array_index (self->pauses, FitPause, i).start -= t0;
      g_array_index (self->pauses, FitPause, i).end -= t0;
    }
  info->start_ms = ((gint64) t0 + FIT_EPOCH_UNIX_S) * 1000;
}

static int
compare_pause_start (gconstpointer a,
                     gconstpointer b)
{
  const FitPause *pa = a, *pb = b;

  return (pa->start > pb->start) - (pa->start < pb->start);
}

/* With the timer stopped the athlete was not training, even if the
 * watch went on logging, or a short pause looks like one long step:
 * moving time counts only steps the timer ran through. Records and
 * pauses are walked together, in one pass. */
static double
timer_moving_s (const RsbStreams *streams,
                GArray           *pauses)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  double moving = 0;
  guint p = 0;

  g_array_sort (pauses, compare_pause_start);
  for (guint i = 1; time != NULL && i < streams->n_points; i++)
    {
      const FitPause *pause;

      while (p < pauses->len && g_array_index (pauses, FitPause, p).end <= time[i - 1])
        p++;
      pause = p < pauses->len ? &g_array_index (pauses, FitPause, p) : NULL;
      if (pause != NULL && pause->start < time[i])
        continue;
      if (rsb_interval_is_moving (streams, i))
        moving += time[i] - time[i - 1];
    }
  return moving;
}

/* A stop with no start after it lasts to the end. */
static void
close_last_pause (FitReader *self)
{
  FitPause pause = { self->stopped_at, INFINITY };

  if (self->timer_stopped)
    g_array_append_val (self->pauses, pause);
  self->timer_stopped = FALSE;
}

/* The warning of a damaged file that still gave records. */
static char *
describe_damage (const FitReader *self)
{
  guint n = self->n_records;

  switch (self->damage_kind)
    {
    case FIT_WHOLE:
      return NULL;
    case FIT_ENDS_EARLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "“%s” ends early: %u record recovered",
                                           "“%s” ends early: %u records recovered", n),
                              self->display_name, n);
    case FIT_BAD_HEADER_CRC:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "“%s” fails its header checksum: %u record recovered",
                                           "“%s” fails its header checksum: %u records recovered", n),
                              self->display_name, n);
    case FIT_BAD_CRC:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "“%s” fails its checksum: %u record recovered, some may be wrong",
                                           "“%s” fails its checksum: %u records recovered, some may be wrong", n),
                              self->display_name, n);
    case FIT_BAD_MESSAGE:
    default:
      /* Translators: %s is what went wrong, a sentence of its own such as
       * “x.fit” is damaged: the message at byte 12 runs past the end of the data */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: the %u record before it was recovered",
                                           "%s: the %u records before it were recovered", n),
                              self->damage->message, n);
    }
}

static gboolean
build (FitReader         *self,
       RsbActivityInfo  **out_info,
       RsbStreams       **out_streams,
       GError           **error)
{
  g_autoptr(RsbActivityInfo) info = NULL;
  RsbStreams *streams = self->streams;
  gboolean timed = self->n_timed > 0;
  const FitSport *sport;

  g_assert (self->n_filled == self->n_records);
  if ((timed ? self->n_timed : self->n_positioned) == 0)
    return set_no_track_error (self, error);
  if ((timed ? self->n_timed : self->n_positioned) < streams->n_points)
    keep_points (streams, timed);
  drop_empty_columns (streams);
  if (streams->columns[RSB_STREAM_DISTANCE] == NULL && rsb_streams_has_route (streams))
    compute_distance (streams);

  info = rsb_activity_info_new ();
  close_last_pause (self);
  compute_times (self, streams, info);
  rsb_activity_info_measure (info, streams);
  if (self->pauses->len > 0)
    info->moving_s = timer_moving_s (streams, self->pauses);
  sport = find_sport (self);
  info->sport = sport != NULL ? g_strdup (sport->sport) : NULL;
  info->name = sport != NULL ? g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "sport", sport->name)) : name_from_file (self->display_name);
  info->file_name = g_strdup (self->display_name);
  info->recovered = describe_damage (self);

  *out_info = g_steal_pointer (&info);
  *out_streams = g_steal_pointer (&self->streams);
  return TRUE;
}

/* The checking walk, then the filling walk into exact columns. */
static gboolean
decode (FitReader         *self,
        RsbActivityInfo  **out_info,
        RsbStreams       **out_streams,
        GError           **error)
{
  if (!read_chain (self, error) || !check_is_activity (self, error))
    return FALSE;
  /* Damage before any record: nothing to recover, so the damage is
   * what the person needs to hear about. */
  if (self->n_records == 0 && self->damage != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->damage));
      return FALSE;
    }
  if (self->n_records == 0)
    return set_no_track_error (self, error);

  self->streams = new_streams (self->n_records, self->record_slots);
  self->filling = TRUE;
  if (!read_chain (self, error))
    return FALSE;
  return build (self, out_info, out_streams, error);
}

gboolean
rsb_fit_read (GInputStream      *stream,
              const char        *display_name,
              RsbActivityInfo  **out_info,
              RsbStreams       **out_streams,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autofree guint8 *data = NULL;
  FitReader self = {
    .display_name = display_name,
    .cancellable = cancellable,
    .first_file_type = -1,
    .session_sport = -1,
    .sport_sport = -1,
    .lap_sport = -1,
  };
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (out_info != NULL && out_streams != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_all (stream, display_name, cancellable, &data, &self.len, error))
    return FALSE;
  self.data = data;
  self.pauses = g_array_new (FALSE, FALSE, sizeof (FitPause));
  ok = decode (&self, out_info, out_streams, error);
  g_clear_pointer (&self.streams, rsb_streams_free);
  g_array_unref (self.pauses);
  g_clear_error (&self.damage);
  return ok;
}
