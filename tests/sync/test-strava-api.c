/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-strava-api.c: Strava's answers read right (the shared real
 * responses and the Swagger examples), rate windows decided right, and
 * the API client's retries, refresh and pauses against the fake. */
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "rsb-api-client.h"
#include "rsb-fake-strava.h"
#include "rsb-rate-limit.h"
#include "rsb-strava-api.h"
#include "rsb-sync-error.h"
#include "rsb-sync-fixture.h"
#include "rsb-test-dir.h"

#define MINUTE_MS (60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)

static JsonNode *
parse_file (const char *subdir,
            const char *name)
{
  g_autofree char *path = rsb_test_shared_file (subdir, name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return NULL;
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static JsonNode *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* The example answer of one operation in the Swagger document. */
static JsonNode *
swagger_example (const char *path)
{
  g_autoptr(JsonNode) swagger = NULL;
  g_autofree char *file = rsb_test_shared_file ("../api-specs", "strava-swagger.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *operation;

  if (file == NULL)
    return NULL;
  json_parser_load_from_file (parser, file, &error);
  g_assert_no_error (error);
  operation = json_object_get_object_member (
    json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "paths"),
      path),
    "get");
  return json_node_copy (json_object_get_member (
    json_object_get_object_member (
      json_object_get_object_member (
        json_object_get_object_member (operation, "responses"), "200"),
      "examples"),
    "application/json"));
}

/* ---- parsing ---------------------------------------------------------- */

static void
test_activity_testdata (void)
{
  g_autoptr(JsonNode) node = parse_file ("strava-api", "activity.json");
  g_autoptr(RsbStravaSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  RsbActivityInfo *info;

  if (node == NULL)
    return;
  summary = rsb_strava_parse_activity (node, &error);
  g_assert_no_error (error);
  info = summary->info;
  g_assert_cmpstr (info->source, ==, "strava");
  g_assert_cmpstr (info->source_id, ==, "99895560");
  g_assert_cmpstr (info->name, ==, "Lunch Rover Shuffle-Walk-Yog with Todd");
  g_assert_cmpstr (info->sport, ==, "run");
  /* 2013-12-12T19:36:41Z */
  g_assert_cmpint (info->start_ms, ==, G_GINT64_CONSTANT (1386877001000));
  g_assert_cmpfloat (info->elapsed_s, ==, 3140);
  g_assert_cmpfloat (info->moving_s, ==, 2892);
  g_assert_cmpfloat_with_epsilon (info->distance_m, 5781.1, 1e-9);
  g_assert_false (summary->manual);
}

static void
test_activity_list_swagger (void)
{
  g_autoptr(JsonNode) example = swagger_example ("/athlete/activities");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  RsbStravaSummary *first;

  if (example == NULL)
    return;
  list = rsb_strava_parse_activity_list (example, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  first = g_ptr_array_index (list, 0);
  /* Larger than 32 bits, kept exact. */
  g_assert_cmpstr (first->info->source_id, ==, "154504250376823");
  g_assert_cmpstr (first->info->name, ==, "Happy Friday");
  /* sport_type MountainBikeRide wins over type Ride, and is a ride. */
  g_assert_cmpstr (first->info->sport, ==, "ride");
  g_assert_cmpint (first->info->start_ms, ==, G_GINT64_CONSTANT (1525263309000));
  g_assert_cmpfloat_with_epsilon (first->info->distance_m, 24931.4, 1e-9);
  g_assert_cmpstr (((RsbStravaSummary *) g_ptr_array_index (list, 1))->info->name, ==, "Bondcliff");
}

static void
test_activity_list_malformed (void)
{
  const char *bad[] = {
    "{\"id\": 1}",                                        /* not a list */
    "[{\"name\": \"no id\", \"start_date\": \"2024-01-01T00:00:00Z\"}]",
    "[{\"id\": 5, \"start_date\": \"yesterday\"}]",
    "[{\"id\": \"12a\", \"start_date\": \"2024-01-01T00:00:00Z\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_text (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = rsb_strava_parse_activity_list (node, &error);

      g_assert_null (list);
      g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "Strava"));
    }
}

static void
test_sports (void)
{
  const struct { const char *sport_type, *type, *sport; } cases[] = {
    { "Run", "Run", "run" },
    { "TrailRun", "Run", "run" },
    { "VirtualRun", NULL, "run" },
    { "MountainBikeRide", "Ride", "ride" },
    { "EBikeRide", "EBikeRide", "ride" },
    { "GravelRide", "Ride", "ride" },
    { "VirtualRide", "VirtualRide", "ride" },
    { NULL, "Ride", "ride" },
    { "Walk", "Walk", "walk" },
    { "Hike", "Hike", "hike" },
    { "Swim", "Swim", "swim" },
    /* As the bulk export's "Alpine Ski" reads. */
    { "AlpineSki", "AlpineSki", "alpine ski" },
    { NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sport = rsb_strava_sport_from_type (cases[i].sport_type, cases[i].type);

      g_assert_cmpstr (sport, ==, cases[i].sport);
    }
}

static void
test_streams_swagger_array (void)
{
  g_autoptr(JsonNode) example = swagger_example ("/activities/{id}/streams");
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GError) error = NULL;

  if (example == NULL)
    return;
  streams = rsb_strava_parse_streams (example, "1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (streams->n_points, ==, 12);
  g_assert_true (rsb_streams_has (streams, RSB_STREAM_DISTANCE));
  g_assert_cmpfloat (streams->columns[RSB_STREAM_DISTANCE][0], ==, 2.9);
  g_assert_cmpfloat (streams->columns[RSB_STREAM_DISTANCE][11], ==, 49.5);
  g_assert_false (rsb_streams_has_route (streams));
  g_assert_false (rsb_streams_has (streams, RSB_STREAM_TIME));
}

static void
test_streams_keyed (void)
{
  g_autoptr(JsonNode) node = parse_text (
    "{\"time\": {\"data\": [0, 1, 2], \"series_type\": \"distance\", \"original_size\": 3, \"resolution\": \"high\"},"
    " \"latlng\": {\"data\": [[37.78, -122.39], null, [37.781, -122.391]]},"
    " \"altitude\": {\"data\": [10.5, 10.7, 11]},"
    " \"heartrate\": {\"data\": [120, null, 125]},"
    " \"cadence\": {\"data\": [80, 81, 82]},"
    " \"distance\": {\"data\": [0, 3.1, 6.4]},"
    " \"velocity_smooth\": {\"data\": [0, 3.1, 3.3]},"
    " \"moving\": {\"data\": [false, true, true]},"
    " \"watts\": {\"data\": [1, 2, 3]}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStreams) streams = rsb_strava_parse_streams (node, "7", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (streams->n_points, ==, 3);
  g_assert_true (rsb_streams_has_route (streams));
  g_assert_cmpfloat (streams->columns[RSB_STREAM_TIME][2], ==, 2);
  g_assert_cmpfloat (streams->columns[RSB_STREAM_LAT][0], ==, 37.78);
  g_assert_cmpfloat (streams->columns[RSB_STREAM_LON][2], ==, -122.391);
  /* A missing fix or sample is a gap, not a zero. */
  g_assert_true (isnan (streams->columns[RSB_STREAM_LAT][1]));
  g_assert_true (isnan (streams->columns[RSB_STREAM_HEART_RATE][1]));
  g_assert_cmpfloat (streams->columns[RSB_STREAM_ALTITUDE][1], ==, 10.7);
  g_assert_cmpfloat (streams->columns[RSB_STREAM_CADENCE][2], ==, 82);
  g_assert_cmpfloat (streams->columns[RSB_STREAM_SPEED][2], ==, 3.3);
  g_assert_cmpfloat (streams->columns[RSB_STREAM_DISTANCE][2], ==, 6.4);
}

static void
test_streams_both_forms_agree (void)
{
  g_autoptr(JsonNode) keyed = parse_text (
    "{\"time\": {\"data\": [0, 5]}, \"latlng\": {\"data\": [[1, 2], [1.5, 2.5]]}}");
  g_autoptr(JsonNode) array = parse_text (
    "[{\"type\": \"latlng\", \"data\": [[1, 2], [1.5, 2.5]]}, {\"type\": \"time\", \"data\": [0, 5]}]");
  g_autoptr(RsbStreams) a = rsb_strava_parse_streams (keyed, "1", NULL);
  g_autoptr(RsbStreams) b = rsb_strava_parse_streams (array, "1", NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->n_points, ==, b->n_points);
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      g_assert_cmpint (rsb_streams_has (a, kind), ==, rsb_streams_has (b, kind));
      if (rsb_streams_has (a, kind))
        g_assert_cmpmem (a->columns[kind], a->n_points * sizeof (double),
                         b->columns[kind], b->n_points * sizeof (double));
    }
}

static void
test_streams_malformed (void)
{
  const char *bad[] = {
    "{\"time\": {\"data\": [0, 1]}, \"latlng\": {\"data\": [[1, 2]]}}",   /* lengths differ */
    "{\"time\": {\"data\": [0, \"one\"]}}",
    "{\"latlng\": {\"data\": [[1, 2, 3]]}}",
    "{\"latlng\": {\"data\": [[91, 2]]}}",
    "{\"time\": [0, 1]}",
    "[{\"data\": [0, 1]}]",
    "\"streams\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_text (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RsbStreams) streams = rsb_strava_parse_streams (node, "3", &error);

      g_assert_null (streams);
      g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
    }
}

static void
test_athlete_testdata (void)
{
  g_autoptr(JsonNode) node = parse_file ("strava-api", "athlete.json");
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return;
  g_assert_true (rsb_strava_parse_athlete (node, &id, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "1513");
  g_assert_cmpstr (name, ==, "Jeff Remer");
}

static void
test_paths (void)
{
  g_autofree char *list = rsb_strava_activities_path (1700000000, 3, 200);
  g_autofree char *streams = rsb_strava_streams_path ("154504250376823");

  g_assert_cmpstr (list, ==, "/athlete/activities?after=1700000000&per_page=200&page=3");
  g_assert_cmpstr (streams, ==, "/activities/154504250376823/streams"
                   "?keys=time,latlng,altitude,heartrate,cadence,distance,velocity_smooth,moving&key_by_type=true");
}

/* ---- rate windows -------------------------------------------------------- */

static gint64
utc_ms (int hour,
        int minute,
        int second)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2024, 5, 14, hour, minute, second);

  return g_date_time_to_unix (time) * 1000;
}

static SoupMessageHeaders *
rate_headers (const char *limit,
              const char *usage,
              const char *read_limit,
              const char *read_usage)
{
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  if (limit != NULL)
    {
      soup_message_headers_append (headers, "X-RateLimit-Limit", limit);
      soup_message_headers_append (headers, "X-RateLimit-Usage", usage);
    }
  if (read_limit != NULL)
    {
      soup_message_headers_append (headers, "X-ReadRateLimit-Limit", read_limit);
      soup_message_headers_append (headers, "X-ReadRateLimit-Usage", read_usage);
    }
  return headers;
}

static void
test_rate_windows (void)
{
  g_autoptr(RsbRateLimit) limit = rsb_rate_limit_new ();
  gint64 now = utc_ms (14, 37, 12);
  gint64 reset;
  SoupMessageHeaders *headers;

  g_assert_cmpint (rsb_rate_limit_next_window (now), ==, utc_ms (14, 45, 0));
  g_assert_cmpint (rsb_rate_limit_next_window (utc_ms (14, 45, 0)), ==, utc_ms (15, 0, 0));
  g_assert_cmpint (rsb_rate_limit_next_day (now), ==, utc_ms (0, 0, 0) + 24 * HOUR_MS);

  /* Nothing known: go. */
  g_assert_true (rsb_rate_limit_may_send (limit, now, &reset));
  g_assert_cmpint (reset, ==, 0);

  headers = rate_headers ("200,2000", "12,150", "100,1000", "12,150");
  rsb_rate_limit_update (limit, headers, now);
  soup_message_headers_unref (headers);
  g_assert_true (rsb_rate_limit_may_send (limit, now, NULL));

  /* 98 of 100 reads: one more leaves one spare, so it may go... */
  headers = rate_headers ("200,2000", "98,300", "100,1000", "98,300");
  rsb_rate_limit_update (limit, headers, now);
  soup_message_headers_unref (headers);
  g_assert_true (rsb_rate_limit_may_send (limit, now, NULL));

  /* ...but at 99 the next would spend the window: stop until 14:45. */
  headers = rate_headers ("200,2000", "99,301", "100,1000", "99,301");
  rsb_rate_limit_update (limit, headers, now);
  soup_message_headers_unref (headers);
  g_assert_false (rsb_rate_limit_may_send (limit, now + MINUTE_MS, &reset));
  g_assert_cmpint (reset, ==, utc_ms (14, 45, 0));

  /* Once that window is over, its count no longer holds. */
  g_assert_true (rsb_rate_limit_may_send (limit, utc_ms (14, 45, 0), &reset));

  /* A spent day waits for midnight UTC, even when the 15 minutes are fine. */
  headers = rate_headers ("200,2000", "5,1999", "100,1000", "5,600");
  rsb_rate_limit_update (limit, headers, now);
  soup_message_headers_unref (headers);
  g_assert_false (rsb_rate_limit_may_send (limit, utc_ms (14, 50, 0), &reset));
  g_assert_cmpint (reset, ==, rsb_rate_limit_next_day (now));

  /* Both spent: the later reset is the one that counts. */
  headers = rate_headers ("200,2000", "199,1999", NULL, NULL);
  rsb_rate_limit_update (limit, headers, now);
  soup_message_headers_unref (headers);
  g_assert_false (rsb_rate_limit_may_send (limit, now, &reset));
  g_assert_cmpint (reset, ==, rsb_rate_limit_next_day (now));
}

static void
test_rate_headers_garbage (void)
{
  g_autoptr(RsbRateLimit) limit = rsb_rate_limit_new ();
  gint64 now = utc_ms (9, 1, 0);
  const char *bad[] = { "", "200", "200,x", "-1,5", "1,2,3", "abc" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      SoupMessageHeaders *headers = rate_headers (bad[i], "199,1999", NULL, NULL);

      rsb_rate_limit_update (limit, headers, now);
      soup_message_headers_unref (headers);
      g_assert_true (rsb_rate_limit_may_send (limit, now, NULL));
    }
}

static void
test_rate_pause_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) rounded = NULL;

  /* TZ is UTC in this program (see main). */
  rsb_rate_limit_set_error (&error, "Strava", utc_ms (14, 45, 0));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==, "Paused until 14:45 (Strava rate limit)");

  /* Never promise a minute too early. */
  rsb_rate_limit_set_error (&rounded, "Strava", utc_ms (14, 44, 30));
  g_assert_cmpstr (rounded->message, ==, "Paused until 14:45 (Strava rate limit)");
}

/* ---- the client against the fake ------------------------------------------ */

typedef struct {
  RsbFakeStrava *strava;
  RsbFakeApi    *api;
  RsbApiClient  *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->strava = rsb_fake_strava_new (&error);
  g_assert_no_error (error);
  fixture->api = rsb_fake_strava_get_api (fixture->strava);
  rsb_fake_strava_add_activities (fixture->strava, 3, 20, utc_ms (7, 0, 0), HOUR_MS);
  fixture->client = rsb_sync_fixture_client (RSB_SERVICE_STRAVA, fixture->api);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->strava, rsb_fake_strava_free);
}

static JsonNode *
get_list (Fixture  *fixture,
          GError  **error)
{
  g_autofree char *path = rsb_strava_activities_path (0, 1, 200);

  return rsb_api_client_get_json (fixture->client, path, NULL, error);
}

static void
test_client_lists (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get_list (fixture, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = rsb_fake_strava_dup_activity_id (fixture->strava, 0);

  g_assert_no_error (error);
  list = rsb_strava_parse_activity_list (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  /* after= lists oldest first. */
  g_assert_cmpstr (((RsbStravaSummary *) g_ptr_array_index (list, 0))->info->source_id, ==, id);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 1);
}

static void
test_client_retries_server_errors (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_SERVER_ERROR, NULL, 0);
  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_SERVER_ERROR, NULL, 0);
  node = get_list (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 3);
  g_assert_cmpuint (rsb_api_client_get_n_requests (fixture->client), ==, 3);
}

static void
test_client_gives_up (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  rsb_api_client_set_max_tries (fixture->client, 3);
  for (guint i = 0; i < 3; i++)
    rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_SERVER_ERROR, NULL, 0);
  node = get_list (fixture, &error);
  g_assert_null (node);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Strava"));
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 3);
}

static void
test_client_survives_stall (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 start = g_get_monotonic_time ();

  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_STALL, NULL, 0);
  node = get_list (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 2);
  g_test_message ("stalled answer detected and retried in %.1f s",
                  (g_get_monotonic_time () - start) / 1e6);
}

static void
test_client_refreshes_once (Fixture       *fixture,
                            gconstpointer  data)
{
  RsbFakeOAuth *oauth = rsb_fake_api_get_oauth (fixture->api);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* Revoked early: the token the client holds no longer passes. */
  rsb_fake_oauth_expire_access_tokens (oauth);
  node = get_list (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (rsb_fake_oauth_count (oauth, "refresh"), ==, 1);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "unauthorized"), ==, 1);
}

static void
test_client_invalid_grant (Fixture       *fixture,
                           gconstpointer  data)
{
  RsbFakeOAuth *oauth = rsb_fake_api_get_oauth (fixture->api);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  rsb_fake_oauth_expire_access_tokens (oauth);
  rsb_fake_oauth_fail_next_token (oauth, "invalid_grant");
  node = get_list (fixture, &error);
  g_assert_null (node);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT);
}

static void
test_client_too_many_requests (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 before = g_get_real_time () / 1000;
  gint64 paused;

  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_TOO_MANY, NULL, 0);
  node = get_list (fixture, &error);
  g_assert_null (node);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_true (g_str_has_prefix (error->message, "Paused until "));
  /* No Retry-After: the next 15-minute window. */
  paused = rsb_api_client_get_paused_until (fixture->client);
  g_assert_cmpint (paused, >=, rsb_rate_limit_next_window (before));
  g_assert_cmpint (paused, <=, rsb_rate_limit_next_window (g_get_real_time () / 1000));
  g_assert_cmpint (paused % (15 * MINUTE_MS), ==, 0);

  /* And the client keeps its word: no request until then. */
  node = get_list (fixture, &again);
  g_assert_error (again, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 1);
}

static void
test_client_retry_after (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 before = g_get_real_time () / 1000;

  rsb_fake_api_set_retry_after (fixture->api, 30);
  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_TOO_MANY, NULL, 0);
  node = get_list (fixture, &error);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpint (rsb_api_client_get_paused_until (fixture->client), >=, before + 30000);
  g_assert_cmpint (rsb_api_client_get_paused_until (fixture->client), <=, g_get_real_time () / 1000 + 30000);
}

static void
test_client_stops_before_spent (Fixture       *fixture,
                                gconstpointer  data)
{
  guint n_ok = 0;
  g_autoptr(GError) error = NULL;

  rsb_fake_api_set_rate_limits (fixture->api, 200, 2000, 5, 1000);
  for (guint i = 0; i < 10 && error == NULL; i++)
    {
      g_autoptr(JsonNode) node = get_list (fixture, &error);

      if (node != NULL)
        n_ok++;
    }
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED);
  /* 5 reads per window: four go, the fifth would spend it. */
  g_assert_cmpuint (n_ok, ==, 4);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "total"), ==, 4);
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "spent"), ==, 0);
}

static void
test_client_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_MALFORMED, NULL, 0);
  node = get_list (fixture, &error);
  g_assert_null (node);
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "Strava"));
  g_assert_nonnull (strstr (error->message, "/athlete/activities"));
  /* Not a transport problem: asking again would not help. */
  g_assert_cmpuint (rsb_fake_api_count (fixture->api, "activities"), ==, 1);
}

static void
test_client_not_found (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = rsb_api_client_get_json (fixture->client, "/activities/1/streams?keys=time",
                                                      NULL, &error);

  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP);
  g_assert_cmpuint (rsb_api_client_get_last_status (fixture->client), ==, 404);
}

static void
test_client_refuses_plain_http (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  RsbTokens tokens = { "a", "r", G_MAXINT64, NULL, NULL };
  g_autoptr(RsbTokenSource) source = rsb_token_source_new (RSB_SERVICE_STRAVA, session, "id", "secret", &tokens);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbApiClient) client = rsb_api_client_new (source, "http://strava.example.com/api/v3", &error);

  g_assert_null (client);
  g_assert_nonnull (error);
  g_clear_error (&error);
  client = rsb_api_client_new (source, "http://127.0.0.1:9/api/v3", &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (100 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_client_cancel_during_backoff (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = rsb_strava_activities_path (0, 1, 200);
  gint64 start = g_get_monotonic_time ();
  GThread *canceller;

  rsb_api_client_set_backoff_ms (fixture->client, 60000);
  rsb_fake_api_inject (fixture->api, RSB_FAKE_FAULT_SERVER_ERROR, NULL, 0);
  canceller = g_thread_new ("cancel", cancel_soon, cancellable);
  node = rsb_api_client_get_json (fixture->client, path, cancellable, &error);
  g_thread_join (canceller);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* A minute's backoff cut short. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  /* Rate pause messages are in local time: make it UTC here. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/strava-api/activity-testdata", test_activity_testdata);
  g_test_add_func ("/strava-api/activity-list-swagger", test_activity_list_swagger);
  g_test_add_func ("/strava-api/activity-list-malformed", test_activity_list_malformed);
  g_test_add_func ("/strava-api/sports", test_sports);
  g_test_add_func ("/strava-api/streams-swagger-array", test_streams_swagger_array);
  g_test_add_func ("/strava-api/streams-keyed", test_streams_keyed);
  g_test_add_func ("/strava-api/streams-both-forms-agree", test_streams_both_forms_agree);
  g_test_add_func ("/strava-api/streams-malformed", test_streams_malformed);
  g_test_add_func ("/strava-api/athlete-testdata", test_athlete_testdata);
  g_test_add_func ("/strava-api/paths", test_paths);
  g_test_add_func ("/rate-limit/windows", test_rate_windows);
  g_test_add_func ("/rate-limit/headers-garbage", test_rate_headers_garbage);
  g_test_add_func ("/rate-limit/pause-message", test_rate_pause_message);
  g_test_add_func ("/api-client/refuses-plain-http", test_client_refuses_plain_http);
  g_test_add ("/api-client/lists", Fixture, NULL, fixture_set_up, test_client_lists, fixture_tear_down);
  g_test_add ("/api-client/retries-server-errors", Fixture, NULL, fixture_set_up,
              test_client_retries_server_errors, fixture_tear_down);
  g_test_add ("/api-client/gives-up", Fixture, NULL, fixture_set_up, test_client_gives_up, fixture_tear_down);
  g_test_add ("/api-client/survives-stall", Fixture, NULL, fixture_set_up,
              test_client_survives_stall, fixture_tear_down);
  g_test_add ("/api-client/refreshes-once", Fixture, NULL, fixture_set_up,
              test_client_refreshes_once, fixture_tear_down);
  g_test_add ("/api-client/invalid-grant", Fixture, NULL, fixture_set_up,
              test_client_invalid_grant, fixture_tear_down);
  g_test_add ("/api-client/too-many-requests", Fixture, NULL, fixture_set_up,
              test_client_too_many_requests, fixture_tear_down);
  g_test_add ("/api-client/retry-after", Fixture, NULL, fixture_set_up,
              test_client_retry_after, fixture_tear_down);
  g_test_add ("/api-client/stops-before-spent", Fixture, NULL, fixture_set_up,
              test_client_stops_before_spent, fixture_tear_down);
  g_test_add ("/api-client/malformed", Fixture, NULL, fixture_set_up, test_client_malformed, fixture_tear_down);
  g_test_add ("/api-client/not-found", Fixture, NULL, fixture_set_up, test_client_not_found, fixture_tear_down);
  g_test_add ("/api-client/cancel-during-backoff", Fixture, NULL, fixture_set_up,
              test_client_cancel_during_backoff, fixture_tear_down);

  return g_test_run ();
}
