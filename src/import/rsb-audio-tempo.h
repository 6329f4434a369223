/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-audio-tempo.h: a music file's tempo, estimated from its audio
 * decoded with GStreamer. */
#pragma once

#include <gio/gio.h>

#include "rsb-tempo-estimate.h"

G_BEGIN_DECLS

/* At most this much audio is decoded: the middle of a longer file
 * (a song's intro and outro are often without the beat). */
#define RSB_AUDIO_TEMPO_EXCERPT_SECONDS 120

/* Decodes the file with GStreamer (decodebin ! audioconvert !
 * audioresample ! appsink, mono F32 at RSB_TEMPO_ESTIMATE_RATE) and
 * estimates its tempo. Errors name the file and the problem, in
 * RSB_IMPORT_ERROR: NO_DATA (empty, no audio stream, no beat to hear),
 * UNSUPPORTED (not audio GStreamer can decode), CORRUPT (unreadable,
 * missing, broken data), CANCELLED. Safe to call from several worker
 * threads at once; never writes to the file. */
gboolean rsb_audio_estimate_tempo (const char        *path,
                                   GCancellable      *cancellable,
                                   RsbTempoEstimate  *estimate,
                                   GError           **error);

G_END_DECLS
