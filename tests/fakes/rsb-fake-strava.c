/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-strava.c: a Strava on 127.0.0.1 for tests. */
#include "rsb-fake-strava.h"

#include <json-glib/json-glib.h>
#include <math.h>

#define POINT_INTERVAL_S 5
#define DEFAULT_PER_PAGE 30
#define MAX_PER_PAGE     200
#define ID_BASE          G_GINT64_CONSTANT (9000000000)

typedef struct {
  gint64 id;
  gint64 start_ms;
  guint  n_points;
  guint  index;     /* in the order added: decides sport, name, route */
} FakeActivity;

struct _RsbFakeStrava
{
  RsbFakeApi *api;

  GMutex      mutex;
  GArray     *activities;  /* FakeActivity, in the order added */
  GHashTable *by_id;       /* gint64 * -> index + 1 */
  char       *summary_template;  /* JSON of a SummaryActivity */
  char       *athlete_json;
  gboolean    streams_as_array;
};

static const struct {
  const char *sport_type;
  const char *type;
  const char *word;
} sports[] = {
  { "Run", "Run", "Run" },
  { "Ride", "Ride", "Ride" },
  { "TrailRun", "Run", "Trail Run" },
  { "Walk", "Walk", "Walk" },
  { "MountainBikeRide", "Ride", "MTB Ride" },
  { "Hike", "Hike", "Hike" },
};

/* Only what a DetailedActivity has and a SummaryActivity does not. */
static const char *detail_only[] = {
  "best_efforts", "segment_efforts", "splits_metric", "splits_standard", "laps",
  "photos", "gear", "calories", "description", "embed_token", "similar_activities",
  "device_name", "available_zones",
};

/* ---- made-up data ------------------------------------------------------ */

typedef struct {
  guint   n;
  double *time, *lat, *lon, *altitude, *heartrate, *cadence, *distance, *speed;
} Route;

static void
route_free (Route *route)
{
  g_free (route->time);
  g_free (route->lat);
  g_free (route->lon);
  g_free (route->altitude);
  g_free (route->heartrate);
  g_free (route->cadence);
  g_free (route->distance);
  g_free (route->speed);
  g_free (route);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Route, route_free)

static double
metres_between (double lat1, double lon1, double lat2, double lon2)
{
  double rad = G_PI / 180;
  double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1 * rad) * cos (lat2 * rad) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * 6371000 * asin (MIN (1, sqrt (a)));
}

/* A loop of about a kilometre somewhere in San Francisco (where
 * activity.json is), different for each index. */
static Route *
make_route (const FakeActivity *activity)
{
  Route *route = g_new0 (Route, 1);
  guint n = activity->n_points;
  double centre_lat = 37.75 + (activity->index % 10) * 0.004;
  double centre_lon = -122.45 + (activity->index / 10 % 10) * 0.004;
  double radius = 0.0015;

  route->n = n;
  route->time = g_new (double, n);
  route->lat = g_new (double, n);
  route->lon = g_new (double, n);
  route->altitude = g_new (double, n);
  route->heartrate = g_new (double, n);
  route->cadence = g_new (double, n);
  route->distance = g_new (double, n);
  route->speed = g_new (double, n);
  for (guint j = 0; j < n; j++)
    {
      double angle = 2 * G_PI * j / MAX (n - 1, 1);

      route->time[j] = j * POINT_INTERVAL_S;
      /* Six decimals, as Strava sends them. */
      route->lat[j] = round ((centre_lat + radius * sin (angle)) * 1e6) / 1e6;
      route->lon[j] = round ((centre_lon + radius * cos (angle) / cos (centre_lat * G_PI / 180)) * 1e6) / 1e6;
      route->altitude[j] = round ((20 + 5 * sin (3 * angle)) * 10) / 10;
      route->heartrate[j] = 130 + (j + activity->index) % 25;
      route->cadence[j] = 80 + activity->index % 7;
      route->distance[j] = j == 0 ? 0 : route->distance[j - 1] +
        metres_between (route->lat[j - 1], route->lon[j - 1], route->lat[j], route->lon[j]);
      route->distance[j] = round (route->distance[j] * 10) / 10;
      route->speed[j] = j == 0 ? 0 : round ((route->distance[j] - route->distance[j - 1]) / POINT_INTERVAL_S * 1000) / 1000;
    }
  return route;
}

static char *
iso_date (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonNode *
latlng_node (double lat,
             double lon)
{
  JsonArray *pair = json_array_new ();

  json_array_add_double_element (pair, lat);
  json_array_add_double_element (pair, lon);
  return json_node_init_array (json_node_alloc (), pair);
}

static JsonNode *
summary_node (RsbFakeStrava      *self,
              const FakeActivity *activity)
{
  /* json_node_copy () shares the object: each summary parses its own. */
  JsonNode *node = json_from_string (self->summary_template, NULL);
  JsonObject *object = json_node_get_object (node);
  guint sport = activity->index % G_N_ELEMENTS (sports);
  g_autoptr(Route) route = make_route (activity);
  double elapsed = route->n > 0 ? route->time[route->n - 1] : 0;
  g_autofree char *start = iso_date (activity->start_ms);
  g_autofree char *start_local = iso_date (activity->start_ms - 8 * 3600 * 1000);
  g_autofree char *name = g_strdup_printf ("%s %s %u",
                                           activity->index % 3 == 0 ? "Morning" :
                                           activity->index % 3 == 1 ? "Lunch" : "Evening",
                                           sports[sport].word, activity->index + 1);
  g_autofree char *map_id = g_strdup_printf ("a%" G_GINT64_FORMAT, activity->id);
  JsonObject *map = json_object_new ();

  json_object_set_int_member (object, "id", activity->id);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "type", sports[sport].type);
  json_object_set_string_member (object, "sport_type", sports[sport].sport_type);
  json_object_set_string_member (object, "start_date", start);
  json_object_set_string_member (object, "start_date_local", start_local);
  json_object_set_int_member (object, "utc_offset", -28800);
  json_object_set_double_member (object, "distance", route->n > 0 ? route->distance[route->n - 1] : 0);
  json_object_set_int_member (object, "elapsed_time", (gint64) elapsed);
  json_object_set_int_member (object, "moving_time", (gint64) elapsed);
  json_object_set_boolean_member (object, "manual", FALSE);
  if (route->n > 0)
    {
      json_object_set_member (object, "start_latlng", latlng_node (route->lat[0], route->lon[0]));
      json_object_set_member (object, "end_latlng", latlng_node (route->lat[route->n - 1], route->lon[route->n - 1]));
    }
  json_object_set_string_member (map, "id", map_id);
  json_object_set_string_member (map, "summary_polyline", "");
  json_object_set_int_member (map, "resource_state", 2);
  json_object_set_object_member (object, "map", map);
  return node;
}

static char *
to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* ---- endpoints ----------------------------------------------------------- */

static gint64
query_int (GHashTable *query,
           const char *name,
           gint64      fallback)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const FakeActivity *fa = *(FakeActivity * const *) a;
  const FakeActivity *fb = *(FakeActivity * const *) b;

  return (fa->start_ms > fb->start_ms) - (fa->start_ms < fb->start_ms);
}

/* Strava filters on start (seconds, after and before exclusive), lists
 * oldest first when asked for after= and newest first otherwise. */
static char *
answer_activities (RsbFakeStrava *self,
                   GHashTable    *query)
{
  gint64 after = query_int (query, "after", G_MININT64);
  gint64 before = query_int (query, "before", G_MAXINT64);
  gint64 page = MAX (query_int (query, "page", 1), 1);
  gint64 per_page = CLAMP (query_int (query, "per_page", DEFAULT_PER_PAGE), 1, MAX_PER_PAGE);
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  JsonArray *array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), array);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->activities->len; i++)
    {
      FakeActivity *activity = &g_array_index (self->activities, FakeActivity, i);
      gint64 start_s = activity->start_ms / 1000;

      if (start_s > after && start_s < before)
        g_ptr_array_add (matching, activity);
    }
  g_ptr_array_sort (matching, compare_start);
  for (gint64 k = (page - 1) * per_page; k < page * per_page && k < matching->len; k++)
    {
      guint i = after != G_MININT64 ? k : matching->len - 1 - k;

      json_array_add_element (array, summary_node (self, g_ptr_array_index (matching, i)));
    }
  g_mutex_unlock (&self->mutex);
  return to_json (root);
}

static JsonNode *
numbers_node (const double *values,
              guint         n,
              gboolean      integers)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      if (integers)
        json_array_add_int_element (array, (gint64) values[i]);
      else
        json_array_add_double_element (array, values[i]);
    }
  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
stream_data (const Route *route,
             const char  *type)
{
  if (g_str_equal (type, "time"))
    return numbers_node (route->time, route->n, TRUE);
  if (g_str_equal (type, "distance"))
    return numbers_node (route->distance, route->n, FALSE);
  if (g_str_equal (type, "altitude"))
    return numbers_node (route->altitude, route->n, FALSE);
  if (g_str_equal (type, "velocity_smooth"))
    return numbers_node (route->speed, route->n, FALSE);
  if (g_str_equal (type, "heartrate"))
    return numbers_node (route->heartrate, route->n, TRUE);
  if (g_str_equal (type, "cadence"))
    return numbers_node (route->cadence, route->n, TRUE);
  if (g_str_equal (type, "latlng"))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < route->n; i++)
        json_array_add_element (array, latlng_node (route->lat[i], route->lon[i]));
      return json_node_init_array (json_node_alloc (), array);
    }
  if (g_str_equal (type, "moving"))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < route->n; i++)
        json_array_add_boolean_element (array, i > 0);
      return json_node_init_array (json_node_alloc (), array);
    }
  return NULL;
}

static char *
answer_streams (RsbFakeStrava *self,
                const char    *path,
                GHashTable    *query,
                guint         *status)
{
  gint64 id = g_ascii_strtoll (path + strlen ("/activities/"), NULL, 10);
  const char *keys = query != NULL ? g_hash_table_lookup (query, "keys") : NULL;
  gboolean keyed = g_strcmp0 (query != NULL ? g_hash_table_lookup (query, "key_by_type") : NULL, "true") == 0;
  g_auto(GStrv) types = NULL;
  g_autoptr(Route) route = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint index;

  if (keys == NULL)
    {
      *status = SOUP_STATUS_BAD_REQUEST;
      return g_strdup ("{\"message\":\"Bad Request\",\"errors\":[{\"resource\":\"Stream\",\"field\":\"keys\",\"code\":\"missing\"}]}");
    }
  g_mutex_lock (&self->mutex);
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &id));
  if (index > 0)
    route = make_route (&g_array_index (self->activities, FakeActivity, index - 1));
  keyed = keyed && !self->streams_as_array;
  g_mutex_unlock (&self->mutex);
  if (route == NULL)
    return NULL;

  types = g_strsplit (keys, ",", -1);
  root = keyed ? json_node_init_object (json_node_alloc (), json_object_new ())
               : json_node_init_array (json_node_alloc (), json_array_new ());
  for (guint i = 0; types[i] != NULL; i++)
    {
      JsonNode *data = stream_data (route, types[i]);
      JsonObject *stream;

      if (data == NULL)
        continue;
      stream = json_object_new ();
      if (!keyed)
        json_object_set_string_member (stream, "type", types[i]);
      json_object_set_member (stream, "data", data);
      json_object_set_string_member (stream, "series_type", "distance");
      json_object_set_int_member (stream, "original_size", route->n);
      json_object_set_string_member (stream, "resolution", "high");
      if (keyed)
        json_object_set_object_member (json_node_get_object (root), types[i], stream);
      else
        json_array_add_object_element (json_node_get_array (root), stream);
    }
  return to_json (root);
}

static const char *
classify (const char *path,
          gpointer    user_data)
{
  if (g_str_equal (path, "/athlete"))
    return "athlete";
  if (g_str_equal (path, "/athlete/activities"))
    return "activities";
  if (g_str_has_prefix (path, "/activities/") && g_str_has_suffix (path, "/streams"))
    return "streams";
  return NULL;
}

static char *
answer (const char *endpoint,
        const char *path,
        GHashTable *query,
        guint      *status,
        gpointer    user_data)
{
  RsbFakeStrava *self = user_data;

  if (g_str_equal (endpoint, "athlete"))
    return g_strdup (self->athlete_json);
  if (g_str_equal (endpoint, "activities"))
    return answer_activities (self, query);
  return answer_streams (self, path, query, status);
}

/* ---- life ---------------------------------------------------------------- */

static gboolean
load_testdata (RsbFakeStrava  *self,
               GError        **error)
{
  const char *shared = g_getenv ("RSB_SHARED_DIR");
  g_autofree char *activity_path = NULL;
  g_autofree char *athlete_path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (shared == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "RSB_SHARED_DIR is not set");
      return FALSE;
    }
  activity_path = g_build_filename (shared, "testdata", "strava-api", "activity.json", NULL);
  athlete_path = g_build_filename (shared, "testdata", "strava-api", "athlete.json", NULL);
  if (!g_file_get_contents (athlete_path, &self->athlete_json, NULL, error) ||
      !json_parser_load_from_file (parser, activity_path, error))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (detail_only); i++)
    json_object_remove_member (object, detail_only[i]);
  json_object_set_int_member (object, "resource_state", 2);
  self->summary_template = to_json (json_parser_get_root (parser));
  return TRUE;
}

RsbFakeStrava *
rsb_fake_strava_new (GError **error)
{
  g_autoptr(RsbFakeStrava) self = g_new0 (RsbFakeStrava, 1);

  g_mutex_init (&self->mutex);
  self->activities = g_array_new (FALSE, FALSE, sizeof (FakeActivity));
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!load_testdata (self, error))
    return NULL;
  self->api = rsb_fake_api_new ("strava", "/oauth", "/api/v3", classify, answer, self, error);
  if (self->api == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

void
rsb_fake_strava_free (RsbFakeStrava *self)
{
  if (self == NULL)
    return;
  /* The server thread reads the data: stop it first. */
  g_clear_pointer (&self->api, rsb_fake_api_free);
  g_array_unref (self->activities);
  g_hash_table_unref (self->by_id);
  g_free (self->summary_template);
  g_free (self->athlete_json);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

RsbFakeApi *
rsb_fake_strava_get_api (RsbFakeStrava *self)
{
  return self->api;
}

char *
rsb_fake_strava_dup_auth_url (RsbFakeStrava *self)
{
  return rsb_fake_api_dup_auth_url (self->api);
}

char *
rsb_fake_strava_dup_api_url (RsbFakeStrava *self)
{
  return rsb_fake_api_dup_api_url (self->api);
}

void
rsb_fake_strava_add_activities (RsbFakeStrava *self,
                                guint          n,
                                guint          n_points,
                                gint64         first_start_ms,
                                gint64         spacing_ms)
{
  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < n; i++)
    {
      FakeActivity activity = {
        .index = self->activities->len,
        .n_points = n_points,
        .start_ms = first_start_ms + i * spacing_ms,
      };

      activity.id = ID_BASE + activity.index * G_GINT64_CONSTANT (13);
      g_array_append_val (self->activities, activity);
      g_hash_table_insert (self->by_id, g_memdup2 (&activity.id, sizeof activity.id),
                           GUINT_TO_POINTER (self->activities->len));
    }
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_strava_get_n_activities (RsbFakeStrava *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->activities->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

char *
rsb_fake_strava_dup_activity_id (RsbFakeStrava *self,
                                 guint          index)
{
  char *id;

  g_mutex_lock (&self->mutex);
  g_assert (index < self->activities->len);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (self->activities, FakeActivity, index).id);
  g_mutex_unlock (&self->mutex);
  return id;
}

gint64
rsb_fake_strava_get_activity_start (RsbFakeStrava *self,
                                    guint          index)
{
  gint64 start;

  g_mutex_lock (&self->mutex);
  g_assert (index < self->activities->len);
  start = g_array_index (self->activities, FakeActivity, index).start_ms;
  g_mutex_unlock (&self->mutex);
  return start;
}

void
rsb_fake_strava_set_streams_as_array (RsbFakeStrava *self,
                                      gboolean       as_array)
{
  g_mutex_lock (&self->mutex);
  self->streams_as_array = as_array;
  g_mutex_unlock (&self->mutex);
}
