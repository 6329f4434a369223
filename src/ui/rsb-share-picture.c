/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-picture.c: a workout drawn as a PNG to share.
 *
 * Pure cairo and Pango on an image surface, so it needs no display and
 * runs on a worker: the map from the tiles already in the cache (Web
 * Mercator, as the map shows it), the route in its song colours with
 * the start and finish left out, the figures in the user's units, and
 * the songs as a legend. The picture has a fixed light design, whatever
 * the app's style. */
#include "config.h"

#include "rsb-share-picture.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "rsb-geo.h"
#include "rsb-palette.h"
#include "rsb-privacy.h"
#include "rsb-song-stats.h"
#include "rsb-tile-source.h"
#include "rsb-units-setting.h"

#define MAX_ZOOM 18
#define FONT "Cantarell, Sans"

/* ---- options ------------------------------------------------------------ */

RsbSharePictureOptions *
rsb_share_picture_options_new_default (void)
{
  RsbSharePictureOptions *options = g_new0 (RsbSharePictureOptions, 1);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RsbTileSource *source = rsb_tile_source_get_default ();
  g_autofree char *key = rsb_tile_source_cache_key (rsb_tile_source_get_url_template (source));

  options->width = RSB_SHARE_PICTURE_WIDTH;
  options->height = RSB_SHARE_PICTURE_HEIGHT;
  options->privacy_m = g_settings_get_uint (settings, "share-privacy-metres");
  options->units = rsb_units_current ();
  options->tiles_dir = g_build_filename (rsb_tile_source_get_cache_dir (source), key, NULL);
  return options;
}

void
rsb_share_picture_options_free (RsbSharePictureOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->tiles_dir);
  g_free (options);
}

gboolean
rsb_share_picture_parse_size (const char *text,
                              int        *width,
                              int        *height)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit_set (text, "xX", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, RSB_SHARE_PICTURE_MIN_SIDE, RSB_SHARE_PICTURE_MAX_SIDE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, RSB_SHARE_PICTURE_MIN_SIDE, RSB_SHARE_PICTURE_MAX_SIDE, &h, NULL))
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

char *
rsb_share_picture_suggested_name (const RsbActivityInfo *info)
{
  g_autofree char *base = g_strdup (info->name != NULL && *info->name != '\0' ? info->name : _("Workout"));

  g_strdelimit (base, "/\\:", '-');
  return g_strconcat (base, ".png", NULL);
}

/* ---- layout ------------------------------------------------------------- */

typedef struct {
  cairo_t  *cr;
  double    scale;       /* of a 1080-pixel-wide design */
  double    map_height;
  int       width;
  int       height;
} Canvas;

static void
set_rgb (cairo_t *cr, guint32 rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static PangoLayout *
text_layout (Canvas     *canvas,
             const char *text,
             double      size_px,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (canvas->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  pango_font_description_set_absolute_size (font, size_px * canvas->scale * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* User data (titles, names): plain text, never markup. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws text at x, y and returns its height. */
static double
draw_text (Canvas     *canvas,
           const char *text,
           double      x,
           double      y,
           double      size_px,
           gboolean    bold,
           guint32     rgb,
           double      width)
{
  g_autoptr(PangoLayout) layout = text_layout (canvas, text, size_px, bold, width);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  set_rgb (canvas->cr, rgb);
  cairo_move_to (canvas->cr, x, y);
  pango_cairo_show_layout (canvas->cr, layout);
  return height;
}

/* ---- the map ------------------------------------------------------------ */

typedef struct {
  double zoom_scale;   /* world pixels per zoom-0 pixel */
  int    zoom;         /* the tiles' level */
  double origin_x;     /* world pixel at the picture's left */
  double origin_y;
} View;

/* The view that fits the kept points into the map with a margin; FALSE
 * when none of them has a position. */
static gboolean
fit_view (const RsbStreams *streams,
          guint             first,
          guint             last,
          double            width,
          double            height,
          View             *view)
{
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  double scale;

  for (guint i = first; i <= last; i++)
    {
      double x, y;

      if (isnan (lat[i]) || isnan (lon[i]))
        continue;
      rsb_geo_mercator (lat[i], lon[i], &x, &y);
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  if (!isfinite (min_x))
    return FALSE;
  scale = MIN (width * 0.84 / MAX (max_x - min_x, 1e-9), height * 0.84 / MAX (max_y - min_y, 1e-9));
  scale = MIN (scale, pow (2, MAX_ZOOM));
  view->zoom_scale = scale;
  /* Tiles one level up drawn smaller stay sharp. */
  view->zoom = CLAMP ((int) ceil (log2 (scale) - 1e-9), 0, MAX_ZOOM);
  view->origin_x = (min_x + max_x) / 2 * scale - width / 2;
  view->origin_y = (min_y + max_y) / 2 * scale - height / 2;
  return TRUE;
}

/* Tiles from the cache only; a missing one leaves the background. */
static void
draw_tiles (Canvas     *canvas,
            const View *view,
            const char *tiles_dir)
{
  cairo_t *cr = canvas->cr;
  int n = 1 << view->zoom;
  double tile = RSB_GEO_TILE_SIZE * view->zoom_scale / n;   /* its size on the picture */
  int x0 = (int) floor (view->origin_x / tile), y0 = (int) floor (view->origin_y / tile);
  int x1 = (int) floor ((view->origin_x + canvas->width) / tile);
  int y1 = (int) floor ((view->origin_y + canvas->map_height) / tile);

  if (tiles_dir == NULL)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, canvas->width, canvas->map_height);
  cairo_clip (cr);
  for (int ty = MAX (y0, 0); ty <= MIN (y1, n - 1); ty++)
    for (int tx = x0; tx <= x1; tx++)
      {
        int wrapped = ((tx % n) + n) % n;
        g_autofree char *name = g_strdup_printf ("%d", ty);
        g_autofree char *file = NULL;
        g_autofree char *png = g_strconcat (name, ".png", NULL);
        g_autofree char *zs = g_strdup_printf ("%d", view->zoom);
        g_autofree char *xs = g_strdup_printf ("%d", wrapped);
        cairo_surface_t *image;

        file = g_build_filename (tiles_dir, zs, xs, png, NULL);
        image = cairo_image_surface_create_from_png (file);
        if (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width (image) > 0)
          {
            double s = tile / cairo_image_surface_get_width (image);

            cairo_save (cr);
            cairo_translate (cr, tx * tile - view->origin_x, ty * tile - view->origin_y);
            cairo_scale (cr, s, s);
            cairo_set_source_surface (cr, image, 0, 0);
            cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
            cairo_paint (cr);
            cairo_restore (cr);
          }
        cairo_surface_destroy (image);
      }
  cairo_restore (cr);
}

/* Adds points from..to to the path, skipping those without a position
 * and those within a quarter pixel of the last one drawn. */
static void
trace (cairo_t          *cr,
       const RsbStreams *streams,
       const View       *view,
       guint             from,
       guint             to)
{
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];
  double last_x = NAN, last_y = NAN;

  for (guint i = from; i <= to; i++)
    {
      double x, y;

      if (isnan (lat[i]) || isnan (lon[i]))
        continue;
      rsb_geo_mercator (lat[i], lon[i], &x, &y);
      x = x * view->zoom_scale - view->origin_x;
      y = y * view->zoom_scale - view->origin_y;
      if (isnan (last_x))
        cairo_move_to (cr, x, y);
      else if (fabs (x - last_x) + fabs (y - last_y) >= 0.25)
        cairo_line_to (cr, x, y);
      else
        continue;
      last_x = x;
      last_y = y;
    }
}

/* The kept part of segment s: FALSE when it has none. */
static gboolean
segment_range (const RsbActivity *activity,
               guint              s,
               guint              first,
               guint              last,
               guint             *from,
               guint             *to)
{
  const RsbSegment *segment = rsb_activity_segment (activity, s);
  /* To the next segment's first point, so neighbours join. */
  guint end = MIN (segment->last_point + 1, activity->streams->n_points - 1);

  *from = MAX (segment->first_point, first);
  *to = MIN (end, last);
  return *from < *to;
}

static void
draw_route (Canvas            *canvas,
            const RsbActivity *activity,
            GArray            *colours,
            const View        *view,
            guint              first,
            guint              last)
{
  static const double dash[] = { 12, 12 };
  cairo_t *cr = canvas->cr;
  guint n = rsb_activity_n_segments (activity);
  guint from, to;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, canvas->width, canvas->map_height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* The casing first, as one path, so it never crosses a colour. */
  for (guint s = 0; s < n; s++)
    if (segment_range (activity, s, first, last, &from, &to))
      trace (cr, activity->streams, view, from, to);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 16 * canvas->scale);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 9 * canvas->scale);
  for (guint s = 0; s < n; s++)
    {
      const GdkRGBA *colour = &g_array_index (colours, GdkRGBA, s);
      gboolean music = rsb_segment_has_music (rsb_activity_segment (activity, s));

      if (!segment_range (activity, s, first, last, &from, &to))
        continue;
      trace (cr, activity->streams, view, from, to);
      cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
      cairo_set_dash (cr, dash, music ? 0 : G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_map (Canvas                       *canvas,
          const RsbActivity            *activity,
          GArray                       *colours,
          const RsbSharePictureOptions *options,
          gboolean                     *drawn)
{
  guint first = 0, last = 0;
  View view;

  set_rgb (canvas->cr, 0xe8e4dc);
  cairo_rectangle (canvas->cr, 0, 0, canvas->width, canvas->map_height);
  cairo_fill (canvas->cr);
  *drawn = rsb_streams_has_route (activity->streams) &&
           rsb_privacy_trim (activity->streams, options->privacy_m, &first, &last) &&
           fit_view (activity->streams, first, last, canvas->width, canvas->map_height, &view);
  if (!*drawn)
    {
      /* No tiles either: they alone would show where it was. */
      const char *message = rsb_streams_has_route (activity->streams)
        ? _("Route not shown: it is shorter than the part left out around start and finish")
        : _("This workout was recorded without a route");
      double margin = 80 * canvas->scale;

      draw_text (canvas, message, margin, canvas->map_height / 2 - 30 * canvas->scale,
                 34, FALSE, 0x5e5c64, canvas->width - 2 * margin);
      return;
    }
  draw_tiles (canvas, &view, options->tiles_dir);
  draw_route (canvas, activity, colours, &view, first, last);
}

/* ---- the figures and the legend ------------------------------------------ */

static double
draw_figures (Canvas                       *canvas,
              const RsbActivity            *activity,
              const RsbSharePictureOptions *options,
              double                        y)
{
  const RsbActivityInfo *info = activity->info;
  double margin = 64 * canvas->scale;
  double column = (canvas->width - 2 * margin) / 3;
  double time_s = info->moving_s > 0 ? info->moving_s : info->elapsed_s;
  double speed = time_s > 0 ? info->distance_m / time_s : NAN;
  gboolean on_foot = rsb_sport_is_on_foot (info);
  g_autofree char *distance = rsb_format_distance (info->distance_m, options->units);
  g_autofree char *duration = rsb_format_duration (time_s);
  g_autofree char *pace = on_foot ? rsb_format_pace (speed, options->units) : rsb_format_speed (speed, options->units);
  const char *values[] = { distance, duration, pace };
  const char *labels[] = { _("Distance"), _("Time"), on_foot ? _("Pace") : _("Speed") };
  double height = 0;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double x = margin + i * column;
      double h = draw_text (canvas, labels[i], x, y, 24, FALSE, 0x77767b, column - 16 * canvas->scale);

      h += draw_text (canvas, values[i], x, y + h, 44, TRUE, 0x241f31, column - 16 * canvas->scale);
      height = MAX (height, h);
    }
  return height;
}

static void
draw_legend (Canvas            *canvas,
             const RsbActivity *activity,
             GArray            *colours,
             double             y)
{
  double margin = 64 * canvas->scale;
  double row = 46 * canvas->scale;
  double chip = 26 * canvas->scale;
  double bottom = canvas->height - 40 * canvas->scale;
  guint n = rsb_activity_n_segments (activity);
  guint n_songs = activity->match != NULL ? activity->match->n_songs : 0;
  guint rows = (guint) MAX (0, floor ((bottom - y) / row));
  guint shown = 0;

  if (n_songs == 0 || rows == 0)
    return;
  for (guint s = 0; s < n; s++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, s);
      const GdkRGBA *colour = &g_array_index (colours, GdkRGBA, s);
      g_autofree char *line = NULL;

      if (play == NULL || !rsb_segment_has_music (rsb_activity_segment (activity, s)))
        continue;
      /* The last row tells how many more when they do not all fit. */
      if (shown + 1 == rows && n_songs > rows)
        break;
      cairo_set_source_rgb (canvas->cr, colour->red, colour->green, colour->blue);
      cairo_arc (canvas->cr, margin + chip / 2, y + row / 2, chip / 2, 0, 2 * G_PI);
      cairo_fill (canvas->cr);
      line = play->track.artists != NULL && *play->track.artists != '\0'
        /* Translators: a song in the shared picture's legend: title — artists */
        ? g_strdup_printf (_("%s — %s"), play->track.title ? play->track.title : "", play->track.artists)
        : g_strdup (play->track.title ? play->track.title : "");
      draw_text (canvas, line, margin + chip + 20 * canvas->scale, y + (row - 34 * canvas->scale) / 2,
                 28, FALSE, 0x241f31, canvas->width - 2 * margin - chip - 20 * canvas->scale);
      y += row;
      shown++;
    }
  if (shown < n_songs)
    {
      guint more = n_songs - shown;
      g_autofree char *count = rsb_format_count (more);
      /* Translators: the rest of the songs, after those the picture has room for */
      g_autofree char *text = g_strdup_printf (ngettext ("+ %s more song", "+ %s more songs", more), count);

      draw_text (canvas, text, margin, y + (row - 34 * canvas->scale) / 2, 28, TRUE, 0x77767b,
                 canvas->width - 2 * margin);
    }
}

static void
draw_panel (Canvas                       *canvas,
            const RsbActivity            *activity,
            GArray                       *colours,
            const RsbSharePictureOptions *options)
{
  const RsbActivityInfo *info = activity->info;
  double margin = 64 * canvas->scale;
  double y = canvas->map_height + 44 * canvas->scale;
  double text_width = canvas->width - 2 * margin;

  set_rgb (canvas->cr, 0xffffff);
  cairo_rectangle (canvas->cr, 0, canvas->map_height, canvas->width, canvas->height - canvas->map_height);
  cairo_fill (canvas->cr);
  y += draw_text (canvas, info->name != NULL && *info->name != '\0' ? info->name : _("Workout"),
                  margin, y, 52, TRUE, 0x241f31, text_width);
  if (info->start_ms != RSB_NO_TIME)
    {
      g_autofree char *date = rsb_format_local_date (info->start_ms);

      y += draw_text (canvas, date, margin, y + 4 * canvas->scale, 28, FALSE, 0x5e5c64, text_width);
    }
  y += 36 * canvas->scale;
  y += draw_figures (canvas, activity, options, y);
  draw_legend (canvas, activity, colours, y + 32 * canvas->scale);
}

/* The figures and a few songs below the map, the rest map; a tall
 * picture (a story) keeps the map square and lists more songs. */
static double
map_height_for (const RsbSharePictureOptions *options)
{
  double scale = options->width / (double) RSB_SHARE_PICTURE_WIDTH;

  return MAX (options->height * 0.4, MIN (options->height - 560 * scale, options->width));
}

gboolean
rsb_share_picture_project (const RsbActivity            *activity,
                           const RsbSharePictureOptions *options,
                           guint                         point,
                           double                       *x,
                           double                       *y)
{
  const RsbStreams *streams = activity->streams;
  guint first, last;
  View view;

  if (!rsb_streams_has_route (streams) || point >= streams->n_points ||
      isnan (streams->columns[RSB_STREAM_LAT][point]) ||
      !rsb_privacy_trim (streams, options->privacy_m, &first, &last) ||
      !fit_view (streams, first, last, options->width, map_height_for (options), &view))
    return FALSE;
  rsb_geo_mercator (streams->columns[RSB_STREAM_LAT][point], streams->columns[RSB_STREAM_LON][point], x, y);
  *x = *x * view.zoom_scale - view.origin_x;
  *y = *y * view.zoom_scale - view.origin_y;
  return TRUE;
}

cairo_surface_t *
rsb_share_picture_render (const RsbActivity            *activity,
                          const RsbSharePictureOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, options->width, options->height);
  g_autoptr(GArray) colours = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);
  Canvas canvas = {
    .cr = cairo_create (surface),
    .scale = options->width / (double) RSB_SHARE_PICTURE_WIDTH,
    .width = options->width,
    .height = options->height,
  };
  gboolean drawn;

  canvas.map_height = map_height_for (options);
  draw_map (&canvas, activity, colours, options, &drawn);
  draw_panel (&canvas, activity, colours, options);
  cairo_destroy (canvas.cr);
  cairo_surface_flush (surface);
  return surface;
}

/* ---- saving ------------------------------------------------------------- */

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += written;
      length -= written;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
fail (GError    **error,
      const char *path,
      int         saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: %s is a file name, then the reason */
               _("Could not save the picture “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

gboolean
rsb_share_picture_save (cairo_surface_t *surface,
                        const char      *path,
                        GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp = g_build_filename (dir, tmp_name, NULL);
  cairo_status_t status;
  int fd, saved;

  if ((fd = g_mkstemp (tmp)) < 0)
    return fail (error, path, errno);
  errno = 0;
  status = cairo_surface_write_to_png_stream (surface, write_to_fd, GINT_TO_POINTER (fd));
  saved = errno != 0 ? errno : EIO;
  if (status != CAIRO_STATUS_SUCCESS || fsync (fd) != 0)
    {
      if (status == CAIRO_STATUS_SUCCESS)
        saved = errno;
      close (fd);
      g_unlink (tmp);
      return fail (error, path, saved);
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      return fail (error, path, saved);
    }
  return TRUE;
}
