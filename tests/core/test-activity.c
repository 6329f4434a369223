/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One workout as the views hold it: finding a song again after the
 * songs were matched anew, telling whether a new load changes anything,
 * and telling silence from a stretch the history knows nothing of. */
#include <math.h>

#include "rsb-activity.h"

#define START_MS G_GINT64_CONSTANT (1790000000000)

static RsbPlay *
make_play (gint64      id,
           const char *title,
           gint64      start_s,
           gint64      length_s)
{
  RsbPlay *play = rsb_play_new ();

  play->id = id;
  play->track_id = id;
  play->track.title = g_strdup (title);
  play->start_ms = START_MS + start_s * 1000;
  play->end_ms = play->start_ms + length_s * 1000;
  play->ms_played = length_s * 1000;
  play->precision_ms = 1000;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  return play;
}

/* 61 points a second apart. Plays: A 0-20 s, B 25-40 s, then nothing
 * until C at 100-200 s (after the workout); X ended 50 s before it. */
static RsbActivity *
workout (gboolean with_after)
{
  RsbActivity *activity = g_new0 (RsbActivity, 1);
  RsbStreams *streams = rsb_streams_new (61);

  for (guint i = 0; i < 61; i++)
    rsb_streams_ensure (streams, RSB_STREAM_TIME)[i] = i;
  activity->info = rsb_activity_info_new ();
  activity->info->id = 3;
  activity->info->start_ms = START_MS;
  activity->streams = streams;
  activity->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_ptr_array_add (activity->plays, make_play (9, "X", -100, 50));
  g_ptr_array_add (activity->plays, make_play (10, "A", 0, 20));
  g_ptr_array_add (activity->plays, make_play (11, "B", 25, 15));
  if (with_after)
    g_ptr_array_add (activity->plays, make_play (12, "C", 100, 100));
  activity->match = rsb_match_new (streams, START_MS, 0, activity->plays);
  return activity;
}

static void
test_find_again (void)
{
  g_autoptr(RsbActivity) activity = workout (TRUE);
  int b = rsb_activity_segment_of_play (activity, 11);

  /* A, a gap, B, the rest. */
  g_assert_cmpuint (rsb_activity_n_segments (activity), ==, 4);
  g_assert_cmpint (b, ==, 2);
  g_assert_cmpint (rsb_activity_segment_of_play (activity, 12), ==, -1);
  g_assert_cmpint (rsb_activity_segment_at_point (activity, 0), ==, 0);
  g_assert_cmpint (rsb_activity_segment_at_point (activity, 30), ==, b);
  g_assert_cmpint (rsb_activity_segment_at_point (activity, 60), ==, 3);
  g_assert_cmpint (rsb_activity_segment_at_point (activity, 61), ==, -1);

  /* Ten seconds later on the watch's clock: B is found where it went. */
  rsb_activity_set_clock_offset (activity, 10000);
  b = rsb_activity_segment_of_play (activity, 11);
  g_assert_cmpint (b, >=, 0);
  g_assert_cmpuint (rsb_activity_segment (activity, b)->first_point, ==, 35);
}

static void
test_same_songs (void)
{
  g_autoptr(RsbActivity) shown = workout (FALSE);
  g_autoptr(RsbActivity) again = workout (FALSE);
  g_autoptr(RsbActivity) retitled = workout (FALSE);
  RsbActivity *fresh = workout (FALSE);
  RsbPlay *play = g_ptr_array_index (retitled->plays, 2);

  g_assert_true (rsb_activity_same_songs (shown, again));
  /* A track that got its real title (or a URI) is a change to show. */
  g_free (play->track.title);
  play->track.title = g_strdup ("B (Remastered)");
  g_assert_false (rsb_activity_same_songs (shown, retitled));
  /* So is another recording of the same workout. */
  rsb_streams_ensure (again->streams, RSB_STREAM_HEART_RATE)[0] = 120;
  g_assert_false (rsb_activity_same_songs (shown, again));

  /* New songs into the activity shown; its streams stay its own. */
  {
    const RsbStreams *streams = shown->streams;

    rsb_activity_set_clock_offset (fresh, 10000);
    rsb_activity_take_songs (shown, fresh);
    g_assert_true (shown->streams == streams);
    g_assert_cmpint (shown->info->clock_offset_ms, ==, 10000);
    g_assert_cmpuint (rsb_activity_segment (shown, rsb_activity_segment_of_play (shown, 11))->first_point, ==, 35);
  }
}

static void
test_silence (void)
{
  g_autoptr(RsbActivity) open_end = workout (FALSE);
  g_autoptr(RsbActivity) covered = workout (TRUE);

  /* Between A and B the history goes on: the music was off. */
  g_assert_true (rsb_activity_segment_is_silence (covered, 1));
  g_assert_true (rsb_activity_segment_is_silence (open_end, 1));
  /* After B: silence only when the history has a later play. */
  g_assert_true (rsb_activity_segment_is_silence (covered, 3));
  g_assert_false (rsb_activity_segment_is_silence (open_end, 3));
  /* A song is never silence. */
  g_assert_false (rsb_activity_segment_is_silence (covered, 0));
}

/* A copy (what a worker draws from) is the same workout and lives on
 * after the original is freed. */
static void
test_copy (void)
{
  RsbActivity *original = workout (TRUE);
  g_autoptr(RsbActivity) copy = rsb_activity_copy (original);

  g_assert_true (rsb_activity_same_songs (original, copy));
  g_assert_true (rsb_streams_equal (original->streams, copy->streams));
  g_assert_true (copy->streams != original->streams);
  rsb_activity_free (original);
  g_assert_cmpint (copy->info->id, ==, 3);
  g_assert_cmpuint (rsb_activity_n_segments (copy), >=, 3);
  g_assert_cmpstr (rsb_activity_segment_play (copy, rsb_activity_segment_of_play (copy, 11))->track.title, ==, "B");
}

static void
test_streams_equal (void)
{
  g_autoptr(RsbActivity) a = workout (FALSE);
  g_autoptr(RsbActivity) b = workout (FALSE);

  g_assert_true (rsb_streams_equal (a->streams, b->streams));
  rsb_streams_ensure (a->streams, RSB_STREAM_ALTITUDE);
  rsb_streams_ensure (b->streams, RSB_STREAM_ALTITUDE);
  /* Missing values are alike. */
  g_assert_true (isnan (a->streams->columns[RSB_STREAM_ALTITUDE][5]));
  g_assert_true (rsb_streams_equal (a->streams, b->streams));
  b->streams->columns[RSB_STREAM_ALTITUDE][5] = 300;
  g_assert_false (rsb_streams_equal (a->streams, b->streams));
  rsb_streams_drop (b->streams, RSB_STREAM_ALTITUDE);
  g_assert_false (rsb_streams_equal (a->streams, b->streams));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/activity/find-again", test_find_again);
  g_test_add_func ("/activity/same-songs", test_same_songs);
  g_test_add_func ("/activity/silence", test_silence);
  g_test_add_func ("/activity/streams-equal", test_streams_equal);
  g_test_add_func ("/activity/copy", test_copy);
  return g_test_run ();
}
