/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes run-000.gpx … into dir: one run a day from 2025-01-01 07:00Z,
 * n_points fixes a second apart, each file a distinct activity. Big
 * enough imports to stop or kill part-way. */
void rsb_test_write_runs (const char *dir,
                          guint       n_files,
                          guint       n_points);

/* One workout recorded two ways, for the tests of which recording the
 * library keeps: RSB_TEST_RECORDING_S seconds from 07:00 on day
 * RSB_TEST_RECORDING_DAY (the start never depends on the options), a
 * fix every step_s seconds, with heart rate when asked. GPX text. */
#define RSB_TEST_RECORDING_DAY 400
#define RSB_TEST_RECORDING_S   600
char *rsb_test_run_recording (guint       step_s,
                              gboolean    heart_rate);

G_END_DECLS
