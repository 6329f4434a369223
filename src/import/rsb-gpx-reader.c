/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-gpx-reader.c: GPX 1.0/1.1 -> one activity.
 *
 * rsb-xml-reader streams the document (and refuses entities, damage and
 * other roots); this file only follows the GPX elements it is handed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-gpx-reader.h"

#include "rsb-import-error.h"
#include "rsb-geo.h"
#include "rsb-measure.h"
#include "rsb-xml-reader.h"

#include <math.h>
#include <string.h>

#define NO_TIME_US RSB_XML_NO_TIME_US

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
gpx_parser_init (GpxParser  *self,
                 const char *display_name)
{
  *self = (GpxParser) {
    .display_name = display_name,
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
}

static void
gpx_parser_clear (GpxParser *self)
{
  g_array_unref (self->points);
  g_array_unref (self->trk_segments);
  g_array_unref (self->rte_segments);
  g_ptr_array_unref (self->trk_names);
  g_ptr_array_unref (self->trk_types);
  g_ptr_array_unref (self->rte_names);
  g_free (self->doc_name);
}

/* ---- element handlers ------------------------------------------------ */

static gboolean
gpx_coordinate_error (RsbXmlReader  *reader,
                      gboolean       is_lat,
                      const char    *value,
                      GError       **error)
{
  const char *file = rsb_xml_reader_get_display_name (reader);
  int line = rsb_xml_reader_get_line (reader);

  if (value == NULL && is_lat)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has no latitude (line %d)"), file, line);
  else if (value == NULL)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has no longitude (line %d)"), file, line);
  else if (is_lat)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has the invalid latitude “%s” (line %d)"),
                 file, value, line);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has the invalid longitude “%s” (line %d)"),
                 file, value, line);
  return FALSE;
}

static gboolean
gpx_read_coordinate (RsbXmlReader  *reader,
                     const char    *text,
                     gboolean       is_lat,
                     double        *out,
                     GError       **error)
{
  double limit = is_lat ? 90.0 : 180.0;

  if (rsb_xml_parse_double (text, out) && *out >= -limit && *out <= limit)
    return TRUE;
  return gpx_coordinate_error (reader, is_lat, text, error);
}

/* Reads lat/lon straight from the attributes: the reader's value buffer
 * is reused per attribute, so each is parsed before moving on. */
static gboolean
gpx_read_position (GpxParser     *self,
                   RsbXmlReader  *reader,
                   GError       **error)
{
  gboolean has_lat = FALSE, has_lon = FALSE;
  const char *name, *value;

  while (rsb_xml_reader_next_attribute (reader, &name, &value))
    {
      if (strcmp (name, "lat") == 0)
        {
          if (!gpx_read_coordinate (reader, value, TRUE, &self->point.lat, error))
            return FALSE;
          has_lat = TRUE;
        }
      else if (strcmp (name, "lon") == 0)
        {
          if (!gpx_read_coordinate (reader, value, FALSE, &self->point.lon, error))
            return FALSE;
          has_lon = TRUE;
        }
    }

  if (!has_lat)
    return gpx_coordinate_error (reader, TRUE, NULL, error);
  if (!has_lon)
    return gpx_coordinate_error (reader, FALSE, NULL, error);
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
gpx_begin_point (GpxParser     *self,
                 RsbXmlReader  *reader,
                 int            depth,
                 gboolean       empty,
                 GError       **error)
{
  self->point = (GpxPoint) {
    .time_us = NO_TIME_US,
    .ele = NAN, .hr = NAN, .cad = NAN, .speed = NAN,
  };
  if (!gpx_read_position (self, reader, error))
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

static gboolean
gpx_start_element (RsbXmlReader  *reader,
                   const char    *name,
                   int            depth,
                   gboolean       empty,
                   gpointer       user_data,
                   GError       **error)
{
  GpxParser *self = user_data;

  if (self->point_depth >= 0)
    gpx_point_child (self, name, depth, empty);
  else if (self->seg_depth >= 0)
    {
      if (depth == self->seg_depth + 1 && strcmp (name, "trkpt") == 0)
        return gpx_begin_point (self, reader, depth, empty, error);
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
        return gpx_begin_point (self, reader, depth, empty, error);
      gpx_owner_child (self, name, depth, empty, FALSE);
    }
  else if (self->metadata_depth >= 0)
    {
      if (depth == self->metadata_depth + 1 && strcmp (name, "name") == 0)
        gpx_expect_text (self, FIELD_DOC_NAME, depth, empty);
    }
  else if (depth == 1)
    gpx_document_child (self, name, depth, empty);

  return TRUE;
}

static gboolean
gpx_end_element (RsbXmlReader  *reader,
                 int            depth,
                 gpointer       user_data,
                 GError       **error)
{
  GpxParser *self = user_data;

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
  return TRUE;
}

static void
set_first_string (GPtrArray  *strings,
                  const char *value)
{
  char **slot = (char **) &g_ptr_array_index (strings, strings->len - 1);

  if (*slot == NULL)
    *slot = g_strstrip (g_strdup (value));
}

static gboolean
gpx_text (RsbXmlReader  *reader,
          const char    *value,
          gpointer       user_data,
          GError       **error)
{
  GpxParser *self = user_data;

  switch (self->field)
    {
    case FIELD_NONE:
      return TRUE;
    case FIELD_ELE:
      self->point.ele = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_TIME:
      self->point.time_us = rsb_xml_parse_time (value);
      break;
    case FIELD_HR:
      self->point.hr = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_CAD:
      self->point.cad = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_SPEED:
      self->point.speed = rsb_xml_parse_optional_double (value);
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

/* The optional columns a point has values for. */
static guint32
point_kinds (const GpxPoint *point)
{
  return (isnan (point->ele) ? 0 : RSB_STREAM_BIT (RSB_STREAM_ALTITUDE)) |
         (isnan (point->hr) ? 0 : RSB_STREAM_BIT (RSB_STREAM_HEART_RATE)) |
         (isnan (point->cad) ? 0 : RSB_STREAM_BIT (RSB_STREAM_CADENCE)) |
         (isnan (point->speed) ? 0 : RSB_STREAM_BIT (RSB_STREAM_SPEED));
}

/* The points kept, and in *kinds the columns they need: positions and
 * distance always, times when timed, the rest as the points carry them. */
static guint
count_points (GpxParser *self,
              GArray    *segments,
              gboolean   timed,
              guint32   *kinds)
{
  guint n = 0;

  *kinds = RSB_STREAM_BIT (RSB_STREAM_LAT) | RSB_STREAM_BIT (RSB_STREAM_LON) |
           RSB_STREAM_BIT (RSB_STREAM_DISTANCE) | (timed ? RSB_STREAM_BIT (RSB_STREAM_TIME) : 0);
  for (guint s = 0; s < segments->len; s++)
    {
      GpxSegment *segment = &g_array_index (segments, GpxSegment, s);

      for (guint i = segment->first; i < segment->first + segment->n_points; i++)
        {
          GpxPoint *point = &g_array_index (self->points, GpxPoint, i);

          if (timed && point->time_us == NO_TIME_US)
            continue;
          n++;
          *kinds |= point_kinds (point);
        }
    }
  return n;
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
          n++;
        }
    }
  /* Every kept point has a position (a trkpt without a valid lat and
   * lon is refused), so distance is the plain sum along them. */
  rsb_geo_cumulative_distance (lat, lon, n, dist);

  if (timed)
    info->start_ms = rsb_xml_time_to_ms (t0);
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
                 _("“%s” holds no track: only waypoints"), self->display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds no track"), self->display_name);
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
  guint32 kinds;
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

  n = count_points (self, segments, timed, &kinds);
  streams = rsb_streams_new_with (n, kinds);

  info = rsb_activity_info_new ();
  fill_columns (self, segments, timed, streams, info);
  rsb_activity_info_measure (info, streams);

  name = first_owner_string (segments, names);
  if (name == NULL)
    name = self->doc_name;
  info->name = name != NULL && *name != '\0' ? g_strdup (name)
                                             : rsb_xml_name_from_file (self->display_name);
  info->sport = rsb_xml_sport_from_type (first_owner_string (segments, types));
  info->file_name = g_strdup (self->display_name);

  *out_info = g_steal_pointer (&info);
  *out_streams = g_steal_pointer (&streams);
  return TRUE;
}

/* A damaged document gives the points before the damage, with a
 * warning; with none, the damage is the error. */
static gboolean
gpx_build_recovered (GpxParser         *self,
                    const GError      *damage,
                    RsbActivityInfo  **out_info,
                    RsbStreams       **out_streams,
                    GError           **error)
{
  g_autoptr(GError) local = NULL;

  if (damage == NULL)
    return gpx_build (self, out_info, out_streams, error);
  /* What was open when the damage came is as far as the file goes. */
  if (self->seg_depth != -1)
    gpx_end_segment (self, self->trk_segments);
  else if (self->rte_depth != -1)
    gpx_end_segment (self, self->rte_segments);
  if (!gpx_build (self, out_info, out_streams, &local))
    {
      g_propagate_error (error, g_error_copy (g_error_matches (local, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA) ? damage : local));
      return FALSE;
    }
  (*out_info)->recovered = rsb_xml_damage_note (damage, (*out_streams)->n_points);
  return TRUE;
}

gboolean
rsb_gpx_read (GInputStream      *stream,
              const char        *display_name,
              RsbActivityInfo  **out_info,
              RsbStreams       **out_streams,
              GCancellable      *cancellable,
              GError           **error)
{
  static const RsbXmlFormat format = { "GPX", "gpx" };
  static const RsbXmlHandlers handlers = {
    gpx_start_element, gpx_end_element, gpx_text,
  };
  GpxParser self;
  GError *damage = NULL;
  gboolean ok;

  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (out_info != NULL && out_streams != NULL, FALSE);

  gpx_parser_init (&self, display_name);
  ok = rsb_xml_read (stream, display_name, &format, &handlers, &self, cancellable, &damage, error) &&
       gpx_build_recovered (&self, damage, out_info, out_streams, error);
  gpx_parser_clear (&self);
  g_clear_error (&damage);
  return ok;
}
