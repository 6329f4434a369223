/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-share-video.c: the video to share, rendered without a display
 * from the sample run: a WebM of the size, frame rate and length asked
 * for, the songs' colours on the route and the progress strip (in the
 * drawn frames and in the decoded video), the start left out for
 * privacy, cached tiles under the route, Cancel and an unwritable
 * folder leaving no file, and the workouts it cannot replay refused
 * by name. */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <math.h>

#include "rsb-geo.h"
#include "rsb-import-job.h"
#include "rsb-palette.h"
#include "rsb-privacy.h"
#include "rsb-share-draw.h"
#include "rsb-share-video.h"
#include "rsb-test-dir.h"

static char        *dir;
static RsbActivity *activity;   /* with its songs */
static RsbActivity *silent;     /* the same run, no listening history */

static RsbActivity *
import (const char *name,
        gboolean    with_history)
{
  g_autofree char *library = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  RsbActivity *loaded;

  if (with_history)
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
  loaded = rsb_activity_load (store, ((RsbActivityInfo *) activities->pdata[0])->id, &error);
  g_assert_no_error (error);
  return loaded;
}

static RsbSharePictureOptions *
options_new (int    width,
             int    height,
             double privacy_m)
{
  RsbSharePictureOptions *options = g_new0 (RsbSharePictureOptions, 1);

  options->width = width;
  options->height = height;
  options->privacy_m = privacy_m;
  options->units = RSB_UNITS_METRIC;
  return options;
}

static guint32
to_rgb (const GdkRGBA *colour)
{
  return ((guint32) lround (colour->red * 255) << 16) | ((guint32) lround (colour->green * 255) << 8) |
         (guint32) lround (colour->blue * 255);
}

/* Within tolerance in each channel: a lossy video shifts colours a bit. */
static gboolean
near (guint32 a,
      guint32 b,
      int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* Pixels of data (BGRx/RGB24 rows) near rgb in rows y0..y1. */
static guint
count_near (const guint8 *data,
            int           stride,
            int           width,
            int           y0,
            int           y1,
            guint32       rgb,
            int           tolerance)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < width; x++)
      n += near (((const guint32 *) (data + (gsize) y * stride))[x] & 0xffffff, rgb, tolerance);
  return n;
}

/* The first song that is playing where the kept route begins. */
static int
first_song (const RsbActivity *a,
            guint              first)
{
  for (guint s = 0; s < rsb_activity_n_segments (a); s++)
    {
      const RsbSegment *segment = rsb_activity_segment (a, s);

      if (rsb_segment_has_music (segment) && segment->last_point >= first &&
          segment->last_point - MAX (segment->first_point, first) > 20)
        return (int) s;
    }
  g_assert_not_reached ();
}

/* The last frame shows the whole kept route in its song colours and the
 * strip in full colour; the start, left out, stays bare map. */
static void
test_frames (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (1080, 1920, 200);
  g_autoptr(RsbSharePictureOptions) picture = options_new (1080, 1920, 200);
  g_autoptr(GArray) colours = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbShareVideo) video = rsb_share_video_new (activity, options, 30, &error);
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1080, 1920);
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  guint first, last, checked = 0;
  double sx, sy, mx, my;

  g_assert_no_error (error);
  g_assert_cmpuint (rsb_share_video_n_frames (video), ==, 30 * 30);
  g_assert_true (rsb_privacy_trim (activity->streams, 200, &first, &last));

  /* Early on, the first song's colour is on the map; later songs' not yet. */
  rsb_share_video_draw_frame (video, 30, frame);
  cairo_surface_flush (frame);
  g_assert_cmpuint (count_near (data, stride, 1080, 0, 1080,
                                to_rgb (&g_array_index (colours, GdkRGBA, first_song (activity, first))), 0), >, 20);

  rsb_share_video_draw_frame (video, 899, frame);
  cairo_surface_flush (frame);
  for (guint s = 0; s < rsb_activity_n_segments (activity); s++)
    {
      const RsbSegment *segment = rsb_activity_segment (activity, s);
      guint32 rgb = to_rgb (&g_array_index (colours, GdkRGBA, s));

      if (!rsb_segment_has_music (segment) || segment->first_point < first || segment->last_point > last ||
          segment->last_point - segment->first_point < 20)
        continue;
      /* On the route (the map) and in the strip (the panel's bottom). */
      g_assert_cmpuint (count_near (data, stride, 1080, 0, 1080, rgb, 0), >, 50);
      g_assert_cmpuint (count_near (data, stride, 1080, 1800, 1920, rgb, 0), >, 50);
      checked++;
    }
  g_assert_cmpuint (checked, >, 3);

  /* The same view as the picture of that size: the start point is bare. */
  g_assert_true (rsb_share_picture_project (activity, picture, 0, &sx, &sy));
  for (int dy = -6; dy <= 6; dy++)
    for (int dx = -6; dx <= 6; dx++)
      g_assert_cmphex (((const guint32 *) (data + (gsize) ((int) sy + dy) * stride))[(int) sx + dx] & 0xffffff,
                       ==, RSB_SHARE_BACKGROUND);
  /* The marker starts where the kept route does, well away from it... */
  rsb_share_video_marker (video, 0, &mx, &my);
  g_assert_cmpfloat (hypot (mx - sx, my - sy), >, 30);
  g_assert_true (rsb_share_picture_project (activity, picture, first, &sx, &sy));
  g_assert_cmpfloat (hypot (mx - sx, my - sy), <, 1);
  /* ...and ends where it ends. */
  rsb_share_video_marker (video, 899, &mx, &my);
  g_assert_true (rsb_share_picture_project (activity, picture, last, &sx, &sy));
  g_assert_cmpfloat (hypot (mx - sx, my - sy), <, 1);
  cairo_surface_destroy (frame);
}

/* With nothing left out, the marker starts at the very start. */
static void
test_no_privacy (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (1080, 1920, 0);
  g_autoptr(RsbShareVideo) video = rsb_share_video_new (activity, options, 15, NULL);
  double mx, my, sx, sy;

  g_assert_nonnull (video);
  rsb_share_video_marker (video, 0, &mx, &my);
  g_assert_true (rsb_share_picture_project (activity, options, 0, &sx, &sy));
  g_assert_cmpfloat (hypot (mx - sx, my - sy), <, 1);
}

/* A magenta tile in the tile cache at every zoom where the middle of the
 * route is: the frames show it under the route, as the picture does;
 * without it (every other test) the map is plain. */
static void
test_cached_tile (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (1080, 1920, 200);
  g_autoptr(RsbShareVideo) video = NULL;
  guint middle = activity->streams->n_points / 2;
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1080, 1920);
  cairo_t *cr = cairo_create (tile);
  double mx, my;

  options->tiles_dir = g_build_filename (dir, "tiles", NULL);
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

  video = rsb_share_video_new (activity, options, 15, NULL);
  g_assert_nonnull (video);
  rsb_share_video_draw_frame (video, 0, frame);
  cairo_surface_flush (frame);
  g_assert_cmpuint (count_near (cairo_image_surface_get_data (frame), cairo_image_surface_get_stride (frame),
                                1080, 0, 1080, 0xff00ff, 0), >, 5000);
  cairo_surface_destroy (frame);
}

static GstDiscovererInfo *
discover (const char *path)
{
  g_autoptr(GstDiscoverer) discoverer = gst_discoverer_new (30 * GST_SECOND, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GstDiscovererInfo *info = gst_discoverer_discover_uri (discoverer, uri, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);
  return info;
}

/* The file is WebM with one VP8 video stream of the size and rate asked
 * for, as long as asked, and no sound. */
static void
assert_webm (const char *path,
             int         width,
             int         height,
             guint       seconds)
{
  g_autoptr(GstDiscovererInfo) info = discover (path);
  GstDiscovererStreamInfo *container = gst_discoverer_info_get_stream_info (info);
  g_autoptr(GstCaps) container_caps = gst_discoverer_stream_info_get_caps (container);
  GList *videos = gst_discoverer_info_get_video_streams (info);
  GList *audios = gst_discoverer_info_get_audio_streams (info);
  GstDiscovererVideoInfo *video;
  g_autoptr(GstCaps) video_caps = NULL;

  g_assert_true (gst_structure_has_name (gst_caps_get_structure (container_caps, 0), "video/webm"));
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  g_assert_null (audios);
  video = videos->data;
  video_caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (video));
  g_assert_true (gst_structure_has_name (gst_caps_get_structure (video_caps, 0), "video/x-vp8"));
  g_assert_cmpuint (gst_discoverer_video_info_get_width (video), ==, width);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (video), ==, height);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_num (video), ==, 30);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_denom (video), ==, 1);
  g_assert_cmpfloat (fabs ((double) gst_discoverer_info_get_duration (info) / GST_SECOND - seconds), <, 0.1);
  gst_discoverer_stream_info_list_free (videos);
  g_object_unref (container);
}

/* The decoded video's last frame, as BGRx. */
static GstSample *
last_frame (const char *path)
{
  g_autofree char *description = g_strdup_printf (
    "filesrc location=\"%s\" ! matroskademux ! vp8dec ! videoconvert ! video/x-raw,format=BGRx ! "
    "appsink name=sink sync=false", path);
  g_autoptr(GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (description, &error);
  GstElement *sink;
  GstSample *last = NULL, *sample;
  guint n = 0;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      g_clear_pointer (&last, gst_sample_unref);
      last = sample;
      n++;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  g_assert_cmpuint (n, ==, 15 * 30);
  return last;
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

/* Encoded and decoded again, the last frame still shows the first song's
 * colour on the route and in the strip; only the video is left in the
 * folder. */
static void
test_encoded (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (1080, 1920, 200);
  g_autoptr(GArray) colours = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);
  g_autofree char *out = g_build_filename (dir, "encoded", NULL);
  g_autofree char *path = g_build_filename (out, "run.webm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbShareVideo) video = rsb_share_video_new (activity, options, 15, &error);
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GDir) listing = NULL;
  GstMapInfo map;
  guint first, last;
  guint32 rgb;
  double progress = 0;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_true (rsb_share_video_save (video, path, on_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (progress, ==, 1);
  listing = g_dir_open (out, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "run.webm");
  g_assert_null (g_dir_read_name (listing));
  assert_webm (path, 1080, 1920, 15);

  g_assert_true (rsb_privacy_trim (activity->streams, 200, &first, &last));
  rgb = to_rgb (&g_array_index (colours, GdkRGBA, first_song (activity, first)));
  sample = last_frame (path);
  gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ);
  g_assert_cmpuint (count_near (map.data, 1080 * 4, 1080, 0, 1080, rgb, 24), >, 50);
  g_assert_cmpuint (count_near (map.data, 1080 * 4, 1080, 1800, 1920, rgb, 24), >, 50);
  gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
}

/* Any size within the picture's limits; here small and wide. */
static void
test_landscape (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (640, 360, 200);
  g_autofree char *path = g_build_filename (dir, "wide.webm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbShareVideo) video = rsb_share_video_new (activity, options, 15, &error);

  g_assert_no_error (error);
  g_assert_true (rsb_share_video_save (video, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_webm (path, 640, 360, 15);
}

static void
cancel_soon (double   fraction,
             gpointer user_data)
{
  if (fraction > 0.1)
    g_cancellable_cancel (user_data);
}

/* Cancel and a folder that cannot be written to leave nothing behind. */
static void
test_nothing_left (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (640, 360, 200);
  g_autofree char *out = g_build_filename (dir, "nothing-left", NULL);
  g_autofree char *path = g_build_filename (out, "run.webm", NULL);
  g_autofree char *blocker = g_build_filename (out, "not-a-folder", NULL);
  g_autofree char *inside = g_build_filename (blocker, "run.webm", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbShareVideo) video = rsb_share_video_new (activity, options, 15, &error);
  g_autoptr(GDir) listing = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_false (rsb_share_video_save (video, path, cancel_soon, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_false (rsb_share_video_save (video, inside, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, inside));
  listing = g_dir_open (out, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "not-a-folder");
  g_assert_null (g_dir_read_name (listing));
}

/* A route without times cannot be replayed: the error names the workout. */
static void
test_no_times (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (1080, 1920, 200);
  g_autoptr(GError) error = NULL;
  RsbStreams *saved = activity->streams;
  RsbShareVideo *video;

  activity->streams = rsb_streams_new (0);
  activity->streams->n_points = saved->n_points;
  for (int k = 0; k < RSB_N_STREAMS; k++)
    activity->streams->columns[k] = saved->columns[k] != NULL && k != RSB_STREAM_TIME
                                    ? g_memdup2 (saved->columns[k], sizeof (double) * saved->n_points) : NULL;
  g_assert_false (rsb_share_video_check (activity, 200, &error));
  g_assert_cmpstr (error->message, ==, "“Sunday Riverside Loop” has no times to replay");
  g_clear_error (&error);
  video = rsb_share_video_new (activity, options, 30, &error);
  g_assert_null (video);
  g_assert_cmpstr (error->message, ==, "“Sunday Riverside Loop” has no times to replay");
  rsb_streams_free (activity->streams);
  activity->streams = saved;
}

/* Without songs the run still replays: the route in the no-music
 * colour, "No music" in the panel. */
static void
test_no_songs (void)
{
  g_autoptr(RsbSharePictureOptions) options = options_new (640, 360, 200);
  g_autofree char *path = g_build_filename (dir, "silent.webm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbShareVideo) video = rsb_share_video_new (silent, options, 15, &error);

  g_assert_no_error (error);
  g_assert_true (rsb_share_video_save (video, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_webm (path, 640, 360, 15);
}

static void
test_parse_duration (void)
{
  guint seconds = 0;

  g_assert_true (rsb_share_video_parse_duration ("15", &seconds));
  g_assert_cmpuint (seconds, ==, 15);
  g_assert_true (rsb_share_video_parse_duration ("60", &seconds));
  g_assert_cmpuint (seconds, ==, 60);
  g_assert_false (rsb_share_video_parse_duration ("20", &seconds));
  g_assert_false (rsb_share_video_parse_duration ("30s", &seconds));
  g_assert_false (rsb_share_video_parse_duration ("", &seconds));
}

int
main (int argc, char *argv[])
{
  int status;

  dir = rsb_test_dir_new ("share-video");
  {
    g_autofree char *cache = g_build_filename (dir, "cache", NULL);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  activity = import ("library.db", TRUE);
  g_assert_cmpuint (activity->match->n_songs, >, 1);
  silent = import ("silent.db", FALSE);
  g_test_add_func ("/share-video/frames", test_frames);
  g_test_add_func ("/share-video/no-privacy", test_no_privacy);
  g_test_add_func ("/share-video/cached-tile", test_cached_tile);
  g_test_add_func ("/share-video/encoded", test_encoded);
  g_test_add_func ("/share-video/landscape", test_landscape);
  g_test_add_func ("/share-video/nothing-left", test_nothing_left);
  g_test_add_func ("/share-video/no-times", test_no_times);
  g_test_add_func ("/share-video/no-songs", test_no_songs);
  g_test_add_func ("/share-video/parse-duration", test_parse_duration);
  status = g_test_run ();
  rsb_activity_free (activity);
  rsb_activity_free (silent);
  rsb_test_dir_remove (dir);
  return status;
}
