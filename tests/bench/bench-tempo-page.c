/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-tempo-page: the Tempo page on a large library, in a 1280 × 800
 * window with the cairo renderer.
 *
 * open: a library of 3,000 workouts (40 min each, a point every 2 s,
 * with altitude and cadence) and 300,000 plays of 5,000 tracks (10
 * songs in each workout, the rest heard between them; 80 % of the
 * tracks with a tempo, half with an energy). The page opening: the
 * points read from the store (rsb_tempo_library_collect, the workouts'
 * points already kept), the analysis of the default filter, and the
 * page's first frame: from making the page until the frame clock has
 * painted it (styles, layout, snapshot, render). baseline: the same
 * points measured from every route instead (what the page would cost
 * without the kept points; also what the first opening after an
 * upgrade costs, once, in a thread). Target: open median <= 150 ms.
 *
 * scatter: one frame of the scatter alone in the window with 50,000
 * song segments, its dots drawn afresh into the image (as after new
 * data, a resize or a style change). baseline: the same frame with
 * every dot a vector circle. select: a frame after the selection moved
 * to another dot (the image kept, as while hovering). Target: scatter median <= 8 ms.
 *
 * Needs a display (run-under-xvfb.sh).
 */
#include "bench-common.h"
#include "bench-route-library.h"
#include "rsb-tempo-page.h"
#include "rsb-tempo-collect.h"

#include <adwaita.h>

#include <math.h>
#include <stdlib.h>

#define BENCH             "tempo_page"
#define OPEN_TARGET_S     0.150
#define FRAME_TARGET_S    0.008
#define N_WORKOUTS        3000
#define N_PLAYS           300000
#define N_TRACKS          5000
#define SONGS_A_WORKOUT   10
#define SONG_MS           240000
#define STEP_S            2
#define WORKOUT_POINTS    (SONGS_A_WORKOUT * SONG_MS / 1000 / STEP_S + 1)
#define N_SCATTER         50000
#define START_MS          G_GINT64_CONSTANT (1577869200000)  /* 2020-01-01T09:00Z */
#define DAY_MS            G_GINT64_CONSTANT (86400000)

static gboolean painted;

/* Other work on the machine, for reading the figures: the one-minute
 * load average. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  return g_file_get_contents ("/proc/loadavg", &text, NULL, NULL) ? g_ascii_strtod (text, NULL) : NAN;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static RsbStreams *
workout_streams (GRand *rand,
                 double speed,
                 double strides)
{
  RsbStreams *streams = rsb_streams_new (WORKOUT_POINTS);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  double *altitude = rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE);
  double *cadence = rsb_streams_ensure (streams, RSB_STREAM_CADENCE);
  double *hr = rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE);

  for (guint i = 0; i < WORKOUT_POINTS; i++)
    {
      double v = speed * (1 + 0.1 * sin (i / 90.0)) + g_rand_double_range (rand, -0.2, 0.2);

      time[i] = i * STEP_S;
      distance[i] = i == 0 ? 0 : distance[i - 1] + v * STEP_S;
      altitude[i] = 200 + 30 * sin (distance[i] / 800.0);
      lat[i] = 46.0 + distance[i] * 6e-6;
      lon[i] = 14.0 + 0.002 * sin (distance[i] / 500.0);
      cadence[i] = strides + g_rand_double_range (rand, -3, 3);
      hr[i] = 150 + g_rand_double_range (rand, -5, 5);
    }
  return streams;
}

static void
add_workouts (RsbStore *store,
              GRand    *rand)
{
  g_autoptr(GError) error = NULL;

  if (!rsb_store_begin (store, &error))
    rsb_bench_fail (BENCH, "starting the workouts", error);
  for (guint w = 0; w < N_WORKOUTS; w++)
    {
      g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
      gboolean ride = w % 5 == 4;
      g_autoptr(RsbStreams) streams = workout_streams (rand, ride ? 7.5 : 3.0, ride ? 85 : 84);

      info->source = g_strdup ("file");
      info->source_id = g_strdup_printf ("bench-%u", w);
      info->name = g_strdup_printf (ride ? "Ride %u" : "Run %u", w);
      info->sport = g_strdup (ride ? "ride" : "run");
      info->start_ms = START_MS + w * (DAY_MS / 2);
      info->elapsed_s = info->moving_s = (WORKOUT_POINTS - 1) * STEP_S;
      info->distance_m = streams->columns[RSB_STREAM_DISTANCE][WORKOUT_POINTS - 1];
      info->min_lat = 46.0;
      info->max_lat = 46.0 + info->distance_m * 6e-6;
      info->min_lon = 13.998;
      info->max_lon = 14.002;
      if (rsb_store_add_activity (store, info, streams, &error) <= 0)
        rsb_bench_fail (BENCH, "adding a workout", error);
    }
  if (!rsb_store_commit (store, &error))
    rsb_bench_fail (BENCH, "saving the workouts", error);
}

/* Ten songs back to back in each workout; the other plays fill the
 * hours between workouts. */
static void
add_plays (RsbStore *store,
           GRand    *rand)
{
  g_autoptr(GError) error = NULL;
  guint between = (N_PLAYS - N_WORKOUTS * SONGS_A_WORKOUT) / N_WORKOUTS;
  guint n = 0;

  if (!rsb_store_begin (store, &error))
    rsb_bench_fail (BENCH, "starting the plays", error);
  for (guint w = 0; w < N_WORKOUTS; w++)
    {
      gint64 start = START_MS + w * (DAY_MS / 2);

      for (guint s = 0; s < SONGS_A_WORKOUT + between; s++)
        {
          g_autoptr(RsbPlay) play = rsb_play_new ();
          guint track = g_rand_int_range (rand, 0, N_TRACKS);
          gboolean added;

          play->track.uri = g_strdup_printf ("spotify:track:bench%05u", track);
          play->track.title = g_strdup_printf ("Song %u", track);
          play->track.artists = g_strdup_printf ("Artist %u", track % 700);
          play->track.duration_ms = SONG_MS;
          play->start_ms = start + s * SONG_MS + (s >= SONGS_A_WORKOUT ? 600000 : 0);
          play->end_ms = play->start_ms + SONG_MS;
          play->ms_played = SONG_MS;
          play->source = RSB_PLAY_SOURCE_EXTENDED;
          play->precision_ms = 1000;
          if (!rsb_store_add_play (store, play, &added, &error))
            rsb_bench_fail (BENCH, "adding a play", error);
          n++;
        }
    }
  if (!rsb_store_refresh_matches (store, START_MS, START_MS + N_WORKOUTS * DAY_MS, &error) ||
      !rsb_store_commit (store, &error))
    rsb_bench_fail (BENCH, "matching the plays", error);
  g_assert (n >= N_PLAYS - N_WORKOUTS);
}

/* Tracks are numbered as first heard; 80 % get a tempo, half an energy. */
static void
add_tempi (RsbStore *store,
           GRand    *rand)
{
  g_autoptr(GError) error = NULL;

  if (!rsb_store_begin (store, &error))
    rsb_bench_fail (BENCH, "starting the tempi", error);
  for (gint64 id = 1; id <= N_TRACKS; id++)
    {
      if (id % 5 != 0 &&
          !rsb_store_set_track_tempo (store, id, RSB_TEMPO_SOURCE_DEEZER, g_rand_double_range (rand, 80, 190), 0.9, &error))
        rsb_bench_fail (BENCH, "setting a tempo", error);
      if (id % 2 == 0 && !rsb_store_set_track_energy (store, id, g_rand_double (rand), &error))
        rsb_bench_fail (BENCH, "setting an energy", error);
    }
  if (!rsb_store_commit (store, &error))
    rsb_bench_fail (BENCH, "saving the tempi", error);
}

/* The points as the page would measure them without the kept ones. */
static RsbTempoLibrary *
measure_every_route (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = rsb_store_list_activities (store, &error);
  RsbTempoLibrary *library = rsb_tempo_library_new ();

  if (activities == NULL)
    rsb_bench_fail (BENCH, "listing the workouts", error);
  for (guint i = 0; i < activities->len; i++)
    {
      const RsbActivityInfo *info = g_ptr_array_index (activities, i);
      g_autoptr(RsbActivity) activity = rsb_activity_load (store, info->id, &error);

      if (activity == NULL)
        rsb_bench_fail (BENCH, "loading a workout", error);
      rsb_tempo_library_add_activity (library, activity);
    }
  return library;
}

static RsbTempoLibrary *
scatter_library (GRand *rand)
{
  RsbTempoLibrary *library = rsb_tempo_library_new ();

  rsb_tempo_library_sport_index (library, "run");
  for (guint i = 0; i < N_SCATTER; i++)
    {
      double bpm = g_rand_double_range (rand, 80, 190);
      double cadence = g_rand_double_range (rand, 150, 190);
      RsbTempoPoint point = {
        .activity_id = 1 + i / 10, .play_id = i + 1, .track_id = 1 + i % N_TRACKS, .segment = i % 10,
        .activity_start_ms = START_MS, .on_foot = TRUE, .bpm = bpm, .energy = NAN, .cadence = cadence,
        .moving_s = 240, .speed_ms = 3, .gap_speed_ms = 3, .workout_gap_speed_ms = 3,
        .step = rsb_tempo_step_verdict (bpm, cadence, NULL),
      };

      g_array_append_val (library->points, point);
    }
  return library;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (scratch, "library.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) collects = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sets = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) measures = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) vectors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hovers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) snapshots = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RsbTempoLibrary) dots = NULL;
  g_autoptr(RsbTempoAnalysis) dots_analysis = NULL;
  guint n_runs = rsb_bench_repetitions (20);
  double first_open_s, generate_s;
  guint n_segments = 0, n_with_tempo = 0;
  GtkWindow *window;
  RsbTempoPage *page;
  GtkWidget *scatter;
  gboolean pass_open, pass_frame;
  gint64 start;

  if (!gtk_init_check ())
    rsb_bench_skip (BENCH, "no-display");
  adw_init ();

  /* The library. */
  start = g_get_monotonic_time ();
  if ((store = rsb_store_open (db_path, &error)) == NULL)
    rsb_bench_fail (BENCH, "opening the library", error);
  add_workouts (store, rand);
  add_plays (store, rand);
  add_tempi (store, rand);
  generate_s = rsb_bench_seconds_since (start);

  /* The first opening measures every workout once and keeps the points. */
  start = g_get_monotonic_time ();
  {
    g_autoptr(RsbTempoLibrary) library = rsb_tempo_library_collect (store, NULL, &error);

    if (library == NULL)
      rsb_bench_fail (BENCH, "measuring the workouts", error);
    first_open_s = rsb_bench_seconds_since (start);
    n_segments = library->points->len;
  }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, gtk_label_new (""));
  rsb_bench_show (BENCH, window, gtk_window_get_child (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (on_after_paint), NULL);

  /* Each run opens a new page, as the window does when the Tempo page
   * is first shown: the page made, the points read, analysed, and the
   * main loop run until the frame clock has painted the page. */
  for (guint i = 0; i < n_runs + 2; i++)
    {
      RsbTempoLibrary *library;
      double collect_s, open_s, set_s;
      gint64 mid, paint_start;

      start = g_get_monotonic_time ();
      page = g_object_new (RSB_TYPE_TEMPO_PAGE, NULL);
      gtk_window_set_child (window, GTK_WIDGET (page));
      if ((library = rsb_tempo_library_collect (store, NULL, &error)) == NULL)
        rsb_bench_fail (BENCH, "reading the points", error);
      collect_s = rsb_bench_seconds_since (start);
      mid = g_get_monotonic_time ();
      rsb_tempo_page_set_library (page, library);
      set_s = rsb_bench_seconds_since (mid);
      painted = FALSE;
      paint_start = g_get_monotonic_time ();
      while (!painted)
        {
          if (g_get_monotonic_time () - paint_start > 10 * G_USEC_PER_SEC)
            rsb_bench_fail (BENCH, "waiting for the page's frame", NULL);
          g_main_context_iteration (NULL, TRUE);
        }
      open_s = rsb_bench_seconds_since (start);
      n_with_tempo = rsb_tempo_page_get_analysis (page)->n_with_tempo;
      g_assert (gtk_widget_get_mapped (GTK_WIDGET (rsb_tempo_page_get_scatter (page))));
      if (i < 2)
        continue;  /* warm-up */
      rsb_bench_add_sample (opens, open_s);
      rsb_bench_add_sample (collects, collect_s);
      rsb_bench_add_sample (sets, set_s);
      rsb_bench_add_sample (page_frames, rsb_bench_seconds_since (paint_start));
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RsbTempoLibrary) measured = NULL;

      start = g_get_monotonic_time ();
      measured = measure_every_route (store);
      rsb_bench_add_sample (measures, rsb_bench_seconds_since (start));
    }
  gtk_window_destroy (window);

  /* The scatter alone, 50,000 dots. */
  dots = scatter_library (rand);
  dots_analysis = rsb_tempo_analysis_new (dots, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  scatter = rsb_tempo_scatter_new ();
  gtk_window_set_child (window, scatter);
  rsb_tempo_scatter_set_analysis (RSB_TEMPO_SCATTER (scatter), dots_analysis);
  rsb_bench_show (BENCH, window, scatter);
  /* Three frames of each kind a round, then one of the baseline: in
   * the same run, but the baseline's 50,000 paths (a third of a second
   * of allocations) do not spill into every frame measured after it. */
  for (guint i = 0; i < n_runs + 1; i++)
    {
      double vector_s;

      for (guint j = 0; j < 3; j++)
        {
          double frame_s, hover_s, snapshot_s;

          rsb_tempo_scatter_set_vector_dots (RSB_TEMPO_SCATTER (scatter), FALSE);
          rsb_tempo_scatter_forget_image (RSB_TEMPO_SCATTER (scatter));
          frame_s = rsb_bench_frame (scatter);
          snapshot_s = rsb_bench_last_snapshot_s;
          g_object_set (scatter, "selected", (int) ((i * 3 + j) * 997 % N_SCATTER), NULL);
          hover_s = rsb_bench_frame (scatter);
          if (i == 0)
            continue;  /* warm-up */
          rsb_bench_add_sample (frames, frame_s);
          rsb_bench_add_sample (snapshots, snapshot_s);
          rsb_bench_add_sample (hovers, hover_s);
        }
      rsb_tempo_scatter_set_vector_dots (RSB_TEMPO_SCATTER (scatter), TRUE);
      vector_s = rsb_bench_frame (scatter);
      if (i > 0)
        rsb_bench_add_sample (vectors, vector_s);
    }

  pass_open = rsb_bench_median (opens) <= OPEN_TARGET_S;
  pass_frame = rsb_bench_median (frames) <= FRAME_TARGET_S;
  g_print ("bench=%s median_s=%.4f baseline=measure_every_route median_s=%.3f ratio=%.4f target=<=%.3f pass=%s"
           " collect_median_s=%.4f analyse_and_fill_median_s=%.4f first_frame_median_s=%.4f first_open_s=%.2f workouts=%u plays=%u segments=%u with_tempo=%u generate_s=%.1f runs=%u load_avg=%.1f\n",
           BENCH "_open", rsb_bench_median (opens), rsb_bench_median (measures),
           rsb_bench_median (opens) / rsb_bench_median (measures), OPEN_TARGET_S, rsb_bench_yes_no (pass_open),
           rsb_bench_median (collects), rsb_bench_median (sets), rsb_bench_median (page_frames), first_open_s, N_WORKOUTS, N_PLAYS, n_segments, n_with_tempo, generate_s,
           opens->len, load_average ());
  g_print ("bench=%s median_s=%.5f baseline=vector_dots median_s=%.5f ratio=%.3f target=<=%.3f pass=%s"
           " snapshot_median_s=%.5f select_median_s=%.5f dots=%u widget=%dx%d frames=%u load_avg=%.1f\n",
           BENCH "_scatter", rsb_bench_median (frames), rsb_bench_median (vectors),
           rsb_bench_median (frames) / rsb_bench_median (vectors), FRAME_TARGET_S, rsb_bench_yes_no (pass_frame),
           rsb_bench_median (snapshots), rsb_bench_median (hovers), rsb_tempo_scatter_get_n_points (RSB_TEMPO_SCATTER (scatter)),
           gtk_widget_get_width (scatter), gtk_widget_get_height (scatter), frames->len, load_average ());

  gtk_window_destroy (window);
  g_clear_object (&store);
  rsb_bench_remove_tree (scratch);
  return pass_open && pass_frame ? EXIT_SUCCESS : EXIT_FAILURE;
}
