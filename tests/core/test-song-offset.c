/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-song-offset.c: where in a song listening along starts it. */
#include "config.h"

#include "rsb-song-offset.h"

#define START_MS G_GINT64_CONSTANT (1700000000000)

/* A 200 s song whose play began 60 s into the workout. */
static RsbPlay *
play_at_60s (void)
{
  RsbPlay *play = rsb_play_new ();

  play->track.duration_ms = 200000;
  play->start_ms = START_MS + 60000;
  play->end_ms = play->start_ms + 200000;
  return play;
}

static void
test_offset_inside_the_song (void)
{
  g_autoptr(RsbPlay) play = play_at_60s ();

  g_assert_cmpfloat_with_epsilon (rsb_song_offset_at (play, START_MS, 0, 60.0), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_song_offset_at (play, START_MS, 0, 95.5), 35.5, 1e-9);
}

/* The watch's clock ran 5 s ahead of the phone's: the song started at
 * 65 s on the workout's clock. */
static void
test_offset_follows_the_clock_offset (void)
{
  g_autoptr(RsbPlay) play = play_at_60s ();

  g_assert_cmpfloat_with_epsilon (rsb_song_offset_at (play, START_MS, 5000, 95.0), 30.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rsb_song_offset_at (play, START_MS, -5000, 95.0), 40.0, 1e-9);
}

/* Never a negative seek, never one past the song's end. */
static void
test_offset_is_clamped_to_the_song (void)
{
  g_autoptr(RsbPlay) play = play_at_60s ();

  g_assert_cmpfloat (rsb_song_offset_at (play, START_MS, 0, 10.0), ==, 0.0);
  g_assert_cmpfloat (rsb_song_offset_at (play, START_MS, 0, 900.0), ==, 200.0);
  /* Duration unknown: the play's own length bounds it. */
  play->track.duration_ms = 0;
  play->end_ms = play->start_ms + 30000;
  g_assert_cmpfloat (rsb_song_offset_at (play, START_MS, 0, 900.0), ==, 30.0);
}

static void
test_offset_without_times (void)
{
  g_autoptr(RsbPlay) play = play_at_60s ();

  g_assert_cmpfloat (rsb_song_offset_at (play, RSB_NO_TIME, 0, 95.0), ==, 0.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/song-offset/inside", test_offset_inside_the_song);
  g_test_add_func ("/song-offset/clock-offset", test_offset_follows_the_clock_offset);
  g_test_add_func ("/song-offset/clamped", test_offset_is_clamped_to_the_song);
  g_test_add_func ("/song-offset/no-times", test_offset_without_times);
  return g_test_run ();
}
