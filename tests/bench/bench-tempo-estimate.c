/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-tempo-estimate.c: the tempo estimator's error table over the
 * synthesised accuracy set (and GStreamer's bpmdetect on the same
 * files), and the speed of rsb_audio_estimate_tempo on a 4-minute song
 * against gst-launch-1.0 … ! bpmdetect ! fakesink, both on one core. */
#define _GNU_SOURCE
#include <math.h>
#include <sched.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "bench-common.h"
#include "rsb-audio-tempo.h"
#include "rsb-test-audio.h"

#define BENCH          "tempo_estimate"
#define DEFAULT_REPS   5
#define SONG_SECONDS   240.0
#define TARGET_SECONDS 2.4       /* >= 100x real time */
#define TARGET_RIGHT   0.9       /* share within 2 % */
#define TOLERANCE      0.02

typedef enum { RIGHT, OCTAVE, WRONG, NONE } Verdict;

static const char *verdict_names[] = { "right", "octave", "wrong", "none" };

static Verdict
verdict_of (double estimate,
            double truth)
{
  if (estimate <= 0)
    return NONE;
  if (fabs (estimate / truth - 1) <= TOLERANCE)
    return RIGHT;
  if (fabs (estimate / (2 * truth) - 1) <= TOLERANCE || fabs (estimate / (0.5 * truth) - 1) <= TOLERANCE)
    return OCTAVE;
  return WRONG;
}

/* Everything here, GStreamer's threads and the gst-launch children
 * included, runs on the first CPU this process may use. */
static void
pin_to_one_core (void)
{
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) != 0)
    return;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
    if (CPU_ISSET (cpu, &set))
      {
        CPU_ZERO (&set);
        CPU_SET (cpu, &set);
        sched_setaffinity (0, sizeof set, &set);
        return;
      }
}

/* bpmdetect's answer: the last BPM tag it posts before the end. */
static double
bpmdetect_estimate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline =
    gst_parse_launch ("filesrc name=src ! decodebin ! audioconvert ! bpmdetect ! fakesink sync=false", &error);
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstBus) bus = NULL;
  double bpm = 0;

  if (pipeline == NULL)
    rsb_bench_fail (BENCH, "bpmdetect pipeline", error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_object_set (src, "location", path, NULL);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (;;)
    {
      g_autoptr(GstMessage) msg =
        gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND,
                                    GST_MESSAGE_TAG | GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      g_autoptr(GstTagList) tags = NULL;
      double value;

      if (msg == NULL || GST_MESSAGE_TYPE (msg) != GST_MESSAGE_TAG)
        break;
      gst_message_parse_tag (msg, &tags);
      if (gst_tag_list_get_double (tags, GST_TAG_BEATS_PER_MINUTE, &value) && value > 0)
        bpm = value;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return bpm;
}

static char *
write_song (const char        *dir,
            const char        *stem,
            const RsbTestSong *song)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", stem, rsb_test_audio_extension (song->format));
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!rsb_test_audio_write (path, song, &error))
    rsb_bench_fail (BENCH, "writing a song", error);
  return path;
}

/* One line a song, then a summary line; TRUE when the target is met. */
static gboolean
error_table (const char *dir)
{
  guint n_songs, counts[NONE + 1] = { 0 }, detect_counts[NONE + 1] = { 0 };
  const RsbTestSong *songs = rsb_test_audio_tempo_set (&n_songs);
  GArray *errors = g_array_new (FALSE, FALSE, sizeof (double));
  double median_error;

  for (guint i = 0; i < n_songs; i++)
    {
      g_autofree char *stem = g_strdup_printf ("%s-%.0f", rsb_test_feel_name (songs[i].feel), songs[i].bpm);
      g_autofree char *path = write_song (dir, stem, &songs[i]);
      g_autoptr(GError) error = NULL;
      RsbTempoEstimate e = { 0 };
      Verdict verdict, detect_verdict;
      double detected, error_pct;

      if (!rsb_audio_estimate_tempo (path, NULL, &e, &error))
        e.bpm = 0;
      detected = bpmdetect_estimate (path);
      verdict = verdict_of (e.bpm, songs[i].bpm);
      detect_verdict = verdict_of (detected, songs[i].bpm);
      counts[verdict]++;
      detect_counts[detect_verdict]++;
      error_pct = 100 * (e.bpm / songs[i].bpm - 1);
      rsb_bench_add_sample (errors, fabs (error_pct));
      g_print ("bench=tempo_accuracy song=%s format=%s true_bpm=%.1f estimate=%.2f error_pct=%+.2f"
               " verdict=%s confidence=%.2f bpmdetect=%.2f bpmdetect_error_pct=%+.2f bpmdetect_verdict=%s\n",
               stem, rsb_test_audio_extension (songs[i].format), songs[i].bpm, e.bpm, error_pct,
               verdict_names[verdict], e.confidence, detected, 100 * (detected / songs[i].bpm - 1),
               verdict_names[detect_verdict]);
      g_unlink (path);
    }
  median_error = rsb_bench_median (errors);
  g_array_unref (errors);
  g_print ("bench=tempo_accuracy songs=%u right=%u octave=%u wrong=%u none=%u right_share=%.2f"
           " median_abs_error_pct=%.2f target=right>=%.0f%%,wrong=0 pass=%s"
           " baseline=bpmdetect right=%u octave=%u wrong=%u none=%u right_share=%.2f\n",
           n_songs, counts[RIGHT], counts[OCTAVE], counts[WRONG], counts[NONE],
           (double) counts[RIGHT] / n_songs, median_error, 100 * TARGET_RIGHT,
           rsb_bench_yes_no (counts[RIGHT] >= TARGET_RIGHT * n_songs && counts[WRONG] + counts[NONE] == 0),
           detect_counts[RIGHT], detect_counts[OCTAVE], detect_counts[WRONG], detect_counts[NONE],
           (double) detect_counts[RIGHT] / n_songs);
  return counts[RIGHT] >= TARGET_RIGHT * n_songs && counts[WRONG] + counts[NONE] == 0;
}

static double
time_ours (const char *path,
           double     *bpm)
{
  g_autoptr(GError) error = NULL;
  RsbTempoEstimate e = { 0 };
  gint64 start = g_get_monotonic_time ();

  if (!rsb_audio_estimate_tempo (path, NULL, &e, &error))
    rsb_bench_fail (BENCH, "estimating", error);
  *bpm = e.bpm;
  return rsb_bench_seconds_since (start);
}

static double
time_gst_launch (const char *gst_launch,
                 const char *path)
{
  g_autofree char *location = g_strdup_printf ("location=%s", path);
  const char *argv[] = { gst_launch, "-q", "filesrc", location, "!", "decodebin", "!", "audioconvert",
                         "!", "bpmdetect", "!", "fakesink", "sync=false", NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    rsb_bench_fail (BENCH, "gst-launch-1.0", error);
  return rsb_bench_seconds_since (start);
}

/* The 4-minute song, ours and gst-launch's bpmdetect interleaved. */
static gboolean
speed (const char *dir,
       const char *gst_launch,
       guint       reps)
{
  const RsbTestSong song = { 128, RSB_TEST_FEEL_STRAIGHT, SONG_SECONDS, RSB_TEST_AUDIO_OGG, 2024 };
  g_autofree char *path = write_song (dir, "four-minutes", &song);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pcm_only = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree float *pcm = NULL;
  double bpm = 0, median, baseline;
  gsize n = 0;
  RsbTempoEstimate whole = { 0 };

  time_ours (path, &bpm);              /* warm-up: plugins loaded, file cached */
  time_gst_launch (gst_launch, path);
  for (guint i = 0; i < reps; i++)
    {
      rsb_bench_add_sample (theirs, time_gst_launch (gst_launch, path));
      rsb_bench_add_sample (ours, time_ours (path, &bpm));
    }
  /* For context: the estimator alone over the whole song's PCM. */
  pcm = rsb_test_audio_render (&song, RSB_TEMPO_ESTIMATE_RATE, &n);
  for (guint i = 0; i < reps; i++)
    {
      gint64 start = g_get_monotonic_time ();

      rsb_tempo_estimate_pcm (pcm, n, RSB_TEMPO_ESTIMATE_RATE, &whole);
      rsb_bench_add_sample (pcm_only, rsb_bench_seconds_since (start));
    }
  median = rsb_bench_median (ours);
  baseline = rsb_bench_median (theirs);
  g_print ("bench=%s song_s=%.0f format=ogg median_s=%.3f realtime_x=%.0f target=<=%.1fs pass=%s"
           " estimate=%.2f true_bpm=%.1f excerpt_s=%d baseline=gst_launch_bpmdetect median_s=%.3f"
           " realtime_x=%.0f bpmdetect=%.2f ratio=%.1f estimator_only_whole_song_s=%.3f"
           " estimator_only_realtime_x=%.0f cores=1 repetitions=%u\n",
           BENCH, SONG_SECONDS, median, SONG_SECONDS / median, TARGET_SECONDS,
           rsb_bench_yes_no (median <= TARGET_SECONDS), bpm, song.bpm,
           RSB_AUDIO_TEMPO_EXCERPT_SECONDS, baseline, SONG_SECONDS / baseline,
           bpmdetect_estimate (path), baseline / median, rsb_bench_median (pcm_only),
           SONG_SECONDS / rsb_bench_median (pcm_only), reps);
  return median <= TARGET_SECONDS;
}

int
main (int   argc,
      char *argv[])
{
  const char *gst_launch = argc > 1 ? argv[1] : "";
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  g_autofree char *scratch = NULL;
  gboolean accurate, fast;

  if (gst_launch[0] == '\0')
    rsb_bench_skip (BENCH, "gst-launch-1.0-not-found");
  pin_to_one_core ();
  gst_init (&argc, &argv);
  if (!gst_registry_check_feature_version (gst_registry_get (), "bpmdetect", 1, 0, 0))
    rsb_bench_skip (BENCH, "bpmdetect-not-found(gstreamer1.0-plugins-bad)");
  scratch = rsb_bench_make_tmpdir ();
  accurate = error_table (scratch);
  fast = speed (scratch, gst_launch, reps);
  rsb_bench_remove_tree (scratch);
  return accurate && fast ? EXIT_SUCCESS : EXIT_FAILURE;
}
