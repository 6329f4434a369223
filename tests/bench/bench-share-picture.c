/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-share-picture.c: rendering the picture to share of the long
 * benchmark workout (36,000 points, 150 songs) at 1080x1350, tiles
 * absent, and encoding it to PNG, as Save Picture… does.
 *
 * Baseline in the same run: encoding an untouched image of the same
 * size to PNG, the part of the work no drawing can save.
 * Target: median <= 1 s. No display needed. */
#include "config.h"

#include <stdlib.h>

#include "bench-common.h"
#include "bench-route-library.h"
#include "rsb-activity.h"
#include "rsb-share-picture.h"

#define BENCH "share_picture"
#define DEFAULT_RUNS 7
#define TARGET_S 1.0

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GArray) pictures = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) blanks = g_array_new (FALSE, FALSE, sizeof (double));
  RsbSharePictureOptions options = {
    .width = RSB_SHARE_PICTURE_WIDTH, .height = RSB_SHARE_PICTURE_HEIGHT,
    .privacy_m = 200, .units = RSB_UNITS_METRIC, .tiles_dir = NULL,
  };
  guint runs = rsb_bench_repetitions (DEFAULT_RUNS);
  gsize png_bytes = 0, blank_bytes = 0;
  double median;
  gboolean pass;
  gint64 id;

  id = rsb_bench_route_library (BENCH, scratch, &store);
  if ((activity = rsb_activity_load (store, id, &error)) == NULL)
    rsb_bench_fail (BENCH, "loading the activity", error);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_surface_t *surface = rsb_share_picture_render (activity, &options);

      png_bytes = 0;
      cairo_surface_write_to_png_stream (surface, discard, &png_bytes);
      rsb_bench_add_sample (pictures, rsb_bench_seconds_since (start));
      cairo_surface_destroy (surface);

      start = g_get_monotonic_time ();
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, options.width, options.height);
      blank_bytes = 0;
      cairo_surface_write_to_png_stream (surface, discard, &blank_bytes);
      rsb_bench_add_sample (blanks, rsb_bench_seconds_since (start));
      cairo_surface_destroy (surface);
    }
  median = rsb_bench_median (pictures);
  pass = median <= TARGET_S;
  g_print ("bench=%s median_s=%.4f baseline=blank_png median_s=%.4f ratio=%.2f target=<=%.1f pass=%s"
           " png_bytes=%" G_GSIZE_FORMAT " blank_png_bytes=%" G_GSIZE_FORMAT
           " points=%u segments=%u size=%dx%d runs=%u\n",
           BENCH, median, rsb_bench_median (blanks), median / rsb_bench_median (blanks), TARGET_S,
           pass ? "yes" : "no", png_bytes, blank_bytes,
           activity->streams->n_points, rsb_activity_n_segments (activity),
           options.width, options.height, runs);
  g_clear_object (&store);
  rsb_bench_remove_tree (scratch);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
