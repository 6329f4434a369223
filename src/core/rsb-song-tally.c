/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-song-tally.c: every song heard during workouts, and how the
 * workouts went while it played compared with their own averages.
 *
 * Comparing each stretch with its own workout (not with all workouts)
 * keeps easy runs and races from drowning the effect of the song. */
#include "rsb-song-tally.h"

#include <math.h>

#include "rsb-song-stats.h"

/* Shorter moving stretches (a skipped song) say little about pace. */
#define MIN_COMPARED_S 10.0

struct _RsbSongTally
{
  GHashTable *songs;   /* track id -> RsbSongSummary */
};

static void
stretch_free (RsbSongStretch *stretch)
{
  g_free (stretch->activity_name);
  g_free (stretch);
}

void
rsb_song_summary_free (RsbSongSummary *summary)
{
  if (summary == NULL)
    return;
  rsb_track_clear (&summary->track);
  g_ptr_array_unref (summary->stretches);
  g_free (summary);
}

RsbSongTally *
rsb_song_tally_new (void)
{
  RsbSongTally *tally = g_new0 (RsbSongTally, 1);

  tally->songs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                        (GDestroyNotify) rsb_song_summary_free);
  return tally;
}

void
rsb_song_tally_free (RsbSongTally *tally)
{
  if (tally == NULL)
    return;
  g_hash_table_unref (tally->songs);
  g_free (tally);
}

static RsbSongSummary *
summary_for (RsbSongTally  *tally,
             const RsbPlay *play)
{
  RsbSongSummary *summary = g_hash_table_lookup (tally->songs, &play->track_id);

  if (summary == NULL)
    {
      summary = g_new0 (RsbSongSummary, 1);
      summary->track_id = play->track_id;
      rsb_track_copy_into (&play->track, &summary->track);
      summary->stretches = g_ptr_array_new_with_free_func ((GDestroyNotify) stretch_free);
      g_hash_table_insert (tally->songs, &summary->track_id, summary);
    }
  return summary;
}

/* A stretch lasts until the next song starts, so it may also hold a
 * pause in the recording or the quiet after a song ended: what was heard
 * is the play's own listened time, as far as it falls in the workout
 * (on the clock the plays were logged by). */
static double
play_heard_s (const RsbActivity *activity,
              const RsbPlay     *play)
{
  const double *time = activity->streams->columns[RSB_STREAM_TIME];
  double last_s = time ? time[activity->streams->n_points - 1] : NAN;
  gint64 from = activity->info->start_ms - activity->info->clock_offset_ms;
  gint64 overlap;

  if (isnan (last_s))
    return play->ms_played / 1000.0;
  overlap = MIN (play->end_ms, from + (gint64) llround (last_s * 1000.0)) - MAX (play->start_ms, from);
  overlap = MAX (overlap, 0);
  return (play->ms_played > 0 ? MIN (play->ms_played, overlap) : overlap) / 1000.0;
}

static RsbSongStretch *
stretch_new (const RsbActivity  *activity,
             const RsbPlay      *play,
             const RsbSongStats *song,
             const RsbSongStats *workout,
             double              heard_s)
{
  RsbSongStretch *stretch = g_new0 (RsbSongStretch, 1);

  stretch->activity_id = activity->info->id;
  stretch->play_id = play->id;
  stretch->activity_name = g_strdup (activity->info->name);
  stretch->activity_start_ms = activity->info->start_ms;
  stretch->on_foot = song->on_foot;
  stretch->start_s = song->start_s;
  stretch->end_s = song->end_s;
  stretch->heard_s = heard_s;
  stretch->moving_s = song->moving_s;
  stretch->speed_ms = song->speed_ms;
  stretch->heart_rate = song->heart_rate;
  stretch->speed_change = NAN;
  stretch->heart_rate_change = NAN;
  if (song->moving_s >= MIN_COMPARED_S && workout->speed_ms > 0)
    stretch->speed_change = song->speed_ms / workout->speed_ms - 1.0;
  if (song->moving_s >= MIN_COMPARED_S)
    stretch->heart_rate_change = song->heart_rate - workout->heart_rate;
  return stretch;
}

void
rsb_song_tally_add_activity (RsbSongTally      *tally,
                             const RsbActivity *activity)
{
  guint n = rsb_activity_n_segments (activity);
  RsbSegment whole = { 0 };
  RsbSongStats workout;
  g_autofree gboolean *counted = NULL;

  if (n == 0 || activity->streams->n_points == 0)
    return;
  /* The workout's own averages, measured the same way as each song's. */
  whole.first_point = 0;
  whole.last_point = activity->streams->n_points - 1;
  whole.play_index = -1;
  rsb_song_stats_compute (activity->info, activity->streams, &whole, NULL, &workout);

  /* By play index: whether an earlier stretch counted it as heard. */
  counted = g_new0 (gboolean, activity->plays->len);
  for (guint i = 0; i < n; i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);
      RsbSongSummary *summary;
      RsbSongStretch *last, *stretch;
      RsbSongStats song;
      int play_index;

      if (play == NULL)
        continue;
      rsb_activity_song_stats (activity, i, &song);
      summary = summary_for (tally, play);
      last = summary->stretches->len ? g_ptr_array_index (summary->stretches, summary->stretches->len - 1) : NULL;
      if (last == NULL || last->activity_id != activity->info->id)
        summary->n_workouts++;
      play_index = rsb_activity_segment (activity, i)->play_index;
      stretch = stretch_new (activity, play, &song, &workout,
                             counted[play_index] ? 0 : play_heard_s (activity, play));
      counted[play_index] = TRUE;
      summary->heard_s += stretch->heard_s;
      summary->road_s += stretch->end_s - stretch->start_s;
      g_ptr_array_add (summary->stretches, stretch);
    }
}

static double
weighted_change (GPtrArray *stretches,
                 gsize      offset)
{
  double sum = 0, weight = 0;

  for (guint i = 0; i < stretches->len; i++)
    {
      const RsbSongStretch *stretch = g_ptr_array_index (stretches, i);
      double change = G_STRUCT_MEMBER (double, stretch, offset);

      if (isnan (change))
        continue;
      sum += change * stretch->moving_s;
      weight += stretch->moving_s;
    }
  return weight > 0 ? sum / weight : NAN;
}

static int
longest_first (gconstpointer a,
               gconstpointer b)
{
  const RsbSongSummary *x = *(const RsbSongSummary **) a;
  const RsbSongSummary *y = *(const RsbSongSummary **) b;

  if (x->heard_s != y->heard_s)
    return x->heard_s > y->heard_s ? -1 : 1;
  return g_utf8_collate (x->track.title ? x->track.title : "", y->track.title ? y->track.title : "");
}

/* Hands the summaries over: the tally is empty afterwards. */
GPtrArray *
rsb_song_tally_summaries (RsbSongTally *tally)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_song_summary_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, tally->songs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RsbSongSummary *summary = value;

      summary->speed_change = weighted_change (summary->stretches, G_STRUCT_OFFSET (RsbSongStretch, speed_change));
      summary->heart_rate_change = weighted_change (summary->stretches, G_STRUCT_OFFSET (RsbSongStretch, heart_rate_change));
      g_ptr_array_add (list, summary);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (list, longest_first);
  return list;
}

GPtrArray *
rsb_song_tally_collect (RsbStore      *store,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) activities = rsb_store_list_activities (store, error);
  g_autoptr(RsbSongTally) tally = NULL;

  if (activities == NULL)
    return NULL;
  tally = rsb_song_tally_new ();
  for (guint i = 0; i < activities->len; i++)
    {
      const RsbActivityInfo *info = g_ptr_array_index (activities, i);
      g_autoptr(RsbActivity) activity = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (info->n_songs == 0 || !rsb_activity_info_has_times (info))
        continue;
      activity = rsb_activity_load (store, info->id, error);
      if (activity == NULL)
        return NULL;
      rsb_song_tally_add_activity (tally, activity);
    }
  return rsb_song_tally_summaries (tally);
}
