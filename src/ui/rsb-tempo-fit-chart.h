/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-tempo-analysis.h"

G_BEGIN_DECLS

/* Pace (speed for rides) of every song segment against the song's
 * tempo or energy, with the least-squares line. */
#define RSB_TYPE_TEMPO_FIT_CHART (rsb_tempo_fit_chart_get_type ())
G_DECLARE_FINAL_TYPE (RsbTempoFitChart, rsb_tempo_fit_chart, RSB, TEMPO_FIT_CHART, GtkWidget)

GtkWidget *rsb_tempo_fit_chart_new      (gboolean                by_energy);
/* analysis must outlive its use here; NULL empties the chart. */
void       rsb_tempo_fit_chart_set_analysis (RsbTempoFitChart       *self,
                                             const RsbTempoAnalysis *analysis);
/* "Slope −0.8 s/km per BPM, r = 0.31, n = 412", or why there is none. */
char      *rsb_tempo_fit_chart_describe (const RsbTempoAnalysis *analysis,
                                         gboolean                by_energy);

G_END_DECLS
