/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RSB_TYPE_COVERAGE_BAR (rsb_coverage_bar_get_type ())
G_DECLARE_FINAL_TYPE (RsbCoverageBar, rsb_coverage_bar, RSB, COVERAGE_BAR, GtkWidget)

/* fraction: 0..1 of the workout with music. */
void rsb_coverage_bar_set_fraction (RsbCoverageBar *self,
                                    double          fraction);

G_END_DECLS
