/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widget drawn as its window's renderer draws it, also saved as
 * name under $RSB_TEST_PNG_DIR (else the temp dir) to look at when a
 * test fails. */
GdkTexture *rsb_test_render       (GtkWidget     *widget,
                                   const char    *name);
/* Its pixels: premultiplied BGRA, width * 4 bytes a row. */
guchar     *rsb_test_pixels       (GdkTexture    *texture);
GdkRGBA     rsb_test_pixel        (const guchar  *pixels,
                                   int            width,
                                   double         x,
                                   double         y);
gboolean    rsb_test_colours_close (const GdkRGBA *a,
                                    const GdkRGBA *b,
                                    double         tolerance);
/* Whether a pixel of about this colour lies within 3 px of (x, y):
 * lines are antialiased and a few pixels wide. */
gboolean    rsb_test_colour_near  (GdkTexture    *texture,
                                   double         x,
                                   double         y,
                                   const GdkRGBA *expected);

G_END_DECLS
