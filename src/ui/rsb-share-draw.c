/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-draw.c: the drawing a shared picture and video have in common.
 *
 * Pure cairo and Pango, so it needs no display and runs on a worker: the
 * map from the tiles already in the cache (Web Mercator, as the map
 * shows it), the route in its song colours, and the workout's name,
 * date and figures in the user's units. A fixed light design, whatever
 * the app's style. */
#include "config.h"

#include "rsb-share-draw.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rsb-geo.h"
#include "rsb-song-stats.h"

#define MAX_ZOOM 18
#define FONT "Cantarell, Sans"

void
rsb_share_canvas_stacked (RsbShareCanvas *canvas,
                          int             width,
                          int             height)
{
  double scale = width / (double) RSB_SHARE_DESIGN_WIDTH;

  canvas->scale = scale;
  canvas->width = width;
  canvas->height = height;
  /* The figures and a few songs below the map, the rest map; a tall
   * picture (a story) keeps the map square and lists more songs. */
  canvas->map_width = width;
  canvas->map_height = MAX (height * 0.4, MIN (height - 560 * scale, width));
  canvas->panel_x = 0;
  canvas->panel_y = canvas->map_height;
  canvas->panel_width = width;
}

void
rsb_share_canvas_beside (RsbShareCanvas *canvas,
                         int             width,
                         int             height)
{
  /* The design's width for the panel at the height's scale: a square
   * map in 1920×1080. */
  double scale = MIN (width, height) / (double) RSB_SHARE_DESIGN_WIDTH;

  canvas->scale = scale;
  canvas->width = width;
  canvas->height = height;
  canvas->panel_width = MIN (MAX (width - height, 760 * scale), width * 0.5);
  canvas->map_width = width - canvas->panel_width;
  canvas->map_height = height;
  canvas->panel_x = canvas->map_width;
  canvas->panel_y = 0;
}

void
rsb_share_set_rgb (cairo_t *cr,
                   guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static PangoLayout *
text_layout (RsbShareCanvas *canvas,
             const char     *text,
             double          size_px,
             gboolean        bold,
             double          width)
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

double
rsb_share_draw_text (RsbShareCanvas *canvas,
                     const char     *text,
                     double          x,
                     double          y,
                     double          size_px,
                     gboolean        bold,
                     guint32         rgb,
                     double          width)
{
  return rsb_share_draw_text_aligned (canvas, text, x, y, size_px, bold, rgb, width, PANGO_ALIGN_LEFT);
}

double
rsb_share_draw_text_aligned (RsbShareCanvas *canvas,
                             const char     *text,
                             double          x,
                             double          y,
                             double          size_px,
                             gboolean        bold,
                             guint32         rgb,
                             double          width,
                             PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = text_layout (canvas, text, size_px, bold, width);
  int height;

  pango_layout_set_alignment (layout, alignment);
  pango_layout_get_pixel_size (layout, NULL, &height);
  rsb_share_set_rgb (canvas->cr, rgb);
  cairo_move_to (canvas->cr, x, y);
  pango_cairo_show_layout (canvas->cr, layout);
  return height;
}

/* ---- the map ------------------------------------------------------------ */

gboolean
rsb_share_view_fit (const RsbStreams *streams,
                    guint             first,
                    guint             last,
                    double            width,
                    double            height,
                    RsbShareView     *view)
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

gboolean
rsb_share_view_project (const RsbShareView *view,
                        const RsbStreams   *streams,
                        guint               point,
                        double             *x,
                        double             *y)
{
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];

  if (lat == NULL || lon == NULL || point >= streams->n_points || isnan (lat[point]) || isnan (lon[point]))
    return FALSE;
  rsb_geo_mercator (lat[point], lon[point], x, y);
  *x = *x * view->zoom_scale - view->origin_x;
  *y = *y * view->zoom_scale - view->origin_y;
  return TRUE;
}

/* Tiles from the cache only; a missing one leaves the background. */
static void
draw_tiles (RsbShareCanvas     *canvas,
            const RsbShareView *view,
            const char         *tiles_dir)
{
  cairo_t *cr = canvas->cr;
  int n = 1 << view->zoom;
  double tile = RSB_GEO_TILE_SIZE * view->zoom_scale / n;   /* its size on the picture */
  int x0 = (int) floor (view->origin_x / tile), y0 = (int) floor (view->origin_y / tile);
  int x1 = (int) floor ((view->origin_x + canvas->map_width) / tile);
  int y1 = (int) floor ((view->origin_y + canvas->map_height) / tile);
  g_autofree char *zoom = g_strdup_printf ("%d", view->zoom);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, canvas->map_width, canvas->map_height);
  cairo_clip (cr);
  for (int ty = MAX (y0, 0); ty <= MIN (y1, n - 1); ty++)
    for (int tx = x0; tx <= x1; tx++)
      {
        g_autofree char *column = g_strdup_printf ("%d", ((tx % n) + n) % n);
        g_autofree char *png = g_strdup_printf ("%d.png", ty);
        g_autofree char *file = g_build_filename (tiles_dir, zoom, column, png, NULL);
        cairo_surface_t *image = cairo_image_surface_create_from_png (file);

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

void
rsb_share_draw_map_background (RsbShareCanvas     *canvas,
                               const RsbShareView *view,
                               const char         *tiles_dir)
{
  rsb_share_set_rgb (canvas->cr, RSB_SHARE_BACKGROUND);
  cairo_rectangle (canvas->cr, 0, 0, canvas->map_width, canvas->map_height);
  cairo_fill (canvas->cr);
  if (view != NULL && tiles_dir != NULL)
    draw_tiles (canvas, view, tiles_dir);
}

void
rsb_share_trace (cairo_t            *cr,
                 const RsbStreams   *streams,
                 const RsbShareView *view,
                 guint               from,
                 guint               to)
{
  double last_x = NAN, last_y = NAN;

  for (guint i = from; i <= to; i++)
    {
      double x, y;

      if (!rsb_share_view_project (view, streams, i, &x, &y))
        continue;
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

void
rsb_share_draw_route (RsbShareCanvas     *canvas,
                      const RsbActivity  *activity,
                      GArray             *colours,
                      const RsbShareView *view,
                      guint               first,
                      guint               last)
{
  static const double dash[] = { RSB_SHARE_DASH, RSB_SHARE_DASH };
  cairo_t *cr = canvas->cr;
  guint n = rsb_activity_n_segments (activity);
  guint from, to;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, canvas->map_width, canvas->map_height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* The casing first, as one path, so it never crosses a colour. */
  for (guint s = 0; s < n; s++)
    if (segment_range (activity, s, first, last, &from, &to))
      rsb_share_trace (cr, activity->streams, view, from, to);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, RSB_SHARE_CASING_WIDTH * canvas->scale);
  cairo_stroke (cr);
  cairo_set_line_width (cr, RSB_SHARE_LINE_WIDTH * canvas->scale);
  for (guint s = 0; s < n; s++)
    {
      const GdkRGBA *colour = &g_array_index (colours, GdkRGBA, s);
      gboolean music = rsb_segment_has_music (rsb_activity_segment (activity, s));

      if (!segment_range (activity, s, first, last, &from, &to))
        continue;
      rsb_share_trace (cr, activity->streams, view, from, to);
      cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
      cairo_set_dash (cr, dash, music ? 0 : G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* ---- the panel ---------------------------------------------------------- */

static double
draw_figures (RsbShareCanvas    *canvas,
              const RsbActivity *activity,
              RsbUnits           units,
              double             y)
{
  const RsbActivityInfo *info = activity->info;
  double margin = 64 * canvas->scale;
  double column = (canvas->panel_width - 2 * margin) / 3;
  double time_s = info->moving_s > 0 ? info->moving_s : info->elapsed_s;
  double speed = time_s > 0 ? info->distance_m / time_s : NAN;
  gboolean on_foot = rsb_sport_is_on_foot (info);
  g_autofree char *distance = rsb_format_distance (info->distance_m, units);
  g_autofree char *duration = rsb_format_duration (time_s);
  g_autofree char *pace = on_foot ? rsb_format_pace (speed, units) : rsb_format_speed (speed, units);
  const char *values[] = { distance, duration, pace };
  const char *labels[] = { _("Distance"), _("Time"), on_foot ? _("Pace") : _("Speed") };
  double height = 0;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double x = canvas->panel_x + margin + i * column;
      double h = rsb_share_draw_text (canvas, labels[i], x, y, 24, FALSE, 0x77767b, column - 16 * canvas->scale);

      h += rsb_share_draw_text (canvas, values[i], x, y + h, 44, TRUE, 0x241f31, column - 16 * canvas->scale);
      height = MAX (height, h);
    }
  return height;
}

double
rsb_share_draw_heading (RsbShareCanvas    *canvas,
                        const RsbActivity *activity,
                        RsbUnits           units)
{
  const RsbActivityInfo *info = activity->info;
  double margin = 64 * canvas->scale;
  double x = canvas->panel_x + margin;
  double y = canvas->panel_y + 44 * canvas->scale;
  double text_width = canvas->panel_width - 2 * margin;

  rsb_share_set_rgb (canvas->cr, 0xffffff);
  cairo_rectangle (canvas->cr, canvas->panel_x, canvas->panel_y,
                   canvas->width - canvas->panel_x, canvas->height - canvas->panel_y);
  cairo_fill (canvas->cr);
  y += rsb_share_draw_text (canvas, rsb_activity_info_display_name (info),
                            x, y, 52, TRUE, 0x241f31, text_width);
  if (info->start_ms != RSB_NO_TIME)
    {
      g_autofree char *date = rsb_format_local_date (info->start_ms);

      y += rsb_share_draw_text (canvas, date, x, y + 4 * canvas->scale, 28, FALSE, 0x5e5c64, text_width);
    }
  y += 36 * canvas->scale;
  y += draw_figures (canvas, activity, units, y);
  return y;
}

char *
rsb_share_song_line (const RsbPlay *play)
{
  const char *title = play->track.title != NULL ? play->track.title : "";

  if (play->track.artists != NULL && *play->track.artists != '\0')
    /* Translators: a song in the shared picture or video: title — artists */
    return g_strdup_printf (_("%s — %s"), title, play->track.artists);
  return g_strdup (title);
}
