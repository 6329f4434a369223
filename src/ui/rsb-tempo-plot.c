/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-plot.c: see rsb-tempo-plot.h. */
#include "rsb-tempo-plot.h"

#include <math.h>
#include <string.h>

#define LEFT_ROOM 40
#define BOTTOM_ROOM 22
#define TOP_ROOM 16
#define RIGHT_ROOM 8
#define DOT_RADIUS 2.0   /* logical pixels */

void
rsb_tempo_plot_init (RsbTempoPlot *plot,
                     int           width,
                     int           height,
                     double        x0,
                     double        x1,
                     double        y0,
                     double        y1)
{
  plot->area = GRAPHENE_RECT_INIT (LEFT_ROOM, TOP_ROOM,
                                   MAX (width - LEFT_ROOM - RIGHT_ROOM, 1),
                                   MAX (height - TOP_ROOM - BOTTOM_ROOM, 1));
  plot->x0 = x0;
  plot->x1 = x1 > x0 ? x1 : x0 + 1;
  plot->y0 = y0;
  plot->y1 = y1 != y0 ? y1 : y0 + 1;
}

double
rsb_tempo_plot_x (const RsbTempoPlot *plot,
                  double              value)
{
  return plot->area.origin.x + (value - plot->x0) / (plot->x1 - plot->x0) * plot->area.size.width;
}

double
rsb_tempo_plot_y (const RsbTempoPlot *plot,
                  double              value)
{
  return plot->area.origin.y + (plot->y1 - value) / (plot->y1 - plot->y0) * plot->area.size.height;
}

double
rsb_tempo_plot_step (double range,
                     int    n)
{
  double raw = fabs (range) / MAX (n, 1);
  double power = pow (10, floor (log10 (raw > 0 ? raw : 1)));
  double fraction = raw / power;

  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

void
rsb_tempo_plot_ink (GtkWidget *widget,
                    GdkRGBA   *fg)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
append_label (GtkWidget   *widget,
              GtkSnapshot *snapshot,
              const char  *text,
              double       x,
              double       y,
              double       xalign,
              const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int w, h;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - w * xalign), round (y - h / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

void
rsb_tempo_plot_axes (const RsbTempoPlot *plot,
                     GtkWidget          *widget,
                     GtkSnapshot        *snapshot,
                     double              x_step,
                     RsbTempoPlotLabel   x_label,
                     double              y_step,
                     RsbTempoPlotLabel   y_label,
                     gpointer            data,
                     const char         *x_title,
                     const char         *y_title)
{
  GdkRGBA fg, grid, text;
  double low = MIN (plot->y0, plot->y1), high = MAX (plot->y0, plot->y1);

  rsb_tempo_plot_ink (widget, &fg);
  grid = fg;
  grid.alpha *= 0.12;
  text = fg;
  text.alpha *= 0.7;
  for (double v = ceil (plot->x0 / x_step) * x_step; v <= plot->x1 + 1e-9; v += x_step)
    {
      double x = round (rsb_tempo_plot_x (plot, v));
      g_autofree char *label = x_label (v, data);

      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (x, plot->area.origin.y, 1, plot->area.size.height));
      append_label (widget, snapshot, label, x, plot->area.origin.y + plot->area.size.height + BOTTOM_ROOM / 2.0, 0.5, &text);
    }
  append_label (widget, snapshot, y_title, plot->area.origin.x - 4, TOP_ROOM / 2.0, 0.0, &text);
  append_label (widget, snapshot, x_title, plot->area.origin.x + plot->area.size.width, TOP_ROOM / 2.0, 1.0, &text);
  for (double v = ceil (low / y_step) * y_step; v <= high + 1e-9; v += y_step)
    {
      double y = round (rsb_tempo_plot_y (plot, v));
      g_autofree char *label = y_label (v, data);

      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (plot->area.origin.x, y, plot->area.size.width, 1));
      append_label (widget, snapshot, label, plot->area.origin.x - 4, y, 1.0, &text);
    }
}

/* Source-over of one premultiplied ARGB colour onto a pixel, two
 * channels at a time (the 8-bit division by 256, off by at most one:
 * a dot's ink, not a measurement). */
static inline guint32
blend (guint32 under,
       guint32 colour,
       guint   inverse)
{
  guint32 rb = ((under & 0x00ff00ff) * inverse >> 8) & 0x00ff00ff;
  guint32 ag = ((under >> 8) & 0x00ff00ff) * inverse & 0xff00ff00;

  return colour + (rb | ag);
}

cairo_surface_t *
rsb_tempo_plot_dots (const RsbTempoPlot *plot,
                     cairo_surface_t    *reuse,
                     int                 scale,
                     const float        *x,
                     const float        *y,
                     const guint8       *kind,
                     guint               n,
                     const GdkRGBA      *colours)
{
  int width = MAX ((int) ceil (plot->area.size.width * scale), 1);
  int height = MAX ((int) ceil (plot->area.size.height * scale), 1);
  int radius = CLAMP ((int) ceil (DOT_RADIUS * scale), 1, 8);
  cairo_surface_t *image = reuse;
  guint32 *pixels;
  int stride;
  guint32 packed[8];
  guint inverse[8];
  int offsets[16 * 16], off_x[16 * 16], off_y[16 * 16];
  int n_offsets = 0;
  double sx = width / (plot->x1 - plot->x0), sy = height / (plot->y1 - plot->y0);

  if (image != NULL && (cairo_image_surface_get_width (image) != width ||
                        cairo_image_surface_get_height (image) != height))
    g_clear_pointer (&image, cairo_surface_destroy);
  if (image == NULL)
    image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (image);
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;
  if (reuse != NULL)
    memset (pixels, 0, (gsize) stride * 4 * height);
  /* Cairo's ARGB32: premultiplied, native-endian 32-bit words. */
  for (guint k = 0; k < 8; k++)
    {
      const GdkRGBA *c = &colours[k];
      guint a = (guint) lround (c->alpha * 255);

      inverse[k] = 256 - a;
      packed[k] = (guint32) lround (c->blue * a) | (guint32) lround (c->green * a) << 8 |
                  (guint32) lround (c->red * a) << 16 | (guint32) a << 24;
    }
  /* A round dot of DOT_RADIUS centred on a pixel corner: the pixels
   * whose centres lie within it (12 at scale 1: 4 × 4 less the
   * corners), as offsets from the pixel right-below the corner. */
  for (int dy = -radius; dy < radius; dy++)
    for (int dx = -radius; dx < radius; dx++)
      {
        double ex = dx + 0.5, ey = dy + 0.5;

        if (ex * ex + ey * ey <= DOT_RADIUS * DOT_RADIUS * scale * scale && n_offsets < (int) G_N_ELEMENTS (offsets))
          {
            offsets[n_offsets] = dy * stride + dx;
            off_x[n_offsets] = dx;
            off_y[n_offsets] = dy;
            n_offsets++;
          }
      }
  for (guint i = 0; i < n; i++)
    {
      int cx = (int) ((x[i] - plot->x0) * sx + 0.5);
      int cy = (int) ((plot->y1 - y[i]) * sy + 0.5);
      guint k = kind[i] & 7;

      if (cx >= radius && cy >= radius && cx <= width - radius && cy <= height - radius)
        {
          guint32 *centre = pixels + (gsize) cy * stride + cx;

          for (int j = 0; j < n_offsets; j++)
            centre[offsets[j]] = blend (centre[offsets[j]], packed[k], inverse[k]);
          continue;
        }
      /* By the edges: each pixel checked. */
      for (int j = 0; j < n_offsets; j++)
        {
          int px = cx + off_x[j], py = cy + off_y[j];

          if (px >= 0 && py >= 0 && px < width && py < height)
            {
              guint32 *pixel = pixels + (gsize) py * stride + px;

              *pixel = blend (*pixel, packed[k], inverse[k]);
            }
        }
    }
  cairo_surface_mark_dirty (image);
  cairo_surface_set_device_scale (image, scale, scale);
  return image;
}

void
rsb_tempo_plot_append_image (const RsbTempoPlot *plot,
                             GtkSnapshot        *snapshot,
                             cairo_surface_t    *image)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &plot->area);

  cairo_set_source_surface (cr, image, plot->area.origin.x, plot->area.origin.y);
  cairo_paint (cr);
  cairo_destroy (cr);
}
