/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Playlists from the window as a person makes them: the menus offer
 * them, Save Playlist… writes the workout's songs in the format of the
 * filter chosen, and Songs for a Cadence… saves the songs whose tempo
 * suits it. (Without a portal the native chooser is GTK's own.) */
#include "config.h"

#include <adwaita.h>

#include "rsb-playlist.h"
#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

#define RUN_M3U8 "Sunday Riverside Loop.m3u8"
#define RUN_XSPF "Sunday Riverside Loop.xspf"

typedef struct {
  char      *dir;
  RsbWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("playlist-window");
  f->window = rsb_test_window_new_sample ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_window_close (f->window);
  rsb_test_dir_remove (g_steal_pointer (&f->dir));
}

/* Whether menu (or a section of it) has an item for action, labelled so. */
static gboolean
menu_has (GMenuModel *menu,
          const char *label,
          const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_label = NULL;
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has (section, label, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_label, label) && g_str_equal (item_action, action))
        return TRUE;
    }
  return FALSE;
}

static GMenuModel *
template_menu (Fixture    *f,
               const char *id)
{
  GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (f->window), RSB_TYPE_WINDOW, id);

  g_assert_true (G_IS_MENU_MODEL (menu));
  return G_MENU_MODEL (menu);
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
  rsb_test_wait_ms (300);
}

static RsbPlaylist *
read_back (Fixture    *f,
           const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  RsbPlaylist *playlist = rsb_playlist_load (path, &error);

  g_assert_no_error (error);
  return playlist;
}

static void
test_menus (Fixture       *f,
            gconstpointer  data)
{
  g_assert_true (menu_has (template_menu (f, "activity_menu"), "Save _Playlist…", "win.save-playlist"));
  g_assert_true (menu_has (template_menu (f, "activity_menu"), "Create Spotify P_laylist", "win.spotify-playlist"));
  g_assert_true (menu_has (template_menu (f, "primary_menu"), "So_ngs for a Cadence…", "win.songs-for-cadence"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-playlist", NULL));
  gtk_window_destroy (GTK_WINDOW (wait_for_chooser ()));
}

/* The workout's menu, opened as a person opens it, shows both entries. */
static void
test_menu_shown (Fixture       *f,
                 gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window), RSB_TYPE_WINDOW,
                                                                          "activity_menu_button"));
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GdkTexture) shot = NULL;
  GtkPopover *popover;

  gtk_menu_button_popup (button);
  rsb_test_wait_ms (300);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  shot = rsb_test_render (GTK_WIDGET (popover), "playlist-activity-menu.png");
  rsb_test_collect_labels (GTK_WIDGET (popover), labels);
  g_assert_nonnull (strstr (labels->str, "Save Playlist…|"));
  g_assert_nonnull (strstr (labels->str, "Create Spotify Playlist|"));
  gtk_menu_button_popdown (button);
}

/* The shown workout's songs, in the order they played, each once:
 * choosing XSPF renames the suggestion and writes XSPF. */
static void
test_save_workout (Fixture       *f,
                   gconstpointer  data)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (rsb_window_get_activity_view (f->window));
  g_autoptr(RsbPlaylist) expected = rsb_playlist_new_for_activity (NULL, activity);
  g_autoptr(RsbPlaylist) saved = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkFileChooser *chooser;
  GtkWidget *toast;

  g_assert_cmpuint (expected->entries->len, >=, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-playlist", NULL));
  chooser = wait_for_chooser ();
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, RUN_M3U8);
  choose_filter (chooser, "XSPF Playlists");
  g_free (name);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, RUN_XSPF);
  save_in (chooser, f->dir);

  toast = rsb_test_shown_toast (GTK_WIDGET (f->window->toast_overlay));
  title = g_strdup_printf ("Saved %u songs to “%s”", expected->entries->len, RUN_XSPF);
  g_assert_cmpstr (rsb_test_toast_title (toast), ==, title);
  g_assert_cmpstr (gtk_button_get_label (rsb_test_toast_button (toast)), ==, "_Open Folder");
  saved = read_back (f, RUN_XSPF);
  g_assert_cmpstr (saved->title, ==, "Sunday Riverside Loop");
  g_assert_cmpuint (saved->entries->len, ==, expected->entries->len);
  for (guint i = 0; i < saved->entries->len; i++)
    {
      RsbPlaylistEntry *s = saved->entries->pdata[i], *e = expected->entries->pdata[i];

      g_assert_cmpstr (s->location, ==, e->location);
      g_assert_cmpstr (s->title, ==, e->title);
    }
}

/* Songs for a cadence: the dialog's cadence picks the songs whose
 * tempo suits it, saved through the same chooser. */
static void
test_songs_for_cadence (Fixture       *f,
                        gconstpointer  data)
{
  RsbStore *store = rsb_window_get_store (f->window);
  const RsbActivity *activity = rsb_activity_view_get_activity (rsb_window_get_activity_view (f->window));
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbPlaylist) saved = NULL;
  AdwMessageDialog *dialog;
  GtkSpinButton *spin;
  const RsbPlay *first = NULL, *second = NULL;

  for (guint i = 0; i < rsb_activity_n_segments (activity) && second == NULL; i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);

      if (play == NULL || (first != NULL && play->track_id == first->track_id))
        continue;
      if (first == NULL)
        first = play;
      else
        second = play;
    }
  g_assert_nonnull (second);
  g_assert_true (rsb_store_set_track_tempo (store, first->track_id, RSB_TEMPO_SOURCE_HAND, 90, 1, &error));
  g_assert_true (rsb_store_set_track_tempo (store, second->track_id, RSB_TEMPO_SOURCE_DEEZER, 128, 0.9, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.songs-for-cadence", NULL));
  rsb_test_wait_ms (200);
  dialog = ADW_MESSAGE_DIALOG (rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  spin = GTK_SPIN_BUTTON (rsb_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 170);
  /* 180 spm: 90 BPM is half of it; 128 suits neither. */
  gtk_spin_button_set_value (spin, 180);
  adw_message_dialog_response (dialog, "save");
  rsb_test_wait_ms (100);
  save_in (wait_for_chooser (), f->dir);

  saved = read_back (f, "Songs for 180 spm.m3u8");
  g_assert_cmpuint (saved->entries->len, ==, 1);
  g_assert_cmpstr (((RsbPlaylistEntry *) saved->entries->pdata[0])->title, ==, first->track.title);
}

/* Every button under widget shows its label whole. */
static void
assert_buttons_whole (GtkWidget *widget,
                      guint     *n_buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) && gtk_button_get_label (GTK_BUTTON (child)))
        {
          int natural;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          g_assert_cmpint (gtk_widget_get_width (child), >=, natural);
          (*n_buttons)++;
        }
      assert_buttons_whole (child, n_buttons);
    }
}

/* On a phone, in the dark: the dialog fits the window and its spin
 * and three buttons show whole. */
static void
test_cadence_dialog_narrow (Fixture       *f,
                            gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) shot = NULL;
  AdwMessageDialog *dialog;
  guint n_buttons = 0;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  rsb_test_wait_ms (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.songs-for-cadence", NULL));
  rsb_test_wait_ms (400);
  dialog = ADW_MESSAGE_DIALOG (rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  shot = rsb_test_render (GTK_WIDGET (dialog), "playlist-cadence-dialog-360-dark.png");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  assert_buttons_whole (GTK_WIDGET (dialog), &n_buttons);
  g_assert_cmpuint (n_buttons, ==, 3);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
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

  add ("/playlist-window/menus", test_menus);
  add ("/playlist-window/menu-shown", test_menu_shown);
  add ("/playlist-window/save-workout", test_save_workout);
  add ("/playlist-window/songs-for-cadence", test_songs_for_cadence);
  add ("/playlist-window/cadence-dialog-narrow", test_cadence_dialog_narrow);
  return g_test_run ();
}
