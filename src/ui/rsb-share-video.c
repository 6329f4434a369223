/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-video.c: a workout replayed as a WebM video to share.
 *
 * The frames are drawn with the picture's own drawing (rsb-share-draw.c)
 * on image surfaces, so a video renders without a display: the map and
 * the panel once, then the route drawing itself frame by frame onto a
 * kept surface (each frame adds only the stretch run since the last),
 * and over a copy of it the marker, the song playing and the progress
 * strip. The video's duration spans the workout's moving time (pauses
 * skipped) between the parts left out for privacy.
 *
 * GStreamer encodes: appsrc → videoconvert → vp8enc → webmmux → fdsink
 * on a temporary file beside the destination, renamed at the end. */
#include "config.h"

#include "rsb-share-file.h"
#include "rsb-share-video.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rsb-moving-clock.h"
#include "rsb-palette.h"
#include "rsb-privacy.h"
#include "rsb-share-draw.h"

/* A new song's line fades in over this long (video seconds). */
#define FADE_S 0.5
/* Colour of a stretch outside every segment (no song data at all). */
#define NO_SEGMENT_RGB 0x9a9996
/* VP8 bits per pixel per frame: about 5 Mbit/s at 1080×1920 and 30 fps. */
#define BITS_PER_PIXEL 0.08
/* The rate control may not go coarser (0..63): left alone it starts
 * the first frame so coarse that the map's plain colour turns grey. */
#define MAX_QUANTIZER 24

/* A corner of the route on the map; the step to it is segment's. */
typedef struct {
  double x;
  double y;
  int    segment;
  double travel;    /* pixels along the drawn route, for the dashes */
} Vertex;

struct _RsbShareVideo {
  const RsbActivity *activity;
  RsbShareCanvas     canvas;     /* cr unused: each surface has its own */
  RsbShareView       view;
  RsbMovingClock    *clock;
  RsbUnits           units;
  GArray            *colours;    /* GdkRGBA per segment */
  int               *segment_of; /* per point: the segment of the step to the next; -1 none */
  guint              n_frames;
  double             duration_s;
  double             song_y;     /* where the song playing is written */

  cairo_surface_t   *base;       /* the map and the panel, no route */
  cairo_surface_t   *drawn;      /* base and the route up to (point, fraction) */
  guint              drawn_frame;   /* G_MAXUINT: none yet */
  guint              drawn_point;
  double             drawn_fraction;
  GArray            *tail;       /* Vertex: the route's last few drawn corners */

  cairo_surface_t   *strip;      /* the song bands, full colour */
  cairo_surface_t   *strip_dim;  /* the same, faded: not yet reached */
  double             strip_x;
  double             strip_y;
  double             strip_width;
  double             strip_height;
};

/* ---- set-up ------------------------------------------------------------- */

gboolean
rsb_share_video_parse_duration (const char *text,
                                guint      *seconds)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 3600, &value, NULL) ||
      (value != 15 && value != 30 && value != 60))
    return FALSE;
  *seconds = (guint) value;
  return TRUE;
}

static const char *
display_name (const RsbActivity *activity)
{
  return rsb_activity_info_display_name (activity->info);
}

static int *
segments_by_point (const RsbActivity *activity)
{
  guint n_points = activity->streams->n_points;
  int *segment_of = g_new (int, n_points);

  for (guint i = 0; i < n_points; i++)
    segment_of[i] = -1;
  for (guint s = 0; s < rsb_activity_n_segments (activity); s++)
    {
      const RsbSegment *segment = rsb_activity_segment (activity, s);

      for (guint i = segment->first_point; i <= segment->last_point && i < n_points; i++)
        segment_of[i] = (int) s;
    }
  return segment_of;
}

static void
set_segment_source (RsbShareVideo *video,
                    cairo_t       *cr,
                    int            segment)
{
  const GdkRGBA *colour;

  if (segment < 0)
    {
      rsb_share_set_rgb (cr, NO_SEGMENT_RGB);
      return;
    }
  colour = &g_array_index (video->colours, GdkRGBA, segment);
  cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
}

static gboolean
segment_has_music (RsbShareVideo *video,
                   int            segment)
{
  return segment >= 0 && rsb_segment_has_music (rsb_activity_segment (video->activity, segment));
}

/* Diagonal white stripes over what is drawn: "no music". */
static void
hatch (cairo_t *cr,
       double   x,
       double   width,
       double   height,
       double   scale)
{
  double step = 14 * scale;

  cairo_save (cr);
  cairo_rectangle (cr, x, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
  cairo_set_line_width (cr, 4 * scale);
  for (double sx = x - height; sx < x + width; sx += step)
    {
      cairo_move_to (cr, sx, height);
      cairo_line_to (cr, sx + height, 0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The bands of the progress strip, each as wide as its moving time. */
static cairo_surface_t *
draw_strip (RsbShareVideo *video,
            gboolean       dim)
{
  int width = (int) ceil (video->strip_width), height = (int) ceil (video->strip_height);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  const RsbMovingClock *clock = video->clock;
  guint n = rsb_activity_n_segments (video->activity);

  rsb_share_set_rgb (cr, NO_SEGMENT_RGB);
  cairo_paint (cr);
  hatch (cr, 0, width, height, video->canvas.scale);
  for (guint s = 0; s < n; s++)
    {
      const RsbSegment *segment = rsb_activity_segment (video->activity, s);
      double from = rsb_moving_clock_at (clock, segment->first_point) / clock->total_s * width;
      double to = rsb_moving_clock_at (clock, segment->last_point + 1) / clock->total_s * width;

      if (segment->last_point < clock->first || segment->first_point > clock->last || to <= from)
        continue;
      cairo_rectangle (cr, from, 0, to - from, height);
      set_segment_source (video, cr, (int) s);
      cairo_fill (cr);
      if (!rsb_segment_has_music (segment))
        hatch (cr, from, to - from, height, video->canvas.scale);
    }
  if (dim)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.65);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  return surface;
}

/* The map, the workout's name, date and figures: what every frame shows. */
static void
draw_base (RsbShareVideo              *video,
           const RsbSharePictureOptions *options)
{
  RsbShareCanvas *canvas = &video->canvas;
  double margin = 64 * canvas->scale;

  video->base = cairo_image_surface_create (CAIRO_FORMAT_RGB24, canvas->width, canvas->height);
  canvas->cr = cairo_create (video->base);
  rsb_share_draw_map_background (canvas, &video->view, options->tiles_dir);
  video->song_y = rsb_share_draw_heading (canvas, video->activity, video->units) + 48 * canvas->scale;
  cairo_destroy (canvas->cr);
  canvas->cr = NULL;
  cairo_surface_flush (video->base);

  video->strip_x = canvas->panel_x + margin;
  video->strip_width = canvas->panel_width - 2 * margin;
  video->strip_height = 28 * canvas->scale;
  video->strip_y = canvas->height - 72 * canvas->scale - video->strip_height;
  video->strip = draw_strip (video, FALSE);
  video->strip_dim = draw_strip (video, TRUE);
}

gboolean
rsb_share_video_check (const RsbActivity *activity,
                       double             privacy_m,
                       GError           **error)
{
  const RsbStreams *streams = activity->streams;
  g_autoptr(RsbMovingClock) clock = NULL;
  guint first = 0, last = 0;

  if (!rsb_streams_has_route (streams))
    {
      /* Translators: %s is the workout's name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has no route to replay"),
                   display_name (activity));
      return FALSE;
    }
  if (!rsb_privacy_trim (streams, privacy_m, &first, &last))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is the workout's name */
                   _("“%s” is no longer than the part left out around start and finish (see Preferences)"),
                   display_name (activity));
      return FALSE;
    }
  if ((clock = rsb_moving_clock_new (streams, first, last)) == NULL)
    {
      /* Translators: %s is the workout's name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has no times to replay"),
                   display_name (activity));
      return FALSE;
    }
  return TRUE;
}

RsbShareVideo *
rsb_share_video_new (const RsbActivity            *activity,
                     const RsbSharePictureOptions *options,
                     guint                         duration_s,
                     GError                      **error)
{
  g_autoptr(RsbShareVideo) video = g_new0 (RsbShareVideo, 1);
  const RsbStreams *streams = activity->streams;
  guint first = 0, last = 0;

  g_return_val_if_fail (duration_s > 0, NULL);
  video->activity = activity;
  video->units = options->units;
  video->drawn_frame = G_MAXUINT;
  if (options->width >= options->height)
    rsb_share_canvas_beside (&video->canvas, options->width, options->height);
  else
    rsb_share_canvas_stacked (&video->canvas, options->width, options->height);
  if (!rsb_share_video_check (activity, options->privacy_m, error))
    return NULL;
  rsb_privacy_trim (streams, options->privacy_m, &first, &last);
  if (!rsb_share_view_fit (streams, first, last, video->canvas.map_width, video->canvas.map_height, &video->view))
    {
      /* Translators: %s is the workout's name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has no route to replay"),
                   display_name (activity));
      return NULL;
    }
  video->clock = rsb_moving_clock_new (streams, first, last);
  video->duration_s = duration_s;
  video->n_frames = duration_s * RSB_SHARE_VIDEO_FPS;
  video->colours = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);
  video->segment_of = segments_by_point (activity);
  video->tail = g_array_new (FALSE, FALSE, sizeof (Vertex));
  draw_base (video, options);
  return g_steal_pointer (&video);
}

void
rsb_share_video_free (RsbShareVideo *video)
{
  if (video == NULL)
    return;
  rsb_moving_clock_free (video->clock);
  g_clear_pointer (&video->colours, g_array_unref);
  g_free (video->segment_of);
  g_clear_pointer (&video->tail, g_array_unref);
  g_clear_pointer (&video->base, cairo_surface_destroy);
  g_clear_pointer (&video->drawn, cairo_surface_destroy);
  g_clear_pointer (&video->strip, cairo_surface_destroy);
  g_clear_pointer (&video->strip_dim, cairo_surface_destroy);
  g_free (video);
}

guint
rsb_share_video_n_frames (RsbShareVideo *video)
{
  return video->n_frames;
}

/* ---- where the frame stands ----------------------------------------------- */

/* Moving seconds shown by frame: the last frame is the finish. */
static double
frame_seconds (RsbShareVideo *video,
               guint          frame)
{
  return video->clock->total_s * MIN (frame, video->n_frames - 1) / MAX (video->n_frames - 1, 1);
}

static void
locate (RsbShareVideo *video,
        guint          frame,
        guint         *point,
        double        *fraction)
{
  rsb_moving_clock_locate (video->clock, frame_seconds (video, frame), point, fraction);
}

/* The position fraction of the way from point to the next, on the map. */
static gboolean
position (RsbShareVideo *video,
          guint          point,
          double         fraction,
          double        *x,
          double        *y)
{
  double nx, ny;

  if (!rsb_share_view_project (&video->view, video->activity->streams, point, x, y))
    return FALSE;
  if (fraction > 0 && rsb_share_view_project (&video->view, video->activity->streams, point + 1, &nx, &ny))
    {
      *x += (nx - *x) * fraction;
      *y += (ny - *y) * fraction;
    }
  return TRUE;
}

void
rsb_share_video_marker (RsbShareVideo *video,
                        guint          frame,
                        double        *x,
                        double        *y)
{
  guint point;
  double fraction;

  locate (video, frame, &point, &fraction);
  /* A point without a position: the last one before it that has one. */
  while (!position (video, point, fraction, x, y) && point > video->clock->first)
    {
      point--;
      fraction = 0;
    }
}

/* ---- the route drawing itself ---------------------------------------------- */

static void
add_vertex (RsbShareVideo *video,
            GArray        *vertices,
            guint          point,
            double         fraction,
            int            segment)
{
  Vertex vertex = { .segment = segment };
  const Vertex *last = vertices->len > 0 ? &g_array_index (vertices, Vertex, vertices->len - 1) : NULL;

  if (!position (video, point, fraction, &vertex.x, &vertex.y))
    return;
  if (last != NULL)
    {
      double step = hypot (vertex.x - last->x, vertex.y - last->y);

      /* Closer than a quarter pixel adds nothing but work. */
      if (step < 0.25 && last->segment == segment)
        return;
      vertex.travel = last->travel + step;
    }
  g_array_append_val (vertices, vertex);
}

/* The steps from vertex from on, each segment's stroked in its colour,
 * a stretch without music dashed where the dashes stood before. */
static void
stroke_colours (RsbShareVideo *video,
                cairo_t       *cr,
                GArray        *vertices,
                guint          from)
{
  double dash[] = { RSB_SHARE_DASH * video->canvas.scale, RSB_SHARE_DASH * video->canvas.scale };
  guint i = from + 1;

  while (i < vertices->len)
    {
      const Vertex *start = &g_array_index (vertices, Vertex, i - 1);
      int segment = g_array_index (vertices, Vertex, i).segment;

      cairo_move_to (cr, start->x, start->y);
      for (; i < vertices->len && g_array_index (vertices, Vertex, i).segment == segment; i++)
        cairo_line_to (cr, g_array_index (vertices, Vertex, i).x, g_array_index (vertices, Vertex, i).y);
      set_segment_source (video, cr, segment);
      cairo_set_dash (cr, dash, segment_has_music (video, segment) ? 0 : G_N_ELEMENTS (dash), start->travel);
      cairo_stroke (cr);
    }
}

/* Adds the route from the drawn position to (point, fraction) to the
 * kept surface: the new piece's white casing, then the colours of it
 * and of the tail before it, which the casing's round end covered. */
static void
extend_route (RsbShareVideo *video,
              guint          point,
              double         fraction)
{
  GArray *vertices = video->tail;
  guint first_new = MAX (vertices->len, 1) - 1;
  double keep;
  guint keep_from;
  cairo_t *cr;

  if (point < video->drawn_point || (point == video->drawn_point && fraction <= video->drawn_fraction))
    return;
  for (guint p = video->drawn_point + 1; p <= point; p++)
    add_vertex (video, vertices, p, 0, video->segment_of[p - 1]);
  if (fraction > 0)
    add_vertex (video, vertices, point, fraction, video->segment_of[point]);
  video->drawn_point = point;
  video->drawn_fraction = fraction;
  if (vertices->len < 2 || first_new + 1 >= vertices->len)
    return;

  cr = cairo_create (video->drawn);
  cairo_rectangle (cr, 0, 0, video->canvas.map_width, video->canvas.map_height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, g_array_index (vertices, Vertex, first_new).x, g_array_index (vertices, Vertex, first_new).y);
  for (guint i = first_new + 1; i < vertices->len; i++)
    cairo_line_to (cr, g_array_index (vertices, Vertex, i).x, g_array_index (vertices, Vertex, i).y);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, RSB_SHARE_CASING_WIDTH * video->canvas.scale);
  cairo_stroke (cr);
  cairo_set_line_width (cr, RSB_SHARE_LINE_WIDTH * video->canvas.scale);
  stroke_colours (video, cr, vertices, 0);
  cairo_destroy (cr);

  /* The next piece's casing reaches back this far: keep that much. */
  keep = (RSB_SHARE_CASING_WIDTH + RSB_SHARE_LINE_WIDTH) * video->canvas.scale;
  keep_from = vertices->len - 1;
  while (keep_from > 0 &&
         g_array_index (vertices, Vertex, vertices->len - 1).travel - g_array_index (vertices, Vertex, keep_from).travel < keep)
    keep_from--;
  g_array_remove_range (vertices, 0, keep_from);
}

/* Back to the map without a route: for a frame before the drawn one. */
static void
restart_route (RsbShareVideo *video)
{
  cairo_t *cr;

  if (video->drawn == NULL)
    video->drawn = cairo_image_surface_create (CAIRO_FORMAT_RGB24, video->canvas.width, video->canvas.height);
  cr = cairo_create (video->drawn);
  cairo_set_source_surface (cr, video->base, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  video->drawn_point = video->clock->first;
  video->drawn_fraction = 0;
  g_array_set_size (video->tail, 0);
  add_vertex (video, video->tail, video->clock->first, 0, video->segment_of[video->clock->first]);
}

/* ---- what goes over the route ---------------------------------------------- */

static void
draw_marker (RsbShareVideo *video,
             cairo_t       *cr,
             guint          frame,
             int            segment)
{
  double scale = video->canvas.scale;
  double x, y;

  rsb_share_video_marker (video, frame, &x, &y);
  cairo_new_path (cr);
  cairo_arc (cr, x, y + 2 * scale, 17 * scale, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);
  cairo_arc (cr, x, y, 16 * scale, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, 10 * scale, 0, 2 * G_PI);
  set_segment_source (video, cr, segment);
  cairo_fill (cr);
}

/* When segment's stretch begins in the video (seconds). */
static double
segment_start_seconds (RsbShareVideo *video,
                       int            segment)
{
  const RsbSegment *s = rsb_activity_segment (video->activity, segment);
  double moving = rsb_moving_clock_at (video->clock, s->first_point);

  return moving / video->clock->total_s * video->duration_s;
}

/* The song playing (chip, title, artists), fading in as it begins. */
static void
draw_song (RsbShareVideo *video,
           cairo_t       *cr,
           guint          frame,
           int            segment)
{
  RsbShareCanvas canvas = video->canvas;
  const RsbPlay *play = segment_has_music (video, segment) ? rsb_activity_segment_play (video->activity, segment) : NULL;
  double scale = canvas.scale;
  double x = canvas.panel_x + 64 * scale, chip = 30 * scale;
  double width = canvas.panel_width - 128 * scale - chip - 20 * scale;
  double now = frame_seconds (video, frame) / video->clock->total_s * video->duration_s;
  double since = segment >= 0 ? now - segment_start_seconds (video, segment) : FADE_S;
  double alpha = CLAMP (since / FADE_S, 0, 1);
  double height;

  canvas.cr = cr;
  cairo_push_group (cr);
  if (play == NULL)
    rsb_share_draw_text (&canvas, _("No music"), x, video->song_y, 36, FALSE, 0x77767b, width + chip);
  else
    {
      cairo_arc (cr, x + chip / 2, video->song_y + 26 * scale, chip / 2, 0, 2 * G_PI);
      set_segment_source (video, cr, segment);
      cairo_fill (cr);
      height = rsb_share_draw_text (&canvas, play->track.title != NULL ? play->track.title : "",
                                    x + chip + 20 * scale, video->song_y, 40, TRUE, 0x241f31, width);
      if (play->track.artists != NULL && *play->track.artists != '\0')
        rsb_share_draw_text (&canvas, play->track.artists, x + chip + 20 * scale, video->song_y + height,
                             30, FALSE, 0x5e5c64, width);
    }
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, alpha);
}

/* The bands, bright up to where the replay is; the moving time so far
 * and in all above it. */
static void
draw_progress (RsbShareVideo *video,
               cairo_t       *cr,
               guint          frame)
{
  RsbShareCanvas canvas = video->canvas;
  double seconds = frame_seconds (video, frame);
  double reached = video->strip_width * seconds / video->clock->total_s;
  double scale = canvas.scale;
  g_autofree char *elapsed = rsb_format_duration (seconds);
  g_autofree char *total = rsb_format_duration (video->clock->total_s);
  double label_y = video->strip_y - 40 * scale;

  canvas.cr = cr;
  cairo_set_source_surface (cr, video->strip_dim, video->strip_x, video->strip_y);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_rectangle (cr, video->strip_x, video->strip_y, reached, video->strip_height);
  cairo_clip (cr);
  cairo_set_source_surface (cr, video->strip, video->strip_x, video->strip_y);
  cairo_paint (cr);
  cairo_restore (cr);
  rsb_share_set_rgb (cr, 0x241f31);
  cairo_rectangle (cr, video->strip_x + reached - 2 * scale, video->strip_y - 6 * scale, 4 * scale,
                   video->strip_height + 12 * scale);
  cairo_fill (cr);
  rsb_share_draw_text (&canvas, elapsed, video->strip_x, label_y, 26, TRUE, 0x241f31, video->strip_width / 2);
  rsb_share_draw_text_aligned (&canvas, total, video->strip_x + video->strip_width / 2, label_y, 26, FALSE,
                               0x77767b, video->strip_width / 2, PANGO_ALIGN_RIGHT);
}

void
rsb_share_video_draw_frame (RsbShareVideo   *video,
                            guint            frame,
                            cairo_surface_t *target)
{
  guint point;
  double fraction;
  int segment;
  cairo_t *cr;

  frame = MIN (frame, video->n_frames - 1);
  if (video->drawn == NULL || video->drawn_frame == G_MAXUINT || frame < video->drawn_frame)
    restart_route (video);
  locate (video, frame, &point, &fraction);
  extend_route (video, point, fraction);
  video->drawn_frame = frame;
  segment = video->segment_of[point];

  cairo_surface_flush (video->drawn);
  cairo_surface_flush (target);
  g_assert (cairo_image_surface_get_stride (target) == cairo_image_surface_get_stride (video->drawn));
  memcpy (cairo_image_surface_get_data (target), cairo_image_surface_get_data (video->drawn),
          (gsize) cairo_image_surface_get_stride (target) * video->canvas.height);
  cairo_surface_mark_dirty (target);

  cr = cairo_create (target);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, video->canvas.map_width, video->canvas.map_height);
  cairo_clip (cr);
  draw_marker (video, cr, frame, segment);
  cairo_restore (cr);
  draw_song (video, cr, frame, segment);
  draw_progress (video, cr, frame);
  cairo_destroy (cr);
  cairo_surface_flush (target);
}

/* ---- encoding ------------------------------------------------------------- */

static gboolean
fail (GError    **error,
      const char *path,
      const char *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: %s is a file name, then the reason */
               _("Could not save the video “%s”: %s"), display, reason);
  return FALSE;
}

static gboolean
fail_errno (GError    **error,
            const char *path,
            int         saved_errno)
{
  fail (error, path, g_strerror (saved_errno));
  (*error)->code = g_io_error_from_errno (saved_errno);
  return FALSE;
}

/* The encoder's settings: real-time VP8 with every core, at a bit rate
 * for the frame's size (a map that changes little between frames). */
static GstElement *
build_pipeline (RsbShareVideo *video,
                int            fd,
                GstAppSrc    **src,
                GError       **error)
{
  int width = video->canvas.width, height = video->canvas.height;
  guint threads = MIN (g_get_num_processors (), 8);
  guint bitrate = (guint) (width * height * RSB_SHARE_VIDEO_FPS * BITS_PER_PIXEL);
  g_autofree char *description = g_strdup_printf (
    "appsrc name=src format=time max-bytes=%u ! videoconvert n-threads=%u ! "
    "video/x-raw,format=I420 ! "
    "vp8enc deadline=1 cpu-used=16 threads=%u token-partitions=2 end-usage=vbr target-bitrate=%u max-quantizer=%u "
    "keyframe-max-dist=%u ! webmmux name=mux ! fdsink name=sink fd=%d",
    (guint) width * height * 4 * 2, threads, threads, bitrate, MAX_QUANTIZER, RSB_SHARE_VIDEO_FPS * 5, fd);
  g_autoptr(GstCaps) caps = NULL;
  GstElement *pipeline;
  GstElement *element;

  pipeline = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, error);
  if (pipeline == NULL)
    return NULL;
  element = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  *src = GST_APP_SRC (element);
  element = gst_bin_get_by_name (GST_BIN (pipeline), "mux");
  g_object_set (element, "writing-app", APP_NAME, NULL);
  gst_object_unref (element);
  /* RGB24 surfaces hold a pixel in a native-endian 32-bit word. */
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, width,
                              "height", G_TYPE_INT, height,
                              "framerate", GST_TYPE_FRACTION, RSB_SHARE_VIDEO_FPS, 1,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  gst_app_src_set_caps (*src, caps);
  return pipeline;
}

static GstBuffer *
render_buffer (RsbShareVideo *video,
               guint          frame)
{
  int width = video->canvas.width, height = video->canvas.height;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, width);
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, (gsize) stride * height, NULL);
  GstMapInfo map;
  cairo_surface_t *surface;

  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  surface = cairo_image_surface_create_for_data (map.data, CAIRO_FORMAT_RGB24, width, height, stride);
  rsb_share_video_draw_frame (video, frame, surface);
  cairo_surface_destroy (surface);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (frame, GST_SECOND, RSB_SHARE_VIDEO_FPS);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (frame + 1, GST_SECOND, RSB_SHARE_VIDEO_FPS) -
                                 GST_BUFFER_PTS (buffer);
  return buffer;
}

/* The first error the pipeline posted, if any. */
static gboolean
pipeline_failed (GstBus      *bus,
                 GstClockTime timeout,
                 GError     **error,
                 gboolean    *eos)
{
  g_autoptr(GstMessage) message = gst_bus_timed_pop_filtered (bus, timeout, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);

  if (message == NULL)
    return FALSE;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      *eos = TRUE;
      return FALSE;
    }
  gst_message_parse_error (message, error, NULL);
  return TRUE;
}

/* Waits while the queue into the encoder is full. appsrc could block
 * by itself, but then forever once an element failed (a full disk): the
 * bus and the cancellable are watched here instead. */
static gboolean
wait_for_room (GstAppSrc     *src,
               GstBus        *bus,
               GCancellable  *cancellable,
               GError       **error)
{
  gboolean eos = FALSE;

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          pipeline_failed (bus, 0, error, &eos))
        return FALSE;
      if (gst_app_src_get_current_level_bytes (src) < gst_app_src_get_max_bytes (src))
        return TRUE;
    }
  while (!pipeline_failed (bus, 5 * GST_MSECOND, error, &eos));
  return FALSE;
}

/* Renders every frame into the pipeline, then waits for the end. */
static gboolean
encode (RsbShareVideo         *video,
        GstElement            *pipeline,
        GstAppSrc             *src,
        RsbShareVideoProgress  progress,
        gpointer               user_data,
        GCancellable          *cancellable,
        GError               **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gboolean eos = FALSE;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!pipeline_failed (bus, 0, error, &eos))
        g_set_error_literal (error, GST_CORE_ERROR, GST_CORE_ERROR_STATE_CHANGE, _("The video encoder did not start"));
      return FALSE;
    }
  for (guint frame = 0; frame < video->n_frames; frame++)
    {
      if (!wait_for_room (src, bus, cancellable, error))
        return FALSE;
      if (gst_app_src_push_buffer (src, render_buffer (video, frame)) != GST_FLOW_OK)
        {
          /* Flushing after an error: the bus says which. */
          if (!pipeline_failed (bus, 5 * GST_SECOND, error, &eos))
            g_set_error_literal (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED, _("The video encoder stopped"));
          return FALSE;
        }
      if (progress != NULL)
        progress ((frame + 1.0) / video->n_frames, user_data);
    }
  gst_app_src_end_of_stream (src);
  while (!eos)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          pipeline_failed (bus, GST_SECOND / 10, error, &eos))
        return FALSE;
    }
  return TRUE;
}

static gboolean
encoder_present (const char *path,
                 GError    **error)
{
  const char *needed[] = { "appsrc", "videoconvert", "vp8enc", "webmmux", "fdsink" };

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (needed[i]);
      g_autofree char *reason = NULL;

      if (factory != NULL)
        continue;
      /* Translators: %s is a GStreamer element's name, such as vp8enc */
      reason = g_strdup_printf (_("GStreamer's “%s” is missing (install GStreamer's good plugins)"), needed[i]);
      return fail (error, path, reason);
    }
  return TRUE;
}

gboolean
rsb_share_video_save (RsbShareVideo         *video,
                      const char            *path,
                      RsbShareVideoProgress  progress,
                      gpointer               user_data,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local = NULL;
  GstElement *pipeline;
  GstAppSrc *src = NULL;
  gboolean encoded;
  int fd, saved;

  gst_init (NULL, NULL);
  if (!encoder_present (path, error))
    return FALSE;
  if ((fd = rsb_share_file_open_temp (path, &tmp)) < 0)
    return fail_errno (error, path, errno);
  if ((pipeline = build_pipeline (video, fd, &src, &local)) == NULL)
    {
      rsb_share_file_discard (fd, tmp);
      return fail (error, path, local->message);
    }
  encoded = encode (video, pipeline, src, progress, user_data, cancellable, &local);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (src);
  gst_object_unref (pipeline);
  if (!encoded)
    {
      rsb_share_file_discard (fd, tmp);
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return fail (error, path, local->message);
    }
  if ((saved = rsb_share_file_publish (fd, tmp, path)) != 0)
    return fail_errno (error, path, saved);
  return TRUE;
}
