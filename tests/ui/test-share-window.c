/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Share from the window as a person does: the workout's menu offers
 * Save Picture… and Copy Picture; the first writes a PNG through the
 * chooser with a toast to open its folder, the second puts the picture
 * on the clipboard. (Without a portal the native chooser is GTK's own.) */
#include "config.h"

#include <adwaita.h>

#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

#define PICTURE "Sunday Riverside Loop.png"

typedef struct {
  char      *dir;
  RsbWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("share-window");
  f->window = rsb_test_window_new_sample ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_window_close (f->window);
  rsb_test_dir_remove (g_steal_pointer (&f->dir));
}

/* The workout's menu, opened as a person opens it, shows both entries. */
static void
test_menu_shown (Fixture       *f,
                 gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window), RSB_TYPE_WINDOW,
                                                                          "activity_menu_button"));
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkPopover *popover;

  gtk_menu_button_popup (button);
  rsb_test_wait_ms (300);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  rsb_test_collect_labels (GTK_WIDGET (popover), labels);
  g_assert_nonnull (strstr (labels->str, "Share|"));
  g_assert_nonnull (strstr (labels->str, "Save Picture…|"));
  g_assert_nonnull (strstr (labels->str, "Copy Picture|"));
  gtk_menu_button_popdown (button);
}

static GtkFileChooser *
wait_for_chooser (void)
{
  GtkFileChooser *chooser;

  rsb_test_wait_ms (200);
  chooser = GTK_FILE_CHOOSER (rsb_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  return chooser;
}

static void
save_in (GtkFileChooser *chooser,
         const char     *folder)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  g_autoptr(GFile) expected = g_file_get_child (dir, name);
  g_autoptr(GFile) chosen = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_true (gtk_file_chooser_set_current_folder (chooser, dir, NULL));
  while ((chosen == NULL || !g_file_equal (chosen, expected)) && g_get_monotonic_time () < deadline)
    {
      g_clear_object (&chosen);
      g_main_context_iteration (NULL, FALSE);
      chosen = gtk_file_chooser_get_file (chooser);
    }
  g_assert_nonnull (chosen);
  g_assert_true (g_file_equal (chosen, expected));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

static void
test_save_picture (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, PICTURE, NULL);
  g_autofree char *name = NULL;
  g_autoptr(GdkTexture) saved = NULL;
  gint64 deadline;
  GtkFileChooser *chooser;
  GtkWidget *toast = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-picture", NULL));
  chooser = wait_for_chooser ();
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, PICTURE);
  save_in (chooser, f->dir);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (toast == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          rsb_test_wait_ms (100);
          toast = rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));
        }
    }
  g_assert_nonnull (toast);
  g_assert_cmpstr (rsb_test_toast_title (toast), ==, "Saved the picture to “" PICTURE "”");
  g_assert_cmpstr (gtk_button_get_label (rsb_test_toast_button (toast)), ==, "_Open Folder");
  saved = gdk_texture_new_from_filename (path, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpint (gdk_texture_get_width (saved), ==, 1080);
  g_assert_cmpint (gdk_texture_get_height (saved), ==, 1350);
}

static gboolean
has_texture (GdkClipboard *clipboard)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

static void
test_copy_picture (Fixture       *f,
                   gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  g_auto(GValue) value = G_VALUE_INIT;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GdkTexture *texture;
  g_autofree guchar *pixels = NULL;
  const guchar *pixel;

  gdk_clipboard_set_text (clipboard, "something else");
  g_assert_false (has_texture (clipboard));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-picture", NULL));
  while (!has_texture (clipboard) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (has_texture (clipboard));
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  texture = g_value_get_object (&value);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1080);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1350);
  /* Opaque, and the panel under the map white. */
  pixels = g_malloc (1080 * 1350 * 4);
  gdk_texture_download (texture, pixels, 1080 * 4);
  pixel = pixels + (1345 * 1080 + 5) * 4;
  g_assert_cmpuint (pixel[0], ==, 255);
  g_assert_cmpuint (pixel[1], ==, 255);
  g_assert_cmpuint (pixel[2], ==, 255);
  g_assert_cmpuint (pixel[3], ==, 255);
  g_assert_cmpstr (rsb_test_toast_title (rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay))), ==,
                   "Picture copied");
}

static void
add (const char *name,
     void (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  add ("/share-window/menu-shown", test_menu_shown);
  add ("/share-window/save-picture", test_save_picture);
  add ("/share-window/copy-picture", test_copy_picture);
  return g_test_run ();
}
