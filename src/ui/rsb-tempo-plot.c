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

/* Source-over of one premultiplied colour onto a pixel. */
static inline void
blend (guint32 *pixel,
       guint32  colour,
       guint    alpha)
{
  guint32 d = *pixel;
  guint inv = 255 - alpha;
  guint32 out = 0;

  for (int shift = 0; shift < 32; shift += 8)
    {
      guint c = (colour >> shift) & 0xff;
      guint dc = (d >> shift) & 0xff;

      out |= (guint32) MIN (c + (dc * inv + 127) / 255, 255) << shift;
    }
  *pixel = out;
}

GdkTexture *
rsb_tempo_plot_dots (const RsbTempoPlot *plot,
                     int                 scale,
                     const float        *x,
                     const float        *y,
                     const guint8       *kind,
                     guint               n,
                     const GdkRGBA      *colours)
{
  int width = MAX ((int) ceil (plot->area.size.width * scale), 1);
  int height = MAX ((int) ceil (plot->area.size.height * scale), 1);
  int radius = MAX ((int) round (DOT_RADIUS * scale), 1);
  gsize stride = width * 4;
  guint32 *pixels = g_malloc0 (stride * height);
  guint32 packed[8];
  guint alphas[8];
  double sx = width / (plot->x1 - plot->x0), sy = height / (plot->y1 - plot->y0);
  g_autoptr(GBytes) bytes = NULL;

  /* B8G8R8A8 premultiplied, as GDK_MEMORY_DEFAULT is in memory on a
   * little-endian machine. */
  for (guint k = 0; k < 8; k++)
    {
      const GdkRGBA *c = &colours[k];
      guint a = (guint) lround (c->alpha * 255);

      alphas[k] = a;
      packed[k] = (guint32) lround (c->blue * a) | (guint32) lround (c->green * a) << 8 |
                  (guint32) lround (c->red * a) << 16 | (guint32) a << 24;
    }
  for (guint i = 0; i < n; i++)
    {
      int cx = (int) ((x[i] - plot->x0) * sx);
      int cy = (int) ((plot->y1 - y[i]) * sy);
      guint k = kind[i] & 7;

      if (cx < -radius || cy < -radius || cx >= width + radius || cy >= height + radius)
        continue;
      for (int py = MAX (cy - radius, 0); py <= MIN (cy + radius, height - 1); py++)
        for (int px = MAX (cx - radius, 0); px <= MIN (cx + radius, width - 1); px++)
          {
            /* A round dot: the square's corners left out. */
            if ((px - cx) * (px - cx) + (py - cy) * (py - cy) <= radius * radius + radius)
              blend (&pixels[py * width + px], packed[k], alphas[k]);
          }
    }
  bytes = g_bytes_new_take (pixels, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}
