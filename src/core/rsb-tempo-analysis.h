/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-analysis.h: did the music move me? Every song segment of
 * the library as a point (tempo, cadence, pace, grade-adjusted pace),
 * least-squares fits of pace against tempo and energy, and the songs
 * whose stretches ran faster than their own workouts. Pure logic;
 * rsb-tempo-collect.h reads the points the store keeps, so that a large
 * library opens without reading every route again. */
#pragma once

#include <gio/gio.h>

#include "rsb-activity.h"
#include "rsb-tempo.h"

G_BEGIN_DECLS

/* Under this many points a fit says "not enough data". */
#define RSB_TEMPO_FIT_MIN_POINTS 20
/* A song heard in fewer workouts is listed apart: one good day is not
 * a habit. */
#define RSB_TEMPO_MOVER_MIN_WORKOUTS 3
/* Shorter moving stretches (a skipped song) say little about pace. */
#define RSB_TEMPO_MIN_MOVING_S 30.0

/* One song segment of one workout. Speeds are m/s over the moving
 * time; NAN where unknown. */
typedef struct {
  gint64         activity_id;
  gint64         play_id;
  gint64         track_id;
  gint64         activity_start_ms;
  guint          segment;
  guint          sport;            /* index into RsbTempoLibrary.sports */
  gboolean       on_foot;
  double         bpm;              /* NAN without a tempo */
  double         energy;           /* 0..1, NAN unknown */
  double         cadence;          /* steps/min on foot, rpm on a bike */
  double         moving_s;
  double         speed_ms;
  double         gap_speed_ms;     /* grade-adjusted: the flat speed of the same effort */
  double         workout_gap_speed_ms; /* the whole workout's, measured the same way */
  RsbStepVerdict step;
} RsbTempoPoint;

/* Names the points refer to, shared by all of them. */
typedef struct {
  char *title;
  char *artists;
} RsbTempoTrack;

typedef struct {
  char  *name;
  gint64 start_ms;
} RsbTempoActivity;

/* Every point of a library, whatever the filter. */
typedef struct {
  GArray     *points;      /* RsbTempoPoint */
  GPtrArray  *sports;      /* char *, "" for workouts without a sport */
  GHashTable *tracks;      /* gint64 * track id -> RsbTempoTrack */
  GHashTable *activities;  /* gint64 * activity id -> RsbTempoActivity */
} RsbTempoLibrary;

RsbTempoLibrary *rsb_tempo_library_new          (void);
void             rsb_tempo_library_free         (RsbTempoLibrary   *library);
guint            rsb_tempo_library_sport_index  (RsbTempoLibrary   *library,
                                                 const char        *sport);
void             rsb_tempo_library_add_track    (RsbTempoLibrary   *library,
                                                 gint64             track_id,
                                                 const char        *title,
                                                 const char        *artists);
void             rsb_tempo_library_add_activity_name (RsbTempoLibrary *library,
                                                 gint64             activity_id,
                                                 const char        *name,
                                                 gint64             start_ms);
/* Appends the song segments of one matched workout, with their tempo
 * and energy from the plays' tracks. */
void             rsb_tempo_library_add_activity (RsbTempoLibrary   *library,
                                                 const RsbActivity *activity);
const RsbTempoTrack    *rsb_tempo_library_track    (const RsbTempoLibrary *library,
                                                    gint64                 track_id);
const RsbTempoActivity *rsb_tempo_library_activity (const RsbTempoLibrary *library,
                                                    gint64                 activity_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbTempoLibrary, rsb_tempo_library_free)

/* The effort of running on grade (rise over run) relative to the flat:
 * Minetti et al. (2002)'s energy cost of running, divided by its flat
 * value. Grades beyond ±45 % (where the model was measured) are
 * clamped. */
double           rsb_tempo_gap_factor           (double             grade);

/* y = intercept + slope × x by least squares, and Pearson's r. */
typedef struct {
  guint    n;
  gboolean enough;       /* n >= RSB_TEMPO_FIT_MIN_POINTS */
  double   slope;
  double   intercept;
  double   r;            /* NAN when x or y does not vary */
} RsbTempoFit;

void             rsb_tempo_fit_compute          (const double      *x,
                                                 const double      *y,
                                                 guint              n,
                                                 RsbTempoFit       *fit);

/* Which workouts to look at. sport G_MAXUINT for all of them; from_ms
 * and to_ms bound the workouts' start (RSB_NO_TIME: open). */
typedef struct {
  guint  sport;
  gint64 from_ms;
  gint64 to_ms;
} RsbTempoFilter;

/* A song over the workouts it was heard in. gain is how much faster
 * its stretches ran than their own workouts, grade-adjusted: relative
 * (0.03 = 3 % faster), and in pace (seconds per metre sooner) or, on a
 * bike, speed (m/s faster), each the mean over its stretches. */
typedef struct {
  gint64  track_id;
  double  gain;
  double  pace_gain_s_per_m;
  double  speed_gain_ms;
  guint   n_workouts;
  guint   n_stretches;
} RsbTempoMover;

typedef struct {
  const RsbTempoLibrary *library;
  GArray      *points;            /* guint: indices of the filtered points */
  gboolean     on_foot;           /* most of the points: pace, else speed */
  RsbTempoFit  pace_vs_tempo;     /* y: pace s/m on foot, speed m/s on a bike */
  RsbTempoFit  pace_vs_energy;
  GArray      *movers;            /* RsbTempoMover, heard in 3 workouts or more, best first */
  GArray      *few;               /* RsbTempoMover, heard in fewer, best first */
  guint        n_with_tempo;      /* of the filtered points, those with a tempo */
} RsbTempoAnalysis;

/* library must outlive the analysis. */
RsbTempoAnalysis *rsb_tempo_analysis_new        (const RsbTempoLibrary *library,
                                                 const RsbTempoFilter  *filter);
void              rsb_tempo_analysis_free       (RsbTempoAnalysis      *analysis);
const RsbTempoPoint *rsb_tempo_analysis_point   (const RsbTempoAnalysis *analysis,
                                                 guint                   i);
/* A point's y in the pace charts: pace in s/m on foot, else speed m/s. */
double            rsb_tempo_point_pace_value    (const RsbTempoPoint   *point,
                                                 gboolean               on_foot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbTempoAnalysis, rsb_tempo_analysis_free)

G_END_DECLS
