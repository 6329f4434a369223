/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-analysis.c: see rsb-tempo-analysis.h.
 *
 * Grade-adjusted pace: each moving step's distance is weighted by the
 * effort of running it on its grade (rsb_tempo_gap_factor), so a
 * stretch up a hill counts as the faster flat stretch it felt like. A
 * song's gain compares its stretch with the same workout's average,
 * measured the same way, so easy runs and races, hilly and flat routes
 * do not drown the effect of the song. */
#include "rsb-tempo-analysis.h"

#include <math.h>
#include <string.h>

#include "rsb-geo.h"
#include "rsb-song-stats.h"

/* Grade is measured over at least this much road either side of a
 * step: one second's rise at 1 Hz is mostly altimeter noise. */
#define GRADE_HALF_SPAN_M 15.0
#define GAP_MAX_GRADE 0.45

static void
tempo_track_free (RsbTempoTrack *track)
{
  g_free (track->title);
  g_free (track->artists);
  g_free (track);
}

static void
tempo_activity_free (RsbTempoActivity *activity)
{
  g_free (activity->name);
  g_free (activity);
}

RsbTempoLibrary *
rsb_tempo_library_new (void)
{
  RsbTempoLibrary *library = g_new0 (RsbTempoLibrary, 1);

  library->points = g_array_new (FALSE, FALSE, sizeof (RsbTempoPoint));
  library->sports = g_ptr_array_new_with_free_func (g_free);
  library->tracks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) tempo_track_free);
  library->activities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) tempo_activity_free);
  return library;
}

void
rsb_tempo_library_free (RsbTempoLibrary *library)
{
  if (library == NULL)
    return;
  g_array_unref (library->points);
  g_ptr_array_unref (library->sports);
  g_hash_table_unref (library->tracks);
  g_hash_table_unref (library->activities);
  g_free (library);
}

guint
rsb_tempo_library_sport_index (RsbTempoLibrary *library,
                               const char      *sport)
{
  if (sport == NULL)
    sport = "";
  for (guint i = 0; i < library->sports->len; i++)
    {
      if (strcmp (g_ptr_array_index (library->sports, i), sport) == 0)
        return i;
    }
  g_ptr_array_add (library->sports, g_strdup (sport));
  return library->sports->len - 1;
}

void
rsb_tempo_library_add_track (RsbTempoLibrary *library,
                             gint64           track_id,
                             const char      *title,
                             const char      *artists)
{
  RsbTempoTrack *track;

  if (g_hash_table_contains (library->tracks, &track_id))
    return;
  track = g_new0 (RsbTempoTrack, 1);
  track->title = g_strdup (title);
  track->artists = g_strdup (artists);
  g_hash_table_insert (library->tracks, g_memdup2 (&track_id, sizeof track_id), track);
}

void
rsb_tempo_library_add_activity_name (RsbTempoLibrary *library,
                                     gint64           activity_id,
                                     const char      *name,
                                     gint64           start_ms)
{
  RsbTempoActivity *activity;

  if (g_hash_table_contains (library->activities, &activity_id))
    return;
  activity = g_new0 (RsbTempoActivity, 1);
  activity->name = g_strdup (name);
  activity->start_ms = start_ms;
  g_hash_table_insert (library->activities, g_memdup2 (&activity_id, sizeof activity_id), activity);
}

const RsbTempoTrack *
rsb_tempo_library_track (const RsbTempoLibrary *library,
                         gint64                 track_id)
{
  return g_hash_table_lookup (library->tracks, &track_id);
}

const RsbTempoActivity *
rsb_tempo_library_activity (const RsbTempoLibrary *library,
                            gint64                 activity_id)
{
  return g_hash_table_lookup (library->activities, &activity_id);
}

/* Minetti, Moia, Roi, Susta & Ferretti (2002), "Energy cost of walking
 * and running at extreme uphill and downhill slopes", J Appl Physiol
 * 93: 1039–1046: Cr = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6
 * J/(kg·m), of which 3.6 is the flat. */
double
rsb_tempo_gap_factor (double grade)
{
  double i = CLAMP (grade, -GAP_MAX_GRADE, GAP_MAX_GRADE);
  double cost = ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;

  return cost / 3.6;
}

/* Distance from the start at every point: the recorded distance where
 * there is one, else summed from the positions. */
static double *
cumulative_distance (const RsbStreams *streams)
{
  const double *distance = streams->columns[RSB_STREAM_DISTANCE];
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];
  double *along = g_new0 (double, streams->n_points);

  for (guint i = 1; i < streams->n_points; i++)
    {
      double step = 0;

      if (distance != NULL && !isnan (distance[i]) && !isnan (distance[i - 1]))
        step = distance[i] - distance[i - 1];
      else if (lat != NULL && lon != NULL && !isnan (lat[i]) && !isnan (lat[i - 1]))
        step = rsb_geo_distance_m (lat[i - 1], lon[i - 1], lat[i], lon[i]);
      along[i] = along[i - 1] + MAX (step, 0);
    }
  return along;
}

/* The effort factor of each step i -> i + 1: the grade between the
 * points GRADE_HALF_SPAN_M before and after it. 1 without altitude,
 * and off foot. */
static double *
step_factors (const RsbStreams *streams,
              const double     *along,
              gboolean          on_foot)
{
  const double *altitude = on_foot ? streams->columns[RSB_STREAM_ALTITUDE] : NULL;
  guint n = streams->n_points;
  double *factor = g_new (double, MAX (n, 1));
  guint back = 0, ahead = 0;

  for (guint i = 0; i + 1 < n; i++)
    {
      double run;

      factor[i] = 1.0;
      if (altitude == NULL)
        continue;
      while (back < i && along[i] - along[back + 1] >= GRADE_HALF_SPAN_M)
        back++;
      if (ahead < i + 1)
        ahead = i + 1;
      while (ahead + 1 < n && along[ahead] - along[i + 1] < GRADE_HALF_SPAN_M)
        ahead++;
      run = along[ahead] - along[back];
      if (run > 1.0 && !isnan (altitude[ahead]) && !isnan (altitude[back]))
        factor[i] = rsb_tempo_gap_factor ((altitude[ahead] - altitude[back]) / run);
    }
  return factor;
}

/* Grade-adjusted speed over the moving steps of [first, last]. */
static double
gap_speed (const RsbStreams *streams,
           const double     *along,
           const double     *factor,
           guint             first,
           guint             last)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  double effort_m = 0, moving_s = 0;

  for (guint i = first; i <= last && i + 1 < streams->n_points; i++)
    {
      if (time == NULL || !rsb_interval_is_moving (streams, i + 1))
        continue;
      moving_s += time[i + 1] - time[i];
      effort_m += (along[i + 1] - along[i]) * factor[i];
    }
  return moving_s > 0 && effort_m > 0 ? effort_m / moving_s : NAN;
}

void
rsb_tempo_library_add_activity (RsbTempoLibrary   *library,
                                const RsbActivity *activity)
{
  const RsbStreams *streams = activity->streams;
  guint n = rsb_activity_n_segments (activity);
  g_autofree double *along = NULL;
  g_autofree double *factor = NULL;
  double workout_gap;
  guint sport;

  if (n == 0 || streams->n_points < 2)
    return;
  along = cumulative_distance (streams);
  /* Minetti's model is of running and walking: on a bike, speeds are
   * compared as they are (factors of 1). */
  factor = step_factors (streams, along, rsb_sport_is_on_foot (activity->info));
  workout_gap = gap_speed (streams, along, factor, 0, streams->n_points - 1);
  sport = rsb_tempo_library_sport_index (library, activity->info->sport);
  rsb_tempo_library_add_activity_name (library, activity->info->id, activity->info->name,
                                       activity->info->start_ms);
  for (guint i = 0; i < n; i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);
      const RsbSegment *segment = rsb_activity_segment (activity, i);
      RsbSongStats stats;
      RsbTempoPoint point = { 0 };

      if (play == NULL)
        continue;
      rsb_activity_song_stats (activity, i, &stats);
      rsb_tempo_library_add_track (library, play->track_id, play->track.title, play->track.artists);
      point.activity_id = activity->info->id;
      point.play_id = play->id;
      point.track_id = play->track_id;
      point.activity_start_ms = activity->info->start_ms;
      point.segment = i;
      point.sport = sport;
      point.on_foot = stats.on_foot;
      point.bpm = stats.bpm;
      point.energy = play->track.energy;
      point.cadence = stats.cadence;
      point.moving_s = stats.moving_s;
      point.speed_ms = stats.speed_ms;
      point.gap_speed_ms = gap_speed (streams, along, factor, segment->first_point, segment->last_point);
      point.workout_gap_speed_ms = workout_gap;
      point.step = stats.step;
      g_array_append_val (library->points, point);
    }
}

void
rsb_tempo_fit_compute (const double *x,
                       const double *y,
                       guint         n,
                       RsbTempoFit  *fit)
{
  double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;

  *fit = (RsbTempoFit) { .n = n, .slope = NAN, .intercept = NAN, .r = NAN };
  fit->enough = n >= RSB_TEMPO_FIT_MIN_POINTS;
  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    {
      mx += x[i];
      my += y[i];
    }
  mx /= n;
  my /= n;
  /* Sums of products of deviations: no cancellation on large means. */
  for (guint i = 0; i < n; i++)
    {
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
      sxy += (x[i] - mx) * (y[i] - my);
    }
  if (sxx <= 0)
    return;
  fit->slope = sxy / sxx;
  fit->intercept = my - fit->slope * mx;
  if (syy > 0)
    fit->r = sxy / sqrt (sxx * syy);
}

double
rsb_tempo_point_pace_value (const RsbTempoPoint *point,
                            gboolean             on_foot)
{
  if (!(point->speed_ms > 0) || point->moving_s < RSB_TEMPO_MIN_MOVING_S)
    return NAN;
  return on_foot ? 1.0 / point->speed_ms : point->speed_ms;
}

static gboolean
point_passes (const RsbTempoPoint  *point,
              const RsbTempoFilter *filter)
{
  if (filter == NULL)
    return TRUE;
  if (filter->sport != G_MAXUINT && point->sport != filter->sport)
    return FALSE;
  if (filter->from_ms != RSB_NO_TIME && point->activity_start_ms < filter->from_ms)
    return FALSE;
  if (filter->to_ms != RSB_NO_TIME && point->activity_start_ms >= filter->to_ms)
    return FALSE;
  return TRUE;
}

static void
fit_against (RsbTempoAnalysis *analysis,
             gsize             x_offset,
             RsbTempoFit      *fit)
{
  g_autofree double *x = g_new (double, MAX (analysis->points->len, 1));
  g_autofree double *y = g_new (double, MAX (analysis->points->len, 1));
  guint n = 0;

  for (guint i = 0; i < analysis->points->len; i++)
    {
      const RsbTempoPoint *point = rsb_tempo_analysis_point (analysis, i);
      double xv = G_STRUCT_MEMBER (double, point, x_offset);
      double yv = rsb_tempo_point_pace_value (point, analysis->on_foot);

      if (isnan (xv) || isnan (yv) || point->on_foot != analysis->on_foot)
        continue;
      x[n] = xv;
      y[n] = yv;
      n++;
    }
  rsb_tempo_fit_compute (x, y, n, fit);
}

typedef struct {
  RsbTempoMover mover;
  gint64        last_activity;
} MoverSum;

/* The stretch's gain over its own workout, or FALSE when it cannot be
 * told (too short, no speed). */
static gboolean
stretch_gain (const RsbTempoPoint *point,
              double              *gain,
              double              *pace_gain,
              double              *speed_gain)
{
  double here = point->gap_speed_ms;
  double workout = point->workout_gap_speed_ms;

  if (point->moving_s < RSB_TEMPO_MIN_MOVING_S || !(here > 0) || !(workout > 0))
    return FALSE;
  *gain = here / workout - 1.0;
  *pace_gain = 1.0 / workout - 1.0 / here;
  *speed_gain = here - workout;
  return TRUE;
}

static int
best_first (gconstpointer a,
            gconstpointer b)
{
  const RsbTempoMover *x = a, *y = b;

  if (x->gain != y->gain)
    return x->gain > y->gain ? -1 : 1;
  return x->track_id < y->track_id ? -1 : x->track_id > y->track_id;
}

static void
find_movers (RsbTempoAnalysis *analysis)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer value;

  /* Points of one workout are contiguous: the workout count of a song
   * grows when its last stretch was in another workout. */
  for (guint i = 0; i < analysis->points->len; i++)
    {
      const RsbTempoPoint *point = rsb_tempo_analysis_point (analysis, i);
      double gain, pace_gain, speed_gain;
      MoverSum *sum;

      if (!stretch_gain (point, &gain, &pace_gain, &speed_gain))
        continue;
      sum = g_hash_table_lookup (sums, &point->track_id);
      if (sum == NULL)
        {
          sum = g_new0 (MoverSum, 1);
          sum->mover.track_id = point->track_id;
          sum->last_activity = -1;
          g_hash_table_insert (sums, &sum->mover.track_id, sum);
        }
      if (sum->last_activity != point->activity_id)
        sum->mover.n_workouts++;
      sum->last_activity = point->activity_id;
      sum->mover.n_stretches++;
      sum->mover.gain += gain;
      sum->mover.pace_gain_s_per_m += pace_gain;
      sum->mover.speed_gain_ms += speed_gain;
    }

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      MoverSum *sum = value;
      RsbTempoMover mover = sum->mover;

      mover.gain /= mover.n_stretches;
      mover.pace_gain_s_per_m /= mover.n_stretches;
      mover.speed_gain_ms /= mover.n_stretches;
      if (!(mover.gain > 0))
        continue;
      g_array_append_val (mover.n_workouts >= RSB_TEMPO_MOVER_MIN_WORKOUTS ? analysis->movers : analysis->few,
                          mover);
    }
  g_array_sort (analysis->movers, best_first);
  g_array_sort (analysis->few, best_first);
}

RsbTempoAnalysis *
rsb_tempo_analysis_new (const RsbTempoLibrary *library,
                        const RsbTempoFilter  *filter)
{
  RsbTempoAnalysis *analysis = g_new0 (RsbTempoAnalysis, 1);
  guint n_on_foot = 0;

  analysis->library = library;
  analysis->points = g_array_new (FALSE, FALSE, sizeof (guint));
  analysis->movers = g_array_new (FALSE, FALSE, sizeof (RsbTempoMover));
  analysis->few = g_array_new (FALSE, FALSE, sizeof (RsbTempoMover));
  for (guint i = 0; i < library->points->len; i++)
    {
      const RsbTempoPoint *point = &g_array_index (library->points, RsbTempoPoint, i);

      if (!point_passes (point, filter))
        continue;
      g_array_append_val (analysis->points, i);
      n_on_foot += point->on_foot;
      analysis->n_with_tempo += !isnan (point->bpm);
    }
  analysis->on_foot = n_on_foot * 2 >= analysis->points->len;
  fit_against (analysis, G_STRUCT_OFFSET (RsbTempoPoint, bpm), &analysis->pace_vs_tempo);
  fit_against (analysis, G_STRUCT_OFFSET (RsbTempoPoint, energy), &analysis->pace_vs_energy);
  find_movers (analysis);
  return analysis;
}

void
rsb_tempo_analysis_free (RsbTempoAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_array_unref (analysis->points);
  g_array_unref (analysis->movers);
  g_array_unref (analysis->few);
  g_free (analysis);
}

const RsbTempoPoint *
rsb_tempo_analysis_point (const RsbTempoAnalysis *analysis,
                          guint                   i)
{
  guint index = g_array_index (analysis->points, guint, i);

  return &g_array_index (analysis->library->points, RsbTempoPoint, index);
}
