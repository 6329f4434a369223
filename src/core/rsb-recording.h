/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

/* Two recordings of one workout (a watch's file and a phone's, a GPX
 * without heart rate and the FIT it came from): which is worth keeping.
 * Only what the library's row holds is read (channels, point count,
 * duration), never the streams, so deciding costs nothing next to the
 * parse. */

typedef enum {
  RSB_RICHER_NOT,       /* no richer: the one already kept stays */
  RSB_RICHER_CHANNELS,  /* records more kinds of data */
  RSB_RICHER_DENSER,    /* as many kinds, sampled markedly more often */
} RsbRicher;

/* How candidate is richer than kept, RSB_RICHER_NOT when it is not. */
RsbRicher rsb_recording_richer         (const RsbActivityInfo *candidate,
                                        const RsbActivityInfo *kept);
/* The channels of a that b lacks, a position counted once (as
 * RSB_STREAM_LAT) and the time axis not at all. */
guint32   rsb_recording_extra_channels (guint32                a,
                                        guint32                b);

G_END_DECLS
