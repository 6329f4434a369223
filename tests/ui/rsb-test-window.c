/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-test-window.h"

#include <glib/gstdio.h>

#include "rsb-sample.h"
#include "rsb-test-ui.h"

RsbWindow *
rsb_test_window_new_library (const char *dir,
                             int         width,
                             int         height)
{
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  RsbWindow *window;

  g_assert_cmpint (g_mkdir (library, 0700), ==, 0);
  g_setenv ("RSB_DATA_DIR", library, TRUE);
  window = rsb_window_new (NULL, NULL);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  rsb_test_wait_ms (200);
  return window;
}

RsbWindow *
rsb_test_window_new_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  RsbWindow *window;

  g_assert_no_error (error);
  window = rsb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while ((!gtk_widget_get_mapped (GTK_WIDGET (window)) ||
          rsb_activity_view_get_activity (rsb_window_get_activity_view (window)) == NULL) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  rsb_test_wait_ms (200);
  return window;
}

void
rsb_test_window_close (RsbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rsb_test_wait_ms (50);
}
