/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-matcher.c: which play was heard at each point of a route.
 *
 * Points are placed by their absolute time (activity start + time
 * offset), never by share of duration, so pauses and uneven sampling
 * cannot shift songs along the route.
 */
#include "rsb-matcher.h"

#include <math.h>

/* A step between two fixes is moving time when the gap is short enough
 * to be sampling rather than a pause (devices with smart recording log
 * every few seconds to a minute)... */
#define MOVING_MAX_GAP_S     60.0
/* ...and the pace beats GPS jitter at a standstill. */
#define MOVING_MIN_SPEED_MS   0.5

static gboolean
same_track (const RsbTrack *a,
            const RsbTrack *b)
{
  if (a->uri != NULL && b->uri != NULL)
    return g_str_equal (a->uri, b->uri);
  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->artists, b->artists) == 0;
}

/* How long the play lasted, where its source knows; 0 where it is only
 * estimated (the API's, from the plays around it; a scrobble's, from
 * the next listen). */
gint64
rsb_play_known_ms_played (const RsbPlay *play)
{
  return rsb_play_source_knows_ms_played (play->source) ? play->ms_played : 0;
}

/* The instant a play's source reported, the one to compare: its end for
 * Spotify and Apple, its start for a scrobble. */
gint64
rsb_play_reported_ms (const RsbPlay *play)
{
  return rsb_play_source_knows_end (play->source) ? play->end_ms : play->start_ms;
}

/* The same listen reported twice: same track, and
 * - from one source, alike to the millisecond (an export overlapping
 *   another, a page fetched again): a song skipped and played again
 *   within the minute the account data can tell is two listens, not
 *   one. The API's played_at alone names a listen: how long it played
 *   is only estimated, from whatever was stored before it;
 * - from two sources, within what the coarser one can tell apart: at
 *   their ends where both report the end, else at their starts (a
 *   scrobble knows only when the song began); and, where both say how
 *   long it played, played as long. */
gboolean
rsb_play_is_same_as (const RsbPlay *a,
                     const RsbPlay *b)
{
  gint64 tolerance = MAX (a->precision_ms, b->precision_ms) + RSB_SAME_PLAY_SLACK_MS;
  gboolean by_end = rsb_play_source_knows_end (a->source) && rsb_play_source_knows_end (b->source);

  if (a->track_id != 0 && b->track_id != 0 && a->track_id != b->track_id)
    return FALSE;
  if (a->track_id == 0 || b->track_id == 0)
    {
      if (!same_track (&a->track, &b->track))
        return FALSE;
    }
  if (a->source == b->source)
    return rsb_play_reported_ms (a) == rsb_play_reported_ms (b) &&
           rsb_play_known_ms_played (a) == rsb_play_known_ms_played (b);
  if (rsb_play_source_knows_ms_played (a->source) && rsb_play_source_knows_ms_played (b->source) &&
      ABS (a->ms_played - b->ms_played) > RSB_SAME_PLAY_SLACK_MS)
    return FALSE;
  if (by_end)
    return ABS (a->end_ms - b->end_ms) <= tolerance;
  return ABS (a->start_ms - b->start_ms) <= tolerance;
}

/* Of two reports of one listen, the more precise; at one precision,
 * the one that also says how long it played and when it ended (an
 * export beside a scrobble). */
gboolean
rsb_play_is_better_than (const RsbPlay *a,
                         const RsbPlay *b)
{
  if (a->precision_ms != b->precision_ms)
    return a->precision_ms < b->precision_ms;
  return rsb_play_source_knows_ms_played (a->source) && !rsb_play_source_knows_ms_played (b->source);
}

static int
compare_play_start (gconstpointer a,
                    gconstpointer b)
{
  const RsbPlay *pa = *(const RsbPlay **) a;
  const RsbPlay *pb = *(const RsbPlay **) b;

  if (pa->start_ms != pb->start_ms)
    return pa->start_ms < pb->start_ms ? -1 : 1;
  if (pa->end_ms != pb->end_ms)
    return pa->end_ms < pb->end_ms ? -1 : 1;
  return 0;
}

/* Returns a new array (borrowing the plays) sorted by start, where each
 * listen reported by several sources appears once, from its most precise
 * source. */
GPtrArray *
rsb_plays_without_duplicates (GPtrArray *plays)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (plays, NULL, NULL);
  GPtrArray *kept = g_ptr_array_sized_new (plays->len);

  /* The copy inherits the free function: it must only borrow. */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_play_start);
  for (guint i = 0; i < sorted->len; i++)
    {
      RsbPlay *play = g_ptr_array_index (sorted, i);
      gboolean merged = FALSE;

      /* Duplicates start close together, so only recent keepers can match. */
      for (guint j = kept->len; j > 0 && !merged; j--)
        {
          RsbPlay *other = g_ptr_array_index (kept, j - 1);

          if (play->start_ms - other->start_ms > 2 * (60000 + RSB_SAME_PLAY_SLACK_MS))
            break;
          if (!rsb_play_is_same_as (play, other))
            continue;
          if (rsb_play_is_better_than (play, other))
            kept->pdata[j - 1] = play;
          merged = TRUE;
        }
      if (!merged)
        g_ptr_array_add (kept, play);
    }
  /* A more precise duplicate may start a little later than the one it replaced. */
  g_ptr_array_sort (kept, compare_play_start);
  return kept;
}

/* The recording paused between fixes i - 1 and i: they are further
 * apart than any sampling. */
gboolean
rsb_interval_is_pause (const RsbStreams *streams,
                       guint             i)
{
  const double *time = streams->columns[RSB_STREAM_TIME];

  if (time == NULL || i == 0 || i >= streams->n_points)
    return FALSE;
  return time[i] - time[i - 1] > MOVING_MAX_GAP_S;
}

gboolean
rsb_interval_is_moving (const RsbStreams *streams,
                        guint             i)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  const double *distance = streams->columns[RSB_STREAM_DISTANCE];
  double dt;

  if (time == NULL || i == 0 || i >= streams->n_points)
    return FALSE;
  dt = time[i] - time[i - 1];
  if (!(dt > 0) || rsb_interval_is_pause (streams, i))
    return FALSE;
  if (distance == NULL || isnan (distance[i]) || isnan (distance[i - 1]))
    return TRUE;
  return (distance[i] - distance[i - 1]) / dt >= MOVING_MIN_SPEED_MS;
}

double
rsb_streams_moving_s (const RsbStreams *streams)
{
  const double *time = streams->columns[RSB_STREAM_TIME];
  double moving = 0;

  for (guint i = 1; time != NULL && i < streams->n_points; i++)
    {
      if (rsb_interval_is_moving (streams, i))
        moving += time[i] - time[i - 1];
    }
  return moving;
}

typedef struct {
  GPtrArray *plays;     /* sorted by start, duplicates removed */
  gint64    *end;       /* end of each play, hairline gaps closed */
  gint64    *max_end;   /* running maximum of end over plays[0..i] */
  gint64     offset_ms;
  guint      next;      /* first play starting after the last time asked */
} PlayCursor;

/* Spotify logs ends to the second and tracks take a moment to start, so
 * consecutive plays are often a second apart. Such a hairline gap is the
 * earlier song still finishing, not a stretch without music. */
static gint64
effective_end (GPtrArray *plays,
               guint      i)
{
  const RsbPlay *play = g_ptr_array_index (plays, i);
  const RsbPlay *next = i + 1 < plays->len ? g_ptr_array_index (plays, i + 1) : NULL;

  if (next != NULL && next->start_ms > play->end_ms &&
      next->start_ms - play->end_ms <= RSB_GAP_BRIDGE_MS)
    return next->start_ms;
  return play->end_ms;
}

static void
play_cursor_init (PlayCursor *cursor,
                  GPtrArray  *plays,
                  gint64      offset_ms)
{
  gint64 running = G_MININT64;

  cursor->plays = rsb_plays_without_duplicates (plays);
  cursor->end = g_new (gint64, MAX (cursor->plays->len, 1));
  cursor->max_end = g_new (gint64, MAX (cursor->plays->len, 1));
  cursor->offset_ms = offset_ms;
  cursor->next = 0;
  for (guint i = 0; i < cursor->plays->len; i++)
    {
      cursor->end[i] = effective_end (cursor->plays, i);
      running = MAX (running, cursor->end[i]);
      cursor->max_end[i] = running;
    }
}

static void
play_cursor_clear (PlayCursor *cursor)
{
  g_ptr_array_unref (cursor->plays);
  g_free (cursor->end);
  g_free (cursor->max_end);
}

/* The play heard at time t (times must be asked in increasing order).
 * When plays overlap, the one that started last is the one playing:
 * starting a track ends the previous one even if its log says otherwise. */
static const RsbPlay *
play_cursor_at (PlayCursor *cursor,
                gint64      t)
{
  gint64 local = t - cursor->offset_ms;

  while (cursor->next < cursor->plays->len &&
         ((const RsbPlay *) g_ptr_array_index (cursor->plays, cursor->next))->start_ms <= local)
    cursor->next++;

  for (guint j = cursor->next; j > 0 && cursor->max_end[j - 1] > local; j--)
    {
      if (cursor->end[j - 1] > local)
        return g_ptr_array_index (cursor->plays, j - 1);
    }
  return NULL;
}

static int
index_of_play (GPtrArray     *plays,
               const RsbPlay *play,
               GHashTable    *index_cache)
{
  gpointer value;

  if (play == NULL)
    return -1;
  if (g_hash_table_lookup_extended (index_cache, play, NULL, &value))
    return GPOINTER_TO_INT (value);

  for (guint i = 0; i < plays->len; i++)
    {
      if (g_ptr_array_index (plays, i) == play)
        {
          g_hash_table_insert (index_cache, (gpointer) play, GINT_TO_POINTER (i));
          return (int) i;
        }
    }
  g_return_val_if_reached (-1);
}

static double
column_at (const RsbStreams *streams,
           RsbStreamKind     kind,
           guint             i)
{
  const double *column = streams->columns[kind];

  return column != NULL ? column[i] : 0.0;
}

static void
close_segment (RsbMatch         *match,
               const RsbStreams *streams,
               guint             first,
               guint             last,
               int               play_index)
{
  guint boundary = MIN (last + 1, streams->n_points - 1);
  RsbSegment segment = {
    .index = match->segments->len,
    .first_point = first,
    .last_point = last,
    .play_index = play_index,
    .start_s = column_at (streams, RSB_STREAM_TIME, first),
    .end_s = column_at (streams, RSB_STREAM_TIME, boundary),
    .start_m = column_at (streams, RSB_STREAM_DISTANCE, first),
    .end_m = column_at (streams, RSB_STREAM_DISTANCE, boundary),
  };

  g_array_append_val (match->segments, segment);
  if (play_index >= 0)
    match->n_songs++;
}

static void
add_coverage (RsbMatch         *match,
              const RsbStreams *streams,
              guint             i,
              gboolean          heard)
{
  double dt;

  if (!rsb_interval_is_moving (streams, i + 1))
    return;
  dt = streams->columns[RSB_STREAM_TIME][i + 1] - streams->columns[RSB_STREAM_TIME][i];
  match->moving_s += dt;
  if (heard)
    match->coverage += dt;
}

/* Splits the route into maximal runs of points heard with the same play.
 * plays is borrowed; segments refer to it by index. A route without
 * times is one "no music" segment. */
RsbMatch *
rsb_match_new (const RsbStreams *streams,
               gint64            start_ms,
               gint64            clock_offset_ms,
               GPtrArray        *plays)
{
  RsbMatch *match = g_new0 (RsbMatch, 1);
  g_autoptr(GHashTable) index_cache = g_hash_table_new (NULL, NULL);
  const double *time = streams->columns[RSB_STREAM_TIME];
  PlayCursor cursor;
  guint first = 0;
  int current = -1;

  match->segments = g_array_new (FALSE, FALSE, sizeof (RsbSegment));
  if (streams->n_points == 0)
    return match;

  play_cursor_init (&cursor, plays, clock_offset_ms);
  for (guint i = 0; i < streams->n_points; i++)
    {
      const RsbPlay *play = NULL;
      int play_index;

      if (time != NULL && start_ms != RSB_NO_TIME)
        play = play_cursor_at (&cursor, start_ms + (gint64) llround (time[i] * 1000.0));
      play_index = index_of_play (plays, play, index_cache);

      if (i > 0 && play_index != current)
        {
          close_segment (match, streams, first, i - 1, current);
          first = i;
        }
      current = play_index;
      add_coverage (match, streams, i, play_index >= 0);
    }
  close_segment (match, streams, first, streams->n_points - 1, current);
  play_cursor_clear (&cursor);

  match->coverage = match->moving_s > 0 ? match->coverage / match->moving_s : 0.0;
  return match;
}

void
rsb_match_free (RsbMatch *match)
{
  if (match == NULL)
    return;
  g_array_unref (match->segments);
  g_free (match);
}
