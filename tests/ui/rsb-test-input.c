/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-test-input.h"

#include <gdk/x11/gdkx.h>

#include "rsb-test-ui.h"

/* Runs xdotool with these arguments and lets the events arrive. */
static void
xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  rsb_test_wait_ms (150);
}

static char *
window_id (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

void
rsb_test_input_focus_window (GtkWidget *widget)
{
  g_autofree char *id = window_id (widget);

  xdotool ((const char *[]) { "windowfocus", "--sync", id, NULL });
}

void
rsb_test_input_pointer_to (GtkWidget *widget,
                           double     x,
                           double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *id = window_id (widget);
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;
  graphene_point_t in_native;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &in_native));
  /* The surface holds the window's shadow and border too. */
  gtk_native_get_surface_transform (native, &dx, &dy);
  sx = g_strdup_printf ("%d", (int) (in_native.x + dx));
  sy = g_strdup_printf ("%d", (int) (in_native.y + dy));
  xdotool ((const char *[]) { "mousemove", "--sync", "--window", id, sx, sy, NULL });
}

void
rsb_test_input_click (int button)
{
  g_autofree char *b = g_strdup_printf ("%d", button);

  xdotool ((const char *[]) { "click", b, NULL });
}

void
rsb_test_input_key (const char *keys)
{
  xdotool ((const char *[]) { "key", "--clearmodifiers", keys, NULL });
}

void
rsb_test_input_button (int      button,
                       gboolean down)
{
  g_autofree char *b = g_strdup_printf ("%d", button);

  xdotool ((const char *[]) { down ? "mousedown" : "mouseup", b, NULL });
}
