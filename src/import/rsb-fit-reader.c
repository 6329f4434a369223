/* rsb-fit-reader.c: FIT activity files -> one activity.
 *
 * Written from the public FIT protocol description. The file is read
 * into memory whole: FIT files are small, and the only size worth
 * trusting is the number of bytes that actually arrived. Both checksums
 * are verified before a single message is believed, then the messages
 * are walked once. A definition remembers only where the few fields we
 * use lie inside its data messages, so a data message costs a handful
 * of loads however many fields the device writes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rsb-fit-reader.h"
#include "rsb-geo.h"
#include "rsb-import-error.h"
#include "rsb-matcher.h"

#define READ_CHUNK            (64 * 1024)
/* Far above any real workout (a 1 Hz record of several weeks), low
 * enough that a gzip bomb or a hostile file cannot exhaust memory. */
#define FIT_MAX_BYTES         (256u * 1024 * 1024)
#define FIT_MAX_POINTS        (4u * 1000 * 1000)

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
#define MESG_RECORD           20
#define FIELD_TIMESTAMP       253
#define FILE_TYPE_ACTIVITY    4

/* The fields we read; anything else is skipped by its size. */
typedef enum {
  SLOT_TIMESTAMP,
  SLOT_FILE_TYPE,
  SLOT_SPORT,
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

typedef struct {
  const char    *display_name;
  GCancellable  *cancellable;
  const guint8  *data;
  gsize          len;

  /* State of the FIT file being walked; a chained file starts afresh. */
  FitDefinition  definitions[FIT_N_LOCAL_TYPES];
  gboolean       has_timestamp;
  guint32        last_timestamp;
  gboolean       skip_records;     /* this part says it is no activity */
  guint32        csd_distance;     /* compressed distance, 1/16 m, accumulated */
  guint32        csd_last;

  GArray        *points;           /* FitPoint, the whole chain */
  int            first_file_type;  /* -1 until a file_id names one */
  gboolean       has_activity;
  int            session_sport;    /* -1 when unknown */
  int            sport_sport;
} FitReader;

/* ---- checksum -------------------------------------------------------- */

/* The FIT checksum is CRC-16 with the reflected polynomial 0xA001 and a
 * zero start; a byte-wide table does in one step what the protocol
 * description does in two nibble steps. */
static guint16 crc_table[256];

static gpointer
init_crc_table (gpointer data)
{
  for (guint byte = 0; byte < 256; byte++)
    {
      guint16 crc = byte;

      for (guint bit = 0; bit < 8; bit++)
        crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
      crc_table[byte] = crc;
    }
  return NULL;
}

static guint16
fit_crc (const guint8 *data,
         gsize         len)
{
  static GOnce once = G_ONCE_INIT;
  guint16 crc = 0;

  g_once (&once, init_crc_table, NULL);
  for (gsize i = 0; i < len; i++)
    crc = (crc >> 8) ^ crc_table[(crc ^ data[i]) & 0xff];
  return crc;
}

/* ---- reading the stream ---------------------------------------------- */

static GByteArray *
read_all (GInputStream  *stream,
          const char    *display_name,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new (READ_CHUNK);
  g_autoptr(GError) local_error = NULL;

  for (;;)
    {
      guint old_len = bytes->len;
      gssize n_read;

      if (old_len > FIT_MAX_BYTES)
        {
          g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” is larger than %u MB, too large for a workout; it was not read"),
                       display_name, FIT_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      /* Memory streams never look at the cancellable themselves. */
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;

      g_byte_array_set_size (bytes, old_len + READ_CHUNK);
      n_read = g_input_stream_read (stream, bytes->data + old_len, READ_CHUNK,
                                    cancellable, &local_error);
      g_byte_array_set_size (bytes, old_len + MAX (n_read, 0));
      if (n_read <= 0)
        break;
    }

  if (local_error == NULL)
    return g_steal_pointer (&bytes);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                 _("Reading “%s” was cancelled"), display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” could not be read: %s"), display_name, local_error->message);
  return NULL;
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

/* ---- messages -------------------------------------------------------- */

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
    case MESG_SPORT:
      return number == 0 ? SLOT_SPORT : -1;
    case MESG_RECORD:
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
               _("“%s” is damaged: the message at byte %" G_GSIZE_FORMAT
                 " runs past the end of the data"),
               self->display_name, at);
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
                   _("“%s” is damaged: the message definition at byte %" G_GSIZE_FORMAT
                     " has an unknown byte order"),
                   self->display_name, at);
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

      if (slot >= 0 && def->fields[slot].size == 0)
        def->fields[slot] = (FitField) { offset, field[1], field[2] };
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
  if (self->points->len >= FIT_MAX_POINTS)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” holds more than %u points, too many for one workout; it was not read"),
                   self->display_name, FIT_MAX_POINTS);
      return FALSE;
    }

  read_position (message, def, &point);
  point.altitude = read_preferred (message, def, SLOT_ENHANCED_ALTITUDE, SLOT_ALTITUDE) / 5.0 - 500.0;
  point.heart_rate = read_value (message, &def->fields[SLOT_HEART_RATE], def->big_endian);
  point.cadence = read_value (message, &def->fields[SLOT_CADENCE], def->big_endian);
  point.distance = read_value (message, &def->fields[SLOT_DISTANCE], def->big_endian) / 100.0;
  point.speed = read_preferred (message, def, SLOT_ENHANCED_SPEED, SLOT_SPEED) / 1000.0;
  if (def->fields[SLOT_COMPRESSED_SPEED_DISTANCE].size != 0)
    read_compressed_speed_distance (self, message, &def->fields[SLOT_COMPRESSED_SPEED_DISTANCE],
                                    &point);

  g_array_append_val (self->points, point);
  return TRUE;
}

static void
read_file_id (FitReader           *self,
              const guint8        *message,
              const FitDefinition *def)
{
  double type = read_value (message, &def->fields[SLOT_FILE_TYPE], def->big_endian);

  if (isnan (type))
    return;
  if (self->first_file_type < 0)
    self->first_file_type = (int) type;
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
  double value = read_value (message, &def->fields[SLOT_SPORT], def->big_endian);

  if (*sport < 0 && !isnan (value))
    *sport = (int) value;
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
  if (def->fields[SLOT_TIMESTAMP].size != 0)
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
                   _("“%s” is damaged: the message at byte %" G_GSIZE_FORMAT
                     " uses message type %u before defining it"),
                   self->display_name, at, local);
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

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) read_unsigned (p, 4, FALSE);
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
    {
      if (start > 0)
        g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                     _("“%s” is damaged: after byte %" G_GSIZE_FORMAT " comes something"
                       " that is not the header of another FIT file"),
                     self->display_name, start);
      else if (available >= FIT_MIN_HEADER_SIZE && memcmp (p + 8, ".FIT", 4) != 0)
        g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                     _("“%s” is not a FIT file: it lacks the “.FIT” signature"),
                     self->display_name);
      else
        g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                     _("“%s” is damaged: its FIT header is cut short"), self->display_name);
      return FALSE;
    }
  if ((p[1] >> 4) > FIT_MAX_MAJOR_VERSION)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” uses FIT protocol version %u.%u, which is newer than this app can read"),
                   self->display_name, p[1] >> 4, p[1] & 0x0f);
      return FALSE;
    }

  /* The data size is a claim: check it against what arrived before
   * trusting it with anything. */
  *out_header_size = p[0];
  *out_data_size = read_le32 (p + 4);
  needed = (guint64) *out_header_size + *out_data_size + FIT_CRC_SIZE;
  if (needed > available)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” is damaged: it ends early (%" G_GUINT64_FORMAT " of %"
                     G_GUINT64_FORMAT " bytes are there)"),
                   self->display_name, (guint64) self->len,
                   (guint64) start + needed);
      return FALSE;
    }

  /* A header checksum of zero means the writer did not compute one. */
  if (*out_header_size >= FIT_CRC_HEADER_SIZE)
    {
      guint16 stored = (guint16) read_unsigned (p + 12, 2, FALSE);

      if (stored != 0 && stored != fit_crc (p, 12))
        {
          g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                       _("“%s” is damaged: the checksum of its FIT header does not match"),
                       self->display_name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_file_crc (FitReader  *self,
                gsize       start,
                gsize       end,
                GError    **error)
{
  guint16 stored = (guint16) read_unsigned (self->data + end, 2, FALSE);

  if (stored == fit_crc (self->data + start, end - start))
    return TRUE;
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” is damaged: its checksum does not match its contents"),
               self->display_name);
  return FALSE;
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

/* One FIT file of the chain, from its header to its checksum. */
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
  if (!check_file_crc (self, start, end, error))
    return FALSE;

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

  *out_next = end + FIT_CRC_SIZE;
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
      if (!read_part (self, pos, &pos, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- building the activity ------------------------------------------- */

typedef struct {
  int         number;     /* FIT sport enum */
  const char *sport;
  const char *name;
} FitSport;

static const FitSport sports[] = {
  { 1, "run", N_("Run") },
  { 2, "ride", N_("Ride") },
  { 4, "fitness equipment", N_("Fitness equipment") },
  { 5, "swim", N_("Swim") },
  { 10, "training", N_("Training") },
  { 11, "walk", N_("Walk") },
  { 12, "cross-country ski", N_("Cross-country ski") },
  { 13, "alpine ski", N_("Alpine ski") },
  { 14, "snowboard", N_("Snowboard") },
  { 15, "row", N_("Row") },
  { 16, "mountaineering", N_("Mountaineering") },
  { 17, "hike", N_("Hike") },
  { 19, "paddle", N_("Paddle") },
  { 21, "ride", N_("Ride") },         /* e-bike */
  { 30, "inline skate", N_("Inline skate") },
  { 31, "climb", N_("Climb") },
  { 33, "ice skate", N_("Ice skate") },
  { 35, "snowshoe", N_("Snowshoe") },
  { 37, "stand-up paddle", N_("Stand-up paddle") },
  { 38, "surf", N_("Surf") },
  { 41, "kayak", N_("Kayak") },
  { 43, "windsurf", N_("Windsurf") },
  { 44, "kitesurf", N_("Kitesurf") },
};

static const FitSport *
find_sport (const FitReader *self)
{
  int number = self->session_sport >= 0 ? self->session_sport : self->sport_sport;

  for (guint i = 0; i < G_N_ELEMENTS (sports); i++)
    {
      if (sports[i].number == number)
        return &sports[i];
    }
  return NULL;
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

typedef struct {
  guint    n_timed;
  guint    n_positioned;
  gboolean altitude, heart_rate, cadence, distance, speed;
} FitPresence;

/* Timed files keep their timed records (positions or not); a file
 * without any time is a plain route of its positioned records. */
static gboolean
keep_point (const FitPoint *point,
            gboolean        timed)
{
  return timed ? !isnan (point->time) : !isnan (point->lat);
}

static guint
count_kept (const FitReader *self,
            FitPresence     *presence)
{
  gboolean timed;
  guint n = 0;

  for (guint i = 0; i < self->points->len; i++)
    {
      const FitPoint *point = &g_array_index (self->points, FitPoint, i);

      presence->n_timed += !isnan (point->time);
      presence->n_positioned += !isnan (point->lat);
    }

  timed = presence->n_timed > 0;
  for (guint i = 0; i < self->points->len; i++)
    {
      const FitPoint *point = &g_array_index (self->points, FitPoint, i);

      if (!keep_point (point, timed))
        continue;
      n++;
      presence->altitude |= !isnan (point->altitude);
      presence->heart_rate |= !isnan (point->heart_rate);
      presence->cadence |= !isnan (point->cadence);
      presence->distance |= !isnan (point->distance);
      presence->speed |= !isnan (point->speed);
    }
  return n;
}

static void
update_bounds (RsbActivityInfo *info,
               const FitPoint  *point)
{
  if (isnan (point->lat))
    return;
  if (isnan (info->min_lat))
    {
      info->min_lat = info->max_lat = point->lat;
      info->min_lon = info->max_lon = point->lon;
      return;
    }
  info->min_lat = MIN (info->min_lat, point->lat);
  info->max_lat = MAX (info->max_lat, point->lat);
  info->min_lon = MIN (info->min_lon, point->lon);
  info->max_lon = MAX (info->max_lon, point->lon);
}

static void
fill_columns (const FitReader *self,
              gboolean         timed,
              RsbStreams      *streams,
              RsbActivityInfo *info)
{
  double *time = streams->columns[RSB_STREAM_TIME];
  double *lat = streams->columns[RSB_STREAM_LAT];
  double *lon = streams->columns[RSB_STREAM_LON];
  double *altitude = streams->columns[RSB_STREAM_ALTITUDE];
  double *heart_rate = streams->columns[RSB_STREAM_HEART_RATE];
  double *cadence = streams->columns[RSB_STREAM_CADENCE];
  double *distance = streams->columns[RSB_STREAM_DISTANCE];
  double *speed = streams->columns[RSB_STREAM_SPEED];
  double t0 = NAN;
  guint n = 0;

  for (guint i = 0; i < self->points->len; i++)
    {
      const FitPoint *point = &g_array_index (self->points, FitPoint, i);

      if (!keep_point (point, timed))
        continue;
      if (n == 0)
        t0 = point->time;
      if (time != NULL)
        time[n] = point->time - t0;
      if (lat != NULL)
        {
          lat[n] = point->lat;
          lon[n] = point->lon;
        }
      if (altitude != NULL)
        altitude[n] = point->altitude;
      if (heart_rate != NULL)
        heart_rate[n] = point->heart_rate;
      if (cadence != NULL)
        cadence[n] = point->cadence;
      if (distance != NULL)
        distance[n] = point->distance;
      if (speed != NULL)
        speed[n] = point->speed;
      update_bounds (info, point);
      n++;
    }

  if (timed)
    info->start_ms = ((gint64) t0 + FIT_EPOCH_UNIX_S) * 1000;
}

/* Without a distance from the device, the path between fixes; records
 * without a fix have no distance rather than a made-up one. */
static void
compute_distance (RsbStreams *streams)
{
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];
  double *distance = streams->columns[RSB_STREAM_DISTANCE];
  double sum = 0;
  int previous = -1;

  for (guint i = 0; i < streams->n_points; i++)
    {
      if (isnan (lat[i]))
        {
          distance[i] = NAN;
          continue;
        }
      if (previous >= 0)
        sum += rsb_geo_distance_m (lat[previous], lon[previous], lat[i], lon[i]);
      distance[i] = sum;
      previous = i;
    }
}

static void
compute_totals (RsbStreams      *streams,
                RsbActivityInfo *info)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  const double *distance = streams->columns[RSB_STREAM_DISTANCE];
  guint n = streams->n_points;

  info->n_points = n;
  for (guint i = n; distance != NULL && i > 0; i--)
    {
      if (!isnan (distance[i - 1]))
        {
          info->distance_m = distance[i - 1];
          break;
        }
    }
  if (time == NULL)
    return;
  info->elapsed_s = time[n - 1] - time[0];
  info->moving_s = rsb_streams_moving_s (streams);
}

static gboolean
set_no_track_error (FitReader  *self,
                    GError    **error)
{
  if (self->points->len == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds no track: the activity has no records"), self->display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds no track: none of its %u records has a time or a position"),
                 self->display_name, self->points->len);
  return FALSE;
}

static gboolean
build (FitReader         *self,
       RsbActivityInfo  **out_info,
       RsbStreams       **out_streams,
       GError           **error)
{
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  FitPresence presence = { 0, };
  const FitSport *sport;
  gboolean timed;
  guint n;

  if (!check_is_activity (self, error))
    return FALSE;
  n = count_kept (self, &presence);
  if (n == 0)
    return set_no_track_error (self, error);
  timed = presence.n_timed > 0;

  streams = rsb_streams_new (n);
  if (timed)
    rsb_streams_ensure (streams, RSB_STREAM_TIME);
  if (presence.n_positioned > 0)
    {
      rsb_streams_ensure (streams, RSB_STREAM_LAT);
      rsb_streams_ensure (streams, RSB_STREAM_LON);
    }
  if (presence.altitude)
    rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE);
  if (presence.heart_rate)
    rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE);
  if (presence.cadence)
    rsb_streams_ensure (streams, RSB_STREAM_CADENCE);
  if (presence.distance || presence.n_positioned > 0)
    rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  if (presence.speed)
    rsb_streams_ensure (streams, RSB_STREAM_SPEED);

  info = rsb_activity_info_new ();
  fill_columns (self, timed, streams, info);
  if (!presence.distance && presence.n_positioned > 0)
    compute_distance (streams);
  compute_totals (streams, info);

  sport = find_sport (self);
  info->sport = sport != NULL ? g_strdup (sport->sport) : NULL;
  info->name = sport != NULL ? g_strdup (_(sport->name)) : name_from_file (self->display_name);
  info->file_name = g_strdup (self->display_name);

  *out_info = g_steal_pointer (&info);
  *out_streams = g_steal_pointer (&streams);
  return TRUE;
}

gboolean
rsb_fit_read (GInputStream      *stream,
              const char        *display_name,
              RsbActivityInfo  **out_info,
              RsbStreams       **out_streams,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  FitReader self = {
    .display_name = display_name,
    .cancellable = cancellable,
    .first_file_type = -1,
    .session_sport = -1,
    .sport_sport = -1,
  };
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (out_info != NULL && out_streams != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = read_all (stream, display_name, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  self.data = bytes->data;
  self.len = bytes->len;
  self.points = g_array_sized_new (FALSE, FALSE, sizeof (FitPoint), MIN (bytes->len / 16, 65536));
  ok = read_chain (&self, error) && build (&self, out_info, out_streams, error);
  g_array_unref (self.points);
  return ok;
}
