/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-share-picture.c: the picture to share, rendered without a
 * display from the sample run: its size, the songs' colours on the
 * route, the start left out for privacy, and cached tiles under it. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "rsb-geo.h"
#include "rsb-import-job.h"
#include "rsb-palette.h"
#include "rsb-privacy.h"
#include "rsb-share-picture.h"
#include "rsb-test-dir.h"
#include "rsb-tile-source.h"

#define BACKGROUND 0xe8e4dc
#define FAKE_TILE  0xff00ff

static char        *dir;
static RsbActivity *activity;

static void
import_sample (void)
{
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (files, g_file_new_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "Streaming_History_Audio_Sample.json", NULL));
  g_ptr_array_add (files, g_file_new_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL));
  job = rsb_import_job_new (library, (GFile **) files->pdata, files->len);
  g_assert_true (rsb_import_job_run (job, NULL, &error));
  g_assert_no_error (error);
  store = rsb_store_open (library, &error);
  g_assert_no_error (error);
  activities = rsb_store_list_activities (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 1);
  activity = rsb_activity_load (store, ((RsbActivityInfo *) activities->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activity->match->n_songs, >, 1);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);

  return ((const guint32 *) row)[x] & 0xffffff;
}

static guint
count_colour (cairo_surface_t *surface,
              guint32          rgb,
              int              height)
{
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += pixel (surface, x, y) == rgb;
  return n;
}

static guint32
to_rgb (const GdkRGBA *colour)
{
  return ((guint32) lround (colour->red * 255) << 16) | ((guint32) lround (colour->green * 255) << 8) |
         (guint32) lround (colour->blue * 255);
}

static RsbSharePictureOptions *
options_new (double privacy_m)
{
  RsbSharePictureOptions *options = g_new0 (RsbSharePictureOptions, 1);

  options->width = RSB_SHARE_PICTURE_WIDTH;
  options->height = RSB_SHARE_PICTURE_HEIGHT;
  options->privacy_m = privacy_m;
  options->units = RSB_UNITS_METRIC;
  return options;
}

/* Each song stretch that lies wholly in the kept route shows in its
 * own colour; the picture is the size asked for. */
static void
test_song_colours (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (200);
  g_autoptr(GArray) colours = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);
  cairo_surface_t *surface = rsb_share_picture_render (activity, options);
  guint first, last, checked = 0;

  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1080);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1350);
  g_assert_true (rsb_privacy_trim (activity->streams, 200, &first, &last));
  for (guint s = 0; s < rsb_activity_n_segments (activity); s++)
    {
      const RsbSegment *segment = rsb_activity_segment (activity, s);

      if (!rsb_segment_has_music (segment) || segment->first_point < first || segment->last_point > last ||
          segment->last_point - segment->first_point < 20)
        continue;
      g_assert_cmpuint (count_colour (surface, to_rgb (&g_array_index (colours, GdkRGBA, s)), 700), >, 50);
      checked++;
    }
  g_assert_cmpuint (checked, >, 3);
  cairo_surface_destroy (surface);
}

/* With 200 m left out the start is bare map; with 0 m the route is there. */
static void
test_start_left_out (void)
{
  g_autoptr(RsbSharePictureOptions) hidden = options_new (200);
  g_autoptr(RsbSharePictureOptions) shown = options_new (0);
  cairo_surface_t *surface;
  double x, y;

  g_assert_true (rsb_share_picture_project (activity, hidden, 0, &x, &y));
  surface = rsb_share_picture_render (activity, hidden);
  for (int dy = -6; dy <= 6; dy++)
    for (int dx = -6; dx <= 6; dx++)
      g_assert_cmphex (pixel (surface, (int) x + dx, (int) y + dy), ==, BACKGROUND);
  cairo_surface_destroy (surface);

  g_assert_true (rsb_share_picture_project (activity, shown, 0, &x, &y));
  surface = rsb_share_picture_render (activity, shown);
  g_assert_cmphex (pixel (surface, (int) round (x), (int) round (y)), !=, BACKGROUND);
  cairo_surface_destroy (surface);
}

/* A route no longer than what privacy leaves out: no route, no tiles. */
static void
test_all_left_out (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (RSB_PRIVACY_MAX_M);
  g_autoptr(GArray) colours = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);
  g_autoptr(RsbStreams) saved = activity->streams;
  cairo_surface_t *surface;
  double x, y;

  /* The first 1,500 m of the sample as a route of its own. */
  activity->streams = rsb_streams_new (0);
  for (guint i = 0; i < saved->n_points && saved->columns[RSB_STREAM_DISTANCE][i] < 1500; i++)
    activity->streams->n_points = i + 1;
  for (int k = 0; k < RSB_N_STREAMS; k++)
    activity->streams->columns[k] = saved->columns[k] != NULL ? g_memdup2 (saved->columns[k], sizeof (double) * activity->streams->n_points) : NULL;
  g_assert_false (rsb_share_picture_project (activity, options, 0, &x, &y));
  surface = rsb_share_picture_render (activity, options);
  g_assert_cmpuint (count_colour (surface, to_rgb (&g_array_index (colours, GdkRGBA, 0)), 700), ==, 0);
  g_assert_cmpuint (count_colour (surface, BACKGROUND, 700), >, 600000);
  cairo_surface_destroy (surface);
  rsb_streams_free (activity->streams);
  activity->streams = g_steal_pointer (&saved);
}

/* One magenta tile in the user's tile cache at every zoom level, where
 * the middle of the route is: the picture draws it, and never asks the
 * network for the others. */
static void
test_cached_tile (void)
{
  g_autoptr(RsbSharePictureOptions) options = rsb_share_picture_options_new_default ();
  guint middle = activity->streams->n_points / 2;
  double mx, my;
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (tile);
  cairo_surface_t *surface;
  g_autofree char *expected = NULL;
  g_autofree char *key = rsb_tile_source_cache_key (rsb_tile_source_get_url_template (rsb_tile_source_get_default ()));

  expected = g_build_filename (g_get_user_cache_dir (), "run-sous-bpm", "tiles", key, NULL);
  g_assert_cmpstr (options->tiles_dir, ==, expected);
  options->privacy_m = 200;
  options->units = RSB_UNITS_METRIC;

  surface = rsb_share_picture_render (activity, options);
  g_assert_cmpuint (count_colour (surface, FAKE_TILE, 700), ==, 0);
  cairo_surface_destroy (surface);

  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  rsb_geo_mercator (activity->streams->columns[RSB_STREAM_LAT][middle],
                    activity->streams->columns[RSB_STREAM_LON][middle], &mx, &my);
  for (int z = 0; z <= 18; z++)
    {
      int n = 1 << z;
      g_autofree char *zs = g_strdup_printf ("%d", z);
      g_autofree char *xs = g_strdup_printf ("%d", (int) floor (mx / RSB_GEO_TILE_SIZE * n));
      g_autofree char *ys = g_strdup_printf ("%d.png", (int) floor (my / RSB_GEO_TILE_SIZE * n));
      g_autofree char *folder = g_build_filename (options->tiles_dir, zs, xs, NULL);
      g_autofree char *file = g_build_filename (folder, ys, NULL);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      g_assert_cmpint (cairo_surface_write_to_png (tile, file), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_surface_destroy (tile);

  surface = rsb_share_picture_render (activity, options);
  g_assert_cmpuint (count_colour (surface, FAKE_TILE, 700), >, 5000);
  cairo_surface_destroy (surface);
}

/* Saving goes through a temporary file: a folder that is not there
 * names the file and leaves nothing; a good one gets only the PNG. */
static void
test_save (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (200);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "run.png", NULL);
  cairo_surface_t *surface = rsb_share_picture_render (activity, options);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_false (rsb_share_picture_save (surface, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  g_assert_true (rsb_share_picture_save (surface, path, NULL));
  listing = g_dir_open (out_dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "run.png");
  g_assert_null (g_dir_read_name (listing));
  cairo_surface_destroy (surface);
}

int
main (int argc, char *argv[])
{
  int status;

  dir = rsb_test_dir_new ("share-picture");
  /* Before anything asks GLib for it: the tiles go to a fresh cache. */
  {
    g_autofree char *cache = g_build_filename (dir, "cache", NULL);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  g_test_init (&argc, &argv, NULL);
  import_sample ();
  g_test_add_func ("/share-picture/song-colours", test_song_colours);
  g_test_add_func ("/share-picture/start-left-out", test_start_left_out);
  g_test_add_func ("/share-picture/all-left-out", test_all_left_out);
  g_test_add_func ("/share-picture/cached-tile", test_cached_tile);
  g_test_add_func ("/share-picture/save", test_save);
  status = g_test_run ();
  rsb_activity_free (activity);
  rsb_test_dir_remove (dir);
  return status;
}
