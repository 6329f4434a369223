/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-test-runs.h"

#define FIRST_DAY_S G_GINT64_CONSTANT (1735714800)   /* 2025-01-01T07:00:00Z */

/* n_points fixes step_s seconds apart from 07:00 on the index-th day,
 * heading north-east over gentle hills, with heart rate when asked. */
static char *
run_text (guint    index,
          guint    n_points,
          guint    step_s,
          gboolean heart_rate)
{
  GString *gpx = g_string_sized_new (n_points * 120);
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (FIRST_DAY_S + index * G_GINT64_CONSTANT (86400));
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

  /* Times are written by hand from the day's date: a GDateTime per fix
   * made writing the files slower than importing them. */
  g_assert_cmpuint (n_points * step_s, <, 17 * 3600);   /* from 07:00, within the day */
  g_string_append_printf (gpx, "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\""
                          " xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">"
                          "<trk><name>Run %u</name><trkseg>\n", index);
  for (guint i = 0; i < n_points; i++)
    {
      guint s = 7 * 3600 + i * step_s;

      g_string_append_printf (gpx, "<trkpt lat=\"%.6f\" lon=\"%.6f\"><ele>%d</ele>"
                              "<time>%sT%02u:%02u:%02uZ</time>",
                              46.0 + i * step_s * 2e-5, 14.0 + index * 1e-3 + i * step_s * 1e-5,
                              300 + (int) (i * step_s % 50), date, s / 3600, s / 60 % 60, s % 60);
      if (heart_rate)
        g_string_append_printf (gpx, "<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%u</gpxtpx:hr>"
                                "</gpxtpx:TrackPointExtension></extensions>", 130 + i * step_s % 30);
      g_string_append (gpx, "</trkpt>\n");
    }
  g_string_append (gpx, "</trkseg></trk></gpx>\n");
  return g_string_free (gpx, FALSE);
}

char *
rsb_test_run_recording (guint    step_s,
                        gboolean heart_rate)
{
  return run_text (RSB_TEST_RECORDING_DAY, RSB_TEST_RECORDING_S / step_s + 1, step_s, heart_rate);
}

void
rsb_test_write_runs (const char *dir,
                     guint       n_files,
                     guint       n_points)
{
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("run-%03u.gpx", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = run_text (i, n_points, 1, FALSE);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }
}
