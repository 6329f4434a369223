#include "rsb-activity.h"

RsbActivity *
rsb_activity_load (RsbStore  *store,
                   gint64     id,
                   GError   **error)
{
  g_autoptr(RsbActivity) activity = g_new0 (RsbActivity, 1);

  activity->info = rsb_store_get_activity (store, id, error);
  if (activity->info == NULL)
    return NULL;
  activity->streams = rsb_store_load_streams (store, id, error);
  if (activity->streams == NULL)
    return NULL;
  activity->plays = rsb_store_plays_for_activity (store, activity->info, error);
  if (activity->plays == NULL)
    return NULL;
  activity->match = rsb_match_new (activity->streams, activity->info->start_ms,
                                   activity->info->clock_offset_ms, activity->plays);
  return g_steal_pointer (&activity);
}

/* Re-matches with another clock offset; the plays loaded already cover
 * every allowed offset. */
void
rsb_activity_set_clock_offset (RsbActivity *activity,
                               gint64       offset_ms)
{
  activity->info->clock_offset_ms = CLAMP (offset_ms, -RSB_MAX_CLOCK_OFFSET_MS, RSB_MAX_CLOCK_OFFSET_MS);
  g_clear_pointer (&activity->match, rsb_match_free);
  activity->match = rsb_match_new (activity->streams, activity->info->start_ms,
                                   activity->info->clock_offset_ms, activity->plays);
}

void
rsb_activity_free (RsbActivity *activity)
{
  if (activity == NULL)
    return;
  g_clear_pointer (&activity->match, rsb_match_free);
  g_clear_pointer (&activity->plays, g_ptr_array_unref);
  g_clear_pointer (&activity->streams, rsb_streams_free);
  g_clear_pointer (&activity->info, rsb_activity_info_free);
  g_free (activity);
}

guint
rsb_activity_n_segments (const RsbActivity *activity)
{
  return activity->match->segments->len;
}

const RsbSegment *
rsb_activity_segment (const RsbActivity *activity,
                      guint              segment)
{
  g_return_val_if_fail (segment < activity->match->segments->len, NULL);
  return &g_array_index (activity->match->segments, RsbSegment, segment);
}

/* The play heard on a segment, or NULL for a "no music" stretch. */
const RsbPlay *
rsb_activity_segment_play (const RsbActivity *activity,
                           guint              segment)
{
  const RsbSegment *seg = rsb_activity_segment (activity, segment);

  if (seg == NULL || !rsb_segment_has_music (seg))
    return NULL;
  return g_ptr_array_index (activity->plays, seg->play_index);
}
