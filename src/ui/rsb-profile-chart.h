/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

typedef enum {
  RSB_PROFILE_AXIS_DISTANCE,
  RSB_PROFILE_AXIS_TIME,
} RsbProfileAxis;

/* What the chart says about one point of the route. Values the activity
 * did not record are NAN; segment is -1 for "no music". */
typedef struct {
  guint   point;
  int     segment;
  double  distance_m;
  double  time_s;
  double  altitude_m;
  double  speed_mps;
  double  heart_rate;
  double  cadence;      /* steps/min on foot, rpm on a bike */
} RsbProfileReadout;

#define RSB_TYPE_PROFILE_CHART (rsb_profile_chart_get_type ())
G_DECLARE_FINAL_TYPE (RsbProfileChart, rsb_profile_chart, RSB, PROFILE_CHART, GtkWidget)

GtkWidget     *rsb_profile_chart_new          (void);
void           rsb_profile_chart_set_activity (RsbProfileChart   *self,
                                               const RsbActivity *activity,
                                               GArray            *colours);
gboolean       rsb_profile_chart_has_profile  (RsbProfileChart   *self);
void           rsb_profile_chart_select       (RsbProfileChart   *self,
                                               int                segment);
void           rsb_profile_chart_set_axis     (RsbProfileChart   *self,
                                               RsbProfileAxis     axis);
RsbProfileAxis rsb_profile_chart_get_axis     (RsbProfileChart   *self);
gboolean       rsb_profile_chart_axis_available (RsbProfileChart *self,
                                               RsbProfileAxis     axis);
gboolean       rsb_profile_chart_shows_pace   (RsbProfileChart   *self);

/* Widget geometry, for pointer, keyboard and tests. */
void           rsb_profile_chart_get_plot_area (RsbProfileChart  *self,
                                               graphene_rect_t   *area);
int            rsb_profile_chart_point_at     (RsbProfileChart   *self,
                                               double             x);
gboolean       rsb_profile_chart_x_for_point  (RsbProfileChart   *self,
                                               guint              point,
                                               double            *x);
int            rsb_profile_chart_segment_at   (RsbProfileChart   *self,
                                               double             x);

/* The crosshair: at a route point, or hidden with -1. */
void           rsb_profile_chart_hover_point  (RsbProfileChart   *self,
                                               int                point);
int            rsb_profile_chart_get_hover_point (RsbProfileChart *self);
gboolean       rsb_profile_chart_get_readout  (RsbProfileChart   *self,
                                               RsbProfileReadout *readout);
char          *rsb_profile_chart_get_readout_text (RsbProfileChart *self);

/* For benchmarks: draw every point rather than one per pixel column,
 * and forget the drawn chart so the next frame draws it afresh. */
void           rsb_profile_chart_set_downsample (RsbProfileChart *self,
                                               gboolean           downsample);
void           rsb_profile_chart_invalidate   (RsbProfileChart   *self);

G_END_DECLS
