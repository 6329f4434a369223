/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting from the window as a person does: the segments dialog
 * writes the format of the filter chosen and renames the file to match,
 * the toast offers the folder it went to, and an export that fails says
 * why, whole. (Without a portal on the test's bus the
 * native chooser is GTK's own dialog.) */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-window-private.h"

#define SONGS_CSV  "Sunday Riverside Loop songs.csv"
#define SONGS_JSON "Sunday Riverside Loop songs.json"
/* A folder name full of markup. */
#define HOSTILE_FOLDER "<b>gone & <i>away"

typedef struct {
  char      *dir;
  RsbWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  f->dir = rsb_test_dir_new ("export-window");
  f->window = rsb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  while ((!gtk_widget_get_mapped (GTK_WIDGET (f->window)) ||
          rsb_activity_view_get_activity (rsb_window_get_activity_view (f->window)) == NULL) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  rsb_test_wait_ms (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
  rsb_test_dir_remove (g_steal_pointer (&f->dir));
}

static GtkFileChooser *
open_segments_chooser (Fixture *f)
{
  GtkFileChooser *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-segments", NULL));
  rsb_test_wait_ms (200);
  chooser = GTK_FILE_CHOOSER (rsb_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  return chooser;
}

/* Picks a filter from the dialog's list, as a person does. */
static void
choose_filter (GtkFileChooser *chooser,
               const char     *name)
{
  GtkDropDown *filters = GTK_DROP_DOWN (rsb_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_DROP_DOWN));
  GListModel *model;

  g_assert_nonnull (filters);
  model = gtk_drop_down_get_model (filters);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_file_filter_get_name (filter), name) == 0)
        {
          gtk_drop_down_set_selected (filters, i);
          rsb_test_wait_ms (50);
          g_assert_true (gtk_file_chooser_get_filter (chooser) == filter);
          return;
        }
    }
  g_assert_not_reached ();
}

static char *
current_name (GtkFileChooser *chooser)
{
  return gtk_file_chooser_get_current_name (chooser);
}

/* Goes to folder and accepts, once the chooser has loaded it and would
 * save there. */
static void
save_in (GtkFileChooser *chooser,
         const char     *folder)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autofree char *name = current_name (chooser);
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

static char *
read_export (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

static gboolean
exists (Fixture    *f,
        const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
assert_json_rows (const char *contents)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (contents);
  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >, 1);
}

/* The export's toast: its title, and Open Folder aimed at folder. */
static void
assert_exported_toast (Fixture    *f,
                       const char *name,
                       const char *folder)
{
  GtkWidget *toast = rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));
  g_autofree char *title = g_strdup_printf ("Exported “%s”", name);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autofree char *uri = g_file_get_uri (dir);
  GtkButton *open = rsb_test_toast_button (toast);
  GVariant *target;

  g_assert_cmpstr (rsb_test_toast_title (toast), ==, title);
  g_assert_nonnull (open);
  g_assert_cmpstr (gtk_button_get_label (open), ==, "_Open Folder");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.open-folder");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
}

/* Waits for the toast, closing it so the next one can show. */
static void
dismiss_toast (Fixture *f)
{
  GtkWidget *toast = rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));

  rsb_test_wait_ms (400);
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) &&
        g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
      g_signal_emit_by_name (child, "clicked");
  rsb_test_wait_ms (400);
}

/* Choosing JSON Files renames the suggestion and writes JSON; a name
 * typed with the other extension is written as the filter says, under
 * the filter's extension. */
static void
test_segments_follow_filter (Fixture       *f,
                             gconstpointer  data)
{
  GtkFileChooser *chooser = open_segments_chooser (f);
  g_autofree char *name = current_name (chooser);
  g_autofree char *contents = NULL;

  g_assert_cmpstr (name, ==, SONGS_CSV);
  choose_filter (chooser, "JSON Files");
  g_free (name);
  name = current_name (chooser);
  g_assert_cmpstr (name, ==, SONGS_JSON);
  choose_filter (chooser, "CSV Spreadsheets");
  g_free (name);
  name = current_name (chooser);
  g_assert_cmpstr (name, ==, SONGS_CSV);
  choose_filter (chooser, "JSON Files");
  save_in (chooser, f->dir);
  rsb_test_wait_ms (300);

  assert_exported_toast (f, SONGS_JSON, f->dir);
  contents = read_export (f, SONGS_JSON);
  assert_json_rows (contents);
  g_assert_false (exists (f, SONGS_CSV));
  dismiss_toast (f);

  /* "Run.csv" typed with JSON Files chosen: JSON, as Run.json. */
  chooser = open_segments_chooser (f);
  choose_filter (chooser, "JSON Files");
  gtk_file_chooser_set_current_name (chooser, "Run.csv");
  save_in (chooser, f->dir);
  rsb_test_wait_ms (300);
  assert_exported_toast (f, "Run.json", f->dir);
  g_clear_pointer (&contents, g_free);
  contents = read_export (f, "Run.json");
  assert_json_rows (contents);
  g_assert_false (exists (f, "Run.csv"));
  dismiss_toast (f);

}

/* "Run.csv" typed with JSON Files chosen, and a Run.json there
 * already, in a folder named with markup: the chooser asked about
 * replacing Run.csv, not Run.json, which is left as it was. The toast
 * says the export failed; Details has the whole reason, the folder's
 * name as it is. */
static void
test_failure_shown_whole (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, HOSTILE_FOLDER, NULL);
  g_autofree char *kept = g_build_filename (folder, "Run.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s” already exists. Export again and choose it in the dialog "
                                               "to replace it.", kept);
  g_autoptr(GdkTexture) shot = NULL;
  GtkFileChooser *chooser;
  GtkWidget *toast;
  GtkButton *details;
  AdwMessageDialog *dialog;
  GtkLabel *label;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (kept, "kept", -1, NULL));
  chooser = open_segments_chooser (f);
  choose_filter (chooser, "JSON Files");
  gtk_file_chooser_set_current_name (chooser, "Run.csv");
  save_in (chooser, folder);
  rsb_test_wait_ms (300);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "kept");

  toast = rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));
  g_assert_cmpstr (rsb_test_toast_title (toast), ==, "Export Failed");
  details = rsb_test_toast_button (toast);
  g_assert_nonnull (details);
  g_assert_cmpstr (gtk_button_get_label (details), ==, "_Details");
  g_signal_emit_by_name (details, "clicked");
  rsb_test_wait_ms (200);

  dialog = ADW_MESSAGE_DIALOG (rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Export Failed");
  label = rsb_test_message_details (dialog);
  /* Whole, and the folder's name as it is: no markup applied. */
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_true (gtk_label_get_selectable (label));
  shot = rsb_test_render (GTK_WIDGET (dialog), "export-error.png");
  adw_message_dialog_response (dialog, "close");
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/export-window/segments-follow-filter", test_segments_follow_filter);
  ADD ("/export-window/failure-shown-whole", test_failure_shown_whole);
  return g_test_run ();
}
