/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-export.h: a generated Strava bulk export, the zip that "Download
 * your data" sends: activities.csv and activities/<id>.{fit,gpx,tcx}.gz.
 * Deterministic from a seed, like the other generated inputs. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  guint    n_activities;  /* rows of activities.csv, manual entries included */
  guint    manual_every;  /* every n-th row was entered by hand (no file); 0: none */
  guint    mean_points;   /* 1 Hz points per recorded activity, on average */
  guint32  seed;
} RsbBenchExport;

typedef struct {
  guint    n_files;       /* activities with a route file */
  guint    n_manual;
  guint64  n_points;      /* in all route files together */
  guint64  zip_bytes;
} RsbBenchExportStats;

gboolean rsb_bench_write_export (const char            *zip_path,
                                 const RsbBenchExport  *spec,
                                 RsbBenchExportStats   *stats,
                                 GError               **error);

G_END_DECLS
