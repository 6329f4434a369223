/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-strava-api.c: Strava's API answers in the app's types. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rsb-strava-api.h"
#include "rsb-api-client.h"
#include "rsb-json.h"
#include "rsb-measure.h"
#include "rsb-strava-export.h"
#include "rsb-sync-error.h"
#include "rsb-time.h"

void
rsb_strava_summary_free (RsbStravaSummary *summary)
{
  if (summary == NULL)
    return;
  rsb_activity_info_free (summary->info);
  g_free (summary);
}

char *
rsb_strava_activities_path (gint64 after_s,
                            guint  page,
                            guint  per_page)
{
  return g_strdup_printf ("/athlete/activities?after=%" G_GINT64_FORMAT "&per_page=%u&page=%u",
                          MAX (after_s, 0), per_page, page);
}

char *
rsb_strava_streams_path (const char *activity_id)
{
  g_autofree char *escaped = g_uri_escape_string (activity_id, NULL, FALSE);

  return g_strdup_printf ("/activities/%s/streams?keys=%s&key_by_type=true",
                          escaped, RSB_STRAVA_STREAM_KEYS);
}

/* "TrailRun" as the bulk export's activities.csv spells it, "Trail Run",
 * so both sources give the same sport. */
static char *
spaced_words (const char *camel)
{
  GString *spaced = g_string_new (NULL);

  for (const char *p = camel; *p != '\0'; p++)
    {
      if (p != camel && g_ascii_isupper (*p) && !g_ascii_isupper (p[-1]))
        g_string_append_c (spaced, ' ');
      g_string_append_c (spaced, *p);
    }
  return g_string_free (spaced, FALSE);
}

char *
rsb_strava_sport_from_type (const char *sport_type,
                            const char *type)
{
  /* sport_type names that spacing alone would not turn into a
   * sport the export's table knows. */
  static const struct { const char *type; const char *sport; } rides[] = {
    { "EBikeRide", "ride" }, { "EMountainBikeRide", "ride" },
    { "MountainBikeRide", "ride" }, { "GravelRide", "ride" },
  };
  const char *name = sport_type != NULL && *sport_type != '\0' ? sport_type : type;
  g_autofree char *spaced = NULL;

  if (name == NULL || *name == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rides); i++)
    {
      if (strcmp (name, rides[i].type) == 0)
        return g_strdup (rides[i].sport);
    }
  spaced = strchr (name, ' ') != NULL ? g_strdup (name) : spaced_words (name);
  return rsb_strava_sport (spaced);
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
               _("Strava sent %s that does not follow its API"), what);
  return FALSE;
}

/* Strava ids are 64-bit integers; a string of digits is accepted too. */
static char *
id_text (JsonObject *object)
{
  gint64 id;
  const char *text;

  if (rsb_json_member_int (object, "id", &id) && id > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, id);
  text = rsb_json_member_string (object, "id");
  if (text != NULL && *text != '\0' && strspn (text, "0123456789") == strlen (text))
    return g_strdup (text);
  return NULL;
}

static gint64
start_ms (JsonObject *object)
{
  const char *text = rsb_json_member_string (object, "start_date");
  gint64 us;

  if (text == NULL || !rsb_time_parse_iso8601 (text, &us))
    return RSB_NO_TIME;
  return us / 1000;
}

RsbStravaSummary *
rsb_strava_parse_activity (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(RsbStravaSummary) summary = g_new0 (RsbStravaSummary, 1);
  JsonObject *object;
  RsbActivityInfo *info;
  const char *name;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, _("an activity"));
      return NULL;
    }
  object = json_node_get_object (node);
  summary->info = info = rsb_activity_info_new ();
  info->source = g_strdup ("strava");
  info->source_id = id_text (object);
  info->start_ms = start_ms (object);
  if (info->source_id == NULL || info->start_ms == RSB_NO_TIME)
    {
      malformed (error, _("an activity without an id or a start date"));
      return NULL;
    }
  name = rsb_json_member_string (object, "name");
  info->name = g_strdup (name != NULL ? name : "");
  info->sport = rsb_strava_sport_from_type (rsb_json_member_string (object, "sport_type"),
                                            rsb_json_member_string (object, "type"));
  if (rsb_json_member_number (object, "elapsed_time", &value))
    info->elapsed_s = MAX (value, 0);
  if (rsb_json_member_number (object, "moving_time", &value))
    info->moving_s = MAX (value, 0);
  if (rsb_json_member_number (object, "distance", &value))
    info->distance_m = MAX (value, 0);
  if (json_object_has_member (object, "manual"))
    {
      JsonNode *manual = json_object_get_member (object, "manual");

      summary->manual = JSON_NODE_HOLDS_VALUE (manual) &&
                        json_node_get_value_type (manual) == G_TYPE_BOOLEAN &&
                        json_node_get_boolean (manual);
    }
  return g_steal_pointer (&summary);
}

GPtrArray *
rsb_strava_parse_activity_list (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(GPtrArray) list = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      malformed (error, _("a list of activities"));
      return NULL;
    }
  array = json_node_get_array (node);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_strava_summary_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RsbStravaSummary *summary = rsb_strava_parse_activity (json_array_get_element (array, i), error);

      if (summary == NULL)
        return NULL;
      g_ptr_array_add (list, summary);
    }
  return g_steal_pointer (&list);
}

/* ---- streams ----------------------------------------------------------- */

/* Which of our columns a Strava stream type fills; latlng fills two. */
static const struct {
  const char    *type;
  RsbStreamKind  kind;
} stream_types[] = {
  { "time", RSB_STREAM_TIME },
  { "latlng", RSB_STREAM_LAT },
  { "altitude", RSB_STREAM_ALTITUDE },
  { "heartrate", RSB_STREAM_HEART_RATE },
  { "cadence", RSB_STREAM_CADENCE },
  { "distance", RSB_STREAM_DISTANCE },
  { "velocity_smooth", RSB_STREAM_SPEED },
};

typedef struct {
  JsonArray *data[G_N_ELEMENTS (stream_types)];
} StreamData;

static int
stream_type_index (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (stream_types); i++)
    {
      if (strcmp (type, stream_types[i].type) == 0)
        return i;
    }
  return -1;
}

static gboolean
collect_stream (StreamData  *found,
                const char  *type,
                JsonNode    *stream,
                GError     **error)
{
  int index = stream_type_index (type);
  JsonArray *data;

  if (index < 0)
    return TRUE;  /* "moving", "watts", …: nothing we keep */
  if (stream == NULL || !JSON_NODE_HOLDS_OBJECT (stream) ||
      (data = rsb_json_member_array (json_node_get_object (stream), "data")) == NULL)
    return malformed (error, _("a stream without data"));
  found->data[index] = data;
  return TRUE;
}

static gboolean
collect_streams (JsonNode    *node,
                 StreamData  *found,
                 GError     **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          if (!collect_stream (found, l->data, json_object_get_member (object, l->data), error))
            return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *stream = json_array_get_element (array, i);
          const char *type = JSON_NODE_HOLDS_OBJECT (stream)
                             ? rsb_json_member_string (json_node_get_object (stream), "type") : NULL;

          if (type == NULL)
            return malformed (error, _("a stream without a type"));
          if (!collect_stream (found, type, stream, error))
            return FALSE;
        }
      return TRUE;
    }
  return malformed (error, _("streams"));
}

/* null samples are gaps (NAN); anything else that is not a number is
 * an answer we do not understand. */
static gboolean
fill_column (double     *column,
             JsonArray  *data,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *sample = json_array_get_element (data, i);

      if (JSON_NODE_HOLDS_NULL (sample))
        column[i] = NAN;
      else if (!rsb_json_node_number (sample, &column[i]))
        return malformed (error, _("a stream sample"));
    }
  return TRUE;
}

static gboolean
fill_latlng (double     *lat,
             double     *lon,
             JsonArray  *data,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *sample = json_array_get_element (data, i);
      JsonArray *pair;

      lat[i] = lon[i] = NAN;
      if (JSON_NODE_HOLDS_NULL (sample))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (sample) ||
          json_array_get_length (pair = json_node_get_array (sample)) != 2 ||
          !rsb_json_node_number (json_array_get_element (pair, 0), &lat[i]) ||
          !rsb_json_node_number (json_array_get_element (pair, 1), &lon[i]) ||
          fabs (lat[i]) > 90 || fabs (lon[i]) > 180)
        return malformed (error, _("a position"));
    }
  return TRUE;
}

RsbStreams *
rsb_strava_parse_streams (JsonNode    *node,
                          const char  *activity_id,
                          GError     **error)
{
  StreamData found = { { NULL, } };
  g_autoptr(RsbStreams) streams = NULL;
  int n = -1;

  if (node == NULL || !collect_streams (node, &found, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (stream_types); i++)
    {
      int length;

      if (found.data[i] == NULL)
        continue;
      length = json_array_get_length (found.data[i]);
      if (n >= 0 && length != n)
        {
          g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED,
                       _("Strava sent streams of different lengths for activity %s"), activity_id);
          return NULL;
        }
      n = length;
    }

  streams = rsb_streams_new (MAX (n, 0));
  for (guint i = 0; i < G_N_ELEMENTS (stream_types) && n > 0; i++)
    {
      RsbStreamKind kind = stream_types[i].kind;
      gboolean ok;

      if (found.data[i] == NULL)
        continue;
      if (kind == RSB_STREAM_LAT)
        ok = fill_latlng (rsb_streams_ensure (streams, RSB_STREAM_LAT),
                          rsb_streams_ensure (streams, RSB_STREAM_LON), found.data[i], error);
      else
        ok = fill_column (rsb_streams_ensure (streams, kind), found.data[i], error);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&streams);
}

void
rsb_strava_measure (RsbActivityInfo  *info,
                    const RsbStreams *streams)
{
  double elapsed_s = info->elapsed_s;
  double moving_s = info->moving_s;
  double distance_m = info->distance_m;

  rsb_activity_info_measure (info, streams);
  if (elapsed_s > 0)
    info->elapsed_s = elapsed_s;
  if (moving_s > 0)
    info->moving_s = moving_s;
  if (distance_m > 0)
    info->distance_m = distance_m;
}

gboolean
rsb_strava_parse_athlete (JsonNode  *node,
                          char     **out_id,
                          char     **out_name,
                          GError   **error)
{
  JsonObject *object;
  g_autofree char *id = NULL;
  const char *first, *last;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (id = id_text (object = json_node_get_object (node))) == NULL)
    return malformed (error, _("an athlete"));
  first = rsb_json_member_string (object, "firstname");
  last = rsb_json_member_string (object, "lastname");
  if (out_name != NULL)
    *out_name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}
