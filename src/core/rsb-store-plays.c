/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-plays.c: listens and the tracks they name, each listen
 * stored once however many exports report it. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rsb-matcher.h"
#include "rsb-store-private.h"
#include "rsb-track-match.h"

#include <glib/gi18n-lib.h>

/* One file's plays repeat each other only when alike in all three:
 * reported_ms is the instant the source reported (rsb_play_reported_ms). */
typedef struct {
  gint64 track_id;
  gint64 reported_ms;
  gint64 ms_played;
} PlayKey;

static guint
play_key_hash (gconstpointer key)
{
  const PlayKey *k = key;

  return (guint) (k->track_id * 2654435761u) ^ (guint) k->reported_ms ^ (guint) (k->reported_ms >> 32);
}

static gboolean
play_key_equal (gconstpointer a,
                gconstpointer b)
{
  const PlayKey *ka = a, *kb = b;

  return ka->track_id == kb->track_id && ka->reported_ms == kb->reported_ms && ka->ms_played == kb->ms_played;
}

GHashTable *
rsb_store_play_set_new (void)
{
  return g_hash_table_new_full (play_key_hash, play_key_equal, g_free, NULL);
}

void
rsb_store_forget_plays (RsbStore *self)
{
  self->span_known = FALSE;
  self->longest_known = FALSE;
  self->open_ends_closed = 0;
  self->changed_first_ms = G_MAXINT64;
  self->changed_last_ms = G_MININT64;
  memset (self->newest_open, 0, sizeof self->newest_open);
  g_hash_table_remove_all (self->fresh_plays);
}

static char *
track_key (const RsbTrack *track)
{
  if (track->uri != NULL)
    return g_strdup (track->uri);
  return g_strconcat ("\x1f", track->title ? track->title : "", "\x1f",
                      track->artists ? track->artists : "", NULL);
}

static gint64
first_id (sqlite3_stmt *stmt)
{
  gint64 id = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* Files without URIs name tracks by title and artist only; a track
 * with a URI may be one of those, met first in account data. */
static gint64
find_track_by_name (RsbStore       *self,
                    const RsbTrack *track,
                    gboolean        without_uri)
{
  sqlite3_stmt *stmt = without_uri
    ? rsb_store_statement (self, "SELECT id FROM tracks WHERE title = ? AND artists IS ? AND uri IS NULL LIMIT 1", NULL)
    : rsb_store_statement (self, "SELECT id FROM tracks WHERE title = ? AND artists IS ? LIMIT 1", NULL);

  if (stmt == NULL)
    return 0;
  rsb_store_bind_text_or_null (stmt, 1, track->title);
  rsb_store_bind_text_or_null (stmt, 2, track->artists);
  return first_id (stmt);
}

/* A track known only by name takes the URI when it is first given, so
 * that the same listen from the account data and the extended history
 * (in either order) is one track, and one play. */
static gboolean
adopt_uri (RsbStore        *self,
           gint64           id,
           const char      *uri,
           GError         **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "UPDATE tracks SET uri = ?2 WHERE id = ?1 AND uri IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, uri, -1, SQLITE_STATIC);
  return rsb_store_step_done (self, stmt, error);
}

/* Sets *id to the stored track, 0 when there is none; FALSE only when
 * the library could not be written. */
static gboolean
find_track (RsbStore        *self,
            const RsbTrack  *track,
            gint64          *id,
            GError         **error)
{
  sqlite3_stmt *stmt;

  if (track->uri == NULL)
    {
      *id = find_track_by_name (self, track, FALSE);
      return TRUE;
    }
  stmt = rsb_store_statement (self, "SELECT id FROM tracks WHERE uri = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, track->uri, -1, SQLITE_STATIC);
  if ((*id = first_id (stmt)) != 0)
    return TRUE;
  *id = find_track_by_name (self, track, TRUE);
  return *id == 0 || adopt_uri (self, *id, track->uri, error);
}

static gint64
insert_track (RsbStore        *self,
              const RsbTrack  *track,
              GError         **error)
{
  /* One spelling of ISRCs, so that a file's, Spotify's and Deezer's meet. */
  g_autofree char *isrc = rsb_track_match_isrc (track->isrc);
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT INTO tracks (uri, title, artists, album, duration_ms, isrc, artwork_url)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return 0;
  rsb_store_bind_text_or_null (stmt, 1, track->uri);
  rsb_store_bind_text_or_null (stmt, 2, track->title != NULL ? track->title : "");
  rsb_store_bind_text_or_null (stmt, 3, track->artists);
  rsb_store_bind_text_or_null (stmt, 4, track->album);
  sqlite3_bind_int64 (stmt, 5, track->duration_ms);
  rsb_store_bind_text_or_null (stmt, 6, isrc);
  rsb_store_bind_text_or_null (stmt, 7, track->artwork_url);
  if (!rsb_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* What a track offers the row: a field it names, the row may lack. */
enum {
  OFFERS_ALBUM    = 1 << 0,
  OFFERS_DURATION = 1 << 1,
  OFFERS_ISRC     = 1 << 2,
  OFFERS_ARTWORK  = 1 << 3,
};

static guint
track_offers (const RsbTrack *track)
{
  return (track->album != NULL ? OFFERS_ALBUM : 0) |
         (track->duration_ms > 0 ? OFFERS_DURATION : 0) |
         (track->isrc != NULL ? OFFERS_ISRC : 0) |
         (track->artwork_url != NULL ? OFFERS_ARTWORK : 0);
}

/* The fields earlier plays offered this track are in its row now (the
 * UPDATE below only fills what is missing): a play offering nothing
 * more need not ask, which spares a statement per play of a long
 * history whose plays all name the same few fields. */
static gboolean
offers_nothing_new (RsbStore       *self,
                    gint64          id,
                    const RsbTrack *track)
{
  gpointer key = GSIZE_TO_POINTER (id);
  guint before = GPOINTER_TO_UINT (g_hash_table_lookup (self->track_offers, key));
  guint offers = track_offers (track);

  if ((offers & ~before) == 0)
    return TRUE;
  g_hash_table_insert (self->track_offers, key, GUINT_TO_POINTER (before | offers));
  return FALSE;
}

/* The history exports name a track but say nothing of its length,
 * code or cover; the API does. A track first met in an export gains
 * what the API tells later, without losing what it had. */
static gboolean
enrich_track (RsbStore        *self,
              gint64           id,
              const RsbTrack  *track,
              GError         **error)
{
  g_autofree char *isrc = rsb_track_match_isrc (track->isrc);
  sqlite3_stmt *stmt;

  if ((track->artwork_url == NULL && track->isrc == NULL) || offers_nothing_new (self, id, track))
    return TRUE;
  stmt = rsb_store_statement (self,
    "UPDATE tracks SET album = coalesce(album, ?2),"
    " duration_ms = CASE WHEN duration_ms = 0 THEN ?3 ELSE duration_ms END,"
    " isrc = coalesce(isrc, ?4), artwork_url = coalesce(artwork_url, ?5)"
    /* Only a row that gains something is written: most plays repeat a
     * track already complete, and rewriting it each time cost a
     * quarter of a 100,000-listen import. */
    " WHERE id = ?1 AND ((artwork_url IS NULL AND ?5 IS NOT NULL) OR (isrc IS NULL AND ?4 IS NOT NULL)"
    " OR (duration_ms = 0 AND ?3 > 0) OR (album IS NULL AND ?2 IS NOT NULL))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rsb_store_bind_text_or_null (stmt, 2, track->album);
  sqlite3_bind_int64 (stmt, 3, track->duration_ms);
  rsb_store_bind_text_or_null (stmt, 4, isrc);
  rsb_store_bind_text_or_null (stmt, 5, track->artwork_url);
  return rsb_store_step_done (self, stmt, error);
}

static gint64
ensure_track (RsbStore        *self,
              const RsbTrack  *track,
              GError         **error)
{
  g_autofree char *key = track_key (track);
  gint64 id = GPOINTER_TO_SIZE (g_hash_table_lookup (self->track_ids, key));

  if (id != 0)
    return enrich_track (self, id, track, error) ? id : 0;
  if (!find_track (self, track, &id, error))
    return 0;
  if (id != 0 && !enrich_track (self, id, track, error))
    return 0;
  if (id == 0 && (id = insert_track (self, track, error)) != 0)
    g_hash_table_insert (self->track_offers, GSIZE_TO_POINTER (id), GUINT_TO_POINTER (track_offers (track)));
  if (id != 0)
    g_hash_table_insert (self->track_ids, g_steal_pointer (&key), GSIZE_TO_POINTER (id));
  return id;
}

static void learn_longest (RsbStore *self);

/* The stored play that is this same listen, if any: 0 when none. The
 * song may be stored under another track of the same title and artists
 * (a single and its album version, met first in account data). A
 * candidate is near in its end or its start: which of the two must
 * agree depends on what each source reported (rsb_play_is_same_as). */
static gint64
find_same_play (RsbStore      *self,
                const RsbPlay *play,
                RsbPlay       *stored_out)
{
  gint64 tolerance = MAX (play->precision_ms, RSB_PRECISION_LOW_MS) + RSB_SAME_PLAY_SLACK_MS;
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT p.id, p.start_ms, p.end_ms, p.precision_ms, p.ms_played, p.source"
    " FROM plays p JOIN tracks t ON t.id = p.track_id"
    /* A start near ours means an end at most the longest play later:
     * both branches then walk the end index instead of every play. */
    " WHERE (p.end_ms BETWEEN ?2 AND ?3 OR (p.end_ms BETWEEN ?6 AND ?8 AND p.start_ms BETWEEN ?6 AND ?7))"
    " AND (p.track_id = ?1 OR (t.title = ?4 AND t.artists IS ?5))",
    NULL);
  gint64 found = 0;

  if (stmt == NULL)
    return 0;
  if (!self->longest_known)
    learn_longest (self);
  sqlite3_bind_int64 (stmt, 1, play->track_id);
  sqlite3_bind_int64 (stmt, 2, play->end_ms - tolerance);
  sqlite3_bind_int64 (stmt, 3, play->end_ms + tolerance);
  rsb_store_bind_text_or_null (stmt, 4, play->track.title != NULL ? play->track.title : "");
  rsb_store_bind_text_or_null (stmt, 5, play->track.artists);
  sqlite3_bind_int64 (stmt, 6, play->start_ms - tolerance);
  sqlite3_bind_int64 (stmt, 7, play->start_ms + tolerance);
  sqlite3_bind_int64 (stmt, 8, play->start_ms + tolerance + MIN (self->span_longest, RSB_STORE_LONGEST_PLAY_MS));
  while (found == 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      RsbPlay stored = {
        .track_id = play->track_id,
        .start_ms = sqlite3_column_int64 (stmt, 1),
        .end_ms = sqlite3_column_int64 (stmt, 2),
        .precision_ms = sqlite3_column_int64 (stmt, 3),
        .ms_played = sqlite3_column_int64 (stmt, 4),
      };

      if (rsb_play_source_from_string ((const char *) sqlite3_column_text (stmt, 5), &stored.source) &&
          rsb_play_is_same_as (play, &stored))
        {
          found = sqlite3_column_int64 (stmt, 0);
          *stored_out = stored;
        }
    }
  sqlite3_reset (stmt);
  return found;
}

/* The span costs two steps down the end index. Its start is taken a
 * longest play before the first end: earlier than any start, which
 * only means a few more lookups. */
static void
learn_span (RsbStore *self)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT (SELECT min (end_ms) FROM plays), (SELECT max (end_ms) FROM plays)", NULL);

  self->span_known = TRUE;
  self->span_first_start = G_MAXINT64;
  self->span_last_end = G_MININT64;
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      self->span_first_start = sqlite3_column_int64 (stmt, 0) - RSB_STORE_LONGEST_PLAY_MS;
      self->span_last_end = sqlite3_column_int64 (stmt, 1);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* The longest stored play bounds how far after a start its end lies,
 * which lets find_same_play search by start through the end index.
 * start_ms has no index: one scan, in a transaction that needs it
 * (one whose plays fall inside the library's span); write_play keeps
 * it up to date after. */
static void
learn_longest (RsbStore *self)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "SELECT max (end_ms - start_ms) FROM plays", NULL);

  self->longest_known = TRUE;
  self->span_longest = 0;
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    self->span_longest = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
play_key_init (PlayKey       *key,
               const RsbPlay *play)
{
  key->track_id = play->track_id;
  key->reported_ms = rsb_play_reported_ms (play);
  key->ms_played = rsb_play_known_ms_played (play);
}

/* The stored listen this play repeats, or 0. The library is asked only
 * when the play falls in the span it held; plays written by this
 * transaction (one file) repeat each other exactly when they do. */
static gint64
find_repeat (RsbStore      *self,
             const RsbPlay *play,
             RsbPlay       *stored)
{
  gint64 tolerance = MAX (play->precision_ms, RSB_PRECISION_LOW_MS) + RSB_SAME_PLAY_SLACK_MS;
  PlayKey key;
  gint64 found;

  play_key_init (&key, play);
  if (!self->span_known)
    learn_span (self);
  if (play->end_ms + tolerance >= self->span_first_start && play->start_ms - tolerance <= self->span_last_end &&
      (found = find_same_play (self, play, stored)) != 0)
    return found;
  if (!g_hash_table_contains (self->fresh_plays, &key))
    return 0;
  *stored = *play;
  return -1;
}

static void
bind_play_fields (sqlite3_stmt  *stmt,
                  const RsbPlay *play)
{
  sqlite3_bind_int64 (stmt, 1, play->track_id);
  sqlite3_bind_int64 (stmt, 2, play->start_ms);
  sqlite3_bind_int64 (stmt, 3, play->end_ms);
  sqlite3_bind_int64 (stmt, 4, play->ms_played);
  sqlite3_bind_text (stmt, 5, rsb_play_source_to_string (play->source), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, play->precision_ms);
  sqlite3_bind_int (stmt, 7, play->skipped);
  sqlite3_bind_int (stmt, 8, play->offline);
}

static gboolean
write_play (RsbStore       *self,
            const RsbPlay  *play,
            gint64          replace_id,
            GError        **error)
{
  sqlite3_stmt *stmt;

  if (replace_id != 0)
    stmt = rsb_store_statement (self,
      "UPDATE plays SET track_id = ?1, start_ms = ?2, end_ms = ?3, ms_played = ?4, source = ?5,"
      " precision_ms = ?6, skipped = ?7, offline = ?8 WHERE id = ?9",
      error);
  else
    stmt = rsb_store_statement (self,
      "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, source, precision_ms, skipped, offline)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      error);
  if (stmt == NULL)
    return FALSE;
  /* Later searches in this transaction must reach this play too. */
  if (self->longest_known)
    self->span_longest = MAX (self->span_longest, play->end_ms - play->start_ms);
  bind_play_fields (stmt, play);
  if (replace_id != 0)
    sqlite3_bind_int64 (stmt, 9, replace_id);
  return rsb_store_step_done (self, stmt, error);
}

static void
note_change (RsbStore *self,
             gint64    first_ms,
             gint64    last_ms)
{
  self->changed_first_ms = MIN (self->changed_first_ms, first_ms);
  self->changed_last_ms = MAX (self->changed_last_ms, last_ms);
}

/* A batch's newest scrobble ends at a guess; a listen of the same
 * source already stored after it (another month of an export, written
 * first) tells when it really ended. */
static gboolean
close_newest_open_play (RsbStore       *self,
                        RsbPlaySource   source,
                        GError        **error)
{
  gint64 id = self->newest_open[source].id;
  gint64 start_ms = self->newest_open[source].start_ms;
  gint64 end_ms = self->newest_open[source].end_ms;
  sqlite3_stmt *stmt;
  gint64 next_ms = 0;

  stmt = rsb_store_statement (self,
    "SELECT min (start_ms) FROM plays WHERE end_ms > ?1 AND end_ms <= ?2 + ?4"
    " AND start_ms > ?1 AND start_ms < ?2 AND source = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start_ms);
  sqlite3_bind_int64 (stmt, 2, end_ms);
  sqlite3_bind_text (stmt, 3, rsb_play_source_to_string (source), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, RSB_STORE_LONGEST_PLAY_MS);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    next_ms = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (next_ms == 0)
    return TRUE;
  stmt = rsb_store_statement (self, "UPDATE plays SET end_ms = ?2, ms_played = ?2 - start_ms WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, next_ms);
  return rsb_store_step_done (self, stmt, error);
}

/* After a batch of rsb_store_add_play: ends the batch's newest
 * scrobbles where a stored listen began, then re-matches the workouts
 * whose time the batch touched: new plays, replaced ones (where they
 * were and where they are now) and ends cut short. */
gboolean
rsb_store_finish_plays (RsbStore  *self,
                        GError   **error)
{
  for (guint source = 0; source < G_N_ELEMENTS (self->newest_open); source++)
    {
      if (self->newest_open[source].id != 0 && !close_newest_open_play (self, source, error))
        return FALSE;
      self->newest_open[source].id = 0;
    }
  if (self->changed_first_ms > self->changed_last_ms)
    return TRUE;
  return rsb_store_refresh_matches (self, self->changed_first_ms, self->changed_last_ms, error);
}

static void
remember_newest_open (RsbStore      *self,
                      const RsbPlay *play)
{
  if (rsb_play_source_knows_end (play->source) || play->source >= G_N_ELEMENTS (self->newest_open) ||
      (self->newest_open[play->source].id != 0 && self->newest_open[play->source].start_ms > play->start_ms))
    return;
  self->newest_open[play->source].id = sqlite3_last_insert_rowid (self->db);
  self->newest_open[play->source].start_ms = play->start_ms;
  self->newest_open[play->source].end_ms = play->end_ms;
}

/* A scrobbled listen's end is a guess (rsb-open-plays.c): the newest
 * of one sync or file runs for its song's length, or ten minutes, as
 * nothing followed it yet. The first listen of the next batch from the
 * same source tells when it really ended. Within a batch the ends are
 * already closed, so this is asked once per source a transaction. */
static gboolean
close_open_play_before (RsbStore       *self,
                        const RsbPlay  *play,
                        GError        **error)
{
  guint bit = 1u << play->source;
  sqlite3_stmt *stmt;

  if (rsb_play_source_knows_end (play->source) || (self->open_ends_closed & bit) != 0)
    return TRUE;
  self->open_ends_closed |= bit;
  stmt = rsb_store_statement (self,
    "UPDATE plays SET end_ms = ?1, ms_played = ?1 - start_ms"
    " WHERE end_ms > ?1 AND end_ms <= ?1 + ?3 AND start_ms < ?1 AND source = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, play->start_ms);
  sqlite3_bind_text (stmt, 2, rsb_play_source_to_string (play->source), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, RSB_STORE_LONGEST_PLAY_MS);
  if (!rsb_store_step_done (self, stmt, error))
    return FALSE;
  /* The tail cut off lay somewhere in the next day at most. */
  if (sqlite3_changes (self->db) > 0)
    note_change (self, play->start_ms, play->start_ms + RSB_STORE_LONGEST_PLAY_MS);
  return TRUE;
}

/* Stores a play once: the same listen from another source is kept from
 * whichever source is more precise. *added tells whether the library
 * gained a play. Must run inside a transaction; the caller refreshes
 * the matches of the time range it touched. */
gboolean
rsb_store_add_play (RsbStore       *self,
                    const RsbPlay  *play,
                    gboolean       *added,
                    GError        **error)
{
  RsbPlay resolved = *play;
  RsbPlay stored = { 0 };
  gint64 same;

  *added = FALSE;
  resolved.track_id = ensure_track (self, &play->track, error);
  if (resolved.track_id == 0)
    return FALSE;

  same = find_repeat (self, &resolved, &stored);
  if (same == 0)
    {
      PlayKey key;

      play_key_init (&key, &resolved);
      g_hash_table_add (self->fresh_plays, g_memdup2 (&key, sizeof key));
      *added = TRUE;
      note_change (self, resolved.start_ms, resolved.end_ms);
      if (!write_play (self, &resolved, 0, error))
        return FALSE;
      remember_newest_open (self, &resolved);
      return close_open_play_before (self, &resolved, error);
    }
  if (same > 0 && rsb_play_is_better_than (&resolved, &stored))
    {
      note_change (self, MIN (stored.start_ms, resolved.start_ms), MAX (stored.end_ms, resolved.end_ms));
      return write_play (self, &resolved, same, error);
    }
  return TRUE;
}

static RsbPlay *
play_from_row (sqlite3_stmt *stmt)
{
  RsbPlay *play = rsb_play_new ();

  play->id = sqlite3_column_int64 (stmt, 0);
  play->track_id = sqlite3_column_int64 (stmt, 1);
  play->start_ms = sqlite3_column_int64 (stmt, 2);
  play->end_ms = sqlite3_column_int64 (stmt, 3);
  play->ms_played = sqlite3_column_int64 (stmt, 4);
  rsb_play_source_from_string ((const char *) sqlite3_column_text (stmt, 5), &play->source);
  play->precision_ms = sqlite3_column_int64 (stmt, 6);
  play->skipped = sqlite3_column_int (stmt, 7);
  play->offline = sqlite3_column_int (stmt, 8);
  play->track.uri = rsb_store_column_strdup (stmt, 9);
  play->track.title = rsb_store_column_strdup (stmt, 10);
  play->track.artists = rsb_store_column_strdup (stmt, 11);
  play->track.album = rsb_store_column_strdup (stmt, 12);
  play->track.duration_ms = sqlite3_column_int64 (stmt, 13);
  play->track.isrc = rsb_store_column_strdup (stmt, 14);
  play->track.artwork_url = rsb_store_column_strdup (stmt, 15);
  rsb_store_read_track_tempo (stmt, 16, &play->track);
  return play;
}

/* Plays that were sounding at any moment of [from_ms, to_ms], in start order. */
GPtrArray *
rsb_store_plays_between (RsbStore  *self,
                         gint64     from_ms,
                         gint64     to_ms,
                         GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT p.id, p.track_id, p.start_ms, p.end_ms, p.ms_played, p.source, p.precision_ms,"
    " p.skipped, p.offline, t.uri, t.title, t.artists, t.album, t.duration_ms, t.isrc, t.artwork_url, "
    RSB_STORE_TRACK_TEMPO_COLUMNS
    " FROM plays p JOIN tracks t ON t.id = p.track_id"
    " WHERE p.end_ms > ?3 AND p.end_ms <= ?2 + ?4 AND p.start_ms <= ?2 ORDER BY p.start_ms, p.id",
    error);
  GPtrArray *plays;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, to_ms);
  sqlite3_bind_int64 (stmt, 3, from_ms);
  sqlite3_bind_int64 (stmt, 4, RSB_STORE_LONGEST_PLAY_MS);
  plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (plays, play_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (plays);
      rsb_store_set_sql_error (self, error, _("read the plays"));
      return NULL;
    }
  return plays;
}

GPtrArray *
rsb_store_plays_for_activity (RsbStore               *self,
                              const RsbActivityInfo  *info,
                              GError                **error)
{
  /* Every offset the user may still choose is covered, so changing it
   * re-matches without another query. */
  gint64 from = info->start_ms - RSB_MAX_CLOCK_OFFSET_MS;
  gint64 to = info->start_ms + (gint64) ceil (info->elapsed_s * 1000.0) + RSB_MAX_CLOCK_OFFSET_MS;

  if (!rsb_activity_info_has_times (info))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  return rsb_store_plays_between (self, from, to, error);
}

gint64
rsb_store_count_plays (RsbStore *self)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "SELECT count(*) FROM plays", NULL);
  gint64 count = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}
