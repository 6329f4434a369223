/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-types.h"

G_BEGIN_DECLS

/* rsb_gpx_read, rsb_tcx_read and rsb_fit_read all have this shape, so
 * one set of helpers serves the tests of every workout reader. */
typedef gboolean (*RsbTestWorkoutReader) (GInputStream     *stream,
                                          const char       *display_name,
                                          RsbActivityInfo **info,
                                          RsbStreams      **streams,
                                          GCancellable     *cancellable,
                                          GError          **error);

/* What one read gave: either info and streams, or an error. */
typedef struct {
  RsbActivityInfo *info;
  RsbStreams      *streams;
  GError          *error;
} RsbTestWorkout;

void     rsb_test_workout_clear         (RsbTestWorkout       *workout);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RsbTestWorkout, rsb_test_workout_clear)

gboolean rsb_test_workout_read_stream   (RsbTestWorkoutReader  reader,
                                         GInputStream         *stream,
                                         const char           *display_name,
                                         RsbTestWorkout       *workout);
gboolean rsb_test_workout_read_path     (RsbTestWorkoutReader  reader,
                                         const char           *path,
                                         RsbTestWorkout       *workout);
gboolean rsb_test_workout_read_bytes    (RsbTestWorkoutReader  reader,
                                         GBytes               *bytes,
                                         const char           *display_name,
                                         RsbTestWorkout       *workout);
gboolean rsb_test_workout_read_data     (RsbTestWorkoutReader  reader,
                                         const char           *data,
                                         gsize                 length,
                                         const char           *display_name,
                                         RsbTestWorkout       *workout);
gboolean rsb_test_workout_read_text     (RsbTestWorkoutReader  reader,
                                         const char           *text,
                                         const char           *display_name,
                                         RsbTestWorkout       *workout);

void     rsb_test_workout_assert_failed (RsbTestWorkout       *workout,
                                         gboolean              ok,
                                         int                   code,
                                         const char           *display_name);
double   rsb_test_workout_column        (RsbTestWorkout       *workout,
                                         RsbStreamKind         kind,
                                         guint                 index);
double   rsb_test_workout_last          (RsbTestWorkout       *workout,
                                         RsbStreamKind         kind);

/* Cuts data at several points (an interrupted copy): each cut after
 * whole points (ending in point_end_tag, e.g. "</trkpt>") reads them,
 * but for those of the last kilobyte, with a warning naming the file;
 * a cut before any is refused as damaged. */
void     rsb_test_workout_check_cuts    (RsbTestWorkoutReader  reader,
                                         const char           *data,
                                         gsize                 length,
                                         const char           *display_name,
                                         const char           *point_end_tag);

G_END_DECLS
