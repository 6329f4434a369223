#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes run-000.gpx … into dir: one run a day from 2025-01-01 07:00Z,
 * n_points fixes a second apart, each file a distinct activity. Big
 * enough imports to stop or kill part-way. */
void rsb_test_write_runs (const char *dir,
                          guint       n_files,
                          guint       n_points);

G_END_DECLS
