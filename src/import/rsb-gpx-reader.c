/* rsb-gpx-reader.c: GPX 1.0/1.1 -> one activity.
 *
 * The document is streamed through libxml2's xmlTextReader so an 8 MB
 * track never becomes a DOM. Entities are never substituted and no DTD
 * is loaded. A GPX file has no business declaring entities, so a
 * document that declares any is refused, whether libxml2's own loop
 * guard or our look at the DTD notices first.
 */
#include "rsb-gpx-reader.h"

#include "rsb-import-error.h"
#include "rsb-geo.h"
#include "rsb-matcher.h"
#include "rsb-time.h"

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

#define NO_TIME_US G_MININT64

/* libxml2 asks for 4 KiB at a time; reading the stream in larger bites
 * saves thousands of syscalls on a big file. */
#define READ_BUFFER_SIZE (64 * 1024)

typedef struct {
  gint64 time_us;  /* NO_TIME_US when absent */
  double lat;
  double lon;
  double ele;
  double hr;
  double cad;
  double speed;
} GpxPoint;

/* A <trkseg>, or a whole <rte>: a run of consecutive points. */
typedef struct {
  guint  first;
  guint  n_points;
  guint  n_timed;
  guint  owner;          /* ordinal of the <trk> or <rte> */
  gint64 first_time_us;
} GpxSegment;

typedef enum {
  FIELD_NONE,
  FIELD_ELE,
  FIELD_TIME,
  FIELD_HR,
  FIELD_CAD,
  FIELD_SPEED,
  FIELD_OWNER_NAME,
  FIELD_OWNER_TYPE,
  FIELD_DOC_NAME,
} GpxField;

typedef struct {
  const char       *display_name;
  GInputStream     *stream;
  GCancellable     *cancellable;
  xmlTextReaderPtr  reader;

  guint8           *buffer;
  gsize             buffer_pos;
  gsize             buffer_len;
  GError           *io_error;
  gboolean          eof;
  gsize             n_bytes;
  int               xml_code;      /* first libxml2 error, 0 = none */
  char             *xml_message;
  int               xml_line;

  GArray           *points;        /* GpxPoint, tracks and routes alike */
  GArray           *trk_segments;  /* GpxSegment */
  GArray           *rte_segments;  /* GpxSegment */
  GPtrArray        *trk_names;     /* per <trk>, NULL when unnamed */
  GPtrArray        *trk_types;
  GPtrArray        *rte_names;
  char             *doc_name;
  guint             n_waypoints;

  /* Depth of the open container of each kind, -1 when outside it. */
  int               trk_depth;
  int               rte_depth;
  int               seg_depth;
  int               point_depth;
  int               tpe_depth;
  int               metadata_depth;

  GpxSegment        segment;       /* being read */
  GpxPoint          point;         /* being read */
  GpxField          field;         /* what the next text node is */
  int               field_depth;
} GpxParser;

static void
gpx_parser_clear (GpxParser *self)
{
  if (self->reader != NULL)
    xmlFreeTextReader (self->reader);
  g_free (self->buffer);
  g_clear_error (&self->io_error);
  g_free (self->xml_message);
  g_array_unref (self->points);
  g_array_unref (self->trk_segments);
  g_array_unref (self->rte_segments);
  g_ptr_array_unref (self->trk_names);
  g_ptr_array_unref (self->trk_types);
  g_ptr_array_unref (self->rte_names);
  g_free (self->doc_name);
}

/* ---- values ---------------------------------------------------------- */

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Plain decimals ("46.0512345", "-3.4") with at most 15 digits are an
 * exact integer over an exact power of ten, so one IEEE division gives
 * the same correctly rounded double as strtod, at a fraction of the
 * cost; coordinates are 2 of every 5 numbers in a file. */
static gboolean
parse_plain_decimal (const char *p,
                     double     *out)
{
  guint64 mantissa = 0;
  int n_digits = 0, n_fraction = 0;
  gboolean negative = *p == '-';

  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p); p++, n_digits++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, n_digits++, n_fraction++)
        mantissa = mantissa * 10 + (guint64) (*p - '0');
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || n_digits == 0 || n_digits > 15)
    return FALSE;

  *out = (double) mantissa / powers_of_ten[n_fraction];
  if (negative)
    *out = -*out;
  return TRUE;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end;
  double value;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  if (parse_plain_decimal (text, out))
    return TRUE;

  value = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (value))
    return FALSE;

  *out = value;
  return TRUE;
}

static double
parse_optional_double (const char *text)
{
  double value;

  return parse_double (text, &value) ? value : NAN;
}

static gint64
parse_time (const char *text)
{
  gint64 time_us;

  return rsb_time_parse_iso8601 (text, &time_us) ? time_us : NO_TIME_US;
}

/* ---- libxml2 plumbing ------------------------------------------------ */

static gboolean
gpx_fill_buffer (GpxParser *self)
{
  gssize n_read;

  /* Memory streams never look at the cancellable themselves. */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &self->io_error))
    return FALSE;

  n_read = g_input_stream_read (self->stream, self->buffer, READ_BUFFER_SIZE,
                                self->cancellable, &self->io_error);
  if (n_read < 0)
    return FALSE;

  self->buffer_pos = 0;
  self->buffer_len = n_read;
  self->n_bytes += n_read;
  self->eof = n_read == 0;
  return TRUE;
}

static int
gpx_read_cb (void *context,
             char *buffer,
             int   len)
{
  GpxParser *self = context;
  gsize n_copy;

  if (self->io_error != NULL)
    return -1;
  if (self->buffer_pos == self->buffer_len && !self->eof && !gpx_fill_buffer (self))
    return -1;

  n_copy = MIN ((gsize) len, self->buffer_len - self->buffer_pos);
  memcpy (buffer, self->buffer + self->buffer_pos, n_copy);
  self->buffer_pos += n_copy;
  return (int) n_copy;
}

static void
gpx_xml_error_cb (void        *user_data,
                  xmlErrorPtr  xml_error)
{
  GpxParser *self = user_data;

  /* Only well-formedness errors stop the reader. Warnings and namespace
   * slips (an undeclared gpxtpx: prefix is common) do not make a file
   * unreadable, and the first fatal error explains a failure best. */
  if (xml_error->level < XML_ERR_FATAL || self->xml_code != 0)
    return;

  self->xml_code = xml_error->code;
  self->xml_line = xml_error->line;
  self->xml_message = g_strstrip (g_strdup (xml_error->message != NULL ?
                                            xml_error->message : ""));
}

static int
gpx_current_line (GpxParser *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  return line > 0 ? (int) line : xmlTextReaderGetParserLineNumber (self->reader);
}

static gboolean
is_truncation (int code)
{
  switch (code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_LITERAL_NOT_FINISHED:
    case XML_ERR_COMMENT_NOT_FINISHED:
    case XML_ERR_CDATA_NOT_FINISHED:
    case XML_ERR_PI_NOT_FINISHED:
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_SPACE_REQUIRED:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* libxml2 stops a billion-laughs document itself, before its DTD node
 * reaches us; say what happened rather than "entity reference loop". */
static void
gpx_set_entity_error (GpxParser  *self,
                      GError    **error)
{
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               "“%s” declares XML entities, which GPX files never do; it was not read",
               self->display_name);
}

static int
gpx_parser_line (GpxParser *self)
{
  if (self->xml_line > 0)
    return self->xml_line;
  return self->reader != NULL ? xmlTextReaderGetParserLineNumber (self->reader) : 0;
}

static void
gpx_set_parse_error (GpxParser  *self,
                     GError    **error)
{
  if (self->io_error != NULL)
    {
      if (g_error_matches (self->io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                     "Reading “%s” was cancelled", self->display_name);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&self->io_error),
                                    "Could not read “%s”: ", self->display_name);
    }
  else if (self->eof && self->n_bytes == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 "“%s” is empty", self->display_name);
  else if (self->xml_code == XML_ERR_ENTITY_LOOP)
    gpx_set_entity_error (self, error);
  else if (self->eof && (self->xml_code == 0 || is_truncation (self->xml_code)))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 "“%s” is damaged: the XML ends early (line %d)",
                 self->display_name, gpx_parser_line (self));
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 "“%s” is damaged: %s (line %d)", self->display_name,
                 self->xml_message != NULL ? self->xml_message : "the XML is not well-formed",
                 gpx_parser_line (self));
}

/* ---- element handlers ------------------------------------------------ */

static gboolean
gpx_check_doctype (GpxParser  *self,
                   GError    **error)
{
  xmlDtdPtr dtd = (xmlDtdPtr) xmlTextReaderCurrentNode (self->reader);

  if (dtd == NULL || dtd->type != XML_DTD_NODE)
    return TRUE;
  if ((dtd->entities == NULL || xmlHashSize ((xmlHashTablePtr) dtd->entities) == 0) &&
      (dtd->pentities == NULL || xmlHashSize ((xmlHashTablePtr) dtd->pentities) == 0))
    return TRUE;

  gpx_set_entity_error (self, error);
  return FALSE;
}

static gboolean
gpx_check_root (GpxParser   *self,
                const char  *name,
                GError     **error)
{
  if (strcmp (name, "gpx") == 0)
    return TRUE;

  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               "“%s” is not a GPX file: it holds <%s> instead of <gpx>",
               self->display_name, name);
  return FALSE;
}

static gboolean
gpx_coordinate_error (GpxParser   *self,
                      const char  *what,
                      const char  *value,
                      GError     **error)
{
  if (value == NULL)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 "“%s” is damaged: a point has no %s (line %d)",
                 self->display_name, what, gpx_current_line (self));
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 "“%s” is damaged: a point has the invalid %s “%s” (line %d)",
                 self->display_name, what, value, gpx_current_line (self));
  return FALSE;
}

static gboolean
gpx_read_coordinate (GpxParser   *self,
                     const char  *what,
                     double       limit,
                     double      *out,
                     GError     **error)
{
  const char *text = (const char *) xmlTextReaderConstValue (self->reader);

  if (parse_double (text, out) && *out >= -limit && *out <= limit)
    return TRUE;
  return gpx_coordinate_error (self, what, text, error);
}

/* Reads lat/lon straight from the attributes: the reader's value buffer
 * is reused per attribute, so each is parsed before moving on. */
static gboolean
gpx_read_position (GpxParser  *self,
                   GError    **error)
{
  gboolean has_lat = FALSE, has_lon = FALSE;

  while (xmlTextReaderMoveToNextAttribute (self->reader) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);

      if (strcmp (name, "lat") == 0)
        {
          if (!gpx_read_coordinate (self, "latitude", 90.0, &self->point.lat, error))
            return FALSE;
          has_lat = TRUE;
        }
      else if (strcmp (name, "lon") == 0)
        {
          if (!gpx_read_coordinate (self, "longitude", 180.0, &self->point.lon, error))
            return FALSE;
          has_lon = TRUE;
        }
    }
  xmlTextReaderMoveToElement (self->reader);

  if (!has_lat)
    return gpx_coordinate_error (self, "latitude", NULL, error);
  if (!has_lon)
    return gpx_coordinate_error (self, "longitude", NULL, error);
  return TRUE;
}

static void
gpx_begin_segment (GpxParser *self,
                   guint      owner)
{
  self->segment = (GpxSegment) {
    .first = self->points->len,
    .owner = owner,
    .first_time_us = NO_TIME_US,
  };
}

static void
gpx_end_segment (GpxParser *self,
                 GArray    *segments)
{
  if (self->segment.n_points > 0)
    g_array_append_val (segments, self->segment);
}

static void
gpx_end_point (GpxParser *self)
{
  GpxSegment *segment = &self->segment;

  if (self->point.time_us != NO_TIME_US)
    {
      if (segment->n_timed == 0)
        segment->first_time_us = self->point.time_us;
      segment->n_timed++;
    }
  segment->n_points++;
  g_array_append_val (self->points, self->point);
  self->point_depth = -1;
  self->tpe_depth = -1;
}

static gboolean
gpx_begin_point (GpxParser  *self,
                 int         depth,
                 gboolean    empty,
                 GError    **error)
{
  self->point = (GpxPoint) {
    .time_us = NO_TIME_US,
    .ele = NAN, .hr = NAN, .cad = NAN, .speed = NAN,
  };
  if (!gpx_read_position (self, error))
    return FALSE;

  self->point_depth = depth;
  if (empty)
    gpx_end_point (self);
  return TRUE;
}

static void
gpx_expect_text (GpxParser *self,
                 GpxField   field,
                 int        depth,
                 gboolean   empty)
{
  if (!empty)
    {
      self->field = field;
      self->field_depth = depth;
    }
}

static void
gpx_point_child (GpxParser  *self,
                 const char *name,
                 int         depth,
                 gboolean    empty)
{
  if (depth == self->point_depth + 1)
    {
      if (strcmp (name, "ele") == 0)
        gpx_expect_text (self, FIELD_ELE, depth, empty);
      else if (strcmp (name, "time") == 0)
        gpx_expect_text (self, FIELD_TIME, depth, empty);
      else if (strcmp (name, "speed") == 0)
        gpx_expect_text (self, FIELD_SPEED, depth, empty);
    }
  else if (self->tpe_depth >= 0 && depth == self->tpe_depth + 1)
    {
      if (strcmp (name, "hr") == 0)
        gpx_expect_text (self, FIELD_HR, depth, empty);
      else if (strcmp (name, "cad") == 0)
        gpx_expect_text (self, FIELD_CAD, depth, empty);
      else if (strcmp (name, "speed") == 0)
        gpx_expect_text (self, FIELD_SPEED, depth, empty);
    }
  else if (self->tpe_depth < 0 && !empty && strcmp (name, "TrackPointExtension") == 0)
    self->tpe_depth = depth;
}

static void
gpx_owner_child (GpxParser  *self,
                 const char *name,
                 int         depth,
                 gboolean    empty,
                 gboolean    has_type)
{
  if (strcmp (name, "name") == 0)
    gpx_expect_text (self, FIELD_OWNER_NAME, depth, empty);
  else if (has_type && strcmp (name, "type") == 0)
    gpx_expect_text (self, FIELD_OWNER_TYPE, depth, empty);
}

static void
gpx_document_child (GpxParser  *self,
                    const char *name,
                    int         depth,
                    gboolean    empty)
{
  if (strcmp (name, "trk") == 0 && !empty)
    {
      self->trk_depth = depth;
      g_ptr_array_add (self->trk_names, NULL);
      g_ptr_array_add (self->trk_types, NULL);
    }
  else if (strcmp (name, "rte") == 0 && !empty)
    {
      self->rte_depth = depth;
      g_ptr_array_add (self->rte_names, NULL);
      gpx_begin_segment (self, self->rte_names->len - 1);
    }
  else if (strcmp (name, "wpt") == 0)
    self->n_waypoints++;
  else if (strcmp (name, "metadata") == 0 && !empty)
    self->metadata_depth = depth;
  else if (strcmp (name, "name") == 0)
    gpx_expect_text (self, FIELD_DOC_NAME, depth, empty);
}

/* The local name, also when a sloppy exporter used a prefix it never
 * declared (libxml2 then keeps "gpxtpx:hr" whole). */
static const char *
gpx_local_name (GpxParser *self)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);
  const char *colon = strchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static gboolean
gpx_start_element (GpxParser  *self,
                   GError    **error)
{
  const char *name = gpx_local_name (self);
  int depth = xmlTextReaderDepth (self->reader);
  gboolean empty = xmlTextReaderIsEmptyElement (self->reader) == 1;

  if (self->point_depth >= 0)
    gpx_point_child (self, name, depth, empty);
  else if (self->seg_depth >= 0)
    {
      if (depth == self->seg_depth + 1 && strcmp (name, "trkpt") == 0)
        return gpx_begin_point (self, depth, empty, error);
    }
  else if (self->trk_depth >= 0)
    {
      if (depth != self->trk_depth + 1)
        return TRUE;
      if (strcmp (name, "trkseg") == 0 && !empty)
        {
          self->seg_depth = depth;
          gpx_begin_segment (self, self->trk_names->len - 1);
        }
      else
        gpx_owner_child (self, name, depth, empty, TRUE);
    }
  else if (self->rte_depth >= 0)
    {
      if (depth != self->rte_depth + 1)
        return TRUE;
      if (strcmp (name, "rtept") == 0)
        return gpx_begin_point (self, depth, empty, error);
      gpx_owner_child (self, name, depth, empty, FALSE);
    }
  else if (self->metadata_depth >= 0)
    {
      if (depth == self->metadata_depth + 1 && strcmp (name, "name") == 0)
        gpx_expect_text (self, FIELD_DOC_NAME, depth, empty);
    }
  else if (depth == 1)
    gpx_document_child (self, name, depth, empty);
  else if (depth == 0)
    return gpx_check_root (self, name, error);

  return TRUE;
}

static void
gpx_end_element (GpxParser *self)
{
  int depth = xmlTextReaderDepth (self->reader);

  if (depth == self->field_depth)
    self->field = FIELD_NONE;

  if (depth == self->point_depth)
    gpx_end_point (self);
  else if (depth == self->tpe_depth)
    self->tpe_depth = -1;
  else if (depth == self->seg_depth)
    {
      gpx_end_segment (self, self->trk_segments);
      self->seg_depth = -1;
    }
  else if (depth == self->trk_depth)
    self->trk_depth = -1;
  else if (depth == self->rte_depth)
    {
      gpx_end_segment (self, self->rte_segments);
      self->rte_depth = -1;
    }
  else if (depth == self->metadata_depth)
    self->metadata_depth = -1;
}

static void
set_first_string (GPtrArray  *strings,
                  const char *value)
{
  char **slot = (char **) &g_ptr_array_index (strings, strings->len - 1);

  if (*slot == NULL)
    *slot = g_strstrip (g_strdup (value));
}

static void
gpx_text (GpxParser *self)
{
  const char *value = (const char *) xmlTextReaderConstValue (self->reader);

  if (value == NULL)
    return;

  switch (self->field)
    {
    case FIELD_NONE:
      return;
    case FIELD_ELE:
      self->point.ele = parse_optional_double (value);
      break;
    case FIELD_TIME:
      self->point.time_us = parse_time (value);
      break;
    case FIELD_HR:
      self->point.hr = parse_optional_double (value);
      break;
    case FIELD_CAD:
      self->point.cad = parse_optional_double (value);
      break;
    case FIELD_SPEED:
      self->point.speed = parse_optional_double (value);
      break;
    case FIELD_OWNER_NAME:
      set_first_string (self->trk_depth >= 0 ? self->trk_names : self->rte_names, value);
      break;
    case FIELD_OWNER_TYPE:
      set_first_string (self->trk_types, value);
      break;
    case FIELD_DOC_NAME:
      if (self->doc_name == NULL)
        self->doc_name = g_strstrip (g_strdup (value));
      break;
    }
  /* Only the first text node counts: a comment inside <ele> must not
   * let a second half overwrite the first. */
  self->field = FIELD_NONE;
}

static gboolean
gpx_parse (GpxParser  *self,
           GError    **error)
{
  int ret;

  while ((ret = xmlTextReaderRead (self->reader)) == 1)
    {
      gboolean ok = TRUE;

      switch (xmlTextReaderNodeType (self->reader))
        {
        case XML_READER_TYPE_ELEMENT:
          ok = gpx_start_element (self, error);
          break;
        case XML_READER_TYPE_END_ELEMENT:
          gpx_end_element (self);
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
          gpx_text (self);
          break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
          ok = gpx_check_doctype (self, error);
          break;
        default:
          break;
        }
      if (!ok)
        return FALSE;
    }

  if (ret < 0 || self->io_error != NULL)
    {
      gpx_set_parse_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* ---- building the activity ------------------------------------------- */

static int
compare_segments_by_time (gconstpointer a,
                          gconstpointer b)
{
  const GpxSegment *sa = a, *sb = b;

  if (sa->first_time_us != sb->first_time_us)
    return sa->first_time_us < sb->first_time_us ? -1 : 1;
  /* Keep file order for equal starts: g_array_sort is not stable. */
  return sa->first < sb->first ? -1 : sa->first > sb->first;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
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
  return g_steal_pointer (&base);
}

static char *
sport_from_type (const char *type)
{
  static const struct { const char *type; const char *sport; } map[] = {
    { "running", "run" }, { "run", "run" },
    { "cycling", "ride" }, { "biking", "ride" }, { "ride", "ride" },
    { "walking", "walk" }, { "hiking", "hike" },
  };
  g_autofree char *lower = NULL;

  if (type == NULL || *type == '\0')
    return NULL;
  lower = g_utf8_strdown (type, -1);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      if (strcmp (lower, map[i].type) == 0)
        return g_strdup (map[i].sport);
    }
  return g_steal_pointer (&lower);
}

/* The first name (and type) of a track or route that gave points. */
static const char *
first_owner_string (GArray    *segments,
                    GPtrArray *strings)
{
  guint best_owner = G_MAXUINT;

  if (strings == NULL)
    return NULL;
  for (guint i = 0; i < segments->len; i++)
    {
      GpxSegment *segment = &g_array_index (segments, GpxSegment, i);
      const char *value = g_ptr_array_index (strings, segment->owner);

      if (value != NULL && *value != '\0' && segment->owner < best_owner)
        best_owner = segment->owner;
    }
  return best_owner == G_MAXUINT ? NULL : g_ptr_array_index (strings, best_owner);
}

typedef struct {
  gboolean ele, hr, cad, speed;
} GpxPresence;

static guint
count_points (GpxParser   *self,
              GArray      *segments,
              gboolean     timed,
              GpxPresence *presence)
{
  guint n = 0;

  for (guint s = 0; s < segments->len; s++)
    {
      GpxSegment *segment = &g_array_index (segments, GpxSegment, s);

      for (guint i = segment->first; i < segment->first + segment->n_points; i++)
        {
          GpxPoint *point = &g_array_index (self->points, GpxPoint, i);

          if (timed && point->time_us == NO_TIME_US)
            continue;
          n++;
          presence->ele |= !isnan (point->ele);
          presence->hr |= !isnan (point->hr);
          presence->cad |= !isnan (point->cad);
          presence->speed |= !isnan (point->speed);
        }
    }
  return n;
}

static void
update_bounds (RsbActivityInfo *info,
               const GpxPoint  *point,
               gboolean         first)
{
  if (first)
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
fill_columns (GpxParser       *self,
              GArray          *segments,
              gboolean         timed,
              RsbStreams      *streams,
              RsbActivityInfo *info)
{
  double *time = streams->columns[RSB_STREAM_TIME];
  double *lat = streams->columns[RSB_STREAM_LAT];
  double *lon = streams->columns[RSB_STREAM_LON];
  double *ele = streams->columns[RSB_STREAM_ALTITUDE];
  double *hr = streams->columns[RSB_STREAM_HEART_RATE];
  double *cad = streams->columns[RSB_STREAM_CADENCE];
  double *dist = streams->columns[RSB_STREAM_DISTANCE];
  double *speed = streams->columns[RSB_STREAM_SPEED];
  gint64 t0 = NO_TIME_US;
  guint n = 0;

  for (guint s = 0; s < segments->len; s++)
    {
      GpxSegment *segment = &g_array_index (segments, GpxSegment, s);

      for (guint i = segment->first; i < segment->first + segment->n_points; i++)
        {
          GpxPoint *point = &g_array_index (self->points, GpxPoint, i);

          if (timed && point->time_us == NO_TIME_US)
            continue;
          if (timed && n == 0)
            t0 = point->time_us;
          if (time != NULL)
            time[n] = (point->time_us - t0) / (double) G_USEC_PER_SEC;
          lat[n] = point->lat;
          lon[n] = point->lon;
          if (ele != NULL)
            ele[n] = point->ele;
          if (hr != NULL)
            hr[n] = point->hr;
          if (cad != NULL)
            cad[n] = point->cad;
          if (speed != NULL)
            speed[n] = point->speed;
          dist[n] = n == 0 ? 0.0 : dist[n - 1] + rsb_geo_distance_m (lat[n - 1], lon[n - 1],
                                                                     point->lat, point->lon);
          update_bounds (info, point, n == 0);
          n++;
        }
    }

  if (timed)
    info->start_ms = floor_div (t0, 1000);
}

static void
compute_totals (RsbStreams      *streams,
                RsbActivityInfo *info)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  const double *dist = streams->columns[RSB_STREAM_DISTANCE];
  guint n = streams->n_points;

  info->n_points = n;
  info->distance_m = dist[n - 1];
  if (time == NULL)
    return;

  info->elapsed_s = time[n - 1] - time[0];
  info->moving_s = rsb_streams_moving_s (streams);
}

static gboolean
gpx_choose_segments (GpxParser  *self,
                     GArray    **out_segments,
                     GPtrArray **out_names,
                     GPtrArray **out_types,
                     GError    **error)
{
  if (self->trk_segments->len > 0)
    {
      *out_segments = self->trk_segments;
      *out_names = self->trk_names;
      *out_types = self->trk_types;
      return TRUE;
    }
  if (self->rte_segments->len > 0)
    {
      *out_segments = self->rte_segments;
      *out_names = self->rte_names;
      *out_types = NULL;
      return TRUE;
    }

  if (self->n_waypoints > 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 "“%s” holds no track: only waypoints", self->display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 "“%s” holds no track", self->display_name);
  return FALSE;
}

/* A file counts as timed when most of its points carry a time. Some
 * exports keep a handful of stray timestamps on an otherwise untimed
 * route; dropping every point without one would leave a stub, so such
 * a file is read as a plain route instead. */
static gboolean
segments_are_timed (GArray *segments)
{
  guint n_points = 0, n_timed = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      n_points += g_array_index (segments, GpxSegment, i).n_points;
      n_timed += g_array_index (segments, GpxSegment, i).n_timed;
    }
  return n_timed > 0 && n_timed >= n_points - n_timed;
}

static void
drop_untimed_segments (GArray *segments)
{
  for (guint i = segments->len; i > 0; i--)
    {
      if (g_array_index (segments, GpxSegment, i - 1).n_timed == 0)
        g_array_remove_index (segments, i - 1);
    }
}

static gboolean
gpx_build (GpxParser         *self,
           RsbActivityInfo  **out_info,
           RsbStreams       **out_streams,
           GError           **error)
{
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  GArray *segments;
  GPtrArray *names, *types;
  GpxPresence presence = { FALSE, };
  const char *name;
  gboolean timed;
  guint n;

  if (!gpx_choose_segments (self, &segments, &names, &types, error))
    return FALSE;

  timed = segments_are_timed (segments);
  if (timed)
    {
      drop_untimed_segments (segments);
      g_array_sort (segments, compare_segments_by_time);
    }

  n = count_points (self, segments, timed, &presence);
  streams = rsb_streams_new (n);
  if (timed)
    rsb_streams_ensure (streams, RSB_STREAM_TIME);
  rsb_streams_ensure (streams, RSB_STREAM_LAT);
  rsb_streams_ensure (streams, RSB_STREAM_LON);
  rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  if (presence.ele)
    rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE);
  if (presence.hr)
    rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE);
  if (presence.cad)
    rsb_streams_ensure (streams, RSB_STREAM_CADENCE);
  if (presence.speed)
    rsb_streams_ensure (streams, RSB_STREAM_SPEED);

  info = rsb_activity_info_new ();
  fill_columns (self, segments, timed, streams, info);
  compute_totals (streams, info);

  name = first_owner_string (segments, names);
  if (name == NULL)
    name = self->doc_name;
  info->name = name != NULL && *name != '\0' ? g_strdup (name)
                                             : name_from_file (self->display_name);
  info->sport = sport_from_type (first_owner_string (segments, types));
  info->file_name = g_strdup (self->display_name);

  *out_info = g_steal_pointer (&info);
  *out_streams = g_steal_pointer (&streams);
  return TRUE;
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

gboolean
rsb_gpx_read (GInputStream      *stream,
              const char        *display_name,
              RsbActivityInfo  **out_info,
              RsbStreams       **out_streams,
              GCancellable      *cancellable,
              GError           **error)
{
  static GOnce libxml_once = G_ONCE_INIT;
  /* No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR, no network. */
  const int options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT |
                      XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  GpxParser self = {
    .display_name = display_name,
    .stream = stream,
    .cancellable = cancellable,
    .buffer = g_malloc (READ_BUFFER_SIZE),
    .points = g_array_sized_new (FALSE, FALSE, sizeof (GpxPoint), 4096),
    .trk_segments = g_array_new (FALSE, FALSE, sizeof (GpxSegment)),
    .rte_segments = g_array_new (FALSE, FALSE, sizeof (GpxSegment)),
    .trk_names = g_ptr_array_new_with_free_func (g_free),
    .trk_types = g_ptr_array_new_with_free_func (g_free),
    .rte_names = g_ptr_array_new_with_free_func (g_free),
    .trk_depth = -1, .rte_depth = -1, .seg_depth = -1,
    .point_depth = -1, .tpe_depth = -1, .metadata_depth = -1,
    .field_depth = -1,
  };
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (out_info != NULL && out_streams != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_once (&libxml_once, init_libxml, NULL);

  self.reader = xmlReaderForIO (gpx_read_cb, NULL, &self, NULL, NULL, options);
  if (self.reader == NULL)
    {
      gpx_set_parse_error (&self, error);
      gpx_parser_clear (&self);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (self.reader, gpx_xml_error_cb, &self);

  ok = gpx_parse (&self, error) &&
       gpx_build (&self, out_info, out_streams, error);
  gpx_parser_clear (&self);
  return ok;
}
