/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tempo rules a runner reads: in step within 3 % of the BPM, half
 * or double it, near within 6 %; tap tempo from the median interval;
 * and which source's BPM the library shows when several speak. */
#include <math.h>

#include "rsb-store.h"
#include "rsb-tempo.h"

static void
test_step_boundaries (void)
{
  double ratio;

  /* 170 spm on a 170 BPM song and on a half-time one; 90 rpm on 180 BPM. */
  g_assert_cmpint (rsb_tempo_step_verdict (170, 170, &ratio), ==, RSB_STEP_IN);
  g_assert_cmpfloat (ratio, ==, 1);
  g_assert_cmpint (rsb_tempo_step_verdict (85, 170, &ratio), ==, RSB_STEP_IN);
  g_assert_cmpfloat (ratio, ==, 2);
  g_assert_cmpint (rsb_tempo_step_verdict (180, 90, &ratio), ==, RSB_STEP_IN);
  g_assert_cmpfloat (ratio, ==, 0.5);
  /* 3 % of 160 is 4.8: 164.8 is in, 165 is near; 6 % is 9.6. */
  g_assert_cmpint (rsb_tempo_step_verdict (160, 164.8, NULL), ==, RSB_STEP_IN);
  g_assert_cmpint (rsb_tempo_step_verdict (160, 155.2, NULL), ==, RSB_STEP_IN);
  g_assert_cmpint (rsb_tempo_step_verdict (160, 165.0, NULL), ==, RSB_STEP_NEAR);
  g_assert_cmpint (rsb_tempo_step_verdict (160, 169.6, NULL), ==, RSB_STEP_NEAR);
  g_assert_cmpint (rsb_tempo_step_verdict (160, 169.8, NULL), ==, RSB_STEP_OFF);
  /* Half time counts the same way: 90 rpm on a 174 BPM song (87 × 2 = 174). */
  g_assert_cmpint (rsb_tempo_step_verdict (174, 89.6, NULL), ==, RSB_STEP_IN);
  g_assert_cmpint (rsb_tempo_step_verdict (174, 90.0, NULL), ==, RSB_STEP_NEAR);
  /* Nothing to compare: no tempo, no cadence. */
  g_assert_cmpint (rsb_tempo_step_verdict (NAN, 170, &ratio), ==, RSB_STEP_UNKNOWN);
  g_assert_cmpfloat (ratio, ==, 0);
  g_assert_cmpint (rsb_tempo_step_verdict (0, 170, NULL), ==, RSB_STEP_UNKNOWN);
  g_assert_cmpint (rsb_tempo_step_verdict (170, NAN, NULL), ==, RSB_STEP_UNKNOWN);
  g_assert_cmpint (rsb_tempo_step_verdict (170, 0, NULL), ==, RSB_STEP_UNKNOWN);
}

static void
test_taps (void)
{
  /* Taps at 120 BPM with one late tap: the median ignores it. */
  double taps[] = { 0, 0.5, 1.0, 1.5, 2.2, 2.5, 3.0, 3.5, 4.0 };

  g_assert_cmpfloat_with_epsilon (rsb_tempo_from_taps (taps, G_N_ELEMENTS (taps)), 120, 1e-9);
  /* Seven taps are too few. */
  g_assert_true (isnan (rsb_tempo_from_taps (taps, 7)));
  g_assert_cmpfloat_with_epsilon (rsb_tempo_from_taps (taps, 8), 120, 1e-9);
}

static void
test_source_names (void)
{
  RsbTempoSource source;

  for (RsbTempoSource s = RSB_TEMPO_SOURCE_ESTIMATE; s <= RSB_TEMPO_SOURCE_HAND; s++)
    {
      g_assert_true (rsb_tempo_source_from_string (rsb_tempo_source_to_string (s), &source));
      g_assert_cmpint (source, ==, s);
      g_assert_cmpstr (rsb_tempo_source_display (s), !=, "");
    }
  g_assert_false (rsb_tempo_source_from_string ("spotify", &source));
  g_assert_cmpint (source, ==, RSB_TEMPO_SOURCE_NONE);
  g_assert_false (rsb_tempo_source_from_string (NULL, &source));
}

static RsbPlay *
play_of (const char *uri,
         gint64      start_ms)
{
  RsbPlay *play = rsb_play_new ();

  play->track.uri = g_strdup (uri);
  play->track.title = g_strdup ("Song");
  play->track.artists = g_strdup ("Artist");
  play->start_ms = start_ms;
  play->end_ms = start_ms + 200000;
  play->ms_played = 200000;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  play->precision_ms = 1;
  return play;
}

static const RsbTrack *
stored_track (RsbStore  *store,
              GPtrArray *holder)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *plays = rsb_store_plays_between (store, 0, 1000000, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 1);
  g_ptr_array_add (holder, plays);
  return &((RsbPlay *) plays->pdata[0])->track;
}

static void
test_source_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(GPtrArray) holder = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(RsbPlay) play = play_of ("spotify:track:x", 0);
  const RsbTrack *track;
  gboolean added;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (rsb_store_add_play (store, play, &added, &error));
  g_assert_no_error (error);
  track = stored_track (store, holder);
  g_assert_cmpint (track->bpm_source, ==, RSB_TEMPO_SOURCE_NONE);
  g_assert_true (isnan (track->energy));
  id = ((RsbPlay *) ((GPtrArray *) holder->pdata[0])->pdata[0])->track_id;

  /* An estimate, then ReccoBeats and Deezer outrank it in turn... */
  g_assert_true (rsb_store_set_track_tempo (store, id, RSB_TEMPO_SOURCE_ESTIMATE, 87, 0.6, &error));
  g_assert_cmpfloat (stored_track (store, holder)->bpm, ==, 87);
  g_assert_true (rsb_store_set_track_tempo (store, id, RSB_TEMPO_SOURCE_DEEZER, 174, 0.9, &error));
  g_assert_true (rsb_store_set_track_tempo (store, id, RSB_TEMPO_SOURCE_RECCOBEATS, 173.2, 0.8, &error));
  track = stored_track (store, holder);
  g_assert_cmpfloat (track->bpm, ==, 174);
  g_assert_cmpint (track->bpm_source, ==, RSB_TEMPO_SOURCE_DEEZER);
  g_assert_cmpfloat_with_epsilon (track->bpm_confidence, 0.9, 1e-9);
  /* ...the file tag outranks Deezer, and a hand value everything. */
  g_assert_true (rsb_store_set_track_tempo (store, id, RSB_TEMPO_SOURCE_FILE_TAG, 175, 1, &error));
  g_assert_true (rsb_store_set_track_tempo (store, id, RSB_TEMPO_SOURCE_HAND, 87.5, 1, &error));
  track = stored_track (store, holder);
  g_assert_cmpfloat (track->bpm, ==, 87.5);
  g_assert_cmpint (track->bpm_source, ==, RSB_TEMPO_SOURCE_HAND);
  /* A later lookup does not move the hand value... */
  g_assert_true (rsb_store_set_track_tempo (store, id, RSB_TEMPO_SOURCE_DEEZER, 176, 0.9, &error));
  g_assert_cmpfloat (stored_track (store, holder)->bpm, ==, 87.5);
  g_assert_cmpfloat (rsb_store_track_tempo_from (store, id, RSB_TEMPO_SOURCE_DEEZER, NULL), ==, 176);
  /* ...and taking it back lets the file tag speak again. */
  g_assert_true (rsb_store_clear_track_tempo (store, id, RSB_TEMPO_SOURCE_HAND, &error));
  track = stored_track (store, holder);
  g_assert_cmpfloat (track->bpm, ==, 175);
  g_assert_cmpint (track->bpm_source, ==, RSB_TEMPO_SOURCE_FILE_TAG);
  g_assert_true (isnan (rsb_store_track_tempo_from (store, id, RSB_TEMPO_SOURCE_HAND, NULL)));
  g_assert_true (rsb_store_set_track_energy (store, id, 0.73, &error));
  g_assert_cmpfloat_with_epsilon (stored_track (store, holder)->energy, 0.73, 1e-9);
  g_assert_no_error (error);
}

/* Spotify sends some ISRCs in lower case, exports with hyphens: the
 * library keeps one spelling, the one the music scan and the lookups
 * compare, so a file's ISRC meets its song's. */
static void
test_isrc_spelling (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(GPtrArray) holder = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(RsbPlay) play = play_of ("spotify:track:y", 0);
  gboolean added;

  play->track.isrc = g_strdup ("gb-ayk-13-00001");
  g_assert_true (rsb_store_add_play (store, play, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored_track (store, holder)->isrc, ==, "GBAYK1300001");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tempo/step-boundaries", test_step_boundaries);
  g_test_add_func ("/tempo/taps", test_taps);
  g_test_add_func ("/tempo/source-names", test_source_names);
  g_test_add_func ("/tempo/source-order", test_source_order);
  g_test_add_func ("/tempo/isrc-spelling", test_isrc_spelling);
  return g_test_run ();
}
