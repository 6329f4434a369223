/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-render.c: what a widget looks like, for the UI tests. */
#include "rsb-test-render.h"
#include "rsb-test-ui.h"

#include <math.h>

GdkTexture *
rsb_test_render (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  const char *dir = g_getenv ("RSB_TEST_PNG_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkTexture *texture;

  /* A widget paints nothing while its layout is pending (a label just
   * changed, a replay's marker just moved): let a frame lay it out. */
  for (int frames = 0; frames < 100; frames++)
    {
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        break;
      snapshot = gtk_snapshot_new ();
      rsb_test_wait_ms (20);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered to %s", path);
  return texture;
}

guchar *
rsb_test_pixels (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  guchar *data = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);

  gdk_texture_download (texture, data, width * 4);
  return data;
}

/* The widgets drawn here are opaque, so premultiplied is plain. */
GdkRGBA
rsb_test_pixel (const guchar *pixels,
                int           width,
                double        x,
                double        y)
{
  const guchar *p = pixels + ((gsize) round (y) * width + (gsize) round (x)) * 4;

  return (GdkRGBA) { p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, p[3] / 255.0 };
}

gboolean
rsb_test_colours_close (const GdkRGBA *a,
                        const GdkRGBA *b,
                        double         tolerance)
{
  return fabs (a->red - b->red) < tolerance && fabs (a->green - b->green) < tolerance &&
         fabs (a->blue - b->blue) < tolerance;
}

gboolean
rsb_test_colour_near (GdkTexture    *texture,
                      double         x,
                      double         y,
                      const GdkRGBA *expected)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = rsb_test_pixels (texture);

  for (int dy = -3; dy <= 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      {
        int px = (int) round (x) + dx, py = (int) round (y) + dy;
        GdkRGBA seen;

        if (px < 0 || py < 0 || px >= width || py >= height)
          continue;
        seen = rsb_test_pixel (pixels, width, px, py);
        if (rsb_test_colours_close (&seen, expected, 0.08))
          return TRUE;
      }
  return FALSE;
}
