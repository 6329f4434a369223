/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A song's tempo on the activity page, as a runner meets it: the card
 * says "86 BPM · Deezer" and whether the cadence was in step, the song
 * list marks the song, the page says how long the run was in step; the
 * tempo can be doubled, taken back, and tapped with the T key (real key
 * presses through xdotool), and a hand value wins over a lookup. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "rsb-song-row.h"
#include "rsb-store-music.h"
#include "rsb-test-dir.h"
#include "rsb-test-input.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

/* "Sweat Equity" in the sample run: 172.4 steps/min. */
#define SWEAT_EQUITY 7

typedef struct {
  char      *dir;
  RsbWindow *window;
  gint64     track_id;
} Fixture;

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

static RsbSongTempo *
tempo_of (Fixture *f)
{
  return rsb_song_card_get_tempo (rsb_activity_view_get_card (view_of (f)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *history = NULL;
  g_autofree char *run = NULL;
  const RsbActivity *activity;

  f->dir = rsb_test_dir_new ("song-tempo");
  f->window = rsb_test_window_new_library (f->dir, 1280, 800);
  history = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "Streaming_History_Audio_Sample.json", NULL);
  run = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  import_path (f, history);
  import_path (f, run);
  rsb_test_wait_ms (300);
  activity = rsb_activity_view_get_activity (view_of (f));
  g_assert_nonnull (activity);
  rsb_activity_view_select (view_of (f), SWEAT_EQUITY);
  rsb_test_wait_ms (200);
  f->track_id = rsb_activity_segment_play (activity, SWEAT_EQUITY)->track_id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_window_close (f->window);
  rsb_test_dir_remove (g_steal_pointer (&f->dir));
}

static RsbSongRow *
song_row (Fixture *f,
          int      index)
{
  return RSB_SONG_ROW (gtk_list_box_get_row_at_index (rsb_activity_view_get_song_list (view_of (f)), index));
}

/* The row's tempo badge: NULL when the row shows none. */
static GtkWidget *
badge_of (RsbSongRow *row)
{
  GtkWidget *found = NULL;

  /* The badge is the label with the tempo-badge class. */
  for (GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (row)); box != NULL && found == NULL;
       box = gtk_widget_get_next_sibling (box))
    for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (gtk_widget_has_css_class (child, "tempo-badge") && gtk_widget_get_visible (child))
        found = child;
  return found;
}

static GtkWidget *
step_label (Fixture *f)
{
  GtkWidget *list = GTK_WIDGET (rsb_activity_view_get_song_list (view_of (f)));
  /* The summary sits in the songs pane, above the list's captions. */
  GtkWidget *pane = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (list)));

  for (GtkWidget *child = gtk_widget_get_first_child (pane); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      return child;
  g_assert_not_reached ();
}

static void
set_found_tempo (Fixture *f,
                 double   bpm)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_store_set_track_tempo (f->window->store, f->track_id, RSB_TEMPO_SOURCE_DEEZER, bpm, 0.9, &error));
  g_assert_no_error (error);
  rsb_window_reload (f->window, 0);
  rsb_test_wait_ms (300);
}

static void
test_shown (Fixture       *f,
            gconstpointer  data)
{
  RsbSongTempo *tempo = tempo_of (f);
  GtkWidget *summary = step_label (f);
  g_autoptr(GdkTexture) shot = NULL;
  GtkWidget *badge;

  /* Nothing known: the card says so and nothing claims a verdict. */
  g_assert_cmpstr (rsb_song_tempo_get_text (tempo), ==, "Tempo unknown");
  g_assert_cmpstr (rsb_song_tempo_get_verdict (tempo), ==, "");
  g_assert_null (badge_of (song_row (f, SWEAT_EQUITY)));
  g_assert_false (gtk_widget_get_visible (summary));

  /* A lookup finds 86 BPM: two steps a beat at 172 spm. */
  set_found_tempo (f, 86);
  g_assert_cmpint (rsb_activity_view_get_selected (view_of (f)), ==, SWEAT_EQUITY);
  g_assert_cmpstr (rsb_song_tempo_get_text (tempo), ==, "86 BPM · Deezer");
  g_assert_cmpstr (rsb_song_tempo_get_verdict (tempo), ==, "In step with the beat: 172 spm, two steps a beat");
  badge = badge_of (song_row (f, SWEAT_EQUITY));
  g_assert_nonnull (badge);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "86 BPM");
  g_assert_true (gtk_widget_has_css_class (badge, "in-step"));
  g_assert_true (gtk_widget_get_visible (summary));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (summary)), "In step with the beat for 4 of "));
  g_clear_object (&shot);
  shot = rsb_test_render (GTK_WIDGET (f->window), "song-tempo.png");

  /* 80 BPM is 7 % off the doubled beat: the badge stays, unmarked. */
  set_found_tempo (f, 80);
  g_assert_cmpstr (rsb_song_tempo_get_verdict (tempo), ==, "Not in step with the beat: 172 spm");
  badge = badge_of (song_row (f, SWEAT_EQUITY));
  g_assert_false (gtk_widget_has_css_class (badge, "in-step"));
  g_assert_false (gtk_widget_has_css_class (badge, "near"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (summary)), "In step with the beat for 0 of "));
}

/* Where the chart marks a stretch run in step: over the middle of its
 * band, near the top of the plot. */
static void
mark_position (Fixture *f,
               double  *x,
               double  *y)
{
  RsbProfileChart *chart = rsb_activity_view_get_chart (view_of (f));
  const RsbActivity *activity = rsb_activity_view_get_activity (view_of (f));
  graphene_rect_t plot;
  double x0, x1;

  graphene_point_t in_window;

  rsb_profile_chart_get_plot_area (chart, &plot);
  g_assert_true (rsb_profile_chart_x_for_point (chart, rsb_activity_segment (activity, SWEAT_EQUITY)->first_point, &x0));
  g_assert_true (rsb_profile_chart_x_for_point (chart, rsb_activity_segment (activity, SWEAT_EQUITY + 1)->first_point, &x1));
  /* The window is rendered whole: a chart alone has no node of its own. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (chart), GTK_WIDGET (f->window),
                                           &GRAPHENE_POINT_INIT ((x0 + x1) / 2, plot.origin.y + 9), &in_window));
  *x = in_window.x;
  *y = in_window.y;
}

/* Once a song's tempo is known the chart draws the cadence, tells it
 * under the crosshair, and marks the stretch run in step in green; off
 * the beat, no mark. */
static void
test_chart (Fixture       *f,
            gconstpointer  data)
{
  RsbProfileChart *chart = rsb_activity_view_get_chart (view_of (f));
  const RsbActivity *activity = rsb_activity_view_get_activity (view_of (f));
  const GdkRGBA green = { 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0, 1 };
  g_autoptr(GdkTexture) in_step = NULL;
  g_autoptr(GdkTexture) off = NULL;
  g_autofree char *readout = NULL;
  double x, y;

  /* No song's tempo known: no beat to read the cadence against, no line. */
  rsb_profile_chart_hover_point (chart, rsb_activity_segment (activity, SWEAT_EQUITY)->last_point - 10);
  readout = rsb_profile_chart_get_readout_text (chart);
  g_assert_null (strstr (readout, "Cadence"));
  g_clear_pointer (&readout, g_free);

  set_found_tempo (f, 86);
  chart = rsb_activity_view_get_chart (view_of (f));
  rsb_profile_chart_hover_point (chart, rsb_activity_segment (activity, SWEAT_EQUITY)->last_point - 10);
  readout = rsb_profile_chart_get_readout_text (chart);
  g_test_message ("readout: %s", readout);
  g_assert_nonnull (strstr (readout, "\nCadence 1"));
  g_assert_nonnull (strstr (readout, " spm"));
  rsb_profile_chart_hover_point (chart, -1);
  mark_position (f, &x, &y);
  rsb_test_wait_ms (200);
  in_step = rsb_test_render (GTK_WIDGET (f->window), "song-tempo-chart.png");
  g_assert_true (rsb_test_colour_near (in_step, x, y, &green));

  set_found_tempo (f, 80);
  chart = rsb_activity_view_get_chart (view_of (f));
  mark_position (f, &x, &y);
  rsb_test_wait_ms (200);
  off = rsb_test_render (GTK_WIDGET (f->window), "song-tempo-chart-off.png");
  g_assert_false (rsb_test_colour_near (off, x, y, &green));
}

static void
test_by_hand (Fixture       *f,
              gconstpointer  data)
{
  RsbSongTempo *tempo = tempo_of (f);
  GtkWidget *toast;

  set_found_tempo (f, 86);
  /* Doubled: the hand value wins and the toast offers Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tempo), "tempo.double", NULL));
  rsb_test_wait_ms (300);
  g_assert_cmpstr (rsb_song_tempo_get_text (tempo), ==, "172 BPM · set by hand");
  g_assert_cmpfloat (rsb_store_track_tempo_from (f->window->store, f->track_id, RSB_TEMPO_SOURCE_HAND, NULL), ==, 172);
  toast = rsb_test_shown_toast (GTK_WIDGET (f->window));
  g_assert_nonnull (toast);

  /* A later lookup does not move it. */
  set_found_tempo (f, 90);
  g_assert_cmpstr (rsb_song_tempo_get_text (tempo), ==, "172 BPM · set by hand");

  /* Forgotten, the looked-up tempo speaks again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tempo), "tempo.forget", NULL));
  rsb_test_wait_ms (300);
  g_assert_cmpstr (rsb_song_tempo_get_text (tempo), ==, "90 BPM · Deezer");
}

/* Nine presses of T about half a second apart, set when the taps stop.
 * Real key events go through xdotool, which takes its own time: the
 * tempo expected is the one of the moments the keys were sent. */
static void
test_tap_key (Fixture       *f,
              gconstpointer  data)
{
  RsbSongTempo *tempo = tempo_of (f);
  double sent[9], expected, tapped;

  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  rsb_test_wait_ms (200);
  for (int i = 0; i < 9; i++)
    {
      rsb_test_input_key ("t");
      sent[i] = g_get_monotonic_time () / (double) G_USEC_PER_SEC;
      rsb_test_wait_ms (450);
      if (i == 3)
        g_assert_cmpuint (rsb_song_tempo_get_n_taps (tempo), ==, 4);
    }
  expected = rsb_tempo_from_taps (sent, 9);
  rsb_test_wait_ms (2500);
  g_assert_cmpuint (rsb_song_tempo_get_n_taps (tempo), ==, 0);
  tapped = rsb_store_track_tempo_from (f->window->store, f->track_id, RSB_TEMPO_SOURCE_HAND, NULL);
  g_test_message ("keys sent at %.1f BPM, tapped %.1f BPM", expected, tapped);
  g_assert_cmpfloat (fabs (tapped - expected) / expected, <, 0.05);
  g_assert_true (g_str_has_suffix (rsb_song_tempo_get_text (tempo), " BPM · set by hand"));
}

/* A music file scanned before its song was heard: importing the history
 * that brings the song finds the file, and its BPM tag, at once. */
static void
test_scanned_file_found (void)
{
  g_autofree char *dir = rsb_test_dir_new ("song-tempo-scanned");
  RsbWindow *window = rsb_test_window_new_library (dir, 1280, 800);
  g_autoptr(RsbMusicFile) file = rsb_music_file_new ("/music/Lactic Acid Lovers - Sweat Equity.flac");
  g_autofree char *history = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "Streaming_History_Audio_Sample.json", NULL);
  g_autofree char *run = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  g_autoptr(GError) error = NULL;
  Fixture f = { .window = window };
  RsbSongTempo *tempo;

  file->size = 1000;
  file->mtime = 1;
  file->title = g_strdup ("Sweat Equity");
  file->artists = g_strdup ("Lactic Acid Lovers");
  file->bpm = 88;
  file->bpm_source = RSB_TEMPO_SOURCE_FILE_TAG;
  file->confidence = 1;
  g_assert_true (rsb_store_save_music_file (window->store, NULL, file, &error));
  g_assert_no_error (error);

  import_path (&f, history);
  import_path (&f, run);
  rsb_activity_view_select (view_of (&f), SWEAT_EQUITY);
  rsb_test_wait_ms (200);
  tempo = tempo_of (&f);
  g_assert_cmpstr (rsb_song_tempo_get_text (tempo), ==, "88 BPM · file tag");
  rsb_test_window_close (window);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/song-tempo/shown", Fixture, NULL, fixture_set_up, test_shown, fixture_tear_down);
  g_test_add ("/song-tempo/chart", Fixture, NULL, fixture_set_up, test_chart, fixture_tear_down);
  g_test_add ("/song-tempo/by-hand", Fixture, NULL, fixture_set_up, test_by_hand, fixture_tear_down);
  g_test_add ("/song-tempo/tap-key", Fixture, NULL, fixture_set_up, test_tap_key, fixture_tear_down);
  g_test_add_func ("/song-tempo/scanned-file-found", test_scanned_file_found);
  return g_test_run ();
}
