/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-profile-chart-private.h: what the chart's own files share.
 *
 * The chart is one widget in two files: rsb-profile-chart.c draws it
 * and keeps its state, rsb-profile-chart-input.c turns the pointer,
 * keys and clicks into hover and selection. Nothing else includes
 * this; the public API is rsb-profile-chart.h. */
#pragma once

#include "rsb-format.h"
#include "rsb-profile-chart.h"
#include "rsb-profile.h"
#include "rsb-tempo.h"

G_BEGIN_DECLS

#define STRIP_HEIGHT     6.0    /* the songs' colours under the plot */
#define STRIP_GAP        3.0

/* A song's beat on the cadence scale, per segment (rsb-profile-chart-beat.c). */
typedef struct {
  double         target;   /* steps/min or rpm; NAN: not drawn */
  RsbStepVerdict step;
} RsbBeatMark;

struct _RsbProfileChart
{
  GtkWidget          parent_instance;

  const RsbActivity *activity;     /* borrowed from the activity view */
  GArray            *colours;      /* GdkRGBA per segment */
  int                selected;
  RsbProfileAxis     axis;
  gboolean           downsample;
  guint              legend_rows;  /* for legend_width; 0: to be laid out */
  double             legend_width;

  RsbProfile         profile;      /* the numbers drawn (src/core/rsb-profile.c) */
  GArray            *beats;        /* RsbBeatMark per segment; NULL without cadence */
  RsbUnits           units;        /* what the labels and readout speak */

  GskRenderNode     *chart_node;   /* everything but the crosshair */
  int                node_width;
  int                node_height;
  int                hover_point;
  gboolean           keyboard_cursor;  /* the crosshair follows keys, not the pointer */
};

/* rsb-profile-chart.c */
double rsb_profile_chart_x_to_pixel           (RsbProfileChart       *self,
                                               const graphene_rect_t *plot,
                                               double                 x);
int    rsb_profile_chart_segment_of_point     (RsbProfileChart       *self,
                                               guint                  point);
void   rsb_profile_chart_emit_segment_clicked (RsbProfileChart       *self,
                                               guint                  segment);
double rsb_profile_chart_value_to_y           (const graphene_rect_t *plot,
                                               const RsbRange        *range,
                                               double                 value,
                                               gboolean               inverted);
void   rsb_profile_chart_segment_x_range      (RsbProfileChart       *self,
                                               const graphene_rect_t *plot,
                                               guint                  segment,
                                               double                *x0,
                                               double                *x1);

/* rsb-profile-chart-beat.c */
void     rsb_profile_chart_load_beats         (RsbProfileChart       *self);
gboolean rsb_profile_chart_has_beats          (RsbProfileChart       *self);
void     rsb_profile_chart_draw_beats         (RsbProfileChart       *self,
                                               cairo_t               *cr,
                                               const graphene_rect_t *plot,
                                               const GdkRGBA         *beat,
                                               const GdkRGBA         *in_step,
                                               const GdkRGBA         *near);

/* rsb-profile-chart-input.c */
void   rsb_profile_chart_add_controllers      (RsbProfileChart       *self);

G_END_DECLS
