/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The numbers on the song card: a hand-built workout whose every value
 * is worked out below, and the bundled sample, whose values were
 * checked against an independent computation from its GPX. */
#include <gio/gio.h>
#include <math.h>

#include "rsb-importer.h"
#include "rsb-song-stats.h"
#include "rsb-format.h"
#include "rsb-song-tally.h"

#define START_MS G_GINT64_CONSTANT (1790000000000)

static RsbPlay *
make_play (const char *title,
           gint64      start_ms,
           gint64      ms_played,
           gboolean    skipped)
{
  RsbPlay *play = rsb_play_new ();

  play->track.title = g_strdup (title);
  play->track.artists = g_strdup ("Tester");
  play->start_ms = start_ms;
  play->end_ms = start_ms + ms_played;
  play->ms_played = ms_played;
  play->precision_ms = 1000;
  play->skipped = skipped;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  return play;
}

/* Eleven points ten seconds apart at 3 m/s, standing still from 30 s to
 * 50 s. Song A plays from a minute before the start to 55 s (points
 * 0-5), song B is skipped after 9.7 s (point 6 only), then no music. */
static RsbActivity *
constructed_workout (const char *sport)
{
  static const double distance[] = { 0, 30, 60, 90, 90, 90, 120, 150, 180, 210, 240 };
  static const double hr[] = { 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200 };
  static const double cadence[] = { 80, 82, 84, 0, 0, 86, 88, 90, 90, 90, 90 };
  static const double altitude[] = { 10, 11, 10.5, 13, 12, 14, 13.5, 16, 15, 15, 20 };
  RsbActivity *activity = g_new0 (RsbActivity, 1);
  RsbStreams *streams = rsb_streams_new (11);

  for (guint i = 0; i < 11; i++)
    {
      rsb_streams_ensure (streams, RSB_STREAM_TIME)[i] = i * 10.0;
      rsb_streams_ensure (streams, RSB_STREAM_DISTANCE)[i] = distance[i];
      rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE)[i] = hr[i];
      rsb_streams_ensure (streams, RSB_STREAM_CADENCE)[i] = cadence[i];
      rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE)[i] = altitude[i];
    }
  activity->info = rsb_activity_info_new ();
  activity->info->sport = g_strdup (sport);
  activity->info->start_ms = START_MS;
  activity->info->distance_m = 240;
  activity->info->moving_s = rsb_streams_moving_s (streams);
  activity->streams = streams;
  activity->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_ptr_array_add (activity->plays, make_play ("A", START_MS - 60000, 115000, FALSE));
  g_ptr_array_add (activity->plays, make_play ("B", START_MS + 55000, 9731, TRUE));
  activity->match = rsb_match_new (streams, START_MS, 0, activity->plays);
  return activity;
}

static void
test_constructed_run (void)
{
  g_autoptr(RsbActivity) activity = constructed_workout ("run");
  RsbSongStats s;

  g_assert_cmpuint (rsb_activity_n_segments (activity), ==, 3);

  rsb_activity_song_stats (activity, 0, &s);
  g_assert_true (s.has_music);
  g_assert_true (s.on_foot);
  g_assert_cmpfloat (s.start_s, ==, 0);
  g_assert_cmpfloat (s.end_s, ==, 60);
  g_assert_cmpfloat (s.start_m, ==, 0);
  g_assert_cmpfloat (s.end_m, ==, 120);
  g_assert_cmpint (s.heard_ms, ==, 115000);
  g_assert_false (s.skipped);
  /* 20 s at the crossing are not moving: 120 m in 40 s. */
  g_assert_cmpfloat (s.moving_s, ==, 40);
  g_assert_cmpfloat (s.moving_m, ==, 120);
  g_assert_cmpfloat (s.speed_ms, ==, 3);
  g_assert_cmpfloat_with_epsilon (s.pace_s_per_km, 1000.0 / 3, 1e-9);
  /* 100, 110, 120 and 150: the values at the starts of the moving steps. */
  g_assert_cmpfloat (s.heart_rate, ==, 120);
  /* (80 + 82 + 84 + 86) / 4 per foot pair, doubled. */
  g_assert_cmpfloat (s.cadence, ==, 166);
  /* 10 → 13 counts once it is 2 m up (3 m), 13 → 14 adds 1; the 1 m and
   * 0.5 m wobbles in between do not. */
  g_assert_cmpfloat (s.elevation_gain_m, ==, 4);
  g_assert_true (isnan (s.bpm));

  rsb_activity_song_stats (activity, 1, &s);
  g_assert_true (s.has_music);
  g_assert_true (s.skipped);
  g_assert_cmpint (s.heard_ms, ==, 9731);
  g_assert_cmpfloat (s.start_s, ==, 60);
  g_assert_cmpfloat (s.end_s, ==, 70);
  g_assert_cmpfloat (s.moving_s, ==, 10);
  g_assert_cmpfloat (s.heart_rate, ==, 160);
  g_assert_cmpfloat (s.cadence, ==, 176);
  /* The step into the next stretch is this song's: 13.5 → 16. */
  g_assert_cmpfloat (s.elevation_gain_m, ==, 2.5);

  rsb_activity_song_stats (activity, 2, &s);
  g_assert_false (s.has_music);
  g_assert_false (s.skipped);
  g_assert_cmpint (s.heard_ms, ==, 0);
  g_assert_cmpfloat (s.end_s, ==, 100);
  g_assert_cmpfloat (s.end_m, ==, 240);
  g_assert_cmpfloat (s.moving_s, ==, 30);
  g_assert_cmpfloat (s.heart_rate, ==, 180);
  g_assert_cmpfloat (s.cadence, ==, 180);
  /* 16 → 15 is a dip; 15 → 20 a climb of 5. */
  g_assert_cmpfloat (s.elevation_gain_m, ==, 5);
}

/* A bike's cadence is already revolutions per minute. */
static void
test_constructed_ride (void)
{
  g_autoptr(RsbActivity) activity = constructed_workout ("ride");
  RsbSongStats s;

  rsb_activity_song_stats (activity, 0, &s);
  g_assert_false (s.on_foot);
  g_assert_cmpfloat (s.cadence, ==, 83);
  g_assert_cmpfloat (s.speed_ms, ==, 3);
}

/* Without a sport, the speed tells: under 12 km/h is on foot (pace),
 * from 12 km/h on it is speed. */
static void
test_unknown_sport (void)
{
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();

  info->moving_s = 100;
  info->distance_m = 300;
  g_assert_true (rsb_sport_is_on_foot (info));
  info->distance_m = 333;   /* 11.99 km/h */
  g_assert_true (rsb_sport_is_on_foot (info));
  info->distance_m = 334;   /* 12.02 km/h */
  g_assert_false (rsb_sport_is_on_foot (info));
  info->distance_m = 800;
  g_assert_false (rsb_sport_is_on_foot (info));
  info->moving_s = 0;
  g_assert_false (rsb_sport_is_on_foot (info));
  info->sport = g_strdup ("hike");
  g_assert_true (rsb_sport_is_on_foot (info));
}

/* Missing sensors give unknown values, never zeros that look measured. */
static void
test_missing_columns (void)
{
  g_autoptr(RsbActivity) activity = constructed_workout ("run");
  RsbSongStats s;

  rsb_streams_drop (activity->streams, RSB_STREAM_HEART_RATE);
  rsb_streams_drop (activity->streams, RSB_STREAM_CADENCE);
  rsb_streams_drop (activity->streams, RSB_STREAM_ALTITUDE);
  rsb_activity_song_stats (activity, 0, &s);
  g_assert_true (isnan (s.heart_rate));
  g_assert_true (isnan (s.cadence));
  g_assert_true (isnan (s.elevation_gain_m));
  g_assert_cmpfloat (s.speed_ms, ==, 3);

  /* Without times nothing is moving: no pace either. */
  rsb_streams_drop (activity->streams, RSB_STREAM_TIME);
  rsb_activity_song_stats (activity, 0, &s);
  g_assert_cmpfloat (s.moving_s, ==, 0);
  g_assert_true (isnan (s.speed_ms));
  g_assert_true (isnan (s.pace_s_per_km));
}

static void
test_elevation_hysteresis (void)
{
  /* GPS noise of ±0.9 m on flat ground is no climbing at all. */
  static const double flat[] = { 50, 50.9, 49.2, 50.8, 49.1, 50.5, 49.6, 50.9 };
  /* A real hill with the same noise counts from its lowest to its
   * highest point: 49.1 → 61. */
  static const double hill[] = { 50, 49.1, 50.5, 52, 54.3, 53.9, 57, 61, 60.2, 55, 58 };
  /* Missing altitudes are passed over; the 3 m at the end counts. */
  double gaps[] = { 10, NAN, 10, NAN, 13 };
  double none[] = { NAN, NAN };

  g_assert_cmpfloat (rsb_elevation_gain (flat, 0, G_N_ELEMENTS (flat) - 1), ==, 0);
  g_assert_cmpfloat_with_epsilon (rsb_elevation_gain (hill, 0, 8), 61 - 49.1, 1e-9);
  /* After falling 6 m the climb is over; 55 → 58 is a new one. */
  g_assert_cmpfloat_with_epsilon (rsb_elevation_gain (hill, 0, 10), 61 - 49.1 + 3, 1e-9);
  g_assert_cmpfloat (rsb_elevation_gain (gaps, 0, 4), ==, 3);
  g_assert_true (isnan (rsb_elevation_gain (none, 0, 1)));
  g_assert_true (isnan (rsb_elevation_gain (NULL, 0, 1)));
}

static void
import_sample_file (RsbStore   *store,
                    const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RsbImportResult result = { 0 };

  g_assert_true (rsb_import_file (store, file, &result, NULL));
  g_assert_no_error (result.error);
  rsb_import_result_clear (&result);
}

static RsbActivity *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  RsbActivity *activity;

  g_assert_no_error (error);
  import_sample_file (store, "Streaming_History_Audio_Sample.json");
  import_sample_file (store, "sample-run.gpx");
  activity = rsb_activity_load (store, 1, &error);
  g_assert_no_error (error);
  return activity;
}

#define assert_close(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 0.001)

/* Expected values from a separate Python reading of sample-run.gpx
 * (haversine distances, the same moving rule and hysteresis). */
static void
test_sample (void)
{
  g_autoptr(RsbActivity) activity = NULL;
  RsbSongStats s;

  if (g_getenv ("RSB_SAMPLE_DIR") == NULL)
    {
      g_test_skip ("RSB_SAMPLE_DIR is not set: run through meson test");
      return;
    }
  activity = load_sample ();
  g_assert_cmpuint (rsb_activity_n_segments (activity), ==, 13);

  /* "Sweat Equity" includes the 40 s wait at the Straße des 17. Juni. */
  rsb_activity_song_stats (activity, 7, &s);
  g_assert_cmpstr (rsb_activity_segment_play (activity, 7)->track.title, ==, "Sweat Equity");
  g_assert_cmpfloat (s.start_s, ==, 1355);
  g_assert_cmpfloat (s.end_s, ==, 1618);
  g_assert_cmpint (s.heard_ms, ==, 262500);
  g_assert_cmpfloat (s.moving_s, ==, 220);
  assert_close (round (s.moving_m * 1000) / 1000, 681.590);
  assert_close (round (s.pace_s_per_km * 1000) / 1000, 322.775);
  assert_close (round (s.heart_rate * 1000) / 1000, 152.773);
  assert_close (round (s.cadence * 1000) / 1000, 172.391);
  assert_close (round (s.elevation_gain_m * 1000) / 1000, 7.1);

  /* The skipped song: ten seconds of road. */
  rsb_activity_song_stats (activity, 3, &s);
  g_assert_true (s.skipped);
  g_assert_cmpint (s.heard_ms, ==, 9731);
  g_assert_cmpfloat (s.moving_s, ==, 10);
  assert_close (round (s.pace_s_per_km * 1000) / 1000, 330.187);
  assert_close (s.heart_rate, 149.8);
  assert_close (s.cadence, 171.8);
  assert_close (s.elevation_gain_m, 0);

  /* The stretch without music still has its numbers. */
  rsb_activity_song_stats (activity, 6, &s);
  g_assert_false (s.has_music);
  g_assert_cmpfloat (s.moving_s, ==, 217);
  assert_close (round (s.heart_rate * 1000) / 1000, 154.885);
}

/* Tempo through the library: a song given a tempo in the store is
 * compared with the cadence on its stretch, and the workout tells how
 * long it ran in step. */
static void
test_in_step (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbActivity) before = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autofree char *line = NULL;
  RsbStepSummary summary;
  RsbSongStats s;

  if (g_getenv ("RSB_SAMPLE_DIR") == NULL)
    {
      g_test_skip ("RSB_SAMPLE_DIR is not set: run through meson test");
      return;
    }
  store = rsb_store_open_memory (&error);
  import_sample_file (store, "Streaming_History_Audio_Sample.json");
  import_sample_file (store, "sample-run.gpx");
  before = rsb_activity_load (store, 1, &error);
  g_assert_no_error (error);
  rsb_activity_step_summary (before, &summary);
  /* Nothing known yet: nothing compared, nothing in step. */
  g_assert_cmpfloat (summary.compared_s, ==, 0);
  g_assert_cmpfloat (summary.in_step_s, ==, 0);
  g_assert_cmpfloat (summary.moving_s, >, 0);

  /* "Sweat Equity" at 172.4 spm: a half-time 86 BPM is in step;
   * the skipped song at 171.8 spm on 164 BPM is 4.8 % off: near. */
  g_assert_true (rsb_store_set_track_tempo (store, rsb_activity_segment_play (before, 7)->track_id,
                                            RSB_TEMPO_SOURCE_DEEZER, 86, 0.9, &error));
  g_assert_true (rsb_store_set_track_tempo (store, rsb_activity_segment_play (before, 3)->track_id,
                                            RSB_TEMPO_SOURCE_ESTIMATE, 164, 0.5, &error));
  activity = rsb_activity_load (store, 1, &error);
  g_assert_no_error (error);

  rsb_activity_song_stats (activity, 7, &s);
  g_assert_cmpfloat (s.bpm, ==, 86);
  g_assert_cmpint (s.bpm_source, ==, RSB_TEMPO_SOURCE_DEEZER);
  g_assert_cmpint (s.step, ==, RSB_STEP_IN);
  g_assert_cmpfloat (s.step_ratio, ==, 2);
  rsb_activity_song_stats (activity, 3, &s);
  g_assert_cmpint (s.step, ==, RSB_STEP_NEAR);
  rsb_activity_song_stats (activity, 6, &s);
  g_assert_cmpint (s.step, ==, RSB_STEP_UNKNOWN);

  rsb_activity_step_summary (activity, &summary);
  g_assert_cmpfloat (summary.in_step_s, ==, 220);
  g_assert_cmpfloat (summary.near_s, ==, 230);
  g_assert_cmpfloat (summary.compared_s, ==, 230);
  line = rsb_format_in_step (summary.in_step_s, summary.moving_s);
  g_assert_true (g_str_has_prefix (line, "In step with the beat for 4 of "));
}

/* The case: a 4:06 song, then the watch stopped recording until
 * 14:54, when the next song was already playing. The first song's
 * stretch runs on to 14:54, but it was heard for 4:06; a song that began
 * before the start counts only from the start. */
static void
test_heard_through_a_pause (void)
{
  g_autoptr(RsbActivity) activity = g_new0 (RsbActivity, 1);
  g_autoptr(RsbSongTally) tally = rsb_song_tally_new ();
  g_autoptr(GPtrArray) songs = NULL;
  RsbStreams *streams = rsb_streams_new (40);

  for (guint i = 0; i < 40; i++)
    {
      double t = i < 25 ? i * 10.0 : 894 + (i - 25) * 10.0;

      rsb_streams_ensure (streams, RSB_STREAM_TIME)[i] = t;
      rsb_streams_ensure (streams, RSB_STREAM_DISTANCE)[i] = i * 30.0;
    }
  activity->info = rsb_activity_info_new ();
  activity->info->id = 7;
  activity->info->sport = g_strdup ("run");
  activity->info->start_ms = START_MS;
  activity->streams = streams;
  activity->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_ptr_array_add (activity->plays, make_play ("Before", START_MS - 100000, 130000, FALSE));
  g_ptr_array_add (activity->plays, make_play ("Long Stretch", START_MS + 30000, 246000, FALSE));
  g_ptr_array_add (activity->plays, make_play ("After", START_MS + 890000, 200000, FALSE));
  for (guint i = 0; i < activity->plays->len; i++)
    ((RsbPlay *) activity->plays->pdata[i])->track_id = i + 1;
  activity->match = rsb_match_new (streams, START_MS, 0, activity->plays);

  rsb_song_tally_add_activity (tally, activity);
  songs = rsb_song_tally_summaries (tally);
  g_assert_cmpuint (songs->len, ==, 3);
  for (guint i = 0; i < songs->len; i++)
    {
      const RsbSongSummary *song = songs->pdata[i];
      const RsbSongStretch *stretch = song->stretches->pdata[0];

      if (g_str_equal (song->track.title, "Long Stretch"))
        {
          g_assert_cmpfloat (song->heard_s, ==, 246);
          g_assert_cmpfloat (song->road_s, ==, 894 - 30);
          g_assert_cmpfloat (stretch->heard_s, ==, 246);
        }
      else if (g_str_equal (song->track.title, "Before"))
        {
          /* 130 s long, the last 30 of them in the workout. */
          g_assert_cmpfloat (song->heard_s, ==, 30);
          g_assert_cmpfloat (song->road_s, ==, 30);
        }
      else
        g_assert_cmpfloat (song->heard_s, ==, (894 + 140) - 890);
    }
  /* Sorted by time heard, not by time on the road. */
  g_assert_cmpstr (((RsbSongSummary *) songs->pdata[0])->track.title, ==, "Long Stretch");
  g_assert_cmpstr (((RsbSongSummary *) songs->pdata[1])->track.title, ==, "After");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/song-stats/constructed-run", test_constructed_run);
  g_test_add_func ("/song-stats/constructed-ride", test_constructed_ride);
  g_test_add_func ("/song-stats/unknown-sport", test_unknown_sport);
  g_test_add_func ("/song-stats/heard-through-a-pause", test_heard_through_a_pause);
  g_test_add_func ("/song-stats/missing-columns", test_missing_columns);
  g_test_add_func ("/song-stats/elevation-hysteresis", test_elevation_hysteresis);
  g_test_add_func ("/song-stats/sample", test_sample);
  g_test_add_func ("/song-stats/in-step", test_in_step);

  return g_test_run ();
}
