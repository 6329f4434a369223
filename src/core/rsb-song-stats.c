/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-song-stats.c: how the workout went while one song played.
 *
 * A segment owns the steps that leave its points, so the step into the
 * next song counts for this one: that is how the matcher counts moving
 * time, and how end_s and end_m reach the next segment's start.
 */
#include "rsb-song-stats.h"

#include <math.h>
#include <string.h>

#include "rsb-geo.h"

/* With no sport recorded (many GPX files), an average of 12 km/h or
 * faster is read as speed: few runners train faster, and a ride slower
 * than that is still easier to read in km/h than as a pace. */
#define ON_FOOT_MAX_SPEED_MS (12.0 / 3.6)

static const char * const foot_sports[] = {
  "run", "walk", "hike", "mountaineering", "snowshoe",
};

/* Whether a workout is told in pace and steps (on foot) or in speed and
 * revolutions: decided once here, from the sport or else from the
 * average speed, so the card, the chart, its readout and the Songs page
 * never disagree about one workout. Running and walking watches (Strava,
 * Garmin's TrackPointExtension, TCX RunCadence, FIT) count one foot's
 * strides: a step rate is twice that. */
gboolean
rsb_sport_is_on_foot (const RsbActivityInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->sport == NULL)
    return info->moving_s > 0 && info->distance_m / info->moving_s < ON_FOOT_MAX_SPEED_MS;
  for (guint i = 0; i < G_N_ELEMENTS (foot_sports); i++)
    {
      if (strcmp (info->sport, foot_sports[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Gain with hysteresis: a climb counts once it has risen the threshold
 * above the lowest point before it, and then all of it counts; a dip
 * must fall the threshold below the top to end the climb. Points
 * without altitude are passed over; with none at all, the gain is NAN. */
double
rsb_elevation_gain (const double *altitude,
                    guint         first,
                    guint         last)
{
  double gain = 0;
  double reference = NAN;
  gboolean climbing = FALSE;

  for (guint i = first; altitude != NULL && i <= last; i++)
    {
      double alt = altitude[i];

      if (isnan (alt))
        continue;
      if (isnan (reference))
        reference = alt;
      else if (climbing && alt > reference)
        {
          gain += alt - reference;
          reference = alt;
        }
      else if (climbing && reference - alt >= RSB_ELEVATION_HYSTERESIS_M)
        {
          climbing = FALSE;
          reference = alt;
        }
      else if (!climbing && alt < reference)
        reference = alt;
      else if (!climbing && alt - reference >= RSB_ELEVATION_HYSTERESIS_M)
        {
          climbing = TRUE;
          gain += alt - reference;
          reference = alt;
        }
    }
  return isnan (reference) ? NAN : gain;
}

typedef struct {
  double sum;
  double weight;
} Mean;

static void
mean_add (Mean   *mean,
          double  value,
          double  weight)
{
  if (isnan (value))
    return;
  mean->sum += value * weight;
  mean->weight += weight;
}

static double
mean_get (const Mean *mean)
{
  return mean->weight > 0 ? mean->sum / mean->weight : NAN;
}

static double
step_distance (const RsbStreams *streams,
               guint             i)
{
  const double *distance = streams->columns[RSB_STREAM_DISTANCE];
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];

  if (distance != NULL && !isnan (distance[i]) && !isnan (distance[i + 1]))
    return distance[i + 1] - distance[i];
  if (lat != NULL && lon != NULL && !isnan (lat[i]) && !isnan (lat[i + 1]))
    return rsb_geo_distance_m (lat[i], lon[i], lat[i + 1], lon[i + 1]);
  return 0;
}

/* Pace, heart rate and cadence are averaged over the moving steps,
 * each weighted by its duration and taking the value at its start:
 * waiting at a crossing neither slows the pace nor zeroes the cadence.
 * A cadence of 0 while moving is coasting (or a sensor gap) and left
 * out, as cycling computers do. */
static void
measure_moving (RsbSongStats     *stats,
                const RsbStreams *streams,
                const RsbSegment *segment)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  const double *hr = streams->columns[RSB_STREAM_HEART_RATE];
  const double *cadence = streams->columns[RSB_STREAM_CADENCE];
  Mean heart = { 0 }, steps = { 0 };

  for (guint i = segment->first_point; i <= segment->last_point && i + 1 < streams->n_points; i++)
    {
      double dt;

      if (time == NULL || !rsb_interval_is_moving (streams, i + 1))
        continue;
      dt = time[i + 1] - time[i];
      stats->moving_s += dt;
      stats->moving_m += step_distance (streams, i);
      if (hr != NULL)
        mean_add (&heart, hr[i], dt);
      if (cadence != NULL && cadence[i] > 0)
        mean_add (&steps, cadence[i], dt);
    }

  stats->heart_rate = mean_get (&heart);
  stats->cadence = mean_get (&steps) * (stats->on_foot ? 2 : 1);
  if (stats->moving_s > 0 && stats->moving_m > 0)
    {
      stats->speed_ms = stats->moving_m / stats->moving_s;
      stats->pace_s_per_km = 1000.0 / stats->speed_ms;
    }
}

/* play is the segment's play, or NULL for a stretch without music. */
void
rsb_song_stats_compute (const RsbActivityInfo *info,
                        const RsbStreams      *streams,
                        const RsbSegment      *segment,
                        const RsbPlay         *play,
                        RsbSongStats          *stats)
{
  const double *altitude = streams ? streams->columns[RSB_STREAM_ALTITUDE] : NULL;
  guint boundary;

  g_return_if_fail (info != NULL && streams != NULL && segment != NULL && stats != NULL);
  g_return_if_fail (segment->last_point < streams->n_points);

  *stats = (RsbSongStats) {
    .start_s = segment->start_s,
    .end_s = segment->end_s,
    .start_m = segment->start_m,
    .end_m = segment->end_m,
    .has_music = play != NULL,
    .heard_ms = play ? play->ms_played : 0,
    .skipped = play ? play->skipped : FALSE,
    .on_foot = rsb_sport_is_on_foot (info),
    .speed_ms = NAN,
    .pace_s_per_km = NAN,
    .heart_rate = NAN,
    .cadence = NAN,
    .elevation_gain_m = NAN,
    .bpm = play && play->track.bpm_source != RSB_TEMPO_SOURCE_NONE ? play->track.bpm : NAN,
    .bpm_source = play ? play->track.bpm_source : RSB_TEMPO_SOURCE_NONE,
  };
  measure_moving (stats, streams, segment);
  stats->step = rsb_tempo_step_verdict (stats->bpm, stats->cadence, &stats->step_ratio);

  boundary = MIN (segment->last_point + 1, streams->n_points - 1);
  stats->elevation_gain_m = rsb_elevation_gain (altitude, segment->first_point, boundary);
}

void
rsb_activity_song_stats (const RsbActivity *activity,
                         guint              segment,
                         RsbSongStats      *stats)
{
  g_return_if_fail (activity != NULL);
  g_return_if_fail (segment < rsb_activity_n_segments (activity));

  rsb_song_stats_compute (activity->info, activity->streams,
                          rsb_activity_segment (activity, segment),
                          rsb_activity_segment_play (activity, segment),
                          stats);
}

void
rsb_activity_step_summary (const RsbActivity *activity,
                           RsbStepSummary    *summary)
{
  *summary = (RsbStepSummary) { 0 };
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      RsbSongStats stats;

      rsb_activity_song_stats (activity, i, &stats);
      if (isnan (stats.moving_s))
        continue;
      summary->moving_s += stats.moving_s;
      if (stats.step == RSB_STEP_UNKNOWN)
        continue;
      summary->compared_s += stats.moving_s;
      if (stats.step == RSB_STEP_IN)
        summary->in_step_s += stats.moving_s;
      if (stats.step >= RSB_STEP_NEAR)
        summary->near_s += stats.moving_s;
    }
}
