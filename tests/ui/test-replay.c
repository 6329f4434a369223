/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replaying a workout from the window as a person does: Play with the
 * mouse, Space to pause, the arrow keys, Home and End, a click on the
 * scrubber that lands in a song and selects it everywhere, Follow
 * turned off by dragging the map, and a route without times that says
 * why it cannot be replayed. Real input through xdotool on Xvfb. */
#include "config.h"

#include <adwaita.h>

#include "rsb-fake-mpris.h"
#include "rsb-replay.h"
#include "rsb-replay-bar.h"
#include "rsb-replay-scrubber.h"
#include "rsb-song-card.h"
#include "rsb-song-offset.h"
#include "rsb-test-dir.h"
#include "rsb-test-input.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

typedef struct {
  char      *dir;
  RsbWindow *window;
} Fixture;

static void
sample_set_up (Fixture       *f,
               gconstpointer  data)
{
  f->window = rsb_test_window_new_sample ();
  rsb_test_input_focus_window (GTK_WIDGET (f->window));
}

static void
library_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("replay");
  f->window = rsb_test_window_new_library (f->dir, 1280, 800);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  rsb_test_window_close (f->window);
  if (f->dir != NULL)
    rsb_test_dir_remove (g_steal_pointer (&f->dir));
}

static RsbActivityView *
view_of (Fixture *f)
{
  return rsb_window_get_activity_view (f->window);
}

static RsbReplayBar *
bar_of (Fixture *f)
{
  return rsb_activity_view_get_replay_bar (view_of (f));
}

static GtkWidget *
bar_part (Fixture    *f,
          const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (bar_of (f)), RSB_TYPE_REPLAY_BAR, name));
}

static void
click_widget (GtkWidget *widget)
{
  rsb_test_input_pointer_to (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  rsb_test_input_click (1);
}

static double
start_of (Fixture *f)
{
  return rsb_activity_view_get_activity (view_of (f))->streams->columns[RSB_STREAM_TIME][0];
}

static double
moving_between (const RsbActivity *activity,
                double             from,
                double             to)
{
  g_autoptr(RsbReplayTimeline) timeline = rsb_replay_timeline_new (activity->streams);

  return rsb_replay_timeline_moving_at (timeline, to) - rsb_replay_timeline_moving_at (timeline, from);
}

/* Play with the mouse: the replay moves by the clock at the chosen
 * speed, the song it is in is the one selected (list, card), and Space
 * pauses it where it is. */
static void
test_play_and_pause (Fixture       *f,
                     gconstpointer  data)
{
  RsbReplayBar *bar = bar_of (f);
  const RsbActivity *activity = rsb_activity_view_get_activity (view_of (f));
  double paused_at;
  gint64 started;
  int segment;

  g_assert_true (rsb_replay_bar_can_replay (bar));
  g_assert_false (rsb_replay_bar_get_playing (bar));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bar_part (f, "speed_dropdown")), 3);
  g_assert_cmpfloat (rsb_replay_bar_get_speed (bar), ==, 60);

  started = g_get_monotonic_time ();
  click_widget (bar_part (f, "play_button"));
  g_assert_true (rsb_replay_bar_get_playing (bar));
  rsb_test_wait_ms (1500);
  /* At 60×, a second and a half is a minute and a half of the run
   * (pauses skipped, so never less); the machine may be slow, but the
   * position comes from the clock. */
  g_assert_cmpfloat (rsb_replay_bar_get_position (bar) - start_of (f), >, 45);

  rsb_test_input_key ("space");
  g_assert_false (rsb_replay_bar_get_playing (bar));
  paused_at = rsb_replay_bar_get_position (bar);
  /* Never faster than 60× the time it played, in moving time. */
  g_assert_cmpfloat (moving_between (activity, start_of (f), paused_at), <=,
                     60 * (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC + 1);
  rsb_test_wait_ms (400);
  g_assert_cmpfloat (rsb_replay_bar_get_position (bar), ==, paused_at);

  segment = rsb_activity_segment_at_point (activity, rsb_replay_bar_get_point (bar));
  g_assert_cmpint (segment, >=, 0);
  g_assert_cmpint (rsb_activity_view_get_selected (view_of (f)), ==, segment);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (rsb_activity_view_get_song_list (view_of (f)))),
                   ==, segment);
}

/* The keys move the replay at once, playing or not; typing in the
 * search does not start it. */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  RsbReplayBar *bar = bar_of (f);
  const RsbActivity *activity = rsb_activity_view_get_activity (view_of (f));
  double start = start_of (f);
  double end = activity->streams->columns[RSB_STREAM_TIME][activity->streams->n_points - 1];

  rsb_test_input_key ("Right");
  g_assert_cmpfloat_with_epsilon (rsb_replay_bar_get_position (bar), start + 10, 1e-6);
  rsb_test_input_key ("shift+Right");
  g_assert_cmpfloat_with_epsilon (rsb_replay_bar_get_position (bar), start + 70, 1e-6);
  rsb_test_input_key ("Left");
  g_assert_cmpfloat_with_epsilon (rsb_replay_bar_get_position (bar), start + 60, 1e-6);
  rsb_test_input_key ("End");
  g_assert_cmpfloat (rsb_replay_bar_get_position (bar), ==, end);
  /* The last song is the one selected at the end. */
  g_assert_cmpint (rsb_activity_view_get_selected (view_of (f)), ==, (int) rsb_activity_n_segments (activity) - 1);
  rsb_test_input_key ("Home");
  g_assert_cmpfloat (rsb_replay_bar_get_position (bar), ==, start);
  g_assert_false (rsb_replay_bar_get_playing (bar));

  gtk_widget_grab_focus (GTK_WIDGET (f->window->activity_search));
  rsb_test_input_key ("space");
  g_assert_false (rsb_replay_bar_get_playing (bar));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->activity_search)), ==, " ");
}

/* A click on the scrubber in the middle of the fourth stretch moves the
 * replay there and selects its song everywhere: the card shows it. */
static void
test_scrub_selects_song (Fixture       *f,
                         gconstpointer  data)
{
  RsbReplayBar *bar = bar_of (f);
  RsbReplayScrubber *scrubber = RSB_REPLAY_SCRUBBER (bar_part (f, "scrubber"));
  const RsbActivity *activity = rsb_activity_view_get_activity (view_of (f));
  const RsbSegment *segment = rsb_activity_segment (activity, 3);
  const RsbPlay *play = rsb_activity_segment_play (activity, 3);
  double x = rsb_replay_scrubber_x_at (scrubber, (segment->start_s + segment->end_s) / 2);
  g_autoptr(GString) card = g_string_new (NULL);

  g_assert_nonnull (play);
  rsb_test_input_pointer_to (GTK_WIDGET (scrubber), x, gtk_widget_get_height (GTK_WIDGET (scrubber)) / 2.0);
  rsb_test_input_click (1);
  g_assert_cmpfloat (rsb_replay_bar_get_position (bar), >=, segment->start_s);
  g_assert_cmpfloat (rsb_replay_bar_get_position (bar), <=, segment->end_s);
  g_assert_cmpint (rsb_activity_view_get_selected (view_of (f)), ==, 3);
  rsb_test_collect_labels (GTK_WIDGET (rsb_activity_view_get_card (view_of (f))), card);
  g_assert_nonnull (strstr (card->str, play->track.title));
}

/* Follow is on until the person drags the map; then the view is
 * theirs, and the toggle says so. */
static void
test_drag_ends_follow (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *map = GTK_WIDGET (rsb_activity_view_get_map (view_of (f)));
  double width = gtk_widget_get_width (map), height = gtk_widget_get_height (map);

  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (bar_part (f, "follow_button"))));
  g_assert_true (rsb_route_map_get_follow (RSB_ROUTE_MAP (map)));
  /* A click (on a song's stretch, say) is not a drag: once the wait
   * for a double click is over, Follow is still on. */
  rsb_test_input_pointer_to (map, width / 3, height / 3);
  rsb_test_input_click (1);
  rsb_test_wait_ms (700);
  g_assert_true (rsb_route_map_get_follow (RSB_ROUTE_MAP (map)));

  rsb_test_input_pointer_to (map, width / 2, height / 2);
  rsb_test_input_button (1, TRUE);
  for (int step = 1; step <= 6; step++)
    rsb_test_input_pointer_to (map, width / 2 + 15 * step, height / 2 + 5 * step);
  rsb_test_input_button (1, FALSE);
  g_assert_false (rsb_route_map_get_follow (RSB_ROUTE_MAP (map)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (bar_part (f, "follow_button"))));

  /* And back on with a click. */
  click_widget (bar_part (f, "follow_button"));
  g_assert_true (rsb_route_map_get_follow (RSB_ROUTE_MAP (map)));
}

/* A GPX whose points have no times: the bar says why there is no
 * replay, and Space does nothing. */
static void
test_route_without_times (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-times.gpx", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) gpx = g_string_new ("<?xml version=\"1.0\"?>\n"
                                         "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
                                         "<trk><name>Timeless</name><trkseg>");
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GtkWidget *unavailable;

  for (int i = 0; i < 200; i++)
    g_string_append_printf (gpx, "<trkpt lat=\"45.%04d\" lon=\"6.%04d\"/>", 1000 + i * 3, 2000 + i * 2);
  g_string_append (gpx, "</trkseg></trk></gpx>\n");
  g_assert_true (g_file_set_contents (path, gpx->str, gpx->len, &error));
  g_assert_no_error (error);

  g_ptr_array_add (files, g_file_new_for_path (path));
  rsb_window_import_files (f->window, files);
  while (rsb_window_is_importing (f->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  rsb_test_wait_ms (500);
  g_assert_nonnull (view_of (f));
  g_assert_nonnull (rsb_activity_view_get_activity (view_of (f)));

  g_assert_false (rsb_replay_bar_can_replay (bar_of (f)));
  unavailable = bar_part (f, "unavailable_label");
  g_assert_true (gtk_widget_get_visible (unavailable));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (unavailable)), "without times"));
  g_assert_false (gtk_widget_get_visible (bar_part (f, "controls")));
  rsb_test_input_focus_window (GTK_WIDGET (f->window));
  rsb_test_input_key ("space");
  g_assert_false (rsb_replay_bar_get_playing (bar_of (f)));
}

static void
wait_until_listen_shown (Fixture *f)
{
  GtkWidget *button = bar_part (f, "listen_button");

  for (int i = 0; i < 100 && !gtk_widget_get_visible (button); i++)
    rsb_test_wait_ms (50);
  g_assert_true (gtk_widget_get_visible (button));
}

static gboolean
wait_for_calls (RsbFakeMpris *player,
                const char   *method,
                guint         n)
{
  for (int i = 0; i < 100 && rsb_fake_mpris_count_calls (player, method) < n; i++)
    rsb_test_wait_ms (50);
  return rsb_fake_mpris_count_calls (player, method) >= n;
}

/* "Play the songs" with Spotify's client on the (private) session bus:
 * the replay drops to 1×, and as it plays in a song Spotify is asked
 * for that song and moved to where the runner was in it; pausing the
 * replay pauses Spotify. */
static void
test_listen_along (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const schemes[] = { "spotify", NULL };
  const RsbFakeMprisSpec spec = { "spotify", "Spotify", schemes, TRUE, TRUE, RSB_FAKE_MPRIS_WELL_BEHAVED };
  g_autoptr(GError) error = NULL;
  RsbFakeMpris *spotify = rsb_fake_mpris_new (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), &spec, &error);
  RsbReplayBar *bar = bar_of (f);
  GtkWidget *listen = bar_part (f, "listen_button");
  const RsbActivity *activity = rsb_activity_view_get_activity (view_of (f));
  const RsbSegment *segment = rsb_activity_segment (activity, 4);
  const RsbPlay *play = rsb_activity_segment_play (activity, 4);
  double offset;
  g_autofree char *uri = NULL;
  g_autofree char *status = NULL;

  g_assert_no_error (error);
  wait_until_listen_shown (f);
  for (int i = 0; i < 100 && strstr (gtk_widget_get_tooltip_text (listen), "Spotify") == NULL; i++)
    rsb_test_wait_ms (50);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (listen), "Spotify"));

  rsb_replay_bar_set_speed (bar, 60);
  click_widget (listen);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (listen)));
  g_assert_cmpfloat (rsb_replay_bar_get_speed (bar), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (bar_part (f, "speed_dropdown")));

  /* Into the fifth song, a minute in, and play. */
  rsb_replay_bar_set_position (bar, segment->start_s + 60);
  g_assert_true (segment->end_s > segment->start_s + 60);
  offset = rsb_song_offset_at (play, activity->info->start_ms, activity->info->clock_offset_ms,
                               segment->start_s + 60);
  g_assert_cmpfloat (offset, >, 30);
  rsb_test_input_key ("space");
  g_assert_true (wait_for_calls (spotify, "OpenUri", 1));
  uri = rsb_fake_mpris_dup_uri (spotify);
  g_assert_cmpstr (uri, ==, play->track.uri);
  g_assert_true (wait_for_calls (spotify, "SetPosition", 1));
  /* Where the runner was in the song, plus the moment it took. */
  g_assert_cmpfloat (rsb_fake_mpris_position_us (spotify) / (double) G_USEC_PER_SEC, >=, offset - 0.5);
  g_assert_cmpfloat (rsb_fake_mpris_position_us (spotify) / (double) G_USEC_PER_SEC, <=, offset + 3);

  rsb_test_input_key ("space");
  g_assert_true (wait_for_calls (spotify, "Pause", 1));
  status = rsb_fake_mpris_dup_status (spotify);
  g_assert_cmpstr (status, ==, "Paused");
  rsb_fake_mpris_free (spotify);
}

/* No player on the bus: the switch stays off and says why. */
static void
test_listen_without_player (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *listen = bar_part (f, "listen_button");
  GtkWidget *popover;

  wait_until_listen_shown (f);
  rsb_test_wait_ms (300);
  click_widget (listen);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (listen)));
  popover = rsb_test_find_widget (listen, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_popover_get_child (GTK_POPOVER (popover)))), ==,
                   gtk_widget_get_tooltip_text (listen));
  g_assert_cmpuint (strlen (gtk_widget_get_tooltip_text (listen)), >, 10);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/replay/play-and-pause", Fixture, NULL, sample_set_up, test_play_and_pause, tear_down);
  g_test_add ("/replay/keys", Fixture, NULL, sample_set_up, test_keys, tear_down);
  g_test_add ("/replay/scrub-selects-song", Fixture, NULL, sample_set_up, test_scrub_selects_song, tear_down);
  g_test_add ("/replay/drag-ends-follow", Fixture, NULL, sample_set_up, test_drag_ends_follow, tear_down);
  g_test_add ("/replay/listen-along", Fixture, NULL, sample_set_up, test_listen_along, tear_down);
  g_test_add ("/replay/listen-without-player", Fixture, NULL, sample_set_up, test_listen_without_player, tear_down);
  g_test_add ("/replay/route-without-times", Fixture, NULL, library_set_up, test_route_without_times, tear_down);
  return g_test_run ();
}
