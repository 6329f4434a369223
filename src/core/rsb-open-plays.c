/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-open-plays.c: ends for listens whose source tells only the start.
 *
 * A scrobble (ListenBrainz, Last.fm) or a watch-history entry says when
 * a song began and, at best, how long the song is. A listen lasts until
 * the next one begins (a skip), no longer than the song, and no longer
 * than RSB_OPEN_PLAY_MAX_MS when its length is unknown: past that the
 * listener more likely stopped than heard a ten-minute track.
 */
#include "rsb-open-plays.h"

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const RsbPlay *pa = *(const RsbPlay **) a;
  const RsbPlay *pb = *(const RsbPlay **) b;

  if (pa->start_ms != pb->start_ms)
    return pa->start_ms < pb->start_ms ? -1 : 1;
  return 0;
}

/* plays: RsbPlay *, of one source, in any order; sorted by start on
 * return, each with end_ms and ms_played set. The same listen reported
 * twice (one start) gets one end, so the store folds the two. */
void
rsb_plays_close_open_ends (GPtrArray *plays)
{
  guint next = 0;

  g_ptr_array_sort (plays, compare_start);
  for (guint i = 0; i < plays->len; i++)
    {
      RsbPlay *play = g_ptr_array_index (plays, i);
      gint64 longest = play->track.duration_ms > 0 ? play->track.duration_ms : RSB_OPEN_PLAY_MAX_MS;

      /* The next listen that began later: repeats share a start. */
      next = MAX (next, i + 1);
      while (next < plays->len && ((RsbPlay *) g_ptr_array_index (plays, next))->start_ms <= play->start_ms)
        next++;
      if (next < plays->len)
        longest = MIN (longest, ((RsbPlay *) g_ptr_array_index (plays, next))->start_ms - play->start_ms);
      play->end_ms = play->start_ms + longest;
      play->ms_played = longest;
    }
}
