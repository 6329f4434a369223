/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-plot.h: what the Tempo page's charts share: the mapping of
 * values to the plot area, labelled axes, and many dots drawn into one
 * image so that 50,000 of them cost one texture in a frame. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  graphene_rect_t area;     /* the plot inside the widget */
  double          x0, x1;   /* values at the left and right edges */
  double          y0, y1;   /* values at the bottom and top edges */
} RsbTempoPlot;

/* Lays the plot out in a width × height widget, leaving room for the
 * axis labels, over the given value ranges. */
void        rsb_tempo_plot_init      (RsbTempoPlot *plot,
                                      int           width,
                                      int           height,
                                      double        x0,
                                      double        x1,
                                      double        y0,
                                      double        y1);
double      rsb_tempo_plot_x         (const RsbTempoPlot *plot,
                                      double              value);
double      rsb_tempo_plot_y         (const RsbTempoPlot *plot,
                                      double              value);
/* Grid lines every step, labelled by label (value, user data); the
 * units of each axis (x_title, y_title) above the plot's corners. */
typedef char *(*RsbTempoPlotLabel) (double value, gpointer data);
void        rsb_tempo_plot_axes      (const RsbTempoPlot *plot,
                                      GtkWidget          *widget,
                                      GtkSnapshot        *snapshot,
                                      double              x_step,
                                      RsbTempoPlotLabel   x_label,
                                      double              y_step,
                                      RsbTempoPlotLabel   y_label,
                                      gpointer            data,
                                      const char         *x_title,
                                      const char         *y_title);
/* A nice grid step for a range, about n lines. */
double      rsb_tempo_plot_step      (double              range,
                                      int                 n);
/* n dots at (x[i], y[i]) (values), each in colours[kind[i]], drawn
 * into an image of the plot area at the given scale. reuse (taken;
 * may be NULL) is an image no longer shown: drawn into again when it
 * has the size, saving the memory of a new one its first touch. */
cairo_surface_t *rsb_tempo_plot_dots (const RsbTempoPlot *plot,
                                      cairo_surface_t    *reuse,
                                      int                 scale,
                                      const float        *x,
                                      const float        *y,
                                      const guint8       *kind,
                                      guint               n,
                                      const GdkRGBA      *colours);
/* Draws such an image over the plot area: the renderer composites it
 * in one blit. */
void        rsb_tempo_plot_append_image (const RsbTempoPlot *plot,
                                         GtkSnapshot        *snapshot,
                                         cairo_surface_t    *image);
/* The widget's foreground, for ink that follows the dark style. */
void        rsb_tempo_plot_ink       (GtkWidget          *widget,
                                      GdkRGBA            *fg);

G_END_DECLS
