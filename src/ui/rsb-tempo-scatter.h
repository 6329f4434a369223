/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-tempo-analysis.h"

G_BEGIN_DECLS

/* Every song segment as a dot: x the song's tempo, y the runner's
 * cadence, over the lines where cadence is ½×, 1× and 2× the tempo
 * (shaded where in step). Points are the analysis' point indices;
 * -1 is none. */
#define RSB_TYPE_TEMPO_SCATTER (rsb_tempo_scatter_get_type ())
G_DECLARE_FINAL_TYPE (RsbTempoScatter, rsb_tempo_scatter, RSB, TEMPO_SCATTER, GtkWidget)

GtkWidget *rsb_tempo_scatter_new            (void);
/* analysis must outlive its use here; NULL empties the chart. */
void       rsb_tempo_scatter_set_analysis   (RsbTempoScatter        *self,
                                             const RsbTempoAnalysis *analysis);
/* Points drawn: song segments with both a tempo and a cadence. */
guint      rsb_tempo_scatter_get_n_points   (RsbTempoScatter        *self);
int        rsb_tempo_scatter_get_hovered    (RsbTempoScatter        *self);
int        rsb_tempo_scatter_get_selected   (RsbTempoScatter        *self);
void       rsb_tempo_scatter_set_selected   (RsbTempoScatter        *self,
                                             int                     point);
/* Where a point is drawn, in widget coordinates; FALSE when not drawn. */
gboolean   rsb_tempo_scatter_point_position (RsbTempoScatter        *self,
                                             int                     point,
                                             double                 *x,
                                             double                 *y);
/* "Song — Artist · Workout · 172 BPM · 170 spm · in step" */
char      *rsb_tempo_scatter_describe       (const RsbTempoAnalysis *analysis,
                                             int                     point);
/* The dots are drawn into an image once and kept; this forgets it, so
 * that the next frame draws them afresh (the benchmark's frame). */
void       rsb_tempo_scatter_forget_image   (RsbTempoScatter        *self);
/* The benchmark's baseline: each dot drawn as a vector circle, every
 * frame, instead of the kept image. */
void       rsb_tempo_scatter_set_vector_dots (RsbTempoScatter       *self,
                                             gboolean                vector);

G_END_DECLS
