/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-open-plays.c: how long a scrobbled listen lasted. */
#include "rsb-open-plays.h"

static RsbPlay *
started (gint64 start_s,
         gint64 duration_s)
{
  RsbPlay *play = rsb_play_new ();

  play->start_ms = start_s * 1000;
  play->end_ms = play->start_ms;
  play->track.duration_ms = duration_s * 1000;
  play->source = RSB_PLAY_SOURCE_LASTFM;
  return play;
}

static void
test_until_next_or_song_length (void)
{
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  RsbPlay *first, *skipped, *last, *unknown;

  /* Newest first, as the services list them. */
  g_ptr_array_add (plays, unknown = started (5000, 0));
  g_ptr_array_add (plays, last = started (1000, 240));
  g_ptr_array_add (plays, skipped = started (300, 240));
  g_ptr_array_add (plays, first = started (0, 200));

  rsb_plays_close_open_ends (plays);

  g_assert_true (g_ptr_array_index (plays, 0) == first);
  g_assert_true (g_ptr_array_index (plays, 3) == unknown);
  /* Played whole: the next began later than the song lasts. */
  g_assert_cmpint (first->end_ms, ==, 200000);
  g_assert_cmpint (first->ms_played, ==, 200000);
  /* Heard whole too: the next began 700 s later. */
  g_assert_cmpint (skipped->end_ms, ==, 300000 + 240000);
  /* Ends at its length though nothing followed for an hour. */
  g_assert_cmpint (last->end_ms, ==, 1240000);
  /* A song of unknown length, the newest: ten minutes at most. */
  g_assert_cmpint (unknown->end_ms - unknown->start_ms, ==, RSB_OPEN_PLAY_MAX_MS);
}

static void
test_skip_ends_at_next (void)
{
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  RsbPlay *a, *b, *repeat;

  g_ptr_array_add (plays, a = started (0, 300));
  g_ptr_array_add (plays, b = started (45, 0));
  /* The same scrobble twice: both get one end, not a zero-length one. */
  g_ptr_array_add (plays, repeat = started (45, 0));
  g_ptr_array_add (plays, started (400, 0));

  rsb_plays_close_open_ends (plays);

  g_assert_cmpint (a->end_ms, ==, 45000);
  g_assert_cmpint (a->ms_played, ==, 45000);
  g_assert_cmpint (b->end_ms, ==, 400000);
  g_assert_cmpint (repeat->end_ms, ==, 400000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/open-plays/until-next-or-song-length", test_until_next_or_song_length);
  g_test_add_func ("/open-plays/skip-ends-at-next", test_skip_ends_at_next);
  return g_test_run ();
}
