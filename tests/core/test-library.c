/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Questions about the whole library: which runs had a song in them,
 * and how a song's stretches went compared with their workouts. */
#include "rsb-test-dir.h"
#include <math.h>

#include "rsb-search.h"
#include "rsb-song-tally.h"
#include "rsb-store.h"

#define T0 G_GINT64_CONSTANT (1700000000000)
#define DAY_MS G_GINT64_CONSTANT (86400000)

typedef struct {
  char     *dir;
  RsbStore *store;
  gint64    run_id;    /* T0: a slow half then a fast half */
  gint64    ride_id;   /* a day later, steady */
  gint64    walk_id;   /* two days later, no music */
} Fixture;

/* Points one second apart; the step leaving point i runs at speed(i). */
static gint64
add_workout (Fixture    *f,
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
      lon[i] = 14.0;
      hr[i] = heart (i);
    }
  info->source = g_strdup ("file");
  info->source_id = g_strdup (name);
  info->name = g_strdup (name);
  info->sport = g_strdup (sport);
  info->start_ms = start_ms;
  info->elapsed_s = n - 1;
  info->moving_s = n - 1;
  info->distance_m = distance[n - 1];
  info->min_lat = 46.0;
  info->max_lat = 46.0 + distance[n - 1] * 1e-5;
  info->min_lon = info->max_lon = 14.0;

  g_assert_true (rsb_store_begin (f->store, &error));
  id = rsb_store_add_activity (f->store, info, streams, &error);
  g_assert_no_error (error);
  g_assert_true (rsb_store_commit (f->store, &error));
  return id;
}

static void
add_play (Fixture    *f,
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
  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
  g_assert_true (rsb_store_refresh_matches (f->store, start_ms, end_ms, &error));
  g_assert_true (rsb_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static double run_speed (guint i) { return i < 300 ? 2.5 : 3.5; }
static double run_heart (guint i) { return i < 300 ? 140 : 160; }
static double ride_speed (guint i) { return 8.0; }
static double ride_heart (guint i) { return 130; }
static double walk_speed (guint i) { return 1.4; }
static double walk_heart (guint i) { return NAN; }

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = rsb_test_dir_new ("library");
  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = rsb_store_open (path, &error);
  g_assert_no_error (error);

  f->run_id = add_workout (f, "Tempo Run", "run", T0, 601, run_speed, run_heart);
  f->ride_id = add_workout (f, "Evening Ride", "ride", T0 + DAY_MS, 301, ride_speed, ride_heart);
  f->walk_id = add_workout (f, "Quiet Walk", "walk", T0 + 2 * DAY_MS, 301, walk_speed, walk_heart);
  add_play (f, "Slow Song", "Artist One", T0, T0 + 300000);
  add_play (f, "Fast Song", "Café Tacvba", T0 + 300000, T0 + 605000);
  add_play (f, "Slow Song", "Artist One", T0 + DAY_MS, T0 + DAY_MS + 305000);
  /* Heard an hour after the walk: not during it. */
  add_play (f, "Late Song", "Artist One", T0 + 2 * DAY_MS + 3600000, T0 + 2 * DAY_MS + 3800000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rsb_test_dir_remove (f->dir);
}

static GArray *
search (Fixture    *f,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = rsb_store_activities_with_song (f->store, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static void
test_fold (void)
{
  g_autofree char *a = rsb_search_fold ("Café ÉCLAIR ﬁnale");
  g_auto(GStrv) terms = rsb_search_terms ("  Slow   song ");

  g_assert_cmpstr (a, ==, "cafe eclair finale");
  g_assert_cmpuint (g_strv_length (terms), ==, 2);
  g_assert_true (rsb_search_matches_all ("the slow song", terms));
  g_assert_false (rsb_search_matches_all ("the slow tune", terms));
  g_assert_null (rsb_search_terms ("   "));
}

static void
test_runs_with_song (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) slow = search (f, "slow SONG");
  g_autoptr(GArray) cafe = search (f, "cafe");
  g_autoptr(GArray) artist = search (f, "artist one");
  g_autoptr(GArray) late = search (f, "late song");
  g_autoptr(GArray) none = search (f, "   ");

  /* Newest first; each workout once even when several plays match. */
  g_assert_cmpuint (slow->len, ==, 2);
  g_assert_cmpint (g_array_index (slow, gint64, 0), ==, f->ride_id);
  g_assert_cmpint (g_array_index (slow, gint64, 1), ==, f->run_id);
  /* Accents and case do not matter, and artists count. */
  g_assert_cmpuint (cafe->len, ==, 1);
  g_assert_cmpint (g_array_index (cafe, gint64, 0), ==, f->run_id);
  g_assert_cmpuint (artist->len, ==, 2);
  g_assert_cmpuint (late->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_clock_offset_moves_songs (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  /* A play that ends 20 s before the ride starts on its device's clock. */
  add_play (f, "Warm-up Song", "Opener", T0 + DAY_MS - 200000, T0 + DAY_MS - 20000);
  before = search (f, "warm-up");
  g_assert_cmpuint (before->len, ==, 0);
  /* The watch ran 30 s fast: the song was still playing at its start. */
  g_assert_true (rsb_store_set_clock_offset (f->store, f->ride_id, 30000, &error));
  g_assert_no_error (error);
  after = search (f, "warm-up");
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), ==, f->ride_id);
}

static const RsbSongSummary *
summary_titled (GPtrArray  *summaries,
                const char *title)
{
  for (guint i = 0; i < summaries->len; i++)
    {
      const RsbSongSummary *summary = g_ptr_array_index (summaries, i);

      if (g_str_equal (summary->track.title, title))
        return summary;
    }
  g_assert_not_reached ();
}

static void
test_power_songs (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) songs = rsb_song_tally_collect (f->store, NULL, &error);
  const RsbSongSummary *slow, *fast;
  const RsbSongStretch *stretch;

  g_assert_no_error (error);
  g_assert_cmpuint (songs->len, ==, 2);
  slow = g_ptr_array_index (songs, 0);
  fast = summary_titled (songs, "Fast Song");
  g_assert_cmpstr (slow->track.title, ==, "Slow Song");

  g_assert_cmpuint (slow->n_workouts, ==, 2);
  g_assert_cmpfloat_with_epsilon (slow->heard_s, 600, 1e-6);
  g_assert_cmpuint (fast->n_workouts, ==, 1);
  g_assert_cmpfloat_with_epsilon (fast->heard_s, 300, 1e-6);

  /* The run averaged 3 m/s and 150 bpm: its slow half was 2.5 m/s at
   * 140 bpm, its fast half 3.5 m/s at 160. */
  g_assert_cmpfloat_with_epsilon (fast->speed_change, 3.5 / 3.0 - 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (fast->heart_rate_change, 10, 1e-9);
  /* The slow song also played through a steady ride (no change there),
   * for as long: the two halve its effect. */
  g_assert_cmpfloat_with_epsilon (slow->speed_change, (2.5 / 3.0 - 1) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (slow->heart_rate_change, -5, 1e-9);

  /* Stretches name their workout and play, newest workout first. */
  g_assert_cmpuint (slow->stretches->len, ==, 2);
  stretch = g_ptr_array_index (slow->stretches, 0);
  g_assert_cmpint (stretch->activity_id, ==, f->ride_id);
  g_assert_cmpstr (stretch->activity_name, ==, "Evening Ride");
  g_assert_false (stretch->on_foot);
  stretch = g_ptr_array_index (slow->stretches, 1);
  g_assert_cmpint (stretch->activity_id, ==, f->run_id);
  g_assert_true (stretch->on_foot);
  g_assert_cmpfloat_with_epsilon (stretch->start_s, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stretch->end_s, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (stretch->speed_ms, 2.5, 1e-9);
  g_assert_cmpint (stretch->play_id, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/library/fold", test_fold);
  g_test_add ("/library/runs-with-song", Fixture, NULL, fixture_set_up, test_runs_with_song, fixture_tear_down);
  g_test_add ("/library/clock-offset-moves-songs", Fixture, NULL, fixture_set_up, test_clock_offset_moves_songs, fixture_tear_down);
  g_test_add ("/library/power-songs", Fixture, NULL, fixture_set_up, test_power_songs, fixture_tear_down);
  return g_test_run ();
}
