/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-xml-reader.c: one streaming XML document through the handlers of
 * a workout format.
 *
 * The document is streamed through libxml2's xmlTextReader so an 8 MB
 * track never becomes a DOM. Entities are never substituted and no DTD
 * is loaded. Workout files have no business declaring entities, so a
 * document that declares any is refused, whether libxml2's own loop
 * guard or our look at the DTD notices first.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-xml-reader.h"

#include "rsb-import-error.h"
#include "rsb-time.h"

#include <libxml/globals.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

/* libxml2 asks for 4 KiB at a time; reading the stream in larger bites
 * saves thousands of syscalls on a big file. */
#define READ_BUFFER_SIZE (64 * 1024)

struct _RsbXmlReader {
  const char         *display_name;
  const RsbXmlFormat *format;
  GInputStream       *stream;
  GCancellable       *cancellable;
  xmlTextReaderPtr    reader;

  guint8             *buffer;
  gsize               buffer_pos;
  gsize               buffer_len;
  GError             *io_error;
  gboolean            eof;
  gsize               n_bytes;

  int                 xml_code;      /* first fatal libxml2 error, 0 = none */
  char               *xml_message;
  int                 xml_line;
  gboolean            root_seen;     /* the format's root element began */
};

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

gboolean
rsb_xml_parse_double (const char *text,
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

/* A sensor value is worth keeping or not; one bad one is no reason to
 * refuse the file. */
double
rsb_xml_parse_optional_double (const char *text)
{
  double value;

  return rsb_xml_parse_double (text, &value) ? value : NAN;
}

gint64
rsb_xml_parse_time (const char *text)
{
  gint64 time_us;

  return rsb_time_parse_iso8601 (text, &time_us) ? time_us : RSB_XML_NO_TIME_US;
}

/* Floors, so a time before 1970 still lands on the millisecond it is in. */
gint64
rsb_xml_time_to_ms (gint64 time_us)
{
  return time_us >= 0 ? time_us / 1000 : -((-time_us + 999) / 1000);
}

char *
rsb_xml_name_from_file (const char *display_name)
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

/* Exporters spell sports every which way; the library knows a few. */
char *
rsb_xml_sport_from_type (const char *type)
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

/* ---- reading the stream ---------------------------------------------- */

static gboolean
fill_buffer (RsbXmlReader *self)
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
read_cb (void *context,
         char *buffer,
         int   len)
{
  RsbXmlReader *self = context;
  gsize n_copy;

  if (self->io_error != NULL)
    return -1;
  if (self->buffer_pos == self->buffer_len && !self->eof && !fill_buffer (self))
    return -1;

  n_copy = MIN ((gsize) len, self->buffer_len - self->buffer_pos);
  memcpy (buffer, self->buffer + self->buffer_pos, n_copy);
  self->buffer_pos += n_copy;
  return (int) n_copy;
}

static void
xml_error_cb (void        *user_data,
              xmlErrorPtr  xml_error)
{
  RsbXmlReader *self = user_data;

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

/* ---- errors ---------------------------------------------------------- */

const char *
rsb_xml_reader_get_display_name (RsbXmlReader *self)
{
  return self->display_name;
}

/* The line of the node being handled: where a bad value is. */
int
rsb_xml_reader_get_line (RsbXmlReader *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  return line > 0 ? (int) line : xmlTextReaderGetParserLineNumber (self->reader);
}

/* The line libxml2 gave up on, else where the parser is. */
static int
failure_line (RsbXmlReader *self)
{
  if (self->xml_line > 0)
    return self->xml_line;
  return self->reader != NULL ? xmlTextReaderGetParserLineNumber (self->reader) : 0;
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
set_entity_error (RsbXmlReader  *self,
                  GError       **error)
{
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               /* Translators: the second %s is a file format, e.g. GPX */
               _("“%s” declares XML entities, which %s files never do; it was not read"),
               self->display_name, self->format->name);
}

static void
set_io_error (RsbXmlReader  *self,
              GError       **error)
{
  if (g_error_matches (self->io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                 _("Reading “%s” was cancelled"), self->display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” could not be read: %s"), self->display_name,
                 self->io_error->message);
}

static void
set_parse_error (RsbXmlReader  *self,
                 GError       **error)
{
  if (self->io_error != NULL)
    set_io_error (self, error);
  else if (self->eof && self->n_bytes == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is empty"), self->display_name);
  else if (self->xml_code == XML_ERR_ENTITY_LOOP)
    set_entity_error (self, error);
  else if (self->eof && (self->xml_code == 0 || is_truncation (self->xml_code)))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: the XML ends early (line %d)"),
                 self->display_name, failure_line (self));
  else if (self->xml_message != NULL && *self->xml_message != '\0')
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 /* Translators: the second %s is libxml2's own (English) message */
                 _("“%s” is damaged: %s (line %d)"), self->display_name,
                 self->xml_message, failure_line (self));
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: the XML is not well-formed (line %d)"),
                 self->display_name, failure_line (self));
}

char *
rsb_xml_damage_note (const GError *damage,
                     guint         n_points)
{
  /* Translators: %s is what went wrong, naming the file, such as
   * “run.gpx” is damaged: the XML ends early (line 40) */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: the %u point before it was recovered",
                                       "%s: the %u points before it were recovered", n_points),
                          damage->message, n_points);
}

/* ---- nodes ----------------------------------------------------------- */

static gboolean
check_doctype (RsbXmlReader  *self,
               GError       **error)
{
  xmlDtdPtr dtd = (xmlDtdPtr) xmlTextReaderCurrentNode (self->reader);

  if (dtd == NULL || dtd->type != XML_DTD_NODE)
    return TRUE;
  if ((dtd->entities == NULL || xmlHashSize ((xmlHashTablePtr) dtd->entities) == 0) &&
      (dtd->pentities == NULL || xmlHashSize ((xmlHashTablePtr) dtd->pentities) == 0))
    return TRUE;

  set_entity_error (self, error);
  return FALSE;
}

static gboolean
check_root (RsbXmlReader  *self,
            const char    *name,
            GError       **error)
{
  if (strcmp (name, self->format->root) == 0)
    return TRUE;

  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               /* Translators: “file.gpx” is not a GPX file: it holds <kml> instead of <gpx> */
               _("“%s” is not a %s file: it holds <%s> instead of <%s>"),
               self->display_name, self->format->name, name, self->format->root);
  return FALSE;
}

/* Also when a sloppy exporter used a prefix it never declared: libxml2
 * then keeps "gpxtpx:hr" whole. */
static const char *
local_name (const char *name)
{
  const char *colon = strchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static gboolean
start_element (RsbXmlReader          *self,
               const RsbXmlHandlers  *handlers,
               gpointer               user_data,
               GError               **error)
{
  const char *name = local_name ((const char *) xmlTextReaderConstLocalName (self->reader));
  int depth = xmlTextReaderDepth (self->reader);

  if (depth == 0 && !check_root (self, name, error))
    return FALSE;
  if (depth == 0)
    self->root_seen = TRUE;
  if (handlers->start_element == NULL)
    return TRUE;
  return handlers->start_element (self, name, depth,
                                  xmlTextReaderIsEmptyElement (self->reader) == 1,
                                  user_data, error);
}

static gboolean
handle_node (RsbXmlReader          *self,
             const RsbXmlHandlers  *handlers,
             gpointer               user_data,
             GError               **error)
{
  const char *value;

  switch (xmlTextReaderNodeType (self->reader))
    {
    case XML_READER_TYPE_ELEMENT:
      return start_element (self, handlers, user_data, error);
    case XML_READER_TYPE_END_ELEMENT:
      if (handlers->end_element == NULL)
        return TRUE;
      return handlers->end_element (self, xmlTextReaderDepth (self->reader), user_data, error);
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
      value = (const char *) xmlTextReaderConstValue (self->reader);
      if (handlers->text == NULL || value == NULL)
        return TRUE;
      return handlers->text (self, value, user_data, error);
    case XML_READER_TYPE_DOCUMENT_TYPE:
      return check_doctype (self, error);
    default:
      return TRUE;
    }
}

gboolean
rsb_xml_reader_next_attribute (RsbXmlReader  *self,
                               const char   **out_local_name,
                               const char   **out_value)
{
  const char *value;

  if (xmlTextReaderMoveToNextAttribute (self->reader) != 1)
    {
      xmlTextReaderMoveToElement (self->reader);
      return FALSE;
    }
  value = (const char *) xmlTextReaderConstValue (self->reader);
  *out_local_name = local_name ((const char *) xmlTextReaderConstLocalName (self->reader));
  *out_value = value != NULL ? value : "";
  return TRUE;
}

/* ---- the document ---------------------------------------------------- */

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

/* Damage is XML that stops being well-formed (cut off, or garbled):
 * what was read before it stands. Failing I/O, a cancel and entities
 * are no damage. */
static gboolean
is_damage (RsbXmlReader *self)
{
  return self->io_error == NULL && !(self->eof && self->n_bytes == 0) &&
         self->xml_code != XML_ERR_ENTITY_LOOP;
}

static gboolean
read_document (RsbXmlReader          *self,
               const RsbXmlHandlers  *handlers,
               gpointer               user_data,
               GError               **out_damage,
               GError               **error)
{
  int ret;

  while ((ret = xmlTextReaderRead (self->reader)) == 1)
    {
      if (!handle_node (self, handlers, user_data, error))
        return FALSE;
    }

  if (ret < 0 || self->io_error != NULL)
    {
      if (out_damage != NULL && self->root_seen && is_damage (self))
        {
          set_parse_error (self, out_damage);
          return TRUE;
        }
      set_parse_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rsb_xml_read (GInputStream          *stream,
              const char            *display_name,
              const RsbXmlFormat    *format,
              const RsbXmlHandlers  *handlers,
              gpointer               user_data,
              GCancellable          *cancellable,
              GError               **out_damage,
              GError               **error)
{
  static GOnce libxml_once = G_ONCE_INIT;
  /* No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR, no network. */
  const int options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT |
                      XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  RsbXmlReader self = {
    .display_name = display_name,
    .format = format,
    .stream = stream,
    .cancellable = cancellable,
  };
  xmlStructuredErrorFunc saved_handler;
  void *saved_context;
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (format != NULL && handlers != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_once (&libxml_once, init_libxml, NULL);

  /* Encoding and I/O errors bypass the reader's own handler and would
   * be printed on stderr; libxml2 keeps this handler per thread. */
  saved_handler = xmlStructuredError;
  saved_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (&self, xml_error_cb);

  self.buffer = g_malloc (READ_BUFFER_SIZE);
  self.reader = xmlReaderForIO (read_cb, NULL, &self, NULL, NULL, options);
  if (self.reader == NULL)
    {
      set_parse_error (&self, error);
      ok = FALSE;
    }
  else
    {
      xmlTextReaderSetStructuredErrorHandler (self.reader, xml_error_cb, &self);
      ok = read_document (&self, handlers, user_data, out_damage, error);
      xmlFreeTextReader (self.reader);
    }

  xmlSetStructuredErrorFunc (saved_context, saved_handler);
  g_free (self.buffer);
  g_clear_error (&self.io_error);
  g_free (self.xml_message);
  return ok;
}
