/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-share-video.c: rendering the video to share of the long
 * benchmark workout (36,000 points, 150 songs), 30 s at 1080x1920 and
 * 30 fps, tiles absent, drawn and encoded to WebM as Save Video… does.
 *
 * Baseline in the same run: drawing the same frames without encoding
 * them, so the report splits the time between drawing and encoding.
 * Targets: the whole render <= 30 s, peak memory (VmHWM, counted from
 * after the workout is loaded) <= 300 MB. No display needed. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "bench-route-library.h"
#include "rsb-activity.h"
#include "rsb-share-video.h"

#define BENCH "share_video"
#define DEFAULT_RUNS 1
#define TARGET_S 30.0
#define TARGET_MB 300.0

/* CPU seconds of every thread so far: the machine's other load does not
 * count, so it compares settings better than the wall time. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
draw_only (RsbShareVideo *video,
           int            width,
           int            height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  gint64 start = g_get_monotonic_time ();
  double seconds;

  for (guint frame = 0; frame < rsb_share_video_n_frames (video); frame++)
    rsb_share_video_draw_frame (video, frame, surface);
  seconds = rsb_bench_seconds_since (start);
  cairo_surface_destroy (surface);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autofree char *path = g_build_filename (scratch, "bench.webm", NULL);
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GArray) renders = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  RsbSharePictureOptions options = {
    .width = RSB_SHARE_VIDEO_WIDTH, .height = RSB_SHARE_VIDEO_HEIGHT,
    .privacy_m = 200, .units = RSB_UNITS_METRIC, .tiles_dir = NULL,
  };
  guint runs = rsb_bench_repetitions (DEFAULT_RUNS);
  guint n_frames = 0;
  double median, peak_mb = 0;
  goffset bytes = 0;
  gboolean pass;
  gint64 id;

  id = rsb_bench_route_library (BENCH, scratch, &store);
  if ((activity = rsb_activity_load (store, id, &error)) == NULL)
    rsb_bench_fail (BENCH, "loading the activity", error);
  g_clear_object (&store);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(RsbShareVideo) video = NULL;
      GStatBuf info;
      gint64 start;
      double cpu;

      rsb_bench_reset_peak ();
      start = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      video = rsb_share_video_new (activity, &options, 30, &error);
      if (video == NULL || !rsb_share_video_save (video, path, NULL, NULL, NULL, &error))
        rsb_bench_fail (BENCH, "rendering the video", error);
      rsb_bench_add_sample (renders, rsb_bench_seconds_since (start));
      rsb_bench_add_sample (cpus, cpu_seconds () - cpu);
      peak_mb = MAX (peak_mb, rsb_bench_resident_mb (0, "VmHWM"));
      n_frames = rsb_share_video_n_frames (video);
      if (g_stat (path, &info) == 0)
        bytes = info.st_size;
      g_clear_pointer (&video, rsb_share_video_free);

      video = rsb_share_video_new (activity, &options, 30, &error);
      rsb_bench_add_sample (draws, draw_only (video, options.width, options.height));
    }
  median = rsb_bench_median (renders);
  pass = median <= TARGET_S && peak_mb <= TARGET_MB;
  g_print ("bench=%s median_s=%.2f fps=%.1f baseline=draw_only median_s=%.2f draw_fps=%.1f ratio=%.2f"
           " cpu_s=%.2f peak_mb=%.0f target=<=%.0fs,<=%.0fMB pass=%s webm_bytes=%" G_GOFFSET_FORMAT
           " frames=%u points=%u segments=%u size=%dx%d runs=%u\n",
           BENCH, median, n_frames / median, rsb_bench_median (draws), n_frames / rsb_bench_median (draws),
           median / rsb_bench_median (draws), rsb_bench_median (cpus), peak_mb, TARGET_S, TARGET_MB, rsb_bench_yes_no (pass), bytes,
           n_frames, activity->streams->n_points, rsb_activity_n_segments (activity),
           options.width, options.height, runs);
  rsb_bench_remove_tree (scratch);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
