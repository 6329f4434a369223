/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library side of the window, used the way a person would: search
 * the activities by name, sport, date and song heard, sort them, read
 * each row's coverage, browse the songs page and click through to the
 * stretch where a song played, and all of it in a phone-wide window. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rsb-activity-item.h"
#include "rsb-test-dir.h"
#include "rsb-test-input.h"
#include "rsb-test-ui.h"
#include "rsb-window-private.h"

#define T_RUN  G_GINT64_CONSTANT (1709366400000)   /* 2024-03-02T08:00Z */
#define T_RIDE G_GINT64_CONSTANT (1710525600000)   /* 2024-03-15T18:00Z */
#define T_WALK G_GINT64_CONSTANT (1700474400000)   /* 2023-11-20T10:00Z */

typedef struct {
  char      *dir;
  RsbWindow *window;
  gint64     run_id, ride_id, walk_id;
} Fixture;

static double run_speed (guint i) { return i < 300 ? 2.5 : 3.5; }
static double run_heart (guint i) { return i < 300 ? 140 : 160; }
static double ride_speed (guint i) { return 8.0; }
static double ride_heart (guint i) { return 130; }
static double walk_speed (guint i) { return 1.4; }
static double walk_heart (guint i) { return NAN; }

/* Points a second apart; the step leaving point i runs at speed (i). */
static gint64
add_workout (RsbStore   *store,
             const char *name,
             const char *sport,
             gint64      start_ms,
             guint       n,
             double    (*speed) (guint i),
             double    (*heart) (guint i))
{
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
  g_autoptr(RsbStreams) streams = rsb_streams_new (n);
  g_autoptr(GError) error = NULL;
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  double *hr = rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE);
  gint64 id;

  for (guint i = 0; i < n; i++)
    {
      time[i] = i;
      distance[i] = i == 0 ? 0 : distance[i - 1] + speed (i - 1);
      lat[i] = 46.0 + distance[i] * 1e-5;
      lon[i] = 14.0 + (i % 2) * 1e-6;
      hr[i] = heart (i);
    }
  info->source = g_strdup ("file");
  info->source_id = g_strdup (name);
  info->name = g_strdup (name);
  info->sport = g_strdup (sport);
  info->start_ms = start_ms;
  info->elapsed_s = info->moving_s = n - 1;
  info->distance_m = distance[n - 1];
  info->min_lat = 46.0;
  info->max_lat = 46.0 + distance[n - 1] * 1e-5;
  info->min_lon = 14.0;
  info->max_lon = 14.0 + 1e-6;
  g_assert_true (rsb_store_begin (store, &error));
  id = rsb_store_add_activity (store, info, streams, &error);
  g_assert_no_error (error);
  g_assert_true (rsb_store_commit (store, &error));
  return id;
}

static void
add_play (RsbStore   *store,
          const char *title,
          const char *artists,
          gint64      start_ms,
          gint64      end_ms)
{
  g_autoptr(RsbPlay) play = rsb_play_new ();
  g_autoptr(GError) error = NULL;
  gboolean added;

  play->track.uri = g_strdup_printf ("spotify:track:%s", title);
  play->track.title = g_strdup (title);
  play->track.artists = g_strdup (artists);
  play->start_ms = start_ms;
  play->end_ms = end_ms;
  play->ms_played = end_ms - start_ms;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  play->precision_ms = 1000;
  g_assert_true (rsb_store_begin (store, &error));
  g_assert_true (rsb_store_add_play (store, play, &added, &error));
  g_assert_true (rsb_store_refresh_matches (store, start_ms, end_ms, &error));
  g_assert_true (rsb_store_commit (store, &error));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autofree char *path = NULL;

  f->dir = rsb_test_dir_new ("library-window");
  g_setenv ("RSB_DATA_DIR", f->dir, TRUE);
  path = rsb_store_default_path ();
  store = rsb_store_open (path, &error);
  g_assert_no_error (error);
  /* 1.8 km in 10 min, 2.4 km in 5 min, 1.26 km in 15 min. */
  f->run_id = add_workout (store, "Tempo Run", "run", T_RUN, 601, run_speed, run_heart);
  f->ride_id = add_workout (store, "Evening Commute", "ride", T_RIDE, 301, ride_speed, ride_heart);
  f->walk_id = add_workout (store, "Quiet Stroll", "walk", T_WALK, 901, walk_speed, walk_heart);
  add_play (store, "Slow Song", "Artist One", T_RUN, T_RUN + 300000);
  add_play (store, "Fast Song", "Café Tacvba", T_RUN + 300000, T_RUN + 605000);
  add_play (store, "Slow Song", "Artist One", T_RIDE, T_RIDE + 200000);
  g_clear_object (&store);

  f->window = rsb_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline &&
       (!gtk_widget_get_mapped (GTK_WIDGET (f->window)) || f->window->shown_id == 0 ||
        g_list_model_get_n_items (G_LIST_MODEL (f->window->activities)) < 3); )
    g_main_context_iteration (NULL, FALSE);
  rsb_test_wait_ms (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
  rsb_test_dir_remove (f->dir);
}

/* The names the list shows, in order, joined by commas. */
static char *
shown_names (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->window->selection);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RsbActivityItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i ? ", " : "", rsb_activity_item_get_info (item)->name);
    }
  return g_string_free (names, FALSE);
}

/* Types a search as a person would, and waits for the entry's delay. */
static char *
search (Fixture    *f,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (f->window->activity_search), text);
  rsb_test_wait_ms (400);
  return shown_names (f);
}

#define assert_search(f, text, expected) \
  G_STMT_START { g_autofree char *names_ = search (f, text); g_assert_cmpstr (names_, ==, expected); } G_STMT_END

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  assert_search (f, "", "Evening Commute, Tempo Run, Quiet Stroll");
  assert_search (f, "tempo", "Tempo Run");
  assert_search (f, "COMMUTE", "Evening Commute");
  /* Sport, by its stored word or a word a person uses. */
  assert_search (f, "ride", "Evening Commute");
  assert_search (f, "cycling", "Evening Commute");
  assert_search (f, "walk", "Quiet Stroll");
  /* Dates: a year, a month, a day. */
  assert_search (f, "2024", "Evening Commute, Tempo Run");
  assert_search (f, "march", "Evening Commute, Tempo Run");
  assert_search (f, "2024-03-02", "Tempo Run");
  assert_search (f, "november 2023", "Quiet Stroll");
  /* The runs where I heard X: by title, by artist, accents folded. */
  assert_search (f, "slow song", "Evening Commute, Tempo Run");
  assert_search (f, "fast", "Tempo Run");
  assert_search (f, "cafe tacvba", "Tempo Run");
  /* Nothing matches: a status page says so instead of a blank list. */
  assert_search (f, "zumba", "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->activity_stack), ==, "no-match");
  assert_search (f, "", "Evening Commute, Tempo Run, Quiet Stroll");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->activity_stack), ==, "list");
}

static void
test_search_keeps_shown_activity (Fixture       *f,
                                  gconstpointer  data)
{
  gint64 shown = f->window->shown_id;

  g_assert_cmpint (shown, ==, f->ride_id);
  /* Hiding the shown activity's row does not switch what is shown. */
  assert_search (f, "tempo", "Tempo Run");
  g_assert_cmpint (f->window->shown_id, ==, shown);
  g_assert_cmpint (rsb_activity_view_get_activity (rsb_window_get_activity_view (f->window))->info->id, ==, shown);
}

static void
sort_by (Fixture    *f,
         const char *key)
{
  /* What the sort menu's radio items do. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "activity-sort", g_variant_new_string (key));
  rsb_test_wait_ms (100);
}

#define assert_order(f, key, expected) \
  G_STMT_START { g_autofree char *names_ = NULL; sort_by (f, key); names_ = shown_names (f); \
                 g_assert_cmpstr (names_, ==, expected); } G_STMT_END

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  assert_order (f, "distance", "Evening Commute, Tempo Run, Quiet Stroll");
  assert_order (f, "duration", "Quiet Stroll, Tempo Run, Evening Commute");
  assert_order (f, "coverage", "Tempo Run, Evening Commute, Quiet Stroll");
  /* The choice is remembered. */
  g_assert_cmpstr (g_settings_get_string (settings, "activity-sort"), ==, "coverage");
  /* Sorting and searching together. */
  assert_search (f, "2024", "Tempo Run, Evening Commute");
  assert_search (f, "", "Tempo Run, Evening Commute, Quiet Stroll");
  assert_order (f, "date", "Evening Commute, Tempo Run, Quiet Stroll");
}

static void
test_coverage_on_rows (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  rsb_test_collect_labels (GTK_WIDGET (f->window->activity_list), text);
  /* The ride had music for 200 of its 300 s, the walk none. */
  g_assert_nonnull (strstr (text->str, "Tempo Run|"));
  g_assert_nonnull (strstr (text->str, "|100 % with music|"));
  g_assert_nonnull (strstr (text->str, "|67 % with music|"));
  g_assert_nonnull (strstr (text->str, "|No listening history|"));
}

static RsbSongsPage *
show_songs (Fixture *f)
{
  RsbSongsPage *page;

  /* Launch does not wait for the page: it is made when first shown. */
  g_assert_null (f->window->songs_page);
  adw_view_stack_set_visible_child_name (f->window->library_stack, "songs");
  page = f->window->songs_page;
  g_assert_nonnull (page);
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline && rsb_songs_page_is_loading (page); )
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (rsb_songs_page_is_loading (page));
  rsb_test_wait_ms (100);
  return page;
}

static void
test_songs_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GString) text = g_string_new (NULL);
  RsbSongsPage *page;
  const RsbSongSummary *slow, *fast;
  g_autoptr(GPtrArray) plays = rsb_store_plays_between (f->window->store, 0, G_MAXINT64 / 2, NULL);

  /* The fast song's tempo is known: its row says so. */
  for (guint i = 0; i < plays->len; i++)
    if (g_str_equal (((RsbPlay *) plays->pdata[i])->track.title, "Fast Song"))
      g_assert_true (rsb_store_set_track_tempo (f->window->store, ((RsbPlay *) plays->pdata[i])->track_id,
                                                RSB_TEMPO_SOURCE_DEEZER, 172, 0.9, NULL));
  page = show_songs (f);
  g_assert_cmpuint (rsb_songs_page_get_n_songs (page), ==, 2);
  slow = rsb_songs_page_get_song (page, 0);
  fast = rsb_songs_page_get_song (page, 1);
  g_assert_cmpstr (slow->track.title, ==, "Slow Song");
  g_assert_cmpuint (slow->n_workouts, ==, 2);
  g_assert_cmpfloat_with_epsilon (slow->heard_s, 500, 1e-6);
  g_assert_cmpstr (fast->track.title, ==, "Fast Song");
  g_assert_cmpuint (fast->n_workouts, ==, 1);
  g_assert_cmpfloat_with_epsilon (fast->heard_s, 300, 1e-6);
  /* Power songs: the run averaged 3 m/s at 150 bpm; the fast half ran
   * 3.5 m/s at 160. The slow song was 2.5 m/s at 140 for 300 s there,
   * and the ride's own pace and heart rate for 200 s. */
  g_assert_cmpfloat_with_epsilon (fast->speed_change, 3.5 / 3.0 - 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (fast->heart_rate_change, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (slow->speed_change, (2.5 / 3.0 - 1) * 300 / 500, 1e-9);
  g_assert_cmpfloat_with_epsilon (slow->heart_rate_change, -10.0 * 300 / 500, 1e-9);

  /* What the rows say. */
  rsb_test_collect_labels (GTK_WIDGET (page), text);
  g_assert_nonnull (strstr (text->str, "|2 workouts · 8 min heard|"));
  g_assert_nonnull (strstr (text->str, "|1 workout · 5 min heard · 172 BPM|"));
  g_assert_nonnull (strstr (text->str, "|17 % faster · \u2665\uFE0E +10|"));
  g_assert_nonnull (strstr (text->str, "|10 % slower · \u2665\uFE0E −6|"));

  /* Sorted by pace, the power song comes first; and remembered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "songs.song-sort", "s", "pace"));
  rsb_test_wait_ms (100);
  g_assert_cmpstr (rsb_songs_page_get_song (page, 0)->track.title, ==, "Fast Song");
  g_assert_cmpstr (g_settings_get_string (settings, "song-sort"), ==, "pace");
  g_settings_set_string (settings, "song-sort", "workouts");
  rsb_test_wait_ms (100);
  g_assert_cmpstr (rsb_songs_page_get_song (page, 0)->track.title, ==, "Slow Song");

  /* Searching songs by artist. */
  gtk_editable_set_text (GTK_EDITABLE (rsb_songs_page_get_search_entry (page)), "tacvba");
  rsb_test_wait_ms (400);
  g_assert_cmpuint (rsb_songs_page_get_n_songs (page), ==, 1);
  g_assert_cmpstr (rsb_songs_page_get_song (page, 0)->track.title, ==, "Fast Song");
  g_settings_reset (settings, "song-sort");
}

static void
test_song_opens_stretch (Fixture       *f,
                         gconstpointer  data)
{
  RsbSongsPage *page = show_songs (f);
  GtkListBox *stretches;
  GtkListBoxRow *row;
  RsbActivityView *view;
  const RsbActivity *activity;
  int selected;

  g_assert_cmpstr (rsb_songs_page_get_song (page, 0)->track.title, ==, "Slow Song");
  rsb_songs_page_show_song (page, 0);
  stretches = rsb_songs_page_get_stretch_list (page);
  /* Newest workout first: the ride, then the run. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (stretches, 1));
  g_assert_null (gtk_list_box_get_row_at_index (stretches, 2));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (stretches, 0))),
                   ==, "Evening Commute");
  row = gtk_list_box_get_row_at_index (stretches, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Tempo Run");

  /* Choosing the run opens it with the song's stretch selected. */
  g_assert_cmpint (f->window->shown_id, ==, f->ride_id);
  gtk_widget_activate (GTK_WIDGET (row));
  rsb_test_wait_ms (200);
  view = rsb_window_get_activity_view (f->window);
  activity = rsb_activity_view_get_activity (view);
  g_assert_cmpint (activity->info->id, ==, f->run_id);
  selected = rsb_activity_view_get_selected (view);
  g_assert_cmpint (selected, >=, 0);
  g_assert_cmpstr (rsb_activity_segment_play (activity, selected)->track.title, ==, "Slow Song");
  g_assert_cmpfloat_with_epsilon (rsb_activity_segment (activity, selected)->start_s, 0, 1e-9);
  /* The activity list follows. */
  g_assert_cmpint (rsb_activity_item_get_info (gtk_single_selection_get_selected_item (f->window->selection))->id,
                   ==, f->run_id);
}

static const char *
stretch_subtitle (RsbSongsPage *page,
                  int           index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (rsb_songs_page_get_stretch_list (page), index);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* A song's stretches tell pace and speed in the units chosen, and
 * follow a new choice while the song stays open. */
static void
test_songs_page_units (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RsbSongsPage *page = show_songs (f);

  g_settings_set_string (settings, "units", "metric");
  rsb_songs_page_show_song (page, 0);
  /* The ride in km/h, the run at 2.5 m/s: 6:40 a kilometre. */
  g_assert_nonnull (strstr (stretch_subtitle (page, 0), " km/h"));
  g_assert_nonnull (strstr (stretch_subtitle (page, 1), " · 6:40 /km"));

  g_settings_set_string (settings, "units", "imperial");
  g_assert_nonnull (strstr (stretch_subtitle (page, 0), " mph"));
  g_assert_nonnull (strstr (stretch_subtitle (page, 1), " · 10:44 /mi"));
  g_assert_null (strstr (stretch_subtitle (page, 1), "km"));
  g_assert_cmpstr (rsb_songs_page_get_song (page, 0)->track.title, ==, "Slow Song");
  g_settings_reset (settings, "units");
}

static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *sidebar = adw_leaflet_get_visible_child (f->window->leaflet);

  g_assert_false (adw_leaflet_get_folded (f->window->leaflet));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  rsb_test_wait_ms (600);
  /* Every part of the window must fit a phone: the activity view too. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 380);
  g_assert_true (adw_leaflet_get_folded (f->window->leaflet));
  /* Folded, the list shows alone, with its search. */
  sidebar = adw_leaflet_get_visible_child (f->window->leaflet);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (f->window->activity_list), sidebar));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window->activity_search)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window->activity_search)), >, 200);

  /* Choosing a row (a click selects, then activates) shows the
   * activity, with a way back. */
  gtk_single_selection_set_selected (f->window->selection, 1);
  g_signal_emit_by_name (f->window->activity_list, "activate", 1);
  rsb_test_wait_ms (600);
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->content);
  g_assert_true (gtk_widget_get_mapped (f->window->back_button));
  g_assert_cmpint (f->window->shown_id, ==, f->run_id);
  gtk_widget_activate (f->window->back_button);
  rsb_test_wait_ms (600);
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == sidebar);

  /* Ctrl+F from the activity goes back to the search. */
  g_signal_emit_by_name (f->window->activity_list, "activate", 0);
  rsb_test_wait_ms (600);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  rsb_test_wait_ms (600);
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == sidebar);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->window->activity_search)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (f->window->activity_search)));
}

/* Newest first, each activity once. */
static guint
assert_listed_by_date (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->window->selection);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 previous = G_MAXINT64;
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RsbActivityItem) item = g_list_model_get_item (model, i);
      const RsbActivityInfo *info = rsb_activity_item_get_info (item);

      g_assert_cmpint (info->start_ms, <=, previous);
      g_assert_false (g_hash_table_contains (seen, &info->id));
      g_hash_table_add (seen, (gpointer) &info->id);
      previous = info->start_ms;
    }
  return n;
}

static gint64
add_workouts (Fixture *f,
              guint    n,
              gint64   first_start_ms)
{
  g_autofree char *path = rsb_store_default_path ();
  g_autoptr(RsbStore) store = rsb_store_open (path, NULL);
  gint64 middle = 0;

  /* Every 13 hours from first_start_ms, so they fall between the
   * fixture's own and between each other's. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Lap %u from %" G_GINT64_FORMAT, i, first_start_ms);
      gint64 id = add_workout (store, name, "run", first_start_ms + i * G_GINT64_CONSTANT (46800000),
                               5, walk_speed, walk_heart);

      if (i == n / 2)
        middle = id;
    }
  return middle;
}

/* A big batch lands a step at a time (the window stays responsive), yet
 * the activity asked for is selected at once, and once all are in the
 * list holds each in date order, the shown one kept through reloads. */
static void
test_many_land (Fixture       *f,
                gconstpointer  data)
{
  gint64 middle = add_workouts (f, 240, T_WALK - G_GINT64_CONSTANT (86400000) * 30);
  g_autoptr(RsbActivityItem) selected = NULL;
  gint64 waiting;

  rsb_window_reload (f->window, middle);
  selected = gtk_single_selection_get_selected_item (f->window->selection);
  g_assert_nonnull (selected);
  g_object_ref (selected);
  g_assert_cmpint (rsb_activity_item_get_info (selected)->id, ==, middle);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->window->activities)), <, 243);

  rsb_test_wait_ms (1000);
  g_assert_cmpuint (assert_listed_by_date (f), ==, 243);
  g_assert_cmpint (f->window->shown_id, ==, middle);

  /* More arrive (as during an import) while the shown one stays. */
  add_workouts (f, 100, T_RUN - G_GINT64_CONSTANT (86400000) * 20);
  rsb_window_reload (f->window, 0);
  rsb_test_wait_ms (1000);
  g_assert_cmpuint (assert_listed_by_date (f), ==, 343);
  g_assert_cmpint (f->window->shown_id, ==, middle);
  g_clear_object (&selected);
  selected = g_object_ref (gtk_single_selection_get_selected_item (f->window->selection));
  g_assert_cmpint (rsb_activity_item_get_info (selected)->id, ==, middle);

  /* An activity asked for before its step came (a stretch clicked in
   * the Songs page) is opened all the same. */
  waiting = add_workouts (f, 100, T_RIDE + G_GINT64_CONSTANT (86400000));
  rsb_window_reload (f->window, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->window->activities)), <, 443);
  rsb_window_open_stretch (f->window, waiting, 0);
  g_assert_cmpint (f->window->shown_id, ==, waiting);
  g_clear_object (&selected);
  selected = g_object_ref (gtk_single_selection_get_selected_item (f->window->selection));
  g_assert_cmpint (rsb_activity_item_get_info (selected)->id, ==, waiting);
  rsb_test_wait_ms (500);
  g_assert_cmpuint (assert_listed_by_date (f), ==, 443);
}

static void
assert_menu_opens (GtkWidget  *owner,
                   GType       owner_type,
                   const char *button_id,
                   const char *menu_id)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (owner, owner_type, button_id));
  GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (owner, owner_type, menu_id));
  GtkPopover *popover;

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  /* Twice: the second time opens the same popover again. */
  for (guint i = 0; i < 2; i++)
    {
      gtk_menu_button_popup (button);
      rsb_test_wait_ms (100);
      popover = gtk_menu_button_get_popover (button);
      g_assert_nonnull (popover);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_true (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)) == menu);
      gtk_menu_button_popdown (button);
      rsb_test_wait_ms (100);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
    }
}

/* Menus are made when first opened; each opens with its own items. */
static void
test_menus_open (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  assert_menu_opens (window, RSB_TYPE_WINDOW, "sidebar_menu_button", "primary_menu");
  assert_menu_opens (window, RSB_TYPE_WINDOW, "activity_sort_button", "activity_sort_menu");
  assert_menu_opens (window, RSB_TYPE_WINDOW, "activity_menu_button", "activity_menu");
  adw_view_stack_set_visible_child_name (f->window->library_stack, "songs");
  rsb_test_wait_ms (200);
  assert_menu_opens (GTK_WIDGET (f->window->songs_page), RSB_TYPE_SONGS_PAGE, "sort_button", "sort_menu");
}

/* The activity rows as the list view shows them, top to bottom. */
static GPtrArray *
visible_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (f->window->activity_list)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      graphene_rect_t bounds;
      guint at = 0;

      if (row == NULL || !gtk_widget_get_mapped (row) ||
          !gtk_widget_compute_bounds (row, GTK_WIDGET (f->window), &bounds))
        continue;
      g_object_set_data (G_OBJECT (row), "y", GINT_TO_POINTER ((int) bounds.origin.y));
      while (at < rows->len && GPOINTER_TO_INT (g_object_get_data (rows->pdata[at], "y")) < bounds.origin.y)
        at++;
      g_ptr_array_insert (rows, at, row);
    }
  return rows;
}

static gint64
id_at_position (Fixture *f,
                guint    position)
{
  g_autoptr(RsbActivityItem) item = g_list_model_get_item (G_LIST_MODEL (f->window->selection), position);

  return rsb_activity_item_get_info (item)->id;
}

static gboolean
focus_in (Fixture *f,
          gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Resting, moving and scrolling the pointer over the list never changes
 * the activity shown; a click does. */
static void
test_hover_only_highlights (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 shown = f->window->shown_id;
  GtkWidget *last;

  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  rows = visible_rows (f);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (shown, ==, id_at_position (f, 0));
  last = rows->pdata[2];
  rsb_test_input_pointer_to (last, 20, gtk_widget_get_height (last) / 2.0);
  rsb_test_input_pointer_to (last, 40, gtk_widget_get_height (last) / 2.0 + 2);
  rsb_test_wait_ms (800);
  g_assert_cmpint (f->window->shown_id, ==, shown);
  rsb_test_input_pointer_to (rows->pdata[1], 30, 10);
  rsb_test_input_click (5);
  rsb_test_input_click (4);
  rsb_test_wait_ms (800);
  g_assert_cmpint (f->window->shown_id, ==, shown);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->window->selection), ==, 0);

  rsb_test_input_pointer_to (last, 40, gtk_widget_get_height (last) / 2.0);
  rsb_test_input_click (1);
  rsb_test_wait_ms (300);
  g_assert_cmpint (f->window->shown_id, ==, id_at_position (f, 2));
}

/* The search and the results from the keyboard alone: Down to the first
 * result, Enter opens it, Escape empties the search and leaves it, and
 * [ ] step through songs once the focus is out of the entry. */
static void
test_search_keyboard (Fixture       *f,
                      gconstpointer  data)
{
  RsbActivityView *view = rsb_window_get_activity_view (f->window);
  g_autoptr(GPtrArray) rows = NULL;

  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  /* Open the oldest (a click), then come back to the top with keys. */
  rows = visible_rows (f);
  rsb_test_input_pointer_to (rows->pdata[2], 40, 10);
  rsb_test_input_click (1);
  g_assert_cmpint (f->window->shown_id, ==, id_at_position (f, 2));

  rsb_test_input_key ("ctrl+f");
  g_assert_true (focus_in (f, f->window->activity_search));
  rsb_test_input_key ("Down");
  g_assert_true (focus_in (f, f->window->activity_list));
  rsb_test_input_key ("Return");
  g_assert_cmpint (f->window->shown_id, ==, id_at_position (f, 0));

  /* Typed text goes to the search; Escape clears it and leaves. */
  rsb_test_input_key ("ctrl+f");
  rsb_test_input_key ("q");
  rsb_test_input_key ("u");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->activity_search)), ==, "qu");
  rsb_test_wait_ms (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->window->selection)), ==, 1);
  rsb_test_input_key ("Escape");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->activity_search)), ==, "");
  g_assert_false (focus_in (f, f->window->activity_search));
  g_assert_true (focus_in (f, f->window->activity_list));

  /* In the list, ] is a song step, not the start of a search. */
  g_assert_cmpint (rsb_activity_view_get_selected (view), ==, -1);
  rsb_test_input_key ("bracketright");
  g_assert_cmpint (rsb_activity_view_get_selected (view), ==, 0);
  rsb_test_input_key ("bracketright");
  g_assert_cmpint (rsb_activity_view_get_selected (view), ==, 1);
  rsb_test_input_key ("bracketleft");
  g_assert_cmpint (rsb_activity_view_get_selected (view), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->activity_search)), ==, "");

  /* In the entry, brackets are text. */
  rsb_test_input_key ("ctrl+f");
  rsb_test_input_key ("bracketright");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->activity_search)), ==, "]");
  g_assert_cmpint (rsb_activity_view_get_selected (view), ==, 0);
}

/* The song list is one Tab stop; arrows move inside it. */
static void
test_song_list_one_tab_stop (Fixture       *f,
                             gconstpointer  data)
{
  RsbActivityView *view = rsb_window_get_activity_view (f->window);
  GtkListBox *songs = rsb_activity_view_get_song_list (view);
  GtkListBoxRow *row;

  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  /* The run: a slow song, a fast song; open it and click its first. */
  gtk_single_selection_set_selected (f->window->selection, rsb_window_position_of (f->window, f->run_id, FALSE));
  rsb_test_wait_ms (300);
  g_assert_cmpuint (rsb_activity_n_segments (rsb_activity_view_get_activity (view)), >=, 2);
  row = gtk_list_box_get_row_at_index (songs, 0);
  rsb_test_input_pointer_to (GTK_WIDGET (row), 30, 8);
  rsb_test_input_click (1);
  g_assert_true (focus_in (f, songs));
  rsb_test_input_key ("Down");
  g_assert_true (focus_in (f, songs));
  g_assert_cmpint (rsb_activity_view_get_selected (view), ==, 1);

  rsb_test_input_key ("Tab");
  g_assert_false (focus_in (f, songs));
  rsb_test_input_key ("shift+Tab");
  g_assert_true (focus_in (f, songs));
  rsb_test_input_key ("shift+Tab");
  g_assert_false (focus_in (f, songs));
  /* Coming back lands on the song chosen. */
  rsb_test_input_key ("Tab");
  g_assert_true (focus_in (f, gtk_list_box_get_row_at_index (songs, 1)));
}

/* On a phone: resting on a row opens nothing, a click opens the
 * activity's page. */
static void
test_narrow_click_opens (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *sidebar;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  rsb_test_wait_ms (600);
  g_assert_true (adw_leaflet_get_folded (f->window->leaflet));
  sidebar = adw_leaflet_get_visible_child (f->window->leaflet);
  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  rows = visible_rows (f);
  g_assert_cmpuint (rows->len, ==, 3);
  rsb_test_input_pointer_to (rows->pdata[1], 40, 10);
  rsb_test_wait_ms (800);
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == sidebar);

  rsb_test_input_click (1);
  rsb_test_wait_ms (600);
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->content);
  g_assert_cmpint (f->window->shown_id, ==, id_at_position (f, 1));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* Dates are searched as the rows show them, in local time. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/library/search", test_search);
  ADD ("/library/search-keeps-shown-activity", test_search_keeps_shown_activity);
  ADD ("/library/sort", test_sort);
  ADD ("/library/coverage-on-rows", test_coverage_on_rows);
  ADD ("/library/songs-page", test_songs_page);
  ADD ("/library/song-opens-stretch", test_song_opens_stretch);
  ADD ("/library/songs-page-units", test_songs_page_units);
  ADD ("/library/narrow-window", test_narrow_window);
  ADD ("/library/many-land", test_many_land);
  ADD ("/library/menus-open", test_menus_open);
  ADD ("/library/hover-only-highlights", test_hover_only_highlights);
  ADD ("/library/search-keyboard", test_search_keyboard);
  ADD ("/library/song-list-one-tab-stop", test_song_list_one_tab_stop);
  ADD ("/library/narrow-click-opens", test_narrow_click_opens);

  return g_test_run ();
}
