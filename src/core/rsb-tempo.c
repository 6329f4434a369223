/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo.c: tempo sources and the in-step rule (DESIGN §9). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "rsb-tempo.h"

static const char *const source_names[RSB_TEMPO_N_SOURCES] = {
  NULL, "estimate", "reccobeats", "deezer", "file", "hand",
};

const char *
rsb_tempo_source_to_string (RsbTempoSource source)
{
  g_return_val_if_fail (source < RSB_TEMPO_N_SOURCES, NULL);
  return source_names[source];
}

gboolean
rsb_tempo_source_from_string (const char     *str,
                              RsbTempoSource *source)
{
  *source = RSB_TEMPO_SOURCE_NONE;
  if (str == NULL)
    return FALSE;
  for (guint i = 1; i < RSB_TEMPO_N_SOURCES; i++)
    if (g_str_equal (str, source_names[i]))
      {
        *source = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rsb_tempo_source_display (RsbTempoSource source)
{
  switch (source)
    {
    case RSB_TEMPO_SOURCE_ESTIMATE:
      /* Translators: where a song's tempo came from, as in "128 BPM · estimated" */
      return _("estimated");
    case RSB_TEMPO_SOURCE_RECCOBEATS:
      return "ReccoBeats";
    case RSB_TEMPO_SOURCE_DEEZER:
      return "Deezer";
    case RSB_TEMPO_SOURCE_FILE_TAG:
      /* Translators: where a song's tempo came from, as in "128 BPM · file tag" */
      return _("file tag");
    case RSB_TEMPO_SOURCE_HAND:
      /* Translators: where a song's tempo came from, as in "128 BPM · set by hand" */
      return _("set by hand");
    case RSB_TEMPO_SOURCE_NONE:
    default:
      return "";
    }
}

gboolean
rsb_tempo_bpm_is_valid (double bpm)
{
  return isfinite (bpm) && bpm >= RSB_TEMPO_MIN_BPM && bpm <= RSB_TEMPO_MAX_BPM;
}

RsbStepVerdict
rsb_tempo_step_verdict (double  bpm,
                        double  cadence,
                        double *ratio)
{
  static const double multiples[] = { 1.0, 0.5, 2.0 };
  double best = INFINITY, best_multiple = 0;

  if (ratio != NULL)
    *ratio = 0;
  if (!rsb_tempo_bpm_is_valid (bpm) || !isfinite (cadence) || cadence <= 0)
    return RSB_STEP_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    {
      double target = bpm * multiples[i];
      double off = fabs (cadence - target) / target;

      if (off < best)
        {
          best = off;
          best_multiple = multiples[i];
        }
    }
  if (ratio != NULL)
    *ratio = best_multiple;
  /* A small slack so that exactly 3 % (170 against 175.1 BPM printed
   * with one decimal) is not lost to rounding. */
  if (best <= RSB_STEP_IN_TOLERANCE + 1e-9)
    return RSB_STEP_IN;
  if (best <= RSB_STEP_NEAR_TOLERANCE + 1e-9)
    return RSB_STEP_NEAR;
  return RSB_STEP_OFF;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
rsb_tempo_from_taps (const double *times_s,
                     guint         n)
{
  g_autofree double *intervals = NULL;
  double median;
  guint m;

  if (n < RSB_TEMPO_MIN_TAPS)
    return NAN;
  m = n - 1;
  intervals = g_new (double, m);
  for (guint i = 0; i < m; i++)
    intervals[i] = times_s[i + 1] - times_s[i];
  qsort (intervals, m, sizeof *intervals, compare_doubles);
  median = m % 2 ? intervals[m / 2] : (intervals[m / 2 - 1] + intervals[m / 2]) / 2;
  if (!(median > 0))
    return NAN;
  return 60.0 / median;
}
