/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The matcher decides which song the user sees on each stretch: these
 * tests pin the exact segments for the situations real workouts bring. */
#include "rsb-matcher.h"

#define T0 G_GINT64_CONSTANT (1700000000000)

/* A 1 Hz workout of n points, 3 m apart; pause_at > 0 inserts a pause of
 * pause_s seconds before that point. */
static RsbStreams *
make_streams (guint  n,
              guint  pause_at,
              double pause_s)
{
  RsbStreams *streams = rsb_streams_new (n);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);

  for (guint i = 0; i < n; i++)
    {
      time[i] = i + (pause_at > 0 && i >= pause_at ? pause_s : 0);
      distance[i] = i * 3.0;
    }
  return streams;
}

/* A play heard from start_s to end_s, in seconds from T0. */
static RsbPlay *
make_play (const char    *uri,
           double         start_s,
           double         end_s,
           RsbPlaySource  source)
{
  RsbPlay *play = rsb_play_new ();

  play->track.uri = g_strdup (uri);
  play->track.title = g_strdup (uri);
  play->start_ms = T0 + (gint64) (start_s * 1000);
  play->end_ms = T0 + (gint64) (end_s * 1000);
  play->ms_played = play->end_ms - play->start_ms;
  play->source = source;
  play->precision_ms = source == RSB_PLAY_SOURCE_ACCOUNT ? 60000 : 1000;
  return play;
}

static GPtrArray *
plays_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
}

/* Checks segment i is points [first, last] heard with play_index. */
static void
assert_segment (RsbMatch *match,
                guint     i,
                guint     first,
                guint     last,
                int       play_index)
{
  const RsbSegment *segment;

  g_assert_cmpuint (i, <, match->segments->len);
  segment = &g_array_index (match->segments, RsbSegment, i);
  g_assert_cmpuint (segment->index, ==, i);
  g_assert_cmpuint (segment->first_point, ==, first);
  g_assert_cmpuint (segment->last_point, ==, last);
  g_assert_cmpint (segment->play_index, ==, play_index);
}

static void
test_plays_inside (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  g_ptr_array_add (plays, make_play ("a", 10, 40, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("b", 40, 70, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 4);
  assert_segment (match, 0, 0, 9, -1);
  assert_segment (match, 1, 10, 39, 0);
  assert_segment (match, 2, 40, 69, 1);
  assert_segment (match, 3, 70, 99, -1);
  g_assert_cmpuint (match->n_songs, ==, 2);

  /* Segments meet: each ends where the next begins. */
  g_assert_cmpfloat (g_array_index (match->segments, RsbSegment, 1).start_s, ==, 10);
  g_assert_cmpfloat (g_array_index (match->segments, RsbSegment, 1).end_s, ==, 40);
  g_assert_cmpfloat (g_array_index (match->segments, RsbSegment, 1).start_m, ==, 30);
  g_assert_cmpfloat (g_array_index (match->segments, RsbSegment, 1).end_m, ==, 120);
  /* 60 of 99 moving seconds had a song. */
  g_assert_cmpfloat_with_epsilon (match->coverage, 60.0 / 99.0, 1e-9);
}

static void
test_plays_across_start_and_end (void)
{
  g_autoptr(RsbStreams) streams = make_streams (60, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  g_ptr_array_add (plays, make_play ("before", -120, 20, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("after", 20, 200, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 2);
  assert_segment (match, 0, 0, 19, 0);
  assert_segment (match, 1, 20, 59, 1);
  g_assert_cmpfloat (match->coverage, ==, 1.0);
}

static void
test_pause (void)
{
  /* Points 0-29 at 0-29 s, then a 10-minute pause, points 30-59 at 630-659 s. */
  g_autoptr(RsbStreams) streams = make_streams (60, 30, 600);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  g_ptr_array_add (plays, make_play ("spans-pause", 20, 640, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("inside-pause", 100, 300, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  /* The play during the pause touches no point; the one across the pause
   * covers points on both sides of it. */
  g_assert_cmpuint (match->segments->len, ==, 3);
  assert_segment (match, 0, 0, 19, -1);
  assert_segment (match, 1, 20, 39, 0);
  assert_segment (match, 2, 40, 59, -1);
  g_assert_cmpfloat (g_array_index (match->segments, RsbSegment, 1).end_s, ==, 640);
  /* The pause is not moving time. */
  g_assert_cmpfloat_with_epsilon (match->moving_s, 58, 1e-9);
  /* It lies between points 29 and 30, and only there. */
  g_assert_true (rsb_interval_is_pause (streams, 30));
  for (guint i = 0; i < 60; i++)
    g_assert_true (i == 30 || !rsb_interval_is_pause (streams, i));
}

static void
test_overlapping_plays (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  /* b starts before a's logged end: starting b ended a. */
  g_ptr_array_add (plays, make_play ("a", 0, 60, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("b", 50, 80, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 3);
  assert_segment (match, 0, 0, 49, 0);
  assert_segment (match, 1, 50, 79, 1);
  assert_segment (match, 2, 80, 99, -1);
}

static void
test_long_play_around_short_one (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  /* A short play inside a long one's logged interval; the long one is
   * heard again once the short one is over. */
  g_ptr_array_add (plays, make_play ("long", 0, 90, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("short", 30, 40, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 4);
  assert_segment (match, 0, 0, 29, 0);
  assert_segment (match, 1, 30, 39, 1);
  assert_segment (match, 2, 40, 89, 0);
  assert_segment (match, 3, 90, 99, -1);
}

static void
test_skipped_play (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;
  RsbPlay *skipped;

  g_ptr_array_add (plays, make_play ("a", 0, 40, RSB_PLAY_SOURCE_EXTENDED));
  skipped = make_play ("skipped", 40, 44, RSB_PLAY_SOURCE_EXTENDED);
  skipped->skipped = TRUE;
  g_ptr_array_add (plays, skipped);
  g_ptr_array_add (plays, make_play ("b", 44, 100, RSB_PLAY_SOURCE_EXTENDED));
  /* Shorter than the time between two points: heard between samples. */
  g_ptr_array_add (plays, make_play ("blip", 70.2, 70.7, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 3);
  assert_segment (match, 0, 0, 39, 0);
  assert_segment (match, 1, 40, 43, 1);
  assert_segment (match, 2, 44, 99, 2);
  g_assert_cmpuint (match->n_songs, ==, 3);
}

static void
test_no_music_stretch (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  /* A 2-second gap is one song handing over to the next; 20 seconds is silence. */
  g_ptr_array_add (plays, make_play ("a", 0, 30, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("b", 32, 50, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("c", 70, 100, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 4);
  assert_segment (match, 0, 0, 31, 0);
  assert_segment (match, 1, 32, 49, 1);
  assert_segment (match, 2, 50, 69, -1);
  assert_segment (match, 3, 70, 99, 2);
  g_assert_cmpuint (match->n_songs, ==, 3);
}

static void
test_clock_offset (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) early = NULL;
  g_autoptr(RsbMatch) late = NULL;

  g_ptr_array_add (plays, make_play ("a", 10, 40, RSB_PLAY_SOURCE_EXTENDED));
  /* The watch ran 5 s fast: plays shift 5 s later on the route. */
  late = rsb_match_new (streams, T0, 5000, plays);
  g_assert_cmpuint (late->segments->len, ==, 3);
  assert_segment (late, 0, 0, 14, -1);
  assert_segment (late, 1, 15, 44, 0);
  assert_segment (late, 2, 45, 99, -1);

  early = rsb_match_new (streams, T0, -10000, plays);
  g_assert_cmpuint (early->segments->len, ==, 2);
  assert_segment (early, 0, 0, 29, 0);
  assert_segment (early, 1, 30, 99, -1);
}

static void
test_same_play_two_sources (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  /* The Extended history and the account-data export report one listen;
   * the account data's minute precision puts it a little off. */
  g_ptr_array_add (plays, make_play ("a", 12, 42, RSB_PLAY_SOURCE_ACCOUNT));
  g_ptr_array_add (plays, make_play ("a", 10, 40, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("b", 40, 70, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  /* One segment for the listen, timed by the precise source. */
  g_assert_cmpuint (match->segments->len, ==, 4);
  assert_segment (match, 0, 0, 9, -1);
  assert_segment (match, 1, 10, 39, 1);
  assert_segment (match, 2, 40, 69, 2);
  assert_segment (match, 3, 70, 99, -1);
  g_assert_cmpuint (match->n_songs, ==, 2);
}

static void
test_repeat_of_same_track (void)
{
  g_autoptr(RsbStreams) streams = make_streams (100, 0, 0);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  /* The same track played twice in a row is two listens, not a duplicate. */
  g_ptr_array_add (plays, make_play ("a", 0, 30, RSB_PLAY_SOURCE_EXTENDED));
  g_ptr_array_add (plays, make_play ("a", 30, 60, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, T0, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 3);
  assert_segment (match, 0, 0, 29, 0);
  assert_segment (match, 1, 30, 59, 1);
  assert_segment (match, 2, 60, 99, -1);
}

static void
test_route_without_times (void)
{
  g_autoptr(RsbStreams) streams = rsb_streams_new (10);
  g_autoptr(GPtrArray) plays = plays_new ();
  g_autoptr(RsbMatch) match = NULL;

  rsb_streams_ensure (streams, RSB_STREAM_LAT);
  rsb_streams_ensure (streams, RSB_STREAM_LON);
  g_ptr_array_add (plays, make_play ("a", 0, 30, RSB_PLAY_SOURCE_EXTENDED));
  match = rsb_match_new (streams, RSB_NO_TIME, 0, plays);

  g_assert_cmpuint (match->segments->len, ==, 1);
  assert_segment (match, 0, 0, 9, -1);
  g_assert_cmpuint (match->n_songs, ==, 0);
  g_assert_cmpfloat (match->coverage, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/matcher/plays-inside", test_plays_inside);
  g_test_add_func ("/matcher/plays-across-start-and-end", test_plays_across_start_and_end);
  g_test_add_func ("/matcher/pause", test_pause);
  g_test_add_func ("/matcher/overlapping-plays", test_overlapping_plays);
  g_test_add_func ("/matcher/long-play-around-short-one", test_long_play_around_short_one);
  g_test_add_func ("/matcher/skipped-play", test_skipped_play);
  g_test_add_func ("/matcher/no-music-stretch", test_no_music_stretch);
  g_test_add_func ("/matcher/clock-offset", test_clock_offset);
  g_test_add_func ("/matcher/same-play-two-sources", test_same_play_two_sources);
  g_test_add_func ("/matcher/repeat-of-same-track", test_repeat_of_same_track);
  g_test_add_func ("/matcher/route-without-times", test_route_without_times);

  return g_test_run ();
}
