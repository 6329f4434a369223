/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

/* Two plays further apart than this at their ends (or, for sources
 * that report only the start, their starts) are never the same play,
 * whatever their precision says. */
#define RSB_SAME_PLAY_SLACK_MS 5000

/* A gap between two plays up to this long still belongs to the first. */
#define RSB_GAP_BRIDGE_MS 3000

typedef struct {
  GArray  *segments;    /* RsbSegment, in point order, covering every point */
  guint    n_songs;     /* segments with music */
  double   moving_s;
  double   coverage;    /* 0..1 share of moving time with a song */
} RsbMatch;

RsbMatch *rsb_match_new   (const RsbStreams *streams,
                           gint64            start_ms,
                           gint64            clock_offset_ms,
                           GPtrArray        *plays);
void      rsb_match_free  (RsbMatch         *match);

gint64    rsb_play_known_ms_played (const RsbPlay *play);
gint64    rsb_play_reported_ms     (const RsbPlay *play);
gboolean  rsb_play_is_same_as      (const RsbPlay *a,
                                    const RsbPlay *b);
gboolean  rsb_play_is_better_than  (const RsbPlay *a,
                                    const RsbPlay *b);
GPtrArray *rsb_plays_without_duplicates (GPtrArray *plays);

gboolean  rsb_interval_is_pause  (const RsbStreams *streams,
                                  guint             i);
gboolean  rsb_interval_is_moving (const RsbStreams *streams,
                                  guint             i);
double    rsb_streams_moving_s   (const RsbStreams *streams);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbMatch, rsb_match_free)

G_END_DECLS
