/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-audio-tempo.h: a music file's tempo estimated from its decoded
 * audio.
 * PLACEHOLDER (helper-scan branch): the estimator branch
 * (helper-estimator) owns this interface and replaces these files at
 * merge; the music scan relies only on rsb_audio_estimate_tempo(). */
#pragma once

#include <gio/gio.h>

#include "rsb-tempo-estimate.h"

G_BEGIN_DECLS

/* Decodes the file at path and estimates its tempo; FALSE with an
 * error naming the file when it cannot be decoded, or when cancelled. */
gboolean rsb_audio_estimate_tempo (const char        *path,
                                   GCancellable      *cancellable,
                                   RsbTempoEstimate  *estimate,
                                   GError           **error);

G_END_DECLS
