/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo.h: a song's tempo, where it came from, and whether a
 * runner's cadence was in step with it. Pure logic, no I/O. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a track's BPM came from. The values are the ranks: when two
 * sources disagree the higher wins (DESIGN §9). NONE is "not known". */
typedef enum {
  RSB_TEMPO_SOURCE_NONE = 0,
  RSB_TEMPO_SOURCE_ESTIMATE,     /* estimated from the decoded audio */
  RSB_TEMPO_SOURCE_RECCOBEATS,
  RSB_TEMPO_SOURCE_DEEZER,
  RSB_TEMPO_SOURCE_FILE_TAG,     /* the BPM tag of the user's own file */
  RSB_TEMPO_SOURCE_HAND,         /* typed, halved, doubled or tapped */
} RsbTempoSource;

#define RSB_TEMPO_N_SOURCES (RSB_TEMPO_SOURCE_HAND + 1)

/* The range a BPM is believed in: outside it a value is a data error. */
#define RSB_TEMPO_MIN_BPM 30.0
#define RSB_TEMPO_MAX_BPM 300.0

/* "estimate", "reccobeats", "deezer", "file", "hand": the stored and
 * machine-readable name (CSV/JSON exports, --scan-music). */
const char     *rsb_tempo_source_to_string   (RsbTempoSource  source);
gboolean        rsb_tempo_source_from_string (const char     *str,
                                              RsbTempoSource *source);
/* For people: "Deezer", "ReccoBeats", "file tag", "estimated", "set by
 * hand" (translated), as in "128 BPM · Deezer". */
const char     *rsb_tempo_source_display     (RsbTempoSource  source);
gboolean        rsb_tempo_bpm_is_valid       (double          bpm);

typedef enum {
  RSB_STEP_UNKNOWN,              /* no tempo or no cadence */
  RSB_STEP_OFF,
  RSB_STEP_NEAR,                 /* within 6 % */
  RSB_STEP_IN,                   /* within 3 % */
} RsbStepVerdict;

#define RSB_STEP_IN_TOLERANCE   0.03
#define RSB_STEP_NEAR_TOLERANCE 0.06

/* Cadence (steps per minute on foot, rpm on a bike) against the song's
 * BPM, BPM/2 and 2×BPM: the closest of the three, by relative
 * difference from that multiple. ratio (optional) receives the
 * multiple compared with (0.5, 1 or 2), or 0 when unknown. */
RsbStepVerdict  rsb_tempo_step_verdict       (double          bpm,
                                              double          cadence,
                                              double         *ratio);

/* Tap tempo: times of the taps in seconds (increasing), n of them. The
 * BPM from the median interval, so one late tap does not move it; NAN
 * under RSB_TEMPO_MIN_TAPS taps. */
#define RSB_TEMPO_MIN_TAPS 8
double          rsb_tempo_from_taps          (const double   *times_s,
                                              guint           n);

G_END_DECLS
