/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-test-workout.h"

#include <string.h>

#include "rsb-import-error.h"

void
rsb_test_workout_clear (RsbTestWorkout *workout)
{
  g_clear_pointer (&workout->info, rsb_activity_info_free);
  g_clear_pointer (&workout->streams, rsb_streams_free);
  g_clear_error (&workout->error);
}

gboolean
rsb_test_workout_read_stream (RsbTestWorkoutReader  reader,
                              GInputStream         *stream,
                              const char           *display_name,
                              RsbTestWorkout       *workout)
{
  return reader (stream, display_name, &workout->info, &workout->streams,
                 NULL, &workout->error);
}

gboolean
rsb_test_workout_read_path (RsbTestWorkoutReader  reader,
                            const char           *path,
                            RsbTestWorkout       *workout)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autofree char *name = g_path_get_basename (path);

  g_assert_nonnull (stream);
  return rsb_test_workout_read_stream (reader, G_INPUT_STREAM (stream), name,
                                       workout);
}

gboolean
rsb_test_workout_read_bytes (RsbTestWorkoutReader  reader,
                             GBytes               *bytes,
                             const char           *display_name,
                             RsbTestWorkout       *workout)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

  return rsb_test_workout_read_stream (reader, stream, display_name, workout);
}

gboolean
rsb_test_workout_read_data (RsbTestWorkoutReader  reader,
                            const char           *data,
                            gsize                 length,
                            const char           *display_name,
                            RsbTestWorkout       *workout)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);

  return rsb_test_workout_read_bytes (reader, bytes, display_name, workout);
}

gboolean
rsb_test_workout_read_text (RsbTestWorkoutReader  reader,
                            const char           *text,
                            const char           *display_name,
                            RsbTestWorkout       *workout)
{
  return rsb_test_workout_read_data (reader, text, strlen (text), display_name,
                                     workout);
}

void
rsb_test_workout_assert_failed (RsbTestWorkout *workout,
                                gboolean        ok,
                                int             code,
                                const char     *display_name)
{
  g_assert_false (ok);
  g_assert_error (workout->error, RSB_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (workout->error->message, display_name));
  /* Never half a result. */
  g_assert_null (workout->info);
  g_assert_null (workout->streams);
}

double
rsb_test_workout_column (RsbTestWorkout *workout,
                         RsbStreamKind   kind,
                         guint           index)
{
  g_assert_true (rsb_streams_has (workout->streams, kind));
  g_assert_cmpuint (index, <, workout->streams->n_points);
  return workout->streams->columns[kind][index];
}

double
rsb_test_workout_last (RsbTestWorkout *workout,
                       RsbStreamKind   kind)
{
  return rsb_test_workout_column (workout, kind, workout->streams->n_points - 1);
}

/* Points whose end tag lies within the first length bytes. */
static guint
count_closed (const char *data,
              gsize       length,
              const char *end_tag)
{
  gsize tag_len = strlen (end_tag);
  guint n = 0;

  for (const char *p = data; (p = g_strstr_len (p, data + length - p, end_tag)) != NULL; p += tag_len)
    n++;
  return n;
}

void
rsb_test_workout_check_cuts (RsbTestWorkoutReader  reader,
                             const char           *data,
                             gsize                 length,
                             const char           *display_name,
                             const char           *point_end_tag)
{
  const double fractions[] = { 0.02, 0.25, 0.5, 2.0 / 3.0, 0.9, 0.999 };
  guint n_recovered = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      gsize cut = (gsize) (length * fractions[i]);
      guint expected = count_closed (data, cut, point_end_tag);
      g_auto(RsbTestWorkout) result = { NULL, };
      gboolean ok = rsb_test_workout_read_data (reader, data, cut, display_name, &result);

      g_test_message ("%s cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ": %u whole points, read %u (%s)",
                      display_name, cut, length, expected, ok ? result.streams->n_points : 0,
                      ok ? result.info->recovered : result.error->message);
      if (expected == 0 && !ok)
        {
          rsb_test_workout_assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, display_name);
          continue;
        }
      g_assert_no_error (result.error);
      g_assert_true (ok);
      /* libxml2's reader drops the nodes of the chunk (512 bytes) it
       * fails in: the points of the last kilobyte before the cut may be
       * lost, never more, never a partial one. */
      g_assert_cmpuint (result.streams->n_points, <=, expected);
      g_assert_cmpuint (result.streams->n_points, >=, count_closed (data, cut > 1024 ? cut - 1024 : 0, point_end_tag));
      g_assert_nonnull (result.info->recovered);
      g_assert_nonnull (strstr (result.info->recovered, display_name));
      n_recovered++;
    }
  g_assert_cmpuint (n_recovered, >, 0);
}
