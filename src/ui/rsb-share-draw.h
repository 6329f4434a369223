/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-draw.h: the drawing a shared picture and video have in common. */
#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <pango/pango.h>

#include "rsb-activity.h"
#include "rsb-format.h"

G_BEGIN_DECLS

/* The map's colour where no tile is cached. */
#define RSB_SHARE_BACKGROUND  0xe8e4dc
/* Sizes are given for a 1080-pixel-wide design and scaled. */
#define RSB_SHARE_DESIGN_WIDTH 1080
/* The route's line and the white casing around it, in design pixels. */
#define RSB_SHARE_LINE_WIDTH   9
#define RSB_SHARE_CASING_WIDTH 16
/* The dash of a stretch without music, in design pixels. */
#define RSB_SHARE_DASH         12

/* Where things go: the map in the top-left corner, the panel (name,
 * date, figures, songs) below it or beside it. */
typedef struct {
  cairo_t  *cr;
  double    scale;       /* of the 1080-pixel design */
  int       width;
  int       height;
  double    map_width;
  double    map_height;
  double    panel_x;
  double    panel_y;
  double    panel_width;
} RsbShareCanvas;

/* Web Mercator at one scale, placed on the map. */
typedef struct {
  double zoom_scale;   /* world pixels per zoom-0 pixel */
  int    zoom;         /* the tiles' level */
  double origin_x;     /* world pixel at the map's left */
  double origin_y;
} RsbShareView;

/* The picture's layout: the map on top, the panel below, a tall picture
 * keeping the map square. */
void     rsb_share_canvas_stacked (RsbShareCanvas    *canvas,
                                   int                width,
                                   int                height);

/* A wide frame's layout: the map on the left, the panel beside it. */
void     rsb_share_canvas_beside  (RsbShareCanvas    *canvas,
                                   int                width,
                                   int                height);

void     rsb_share_set_rgb        (cairo_t           *cr,
                                   guint32            rgb);

/* Plain text (never markup), ellipsized to width; returns its height. */
double   rsb_share_draw_text      (RsbShareCanvas    *canvas,
                                   const char        *text,
                                   double             x,
                                   double             y,
                                   double             size_px,
                                   gboolean           bold,
                                   guint32            rgb,
                                   double             width);

/* The same in a box width wide, aligned in it as alignment says. */
double   rsb_share_draw_text_aligned (RsbShareCanvas *canvas,
                                      const char     *text,
                                      double          x,
                                      double          y,
                                      double          size_px,
                                      gboolean        bold,
                                      guint32         rgb,
                                      double          width,
                                      PangoAlignment  alignment);

/* The view fitting points first..last (inclusive) into width × height
 * with a margin; FALSE when none has a position. */
gboolean rsb_share_view_fit       (const RsbStreams  *streams,
                                   guint              first,
                                   guint              last,
                                   double             width,
                                   double             height,
                                   RsbShareView      *view);
/* Where point lands on the map; FALSE when it has no position. */
gboolean rsb_share_view_project   (const RsbShareView *view,
                                   const RsbStreams   *streams,
                                   guint               point,
                                   double             *x,
                                   double             *y);

/* The plain background, then the tiles cached in tiles_dir (z/x/y.png;
 * NULL: none) over the map. Reads the disk only. */
void     rsb_share_draw_map_background (RsbShareCanvas     *canvas,
                                        const RsbShareView *view,
                                        const char         *tiles_dir);

/* Points from..to into the path, leaving out those without a position
 * and those within a quarter pixel of the last one added. */
void     rsb_share_trace          (cairo_t            *cr,
                                   const RsbStreams   *streams,
                                   const RsbShareView *view,
                                   guint               from,
                                   guint               to);

/* The route's points first..last in its song colours over a white
 * casing; stretches without music dashed. */
void     rsb_share_draw_route     (RsbShareCanvas     *canvas,
                                   const RsbActivity  *activity,
                                   GArray             *colours,
                                   const RsbShareView *view,
                                   guint               first,
                                   guint               last);

/* The panel's white ground, the workout's name, date and figures in
 * units; returns where the space below them begins. */
double   rsb_share_draw_heading   (RsbShareCanvas     *canvas,
                                   const RsbActivity  *activity,
                                   RsbUnits            units);

/* "Title — Artists", or the title alone. */
char    *rsb_share_song_line      (const RsbPlay      *play);

G_END_DECLS
