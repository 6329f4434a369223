/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-lookups.c: which tracks an online tempo service should be
 * asked about, and what it answered. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-store-lookups.h"
#include "rsb-store-private.h"
#include "rsb-track-match.h"

void
rsb_lookup_track_free (RsbLookupTrack *track)
{
  if (track == NULL)
    return;
  g_free (track->uri);
  g_free (track->title);
  g_free (track->artists);
  g_free (track->isrc);
  g_free (track);
}

/* The tracks heard during a workout, found from the workouts' side:
 * plays are indexed by end time only, so this walks each workout's
 * window of ends once instead of every track's plays. */
#define HEARD_IN_WORKOUTS \
  "WITH heard AS (SELECT DISTINCT p.track_id AS track_id FROM activities a" \
  " JOIN plays p ON p.end_ms > a.start_ms - a.clock_offset_ms" \
  "  AND p.end_ms <= a.start_ms - a.clock_offset_ms + a.elapsed_s * 1000 + ?4" \
  "  AND p.start_ms < a.start_ms - a.clock_offset_ms + a.elapsed_s * 1000" \
  " WHERE a.start_ms IS NOT NULL) "

#define WINNER_RANK RSB_STORE_SOURCE_RANK ("t.bpm_source")

GPtrArray *
rsb_store_tracks_for_lookup (RsbStore        *self,
                             RsbTempoSource   source,
                             const char      *service,
                             gboolean         spotify_uri_only,
                             GError         **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    HEARD_IN_WORKOUTS
    "SELECT t.id, t.uri, t.title, t.artists, t.isrc, t.duration_ms,"
    " EXISTS (SELECT 1 FROM tempo_lookups s WHERE s.track_id = t.id AND s.service = 'spotify'),"
    " h.track_id IS NOT NULL"
    " FROM tracks t LEFT JOIN heard h ON h.track_id = t.id"
    " WHERE (t.bpm IS NULL OR " WINNER_RANK " < ?1 OR (?3 = 1 AND t.energy IS NULL))"
    "  AND NOT EXISTS (SELECT 1 FROM tempo_lookups l WHERE l.track_id = t.id AND l.service = ?2)"
    "  AND (?3 = 0 OR t.uri LIKE 'spotify:track:%')"
    " ORDER BY h.track_id IS NULL, t.id", error);
  GPtrArray *tracks;
  int rc;

  g_return_val_if_fail (service != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) source);
  sqlite3_bind_text (stmt, 2, service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, spotify_uri_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, RSB_STORE_LONGEST_PLAY_MS);
  tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_lookup_track_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RsbLookupTrack *track = g_new0 (RsbLookupTrack, 1);

      track->id = sqlite3_column_int64 (stmt, 0);
      track->uri = rsb_store_column_strdup (stmt, 1);
      track->title = rsb_store_column_strdup (stmt, 2);
      track->artists = rsb_store_column_strdup (stmt, 3);
      track->isrc = rsb_store_column_strdup (stmt, 4);
      track->duration_ms = sqlite3_column_int64 (stmt, 5);
      track->spotify_asked = sqlite3_column_int (stmt, 6) != 0;
      track->in_workout = sqlite3_column_int (stmt, 7) != 0;
      if (track->isrc != NULL && *track->isrc == '\0')
        g_clear_pointer (&track->isrc, g_free);
      g_ptr_array_add (tracks, track);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (tracks);
      rsb_store_set_sql_error (self, error, _("list the songs to look up"));
      return NULL;
    }
  return tracks;
}

gboolean
rsb_store_record_tempo_lookup (RsbStore    *self,
                               gint64       track_id,
                               const char  *service,
                               const char  *status,
                               GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT OR REPLACE INTO tempo_lookups (track_id, service, status, looked_up_at)"
    " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, track_id);
  sqlite3_bind_text (stmt, 2, service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / 1000);
  return rsb_store_step_done (self, stmt, error);
}

char *
rsb_store_dup_tempo_lookup (RsbStore   *self,
                            gint64      track_id,
                            const char *service)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT status FROM tempo_lookups WHERE track_id = ? AND service = ?", NULL);
  char *status = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, track_id);
  sqlite3_bind_text (stmt, 2, service, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    status = rsb_store_column_strdup (stmt, 0);
  sqlite3_reset (stmt);
  return status;
}

gboolean
rsb_store_forget_tempo_lookups (RsbStore    *self,
                                const char  *service,
                                GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "DELETE FROM tempo_lookups WHERE service = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, service, -1, SQLITE_TRANSIENT);
  return rsb_store_step_done (self, stmt, error);
}

gboolean
rsb_store_set_track_isrc (RsbStore    *self,
                          gint64       track_id,
                          const char  *isrc,
                          GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "UPDATE tracks SET isrc = ? WHERE id = ?", error);
  g_autofree char *stored = rsb_track_match_isrc (isrc);

  if (stmt == NULL)
    return FALSE;
  rsb_store_bind_text_or_null (stmt, 1, stored);
  sqlite3_bind_int64 (stmt, 2, track_id);
  return rsb_store_step_done (self, stmt, error);
}

guint
rsb_store_count_tracks_without_tempo (RsbStore *self)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "SELECT count(*) FROM tracks WHERE bpm IS NULL", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}
