/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tempo estimator on songs synthesised in memory: accuracy over
 * 60..190 BPM and five feels, the octave traps other estimators fall
 * into, silence, short clips, noise, other rates and threads. */
#include <math.h>

#include "rsb-tempo-estimate.h"
#include "rsb-test-audio.h"

#define TOLERANCE 0.02

static gboolean
within (double estimate,
        double truth,
        double ratio)
{
  return fabs (estimate / (truth * ratio) - 1) <= TOLERANCE;
}

static RsbTempoEstimate
estimate_song (const RsbTestSong *song,
               guint              rate,
               gboolean          *found)
{
  RsbTempoEstimate estimate = { 0 };
  gsize n = 0;
  g_autofree float *pcm = rsb_test_audio_render (song, rate, &n);

  *found = rsb_tempo_estimate_pcm (pcm, n, rate, &estimate);
  return estimate;
}

/* The figure: within 2 % on at least 90 % of the songs, and no
 * error but a doubled or halved tempo on any. */
static void
test_accuracy_table (void)
{
  guint n_songs, n_right = 0;
  const RsbTestSong *songs = rsb_test_audio_tempo_set (&n_songs);

  g_assert_cmpuint (n_songs, >=, 20);
  for (guint i = 0; i < n_songs; i++)
    {
      gboolean found;
      RsbTempoEstimate e = estimate_song (&songs[i], RSB_TEMPO_ESTIMATE_RATE, &found);
      gboolean right = found && within (e.bpm, songs[i].bpm, 1);
      gboolean octave = found && (within (e.bpm, songs[i].bpm, 2) || within (e.bpm, songs[i].bpm, 0.5));

      g_test_message ("%-14s %6.1f BPM -> %7.2f (confidence %.2f) %+6.1f %% %s",
                      rsb_test_feel_name (songs[i].feel), songs[i].bpm, e.bpm, e.confidence,
                      100 * (e.bpm / songs[i].bpm - 1), right ? "right" : octave ? "octave" : "WRONG");
      g_assert_true (found);
      g_assert_true (right || octave);
      g_assert_cmpfloat (e.confidence, >=, 0);
      g_assert_cmpfloat (e.confidence, <=, 1);
      n_right += right;
    }
  g_assert_cmpuint (n_right * 10, >=, n_songs * 9);
}

/* bpmdetect reads drum and bass at 174 as 59, aubio 140 as 70. */
static void
test_octave_traps (void)
{
  const RsbTestSong dnb = { 174, RSB_TEST_FEEL_DRUM_AND_BASS, 60, 0, 4242 };
  const RsbTestSong straight = { 140, RSB_TEST_FEEL_STRAIGHT, 60, 0, 77 };
  const RsbTestSong slow = { 70, RSB_TEST_FEEL_STRAIGHT, 60, 0, 78 };
  gboolean found;

  g_assert_cmpfloat_with_epsilon (estimate_song (&dnb, RSB_TEMPO_ESTIMATE_RATE, &found).bpm, 174, 174 * TOLERANCE);
  g_assert_true (found);
  g_assert_cmpfloat_with_epsilon (estimate_song (&straight, RSB_TEMPO_ESTIMATE_RATE, &found).bpm, 140, 140 * TOLERANCE);
  g_assert_true (found);
  g_assert_cmpfloat_with_epsilon (estimate_song (&slow, RSB_TEMPO_ESTIMATE_RATE, &found).bpm, 70, 70 * TOLERANCE);
  g_assert_true (found);
}

static void
test_silence (void)
{
  gsize n = 30 * RSB_TEMPO_ESTIMATE_RATE;
  g_autofree float *pcm = g_new0 (float, n);
  RsbTempoEstimate e = { 0 };

  g_assert_false (rsb_tempo_estimate_pcm (pcm, n, RSB_TEMPO_ESTIMATE_RATE, &e));
  /* A faint hiss far below any music is silence too. */
  for (gsize i = 0; i < n; i++)
    pcm[i] = (float) (1e-6 * ((int) ((i * 7919) % 13) - 6));
  g_assert_false (rsb_tempo_estimate_pcm (pcm, n, RSB_TEMPO_ESTIMATE_RATE, &e));
}

static void
test_too_short (void)
{
  const RsbTestSong song = { 120, RSB_TEST_FEEL_STRAIGHT, 3, 0, 5 };
  RsbTempoEstimate e = { 0 };
  gboolean found;

  estimate_song (&song, RSB_TEMPO_ESTIMATE_RATE, &found);
  g_assert_false (found);
  g_assert_false (rsb_tempo_estimate_pcm (NULL, 0, RSB_TEMPO_ESTIMATE_RATE, &e));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Noise has no tempo: whatever it answers, it is not sure of it, and
 * far less sure than of the songs. */
static void
test_white_noise (void)
{
  gsize n = 40 * RSB_TEMPO_ESTIMATE_RATE;
  g_autofree float *pcm = g_new (float, n);
  g_autoptr(GArray) song_confidences = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_songs;
  const RsbTestSong *songs = rsb_test_audio_tempo_set (&n_songs);
  double median;

  for (guint i = 0; i < n_songs; i++)
    {
      gboolean found;
      double confidence = estimate_song (&songs[i], RSB_TEMPO_ESTIMATE_RATE, &found).confidence;

      g_array_append_val (song_confidences, confidence);
    }
  g_array_sort (song_confidences, compare_doubles);
  median = g_array_index (song_confidences, double, n_songs / 2);
  g_test_message ("songs' median confidence: %.3f", median);
  g_assert_cmpfloat (median, >=, 0.5);

  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      RsbTempoEstimate e = { 0 };

      for (gsize i = 0; i < n; i++)
        pcm[i] = (float) g_rand_double_range (rand, -0.5, 0.5);
      if (rsb_tempo_estimate_pcm (pcm, n, RSB_TEMPO_ESTIMATE_RATE, &e))
        {
          g_test_message ("noise %u: %.1f BPM, confidence %.3f", seed, e.bpm, e.confidence);
          g_assert_cmpfloat (e.confidence, <, 0.1);
        }
    }
}

/* Other decoders' rates work too. */
static void
test_other_rates (void)
{
  const RsbTestSong song = { 128, RSB_TEST_FEEL_FOUR_ON_FLOOR, 30, 0, 31 };
  const guint rates[] = { 8000, 22050, 44100 };

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      gboolean found;
      RsbTempoEstimate e = estimate_song (&song, rates[i], &found);

      g_test_message ("%u Hz: %.2f BPM", rates[i], e.bpm);
      g_assert_true (found);
      g_assert_true (within (e.bpm, song.bpm, 1));
    }
}

typedef struct {
  const float *pcm;
  gsize        n;
  RsbTempoEstimate result;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;

  g_assert_true (rsb_tempo_estimate_pcm (job->pcm, job->n, RSB_TEMPO_ESTIMATE_RATE, &job->result));
  return NULL;
}

/* The music scan estimates on several worker threads at once: each
 * gets the answer it would get alone. */
static void
test_threads (void)
{
  const RsbTestSong songs[] = {
    { 96, RSB_TEST_FEEL_SWING, 20, 0, 1 }, { 174, RSB_TEST_FEEL_DRUM_AND_BASS, 20, 0, 2 },
    { 128, RSB_TEST_FEEL_FOUR_ON_FLOOR, 20, 0, 3 }, { 150, RSB_TEST_FEEL_HALF_TIME, 20, 0, 4 },
  };
  Job jobs[G_N_ELEMENTS (songs)];
  GThread *threads[G_N_ELEMENTS (songs)];

  for (guint i = 0; i < G_N_ELEMENTS (songs); i++)
    {
      jobs[i].pcm = rsb_test_audio_render (&songs[i], RSB_TEMPO_ESTIMATE_RATE, &jobs[i].n);
      threads[i] = g_thread_new ("estimate", run_job, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (songs); i++)
    {
      RsbTempoEstimate alone = { 0 };

      g_thread_join (threads[i]);
      g_assert_true (rsb_tempo_estimate_pcm (jobs[i].pcm, jobs[i].n, RSB_TEMPO_ESTIMATE_RATE, &alone));
      g_assert_cmpfloat (jobs[i].result.bpm, ==, alone.bpm);
      g_assert_cmpfloat (jobs[i].result.confidence, ==, alone.confidence);
      g_free ((float *) jobs[i].pcm);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tempo-estimate/accuracy-table", test_accuracy_table);
  g_test_add_func ("/tempo-estimate/octave-traps", test_octave_traps);
  g_test_add_func ("/tempo-estimate/silence", test_silence);
  g_test_add_func ("/tempo-estimate/too-short", test_too_short);
  g_test_add_func ("/tempo-estimate/white-noise", test_white_noise);
  g_test_add_func ("/tempo-estimate/other-rates", test_other_rates);
  g_test_add_func ("/tempo-estimate/threads", test_threads);
  return g_test_run ();
}
