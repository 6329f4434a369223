/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-activity.h"

#include <math.h>
#include <string.h>

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

static RsbStreams *
streams_copy (const RsbStreams *streams)
{
  RsbStreams *copy = rsb_streams_new (streams->n_points);

  for (int k = 0; k < RSB_N_STREAMS; k++)
    if (streams->columns[k] != NULL)
      memcpy (rsb_streams_ensure (copy, k), streams->columns[k], sizeof (double) * streams->n_points);
  return copy;
}

/* A deep copy, for a worker thread to read while the window lets go of
 * the original. */
RsbActivity *
rsb_activity_copy (const RsbActivity *activity)
{
  RsbActivity *copy = g_new0 (RsbActivity, 1);

  copy->info = rsb_activity_info_copy (activity->info);
  copy->streams = streams_copy (activity->streams);
  copy->plays = g_ptr_array_new_full (activity->plays->len, (GDestroyNotify) rsb_play_free);
  for (guint i = 0; i < activity->plays->len; i++)
    g_ptr_array_add (copy->plays, rsb_play_copy (activity->plays->pdata[i]));
  if (activity->match != NULL)
    {
      copy->match = g_memdup2 (activity->match, sizeof (RsbMatch));
      copy->match->segments = g_array_copy (activity->match->segments);
    }
  return copy;
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

/* The segment where a play is heard, or -1 when it is not on the route
 * (any more: another clock offset or a new history moves songs). */
int
rsb_activity_segment_of_play (const RsbActivity *activity,
                              gint64             play_id)
{
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);

      if (play != NULL && play->id == play_id)
        return i;
    }
  return -1;
}

/* The segment holding a point, or -1 past the route's end. */
int
rsb_activity_segment_at_point (const RsbActivity *activity,
                               guint              point)
{
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      if (rsb_activity_segment (activity, i)->last_point >= point)
        return i;
    }
  return -1;
}

/* Equal, or both unknown (NAN). */
static gboolean
same_value (double a,
            double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* A tempo found or set since the last load tells another story too:
 * the card, the list's badges and the chart's marks change. */
static gboolean
same_tempo (const RsbTrack *a,
            const RsbTrack *b)
{
  return a->bpm_source == b->bpm_source && same_value (a->bpm, b->bpm) && same_value (a->energy, b->energy);
}

static gboolean
same_play (const RsbPlay *a,
           const RsbPlay *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->id == b->id && a->ms_played == b->ms_played && a->skipped == b->skipped &&
         g_strcmp0 (a->track.uri, b->track.uri) == 0 && g_strcmp0 (a->track.title, b->track.title) == 0 &&
         g_strcmp0 (a->track.artists, b->track.artists) == 0 && g_strcmp0 (a->track.album, b->track.album) == 0 &&
         g_strcmp0 (a->track.artwork_url, b->track.artwork_url) == 0 && same_tempo (&a->track, &b->track);
}

/* Whether two loads of one activity tell the same story: the same
 * segments over the same points, each with the same play and track.
 * A view shown from one need not change for the other. */
gboolean
rsb_activity_same_songs (const RsbActivity *a,
                         const RsbActivity *b)
{
  guint n = rsb_activity_n_segments (a);

  if (a->info->id != b->info->id || !rsb_streams_equal (a->streams, b->streams) ||
      n != rsb_activity_n_segments (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const RsbSegment *x = rsb_activity_segment (a, i), *y = rsb_activity_segment (b, i);

      if (x->first_point != y->first_point || x->last_point != y->last_point ||
          !same_play (rsb_activity_segment_play (a, i), rsb_activity_segment_play (b, i)))
        return FALSE;
    }
  return TRUE;
}

/* Moves from's info, plays and match into activity, which keeps its
 * streams: views that borrow the activity (and its route) go on drawing
 * the same points. Both must be loads of one activity with the same
 * recording (rsb_streams_equal). Frees from. */
void
rsb_activity_take_songs (RsbActivity *activity,
                         RsbActivity *from)
{
  g_return_if_fail (activity->info->id == from->info->id);
  g_return_if_fail (activity->streams->n_points == from->streams->n_points);

  g_clear_pointer (&activity->match, rsb_match_free);
  g_clear_pointer (&activity->plays, g_ptr_array_unref);
  g_clear_pointer (&activity->info, rsb_activity_info_free);
  activity->info = g_steal_pointer (&from->info);
  activity->plays = g_steal_pointer (&from->plays);
  activity->match = g_steal_pointer (&from->match);
  rsb_activity_free (from);
}

/* Whether a "no music" stretch was silence the listening history can
 * vouch for: the plays loaded around the workout include one that ended
 * before the stretch began and one that started after it ended (on the
 * plays' clock). Otherwise the history simply has nothing for that time
 * (none imported yet, or it ends or begins inside the workout). */
gboolean
rsb_activity_segment_is_silence (const RsbActivity *activity,
                                 guint              segment)
{
  const RsbSegment *seg = rsb_activity_segment (activity, segment);
  gint64 from, to;
  gboolean before = FALSE, after = FALSE;

  if (seg == NULL || rsb_segment_has_music (seg) || !rsb_activity_info_has_times (activity->info))
    return FALSE;
  from = activity->info->start_ms - activity->info->clock_offset_ms + (gint64) (seg->start_s * 1000.0);
  to = activity->info->start_ms - activity->info->clock_offset_ms + (gint64) (seg->end_s * 1000.0);
  for (guint i = 0; i < activity->plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (activity->plays, i);

      before |= play->end_ms <= from;
      after |= play->start_ms >= to;
    }
  return before && after;
}
