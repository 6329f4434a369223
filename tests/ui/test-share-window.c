/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Share from the window as a person does: the workout's menu offers
 * Save Picture…, Copy Picture and Save Video…; the first writes a PNG
 * through the chooser with a toast to open its folder, the second puts
 * the picture on the clipboard, the third asks length and shape, then
 * renders a WebM under a progress dialog whose Cancel leaves no file.
 * (Without a portal the native chooser is GTK's own.) */
#include "config.h"

#include <adwaita.h>

#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

#define PICTURE "Sunday Riverside Loop.png"
#define VIDEO "Sunday Riverside Loop.webm"

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
  g_assert_nonnull (strstr (labels->str, "Save Video…|"));
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

/* The message dialog shown with heading, waited for. */
static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GtkWindow *window = rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG);

      if (window != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_not_reached ();
}

/* The visible button under widget whose label is label, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the dialog's button as a person would. */
static void
click (AdwMessageDialog *dialog,
       const char       *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* Save Video…, 15 seconds, into f->dir: returns the progress dialog. */
static AdwMessageDialog *
start_video (Fixture *f)
{
  AdwMessageDialog *choice, *progress;
  g_autoptr(GdkTexture) shown = NULL;
  GtkWidget *length;
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-video", NULL));
  choice = wait_for_dialog ("Save Video");
  rsb_test_collect_labels (GTK_WIDGET (choice), labels);
  /* Each choice's label, what it shows, then (in its popover) the rest. */
  g_assert_nonnull (strstr (labels->str, "Length|(None)|30 seconds|"));
  g_assert_nonnull (strstr (labels->str, "Shape|(None)|Portrait (1080 × 1920)|"));
  g_assert_nonnull (strstr (labels->str, "|Landscape (1920 × 1080)|"));
  rsb_test_wait_ms (500);
  shown = rsb_test_render (GTK_WIDGET (choice), "share-video-choice.png");
  length = rsb_test_find_widget (GTK_WIDGET (choice), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (length), 0);
  click (choice, "C_hoose File…");
  chooser = wait_for_chooser ();
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, VIDEO);
  save_in (chooser, f->dir);
  progress = wait_for_dialog ("Saving Video");
  rsb_test_wait_ms (500);
  g_clear_object (&shown);
  shown = rsb_test_render (GTK_WIDGET (progress), "share-video-progress.png");
  return progress;
}

static GtkWidget *
wait_for_toast (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      if (rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL)
        {
          rsb_test_wait_ms (100);
          return rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));
        }
    }
  g_assert_not_reached ();
}

/* The progress dialog counts up; at the end a toast names the file, and
 * the folder holds the video alone. */
static void
test_save_video (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, VIDEO, NULL);
  AdwMessageDialog *progress = start_video (f);
  GtkProgressBar *bar = GTK_PROGRESS_BAR (rsb_test_find_widget (GTK_WIDGET (progress), GTK_TYPE_PROGRESS_BAR));
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GtkWidget *toast;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  while (gtk_progress_bar_get_fraction (bar) < 0.2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >=, 0.2);
  g_assert_true (g_str_has_suffix (gtk_progress_bar_get_text (bar), " %"));
  toast = wait_for_toast (f);
  g_assert_cmpstr (rsb_test_toast_title (toast), ==, "Saved the video to “" VIDEO "”");
  g_assert_cmpstr (gtk_button_get_label (rsb_test_toast_button (toast)), ==, "_Open Folder");
  listing = g_dir_open (f->dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, VIDEO);
  g_assert_null (g_dir_read_name (listing));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_cmpmem (contents, 4, "\x1a\x45\xdf\xa3", 4);
}

/* Cancel while it renders: the dialog goes, a toast says so, no file. */
static void
test_cancel_video (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *progress = start_video (f);
  g_autoptr(GDir) listing = NULL;

  rsb_test_wait_ms (300);
  click (progress, "_Cancel");
  g_assert_cmpstr (rsb_test_toast_title (wait_for_toast (f)), ==, "Video not saved");
  listing = g_dir_open (f->dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
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
  add ("/share-window/save-video", test_save_video);
  add ("/share-window/cancel-video", test_cancel_video);
  return g_test_run ();
}
