/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tempo-analysis.c: the Tempo page's numbers — grade-adjusted
 * pace, the fits, the songs that move you, and the points the store
 * keeps for them. */
#include <math.h>

#include "rsb-activity.h"
#include "rsb-format.h"
#include "rsb-store.h"
#include "rsb-tempo-analysis.h"
#include "rsb-tempo-collect.h"

#define T0 G_GINT64_CONSTANT (1700000000000)
#define DAY_MS G_GINT64_CONSTANT (86400000)

/* The step leaving second i runs at speed(i) m/s on grade(i). */
typedef double (*Profile) (guint i);

static gint64
add_workout (RsbStore   *store,
             const char *name,
             const char *sport,
             gint64      start_ms,
             guint       n,
             Profile     speed,
             Profile     grade,
             double      strides)
{
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
  g_autoptr(RsbStreams) streams = rsb_streams_new (n);
  g_autoptr(GError) error = NULL;
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  double *altitude = rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE);
  double *cadence = rsb_streams_ensure (streams, RSB_STREAM_CADENCE);
  gint64 id;

  for (guint i = 0; i < n; i++)
    {
      time[i] = i;
      distance[i] = i == 0 ? 0 : distance[i - 1] + speed (i - 1);
      altitude[i] = i == 0 ? 100 : altitude[i - 1] + speed (i - 1) * grade (i - 1);
      lat[i] = 46.0 + distance[i] * 1e-5;
      lon[i] = 14.0;
      cadence[i] = strides;
    }
  info->source = g_strdup ("file");
  info->source_id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, name, start_ms);
  info->name = g_strdup (name);
  info->sport = g_strdup (sport);
  info->start_ms = start_ms;
  info->elapsed_s = n - 1;
  info->moving_s = n - 1;
  info->distance_m = distance[n - 1];
  info->min_lat = 46.0;
  info->max_lat = 46.0 + distance[n - 1] * 1e-5;
  info->min_lon = info->max_lon = 14.0;
  g_assert_true (rsb_store_begin (store, &error));
  id = rsb_store_add_activity (store, info, streams, &error);
  g_assert_no_error (error);
  g_assert_true (rsb_store_commit (store, &error));
  return id;
}

static void
add_play (RsbStore   *store,
          const char *title,
          gint64      start_ms,
          gint64      end_ms)
{
  g_autoptr(RsbPlay) play = rsb_play_new ();
  g_autoptr(GError) error = NULL;
  gboolean added;

  play->track.uri = g_strdup_printf ("spotify:track:%s", title);
  play->track.title = g_strdup (title);
  play->track.artists = g_strdup ("The Band");
  play->start_ms = start_ms;
  play->end_ms = end_ms;
  play->ms_played = end_ms - start_ms;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  play->precision_ms = 1000;
  g_assert_true (rsb_store_begin (store, &error));
  g_assert_true (rsb_store_add_play (store, play, &added, &error));
  g_assert_true (rsb_store_refresh_matches (store, start_ms, end_ms, &error));
  g_assert_true (rsb_store_commit (store, &error));
  g_assert_no_error (error);
}

static gint64
track_id_of (RsbStore   *store,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = rsb_store_plays_between (store, 0, G_MAXINT64 / 2, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (plays, i);

      if (g_strcmp0 (play->track.title, title) == 0)
        return play->track_id;
    }
  g_assert_not_reached ();
}

static RsbTempoLibrary *
collect (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  RsbTempoLibrary *library = rsb_tempo_library_collect (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
  return library;
}

static const RsbTempoMover *
mover_of (GArray          *movers,
          RsbStore        *store,
          const char      *title)
{
  gint64 id = track_id_of (store, title);

  for (guint i = 0; i < movers->len; i++)
    {
      if (g_array_index (movers, RsbTempoMover, i).track_id == id)
        return &g_array_index (movers, RsbTempoMover, i);
    }
  return NULL;
}

static double flat (guint i) { return 0; }
static double climb_late (guint i) { return i < 600 ? 0 : 0.08; }
static double slower_uphill (guint i) { return i < 600 ? 3.0 : 2.4; }

static void
test_gap_factor (void)
{
  g_assert_cmpfloat_with_epsilon (rsb_tempo_gap_factor (0), 1.0, 1e-12);
  /* Minetti's polynomial at ±10 %, over its flat 3.6 J/(kg·m). */
  g_assert_cmpfloat_with_epsilon (rsb_tempo_gap_factor (0.10), 5.968214 / 3.6, 1e-4);
  g_assert_cmpfloat_with_epsilon (rsb_tempo_gap_factor (-0.10), 2.151746 / 3.6, 1e-4);
  /* Downhill eases the effort, but steep downhill less than gentle. */
  g_assert_cmpfloat (rsb_tempo_gap_factor (-0.20), <, rsb_tempo_gap_factor (-0.05));
  g_assert_cmpfloat (rsb_tempo_gap_factor (-0.45), >, rsb_tempo_gap_factor (-0.20));
  /* Beyond the measured range the model is held at its edge. */
  g_assert_cmpfloat (rsb_tempo_gap_factor (2.0), ==, rsb_tempo_gap_factor (0.45));
}

/* A song up a hill ran slower on the clock but harder: grade-adjusted,
 * it is the one that moved the runner. */
static void
test_gap_climb_against_flat (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(RsbTempoLibrary) library = NULL;
  g_autoptr(RsbTempoAnalysis) analysis = NULL;
  const RsbTempoPoint *flat_point = NULL, *hill_point = NULL;
  gint64 flat_id, hill_id;

  add_workout (store, "Hill Repeats", "run", T0, 1201, slower_uphill, climb_late, 85);
  add_play (store, "Flat Song", T0, T0 + 600000);
  add_play (store, "Hill Song", T0 + 600000, T0 + 1200000);
  flat_id = track_id_of (store, "Flat Song");
  hill_id = track_id_of (store, "Hill Song");
  library = collect (store);
  g_assert_cmpuint (library->points->len, ==, 2);
  for (guint i = 0; i < library->points->len; i++)
    {
      const RsbTempoPoint *point = &g_array_index (library->points, RsbTempoPoint, i);

      if (point->track_id == flat_id)
        flat_point = point;
      if (point->track_id == hill_id)
        hill_point = point;
    }
  g_assert_nonnull (flat_point);
  g_assert_nonnull (hill_point);
  /* On the clock the hill was slower... */
  g_assert_cmpfloat_with_epsilon (flat_point->speed_ms, 3.0, 0.01);
  g_assert_cmpfloat_with_epsilon (hill_point->speed_ms, 2.4, 0.01);
  /* ...grade-adjusted it was 2.4 × 1.509 ≈ 3.62 m/s on the flat (the
   * foot of the hill, measured over ±15 m, blurs a few metres). */
  g_assert_cmpfloat_with_epsilon (flat_point->gap_speed_ms, 3.0, 0.05);
  g_assert_cmpfloat_with_epsilon (hill_point->gap_speed_ms, 2.4 * rsb_tempo_gap_factor (0.08), 0.05);
  g_assert_cmpfloat (hill_point->gap_speed_ms, >, hill_point->workout_gap_speed_ms);
  g_assert_cmpfloat (flat_point->gap_speed_ms, <, flat_point->workout_gap_speed_ms);
  g_assert_true (flat_point->on_foot);
  g_assert_cmpfloat_with_epsilon (flat_point->cadence, 170, 1e-9);

  analysis = rsb_tempo_analysis_new (library, NULL);
  g_assert_cmpuint (analysis->few->len, ==, 1);
  g_assert_cmpint (g_array_index (analysis->few, RsbTempoMover, 0).track_id, ==, hill_id);
  g_assert_cmpuint (analysis->movers->len, ==, 0);
}

static double varied (guint i) { return i < 300 ? 3.5 : i < 600 ? 2.5 : 3.2; }
static double steady_end (guint i) { return i < 300 ? 3.5 : i < 600 ? 2.5 : 3.0; }

/* A song faster than its workouts in three of them is a mover; one
 * faster in only two is listed apart; a slow one in neither. */
static void
test_movers_and_few (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(RsbTempoLibrary) library = NULL;
  g_autoptr(RsbTempoAnalysis) analysis = NULL;
  const RsbTempoMover *mover;
  g_autofree char *gain = NULL;

  for (int day = 0; day < 3; day++)
    {
      gint64 start = T0 + day * DAY_MS;

      add_workout (store, "Run", "run", start, 901, day < 2 ? varied : steady_end, flat, 85);
      add_play (store, "Lift Off", start, start + 300000);
      add_play (store, "Heavy Feet", start + 300000, start + 600000);
      add_play (store, day < 2 ? "Twice Good" : "Filler", start + 600000, start + 900000);
    }
  library = collect (store);
  analysis = rsb_tempo_analysis_new (library, NULL);

  mover = mover_of (analysis->movers, store, "Lift Off");
  g_assert_nonnull (mover);
  g_assert_cmpuint (mover->n_workouts, ==, 3);
  g_assert_cmpuint (mover->n_stretches, ==, 3);
  g_assert_cmpint (g_array_index (analysis->movers, RsbTempoMover, 0).track_id, ==, mover->track_id);
  /* Workouts averaged 3.067 m/s (3.0 on day three); the song ran 3.5. */
  g_assert_cmpfloat_with_epsilon (mover->gain, (2 * (3.5 / (9.2 / 3)) + 3.5 / 3.0) / 3 - 1, 0.002);
  gain = rsb_format_pace_gain (mover->pace_gain_s_per_m, RSB_UNITS_METRIC);
  g_assert_cmpstr (gain, ==, "43 s/km faster");

  g_assert_null (mover_of (analysis->movers, store, "Twice Good"));
  mover = mover_of (analysis->few, store, "Twice Good");
  g_assert_nonnull (mover);
  g_assert_cmpuint (mover->n_workouts, ==, 2);
  g_assert_null (mover_of (analysis->movers, store, "Heavy Feet"));
  g_assert_null (mover_of (analysis->few, store, "Heavy Feet"));
}

static void
test_fit_known_data (void)
{
  const double x[] = { 1, 2, 3, 4, 5 };
  const double line[] = { 3, 5, 7, 9, 11 };
  const double scatter[] = { 2, 4, 5, 4, 5 };
  RsbTempoFit fit;

  rsb_tempo_fit_compute (x, line, 5, &fit);
  g_assert_cmpfloat_with_epsilon (fit.slope, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (fit.intercept, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (fit.r, 1, 1e-12);
  /* Sxy 6, Sxx 10, Syy 6: slope 0.6, r = 6 / √60. */
  rsb_tempo_fit_compute (x, scatter, 5, &fit);
  g_assert_cmpfloat_with_epsilon (fit.slope, 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (fit.intercept, 2.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (fit.r, 6 / sqrt (60), 1e-12);
  g_assert_false (fit.enough);
  /* x that never varies has no slope. */
  rsb_tempo_fit_compute (line, x, 1, &fit);
  g_assert_true (isnan (fit.slope));
}

static RsbTempoPoint
made_point (guint  i,
            double bpm,
            double speed)
{
  return (RsbTempoPoint) {
    .activity_id = 1 + i / 10, .play_id = i + 1, .track_id = i + 1, .segment = i % 10,
    .activity_start_ms = T0, .on_foot = TRUE, .bpm = bpm, .energy = NAN, .cadence = 170,
    .moving_s = 200, .speed_ms = speed, .gap_speed_ms = speed, .workout_gap_speed_ms = 3.0,
  };
}

/* Pace falls 1 s/km for every BPM (plus or minus a wobble): the fit
 * finds it once there are 20 segments, and says so plainly. */
static void
test_fit_over_points (void)
{
  g_autoptr(RsbTempoLibrary) library = rsb_tempo_library_new ();
  g_autoptr(RsbTempoAnalysis) analysis = NULL;
  g_autofree char *slope = NULL;

  for (guint i = 0; i < 20; i++)
    {
      double bpm = 150 + i;
      double pace_s_per_km = 330 - (bpm - 150) + (i % 2 ? 1 : -1);
      RsbTempoPoint point = made_point (i, bpm, 1000.0 / pace_s_per_km);

      g_array_append_val (library->points, point);
      if (i == 18)
        {
          analysis = rsb_tempo_analysis_new (library, NULL);
          g_assert_cmpuint (analysis->pace_vs_tempo.n, ==, 19);
          g_assert_false (analysis->pace_vs_tempo.enough);
          g_clear_pointer (&analysis, rsb_tempo_analysis_free);
        }
    }
  analysis = rsb_tempo_analysis_new (library, NULL);
  g_assert_true (analysis->on_foot);
  g_assert_cmpuint (analysis->pace_vs_tempo.n, ==, 20);
  g_assert_true (analysis->pace_vs_tempo.enough);
  /* Sxx 665, Sxy −665 + 10 (the wobble leans with x), Syy 665. */
  g_assert_cmpfloat_with_epsilon (analysis->pace_vs_tempo.slope * 1000, -655.0 / 665, 1e-6);
  g_assert_cmpfloat_with_epsilon (analysis->pace_vs_tempo.r, -655.0 / 665, 1e-6);
  /* No energy known: nothing to fit. */
  g_assert_cmpuint (analysis->pace_vs_energy.n, ==, 0);
  g_assert_false (analysis->pace_vs_energy.enough);
  slope = rsb_format_tempo_slope (analysis->pace_vs_tempo.slope, TRUE, FALSE, RSB_UNITS_METRIC);
  g_assert_cmpstr (slope, ==, "−1.0 s/km per BPM");
  g_clear_pointer (&slope, g_free);
  slope = rsb_format_tempo_slope (analysis->pace_vs_tempo.slope, TRUE, FALSE, RSB_UNITS_IMPERIAL);
  g_assert_cmpstr (slope, ==, "−1.6 s/mi per BPM");
}

static double easy (guint i) { return 3.0; }
static double ride (guint i) { return 8.0; }

/* Sport and dates choose the workouts; tempo comes from the tracks as
 * they are now; a re-matched workout is measured again. */
static void
test_filter_and_kept_points (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(RsbTempoLibrary) library = NULL;
  g_autoptr(RsbTempoAnalysis) analysis = NULL;
  RsbTempoFilter filter = { G_MAXUINT, RSB_NO_TIME, RSB_NO_TIME };
  gint64 run_id, song_id;
  const RsbTempoPoint *point;

  run_id = add_workout (store, "Run", "run", T0, 601, easy, flat, 85);
  add_workout (store, "Ride", "ride", T0 + 40 * DAY_MS, 601, ride, flat, 90);
  add_play (store, "Run Song", T0, T0 + 600000);
  add_play (store, "Ride Song", T0 + 40 * DAY_MS, T0 + 40 * DAY_MS + 600000);
  song_id = track_id_of (store, "Run Song");

  library = collect (store);
  g_assert_cmpuint (library->points->len, ==, 2);
  analysis = rsb_tempo_analysis_new (library, &filter);
  g_assert_cmpuint (analysis->points->len, ==, 2);
  g_assert_cmpuint (analysis->n_with_tempo, ==, 0);
  g_clear_pointer (&analysis, rsb_tempo_analysis_free);

  filter.sport = rsb_tempo_library_sport_index (library, "ride");
  analysis = rsb_tempo_analysis_new (library, &filter);
  g_assert_cmpuint (analysis->points->len, ==, 1);
  g_assert_false (analysis->on_foot);
  point = rsb_tempo_analysis_point (analysis, 0);
  g_assert_cmpfloat_with_epsilon (point->cadence, 90, 1e-9);   /* rpm stay rpm */
  g_assert_cmpfloat_with_epsilon (rsb_tempo_point_pace_value (point, FALSE), 8.0, 1e-9);
  g_clear_pointer (&analysis, rsb_tempo_analysis_free);

  filter = (RsbTempoFilter) { G_MAXUINT, T0 + 30 * DAY_MS, RSB_NO_TIME };
  analysis = rsb_tempo_analysis_new (library, &filter);
  g_assert_cmpuint (analysis->points->len, ==, 1);
  g_assert_cmpint (rsb_tempo_analysis_point (analysis, 0)->track_id, !=, song_id);
  g_clear_pointer (&analysis, rsb_tempo_analysis_free);
  g_clear_pointer (&library, rsb_tempo_library_free);

  /* A tempo found since shows at once, in step with 170 spm. */
  g_assert_true (rsb_store_set_track_tempo (store, song_id, RSB_TEMPO_SOURCE_DEEZER, 172, 0.9, &error));
  library = collect (store);
  for (guint i = 0; i < library->points->len; i++)
    {
      point = &g_array_index (library->points, RsbTempoPoint, i);
      if (point->track_id == song_id)
        {
          g_assert_cmpfloat (point->bpm, ==, 172);
          g_assert_cmpint (point->step, ==, RSB_STEP_IN);
        }
    }
  g_clear_pointer (&library, rsb_tempo_library_free);

  /* Moved five minutes by a clock offset, the song covers half the run. */
  g_assert_true (rsb_store_set_clock_offset (store, run_id, 300000, &error));
  g_assert_no_error (error);
  library = collect (store);
  for (guint i = 0; i < library->points->len; i++)
    {
      point = &g_array_index (library->points, RsbTempoPoint, i);
      if (point->track_id == song_id)
        g_assert_cmpfloat_with_epsilon (point->moving_s, 300, 2);
    }
}

/* The page's words for its figures, in both units. */
static void
test_format (void)
{
  struct { char *text; const char *expected; } cases[] = {
    { rsb_format_bpm (128.4), "128.4 BPM" },
    { rsb_format_bpm (128.02), "128 BPM" },
    { rsb_format_pace_gain (-0.005, RSB_UNITS_METRIC), "5 s/km slower" },
    { rsb_format_pace_gain (0.010, RSB_UNITS_IMPERIAL), "16 s/mi faster" },
    { rsb_format_speed_gain (0.5, RSB_UNITS_METRIC), "1.8 km/h faster" },
    { rsb_format_speed_gain (-0.5, RSB_UNITS_IMPERIAL), "1.1 mph slower" },
    { rsb_format_tempo_slope (0.01, FALSE, FALSE, RSB_UNITS_METRIC), "+0.04 km/h per BPM" },
    { rsb_format_tempo_slope (-0.012, TRUE, TRUE, RSB_UNITS_METRIC), "−12 s/km from low to high energy" },
    { rsb_format_tempo_slope (NAN, TRUE, FALSE, RSB_UNITS_METRIC), "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].text, ==, cases[i].expected);
      g_free (cases[i].text);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tempo-analysis/gap-factor", test_gap_factor);
  g_test_add_func ("/tempo-analysis/gap-climb-against-flat", test_gap_climb_against_flat);
  g_test_add_func ("/tempo-analysis/movers-and-few", test_movers_and_few);
  g_test_add_func ("/tempo-analysis/fit-known-data", test_fit_known_data);
  g_test_add_func ("/tempo-analysis/fit-over-points", test_fit_over_points);
  g_test_add_func ("/tempo-analysis/filter-and-kept-points", test_filter_and_kept_points);
  g_test_add_func ("/tempo-analysis/format", test_format);
  return g_test_run ();
}
