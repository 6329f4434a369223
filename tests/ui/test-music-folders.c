/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-music-folders.c: Preferences → Music as a person uses it: the
 * folder listed, Scan Now, the status line counting files, tempi and
 * skipped files, the Details naming the skipped file and why, and a
 * folder removed taking its files with it. Runs under xvfb-run. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rsb-preferences-window.h"
#include "rsb-test-dir.h"
#include "rsb-test-log.h"
#include "rsb-test-render.h"
#include "rsb-test-tagged-audio.h"
#include "rsb-test-ui.h"

typedef struct {
  char                 *dir;
  char                 *music;
  RsbSyncScheduler     *scheduler;
  RsbPreferencesWindow *window;
  GSettings            *settings;
} Fixture;

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_group (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
wait_for_row (GtkWidget  *group,
              const char *title,
              guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  GtkWidget *row;

  while ((row = find_row (group, title)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return row;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RsbTestAudioTags tags = { .title = "Tagged", .artists = { "Artist" }, .bpm = 128 };

  f->dir = rsb_test_dir_new ("music-folders");
  g_setenv ("RSB_DATA_DIR", f->dir, TRUE);
  f->music = g_build_filename (f->dir, "My <b>Music & more", NULL);
  g_assert_cmpint (g_mkdir (f->music, 0755), ==, 0);
  rsb_test_audio_write (g_build_filename (f->music, "tagged.ogg", NULL), RSB_TEST_AUDIO_OGG, &tags, 3, 120);
  g_assert_true (g_file_set_contents (g_build_filename (f->music, "notes.mp3", NULL), "words", -1, NULL));
  f->settings = g_settings_new (APP_ID);
  g_settings_set_strv (f->settings, "music-folders", (const char *[]) { f->music, NULL });
  path = g_build_filename (f->dir, "library.db", NULL);
  f->scheduler = rsb_sync_scheduler_new (path);
  f->window = rsb_preferences_window_new (NULL, f->scheduler, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  rsb_test_wait_ms (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
  g_settings_reset (f->settings, "music-folders");
  g_clear_object (&f->scheduler);
  g_clear_object (&f->settings);
  rsb_test_dir_remove (f->dir);
  g_free (f->music);
}

static void
test_scan_from_preferences (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *group = find_group (GTK_WIDGET (f->window), "Music Folders");
  GtkWidget *folder, *status;
  GtkButton *details;
  GtkWindow *dialog;
  GtkLabel *text;
  g_autofree char *shown_path = NULL;

  g_assert_nonnull (group);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_PAGE)));
  /* The folder by name, its path below; a name is never markup. */
  folder = find_row (group, "My <b>Music & more");
  g_assert_nonnull (folder);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (folder)));
  shown_path = g_filename_display_name (f->music);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder)), ==, shown_path);
  g_assert_nonnull (find_row (group, "Not scanned yet"));

  g_signal_emit_by_name (find_button (group, "_Scan Now"), "clicked");
  status = wait_for_row (group, "1 file, 1 with a tempo, 1 skipped", 30);
  g_assert_nonnull (status);
  g_assert_nonnull (find_button (group, "_Scan Now"));
  g_assert_null (find_button (group, "_Cancel"));
  rsb_test_wait_ms (200);
  g_object_unref (rsb_test_render (gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_PAGE), "music-folders.png"));

  details = find_button (group, "_Details");
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  rsb_test_wait_ms (400);
  dialog = rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  text = rsb_test_message_details (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (gtk_label_get_text (text), "notes.mp3"));
  g_assert_nonnull (strstr (gtk_label_get_text (text), "could not be decoded"));
  gtk_window_destroy (dialog);

  /* Removed: its files go from the library, and no count remains. */
  g_signal_emit_by_name (rsb_test_find_widget (folder, GTK_TYPE_BUTTON), "clicked");
  rsb_test_wait_ms (400);
  g_assert_null (wait_for_row (group, "1 file, 1 with a tempo, 1 skipped", 0));
  {
    g_auto(GStrv) left = g_settings_get_strv (f->settings, "music-folders");
    g_assert_cmpuint (g_strv_length (left), ==, 0);
  }
  g_assert_null (find_row (group, "My <b>Music & more"));
}

static gboolean
button_shown (GtkWidget  *group,
              const char *label,
              guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (find_button (group, label) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return find_button (group, label) != NULL;
}

/* While a scan runs: its progress and Cancel instead of Scan Now;
 * Cancel stops it, and what it read stays counted. */
static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *group = find_group (GTK_WIDGET (f->window), "Music Folders");
  g_autofree char *seed = g_build_filename (f->music, "tagged.ogg", NULL);
  g_autofree char *audio = NULL;
  GtkWidget *bar;
  gsize length;

  g_assert_true (g_file_get_contents (seed, &audio, &length, NULL));
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/copy-%03u.ogg", f->music, i);
      g_assert_true (g_file_set_contents (path, audio, length, NULL));
    }
  g_signal_emit_by_name (find_button (group, "_Scan Now"), "clicked");
  g_assert_nonnull (find_button (group, "_Cancel"));
  g_assert_null (find_button (group, "_Scan Now"));
  bar = rsb_test_find_widget (group, GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  g_signal_emit_by_name (find_button (group, "_Cancel"), "clicked");
  g_assert_true (button_shown (group, "_Scan Now", 30));
  g_assert_null (find_button (group, "_Cancel"));
  g_assert_false (gtk_widget_get_visible (bar));
  /* Not the whole folder: the rest waits for the next scan. */
  g_assert_null (find_row (group, "401 files, 401 with a tempo, 1 skipped"));
  g_signal_emit_by_name (find_button (group, "_Scan Now"), "clicked");
  g_assert_nonnull (wait_for_row (group, "401 files, 401 with a tempo, 1 skipped", 60));
}

/* On a phone, dark: the status row's buttons stay inside the window. */
static void
test_narrow_dark (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *group = find_group (GTK_WIDGET (f->window), "Music Folders");
  GtkWidget *page = gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_PAGE);
  GtkButton *scan_now;
  graphene_rect_t bounds;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (page));
  g_signal_emit_by_name (find_button (group, "_Scan Now"), "clicked");
  g_assert_nonnull (wait_for_row (group, "1 file, 1 with a tempo, 1 skipped", 30));
  rsb_test_wait_ms (400);
  g_object_unref (rsb_test_render (GTK_WIDGET (f->window), "music-folders-narrow-dark.png"));
  scan_now = find_button (group, "_Scan Now");
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (scan_now), GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  rsb_test_tolerate_gst_graph_warning ();
  adw_init ();
  g_test_add ("/music-folders/scan", Fixture, NULL, fixture_set_up, test_scan_from_preferences, fixture_tear_down);
  g_test_add ("/music-folders/progress-and-cancel", Fixture, NULL, fixture_set_up, test_progress_and_cancel,
              fixture_tear_down);
  g_test_add ("/music-folders/narrow-dark", Fixture, NULL, fixture_set_up, test_narrow_dark, fixture_tear_down);
  return g_test_run ();
}
