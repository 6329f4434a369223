/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

typedef struct {
  double lo, hi;
} RsbRange;

/* How a pixel column, or a point when drawing every point, joins the
 * lines: a sparse recording leaves columns without a point, which the
 * lines cross, and only a pause starts them anew. */
typedef enum {
  RSB_PROFILE_COLUMN_EMPTY,    /* no point falls in it */
  RSB_PROFILE_COLUMN_JOINED,   /* its first point follows the previous one's */
  RSB_PROFILE_COLUMN_RESUMED,  /* its first point follows a pause */
} RsbProfileColumnKind;

/* What a profile chart plots, per route point and per pixel column.
 * Columns that the activity did not record are NULL. */
typedef struct {
  const RsbStreams *streams;       /* borrowed */
  guint             n;
  double           *distance;      /* owned */
  const double     *time;          /* borrowed from streams */
  const double     *altitude;
  const double     *heart_rate;
  double           *speed;         /* owned, smoothed m/s */
  gboolean          pace;          /* runs: pace; rides: speed */
  /* owned, smoothed: steps per minute on foot (the per-foot count
   * doubled), rpm on a bike; coasting (0) is a gap, not a dive. */
  double           *cadence;
  double           *x;             /* owned: the axis's value at each point, never decreasing */

  RsbRange          altitude_range;
  RsbRange          speed_range;   /* as rsb_profile_speed_value() gives it */
  RsbRange          heart_rate_range;
  RsbRange          cadence_range;

  /* One value per pixel column, for columns_width. */
  int               columns_width;
  guint8           *column_kind;   /* RsbProfileColumnKind */
  double           *column_altitude;
  double           *column_speed;  /* as rsb_profile_speed_value() gives it */
  double           *column_heart_rate;
  double           *column_cadence;
} RsbProfile;

#define RSB_PROFILE_SMOOTH_RADIUS 12
#define RSB_PROFILE_STOPPED_MPS   0.5

void     rsb_profile_load          (RsbProfile        *profile,
                                    const RsbStreams  *streams,
                                    gboolean           pace);
void     rsb_profile_clear         (RsbProfile        *profile);
gboolean rsb_profile_compute_x     (RsbProfile        *profile,
                                    gboolean           over_time);
gboolean rsb_profile_axis_available (const RsbProfile *profile,
                                    gboolean           over_time);
void     rsb_profile_ensure_columns (RsbProfile       *profile,
                                    int                width);
void     rsb_profile_clear_columns (RsbProfile        *profile);
int      rsb_profile_column_of_point (const RsbProfile *profile,
                                    guint              point,
                                    int                width);
RsbProfileColumnKind rsb_profile_kind_of_point (const RsbProfile *profile,
                                    guint              point);
double   rsb_profile_speed_value   (const RsbProfile  *profile,
                                    double             mps);

double  *rsb_profile_distance      (const RsbStreams  *streams);
void     rsb_profile_smooth        (double            *values,
                                    guint              n,
                                    guint              radius);
/* Widens range so that value shows inside it (a song's beat beside the
 * cadence line), unless value is unknown or absurd. */
void     rsb_profile_range_include  (RsbRange        *range,
                                    double           value);
gboolean rsb_profile_percentile_range (const double   *values,
                                    guint              n,
                                    double             low,
                                    double             high,
                                    double             min_span,
                                    RsbRange          *range);

G_END_DECLS
