/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-audio-tempo.c: PLACEHOLDER tempo estimator, replaced at merge by
 * the estimator branch (helper-estimator). A plain energy-flux
 * autocorrelation: decode to mono at 11,025 Hz, take the rise of the
 * log energy every 128 samples, and pick the lag between 60 and 200 BPM
 * whose autocorrelation (with its double, to favour the beat over its
 * half) is strongest under a broad prior around 120 BPM. */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>

#include "rsb-audio-tempo.h"
#include "rsb-audio-tags.h"

#define RATE       11025
#define HOP        128
#define MAX_SECONDS 180      /* enough of a song to hear its beat */
#define MIN_BPM    60.0
#define MAX_BPM    200.0

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *reason)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s could not be decoded: %s"), name, reason);
  return FALSE;
}

/* One hop's log energy per value of the returned array. */
static GArray *
decode_energy (const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GArray) energy = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GError) parse_error = NULL;
  double sum = 0;
  guint in_hop = 0;

  if (!rsb_audio_init (error))
    return NULL;
  pipeline = gst_parse_launch ("filesrc name=src ! decodebin ! audioconvert ! audioresample"
                               " ! audio/x-raw,format=F32LE,channels=1,rate=11025"
                               " ! appsink name=sink sync=false", &parse_error);
  if (pipeline == NULL)
    return fail (error, path, parse_error->message), NULL;
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (src, "location", path, NULL);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (energy->len < MAX_SECONDS * RATE / HOP)
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), GST_SECOND / 10);
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      GstMapInfo map;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      if (message != NULL)
        {
          g_autoptr(GError) gst_error = NULL;

          gst_message_parse_error (message, &gst_error, NULL);
          fail (error, path, gst_error->message);
          goto failed;
        }
      if (sample == NULL)
        {
          if (gst_app_sink_is_eos (GST_APP_SINK (sink)))
            break;
          continue;
        }
      if (!gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ))
        continue;
      for (gsize i = 0; i + sizeof (float) <= map.size; i += sizeof (float))
        {
          float v = *(const float *) (map.data + i);

          sum += v * v;
          if (++in_hop == HOP)
            {
              float e = logf (1e-9f + (float) (sum / HOP));
              g_array_append_val (energy, e);
              sum = 0;
              in_hop = 0;
            }
        }
      gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return g_steal_pointer (&energy);

failed:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return NULL;
}

static double
autocorrelation (const float *x,
                 guint        n,
                 guint        lag)
{
  double s = 0;

  for (guint i = lag; i < n; i++)
    s += x[i] * x[i - lag];
  return s / (n - lag);
}

gboolean
rsb_audio_estimate_tempo (const char        *path,
                          GCancellable      *cancellable,
                          RsbTempoEstimate  *estimate,
                          GError           **error)
{
  g_autoptr(GArray) energy = decode_energy (path, cancellable, error);
  const double frames_per_s = (double) RATE / HOP;
  guint min_lag = floor (frames_per_s * 60 / MAX_BPM), max_lag = ceil (frames_per_s * 60 / MIN_BPM);
  g_autofree float *flux = NULL;
  g_autofree double *ac = NULL;
  double mean = 0, zero, best = -G_MAXDOUBLE;
  guint n, best_lag = 0;

  if (energy == NULL)
    return FALSE;
  n = energy->len > 0 ? energy->len - 1 : 0;
  if (n < 4 * max_lag)
    return fail (error, path, _("too short to hear a beat"));
  /* Onsets: the rises of the log energy, centred. */
  flux = g_new (float, n);
  for (guint i = 0; i < n; i++)
    {
      float d = g_array_index (energy, float, i + 1) - g_array_index (energy, float, i);
      flux[i] = MAX (d, 0);
      mean += flux[i];
    }
  mean /= n;
  for (guint i = 0; i < n; i++)
    flux[i] -= mean;
  zero = autocorrelation (flux, n, 0);
  if (zero <= 0)
    return fail (error, path, _("no beat could be heard"));
  ac = g_new0 (double, 2 * max_lag + 2);
  for (guint lag = min_lag / 2; lag <= 2 * max_lag + 1 && lag < n; lag++)
    ac[lag] = autocorrelation (flux, n, lag);
  for (guint lag = min_lag; lag <= max_lag; lag++)
    {
      double bpm = 60 * frames_per_s / lag;
      double prior = exp (-0.5 * pow (log2 (bpm / 120.0) / 0.6, 2));
      double score = (ac[lag] + 0.5 * ac[2 * lag]) * prior;

      if (score > best)
        {
          best = score;
          best_lag = lag;
        }
    }
  {
    /* Parabolic interpolation around the peak for a finer lag. */
    double a = ac[best_lag - 1], b = ac[best_lag], c = ac[best_lag + 1];
    double denom = a - 2 * b + c;
    double shift = denom < 0 ? CLAMP (0.5 * (a - c) / denom, -0.5, 0.5) : 0;

    estimate->bpm = 60 * frames_per_s / (best_lag + shift);
    estimate->confidence = CLAMP (b / zero, 0, 1);
  }
  return TRUE;
}
