/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-picture.c: a workout drawn as a PNG to share.
 *
 * On an image surface with the drawing it shares with the video
 * (rsb-share-draw.c), so it needs no display and runs on a worker: the
 * map from the cached tiles, the route in its song colours with the
 * start and finish left out, the figures in the user's units, and the
 * songs as a legend. */
#include "config.h"

#include "rsb-share-file.h"
#include "rsb-share-picture.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "rsb-palette.h"
#include "rsb-privacy.h"
#include "rsb-share-draw.h"
#include "rsb-tile-source.h"
#include "rsb-units-setting.h"

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
  g_autofree char *base = g_strdup (rsb_activity_info_display_name (info));

  g_strdelimit (base, "/\\:", '-');
  return g_strconcat (base, ".png", NULL);
}

/* ---- drawing ------------------------------------------------------------ */

static void
draw_map (RsbShareCanvas               *canvas,
          const RsbActivity            *activity,
          GArray                       *colours,
          const RsbSharePictureOptions *options)
{
  guint first = 0, last = 0;
  RsbShareView view;
  gboolean drawn;

  drawn = rsb_streams_has_route (activity->streams) &&
          rsb_privacy_trim (activity->streams, options->privacy_m, &first, &last) &&
          rsb_share_view_fit (activity->streams, first, last, canvas->map_width, canvas->map_height, &view);
  if (!drawn)
    {
      /* No tiles either: they alone would show where it was. */
      const char *message = rsb_streams_has_route (activity->streams)
        ? _("Route not shown: it is shorter than the part left out around start and finish")
        : _("This workout was recorded without a route");
      double margin = 80 * canvas->scale;

      rsb_share_draw_map_background (canvas, NULL, NULL);
      rsb_share_draw_text (canvas, message, margin, canvas->map_height / 2 - 30 * canvas->scale,
                           34, FALSE, 0x5e5c64, canvas->width - 2 * margin);
      return;
    }
  rsb_share_draw_map_background (canvas, &view, options->tiles_dir);
  rsb_share_draw_route (canvas, activity, colours, &view, first, last);
}

static void
draw_legend (RsbShareCanvas    *canvas,
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
      line = rsb_share_song_line (play);
      rsb_share_draw_text (canvas, line, margin + chip + 20 * canvas->scale, y + (row - 34 * canvas->scale) / 2,
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

      rsb_share_draw_text (canvas, text, margin, y + (row - 34 * canvas->scale) / 2, 28, TRUE, 0x77767b,
                           canvas->width - 2 * margin);
    }
}

gboolean
rsb_share_picture_project (const RsbActivity            *activity,
                           const RsbSharePictureOptions *options,
                           guint                         point,
                           double                       *x,
                           double                       *y)
{
  const RsbStreams *streams = activity->streams;
  RsbShareCanvas canvas;
  RsbShareView view;
  guint first, last;

  rsb_share_canvas_stacked (&canvas, options->width, options->height);
  return rsb_streams_has_route (streams) &&
         rsb_privacy_trim (streams, options->privacy_m, &first, &last) &&
         rsb_share_view_fit (streams, first, last, canvas.map_width, canvas.map_height, &view) &&
         rsb_share_view_project (&view, streams, point, x, y);
}

cairo_surface_t *
rsb_share_picture_render (const RsbActivity            *activity,
                          const RsbSharePictureOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, options->width, options->height);
  g_autoptr(GArray) colours = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);
  RsbShareCanvas canvas;
  double y;

  rsb_share_canvas_stacked (&canvas, options->width, options->height);
  canvas.cr = cairo_create (surface);
  draw_map (&canvas, activity, colours, options);
  y = rsb_share_draw_heading (&canvas, activity, options->units);
  draw_legend (&canvas, activity, colours, y + 32 * canvas.scale);
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
  g_autofree char *tmp = NULL;
  cairo_status_t status;
  int fd, saved;

  if ((fd = rsb_share_file_open_temp (path, &tmp)) < 0)
    return fail (error, path, errno);
  errno = 0;
  status = cairo_surface_write_to_png_stream (surface, write_to_fd, GINT_TO_POINTER (fd));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      saved = errno != 0 ? errno : EIO;
      rsb_share_file_discard (fd, tmp);
      return fail (error, path, saved);
    }
  if ((saved = rsb_share_file_publish (fd, tmp, path)) != 0)
    return fail (error, path, saved);
  return TRUE;
}
