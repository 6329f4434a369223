/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-activity.h"

G_BEGIN_DECLS

/* A rise smaller than this, between a low and the following high, is
 * taken for GPS or barometer noise and not counted as climbing. */
#define RSB_ELEVATION_HYSTERESIS_M 2.0

/* How the workout went while one song played: what the song card shows
 * and the segment exports write. Values that cannot be told (no heart
 * rate sensor, no moving time...) are NAN. */
typedef struct {
  double   start_s;           /* into the workout */
  double   end_s;
  double   start_m;           /* from the start of the route */
  double   end_m;
  gboolean has_music;
  gint64   heard_ms;          /* how long the play lasted; 0 without music */
  gboolean skipped;
  gboolean on_foot;           /* pace and steps per minute, else speed and rpm */
  double   moving_s;
  double   moving_m;
  double   speed_ms;          /* moving distance over moving time */
  double   pace_s_per_km;     /* the same, the way runners read it */
  double   heart_rate;        /* beats per minute, time-weighted */
  double   cadence;           /* steps per minute on foot, rpm on a bike */
  double   elevation_gain_m;
  double          bpm;        /* the track's tempo, NAN when the library has none */
  RsbTempoSource  bpm_source;
  /* The cadence against the tempo (rsb_tempo_step_verdict), and the
   * multiple of the BPM it was compared with (½, 1, 2; 0 unknown). */
  RsbStepVerdict  step;
  double          step_ratio;
} RsbSongStats;

gboolean rsb_sport_is_on_foot    (const RsbActivityInfo *info);
void     rsb_song_stats_compute  (const RsbActivityInfo *info,
                                  const RsbStreams      *streams,
                                  const RsbSegment      *segment,
                                  const RsbPlay         *play,
                                  RsbSongStats          *stats);
void     rsb_activity_song_stats (const RsbActivity     *activity,
                                  guint                  segment,
                                  RsbSongStats          *stats);
double   rsb_elevation_gain      (const double          *altitude,
                                  guint                  first,
                                  guint                  last);

/* How much of a workout was in step with its music: moving time of
 * the stretches whose cadence was within 3 % (in_step_s) or 6 %
 * (near_s, in step included) of their song's beat, of those where both
 * tempo and cadence are known (compared_s), of all (moving_s). */
typedef struct {
  double in_step_s;
  double near_s;
  double compared_s;
  double moving_s;
} RsbStepSummary;

void     rsb_activity_step_summary (const RsbActivity   *activity,
                                    RsbStepSummary      *summary);

G_END_DECLS
