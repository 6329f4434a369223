/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-route-library.h: the long workout the drawing benchmarks open,
 * and timing of one widget's frame with the window's renderer. */
#pragma once

#include <gtk/gtk.h>

#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_BENCH_ROUTE_POINTS 36000
#define RSB_BENCH_ROUTE_SONGS  150

/* A library at scratch/library/library.db holding one 10-hour run at
 * 1 Hz heard through 150 songs; returns the run's id. */
gint64    rsb_bench_route_library (const char   *bench,
                                   const char   *scratch,
                                   RsbStore    **store);

/* Presents window and iterates the main loop until widget is laid out
 * and painted. */
void      rsb_bench_show          (const char   *bench,
                                   GtkWindow    *window,
                                   GtkWidget    *widget);

/* Seconds to snapshot widget and render the result with the window's
 * renderer, as one frame of it costs. */
double    rsb_bench_frame         (GtkWidget    *widget);
/* Of the last frame, the part spent before rendering. */
extern double rsb_bench_last_snapshot_s;

G_END_DECLS
