/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The activity view follows the library: a workout opened before its
 * listening history was imported shows its songs as soon as the history
 * lands (map, song list, chart bands, card, header, row), and a clock
 * offset keeps the song the person chose. Driven through the window as
 * a person does it, with the real scenario in ../shared: a run moved in
 * time onto a real Spotify account-data history. */
#include "config.h"

#include <adwaita.h>

#include "rsb-activity-item.h"
#include "rsb-palette.h"
#include "rsb-test-dir.h"
#include "rsb-test-input.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

typedef struct {
  char      *dir;
  RsbWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("activity-view");
  f->window = rsb_test_window_new_library (f->dir, 1280, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_window_close (f->window);
  rsb_test_dir_remove (g_steal_pointer (&f->dir));
}

/* Imports one file through the window, as Open or a drop does, and
 * waits for the import and the list's steps. */
static void
import_path (Fixture    *f,
             const char *path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_ptr_array_add (files, g_file_new_for_path (path));
  rsb_window_import_files (f->window, files);
  while (rsb_window_is_importing (f->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rsb_window_is_importing (f->window));
  rsb_test_wait_ms (300);
}

static RsbActivityView *
view_of (Fixture *f)
{
  return rsb_window_get_activity_view (f->window);
}

static guint
n_song_rows (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (rsb_activity_view_get_song_list (view_of (f))));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row);
  return n;
}

/* The texts of every label under a widget, one a line: what a person
 * reads there. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
shown_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_text (widget, text);
  return g_string_free (text, FALSE);
}

static const RsbActivityInfo *
selected_row_info (Fixture *f)
{
  RsbActivityItem *item = gtk_single_selection_get_selected_item (f->window->selection);

  g_assert_nonnull (item);
  return rsb_activity_item_get_info (item);
}

/* A point inside a song's stretch draws in the song's colour, and a
 * click there picks that song. */
static void
assert_map_shows_song (Fixture *f,
                       guint    segment)
{
  RsbActivityView *view = view_of (f);
  const RsbActivity *activity = rsb_activity_view_get_activity (view);
  const RsbSegment *seg = rsb_activity_segment (activity, segment);
  RsbRouteMap *map = rsb_activity_view_get_map (view);
  g_autoptr(GArray) colours = rsb_palette_for_activity (activity);
  g_autoptr(GdkTexture) texture = NULL;
  double x, y;

  rsb_route_map_reveal_segment (map, segment);
  rsb_test_wait_ms (400);
  g_assert_true (rsb_route_map_point_position (map, (seg->first_point + seg->last_point) / 2, &x, &y));
  g_assert_cmpint (rsb_route_map_hit_test (map, x, y), ==, segment);
  texture = rsb_test_render (GTK_WIDGET (map), "activity-view-map.png");
  g_assert_true (rsb_test_colour_near (texture, x, y, &g_array_index (colours, GdkRGBA, segment)));
}

static int
first_song (const RsbActivity *activity)
{
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    if (rsb_activity_segment_play (activity, i) != NULL)
      return i;
  return -1;
}

/* The first stumble: one workout imported and opened, then the
 * history that covers it. */
static void
test_history_after_workout (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *run = rsb_test_shared_file ("scenarios", "evening-run-over-StreamingHistory0.tcx");
  g_autofree char *history = rsb_test_shared_file ("spotify", "StreamingHistory0.json");
  g_autofree char *before = NULL;
  g_autofree char *card = NULL;
  RsbActivityView *view;
  const RsbActivity *activity;
  RsbProfileChart *chart;
  int song;

  if (run == NULL || history == NULL)
    return;
  import_path (f, run);
  view = view_of (f);
  activity = rsb_activity_view_get_activity (view);
  g_assert_nonnull (activity);
  g_assert_cmpuint (activity->match->n_songs, ==, 0);
  before = shown_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (before, "No listening history covers this workout yet"));
  g_assert_cmpuint (n_song_rows (f), ==, 1);
  /* The time column says what it is. */
  g_assert_nonnull (strstr (before, "Starts into the workout"));
  g_assert_cmpuint (selected_row_info (f)->n_songs, ==, 0);

  /* The history lands while the workout stays open. */
  import_path (f, history);
  activity = rsb_activity_view_get_activity (view);
  g_assert_true (activity == rsb_activity_view_get_activity (view_of (f)));
  g_assert_cmpuint (activity->match->n_songs, >, 5);
  g_assert_cmpuint (selected_row_info (f)->n_songs, ==, activity->match->n_songs);
  g_assert_cmpfloat (selected_row_info (f)->coverage, >, 0.5);
  /* The note goes; every stretch has a row; the header still names it. */
  g_assert_null (strstr (shown_text (GTK_WIDGET (view)), "No listening history covers this workout yet"));
  g_assert_cmpuint (n_song_rows (f), ==, rsb_activity_n_segments (activity));
  g_assert_cmpstr (adw_window_title_get_title (f->window->content_title), ==, selected_row_info (f)->name);
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->content_title), !=, "");

  /* Map and chart show the songs, and a click on either picks one. */
  song = first_song (activity);
  g_assert_cmpint (song, >=, 0);
  assert_map_shows_song (f, song);
  chart = rsb_activity_view_get_chart (view);
  {
    const RsbSegment *seg = rsb_activity_segment (activity, song);
    double x;

    g_assert_true (rsb_profile_chart_x_for_point (chart, (seg->first_point + seg->last_point) / 2, &x));
    g_assert_cmpint (rsb_profile_chart_segment_at (chart, x), ==, song);
  }

  /* The card tells the song that is selected. */
  rsb_activity_view_select (view, song);
  rsb_test_wait_ms (400);
  g_assert_cmpstr (rsb_song_card_get_title (rsb_activity_view_get_card (view)), ==,
                   rsb_activity_segment_play (activity, song)->track.title);
  card = shown_text (GTK_WIDGET (rsb_activity_view_get_card (view)));
  g_assert_nonnull (strstr (card, "on the road for"));
}

/* The offset moves songs along the route; the one chosen stays chosen
 * (by its play, not by its place in the list), and the card with it. */
static void
test_offset_keeps_song (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *run = rsb_test_shared_file ("scenarios", "evening-run-over-StreamingHistory0.tcx");
  g_autofree char *history = rsb_test_shared_file ("spotify", "StreamingHistory0.json");
  RsbActivityView *view;
  const RsbActivity *activity;
  GtkSpinButton *spin;
  graphene_rect_t spin_before, spin_after;
  gint64 play_id;
  g_autofree char *title = NULL;
  int song, moved;

  if (run == NULL || history == NULL)
    return;
  import_path (f, history);
  import_path (f, run);
  view = view_of (f);
  activity = rsb_activity_view_get_activity (view);
  /* A song after a "no music" stretch, so that its index can change. */
  song = rsb_activity_n_segments (activity) - 2;
  while (song > 0 && rsb_activity_segment_play (activity, song) == NULL)
    song--;
  g_assert_cmpint (song, >, 0);
  play_id = rsb_activity_segment_play (activity, song)->id;
  title = g_strdup (rsb_activity_segment_play (activity, song)->track.title);
  spin = GTK_SPIN_BUTTON (rsb_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  /* The offset's buttons stay under the pointer as the card opens. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (spin), GTK_WIDGET (f->window), &spin_before));
  rsb_activity_view_select (view, song);
  rsb_test_wait_ms (600);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (spin), GTK_WIDGET (f->window), &spin_after));
  g_assert_cmpfloat (spin_after.origin.y, ==, spin_before.origin.y);
  g_assert_cmpfloat (spin_after.origin.x, ==, spin_before.origin.x);
  /* Two minutes later: songs shift by the better part of a song. */
  gtk_spin_button_set_value (spin, 120);
  rsb_test_wait_ms (100);
  moved = rsb_activity_view_get_selected (view);
  g_assert_cmpint (moved, >=, 0);
  g_assert_cmpint (rsb_activity_segment_play (activity, moved)->id, ==, play_id);
  g_assert_cmpstr (rsb_song_card_get_title (rsb_activity_view_get_card (view)), ==, title);

  /* Saved (the window reads the activity again): still the same song. */
  rsb_test_wait_ms (700);
  activity = rsb_activity_view_get_activity (view);
  g_assert_cmpint (activity->info->clock_offset_ms, ==, 120000);
  moved = rsb_activity_view_get_selected (view);
  g_assert_cmpint (moved, >=, 0);
  g_assert_cmpint (rsb_activity_segment_play (activity, moved)->id, ==, play_id);
  g_assert_cmpstr (rsb_song_card_get_title (rsb_activity_view_get_card (view)), ==, title);
}

static void
import_scenario (Fixture *f)
{
  g_autofree char *run = rsb_test_shared_file ("scenarios", "evening-run-over-StreamingHistory0.tcx");
  g_autofree char *history = rsb_test_shared_file ("spotify", "StreamingHistory0.json");

  import_path (f, history);
  import_path (f, run);
}

static gboolean
is_ellipsized (GtkWidget *label)
{
  return pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

/* Whether child lies whole inside ancestor. */
static gboolean
lies_within (GtkWidget *child,
             GtkWidget *ancestor)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (child, ancestor, &bounds));
  return bounds.origin.x >= 0 && bounds.origin.y >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (ancestor) + 0.5 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (ancestor) + 0.5;
}

/* On a phone (360 px): a usable map with its zoom buttons whole, several
 * song rows, the date whole in the header, with a song selected too. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  RsbActivityView *view;
  GtkWidget *map, *zoom, *scroller;
  GtkListBoxRow *row;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  int song;

  if (rsb_test_shared_file ("spotify", "StreamingHistory0.json") == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  rsb_test_wait_ms (300);
  import_scenario (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-content", NULL);
  rsb_test_wait_ms (600);
  g_assert_true (adw_leaflet_get_folded (f->window->leaflet));
  view = view_of (f);
  before = rsb_test_render (GTK_WIDGET (f->window), "activity-view-narrow.png");
  song = first_song (rsb_activity_view_get_activity (view));
  rsb_activity_view_select (view, song + 1);
  rsb_test_wait_ms (800);
  after = rsb_test_render (GTK_WIDGET (f->window), "activity-view-narrow-song.png");

  map = GTK_WIDGET (rsb_activity_view_get_map (view));
  g_assert_cmpint (gtk_widget_get_height (map), >=, 200);
  /* libshumate's zoom buttons: their box holds the first button. */
  zoom = gtk_widget_get_parent (rsb_test_find_widget (map, GTK_TYPE_BUTTON));
  g_assert_cmpint (gtk_widget_get_height (zoom), >=, 2 * 28);
  g_assert_true (lies_within (zoom, map));
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (rsb_activity_view_get_song_list (view)), GTK_TYPE_SCROLLED_WINDOW);
  row = gtk_list_box_get_row_at_index (rsb_activity_view_get_song_list (view), 0);
  g_assert_cmpint (gtk_widget_get_height (scroller), >=, 3 * gtk_widget_get_height (GTK_WIDGET (row)));
  for (GtkWidget *label = rsb_test_find_widget (GTK_WIDGET (f->window->content_title), GTK_TYPE_LABEL); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), adw_window_title_get_subtitle (f->window->content_title)) == 0)
      g_assert_false (is_ellipsized (label));
}

/* A workout read from a damaged file says so where the person reads
 * the activity, at phone width and in dark style too. */
static void
test_recovered (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *fit = rsb_test_shared_file ("activities", "activity-unexpected-eof.fit");
  g_autofree char *shown = NULL;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (fit == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  rsb_test_wait_ms (300);
  import_path (f, fit);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-content", NULL);
  rsb_test_wait_ms (600);
  g_assert_cmpstr (rsb_activity_view_get_activity (view_of (f))->info->recovered, ==,
                   "“activity-unexpected-eof.fit” ends early: 14 records recovered");
  shown = shown_text (GTK_WIDGET (view_of (f)));
  g_assert_nonnull (strstr (shown, "Recovered from a damaged file: “activity-unexpected-eof.fit” ends early: 14 records recovered"));
  light = rsb_test_render (GTK_WIDGET (f->window), "activity-view-recovered.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  rsb_test_wait_ms (400);
  dark = rsb_test_render (GTK_WIDGET (f->window), "activity-view-recovered-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Selecting songs with long and short titles moves neither the split
 * between map and songs nor the sidebar of activities. */
static void
test_no_jump (Fixture       *f,
              gconstpointer  data)
{
  RsbActivityView *view;
  const RsbActivity *activity;
  GtkWidget *map, *sidebar;
  int width, sidebar_width;

  if (rsb_test_shared_file ("spotify", "StreamingHistory0.json") == NULL)
    return;
  /* Wide enough for the sidebar, narrow enough for the split to matter. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  import_scenario (f);
  view = view_of (f);
  g_assert_false (rsb_activity_view_get_narrow (view));
  activity = rsb_activity_view_get_activity (view);
  map = GTK_WIDGET (rsb_activity_view_get_map (view));
  /* A title long enough to wrap over three lines of the card. */
  {
    RsbPlay *play = (RsbPlay *) rsb_activity_segment_play (activity, first_song (activity));

    g_free (play->track.title);
    play->track.title = g_strdup ("Concerto for Very Long Song Titles in the Key of Patience, Movement Three: "
                                  "the Endless Coda (Extended Remastered Live Version)");
  }
  rsb_activity_view_select (view, -1);
  rsb_test_wait_ms (600);
  width = gtk_widget_get_width (map);
  sidebar = GTK_WIDGET (f->window->activity_list);
  sidebar_width = gtk_widget_get_width (sidebar);
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      rsb_activity_view_select (view, i);
      rsb_test_wait_ms (60);
      g_assert_cmpint (gtk_widget_get_width (map), ==, width);
      g_assert_cmpint (gtk_widget_get_width (sidebar), ==, sidebar_width);
    }
  rsb_activity_view_select (view, -1);
  rsb_test_wait_ms (600);
  g_assert_cmpint (gtk_widget_get_width (map), ==, width);
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, sidebar_width);
}

static gboolean
same_pixels (GdkTexture *a,
             GdkTexture *b)
{
  g_autofree guchar *x = rsb_test_pixels (a);
  g_autofree guchar *y = rsb_test_pixels (b);

  return gdk_texture_get_width (a) == gdk_texture_get_width (b) &&
         gdk_texture_get_height (a) == gdk_texture_get_height (b) &&
         memcmp (x, y, (gsize) gdk_texture_get_width (a) * gdk_texture_get_height (a) * 4) == 0;
}

/* Tab walks the whole window; wherever it stops, the widget looks
 * different with the keyboard focus shown than without. */
static void
test_focus_rings (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GString) missing = g_string_new (NULL);

  if (rsb_test_shared_file ("spotify", "StreamingHistory0.json") == NULL)
    return;
  import_scenario (f);
  rsb_activity_view_select (view_of (f), 1);
  rsb_test_wait_ms (400);
  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  for (guint step = 0; step < 80; step++)
    {
      GtkWidget *focus;
      g_autoptr(GdkTexture) shown = NULL;
      g_autoptr(GdkTexture) hidden = NULL;

      rsb_test_input_key ("Tab");
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      if (focus == NULL || g_ptr_array_find (seen, focus, NULL))
        break;
      g_ptr_array_add (seen, focus);
      g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (f->window)));
      /* The whole window: a ring may be drawn around the widget, and
       * nothing but the focused widget depends on the focus showing.
       * A style change shows from the next frame on, which a loaded
       * machine may draw late: a few tries before calling it missing. */
      for (guint attempt = 0; attempt < 8; attempt++)
        {
          g_clear_object (&shown);
          g_clear_object (&hidden);
          gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
          rsb_test_wait_ms (attempt * 100);
          shown = rsb_test_render (GTK_WIDGET (f->window), "focus-shown.png");
          gtk_window_set_focus_visible (GTK_WINDOW (f->window), FALSE);
          rsb_test_wait_ms (50 + attempt * 100);
          hidden = rsb_test_render (GTK_WIDGET (f->window), "focus-hidden.png");
          if (!same_pixels (shown, hidden))
            break;
        }
      gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
      if (same_pixels (shown, hidden))
        g_string_append_printf (missing, " %s (%s)", G_OBJECT_TYPE_NAME (focus), GTK_IS_LABEL (focus) ? gtk_label_get_text (GTK_LABEL (focus)) : "");
    }
  g_test_message ("%u focus stops", seen->len);
  g_assert_cmpuint (seen->len, >=, 8);
  if (missing->len > 0)
    g_error ("no focus ring on:%s", missing->str);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/activity-view/history-after-workout", Fixture, NULL,
              fixture_set_up, test_history_after_workout, fixture_tear_down);
  g_test_add ("/activity-view/offset-keeps-song", Fixture, NULL,
              fixture_set_up, test_offset_keeps_song, fixture_tear_down);
  g_test_add ("/activity-view/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/activity-view/recovered", Fixture, NULL, fixture_set_up, test_recovered, fixture_tear_down);
  g_test_add ("/activity-view/no-jump", Fixture, NULL, fixture_set_up, test_no_jump, fixture_tear_down);
  g_test_add ("/activity-view/focus-rings", Fixture, NULL, fixture_set_up, test_focus_rings, fixture_tear_down);
  return g_test_run ();
}
