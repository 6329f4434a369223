/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-gpx-writer.c: an activity and its songs as GPX 1.1, for other
 * apps (and gpsbabel) to read back. */
#include "config.h"

#include "rsb-gpx-writer.h"

#include <math.h>
#include <string.h>

/* Our sport words in the <type> vocabulary other apps (and our reader)
 * understand. */
static const char *
gpx_type (const char *sport)
{
  static const struct { const char *sport; const char *type; } map[] = {
    { "run", "running" }, { "ride", "cycling" }, { "walk", "walking" }, { "hike", "hiking" },
  };

  for (guint i = 0; sport != NULL && i < G_N_ELEMENTS (map); i++)
    {
      if (g_str_equal (sport, map[i].sport))
        return map[i].type;
    }
  return sport;
}

void
rsb_xml_append_escaped (GString    *out,
                        const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (const char *c = valid; *c; c++)
    {
      switch (*c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        case '\t': case '\n': case '\r': g_string_append_c (out, *c); break;
        default:
          /* XML 1.0 has no way at all to carry other C0 controls. */
          if ((guchar) *c >= 0x20)
            g_string_append_c (out, *c);
          break;
        }
    }
}

static void
append_element (GString    *out,
                const char *indent,
                const char *name,
                const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append_printf (out, "%s<%s>", indent, name);
  rsb_xml_append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

/* Numbers in XML never follow the locale's decimal comma. */
static void
append_number (GString    *out,
               const char *format,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* xsd:dateTime in UTC, with milliseconds only when there are some. */
static void
append_time (GString *out,
             gint64   utc_ms)
{
  gint64 seconds = utc_ms >= 0 ? utc_ms / 1000 : (utc_ms - 999) / 1000;
  int ms = (int) (utc_ms - seconds * 1000);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *text = time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S") : NULL;

  if (text == NULL)
    return;
  g_string_append_printf (out, "<time>%s", text);
  if (ms != 0)
    g_string_append_printf (out, ".%03d", ms);
  g_string_append (out, "Z</time>");
}

static gint64
point_time_ms (const RsbActivity *activity,
               guint              i)
{
  const double *time = activity->streams->columns[RSB_STREAM_TIME];

  if (time == NULL || isnan (time[i]) || !rsb_activity_info_has_times (activity->info))
    return RSB_NO_TIME;
  return activity->info->start_ms + (gint64) llround (time[i] * 1000.0);
}

static gboolean
has_position (const RsbStreams *streams,
              guint             i)
{
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];

  return lat != NULL && lon != NULL && !isnan (lat[i]) && !isnan (lon[i]);
}

static void
append_position (GString          *out,
                 const char       *element,
                 const RsbStreams *streams,
                 guint             i)
{
  g_string_append_printf (out, "<%s lat=\"", element);
  append_number (out, "%.7f", streams->columns[RSB_STREAM_LAT][i]);
  g_string_append (out, "\" lon=\"");
  append_number (out, "%.7f", streams->columns[RSB_STREAM_LON][i]);
  g_string_append (out, "\">");
}

static void
append_ele_and_time (GString           *out,
                     const RsbActivity *activity,
                     guint              i)
{
  const double *ele = activity->streams->columns[RSB_STREAM_ALTITUDE];
  gint64 time_ms = point_time_ms (activity, i);

  if (ele != NULL && !isnan (ele[i]))
    {
      g_string_append (out, "<ele>");
      append_number (out, "%.1f", ele[i]);
      g_string_append (out, "</ele>");
    }
  if (time_ms != RSB_NO_TIME)
    append_time (out, time_ms);
}

char *
rsb_gpx_song_name (const RsbPlay *play)
{
  const char *title = play->track.title ? play->track.title : "";

  if (play->track.artists == NULL || *play->track.artists == '\0')
    return g_strdup (title);
  return g_strdup_printf ("%s – %s", play->track.artists, title);
}

/* At the first point of the song's stretch that has a position. */
static void
append_waypoint (GString           *out,
                 const RsbActivity *activity,
                 guint              segment_index)
{
  const RsbSegment *segment = rsb_activity_segment (activity, segment_index);
  const RsbPlay *play = rsb_activity_segment_play (activity, segment_index);
  g_autofree char *name = NULL;
  g_autofree char *link = NULL;
  guint i = segment->first_point;

  while (i <= segment->last_point && !has_position (activity->streams, i))
    i++;
  if (play == NULL || i > segment->last_point)
    return;

  name = rsb_gpx_song_name (play);
  link = rsb_track_web_url (&play->track);
  g_string_append (out, " ");
  append_position (out, "wpt", activity->streams, i);
  g_string_append (out, "\n  ");
  append_ele_and_time (out, activity, i);
  g_string_append_c (out, '\n');
  append_element (out, "  ", "name", name);
  append_element (out, "  ", "desc", play->track.album);
  if (link != NULL)
    g_string_append_printf (out, "  <link href=\"%s\"><text>Spotify</text></link>\n", link);
  append_element (out, "  ", "type", "song");
  g_string_append (out, " </wpt>\n");
}

static void
append_extensions (GString          *out,
                   const RsbStreams *streams,
                   guint             i)
{
  const double *hr = streams->columns[RSB_STREAM_HEART_RATE];
  const double *cad = streams->columns[RSB_STREAM_CADENCE];
  gboolean has_hr = hr != NULL && !isnan (hr[i]);
  gboolean has_cad = cad != NULL && !isnan (cad[i]);

  if (!has_hr && !has_cad)
    return;
  /* The schema has them as unsigned bytes: whole numbers. Cadence stays
   * as the source counts it, which is what the extension means too. */
  g_string_append (out, "<extensions><gpxtpx:TrackPointExtension>");
  if (has_hr)
    g_string_append_printf (out, "<gpxtpx:hr>%d</gpxtpx:hr>", (int) CLAMP (lround (hr[i]), 0, 255));
  if (has_cad)
    g_string_append_printf (out, "<gpxtpx:cad>%d</gpxtpx:cad>", (int) CLAMP (lround (cad[i]), 0, 254));
  g_string_append (out, "</gpxtpx:TrackPointExtension></extensions>");
}

static void
append_track (GString           *out,
              const RsbActivity *activity)
{
  const RsbStreams *streams = activity->streams;

  g_string_append (out, " <trk>\n");
  append_element (out, "  ", "name", activity->info->name);
  append_element (out, "  ", "type", gpx_type (activity->info->sport));
  g_string_append (out, "  <trkseg>\n");
  for (guint i = 0; i < streams->n_points; i++)
    {
      if (!has_position (streams, i))
        continue;
      g_string_append (out, "   ");
      append_position (out, "trkpt", streams, i);
      append_ele_and_time (out, activity, i);
      append_extensions (out, streams, i);
      g_string_append (out, "</trkpt>\n");
    }
  g_string_append (out, "  </trkseg>\n </trk>\n");
}

static void
append_metadata (GString           *out,
                 const RsbActivity *activity)
{
  g_string_append (out, " <metadata>\n");
  append_element (out, "  ", "name", activity->info->name);
  if (rsb_activity_info_has_times (activity->info))
    {
      g_string_append (out, "  ");
      append_time (out, activity->info->start_ms);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, " </metadata>\n");
}

char *
rsb_gpx_write (const RsbActivity *activity,
               gsize             *length)
{
  /* About 200 bytes a point with every column. */
  GString *out = g_string_sized_new (4096 + (gsize) activity->streams->n_points * 200);

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gpx version=\"1.1\" creator=\"" APP_NAME " " PACKAGE_VERSION "\"\n"
    "     xmlns=\"http://www.topografix.com/GPX/1/1\"\n"
    "     xmlns:gpxtpx=\"" RSB_GPX_TPX_NAMESPACE "\"\n"
    "     xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "     xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd "
    RSB_GPX_TPX_NAMESPACE " http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd\">\n");
  append_metadata (out, activity);
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    append_waypoint (out, activity, i);
  append_track (out, activity);
  g_string_append (out, "</gpx>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
