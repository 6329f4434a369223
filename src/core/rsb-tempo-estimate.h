/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-estimate.h: a tempo estimated from audio and how sure the
 * estimator is of it.
 * PLACEHOLDER (helper-scan branch): the estimator branch
 * (helper-estimator) owns this file; at merge its version replaces this
 * one. Only the struct below is relied on by the music scan. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double bpm;          /* beats per minute */
  double confidence;   /* 0 (a guess) … 1 (certain) */
} RsbTempoEstimate;

G_END_DECLS
