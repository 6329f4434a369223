/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens the sample run the way a person would, looks at the rendered
 * map, clicks a coloured stretch and reads the song card. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rsb-fake-tile-server.h"
#include "rsb-palette.h"
#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-window.h"

/* One server for the whole run: RSB_TILE_URL must be set before GTK
 * starts its threads. */
static RsbFakeTileServer *tiles;

typedef struct {
  RsbWindow         *window;
  RsbActivityView   *view;
  RsbRouteMap       *map;
} Fixture;

static gboolean
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return gtk_widget_get_mapped (widget);
}

/* Lets the window map, load its route (which waits for the first
 * frame), lay out, draw and fetch its tiles. Slow builds (sanitizers)
 * take longer at each step. */
static void
settle (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline &&
         (!gtk_widget_get_mapped (GTK_WIDGET (f->window)) ||
          rsb_activity_view_get_activity (f->view) == NULL ||
          gtk_widget_get_width (GTK_WIDGET (f->map)) == 0 ||
          rsb_fake_tile_server_n_served (tiles) == 0))
    g_main_context_iteration (NULL, FALSE);
  rsb_test_wait_ms (500);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;

  store = rsb_sample_open_store (&error);
  g_assert_no_error (error);
  f->window = rsb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view = rsb_window_get_activity_view (f->window);
  f->map = rsb_activity_view_get_map (f->view);
  settle (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
}

/* The segment of the sample whose song has this title. */
static guint
segment_titled (const RsbActivity *activity,
                const char        *title)
{
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);

      if (play != NULL && g_str_equal (play->track.title, title))
        return i;
    }
  g_assert_not_reached ();
}

/* Window coordinates of the middle point of a segment. */
static void
segment_middle (Fixture *f,
                guint    segment,
                double  *x,
                double  *y)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);
  const RsbSegment *seg = rsb_activity_segment (activity, segment);
  graphene_point_t in_map, in_window;

  g_assert_true (rsb_route_map_point_position (f->map, (seg->first_point + seg->last_point) / 2, x, y));
  in_map = GRAPHENE_POINT_INIT (*x, *y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->map), GTK_WIDGET (f->window), &in_map, &in_window));
  *x = in_window.x;
  *y = in_window.y;
}

/* Clicks the map at window coordinates, through the same gesture a
 * pointer drives. */
static void
click_map (Fixture *f,
           double   window_x,
           double   window_y)
{
  GtkGesture *gesture = GTK_GESTURE (rsb_test_find_controller (GTK_WIDGET (f->map), GTK_TYPE_GESTURE_CLICK));
  graphene_point_t in_window = GRAPHENE_POINT_INIT (window_x, window_y), in_map;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->window), GTK_WIDGET (f->map), &in_window, &in_map));
  g_signal_emit_by_name (gesture, "pressed", 1, (double) in_map.x, (double) in_map.y);
  g_signal_emit_by_name (gesture, "released", 1, (double) in_map.x, (double) in_map.y);
  rsb_test_wait_ms (300);
}

static void
test_sample_opens (Fixture       *f,
                   gconstpointer  data)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);

  g_assert_nonnull (activity);
  g_assert_cmpstr (activity->info->name, ==, "Sunday Riverside Loop");
  /* About 12 songs, a skipped one among them, and a stretch without music. */
  g_assert_cmpuint (activity->match->n_songs, >=, 11);
  g_assert_cmpuint (activity->match->n_songs, <=, 13);
  g_assert_true (rsb_activity_segment_play (activity, segment_titled (activity, "Hill Repeats (Slow Version)"))->skipped);
  g_assert_cmpuint (rsb_activity_n_segments (activity), ==, activity->match->n_songs + 1);
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, -1);
  /* Tiles came from the fake server, asked for with the app's User-Agent. */
  g_assert_cmpuint (rsb_fake_tile_server_n_served (tiles), >, 0);
  g_assert_true (g_str_has_prefix (rsb_fake_tile_server_last_user_agent (tiles), "RunSousBpm/"));
}

static void
test_map_draws_segments (Fixture       *f,
                         gconstpointer  data)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);
  g_autoptr(GArray) colours = rsb_palette_for_activity (activity);
  g_autoptr(GdkTexture) texture = rsb_test_render (GTK_WIDGET (f->window), "test-window-sample.png");
  guint checked = 0;

  /* Each song's stretch shows in its own colour where the route runs. */
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbSegment *seg = rsb_activity_segment (activity, i);
      double x, y;

      if (!rsb_segment_has_music (seg) || seg->last_point - seg->first_point < 60)
        continue;
      segment_middle (f, i, &x, &y);
      g_assert_true (rsb_test_colour_near (texture, x, y, &g_array_index (colours, GdkRGBA, i)));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 8);
}

static void
test_map_draws_tiles (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = rsb_test_render (GTK_WIDGET (f->window), "test-window-tiles.png");
  GdkRGBA tile = { 0.93, 0.92, 0.89, 1 };
  graphene_point_t corner = GRAPHENE_POINT_INIT (40, 200), in_window;

  /* Away from the route, the background is the fake server's tile. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->map), GTK_WIDGET (f->window), &corner, &in_window));
  g_assert_true (rsb_test_colour_near (texture, in_window.x, in_window.y, &tile));
}

static void
test_click_segment_shows_song (Fixture       *f,
                               gconstpointer  data)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);
  guint target = segment_titled (activity, "Sweat Equity");
  RsbSongCard *card = rsb_activity_view_get_card (f->view);
  g_autoptr(GdkTexture) texture = NULL;
  double x, y;

  segment_middle (f, target, &x, &y);
  click_map (f, x, y);

  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, target);
  g_assert_cmpstr (rsb_song_card_get_title (card), ==, "Sweat Equity");
  g_assert_cmpstr (rsb_song_card_get_artist (card), ==, "Lactic Acid Lovers");
  g_assert_true (wait_until_mapped (GTK_WIDGET (card)));
  texture = rsb_test_render (GTK_WIDGET (f->window), "test-window-selected.png");

  /* A click far from the route changes nothing. */
  click_map (f, gtk_widget_get_width (GTK_WIDGET (f->window)) / 2.0 - 300, 120);
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, target);
}

static void
test_click_no_music (Fixture       *f,
                     gconstpointer  data)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);
  RsbSongCard *card = rsb_activity_view_get_card (f->view);
  double x, y;

  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      if (rsb_segment_has_music (rsb_activity_segment (activity, i)))
        continue;
      segment_middle (f, i, &x, &y);
      click_map (f, x, y);
      g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, i);
      g_assert_cmpstr (rsb_song_card_get_title (card), ==, "No music");
      return;
    }
  g_assert_not_reached ();
}

static void
test_list_row_selects (Fixture       *f,
                       gconstpointer  data)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);
  guint target = segment_titled (activity, "Runner's High Noon");
  RsbSongCard *card = rsb_activity_view_get_card (f->view);

  rsb_activity_view_select (f->view, target);
  rsb_test_wait_ms (100);
  g_assert_cmpstr (rsb_song_card_get_title (card), ==, "Runner's High Noon");
  rsb_activity_view_select (f->view, -1);
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, -1);
}

/* ] and [ step through the stretches, Escape clears. */
static void
test_keyboard_steps (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  RsbSongCard *card = rsb_activity_view_get_card (f->view);

  g_assert_true (gtk_widget_activate_action (view, "activity.next-song", NULL));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 0);
  g_assert_cmpstr (rsb_song_card_get_title (card), ==, "Warm-Up Lap");
  g_assert_true (gtk_widget_activate_action (view, "activity.next-song", NULL));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 1);
  g_assert_true (gtk_widget_activate_action (view, "activity.previous-song", NULL));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 0);
  g_assert_true (gtk_widget_activate_action (view, "activity.clear-selection", NULL));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, -1);
}

/* The welcome page's menu is made when first opened, like the others. */
static void
assert_welcome_menu_opens (RsbWindow *window)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), RSB_TYPE_WINDOW,
                                                                          "welcome_menu_button"));
  GtkPopover *popover;

  g_assert_null (gtk_menu_button_get_popover (button));
  gtk_menu_button_popup (button);
  rsb_test_wait_ms (100);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)) ==
                 G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), RSB_TYPE_WINDOW, "primary_menu")));
  gtk_menu_button_popdown (button);
  rsb_test_wait_ms (100);
}

/* A window on an empty library of its own, as on first launch. */
static void
test_import_into_library (void)
{
  g_autofree char *dir = rsb_test_dir_new ("window");
  g_autofree char *gpx = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  g_autofree char *history = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "Streaming_History_Audio_Sample.json", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  RsbWindow *window;
  const RsbActivity *activity;
  gint64 deadline;

  g_setenv ("RSB_DATA_DIR", dir, TRUE);
  window = rsb_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  rsb_test_wait_ms (200);
  g_assert_null (rsb_activity_view_get_activity (rsb_window_get_activity_view (window)));
  assert_welcome_menu_opens (window);

  g_ptr_array_add (files, g_file_new_for_path (gpx));
  g_ptr_array_add (files, g_file_new_for_path (history));
  rsb_window_import_files (window, files);
  g_assert_true (rsb_window_is_importing (window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (rsb_window_is_importing (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  rsb_test_wait_ms (200);

  /* The imported run is shown, its songs placed. */
  activity = rsb_activity_view_get_activity (rsb_window_get_activity_view (window));
  g_assert_nonnull (activity);
  g_assert_cmpstr (activity->info->name, ==, "Sunday Riverside Loop");
  g_assert_cmpuint (activity->match->n_songs, ==, 12);
  gtk_window_destroy (GTK_WINDOW (window));
  rsb_test_wait_ms (50);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* Shifting the clock moves the songs along the route, live. */
static void
test_clock_offset (Fixture       *f,
                   gconstpointer  data)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);
  guint target = segment_titled (activity, "Sweat Equity");
  guint first = rsb_activity_segment (activity, target)->first_point;
  GtkSpinButton *spin = GTK_SPIN_BUTTON (rsb_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_SPIN_BUTTON));
  g_autoptr(RsbStore) store = NULL;

  gtk_spin_button_set_value (spin, 30);
  rsb_test_wait_ms (100);
  activity = rsb_activity_view_get_activity (f->view);
  g_assert_cmpint (activity->info->clock_offset_ms, ==, 30000);
  /* At 1 Hz, 30 s later is 30 points further. */
  g_assert_cmpuint (rsb_activity_segment (activity, segment_titled (activity, "Sweat Equity"))->first_point,
                    ==, first + 30);
  /* Saved to the (sample's own) library once the spinning stops. */
  rsb_test_wait_ms (600);
  store = g_object_ref (rsb_window_get_store (f->window));
  {
    g_autoptr(RsbActivityInfo) info = rsb_store_get_activity (store, activity->info->id, NULL);
    g_assert_cmpint (info->clock_offset_ms, ==, 30000);
  }
}

/* The shortcuts window (Ctrl+?) lists every key the window answers. */
static void
test_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/runsousbpm/RunSousBpm/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GString) listed = g_string_new ("|");
  static const char * const expected[] = {
    "win.import", "win.import-folder", "app.sync", "app.preferences", "app.quit", "win.show-help-overlay",
    "<Control>f", "Down", "Escape", "Up Down", "Return", "bracketright", "bracketleft", "Left Right", "Home End",
  };

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action, NULL);
      g_string_append_printf (listed, "%s|", accelerator ? accelerator : action);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *item = g_strdup_printf ("|%s|", expected[i]);

      if (strstr (listed->str, item) == NULL)
        g_error ("%s missing from the shortcuts window: %s", expected[i], listed->str);
    }
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  tiles = rsb_fake_tile_server_new (&error);
  g_assert_no_error (error);
  url = rsb_fake_tile_server_url_template (tiles);
  g_setenv ("RSB_TILE_URL", url, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/window/sample-opens", test_sample_opens);
  ADD ("/window/map-draws-segments", test_map_draws_segments);
  ADD ("/window/map-draws-tiles", test_map_draws_tiles);
  ADD ("/window/click-segment-shows-song", test_click_segment_shows_song);
  ADD ("/window/click-no-music", test_click_no_music);
  ADD ("/window/list-row-selects", test_list_row_selects);
  ADD ("/window/keyboard-steps", test_keyboard_steps);
  ADD ("/window/clock-offset", test_clock_offset);
  g_test_add_func ("/window/import-into-library", test_import_into_library);
  g_test_add_func ("/window/shortcuts-listed", test_shortcuts_listed);

  return g_test_run ();
}
