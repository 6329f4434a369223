/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-estimate.c: tempo from PCM. An onset envelope (spectral flux
 * in log-spaced bands of a short-time Fourier transform, ~172 frames a
 * second), a comb over its autocorrelation for the tempo candidates,
 * then the metrical level: where the strong onsets fall against each
 * candidate's beats, and a prior over musical tempi. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rsb-tempo-estimate.h"

#define MIN_BPM        40.0
#define MAX_BPM        240.0
#define PRIOR_BPM      120.0     /* the centre of the log-Gaussian prior */
#define PRIOR_OCTAVES  0.75      /* its width (one sigma, in octaves) */
#define COMB_MULTIPLES 4
#define GRID_STEP      1.0025    /* candidates 0.25 % apart */
#define MAX_CANDIDATES 8
#define BLOCK_SECONDS  6.0       /* phase is found afresh in each block */

/* ---- A plain radix-2 FFT, its tables made per call (reentrant). ---- */

typedef struct {
  guint   n;
  guint  *rev;
  double *cos_t, *sin_t;
  double *re, *im;
} Fft;

static void
fft_init (Fft  *fft,
          guint n)
{
  guint bits = 0;

  while ((1u << bits) < n)
    bits++;
  fft->n = n;
  fft->rev = g_new (guint, n);
  fft->cos_t = g_new (double, n / 2);
  fft->sin_t = g_new (double, n / 2);
  fft->re = g_new (double, n);
  fft->im = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      guint r = 0;

      for (guint b = 0; b < bits; b++)
        r |= ((i >> b) & 1u) << (bits - 1 - b);
      fft->rev[i] = r;
    }
  for (guint i = 0; i < n / 2; i++)
    {
      fft->cos_t[i] = cos (2 * G_PI * i / n);
      fft->sin_t[i] = -sin (2 * G_PI * i / n);
    }
}

static void
fft_clear (Fft *fft)
{
  g_free (fft->rev);
  g_free (fft->cos_t);
  g_free (fft->sin_t);
  g_free (fft->re);
  g_free (fft->im);
}

/* In place on re/im; input in natural order is permuted first. */
static void
fft_run (Fft *fft)
{
  guint n = fft->n;

  for (guint i = 0; i < n; i++)
    {
      guint j = fft->rev[i];

      if (j > i)
        {
          double t = fft->re[i];
          fft->re[i] = fft->re[j];
          fft->re[j] = t;
          t = fft->im[i];
          fft->im[i] = fft->im[j];
          fft->im[j] = t;
        }
    }
  for (guint size = 2; size <= n; size *= 2)
    {
      guint half = size / 2, step = n / size;

      for (guint start = 0; start < n; start += size)
        for (guint k = 0; k < half; k++)
          {
            double wr = fft->cos_t[k * step], wi = fft->sin_t[k * step];
            guint a = start + k, b = a + half;
            double tr = wr * fft->re[b] - wi * fft->im[b];
            double ti = wr * fft->im[b] + wi * fft->re[b];

            fft->re[b] = fft->re[a] - tr;
            fft->im[b] = fft->im[a] - ti;
            fft->re[a] += tr;
            fft->im[a] += ti;
          }
    }
}

/* ---- The onset envelope ---- */

typedef struct {
  double *values;
  gsize   n;
  double  rate;     /* frames a second */
} Envelope;

#define N_BANDS       20
#define LOWEST_HZ     40.0
#define HIGHEST_HZ    5000.0
#define LOW_BAND_HZ   150.0   /* kicks and bass: where the beat is anchored */
#define LOW_COMPRESSION 0.1
#define RISE_FRAMES   2       /* a rise over ~12 ms: a kick's sweep is not instant */

/* First FFT bin of each of N_BANDS log-spaced bands (and one past the
 * last), each at least a bin wide. Returns how many bands lie below
 * LOW_BAND_HZ. */
static guint
band_edges (guint  rate,
            guint  frame,
            guint  edges[N_BANDS + 1])
{
  double top = MIN (HIGHEST_HZ, rate / 2.0), hz_per_bin = (double) rate / frame;
  guint n_low = 0;

  for (guint b = 0; b <= N_BANDS; b++)
    {
      double hz = LOWEST_HZ * pow (top / LOWEST_HZ, (double) b / N_BANDS);
      guint bin = (guint) lround (hz / hz_per_bin);

      edges[b] = MIN (MAX (bin, b > 0 ? edges[b - 1] + 1 : 1), frame / 2);
      if (b > 0 && hz <= LOW_BAND_HZ)
        n_low = b;
    }
  return MAX (n_low, 1);
}

/* Spectral flux in bands: how much the log-compressed level of each of
 * N_BANDS log-spaced bands rose over the last RISE_FRAMES frames, summed with
 * equal weight (so a kick's few low bins count as much as a hat's
 * many high ones), and the same over the low bands alone. A ~46 ms
 * window every ~5.8 ms: fine enough that 2 % of a beat is a frame or
 * more at any tempo up to 240 BPM. */
static void
onset_envelope (const float *pcm,
                gsize        n_samples,
                guint        rate,
                Envelope    *env,
                Envelope    *low)
{
  guint frame = 1, hop, edges[N_BANDS + 1], n_low;
  double *window, prev[RISE_FRAMES][N_BANDS] = { { 0 } }, prev_low[RISE_FRAMES][N_BANDS] = { { 0 } };
  Fft fft;

  while (frame < rate * 0.046 * 1.41)
    frame *= 2;
  frame /= 2;
  hop = frame / 8;
  n_low = band_edges (rate, frame, edges);
  fft_init (&fft, frame);
  window = g_new (double, frame);
  for (guint i = 0; i < frame; i++)
    window[i] = 0.5 - 0.5 * cos (2 * G_PI * i / frame);

  env->rate = low->rate = (double) rate / hop;
  env->n = low->n = n_samples >= frame ? (n_samples - frame) / hop + 1 : 0;
  env->values = g_new0 (double, env->n + 1);
  low->values = g_new0 (double, env->n + 1);
  for (gsize f = 0; f < env->n; f++)
    {
      const float *x = pcm + f * hop;

      for (guint i = 0; i < frame; i++)
        {
          fft.re[i] = x[i] * window[i];
          fft.im[i] = 0;
        }
      fft_run (&fft);
      for (guint b = 0; b < N_BANDS; b++)
        {
          double power = 0, magnitude, level, rise;

          for (guint k = edges[b]; k < edges[b + 1]; k++)
            power += fft.re[k] * fft.re[k] + fft.im[k] * fft.im[k];
          magnitude = sqrt (power / (edges[b + 1] - edges[b]));
          /* Compressed hard, every onset counts; the low bands nearly
           * linear besides, so the loudest of them (the kick, not a
           * quieter syncopated bass) anchors the beat. */
          level = log1p (100.0 * magnitude);
          rise = f >= RISE_FRAMES ? MAX (0.0, level - prev[f % RISE_FRAMES][b]) : 0;
          env->values[f] += rise;
          prev[f % RISE_FRAMES][b] = level;
          if (b < n_low)
            {
              level = log1p (LOW_COMPRESSION * magnitude);
              rise = f >= RISE_FRAMES ? MAX (0.0, level - prev_low[f % RISE_FRAMES][b]) : 0;
              low->values[f] += rise;
              prev_low[f % RISE_FRAMES][b] = level;
            }
        }
    }
  g_free (window);
  fft_clear (&fft);
}

/* Keeps only what stands above the local mean (±0.4 s), so a swell or
 * a loud passage does not read as a beat. */
static void
envelope_detrend (Envelope *env)
{
  gsize half = (gsize) (0.4 * env->rate);
  double *sums = g_new (double, env->n + 1);
  double *out = g_new (double, env->n + 1);

  sums[0] = 0;
  for (gsize i = 0; i < env->n; i++)
    sums[i + 1] = sums[i] + env->values[i];
  for (gsize i = 0; i < env->n; i++)
    {
      gsize lo = i > half ? i - half : 0, hi = MIN (env->n, i + half + 1);
      double mean = (sums[hi] - sums[lo]) / (hi - lo);

      out[i] = MAX (0.0, env->values[i] - mean);
    }
  g_free (env->values);
  g_free (sums);
  env->values = out;
}

/* ---- Periodicity ---- */

typedef struct {
  double *values;   /* normalised: lag 0 is 1 */
  gsize   n;        /* lags 0 .. n-1 */
} Autocorr;

static gboolean
autocorrelate (const Envelope *env,
               gsize           max_lag,
               Autocorr       *acf)
{
  g_autofree double *centred = g_new (double, env->n + 1);
  double mean = 0;

  /* Around the mean, so that noise's ever-present onsets correlate to
   * nothing rather than to a constant at every lag. */
  for (gsize i = 0; i < env->n; i++)
    mean += env->values[i] / env->n;
  for (gsize i = 0; i < env->n; i++)
    centred[i] = env->values[i] - mean;
  acf->n = MIN (max_lag + 1, env->n / 2);
  acf->values = g_new0 (double, acf->n + 1);
  for (gsize lag = 0; lag < acf->n; lag++)
    {
      const double *x = centred, *y = centred + lag;
      gsize len = env->n - lag;
      double sum = 0;

      for (gsize i = 0; i < len; i++)
        sum += x[i] * y[i];
      acf->values[lag] = sum / len;
    }
  if (acf->values[0] <= 0)
    return FALSE;
  for (gsize lag = 1; lag < acf->n; lag++)
    acf->values[lag] /= acf->values[0];
  acf->values[0] = 1;
  return TRUE;
}

static double
acf_at (const Autocorr *acf,
        double          lag)
{
  gsize i = (gsize) floor (lag);
  double frac = lag - i;

  if (lag < 0 || i + 1 >= acf->n)
    return 0;
  return acf->values[i] * (1 - frac) + acf->values[i + 1] * frac;
}

/* The highest value within a frame of lag: onsets are a few frames wide
 * and a drummer is a few milliseconds off. */
static double
acf_near (const Autocorr *acf,
          double          lag)
{
  return MAX (acf_at (acf, lag), MAX (acf_at (acf, lag - 1), acf_at (acf, lag + 1)));
}

static double
lag_of (const Envelope *env,
        double          bpm)
{
  return 60.0 * env->rate / bpm;
}

/* A comb over the beat period and its multiples: a real period repeats
 * at each of them. */
static double
comb_salience (const Envelope *env,
               const Autocorr *acf,
               double          bpm)
{
  double lag = lag_of (env, bpm), sum = 0;

  for (guint k = 1; k <= COMB_MULTIPLES; k++)
    sum += acf_near (acf, k * lag);
  return sum / COMB_MULTIPLES;
}

/* Where the autocorrelation peaks near lag, to a fraction of a frame
 * (a parabola through the highest frame and its neighbours). */
static double
peak_near (const Autocorr *acf,
           double          lag)
{
  gssize lo = (gssize) floor (lag - 2), hi = (gssize) ceil (lag + 2), best = -1;

  for (gssize i = MAX (lo, 1); i <= hi && i + 1 < (gssize) acf->n; i++)
    if (best < 0 || acf->values[i] > acf->values[best])
      best = i;
  if (best < 1)
    return lag;
  {
    double a = acf->values[best - 1], b = acf->values[best], c = acf->values[best + 1];
    double denom = a - 2 * b + c;

    return best + (denom < 0 ? 0.5 * (a - c) / denom : 0);
  }
}

/* The tempo from the peaks at all the multiples of its period: the
 * fourth is four times as precise as the first. */
static double
refine_bpm (const Envelope *env,
            const Autocorr *acf,
            double          bpm)
{
  double lag = lag_of (env, bpm), sum = 0, weights = 0;

  for (guint k = 1; k <= COMB_MULTIPLES; k++)
    {
      if (k * lag + 3 >= acf->n)
        break;
      double peak = peak_near (acf, k * lag);

      lag = peak / k;   /* each multiple found from the finer period so far */
      sum += peak;
      weights += k;
    }
  return weights > 0 ? 60.0 * env->rate * weights / sum : bpm;
}

/* ---- The metrical level ---- */

static double
env_near (const Envelope *env,
          double          pos)
{
  gssize c = (gssize) lround (pos);
  double best = 0;

  for (gssize i = c - 2; i <= c + 2; i++)
    if (i >= 0 && (gsize) i < env->n)
      best = MAX (best, env->values[i]);
  return best;
}

/* Where the subdivisions of a beat can fall, as fractions of it:
 * eighths, triplets (and swung eighths), sixteenths. */
static const double subdivisions[] = { 0.5, 1.0 / 3.0, 2.0 / 3.0, 0.25, 0.75 };

/* The mean of env over a block's beats [from, to) at phase, shifted by
 * offset (a fraction of the beat). With low, the geometric mean of the
 * low bands' onsets and all bands': loud low onsets, the kicks. */
static double
mean_on_beats (const Envelope *env,
               const Envelope *low,
               gsize           from,
               gsize           to,
               double          lag,
               double          phase,
               double          offset)
{
  double sum = 0;
  guint beats = 0;

  for (double pos = from + phase; pos + lag < to; pos += lag, beats++)
    {
      double at = pos + offset * lag;

      sum += low ? sqrt (env_near (low, at) * env_near (env, at)) : env_near (env, at);
    }
  return beats ? sum / beats : 0;
}

/* Where in [from, to) the beats of period lag fall: the phase where
 * the kicks land, then moved to where all bands peak (the low bands'
 * onsets rise a few frames later than the clicks above them). */
static double
beat_phase (const Envelope *env,
            const Envelope *low,
            gsize           from,
            gsize           to,
            double          lag)
{
  double best = -1, anchor = 0, phase = 0;

  for (double p = 0; p < lag; p += 1)
    {
      double strength = mean_on_beats (env, low, from, to, lag, p, 0);

      if (strength > best)
        {
          best = strength;
          anchor = p;
        }
    }
  best = -1;
  for (double p = anchor - 4; p <= anchor + 4; p += 1)
    {
      double strength = mean_on_beats (env, NULL, from, to, lag, p, 0);

      if (strength > best)
        {
          best = strength;
          phase = p;
        }
    }
  return phase;
}

/* The mean onset strength on the beats of bpm, and the strongest of the
 * subdivisions between them, over blocks of a few seconds (the phase
 * found afresh in each, so a small error in the tempo does not drift
 * off the beats). */
static void
beat_strengths (const Envelope *env,
                const Envelope *low,
                double          bpm,
                double         *on_beat,
                double         *between)
{
  double lag = lag_of (env, bpm);
  gsize block = MAX ((gsize) (BLOCK_SECONDS * env->rate), (gsize) ceil (3 * lag));
  double on_sum = 0, sub_sums[G_N_ELEMENTS (subdivisions)] = { 0 };
  guint n_blocks = 0;

  for (gsize from = 0; from + block <= env->n; from += block, n_blocks++)
    {
      double phase = beat_phase (env, low, from, from + block, lag);

      on_sum += mean_on_beats (env, NULL, from, from + block, lag, phase, 0);
      for (guint s = 0; s < G_N_ELEMENTS (subdivisions); s++)
        sub_sums[s] += mean_on_beats (env, NULL, from, from + block, lag, phase, subdivisions[s]);
    }
  *on_beat = n_blocks ? on_sum / n_blocks : 0;
  *between = 0;
  for (guint s = 0; s < G_N_ELEMENTS (subdivisions); s++)
    *between = MAX (*between, n_blocks ? sub_sums[s] / n_blocks : 0);
}

static double
tempo_prior (double bpm)
{
  double octaves = log2 (bpm / PRIOR_BPM);

  return exp (-0.5 * octaves * octaves / (PRIOR_OCTAVES * PRIOR_OCTAVES));
}

typedef struct {
  double bpm;
  double comb;       /* periodicity at the beat and its multiples */
  double on;         /* onset strength on the beats */
  double between;    /* at the strongest subdivision */
  double score;
} Candidate;

/* A beat is a level of the metre: stronger than what falls between
 * its beats, yet usually divided. When the strongest subdivision is as
 * strong as the beat, the beat is too slow (87 read for a 174
 * drum-and-bass pattern puts the snares between its beats) or grouped
 * wrongly (2/3 of the tempo); when nothing falls between the beats,
 * they are likely the subdivisions of a slower beat. */
static double
candidate_score (const Candidate *c)
{
  double ratio = c->on > 0 ? c->between / c->on : 2.0;
  double divided = 0.3 + 0.7 * MIN (1.0, ratio / 0.3);
  double distinct = CLAMP ((1.0 - ratio) / 0.3, 0.0, 1.0);

  return tempo_prior (c->bpm) * c->on * sqrt (MAX (c->comb, 0.0)) * divided * distinct;
}

static gboolean
is_near (double a,
         double b,
         double tolerance)
{
  return fabs (a / b - 1) <= tolerance;
}

/* What the candidates are judged on. */
typedef struct {
  Envelope env;     /* onsets in all bands */
  Envelope low;     /* onsets in the low bands */
  Autocorr acf;     /* of env */
} Analysis;

static void
add_candidate (GArray         *candidates,
               const Analysis *an,
               double          bpm)
{
  const Envelope *env = &an->env;
  const Autocorr *acf = &an->acf;
  Candidate c = { 0 };

  if (bpm < MIN_BPM || bpm > MAX_BPM)
    return;
  c.bpm = refine_bpm (env, acf, bpm);
  if (c.bpm < MIN_BPM || c.bpm > MAX_BPM)
    return;
  for (guint i = 0; i < candidates->len; i++)
    if (is_near (g_array_index (candidates, Candidate, i).bpm, c.bpm, 0.01))
      return;
  c.comb = comb_salience (env, acf, c.bpm);
  beat_strengths (env, &an->low, c.bpm, &c.on, &c.between);
  c.score = candidate_score (&c);
  g_array_append_val (candidates, c);
}

static int
by_comb_desc (gconstpointer a,
              gconstpointer b)
{
  double x = ((const Candidate *) a)->comb, y = ((const Candidate *) b)->comb;

  return (x < y) - (x > y);
}

/* The strongest local maxima of the comb over the tempo range, then
 * their doubles, halves and the 3:2 relatives, each refined. */
static GArray *
tempo_candidates (const Analysis *an)
{
  const Envelope *env = &an->env;
  const Autocorr *acf = &an->acf;
  g_autoptr(GArray) peaks = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  static const double relatives[] = { 1.0, 2.0, 0.5, 1.5, 2.0 / 3.0, 3.0, 1.0 / 3.0 };
  double prev2 = 0, prev = 0;

  for (double bpm = MIN_BPM; bpm <= MAX_BPM * GRID_STEP; bpm *= GRID_STEP)
    {
      double value = comb_salience (env, acf, bpm);

      if (prev > prev2 && prev >= value)
        {
          Candidate c = { bpm / GRID_STEP, prev, 0, 0, 0 };
          g_array_append_val (peaks, c);
        }
      prev2 = prev;
      prev = value;
    }
  g_array_sort (peaks, by_comb_desc);
  for (guint i = 0; i < MIN (peaks->len, MAX_CANDIDATES); i++)
    for (guint r = 0; r < G_N_ELEMENTS (relatives); r++)
      add_candidate (candidates, an, g_array_index (peaks, Candidate, i).bpm * relatives[r]);
  return candidates;
}

/* How far the winner stands above the best tempo that is not it, times
 * how periodic the onsets are at all (noise has a flat comb). */
static double
confidence_of (GArray          *candidates,
               const Candidate *best)
{
  double rival = 0, contrast, periodicity;

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (!is_near (c->bpm, best->bpm, 0.04))
        rival = MAX (rival, c->score);
    }
  contrast = best->score > 0 ? 1.0 - rival / best->score : 0;
  periodicity = CLAMP (best->comb / 0.25, 0.0, 1.0);
  return CLAMP (contrast * periodicity, 0.0, 1.0);
}

static void
analysis_clear (Analysis *an)
{
  g_free (an->env.values);
  g_free (an->low.values);
  g_free (an->acf.values);
}

gboolean
rsb_tempo_estimate_pcm (const float      *pcm,
                        gsize             n_samples,
                        guint             rate,
                        RsbTempoEstimate *estimate)
{
  Analysis an = { { 0 } };
  g_autoptr(GArray) candidates = NULL;
  const Candidate *best = NULL;
  double energy = 0;
  gboolean found;

  g_return_val_if_fail (pcm != NULL || n_samples == 0, FALSE);
  g_return_val_if_fail (estimate != NULL, FALSE);

  if (rate < 4000 || rate > 48000 || n_samples < RSB_TEMPO_ESTIMATE_MIN_SECONDS * rate)
    return FALSE;
  for (gsize i = 0; i < n_samples; i++)
    energy += (double) pcm[i] * pcm[i];
  if (sqrt (energy / n_samples) < 1e-4)       /* -80 dBFS: silence */
    return FALSE;

  onset_envelope (pcm, n_samples, rate, &an.env, &an.low);
  envelope_detrend (&an.env);
  envelope_detrend (&an.low);
  if (!autocorrelate (&an.env, (gsize) ceil (COMB_MULTIPLES * lag_of (&an.env, MIN_BPM)) + 4, &an.acf))
    {
      analysis_clear (&an);
      return FALSE;
    }
  candidates = tempo_candidates (&an);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      g_debug ("candidate %.2f BPM: comb %.3f on %.3f between %.3f prior %.2f score %.4f",
               c->bpm, c->comb, c->on, c->between, tempo_prior (c->bpm), c->score);
      if (best == NULL || c->score > best->score)
        best = c;
    }
  found = best != NULL && best->score > 0;
  if (found)
    {
      estimate->bpm = best->bpm;
      estimate->confidence = confidence_of (candidates, best);
    }
  analysis_clear (&an);
  return found;
}
