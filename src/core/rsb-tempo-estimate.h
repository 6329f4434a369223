/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-estimate.h: a song's tempo estimated from its decoded audio
 * (an onset envelope, its periodicities and the octave they belong to).
 * Pure computation, no GStreamer. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double bpm;
  double confidence;   /* 0..1: how far the winning tempo stands above the others */
} RsbTempoEstimate;

/* The rate the estimator is made for: decoders should resample to it.
 * Other rates between 4 and 48 kHz work, more slowly above it. */
#define RSB_TEMPO_ESTIMATE_RATE 11025

/* The shortest audio with a tempo to hear, in seconds. */
#define RSB_TEMPO_ESTIMATE_MIN_SECONDS 6.0

/* Mono float PCM (-1..1) at rate Hz. FALSE when there is no beat to
 * hear (silence, shorter than RSB_TEMPO_ESTIMATE_MIN_SECONDS, a rate
 * out of range). Thread-safe and reentrant: it keeps no state. */
gboolean rsb_tempo_estimate_pcm (const float      *pcm,
                                 gsize             n_samples,
                                 guint             rate,
                                 RsbTempoEstimate *estimate);

G_END_DECLS
