/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-playlists.c: what a playlist needs from the library: a
 * track by id, the user's own file for it, and the tracks with a known
 * tempo with how often each was heard in workouts. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-store-private.h"

gboolean
rsb_store_get_track (RsbStore  *self,
                     gint64     track_id,
                     RsbTrack  *track,
                     GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT t.uri, t.title, t.artists, t.album, t.duration_ms, t.isrc, t.artwork_url, "
    RSB_STORE_TRACK_TEMPO_COLUMNS " FROM tracks t WHERE t.id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, track_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      track->uri = rsb_store_column_strdup (stmt, 0);
      track->title = rsb_store_column_strdup (stmt, 1);
      track->artists = rsb_store_column_strdup (stmt, 2);
      track->album = rsb_store_column_strdup (stmt, 3);
      track->duration_ms = sqlite3_column_int64 (stmt, 4);
      track->isrc = rsb_store_column_strdup (stmt, 5);
      track->artwork_url = rsb_store_column_strdup (stmt, 6);
      rsb_store_read_track_tempo (stmt, 7, track);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return rsb_store_set_sql_error (self, error, _("read a song"));
  g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND,
               _("The library has no song number %lld"), (long long) track_id);
  return FALSE;
}

/* The newest scan's word wins when two files match one track (a copy
 * in two folders): both are the same song. */
char *
rsb_store_track_file (RsbStore *self,
                      gint64    track_id)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT path FROM music_files WHERE track_id = ? AND problem IS NULL"
    " ORDER BY scanned_at DESC, path LIMIT 1", NULL);
  char *path = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, track_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    path = rsb_store_column_strdup (stmt, 0);
  sqlite3_reset (stmt);
  return path;
}

/* What a track's use is counted from: every play, and each workout's
 * span on the plays' clock (its clock offset applied as the matcher
 * applies it). */
typedef struct {
  gint64  track_id;
  gint64  start_ms;
  gint64  end_ms;
} PlaySpan;

typedef struct {
  guint   n_workouts;
  guint   n_plays;
  guint   last_workout;   /* 1 + the index of the workout counted last */
} TrackUse;

static gboolean
read_play_spans (RsbStore  *self,
                 GArray    *spans,
                 gint64    *longest_ms,
                 GError   **error)
{
  /* In end order, straight from the end-time index: no sorting. */
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT track_id, start_ms, end_ms FROM plays ORDER BY end_ms", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *longest_ms = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlaySpan span = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                        sqlite3_column_int64 (stmt, 2) };

      *longest_ms = MAX (*longest_ms, span.end_ms - span.start_ms);
      g_array_append_val (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rsb_store_set_sql_error (self, error, _("read the plays"));
  return TRUE;
}

/* The first play ending after from_ms. */
static guint
first_ending_after (GArray *spans,
                    gint64  from_ms)
{
  guint low = 0, high = spans->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (spans, PlaySpan, mid).end_ms > from_ms)
        high = mid;
      else
        low = mid + 1;
    }
  return low;
}

static TrackUse *
use_of (GHashTable *uses,
        gint64      track_id)
{
  TrackUse *use = g_hash_table_lookup (uses, &track_id);

  if (use == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = track_id;
      use = g_new0 (TrackUse, 1);
      g_hash_table_insert (uses, key, use);
    }
  return use;
}

/* Track id -> TrackUse. A play counts for a workout when it sounded
 * during it, the test the matcher makes, without reading the route:
 * one read of the plays in index order, then for each workout a binary
 * search and the few plays around it (an SQL join spent most of its
 * time in the day-long window a play's end must be searched in, and a
 * count per track reads every play once per track). */
static GHashTable *
uses_per_track (RsbStore  *self,
                GError   **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (PlaySpan));
  g_autoptr(GHashTable) uses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  gint64 longest_ms;
  guint workout = 0;
  int rc;

  if (!read_play_spans (self, spans, &longest_ms, error))
    return NULL;
  for (guint i = 0; i < spans->len; i++)
    use_of (uses, g_array_index (spans, PlaySpan, i).track_id)->n_plays++;
  stmt = rsb_store_statement (self,
    "SELECT start_ms - clock_offset_ms, CAST (elapsed_s * 1000 AS INTEGER) FROM activities"
    " WHERE start_ms IS NOT NULL AND n_songs > 0", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 from = sqlite3_column_int64 (stmt, 0);
      gint64 to = from + sqlite3_column_int64 (stmt, 1);

      workout++;
      for (guint i = first_ending_after (spans, from);
           i < spans->len && g_array_index (spans, PlaySpan, i).end_ms <= to + longest_ms; i++)
        {
          const PlaySpan *span = &g_array_index (spans, PlaySpan, i);
          TrackUse *use;

          if (span->start_ms >= to)
            continue;
          use = use_of (uses, span->track_id);
          if (use->last_workout != workout)
            {
              use->last_workout = workout;
              use->n_workouts++;
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (self, error, _("count the workouts of each song"));
      return NULL;
    }
  return g_steal_pointer (&uses);
}

GArray *
rsb_store_tracks_with_tempo (RsbStore  *self,
                             GError   **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GHashTable) uses = uses_per_track (self, error);
  g_autoptr(GArray) tracks = NULL;
  int rc;

  if (uses == NULL)
    return NULL;
  stmt = rsb_store_statement (self,
    "SELECT t.id, t.bpm FROM tracks t WHERE t.bpm IS NOT NULL AND t.bpm_source IS NOT NULL ORDER BY t.id",
    error);
  if (stmt == NULL)
    return NULL;
  tracks = g_array_new (FALSE, FALSE, sizeof (RsbHeardTempo));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RsbHeardTempo entry;
      TrackUse *use;

      entry.track_id = sqlite3_column_int64 (stmt, 0);
      entry.bpm = sqlite3_column_double (stmt, 1);
      use = g_hash_table_lookup (uses, &entry.track_id);
      entry.n_plays = use != NULL ? use->n_plays : 0;
      entry.n_workouts = use != NULL ? use->n_workouts : 0;
      g_array_append_val (tracks, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (self, error, _("read the songs’ tempi"));
      return NULL;
    }
  return g_steal_pointer (&tracks);
}
