/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-xml-reader.h: the libxml2 plumbing the GPX and TCX readers share.
 *
 * rsb_xml_read() streams one document through an xmlTextReader fed from
 * a GInputStream and hands each element, end tag and text node to the
 * format's handlers. It owns everything the formats have in common: the
 * safe parser options, buffered reads that honour the cancellable, the
 * refusal of documents that declare entities, the check of the root
 * element, and turning libxml2's and GIO's failures into
 * RSB_IMPORT_ERROR messages that name the file and the line.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What rsb_xml_parse_time() returns for a missing or unreadable time. */
#define RSB_XML_NO_TIME_US G_MININT64

typedef struct _RsbXmlReader RsbXmlReader;

/* Each handler may be NULL. A handler that returns FALSE must set error;
 * reading stops there. An empty element (<a/>) gets a start_element with
 * empty set and no end_element. local_name has its prefix removed, also
 * an undeclared one ("gpxtpx:hr" is "hr"). Only the first text node of
 * an element matters to our formats; text is called for every one. */
typedef struct {
  gboolean (*start_element) (RsbXmlReader  *reader,
                             const char    *local_name,
                             int            depth,
                             gboolean       empty,
                             gpointer       user_data,
                             GError       **error);
  gboolean (*end_element)   (RsbXmlReader  *reader,
                             int            depth,
                             gpointer       user_data,
                             GError       **error);
  gboolean (*text)          (RsbXmlReader  *reader,
                             const char    *value,
                             gpointer       user_data,
                             GError       **error);
} RsbXmlHandlers;

typedef struct {
  const char *name;  /* "GPX": what the user calls such a file, in messages */
  const char *root;  /* the local name its document element must have */
} RsbXmlFormat;

/* With out_damage, a document that stops being well-formed after its
 * root element began (cut off, garbled) is no failure: the handlers
 * have seen everything before the damage, *out_damage says what it
 * was, and TRUE is returned. */
gboolean    rsb_xml_read                     (GInputStream          *stream,
                                              const char            *display_name,
                                              const RsbXmlFormat    *format,
                                              const RsbXmlHandlers  *handlers,
                                              gpointer               user_data,
                                              GCancellable          *cancellable,
                                              GError               **out_damage,
                                              GError               **error);

/* For the handlers, while rsb_xml_read() runs. next_attribute walks the
 * current element's attributes; each value is valid until the next call. */
const char *rsb_xml_reader_get_display_name  (RsbXmlReader          *reader);
int         rsb_xml_reader_get_line          (RsbXmlReader          *reader);
gboolean    rsb_xml_reader_next_attribute    (RsbXmlReader          *reader,
                                              const char           **local_name,
                                              const char           **value);

/* Values as workout files write them. */
gboolean    rsb_xml_parse_double             (const char            *text,
                                              double                *out);
double      rsb_xml_parse_optional_double    (const char            *text);
gint64      rsb_xml_parse_time               (const char            *text);
gint64      rsb_xml_time_to_ms               (gint64                 time_us);

/* The warning of a damaged document that still gave n points: the
 * damage (naming the file and line), then what was kept. */
char       *rsb_xml_damage_note              (const GError          *damage,
                                              guint                  n_points);

/* Naming an activity the way every XML format does. */
char       *rsb_xml_name_from_file           (const char            *display_name);
char       *rsb_xml_sport_from_type          (const char            *type);

G_END_DECLS
