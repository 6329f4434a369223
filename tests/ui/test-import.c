/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing into the window the way a person does: the progress shows
 * while files are read, activities appear in the list as they land, a
 * toast sums up what came in and what was skipped, its Details (and Last
 * Import… in the menu, once the toast has gone) name each skipped file
 * with its reason and what to do, and Cancel keeps what fully landed and
 * nothing half-done, so the same import run again finishes the rest;
 * files dropped meanwhile wait their turn. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rsb-import-progress.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-runs.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

#define N_RUNS        160
#define N_RUN_POINTS  5000

/* A name full of markup (no slash: it is a file name). */
#define HOSTILE_NAME "<b>Tempo & <i>co.gpx"

typedef struct {
  char      *dir;
  char      *files;
  RsbWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("import-window");
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
  f->window = rsb_test_window_new_library (f->dir, 0, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_window_close (f->window);
  g_free (f->files);
  rsb_test_dir_remove (g_steal_pointer (&f->dir));
}

static void
put_file (Fixture    *f,
          const char *name,
          const char *contents)
{
  g_autofree char *path = g_build_filename (f->files, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
copy_sample (Fixture    *f,
             const char *name)
{
  g_autofree char *from = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), name, NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (from, &contents, NULL, NULL));
  put_file (f, name, contents);
}

static void
start_import (Fixture *f)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (files, g_file_new_for_path (f->files));
  rsb_window_import_files (f->window, files);
  g_assert_true (rsb_window_is_importing (f->window));
  g_assert_true (gtk_revealer_get_reveal_child (f->window->import_revealer));
}

/* Returns when the import ended (before the list's last steps). */
static gint64
wait_for_import (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 ended;

  while (rsb_window_is_importing (f->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  ended = g_get_monotonic_time ();
  g_assert_false (rsb_window_is_importing (f->window));
  g_assert_false (gtk_revealer_get_reveal_child (f->window->import_revealer));
  rsb_test_wait_ms (100);
  return ended;
}

/* The toast shown: its title must show whole. */
static char *
shown_toast (Fixture *f)
{
  return g_strdup (rsb_test_toast_title (rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay))));
}

static GtkWidget *
close_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_BUTTON (child) &&
                         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0
                         ? child : close_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Closes the toast shown, as its close button does, once it has come
 * in (libadwaita 1.2 cannot close one while it slides in), so the next
 * one shows. */
static void
close_toast (Fixture *f)
{
  GtkWidget *toast = rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));

  rsb_test_wait_ms (400);
  g_signal_emit_by_name (close_button (toast), "clicked");
  rsb_test_wait_ms (400);
}

static AdwMessageDialog *
find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* A menu's item, by the text it shows (GtkModelButton is private). */
static GtkWidget *
find_item (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return gtk_widget_get_parent (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_item (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the window's menu from the button named in the template and
 * returns its Last Import… item. */
static GtkWidget *
last_import_item (Fixture    *f,
                  const char *button_name)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window), RSB_TYPE_WINDOW,
                                                                          button_name));
  GtkWidget *item;

  gtk_menu_button_popup (button);
  rsb_test_wait_ms (200);
  item = find_item (GTK_WIDGET (gtk_menu_button_get_popover (button)), "Last Import…");
  g_assert_nonnull (item);
  return item;
}

static guint
count_activities (Fixture *f,
                  guint    n_points)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = rsb_store_list_activities (rsb_window_get_store (f->window), &error);

  g_assert_no_error (error);
  /* Whole or not at all: each has every point, in every column. */
  for (guint i = 0; i < list->len && n_points > 0; i++)
    {
      const RsbActivityInfo *info = g_ptr_array_index (list, i);
      g_autoptr(RsbStreams) streams = rsb_store_load_streams (rsb_window_get_store (f->window), info->id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (info->n_points, ==, n_points);
      g_assert_cmpuint (streams->n_points, ==, n_points);
      g_assert_nonnull (streams->columns[RSB_STREAM_LAT]);
      g_assert_nonnull (streams->columns[RSB_STREAM_ALTITUDE]);
    }
  return list->len;
}

/* What Details and Last Import… show: the summary, what to do about
 * the files skipped, and each of them with its reason, as plain,
 * selectable text. */
static void
assert_last_import (const char *summary)
{
  AdwMessageDialog *dialog = find_dialog ();
  g_autoptr(GdkTexture) shot = NULL;
  GtkLabel *details;
  const char *text;

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Last Import");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), summary));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Export damaged files again"));
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  details = rsb_test_message_details (dialog);
  g_assert_nonnull (details);
  /* Plain text: the name reads as it is, its tags shown, not applied. */
  g_assert_false (gtk_label_get_use_markup (details));
  g_assert_true (gtk_label_get_selectable (details));
  g_assert_true (gtk_label_get_wrap (details));
  shot = rsb_test_render (GTK_WIDGET (dialog), "import-details.png");
  text = gtk_label_get_text (details);
  g_test_message ("details: %s", text);
  g_assert_nonnull (strstr (text, HOSTILE_NAME));
  g_assert_nonnull (strstr (text, "broken.fit"));
  g_assert_null (strstr (text, "sample-run.gpx"));
  g_assert_null (strstr (text, "Streaming_History"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A workout, a listening history and two files that are neither: the
 * toast counts what landed, Details names what was skipped and why, and
 * so does Last Import… in the menu once the toast has gone. */
static void
test_summary_and_details (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  GtkButton *details;
  GtkWidget *item;
  gint64 plays;

  copy_sample (f, "sample-run.gpx");
  copy_sample (f, "Streaming_History_Audio_Sample.json");
  put_file (f, HOSTILE_NAME, "<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"46\"");
  put_file (f, "broken.fit", "This is not a FIT file.");

  /* Nothing imported yet: nothing to show. */
  item = last_import_item (f, "welcome_menu_button");
  g_assert_false (gtk_widget_get_sensitive (item));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (item, GTK_TYPE_POPOVER)));

  start_import (f);
  wait_for_import (f);

  plays = rsb_store_count_plays (rsb_window_get_store (f->window));
  g_assert_cmpint (plays, >, 10);
  g_assert_cmpuint (count_activities (f, 0), ==, 1);
  expected = g_strdup_printf ("Imported 1 activity and %" G_GINT64_FORMAT " plays · 2 files skipped", plays);
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, expected);
  rsb_test_wait_ms (300);
  g_clear_object (&shot);
  shot = rsb_test_render (GTK_WIDGET (f->window), "import-summary.png");
  /* The one workout imported is the one shown. */
  g_assert_cmpstr (rsb_activity_view_get_activity (rsb_window_get_activity_view (f->window))->info->name,
                   ==, "Sunday Riverside Loop");

  details = rsb_test_toast_button (rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay)));
  g_assert_nonnull (details);
  g_assert_cmpstr (gtk_button_get_label (details), ==, "_Details");
  g_signal_emit_by_name (details, "clicked");
  rsb_test_wait_ms (100);
  assert_last_import (expected);

  /* Details dismissed the toast; the menu still has them. */
  rsb_test_wait_ms (500);
  item = last_import_item (f, "sidebar_menu_button");
  g_assert_true (gtk_widget_get_sensitive (item));
  g_signal_emit_by_name (item, "clicked");
  rsb_test_wait_ms (100);
  assert_last_import (expected);

  /* The same files again: nothing new, and it says so. */
  start_import (f);
  wait_for_import (f);
  g_free (summary);
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, "Nothing new was imported · 2 files skipped");
  g_assert_cmpint (rsb_store_count_plays (rsb_window_get_store (f->window)), ==, plays);
  g_assert_cmpuint (count_activities (f, 0), ==, 1);
}

/* In a window too narrow for the summary the toast says it in short,
 * whole, and Details has all of it. */
static void
test_narrow_summary (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *summary = NULL;
  AdwMessageDialog *dialog;
  GtkButton *details;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  rsb_test_wait_ms (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  copy_sample (f, "sample-run.gpx");
  copy_sample (f, "Streaming_History_Audio_Sample.json");
  start_import (f);
  wait_for_import (f);

  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, "Import finished");
  details = rsb_test_toast_button (rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay)));
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  rsb_test_wait_ms (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "Imported 1 activity and "));
  /* Nothing was skipped: no list of files. */
  g_assert_null (adw_message_dialog_get_extra_child (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* How many the sidebar lists once the rows still to come are added. */
static guint
listed_after_steps (Fixture *f,
                    guint    expected)
{
  GListModel *list = G_LIST_MODEL (f->window->activities);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (list) != expected && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return g_list_model_get_n_items (list);
}

/* A part of the progress at the bottom of the window, by its name in
 * the template. */
static GtkWidget *
progress_part (Fixture    *f,
               const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window->import_progress),
                                                    RSB_TYPE_IMPORT_PROGRESS, name));
}

static GtkLabel *
progress_count_label (Fixture *f)
{
  return GTK_LABEL (progress_part (f, "count_label"));
}

/* What a pointer click on Cancel does (activating it from the keyboard
 * waits a quarter second to show it pressed). */
static void
click_cancel (Fixture *f)
{
  g_signal_emit_by_name (progress_part (f, "cancel_button"), "clicked");
}

/* Cancel part-way through a long import: what fully landed stays, each
 * activity whole; the same import again brings the rest, once each. */
static void
test_cancel_and_resume (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *cancel = progress_part (f, "cancel_button");
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  gint64 deadline, clicked, stopped;
  guint listed, landed;

  rsb_test_write_runs (f->files, N_RUNS, N_RUN_POINTS);
  start_import (f);

  /* The list shows the first activities while the rest are read. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (f->window->activities)) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rsb_window_is_importing (f->window));
  listed = g_list_model_get_n_items (G_LIST_MODEL (f->window->activities));
  g_assert_cmpuint (listed, >, 0);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (progress_count_label (f)), "Importing "));

  clicked = g_get_monotonic_time ();
  click_cancel (f);
  g_assert_cmpstr (gtk_label_get_text (progress_count_label (f)), ==, "Stopping…");
  g_assert_false (gtk_widget_get_sensitive (cancel));
  stopped = wait_for_import (f);

  landed = count_activities (f, N_RUN_POINTS);
  g_test_message ("%u listed when cancelled, %u landed; stopped in %" G_GINT64_FORMAT " ms",
                  listed, landed, (stopped - clicked) / 1000);
  g_assert_cmpuint (landed, >=, listed);
  g_assert_cmpuint (landed, <, N_RUNS);
  g_assert_cmpuint (listed_after_steps (f, landed), ==, landed);
  expected = g_strdup_printf ("Imported %u %s and 0 plays before the import was cancelled", landed,
                              landed == 1 ? "activity" : "activities");
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, expected);

  close_toast (f);
  start_import (f);
  wait_for_import (f);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Imported %u %s and 0 plays", N_RUNS - landed,
                              N_RUNS - landed == 1 ? "activity" : "activities");
  g_free (summary);
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, expected);
  g_assert_cmpuint (count_activities (f, N_RUN_POINTS), ==, N_RUNS);
  g_assert_cmpuint (listed_after_steps (f, N_RUNS), ==, N_RUNS);
}

/* What the drop target hands on when files are dropped on the window. */
static gboolean
drop_file (Fixture    *f,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean taken = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (rsb_test_find_controller (GTK_WIDGET (f->window), GTK_TYPE_DROP_TARGET), "drop", &value, 40.0, 40.0, &taken);
  return taken;
}

/* A file dropped while an import runs is imported after it, not lost. */
static void
test_drop_while_importing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  g_autofree char *summary = NULL;

  rsb_test_write_runs (f->files, N_RUNS / 4, N_RUN_POINTS);
  start_import (f);
  g_assert_true (drop_file (f, sample));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (progress_count_label (f)), "· 1 more waiting"));
  wait_for_import (f);

  /* A summary for each import, in turn. */
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, "Imported 40 activities and 0 plays");
  close_toast (f);
  g_free (summary);
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, "Imported 1 activity and 0 plays");
  g_assert_cmpuint (count_activities (f, 0), ==, N_RUNS / 4 + 1);
  g_assert_cmpuint (listed_after_steps (f, N_RUNS / 4 + 1), ==, N_RUNS / 4 + 1);
}

/* Cancel takes the files waiting for the import with it; a file given
 * after Cancel is imported once the import has stopped. */
static void
test_cancel_with_waiting_files (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *workout = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  g_autofree char *history = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "Streaming_History_Audio_Sample.json",
                                               NULL);
  g_autoptr(GPtrArray) activities = NULL;

  rsb_test_write_runs (f->files, N_RUNS, N_RUN_POINTS);
  start_import (f);
  g_assert_true (drop_file (f, workout));
  click_cancel (f);
  g_assert_true (drop_file (f, history));
  wait_for_import (f);

  g_assert_cmpint (rsb_store_count_plays (rsb_window_get_store (f->window)), >, 10);
  activities = rsb_store_list_activities (rsb_window_get_store (f->window), NULL);
  g_assert_cmpuint (activities->len, <, N_RUNS);
  for (guint i = 0; i < activities->len; i++)
    g_assert_cmpstr (((RsbActivityInfo *) activities->pdata[i])->name, !=, "Sunday Riverside Loop");
}

static char *
write_recording (Fixture    *f,
                 const char *name,
                 gboolean    heart_rate)
{
  g_autofree char *text = rsb_test_run_recording (5, heart_rate);
  char *path = g_build_filename (f->files, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The run on screen, then the same run with heart rate dropped on the
 * window: the toast says a richer recording replaced it, Details says
 * which file and why, and the screen shows the heart rate at once. */
static void
test_richer_recording (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *plain = write_recording (f, "plain.gpx", FALSE);
  g_autofree char *with_hr = write_recording (f, "hr.gpx", TRUE);
  g_autofree char *summary = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  RsbActivityView *view = rsb_window_get_activity_view (f->window);
  AdwMessageDialog *dialog;

  g_assert_true (drop_file (f, plain));
  wait_for_import (f);
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, "Imported 1 activity and 0 plays");
  g_assert_null (rsb_activity_view_get_activity (view)->streams->columns[RSB_STREAM_HEART_RATE]);
  close_toast (f);

  g_assert_true (drop_file (f, with_hr));
  wait_for_import (f);
  g_free (summary);
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, "Replaced 1 activity with a richer recording");
  g_assert_cmpuint (count_activities (f, RSB_TEST_RECORDING_S / 5 + 1), ==, 1);
  g_assert_nonnull (rsb_activity_view_get_activity (view)->streams->columns[RSB_STREAM_HEART_RATE]);
  rsb_test_wait_ms (300);
  shot = rsb_test_render (GTK_WIDGET (f->window), "import-replaced.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-details", NULL));
  rsb_test_wait_ms (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Last Import");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Replaced 1 activity with a richer recording");
  g_assert_cmpstr (gtk_label_get_text (rsb_test_message_details (dialog)), ==,
                   "“hr.gpx” replaced “plain.gpx”: it has heart rate");
  g_clear_object (&shot);
  shot = rsb_test_render (GTK_WIDGET (dialog), "import-replaced-details.png");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The poorer one again: known, nothing changes. */
  close_toast (f);
  g_assert_true (drop_file (f, plain));
  wait_for_import (f);
  g_free (summary);
  summary = shown_toast (f);
  g_assert_cmpstr (summary, ==, "Everything in those files is already in your library");
  g_assert_cmpuint (count_activities (f, RSB_TEST_RECORDING_S / 5 + 1), ==, 1);
  g_assert_nonnull (rsb_activity_view_get_activity (view)->streams->columns[RSB_STREAM_HEART_RATE]);
}

/* News too long for a narrow window's toast shows its first words,
 * marked as cut short, and Details has all of it. */
static void
test_narrow_news (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  const char *news = "Those files will be imported once the import has stopped";
  GtkWidget *toast;
  GtkButton *details;
  AdwMessageDialog *dialog;
  const char *title;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  rsb_test_wait_ms (300);
  rsb_test_write_runs (f->files, N_RUNS / 4, N_RUN_POINTS);
  start_import (f);
  click_cancel (f);
  g_assert_true (drop_file (f, sample));

  toast = rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));
  title = rsb_test_toast_title (toast);
  g_test_message ("toast: %s", title);
  g_assert_true (g_str_has_suffix (title, "…"));
  g_assert_true (strncmp (news, title, strlen (title) - strlen ("…")) == 0);
  details = rsb_test_toast_button (toast);
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  rsb_test_wait_ms (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_label_get_text (rsb_test_message_details (dialog)), ==, news);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_import (f);
  wait_for_import (f);
}

static GtkFileChooserDialog *
find_chooser (void)
{
  return GTK_FILE_CHOOSER_DIALOG (rsb_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

static gboolean
filter_takes (GtkFileFilter *filter,
              const char    *name)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_name (info, name);
  return gtk_filter_match (GTK_FILTER (filter), info);
}

/* Import Files… offers every format the app reads, whatever the case
 * of its name; Import Folder… takes folders. (Without a portal on the
 * test's bus the native chooser is GTK's own dialog.) */
static void
test_choosers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GListModel) filters = NULL;
  GtkFileFilter *shown;
  GtkFileChooserDialog *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  rsb_test_wait_ms (200);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  shown = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  g_assert_nonnull (shown);
  for (guint i = 0; i < 8; i++)
    {
      static const char *names[] = {
        "Morning_Run.FIT", "ride.fit.gz", "hike.gpx", "OLD.GPX.GZ", "intervals.tcx", "race.tcx.gz",
        "Streaming_History_Audio_2022.json", "export_12345.zip",
      };

      g_assert_true (filter_takes (shown, names[i]));
    }
  g_assert_false (filter_takes (shown, "notes.txt"));
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 4);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rsb_test_wait_ms (200);
  g_assert_false (rsb_window_is_importing (f->window));

  /* A folder, chosen and imported. */
  copy_sample (f, "sample-run.gpx");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-folder", NULL));
  rsb_test_wait_ms (200);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (f->files);

    g_autoptr(GFile) chosen = NULL;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), folder, NULL));
    /* The chooser loads the folder's parent before it can select it. */
    while ((chosen == NULL || !g_file_equal (chosen, folder)) && g_get_monotonic_time () < deadline)
      {
        g_clear_object (&chosen);
        g_main_context_iteration (NULL, FALSE);
        chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      }
    g_assert_nonnull (chosen);
    g_assert_true (g_file_equal (chosen, folder));
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (rsb_window_is_importing (f->window));
  wait_for_import (f);
  g_assert_cmpuint (count_activities (f, 0), ==, 1);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/import-window/summary-and-details", test_summary_and_details);
  ADD ("/import-window/narrow-summary", test_narrow_summary);
  ADD ("/import-window/narrow-news", test_narrow_news);
  ADD ("/import-window/cancel-and-resume", test_cancel_and_resume);
  ADD ("/import-window/drop-while-importing", test_drop_while_importing);
  ADD ("/import-window/cancel-with-waiting-files", test_cancel_with_waiting_files);
  ADD ("/import-window/choosers", test_choosers);
  ADD ("/import-window/richer-recording", test_richer_recording);
  return g_test_run ();
}
