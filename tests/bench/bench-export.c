/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-export.c: a Strava bulk export, generated.
 *
 * Each row of activities.csv is planned from its own seed, so the bytes
 * never depend on anything but the spec. A recorded activity is a 1 Hz
 * track (position, elevation, heart rate, cadence) of a run, ride, walk
 * or hike near one of a few home towns, with hills, GPS noise and a stop
 * at a traffic light now and then; it is written in turn as FIT, GPX or
 * TCX, the way the watch that recorded it would, and gzipped, as Strava
 * keeps the originals. Every spec->manual_every-th row is a manual entry,
 * with an empty Filename.
 *
 * activities.csv comes after the files it names: an importer cannot
 * count on reading it first.
 */
#include "bench-export.h"
#include "bench-common.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#define FIRST_DAY_UNIX_S   G_GINT64_CONSTANT (1609459200)   /* 2021-01-01T00:00:00Z */
#define FIRST_STRAVA_ID    G_GUINT64_CONSTANT (4561000000)
#define METRES_PER_DEGREE  111320.0

#define CSV_HEADER \
  "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description," \
  "Elapsed Time,Distance,Filename\n"

typedef enum {
  SPORT_RUN,
  SPORT_RIDE,
  SPORT_WALK,
  SPORT_HIKE,
} Sport;

typedef enum {
  FORMAT_FIT,
  FORMAT_GPX,
  FORMAT_TCX,
  FORMAT_NONE,   /* a manual entry */
} Format;

typedef struct {
  const char *strava_type;   /* "Activity Type" in activities.csv */
  const char *gpx_type;
  const char *tcx_sport;
  guint8      fit_sport;
  double      speed;         /* m/s on the flat */
  double      cadence;       /* rpm, or steps a minute of one foot */
  double      heart_rate;    /* once warmed up */
  double      hills;         /* elevation swing, m */
  double      lap_m;         /* the watch's auto-lap */
} SportProfile;

static const SportProfile profiles[] = {
  [SPORT_RUN]  = { "Run",  "running", "Running", 1,  3.0, 86, 152, 15,  1000 },
  [SPORT_RIDE] = { "Ride", "cycling", "Biking",  2,  7.5, 88, 138, 40,  5000 },
  [SPORT_WALK] = { "Walk", "walking", "Other",   11, 1.4, 56, 102, 8,   1000 },
  [SPORT_HIKE] = { "Hike", "hiking",  "Other",   17, 1.1, 52, 124, 120, 1000 },
};

/* What people type in by hand: no route, a duration, maybe a distance. */
static const struct {
  const char *type;
  const char *name;
  double      elapsed_s;
  double      distance_m;
} manual_kinds[] = {
  { "Swim", "Pool swim, 30 × 50 m", 2700, 1500 },
  { "Weight Training", "Gym: legs, core", 3300, 0 },
  { "Run", "Treadmill 5k (watch \"forgot\" to record)", 1650, 5000 },
  { "Yoga", "Yoga", 3600, 0 },
};

static const struct {
  double lat;
  double lon;
  double ele;
} places[] = {
  { 46.0511, 14.5051, 295 },     /* home */
  { 46.3683, 14.1146, 480 },
  { 40.0150, -105.2705, 1655 },
  { 51.5072, -0.1276, 20 },
  { -33.9249, 18.4241, 30 },
};

/* Strava's own names say when; some are the user's, with commas and
 * quotes that the CSV must quote. */
static const char *custom_names[] = {
  "Intervals, 6 × 800 m",
  "Easy one with \"the crew\"",
  "Hills, hills, hills",
  "Café stop ☕, then home",
  "Long & slow — felt great",
  "Commute (rain, again)",
  "\"Recovery\" pace, honestly",
  "Zürich–Ljubljana, day 3",
};

static const char *descriptions[] = {
  "Legs heavy after yesterday.\nStill, a good one.",
  "With Ana, Marko and \"Speedy\" Gonzales.",
  "New shoes, 2nd outing: comfy, a bit stiff.",
  "Windy, 12 °C, dry.",
};

typedef struct {
  GRand       *rand;
  guint64      strava_id;
  gint64       start_s;       /* UTC */
  Format       format;
  Sport        sport;
  guint        n_points;
  const char  *type;
  char        *name;
  const char  *description;   /* NULL when none */
  guint        place;
  double       elapsed_s;     /* from the track, or typed in */
  double       distance_m;
} Plan;

typedef struct {
  double  lat;                /* as the GPS saw it */
  double  lon;
  double  ele;
  double  distance_m;
  double  speed;
  guint8  heart_rate;
  guint8  cadence;
} Point;

/* ---- planning -------------------------------------------------------- */

static const char *
time_of_day (int hour)
{
  if (hour < 11)
    return "Morning";
  if (hour < 14)
    return "Lunch";
  if (hour < 18)
    return "Afternoon";
  return "Evening";
}

static Sport
pick_sport (GRand *rand)
{
  double r = g_rand_double (rand);

  if (r < 0.55)
    return SPORT_RUN;
  if (r < 0.90)
    return SPORT_RIDE;
  return r < 0.96 ? SPORT_WALK : SPORT_HIKE;
}

static void
plan_manual (Plan  *plan,
             guint  kind)
{
  plan->format = FORMAT_NONE;
  plan->type = manual_kinds[kind].type;
  plan->name = g_strdup (manual_kinds[kind].name);
  plan->elapsed_s = manual_kinds[kind].elapsed_s;
  plan->distance_m = manual_kinds[kind].distance_m;
}

static void
plan_recorded (Plan                 *plan,
               const RsbBenchExport *spec,
               guint                 index,
               int                   hour)
{
  plan->format = index % 3;
  plan->sport = pick_sport (plan->rand);
  plan->type = profiles[plan->sport].strava_type;
  plan->n_points = g_rand_int_range (plan->rand, spec->mean_points * 6 / 10, spec->mean_points * 14 / 10 + 1);
  plan->place = g_rand_double (plan->rand) < 0.8 ? 0 : g_rand_int_range (plan->rand, 1, G_N_ELEMENTS (places));
  if (g_rand_double (plan->rand) < 0.3)
    plan->name = g_strdup (custom_names[g_rand_int_range (plan->rand, 0, G_N_ELEMENTS (custom_names))]);
  else
    plan->name = g_strdup_printf ("%s %s", time_of_day (hour), plan->type);
}

/* One activity a day, at some time between 6:00 and 20:00: no two start
 * within a second of each other, so none is taken for another's copy. */
static void
plan_activity (Plan                 *plan,
               const RsbBenchExport *spec,
               guint                 index)
{
  int hour;

  memset (plan, 0, sizeof *plan);
  plan->rand = g_rand_new_with_seed (spec->seed * 1000003u + index);
  plan->strava_id = FIRST_STRAVA_ID + index * G_GUINT64_CONSTANT (3571) + g_rand_int_range (plan->rand, 0, 3000);
  hour = g_rand_int_range (plan->rand, 6, 20);
  plan->start_s = FIRST_DAY_UNIX_S + index * G_GINT64_CONSTANT (86400) + hour * 3600 +
                  g_rand_int_range (plan->rand, 0, 3600);
  if (g_rand_double (plan->rand) < 0.12)
    plan->description = descriptions[g_rand_int_range (plan->rand, 0, G_N_ELEMENTS (descriptions))];

  if (spec->manual_every > 0 && index % spec->manual_every == spec->manual_every / 2)
    plan_manual (plan, (index / spec->manual_every) % G_N_ELEMENTS (manual_kinds));
  else
    plan_recorded (plan, spec, index, hour);
}

static void
plan_clear (Plan *plan)
{
  g_rand_free (plan->rand);
  g_free (plan->name);
}

static char *
plan_file_name (const Plan *plan)
{
  static const char *extensions[] = { "fit", "gpx", "tcx" };

  return g_strdup_printf ("activities/%" G_GUINT64_FORMAT ".%s.gz",
                          plan->strava_id, extensions[plan->format]);
}

/* ---- the track ------------------------------------------------------- */

typedef struct {
  const SportProfile *profile;
  GRand              *rand;
  double              base_ele;
  double              phase[4];
  double              x_m;
  double              y_m;
  double              heading;
  double              heart_rate;
  guint               stop_left;   /* seconds still waiting at a light */
  guint               next_stop;
} Walker;

static double
walker_elevation (const Walker *walker,
                  double        distance_m)
{
  return walker->base_ele + walker->profile->hills *
         (0.7 * sin (distance_m / 1900 + walker->phase[0]) + 0.3 * sin (distance_m / 430 + walker->phase[1]));
}

/* Slower uphill, faster down, for legs and wheels alike. */
static double
walker_speed (const Walker *walker,
              guint         second,
              double        grade)
{
  double flat = walker->profile->speed * (1 + 0.08 * sin (second / 97.0 + walker->phase[2]));

  if (walker->stop_left > 0)
    return 0;
  return MAX (0.3, flat * (1 - CLAMP (grade * 6, -0.4, 0.5)) + g_rand_double_range (walker->rand, -0.1, 0.1));
}

static guint8
walker_cadence (const Walker *walker,
                double        speed,
                double        grade)
{
  gboolean coasting = walker->profile == &profiles[SPORT_RIDE] && grade < -0.02;

  if (speed == 0 || coasting)
    return 0;
  return (guint8) lround (walker->profile->cadence + g_rand_double_range (walker->rand, -3, 3));
}

/* The heart follows the effort with half a minute's lag. */
static guint8
walker_heart_rate (Walker *walker,
                   double  speed,
                   double  grade,
                   double  progress)
{
  double target = walker->profile->heart_rate + 120 * grade + 8 * progress;

  if (speed == 0)
    target = walker->profile->heart_rate - 30;
  walker->heart_rate += (target - walker->heart_rate) / 30 + g_rand_double_range (walker->rand, -1, 1);
  return (guint8) CLAMP (lround (walker->heart_rate), 60, 200);
}

static void
walker_step (Walker *walker,
             guint   second,
             double  speed)
{
  walker->heading += 0.015 * sin (second / 240.0 + walker->phase[3]) +
                     g_rand_double_range (walker->rand, -0.02, 0.02);
  walker->x_m += speed * cos (walker->heading);
  walker->y_m += speed * sin (walker->heading);

  if (walker->stop_left > 0)
    walker->stop_left--;
  else if (second == walker->next_stop)
    {
      walker->stop_left = g_rand_int_range (walker->rand, 10, 50);
      walker->next_stop = second + g_rand_int_range (walker->rand, 600, 1800);
    }
}

static GArray *
record_track (Plan *plan)
{
  GArray *points = g_array_sized_new (FALSE, FALSE, sizeof (Point), plan->n_points);
  double lat0 = places[plan->place].lat + g_rand_double_range (plan->rand, -0.02, 0.02);
  double lon0 = places[plan->place].lon + g_rand_double_range (plan->rand, -0.02, 0.02);
  double lon_scale = METRES_PER_DEGREE * cos (lat0 * G_PI / 180);
  Walker walker = {
    .profile = &profiles[plan->sport],
    .rand = plan->rand,
    .base_ele = places[plan->place].ele,
    .heading = g_rand_double_range (plan->rand, 0, 2 * G_PI),
    .heart_rate = 90,
    .next_stop = g_rand_int_range (plan->rand, 300, 1200),
  };
  double distance_m = 0;

  for (guint i = 0; i < G_N_ELEMENTS (walker.phase); i++)
    walker.phase[i] = g_rand_double_range (plan->rand, 0, 2 * G_PI);
  for (guint i = 0; i < plan->n_points; i++)
    {
      double ele = walker_elevation (&walker, distance_m);
      double grade = walker_elevation (&walker, distance_m + 1) - ele;
      Point point = { .distance_m = distance_m, .ele = ele + g_rand_double_range (plan->rand, -0.2, 0.2) };

      point.speed = walker_speed (&walker, i, grade);
      point.cadence = walker_cadence (&walker, point.speed, grade);
      point.heart_rate = walker_heart_rate (&walker, point.speed, grade, i / (double) plan->n_points);
      point.lat = lat0 + (walker.y_m + g_rand_double_range (plan->rand, -1.5, 1.5)) / METRES_PER_DEGREE;
      point.lon = lon0 + (walker.x_m + g_rand_double_range (plan->rand, -1.5, 1.5)) / lon_scale;
      g_array_append_val (points, point);

      walker_step (&walker, i, point.speed);
      distance_m += point.speed;
    }
  plan->elapsed_s = plan->n_points - 1;
  plan->distance_m = distance_m;
  return points;
}

/* ---- text, fast and locale-proof ------------------------------------- */

static void
append_decimal (GString *out,
                double   value,
                guint    places_after)
{
  static const double scales[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7 };
  gint64 scaled = llround (value * scales[places_after]);
  guint64 rest = scaled < 0 ? (guint64) -scaled : (guint64) scaled;
  char digits[32];
  char *end = digits + sizeof digits;
  char *p = end;

  for (guint i = 0; i < places_after; i++, rest /= 10)
    *--p = '0' + rest % 10;
  if (places_after > 0)
    *--p = '.';
  do
    *--p = '0' + rest % 10;
  while ((rest /= 10) > 0);
  if (scaled < 0)
    *--p = '-';
  g_string_append_len (out, p, end - p);
}

static void
put_two (char *p,
         int   value)
{
  p[0] = '0' + value / 10 % 10;
  p[1] = '0' + value % 10;
}

/* 2021-02-27T10:06:53Z, or with ".000" as Garmin's TCX writes it. */
static void
append_iso_time (GString  *out,
                 gint64    unix_s,
                 gboolean  with_ms)
{
  time_t t = (time_t) unix_s;
  struct tm tm;
  char text[] = "0000-00-00T00:00:00";

  gmtime_r (&t, &tm);
  put_two (text, (tm.tm_year + 1900) / 100);
  put_two (text + 2, tm.tm_year + 1900);
  put_two (text + 5, tm.tm_mon + 1);
  put_two (text + 8, tm.tm_mday);
  put_two (text + 11, tm.tm_hour);
  put_two (text + 14, tm.tm_min);
  put_two (text + 17, tm.tm_sec);
  g_string_append_len (out, text, sizeof text - 1);
  g_string_append (out, with_ms ? ".000Z" : "Z");
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* ---- FIT ------------------------------------------------------------- */

/* An Edge's or a Forerunner's record: position, distance, enhanced
 * altitude and speed, heart rate, cadence; a timestamp on every one. */
static const guint8 fit_record_fields[] = {
  253, 4, 0x86, 0, 4, 0x85, 1, 4, 0x85, 5, 4, 0x86, 78, 4, 0x86, 73, 4, 0x86,
  3, 1, 0x02, 4, 1, 0x02,
};

static void
put_semicircles (GByteArray *out,
                 double      degrees)
{
  rsb_bench_fit_put (out, (guint32) (gint32) lround (degrees * (2147483648.0 / 180)), 4);
}

static GBytes *
encode_fit (const Plan   *plan,
            const GArray *points)
{
  guint32 start = plan->start_s - RSB_BENCH_FIT_EPOCH_UNIX_S;
  GByteArray *out = rsb_bench_fit_begin (points->len * 27, start);

  rsb_bench_fit_define (out, 0, 20, fit_record_fields, sizeof fit_record_fields / 3);
  for (guint i = 0; i < points->len; i++)
    {
      const Point *point = &g_array_index (points, Point, i);

      rsb_bench_fit_put (out, 0, 1);
      rsb_bench_fit_put (out, start + i, 4);
      put_semicircles (out, point->lat);
      put_semicircles (out, point->lon);
      rsb_bench_fit_put (out, (guint32) lround (point->distance_m * 100), 4);
      rsb_bench_fit_put (out, (guint32) lround ((point->ele + 500) * 5), 4);
      rsb_bench_fit_put (out, (guint32) lround (point->speed * 1000), 4);
      rsb_bench_fit_put (out, point->heart_rate, 1);
      rsb_bench_fit_put (out, point->cadence, 1);
    }
  return rsb_bench_fit_end (out, start, start + points->len - 1, plan->distance_m,
                            profiles[plan->sport].fit_sport);
}

/* ---- GPX ------------------------------------------------------------- */

static void
append_gpx_point (GString     *out,
                  const Point *point,
                  gint64       unix_s)
{
  g_string_append (out, "   <trkpt lat=\"");
  append_decimal (out, point->lat, 7);
  g_string_append (out, "\" lon=\"");
  append_decimal (out, point->lon, 7);
  g_string_append (out, "\">\n    <ele>");
  append_decimal (out, point->ele, 1);
  g_string_append (out, "</ele>\n    <time>");
  append_iso_time (out, unix_s, FALSE);
  g_string_append (out, "</time>\n    <extensions>\n     <gpxtpx:TrackPointExtension>\n      <gpxtpx:hr>");
  append_decimal (out, point->heart_rate, 0);
  g_string_append (out, "</gpxtpx:hr>\n      <gpxtpx:cad>");
  append_decimal (out, point->cadence, 0);
  g_string_append (out, "</gpxtpx:cad>\n     </gpxtpx:TrackPointExtension>\n    </extensions>\n   </trkpt>\n");
}

static GBytes *
encode_gpx (const Plan   *plan,
            const GArray *points)
{
  GString *out = g_string_sized_new (points->len * 300 + 1024);

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gpx creator=\"Garmin Connect\" version=\"1.1\"\n"
    "  xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd\"\n"
    "  xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\"\n"
    "  xmlns=\"http://www.topografix.com/GPX/1/1\"\n"
    "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    " <metadata>\n  <time>");
  append_iso_time (out, plan->start_s, FALSE);
  g_string_append (out, "</time>\n </metadata>\n <trk>\n  <name>");
  append_escaped (out, plan->name);
  g_string_append_printf (out, "</name>\n  <type>%s</type>\n  <trkseg>\n", profiles[plan->sport].gpx_type);
  for (guint i = 0; i < points->len; i++)
    append_gpx_point (out, &g_array_index (points, Point, i), plan->start_s + i);
  g_string_append (out, "  </trkseg>\n </trk>\n</gpx>\n");
  return g_string_free_to_bytes (out);
}

/* ---- TCX ------------------------------------------------------------- */

static void
append_tcx_point (GString            *out,
                  const SportProfile *profile,
                  const Point        *point,
                  gint64              unix_s)
{
  g_string_append (out, "     <Trackpoint>\n      <Time>");
  append_iso_time (out, unix_s, TRUE);
  g_string_append (out, "</Time>\n      <Position>\n       <LatitudeDegrees>");
  append_decimal (out, point->lat, 7);
  g_string_append (out, "</LatitudeDegrees>\n       <LongitudeDegrees>");
  append_decimal (out, point->lon, 7);
  g_string_append (out, "</LongitudeDegrees>\n      </Position>\n      <AltitudeMeters>");
  append_decimal (out, point->ele, 1);
  g_string_append (out, "</AltitudeMeters>\n      <DistanceMeters>");
  append_decimal (out, point->distance_m, 2);
  g_string_append (out, "</DistanceMeters>\n      <HeartRateBpm>\n       <Value>");
  append_decimal (out, point->heart_rate, 0);
  g_string_append (out, "</Value>\n      </HeartRateBpm>\n");
  /* A bike's cadence is a Trackpoint field, a runner's an extension. */
  if (profile == &profiles[SPORT_RIDE])
    {
      g_string_append (out, "      <Cadence>");
      append_decimal (out, point->cadence, 0);
      g_string_append (out, "</Cadence>\n");
    }
  g_string_append (out, "      <Extensions>\n       <ns3:TPX>\n        <ns3:Speed>");
  append_decimal (out, point->speed, 3);
  g_string_append (out, "</ns3:Speed>\n");
  if (profile != &profiles[SPORT_RIDE])
    {
      g_string_append (out, "        <ns3:RunCadence>");
      append_decimal (out, point->cadence, 0);
      g_string_append (out, "</ns3:RunCadence>\n");
    }
  g_string_append (out, "       </ns3:TPX>\n      </Extensions>\n     </Trackpoint>\n");
}

static void
append_tcx_lap (GString     *out,
                const Plan  *plan,
                const Point *points,
                guint        first,
                guint        end)
{
  double max_speed = 0, hr_sum = 0;
  guint max_hr = 0;

  for (guint i = first; i < end; i++)
    {
      max_speed = MAX (max_speed, points[i].speed);
      max_hr = MAX (max_hr, points[i].heart_rate);
      hr_sum += points[i].heart_rate;
    }
  g_string_append (out, "   <Lap StartTime=\"");
  append_iso_time (out, plan->start_s + first, TRUE);
  g_string_append_printf (out, "\">\n    <TotalTimeSeconds>%u.0</TotalTimeSeconds>\n    <DistanceMeters>", end - first);
  append_decimal (out, points[end - 1].distance_m + points[end - 1].speed - points[first].distance_m, 2);
  g_string_append (out, "</DistanceMeters>\n    <MaximumSpeed>");
  append_decimal (out, max_speed, 3);
  g_string_append_printf (out, "</MaximumSpeed>\n    <Calories>%u</Calories>\n"
                          "    <AverageHeartRateBpm>\n     <Value>%u</Value>\n    </AverageHeartRateBpm>\n"
                          "    <MaximumHeartRateBpm>\n     <Value>%u</Value>\n    </MaximumHeartRateBpm>\n"
                          "    <Intensity>Active</Intensity>\n    <TriggerMethod>Distance</TriggerMethod>\n"
                          "    <Track>\n",
                          (end - first) / 6, (guint) lround (hr_sum / (end - first)), max_hr);
  for (guint i = first; i < end; i++)
    append_tcx_point (out, &profiles[plan->sport], &points[i], plan->start_s + i);
  g_string_append (out, "    </Track>\n   </Lap>\n");
}

/* One lap, and one Track, per auto-lap distance, as Garmin writes them. */
static GBytes *
encode_tcx (const Plan   *plan,
            const GArray *points)
{
  const Point *p = (const Point *) points->data;
  double lap_m = profiles[plan->sport].lap_m;
  GString *out = g_string_sized_new (points->len * 560 + 2048);
  guint first = 0;

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<TrainingCenterDatabase\n"
    "  xsi:schemaLocation=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd\"\n"
    "  xmlns:ns5=\"http://www.garmin.com/xmlschemas/ActivityGoals/v1\"\n"
    "  xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\"\n"
    "  xmlns:ns2=\"http://www.garmin.com/xmlschemas/UserProfile/v2\"\n"
    "  xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"\n"
    "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    " <Activities>\n");
  g_string_append_printf (out, "  <Activity Sport=\"%s\">\n   <Id>", profiles[plan->sport].tcx_sport);
  append_iso_time (out, plan->start_s, TRUE);
  g_string_append (out, "</Id>\n");
  for (guint i = 1; i <= points->len; i++)
    {
      if (i < points->len && floor (p[i].distance_m / lap_m) == floor (p[first].distance_m / lap_m))
        continue;
      append_tcx_lap (out, plan, p, first, i);
      first = i;
    }
  g_string_append (out,
    "   <Creator xsi:type=\"Device_t\">\n    <Name>Forerunner 945</Name>\n"
    "    <UnitId>3990000000</UnitId>\n    <ProductID>3113</ProductID>\n   </Creator>\n"
    "  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n");
  return g_string_free_to_bytes (out);
}

/* ---- files ----------------------------------------------------------- */

static GBytes *
gzip_bytes (GBytes  *bytes,
            GError **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) gzip = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  if (!g_output_stream_write_all (gzip, data, size, NULL, NULL, error) ||
      !g_output_stream_close (gzip, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* The route file of a recorded activity, gzipped. */
static GBytes *
route_file (Plan     *plan,
            guint64  *n_points,
            GError  **error)
{
  g_autoptr(GArray) points = record_track (plan);
  g_autoptr(GBytes) plain = NULL;

  switch (plan->format)
    {
    case FORMAT_FIT:
      plain = encode_fit (plan, points);
      break;
    case FORMAT_GPX:
      plain = encode_gpx (plan, points);
      break;
    case FORMAT_TCX:
    default:
      plain = encode_tcx (plan, points);
      break;
    }
  *n_points += points->len;
  return gzip_bytes (plain, error);
}

/* ---- activities.csv -------------------------------------------------- */

static void
append_csv_field (GString    *out,
                  const char *text,
                  char        separator)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    g_string_append (out, text);
  else
    {
      g_string_append_c (out, '"');
      for (const char *c = text; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, separator);
}

/* "Feb 27, 2021, 10:06:53 AM", in UTC. */
static char *
strava_date (gint64 unix_s)
{
  static const char *months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  time_t t = (time_t) unix_s;
  struct tm tm;
  int hour12;

  gmtime_r (&t, &tm);
  hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  return g_strdup_printf ("%s %d, %d, %d:%02d:%02d %s", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900,
                          hour12, tm.tm_min, tm.tm_sec, tm.tm_hour < 12 ? "AM" : "PM");
}

static void
append_csv_row (GString    *csv,
                const Plan *plan)
{
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, plan->strava_id);
  g_autofree char *date = strava_date (plan->start_s);
  g_autofree char *elapsed = g_strdup_printf ("%.0f", plan->elapsed_s);
  g_autofree char *file_name = plan->format == FORMAT_NONE ? g_strdup ("") : plan_file_name (plan);
  g_autoptr(GString) km = g_string_new (NULL);

  append_decimal (km, plan->distance_m / 1000, 2);
  append_csv_field (csv, id, ',');
  append_csv_field (csv, date, ',');
  append_csv_field (csv, plan->name, ',');
  append_csv_field (csv, plan->type, ',');
  append_csv_field (csv, plan->description ? plan->description : "", ',');
  append_csv_field (csv, elapsed, ',');
  append_csv_field (csv, km->str, ',');
  append_csv_field (csv, file_name, '\n');
}

/* ---- the zip --------------------------------------------------------- */

typedef struct archive BenchZip;

static void
free_zip (BenchZip *zip)
{
  archive_write_free (zip);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchZip, free_zip)

static gboolean
zip_failed (BenchZip    *zip,
            const char  *what,
            GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Writing the export: %s: %s",
               what, archive_error_string (zip));
  return FALSE;
}

static gboolean
zip_add (BenchZip    *zip,
         const char  *path,
         gint64       mtime_s,
         GBytes      *bytes,
         GError     **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);
  gboolean ok;

  archive_entry_set_pathname (entry, path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_entry_set_mtime (entry, mtime_s, 0);
  ok = archive_write_header (zip, entry) == ARCHIVE_OK &&
       archive_write_data (zip, data, size) == (la_ssize_t) size;
  archive_entry_free (entry);
  return ok || zip_failed (zip, path, error);
}

static gboolean
zip_add_text (BenchZip    *zip,
              const char  *path,
              gint64       mtime_s,
              const char  *text,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return zip_add (zip, path, mtime_s, bytes, error);
}

static gboolean
add_activity (BenchZip             *zip,
              Plan                 *plan,
              RsbBenchExportStats  *stats,
              GError              **error)
{
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) gz = NULL;

  if (plan->format == FORMAT_NONE)
    {
      stats->n_manual++;
      return TRUE;
    }
  file_name = plan_file_name (plan);
  gz = route_file (plan, &stats->n_points, error);
  stats->n_files++;
  return gz != NULL && zip_add (zip, file_name, plan->start_s + (gint64) plan->elapsed_s, gz, error);
}

gboolean
rsb_bench_write_export (const char            *zip_path,
                        const RsbBenchExport  *spec,
                        RsbBenchExportStats   *stats,
                        GError               **error)
{
  g_autoptr(BenchZip) zip = archive_write_new ();
  g_autoptr(GString) csv = g_string_new (CSV_HEADER);
  gint64 last_s = FIRST_DAY_UNIX_S + spec->n_activities * G_GINT64_CONSTANT (86400);
  GStatBuf info;

  memset (stats, 0, sizeof *stats);
  if (archive_write_set_format_zip (zip) != ARCHIVE_OK ||
      archive_write_open_filename (zip, zip_path) != ARCHIVE_OK)
    return zip_failed (zip, zip_path, error);

  for (guint i = 0; i < spec->n_activities; i++)
    {
      Plan plan;
      gboolean ok;

      plan_activity (&plan, spec, i);
      ok = add_activity (zip, &plan, stats, error);
      if (ok)
        append_csv_row (csv, &plan);
      plan_clear (&plan);
      if (!ok)
        return FALSE;
    }
  if (!zip_add_text (zip, "activities.csv", last_s, csv->str, error) ||
      !zip_add_text (zip, "profile.csv", last_s,
                     "Athlete ID,Email Address,First Name,Last Name,Sex,Description,Weight,City,State,Country\n"
                     "31415926,runner@example.com,Ana,Novak,F,,58.0,Ljubljana,,Slovenia\n", error))
    return FALSE;
  if (archive_write_close (zip) != ARCHIVE_OK)
    return zip_failed (zip, zip_path, error);

  if (g_stat (zip_path, &info) == 0)
    stats->zip_bytes = info.st_size;
  return TRUE;
}
