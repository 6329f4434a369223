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

G_BEGIN_DECLS

#define STRIP_HEIGHT     6.0    /* the songs' colours under the plot */
#define STRIP_GAP        3.0

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

/* rsb-profile-chart-input.c */
void   rsb_profile_chart_add_controllers      (RsbProfileChart       *self);

G_END_DECLS
