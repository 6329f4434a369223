/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-matcher.h"
#include "rsb-store.h"

G_BEGIN_DECLS

/* Everything one view of a workout needs: its info, its samples, the
 * plays around it and how they fall on the route. */
typedef struct {
  RsbActivityInfo *info;
  RsbStreams      *streams;
  GPtrArray       *plays;   /* RsbPlay, indexed by the segments */
  RsbMatch        *match;
} RsbActivity;

RsbActivity   *rsb_activity_load          (RsbStore          *store,
                                           gint64             id,
                                           GError           **error);
void           rsb_activity_free          (RsbActivity       *activity);
RsbActivity   *rsb_activity_copy          (const RsbActivity *activity);
void           rsb_activity_set_clock_offset (RsbActivity    *activity,
                                           gint64             offset_ms);
const RsbPlay *rsb_activity_segment_play  (const RsbActivity *activity,
                                           guint              segment);
const RsbSegment *rsb_activity_segment    (const RsbActivity *activity,
                                           guint              segment);
guint          rsb_activity_n_segments    (const RsbActivity *activity);
int            rsb_activity_segment_of_play (const RsbActivity *activity,
                                           gint64             play_id);
int            rsb_activity_segment_at_point (const RsbActivity *activity,
                                           guint              point);
gboolean       rsb_activity_segment_is_silence (const RsbActivity *activity,
                                           guint              segment);
gboolean       rsb_activity_same_songs    (const RsbActivity *a,
                                           const RsbActivity *b);
void           rsb_activity_take_songs    (RsbActivity       *activity,
                                           RsbActivity       *from);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbActivity, rsb_activity_free)

G_END_DECLS
