/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-guide.c: the import dialog a new library opens on. */
#include "rsb-import-guide.h"
#include "rsb-import-guide-steps.h"
#include "rsb-test-dir.h"
#include "rsb-test-ui.h"
#include "rsb-window.h"
#include "rsb-activity-view.h"

static void
collect_steps (GtkWidget *widget,
               GPtrArray *found)
{
  if (RSB_IS_IMPORT_GUIDE_STEPS (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_steps (child, found);
}

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_length (lines);
}

/* Every source the app reads is named, each with its steps and, where
 * they start on a web page, that page. */
static void
assert_every_source_explained (RsbImportGuide *guide)
{
  static const char *sources[] = {
    "Strava", "Garmin Connect", "Watches, Bike Computers and Apps",
    "Spotify: Extended Streaming History", "Spotify: Account Data",
    "Apple Music", "YouTube Music", "ListenBrainz", "Last.fm",
  };
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  guint n_pages = 0;

  collect_steps (GTK_WIDGET (guide), steps);
  g_assert_cmpuint (steps->len, ==, G_N_ELEMENTS (sources));
  for (guint i = 0; i < steps->len; i++)
    {
      RsbImportGuideSteps *source = g_ptr_array_index (steps, i);
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (source), ADW_TYPE_EXPANDER_ROW);
      const char *uri = rsb_import_guide_steps_get_uri (source);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, sources[i]);
      g_assert_cmpuint (count_lines (rsb_import_guide_steps_get_steps (source)), >=, 2);
      if (uri != NULL)
        {
          g_assert_true (g_str_has_prefix (uri, "https://"));
          n_pages++;
        }
    }
  /* Only files copied from a device need no web page. */
  g_assert_cmpuint (n_pages, ==, G_N_ELEMENTS (sources) - 1);
}

static void
wait_for_import (RsbWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (rsb_window_is_importing (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  rsb_test_wait_ms (200);
}

/* A new library's Import Files opens the guide; Choose Files steps it
 * aside for the chooser, and the chosen workout lands in the library. */
static void
test_welcome_import_goes_through_guide (void)
{
  g_autofree char *dir = rsb_test_dir_new ("import-guide");
  g_autofree char *gpx = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (gpx);
  GtkWidget *import_button;
  RsbImportGuide *guide;
  GtkFileChooser *chooser;
  RsbWindow *window;

  g_setenv ("RSB_DATA_DIR", dir, TRUE);
  window = rsb_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  rsb_test_wait_ms (200);

  /* The welcome page's first button. */
  import_button = rsb_test_find_widget (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), RSB_TYPE_WINDOW,
                                                                                   "welcome_page")),
                                        GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_has_css_class (import_button, "suggested-action"));
  /* A button clicks a moment after it is activated, as on Enter. */
  g_assert_true (gtk_widget_activate (import_button));
  rsb_test_wait_ms (600);
  guide = RSB_IMPORT_GUIDE (rsb_test_find_window (RSB_TYPE_IMPORT_GUIDE));
  g_assert_nonnull (guide);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (guide)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (guide)) == GTK_WINDOW (window));
  assert_every_source_explained (guide);

  g_assert_true (gtk_widget_activate (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (guide), RSB_TYPE_IMPORT_GUIDE,
                                                                                  "files_button"))));
  rsb_test_wait_ms (600);
  g_assert_null (rsb_test_find_window (RSB_TYPE_IMPORT_GUIDE));
  chooser = GTK_FILE_CHOOSER (rsb_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_get_select_multiple (chooser));
  g_assert_true (gtk_file_chooser_set_file (chooser, file, NULL));
  rsb_test_wait_ms (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  rsb_test_wait_ms (100);
  wait_for_import (window);
  g_assert_nonnull (rsb_activity_view_get_activity (rsb_window_get_activity_view (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  rsb_test_wait_ms (100);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* The menu reaches the guide from a full library too, and Escape
 * closes it. */
static void
test_menu_opens_guide (void)
{
  g_autofree char *dir = rsb_test_dir_new ("import-guide");
  RsbWindow *window;
  GtkWindow *guide;

  g_setenv ("RSB_DATA_DIR", dir, TRUE);
  window = rsb_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  rsb_test_wait_ms (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-guide", NULL));
  rsb_test_wait_ms (200);
  guide = rsb_test_find_window (RSB_TYPE_IMPORT_GUIDE);
  g_assert_nonnull (guide);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guide), "window.close", NULL));
  rsb_test_wait_ms (200);
  g_assert_null (rsb_test_find_window (RSB_TYPE_IMPORT_GUIDE));

  gtk_window_destroy (GTK_WINDOW (window));
  rsb_test_wait_ms (100);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/import-guide/welcome-import", test_welcome_import_goes_through_guide);
  g_test_add_func ("/import-guide/menu", test_menu_opens_guide);
  return g_test_run ();
}
