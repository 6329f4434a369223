/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tcx-reader.c: Garmin Training Center (TCX v2) -> one activity.
 *
 * rsb-xml-reader streams the document (and refuses entities, damage and
 * other roots); this file follows Activities/Activity/Lap/Track/
 * Trackpoint by local name, so any prefix (or none) is fine.
 *
 * Only the first Activity is read: a file with several is rare (a
 * whole history exported at once) and one file is one activity here.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-tcx-reader.h"

#include "rsb-geo.h"
#include "rsb-import-error.h"
#include "rsb-measure.h"
#include "rsb-xml-reader.h"

#include <math.h>
#include <string.h>

#define NO_TIME_US RSB_XML_NO_TIME_US

typedef struct {
  gint64 time_us;   /* NO_TIME_US when absent */
  double lat;       /* NAN when the point has no position */
  double lon;
  double ele;
  double dist;      /* DistanceMeters as recorded */
  double hr;
  double cad;       /* <Cadence>: a bike's, or an older run file's */
  double run_cad;   /* TPX <RunCadence>, per foot pair */
  double speed;
} TcxPoint;

/* A <Track>: Garmin starts a new one after every stop. */
typedef struct {
  guint  first;
  guint  n_points;
  gint64 first_time_us;   /* of its first timed point */
} TcxTrack;

typedef enum {
  FIELD_NONE,
  FIELD_NOTES,
  FIELD_TIME,
  FIELD_LAT,
  FIELD_LON,
  FIELD_ALT,
  FIELD_DIST,
  FIELD_HR,
  FIELD_CAD,
  FIELD_RUN_CAD,
  FIELD_SPEED,
} TcxField;

typedef struct {
  const char *display_name;

  GArray     *points;           /* TcxPoint */
  GArray     *tracks;           /* TcxTrack */
  char       *sport;
  char       *notes;
  gboolean    has_activity;
  gboolean    has_courses;

  /* Depth of the open container of each kind, -1 when outside it. */
  int         activities_depth;
  int         activity_depth;
  int         lap_depth;
  int         track_depth;
  int         point_depth;
  int         position_depth;
  int         hr_depth;
  int         tpx_depth;

  TcxTrack    track;            /* being read */
  TcxPoint    point;            /* being read */
  TcxField    field;            /* what the next text node is */
  int         field_depth;
} TcxParser;

static void
tcx_parser_init (TcxParser  *self,
                 const char *display_name)
{
  *self = (TcxParser) {
    .display_name = display_name,
    .points = g_array_sized_new (FALSE, FALSE, sizeof (TcxPoint), 4096),
    .tracks = g_array_new (FALSE, FALSE, sizeof (TcxTrack)),
    .activities_depth = -1, .activity_depth = -1, .lap_depth = -1,
    .track_depth = -1, .point_depth = -1, .position_depth = -1,
    .hr_depth = -1, .tpx_depth = -1, .field_depth = -1,
  };
}

static void
tcx_parser_clear (TcxParser *self)
{
  g_array_unref (self->points);
  g_array_unref (self->tracks);
  g_free (self->sport);
  g_free (self->notes);
}

/* ---- element handlers ------------------------------------------------ */

static void
tcx_expect_text (TcxParser *self,
                 TcxField   field,
                 int        depth,
                 gboolean   empty)
{
  if (!empty)
    {
      self->field = field;
      self->field_depth = depth;
    }
}

/* TCX spells the sport as Running, Biking or Other; "Other" says
 * nothing, and other exporters' own words go through the shared map. */
static void
tcx_begin_activity (TcxParser     *self,
                    RsbXmlReader  *reader,
                    int            depth)
{
  const char *name, *value;

  self->has_activity = TRUE;
  self->activity_depth = depth;
  while (rsb_xml_reader_next_attribute (reader, &name, &value))
    {
      if (strcmp (name, "Sport") == 0 && g_ascii_strcasecmp (value, "Other") != 0)
        {
          g_free (self->sport);
          self->sport = rsb_xml_sport_from_type (value);
        }
    }
}

static void
tcx_begin_point (TcxParser *self,
                 int        depth)
{
  self->point = (TcxPoint) {
    .time_us = NO_TIME_US,
    .lat = NAN, .lon = NAN, .ele = NAN, .dist = NAN,
    .hr = NAN, .cad = NAN, .run_cad = NAN, .speed = NAN,
  };
  self->point_depth = depth;
}

static void
tcx_end_point (TcxParser *self)
{
  if (self->point.time_us != NO_TIME_US && self->track.first_time_us == NO_TIME_US)
    self->track.first_time_us = self->point.time_us;
  self->track.n_points++;
  g_array_append_val (self->points, self->point);
  self->point_depth = self->position_depth = self->hr_depth = self->tpx_depth = -1;
}

static void
tcx_point_child (TcxParser  *self,
                 const char *name,
                 int         depth,
                 gboolean    empty)
{
  if (depth == self->point_depth + 1)
    {
      if (strcmp (name, "Time") == 0)
        tcx_expect_text (self, FIELD_TIME, depth, empty);
      else if (strcmp (name, "Position") == 0 && !empty)
        self->position_depth = depth;
      else if (strcmp (name, "AltitudeMeters") == 0)
        tcx_expect_text (self, FIELD_ALT, depth, empty);
      else if (strcmp (name, "DistanceMeters") == 0)
        tcx_expect_text (self, FIELD_DIST, depth, empty);
      else if (strcmp (name, "HeartRateBpm") == 0 && !empty)
        self->hr_depth = depth;
      else if (strcmp (name, "Cadence") == 0)
        tcx_expect_text (self, FIELD_CAD, depth, empty);
    }
  else if (self->position_depth >= 0 && depth == self->position_depth + 1)
    {
      if (strcmp (name, "LatitudeDegrees") == 0)
        tcx_expect_text (self, FIELD_LAT, depth, empty);
      else if (strcmp (name, "LongitudeDegrees") == 0)
        tcx_expect_text (self, FIELD_LON, depth, empty);
    }
  else if (self->hr_depth >= 0 && depth == self->hr_depth + 1)
    {
      if (strcmp (name, "Value") == 0)
        tcx_expect_text (self, FIELD_HR, depth, empty);
    }
  else if (self->tpx_depth >= 0 && depth == self->tpx_depth + 1)
    {
      if (strcmp (name, "Speed") == 0)
        tcx_expect_text (self, FIELD_SPEED, depth, empty);
      else if (strcmp (name, "RunCadence") == 0)
        tcx_expect_text (self, FIELD_RUN_CAD, depth, empty);
    }
  else if (self->tpx_depth < 0 && !empty && strcmp (name, "TPX") == 0)
    self->tpx_depth = depth;
}

static void
tcx_activity_child (TcxParser  *self,
                    const char *name,
                    int         depth,
                    gboolean    empty)
{
  if (depth != self->activity_depth + 1)
    return;
  if (strcmp (name, "Lap") == 0 && !empty)
    self->lap_depth = depth;
  else if (strcmp (name, "Notes") == 0)
    tcx_expect_text (self, FIELD_NOTES, depth, empty);
}

static gboolean
tcx_start_element (RsbXmlReader  *reader,
                   const char    *name,
                   int            depth,
                   gboolean       empty,
                   gpointer       user_data,
                   GError       **error)
{
  TcxParser *self = user_data;

  if (self->point_depth >= 0)
    tcx_point_child (self, name, depth, empty);
  else if (self->track_depth >= 0)
    {
      if (depth == self->track_depth + 1 && strcmp (name, "Trackpoint") == 0 && !empty)
        tcx_begin_point (self, depth);
    }
  else if (self->lap_depth >= 0)
    {
      if (depth == self->lap_depth + 1 && strcmp (name, "Track") == 0 && !empty)
        {
          self->track_depth = depth;
          self->track = (TcxTrack) { self->points->len, 0, NO_TIME_US };
        }
    }
  else if (self->activity_depth >= 0)
    tcx_activity_child (self, name, depth, empty);
  else if (self->activities_depth >= 0)
    {
      /* Any depth: a multisport session nests its activities. */
      if (!self->has_activity && !empty && strcmp (name, "Activity") == 0)
        tcx_begin_activity (self, reader, depth);
    }
  else if (depth == 1 && !empty && strcmp (name, "Activities") == 0)
    self->activities_depth = depth;
  else if (depth == 1 && strcmp (name, "Courses") == 0)
    self->has_courses = TRUE;

  return TRUE;
}

/* A position is both coordinates or none. */
static gboolean
tcx_end_position (TcxParser     *self,
                  RsbXmlReader  *reader,
                  GError       **error)
{
  gboolean has_lat = !isnan (self->point.lat), has_lon = !isnan (self->point.lon);

  self->position_depth = -1;
  if (has_lat == has_lon)
    return TRUE;

  if (!has_lat)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has no latitude (line %d)"),
                 self->display_name, rsb_xml_reader_get_line (reader));
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has no longitude (line %d)"),
                 self->display_name, rsb_xml_reader_get_line (reader));
  return FALSE;
}

static gboolean
tcx_end_element (RsbXmlReader  *reader,
                 int            depth,
                 gpointer       user_data,
                 GError       **error)
{
  TcxParser *self = user_data;

  if (depth == self->field_depth)
    self->field = FIELD_NONE;

  if (depth == self->point_depth)
    tcx_end_point (self);
  else if (depth == self->position_depth)
    return tcx_end_position (self, reader, error);
  else if (depth == self->hr_depth)
    self->hr_depth = -1;
  else if (depth == self->tpx_depth)
    self->tpx_depth = -1;
  else if (depth == self->track_depth)
    {
      if (self->track.n_points > 0)
        g_array_append_val (self->tracks, self->track);
      self->track_depth = -1;
    }
  else if (depth == self->lap_depth)
    self->lap_depth = -1;
  else if (depth == self->activity_depth)
    self->activity_depth = -1;
  else if (depth == self->activities_depth)
    self->activities_depth = -1;
  return TRUE;
}

static gboolean
tcx_read_coordinate (TcxParser     *self,
                     RsbXmlReader  *reader,
                     const char    *text,
                     gboolean       is_lat,
                     GError       **error)
{
  double limit = is_lat ? 90.0 : 180.0;
  double value;
  g_autofree char *shown = NULL;

  if (rsb_xml_parse_double (text, &value) && value >= -limit && value <= limit)
    {
      *(is_lat ? &self->point.lat : &self->point.lon) = value;
      return TRUE;
    }

  /* Enough to recognise the value, not a megabyte of it. */
  shown = g_strstrip (g_strdup (text));
  if (g_utf8_strlen (shown, -1) > 32)
    {
      g_autofree char *start = g_utf8_substring (shown, 0, 32);

      g_free (shown);
      shown = g_strconcat (start, "…", NULL);
    }
  if (is_lat)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has the invalid latitude “%s” (line %d)"),
                 self->display_name, shown, rsb_xml_reader_get_line (reader));
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: a point has the invalid longitude “%s” (line %d)"),
                 self->display_name, shown, rsb_xml_reader_get_line (reader));
  return FALSE;
}

/* Notes can be a paragraph; its first line makes the name. */
static char *
first_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        return g_strdup (lines[i]);
    }
  return NULL;
}

static gboolean
tcx_text (RsbXmlReader  *reader,
          const char    *value,
          gpointer       user_data,
          GError       **error)
{
  TcxParser *self = user_data;
  TcxField field = self->field;

  /* Only the first text node counts: a comment inside a value must not
   * let a second half overwrite the first. */
  self->field = FIELD_NONE;

  switch (field)
    {
    case FIELD_NONE:
      break;
    case FIELD_NOTES:
      if (self->notes == NULL)
        self->notes = first_line (value);
      break;
    case FIELD_TIME:
      self->point.time_us = rsb_xml_parse_time (value);
      break;
    case FIELD_LAT:
      return tcx_read_coordinate (self, reader, value, TRUE, error);
    case FIELD_LON:
      return tcx_read_coordinate (self, reader, value, FALSE, error);
    case FIELD_ALT:
      self->point.ele = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_DIST:
      self->point.dist = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_HR:
      self->point.hr = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_CAD:
      self->point.cad = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_RUN_CAD:
      self->point.run_cad = rsb_xml_parse_optional_double (value);
      break;
    case FIELD_SPEED:
      self->point.speed = rsb_xml_parse_optional_double (value);
      break;
    }
  return TRUE;
}

/* ---- building the activity ------------------------------------------- */

static int
compare_tracks_by_time (gconstpointer a,
                        gconstpointer b)
{
  const TcxTrack *ta = a, *tb = b;

  if (ta->first_time_us != tb->first_time_us)
    return ta->first_time_us < tb->first_time_us ? -1 : 1;
  /* Keep file order for equal starts: g_array_sort is not stable. */
  return ta->first < tb->first ? -1 : ta->first > tb->first;
}

static gboolean
point_has_position (const TcxPoint *point)
{
  return !isnan (point->lat);
}

typedef struct {
  gboolean timed;   /* some point has a time: keep only timed points */
  gboolean position, ele, dist, hr, cad, speed;
} TcxPresence;

/* Times are what songs are matched on, so once any point has one, a
 * point without one cannot be placed and is dropped. A file without
 * any times can still be a route, from the points with a position. */
static gboolean
tcx_keeps_point (const TcxPresence *presence,
                 const TcxPoint    *point)
{
  return presence->timed ? point->time_us != NO_TIME_US : point_has_position (point);
}

/* The kept points of all tracks, in track order. */
static GArray *
tcx_collect_points (TcxParser   *self,
                    TcxPresence *presence)
{
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (TcxPoint), self->points->len);

  for (guint s = 0; s < self->tracks->len; s++)
    {
      const TcxTrack *track = &g_array_index (self->tracks, TcxTrack, s);

      for (guint i = track->first; i < track->first + track->n_points; i++)
        {
          const TcxPoint *point = &g_array_index (self->points, TcxPoint, i);

          if (!tcx_keeps_point (presence, point))
            continue;
          g_array_append_vals (kept, point, 1);
          presence->position |= point_has_position (point);
          presence->ele |= !isnan (point->ele);
          presence->dist |= !isnan (point->dist);
          presence->hr |= !isnan (point->hr);
          presence->cad |= !isnan (point->cad) || !isnan (point->run_cad);
          presence->speed |= !isnan (point->speed);
        }
    }
  return kept;
}

/* Recorded distance wins when the file has any: the device measured
 * it (a foot pod or wheel sensor, through tunnels) and gpsbabel and
 * Garmin show it; it is cumulative, so a point without one has come
 * as far as the one before. Without any, distance is measured along
 * the positions by the core function; a point without a position, which
 * that leaves NAN, keeps the distance reached so far, as every TCX
 * point here has a distance once the column exists. */
static void
fill_distance (GArray            *points,
               const TcxPresence *presence,
               const double      *lat,
               const double      *lon,
               double            *dist)
{
  if (!presence->dist)
    rsb_geo_cumulative_distance (lat, lon, points->len, dist);
  for (guint n = 0; n < points->len; n++)
    {
      const TcxPoint *point = &g_array_index (points, TcxPoint, n);
      double recorded = presence->dist ? point->dist : dist[n];

      dist[n] = isnan (recorded) ? (n == 0 ? 0.0 : dist[n - 1]) : recorded;
    }
}

static void
fill_columns (GArray            *points,
              const TcxPresence *presence,
              RsbStreams        *streams,
              RsbActivityInfo   *info)
{
  double *time = streams->columns[RSB_STREAM_TIME];
  double *lat = streams->columns[RSB_STREAM_LAT];
  double *lon = streams->columns[RSB_STREAM_LON];
  double *ele = streams->columns[RSB_STREAM_ALTITUDE];
  double *hr = streams->columns[RSB_STREAM_HEART_RATE];
  double *cad = streams->columns[RSB_STREAM_CADENCE];
  double *dist = streams->columns[RSB_STREAM_DISTANCE];
  double *speed = streams->columns[RSB_STREAM_SPEED];
  gint64 t0 = g_array_index (points, TcxPoint, 0).time_us;

  for (guint n = 0; n < points->len; n++)
    {
      const TcxPoint *point = &g_array_index (points, TcxPoint, n);

      if (time != NULL)
        time[n] = (double) (point->time_us - t0) / G_USEC_PER_SEC;
      if (lat != NULL)
        {
          lat[n] = point->lat;
          lon[n] = point->lon;
        }
      if (ele != NULL)
        ele[n] = point->ele;
      if (hr != NULL)
        hr[n] = point->hr;
      if (cad != NULL)
        cad[n] = !isnan (point->run_cad) ? point->run_cad : point->cad;
      if (speed != NULL)
        speed[n] = point->speed;
    }
  if (dist != NULL)
    fill_distance (points, presence, lat, lon, dist);

  /* The first point, not the Id, starts the clock: it is the same
   * moment in Garmin's files, some converters write the Id in local
   * time, and one workout exported as GPX and as TCX then gets the
   * same start, which the library de-duplicates on. */
  if (presence->timed)
    info->start_ms = rsb_xml_time_to_ms (t0);
}

static char *
name_from_sport (const char *sport)
{
  if (g_strcmp0 (sport, "run") == 0)
    return g_strdup (C_("sport", "Run"));
  if (g_strcmp0 (sport, "ride") == 0)
    return g_strdup (C_("sport", "Ride"));
  if (g_strcmp0 (sport, "walk") == 0)
    return g_strdup (C_("sport", "Walk"));
  if (g_strcmp0 (sport, "hike") == 0)
    return g_strdup (C_("sport", "Hike"));
  return NULL;
}

static gboolean
tcx_no_data (TcxParser  *self,
             GError    **error)
{
  if (!self->has_activity && self->has_courses)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds no activity: only courses"), self->display_name);
  else if (!self->has_activity)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds no activity"), self->display_name);
  else if (self->points->len == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds an activity without track points"), self->display_name);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” holds an activity whose track points have neither times nor positions"),
                 self->display_name);
  return FALSE;
}

static RsbStreams *
new_streams (guint              n,
             const TcxPresence *presence)
{
  guint32 kinds = 0;

  if (presence->timed)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_TIME);
  if (presence->position)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_LAT) | RSB_STREAM_BIT (RSB_STREAM_LON);
  if (presence->dist || presence->position)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_DISTANCE);
  if (presence->ele)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_ALTITUDE);
  if (presence->hr)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_HEART_RATE);
  if (presence->cad)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_CADENCE);
  if (presence->speed)
    kinds |= RSB_STREAM_BIT (RSB_STREAM_SPEED);
  return rsb_streams_new_with (n, kinds);
}

static gboolean
tcx_build (TcxParser         *self,
           RsbActivityInfo  **out_info,
           RsbStreams       **out_streams,
           GError           **error)
{
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GArray) points = NULL;
  TcxPresence presence = { FALSE, };

  for (guint i = 0; i < self->tracks->len; i++)
    presence.timed |= g_array_index (self->tracks, TcxTrack, i).first_time_us != NO_TIME_US;
  /* Laps and their tracks join in time order; the gaps between them
   * stay in the time column as pauses. */
  if (presence.timed)
    g_array_sort (self->tracks, compare_tracks_by_time);

  points = tcx_collect_points (self, &presence);
  if (points->len == 0)
    return tcx_no_data (self, error);

  streams = new_streams (points->len, &presence);
  info = rsb_activity_info_new ();
  fill_columns (points, &presence, streams, info);
  rsb_activity_info_measure (info, streams);

  info->sport = g_steal_pointer (&self->sport);
  info->name = g_steal_pointer (&self->notes);
  if (info->name == NULL)
    info->name = name_from_sport (info->sport);
  if (info->name == NULL)
    info->name = rsb_xml_name_from_file (self->display_name);
  info->file_name = g_strdup (self->display_name);

  *out_info = g_steal_pointer (&info);
  *out_streams = g_steal_pointer (&streams);
  return TRUE;
}

/* A damaged document gives the points before the damage, with a
 * warning; with none, the damage is the error. */
static gboolean
tcx_build_recovered (TcxParser         *self,
                    const GError      *damage,
                    RsbActivityInfo  **out_info,
                    RsbStreams       **out_streams,
                    GError           **error)
{
  g_autoptr(GError) local = NULL;

  if (damage == NULL)
    return tcx_build (self, out_info, out_streams, error);
  /* What was open when the damage came is as far as the file goes. */
  if (self->track_depth != -1 && self->track.n_points > 0)
    {
      g_array_append_val (self->tracks, self->track);
      self->track_depth = -1;
    }
  if (!tcx_build (self, out_info, out_streams, &local))
    {
      g_propagate_error (error, g_error_copy (g_error_matches (local, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA) ? damage : local));
      return FALSE;
    }
  (*out_info)->recovered = rsb_xml_damage_note (damage, (*out_streams)->n_points);
  return TRUE;
}

gboolean
rsb_tcx_read (GInputStream      *stream,
              const char        *display_name,
              RsbActivityInfo  **out_info,
              RsbStreams       **out_streams,
              GCancellable      *cancellable,
              GError           **error)
{
  static const RsbXmlFormat format = { "TCX", "TrainingCenterDatabase" };
  static const RsbXmlHandlers handlers = {
    tcx_start_element, tcx_end_element, tcx_text,
  };
  TcxParser self;
  GError *damage = NULL;
  gboolean ok;

  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (out_info != NULL && out_streams != NULL, FALSE);

  tcx_parser_init (&self, display_name);
  ok = rsb_xml_read (stream, display_name, &format, &handlers, &self, cancellable, &damage, error) &&
       tcx_build_recovered (&self, damage, out_info, out_streams, error);
  tcx_parser_clear (&self);
  g_clear_error (&damage);
  return ok;
}
