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
               _("The library has no song number %" G_GINT64_FORMAT), track_id);
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

/* A play counts for a workout when it sounded during it, on the
 * workout's clock (its offset applied as the matcher does): the same
 * test the matcher makes, without reading the route. */
static GHashTable *
workouts_per_track (RsbStore  *self,
                    GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT p.track_id, count(DISTINCT a.id) FROM activities a JOIN plays p"
    " ON p.end_ms > a.start_ms - a.clock_offset_ms"
    " AND p.end_ms <= a.start_ms - a.clock_offset_ms + CAST (a.elapsed_s * 1000 AS INTEGER) + ?1"
    " AND p.start_ms < a.start_ms - a.clock_offset_ms + CAST (a.elapsed_s * 1000 AS INTEGER)"
    " WHERE a.start_ms IS NOT NULL AND a.n_songs > 0 GROUP BY p.track_id", error);
  GHashTable *counts;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, RSB_STORE_LONGEST_PLAY_MS);
  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, key, GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (counts);
      rsb_store_set_sql_error (self, error, _("count the workouts of each song"));
      return NULL;
    }
  return counts;
}

GArray *
rsb_store_tracks_with_tempo (RsbStore  *self,
                             GError   **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GHashTable) workouts = workouts_per_track (self, error);
  g_autoptr(GArray) tracks = NULL;
  int rc;

  if (workouts == NULL)
    return NULL;
  stmt = rsb_store_statement (self,
    "SELECT t.id, t.bpm, (SELECT count(*) FROM plays p WHERE p.track_id = t.id)"
    " FROM tracks t WHERE t.bpm IS NOT NULL AND t.bpm_source IS NOT NULL ORDER BY t.id", error);
  if (stmt == NULL)
    return NULL;
  tracks = g_array_new (FALSE, FALSE, sizeof (RsbTempoTrack));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RsbTempoTrack entry;

      entry.track_id = sqlite3_column_int64 (stmt, 0);
      entry.bpm = sqlite3_column_double (stmt, 1);
      entry.n_plays = (guint) sqlite3_column_int (stmt, 2);
      entry.n_workouts = GPOINTER_TO_UINT (g_hash_table_lookup (workouts, &entry.track_id));
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
