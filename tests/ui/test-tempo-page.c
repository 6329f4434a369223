/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Tempo page, used the way a person would: opened from the window's
 * sidebar, its scatter shows every song segment; the pointer names a
 * dot's song and workout; arrow keys walk the dots and Enter (or a
 * click) opens that stretch of the workout; a library without tempi
 * says where they come from; it fits a phone-wide window. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "rsb-test-dir.h"
#include "rsb-test-input.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-window-private.h"

#define T0 G_GINT64_CONSTANT (1709366400000)   /* 2024-03-02T08:00Z */
#define DAY_MS G_GINT64_CONSTANT (86400000)
#define N_RUNS 4
#define N_SONGS 10
#define SONG_S 60

typedef struct {
  char      *dir;
  RsbWindow *window;
  gint64     run_ids[N_RUNS];
} Fixture;

/* Each minute of run r is a song; song s runs a little faster the
 * higher its tempo, and the cadence follows it. */
static double
speed_of (guint run,
          guint s)
{
  return 2.8 + 0.04 * s + 0.05 * (run % 2);
}

static gint64
add_run (RsbStore *store,
         guint     run)
{
  guint n = N_SONGS * SONG_S + 1;
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
  g_autoptr(RsbStreams) streams = rsb_streams_new (n);
  g_autoptr(GError) error = NULL;
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  double *cadence = rsb_streams_ensure (streams, RSB_STREAM_CADENCE);
  gint64 id;

  for (guint i = 0; i < n; i++)
    {
      guint song = MIN (i / SONG_S, N_SONGS - 1);

      time[i] = i;
      distance[i] = i == 0 ? 0 : distance[i - 1] + speed_of (run, MIN ((i - 1) / SONG_S, N_SONGS - 1));
      lat[i] = 46.0 + distance[i] * 1e-5;
      lon[i] = 14.0 + (i % 2) * 1e-6;
      cadence[i] = 80 + song + run;
    }
  info->source = g_strdup ("file");
  info->source_id = g_strdup_printf ("run-%u", run);
  info->name = g_strdup_printf ("Morning Run %u", run + 1);
  info->sport = g_strdup ("run");
  info->start_ms = T0 + run * DAY_MS;
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
add_plays (RsbStore *store,
           guint     run,
           gboolean  with_tempo)
{
  g_autoptr(GError) error = NULL;
  gint64 start = T0 + run * DAY_MS;

  g_assert_true (rsb_store_begin (store, &error));
  for (guint s = 0; s < N_SONGS; s++)
    {
      g_autoptr(RsbPlay) play = rsb_play_new ();
      gboolean added;

      play->track.uri = g_strdup_printf ("spotify:track:song%u", s);
      play->track.title = g_strdup_printf ("Song <%u>", s);
      play->track.artists = g_strdup ("The Pacers");
      play->start_ms = start + s * SONG_S * 1000;
      play->end_ms = play->start_ms + SONG_S * 1000;
      play->ms_played = SONG_S * 1000;
      play->source = RSB_PLAY_SOURCE_EXTENDED;
      play->precision_ms = 1000;
      g_assert_true (rsb_store_add_play (store, play, &added, &error));
    }
  g_assert_true (rsb_store_refresh_matches (store, start, start + N_SONGS * SONG_S * 1000, &error));
  g_assert_true (rsb_store_commit (store, &error));
  if (!with_tempo || run > 0)
    return;
  {
    g_autoptr(GPtrArray) plays = rsb_store_plays_between (store, start, start + N_SONGS * SONG_S * 1000, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < plays->len; i++)
      {
        const RsbPlay *play = g_ptr_array_index (plays, i);
        guint s = (play->start_ms - start) / (SONG_S * 1000);

        g_assert_true (rsb_store_set_track_tempo (store, play->track_id, RSB_TEMPO_SOURCE_DEEZER,
                                                  150 + 4 * s, 0.9, &error));
      }
  }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean with_tempo = GPOINTER_TO_INT (data) != 0;
  int width = GPOINTER_TO_INT (data) == 2 ? 360 : 1280;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autofree char *path = NULL;

  f->dir = rsb_test_dir_new ("tempo-page");
  g_setenv ("RSB_DATA_DIR", f->dir, TRUE);
  path = rsb_store_default_path ();
  store = rsb_store_open (path, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < N_RUNS; r++)
    {
      f->run_ids[r] = add_run (store, r);
      add_plays (store, r, with_tempo || GPOINTER_TO_INT (data) == 2);
    }
  g_clear_object (&store);

  f->window = rsb_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline && !gtk_widget_get_mapped (GTK_WIDGET (f->window)); )
    g_main_context_iteration (NULL, FALSE);
  rsb_test_wait_ms (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
  rsb_test_dir_remove (f->dir);
}

static RsbTempoPage *
show_tempo (Fixture *f)
{
  RsbTempoPage *page;

  /* Made when first shown, like the Songs page. */
  g_assert_null (f->window->tempo_page);
  if (adw_leaflet_get_folded (f->window->leaflet))
    adw_leaflet_navigate (f->window->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  adw_view_stack_set_visible_child_name (f->window->library_stack, "tempo");
  page = f->window->tempo_page;
  g_assert_nonnull (page);
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline && rsb_tempo_page_is_loading (page); )
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (rsb_tempo_page_is_loading (page));
  rsb_test_wait_ms (200);
  return page;
}

static char *
page_text (RsbTempoPage *page)
{
  GString *text = g_string_new (NULL);

  rsb_test_collect_labels (GTK_WIDGET (page), text);
  return g_string_free (text, FALSE);
}

/* The stretch the activity view shows selected: activity and play. */
static void
assert_opened (Fixture             *f,
               const RsbTempoPoint *point)
{
  RsbActivityView *view;
  const RsbActivity *activity;
  int selected;

  rsb_test_wait_ms (300);
  view = rsb_window_get_activity_view (f->window);
  activity = rsb_activity_view_get_activity (view);
  g_assert_nonnull (activity);
  g_assert_cmpint (activity->info->id, ==, point->activity_id);
  selected = rsb_activity_view_get_selected (view);
  g_assert_cmpint (selected, ==, (int) point->segment);
  g_assert_cmpint (rsb_activity_segment_play (activity, selected)->id, ==, point->play_id);
}

static void
test_scatter_and_keyboard (Fixture       *f,
                           gconstpointer  data)
{
  RsbTempoPage *page = show_tempo (f);
  RsbTempoScatter *scatter = rsb_tempo_page_get_scatter (page);
  const RsbTempoAnalysis *analysis = rsb_tempo_page_get_analysis (page);
  g_autofree char *text = page_text (page);
  const RsbTempoPoint *first, *second, *above;
  g_autoptr(GdkTexture) shot = NULL;
  int selected;

  /* The first run's ten songs have a tempo (the same tracks play in
   * every run, so all 40 segments have one). */
  g_assert_nonnull (analysis);
  g_assert_cmpuint (rsb_tempo_scatter_get_n_points (scatter), ==, N_RUNS * N_SONGS);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (scatter)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (scatter)), >, 100);
  /* The fits say their numbers plainly; songs that move are listed,
   * their titles as typed (not read as markup). */
  g_assert_nonnull (strstr (text, "Slope "));
  g_assert_nonnull (strstr (text, "s/km per BPM, r = "));
  g_assert_nonnull (strstr (text, ", n = 40|"));
  g_assert_nonnull (strstr (text, "Not enough data: 0 song segments, 20 needed|"));
  g_assert_cmpuint (analysis->movers->len, >, 0);
  g_assert_nonnull (strstr (text, "|Song <9>\nThe Pacers|"));
  g_assert_nonnull (strstr (text, " s/km faster\n4 workouts|"));

  /* Keyboard: the first Right picks the slowest tempo, the next one the
   * next tempo up; Up goes to a dot of higher cadence. */
  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  gtk_widget_grab_focus (GTK_WIDGET (scatter));
  rsb_test_wait_ms (100);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (scatter)));
  rsb_test_input_key ("Right");
  selected = rsb_tempo_scatter_get_selected (scatter);
  g_assert_cmpint (selected, >=, 0);
  first = rsb_tempo_analysis_point (analysis, selected);
  g_assert_cmpfloat (first->bpm, ==, 150);
  rsb_test_input_key ("Right");
  second = rsb_tempo_analysis_point (analysis, rsb_tempo_scatter_get_selected (scatter));
  g_assert_true (second != first);
  g_assert_cmpfloat (second->bpm, >=, first->bpm);
  rsb_test_input_key ("Up");
  above = rsb_tempo_analysis_point (analysis, rsb_tempo_scatter_get_selected (scatter));
  g_assert_cmpfloat (above->cadence, >, second->cadence);
  /* The info line names the song and workout of the dot. */
  g_clear_pointer (&text, g_free);
  text = page_text (page);
  g_assert_nonnull (strstr (text, "Song <"));
  g_assert_nonnull (strstr (text, "Morning Run "));

  /* Enter opens the workout with that song's stretch selected. */
  rsb_test_input_key ("Return");
  assert_opened (f, above);
  g_clear_object (&shot);
  shot = rsb_test_render (GTK_WIDGET (f->window), "tempo-page-wide.png");
  g_assert_cmpint (gdk_texture_get_width (shot), ==, gtk_widget_get_width (GTK_WIDGET (f->window)));
}

static void
test_hover_and_click (Fixture       *f,
                      gconstpointer  data)
{
  RsbTempoPage *page = show_tempo (f);
  RsbTempoScatter *scatter = rsb_tempo_page_get_scatter (page);
  const RsbTempoAnalysis *analysis = rsb_tempo_page_get_analysis (page);
  const RsbTempoPoint *point = NULL;
  g_autofree char *text = NULL;
  double x = 0, y = 0;
  int target = -1;

  /* The fastest-tempo dot of the last run: alone at the top right. */
  for (guint i = 0; i < analysis->points->len; i++)
    {
      const RsbTempoPoint *p = rsb_tempo_analysis_point (analysis, i);

      if (p->bpm == 186 && p->activity_id == f->run_ids[N_RUNS - 1])
        target = i, point = p;
    }
  g_assert_nonnull (point);
  g_assert_true (rsb_tempo_scatter_point_position (scatter, target, &x, &y));
  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  rsb_test_input_pointer_to (GTK_WIDGET (scatter), x + 1, y);
  rsb_test_wait_ms (100);
  g_assert_cmpint (rsb_tempo_scatter_get_hovered (scatter), ==, target);
  text = page_text (page);
  g_assert_nonnull (strstr (text, "Song <9> — The Pacers · Morning Run 4"));
  rsb_test_input_click (1);
  assert_opened (f, point);

  /* Dates typed for a custom range: the last two runs (4 and 5 March). */
  {
    GtkDropDown *range = GTK_DROP_DOWN (gtk_widget_get_next_sibling (
      rsb_test_find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN)));
    GtkWidget *from;

    gtk_drop_down_set_selected (range, 4);
    rsb_test_wait_ms (300);
    from = rsb_test_find_widget (GTK_WIDGET (page), GTK_TYPE_ENTRY);
    g_assert_nonnull (from);
    gtk_editable_set_text (GTK_EDITABLE (from), "2024-03-04");
    g_signal_emit_by_name (from, "activate");
    g_assert_cmpuint (rsb_tempo_scatter_get_n_points (scatter), ==, 2 * N_SONGS);
    /* Not a date: marked, and the range left open. */
    gtk_editable_set_text (GTK_EDITABLE (from), "2024-13-45");
    g_signal_emit_by_name (from, "activate");
    g_assert_true (gtk_widget_has_css_class (from, "error"));
    g_assert_cmpuint (rsb_tempo_scatter_get_n_points (scatter), ==, N_RUNS * N_SONGS);
  }
}

/* "Songs That Move You" → Playlist → Save Playlist…: the chooser
 * comes, and the file saved holds those songs, one entry each. */
static void
test_movers_playlist (Fixture       *f,
                      gconstpointer  data)
{
  RsbTempoPage *page = show_tempo (f);
  const RsbTempoAnalysis *analysis = rsb_tempo_page_get_analysis (page);
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);
  g_autoptr(GFile) expected = NULL;
  g_autoptr(GFile) chosen = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gint64 deadline;
  GtkFileChooser *chooser;
  guint entries = 0;

  g_assert_cmpuint (analysis->movers->len, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tempo-page.save-playlist", NULL));
  rsb_test_wait_ms (300);
  chooser = GTK_FILE_CHOOSER (rsb_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  /* The name offered, in the test's folder; M3U8 is the first format. */
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_true (g_str_has_suffix (name, ".m3u8"));
  expected = g_file_get_child (dir, name);
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, dir, NULL));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((chosen == NULL || !g_file_equal (chosen, expected)) && g_get_monotonic_time () < deadline)
    {
      g_clear_object (&chosen);
      g_main_context_iteration (NULL, FALSE);
      chosen = gtk_file_chooser_get_file (chooser);
    }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  path = g_file_get_path (expected);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *at = contents; (at = strstr (at, "#EXTINF:")) != NULL; at++)
    entries++;
  g_assert_cmpuint (entries, ==, analysis->movers->len);
  g_assert_nonnull (strstr (contents, "Song <"));
}

static void
test_no_tempo_yet (Fixture       *f,
                   gconstpointer  data)
{
  RsbTempoPage *page = show_tempo (f);
  GtkWidget *status = rsb_test_find_widget (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE);

  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Song Tempi Yet");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "Preferences → Music"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (rsb_tempo_page_get_scatter (page))));
}

/* At 360 px the page fits: nothing wider than the window, charts
 * drawn; and the dark style draws too (the PNGs are kept to look at). */
static void
test_narrow_and_dark (Fixture       *f,
                      gconstpointer  data)
{
  RsbTempoPage *page = show_tempo (f);
  RsbTempoScatter *scatter = rsb_tempo_page_get_scatter (page);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (scatter)), >=, 200);
  g_assert_cmpuint (rsb_tempo_scatter_get_n_points (scatter), ==, N_RUNS * N_SONGS);
  light = rsb_test_render (GTK_WIDGET (f->window), "tempo-page-narrow.png");
  g_assert_cmpint (gdk_texture_get_width (light), <=, 360);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  rsb_test_wait_ms (300);
  dark = rsb_test_render (GTK_WIDGET (f->window), "tempo-page-narrow-dark.png");
  g_assert_cmpint (gdk_texture_get_width (dark), ==, gdk_texture_get_width (light));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/tempo-page/scatter-and-keyboard", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_scatter_and_keyboard, fixture_tear_down);
  g_test_add ("/tempo-page/hover-and-click", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_hover_and_click, fixture_tear_down);
  g_test_add ("/tempo-page/movers-playlist", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_movers_playlist, fixture_tear_down);
  g_test_add ("/tempo-page/no-tempo-yet", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_no_tempo_yet, fixture_tear_down);
  g_test_add ("/tempo-page/narrow-and-dark", Fixture, GINT_TO_POINTER (2),
              fixture_set_up, test_narrow_and_dark, fixture_tear_down);
  return g_test_run ();
}
