/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-activities.c: workouts, their streams, and the song count
 * and coverage cached from matching them against the plays. */
#include "config.h"

#include <math.h>

#include "rsb-matcher.h"
#include "rsb-store-private.h"

#include <glib/gi18n-lib.h>

static void
bind_double_or_null (sqlite3_stmt *stmt,
                     int           column,
                     double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_double (stmt, column, value);
}

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

/* An activity is already here when it has the same source identity, or
 * starts within a second of one we have: the same workout exported twice
 * or from two services. */
gint64
rsb_store_find_activity (RsbStore              *self,
                         const RsbActivityInfo *info)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT id FROM activities WHERE (source = ?1 AND source_id = ?2)"
    " OR (?3 IS NOT NULL AND start_ms BETWEEN ?3 - 1000 AND ?3 + 1000) LIMIT 1",
    NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  rsb_store_bind_text_or_null (stmt, 1, info->source);
  rsb_store_bind_text_or_null (stmt, 2, info->source_id);
  if (rsb_activity_info_has_times (info))
    sqlite3_bind_int64 (stmt, 3, info->start_ms);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* id 0 lets SQLite choose a new one. */
static gboolean
insert_activity_row (RsbStore               *self,
                     gint64                  id,
                     const RsbActivityInfo  *info,
                     const RsbStreams       *streams,
                     GError                **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT INTO activities (source, source_id, name, sport, start_ms, elapsed_s, moving_s,"
    " distance_m, min_lat, min_lon, max_lat, max_lon, clock_offset_ms, file_name, n_points,"
    " channels, recovered, id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  rsb_store_bind_text_or_null (stmt, 1, info->source);
  rsb_store_bind_text_or_null (stmt, 2, info->source_id);
  rsb_store_bind_text_or_null (stmt, 3, info->name != NULL ? info->name : "");
  rsb_store_bind_text_or_null (stmt, 4, info->sport);
  if (rsb_activity_info_has_times (info))
    sqlite3_bind_int64 (stmt, 5, info->start_ms);
  sqlite3_bind_double (stmt, 6, info->elapsed_s);
  sqlite3_bind_double (stmt, 7, info->moving_s);
  sqlite3_bind_double (stmt, 8, info->distance_m);
  bind_double_or_null (stmt, 9, info->min_lat);
  bind_double_or_null (stmt, 10, info->min_lon);
  bind_double_or_null (stmt, 11, info->max_lat);
  bind_double_or_null (stmt, 12, info->max_lon);
  sqlite3_bind_int64 (stmt, 13, info->clock_offset_ms);
  rsb_store_bind_text_or_null (stmt, 14, info->file_name);
  sqlite3_bind_int (stmt, 15, streams ? streams->n_points : 0);
  sqlite3_bind_int64 (stmt, 16, rsb_streams_channels (streams));
  rsb_store_bind_text_or_null (stmt, 17, info->recovered);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 18, id);
  return rsb_store_step_done (self, stmt, error);
}

/* Columns are written as the host's doubles; every platform we ship on
 * is little-endian IEEE 754, and load_streams checks the length. */
static gboolean
insert_streams_row (RsbStore          *self,
                    gint64             activity_id,
                    const RsbStreams  *streams,
                    GError           **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT INTO streams (activity_id, time, lat, lon, altitude, heart_rate, cadence, distance, speed)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      if (streams->columns[kind] != NULL)
        sqlite3_bind_blob64 (stmt, kind + 2, streams->columns[kind],
                             (sqlite3_uint64) streams->n_points * sizeof (double), SQLITE_STATIC);
    }
  return rsb_store_step_done (self, stmt, error);
}

static gboolean save_match (RsbStore *self, gint64 activity_id, const RsbMatch *match, GError **error);

/* A new activity is matched from the streams at hand, not read back;
 * the others are unchanged by its arrival. */
static gboolean
match_new_activity (RsbStore               *self,
                    gint64                  id,
                    const RsbActivityInfo  *info,
                    const RsbStreams       *streams,
                    GError                **error)
{
  g_autoptr(GPtrArray) plays = rsb_store_plays_for_activity (self, info, error);
  g_autoptr(RsbMatch) match = NULL;

  if (plays == NULL)
    return FALSE;
  match = rsb_match_new (streams, info->start_ms, info->clock_offset_ms, plays);
  return save_match (self, id, match, error);
}

static gint64
write_activity (RsbStore               *self,
                gint64                  id,
                const RsbActivityInfo  *info,
                const RsbStreams       *streams,
                GError                **error)
{
  if (!insert_activity_row (self, id, info, streams, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  if (streams != NULL && !insert_streams_row (self, id, streams, error))
    return 0;
  if (streams != NULL && rsb_activity_info_has_times (info) && !match_new_activity (self, id, info, streams, error))
    return 0;
  return id;
}

/* Stores the activity with its streams and its match against the plays
 * already known. Must run inside a transaction. Returns the new id, or 0
 * with error set. */
gint64
rsb_store_add_activity (RsbStore               *self,
                        const RsbActivityInfo  *info,
                        const RsbStreams       *streams,
                        GError                **error)
{
  return write_activity (self, 0, info, streams, error);
}

/* Puts another recording of the same workout in place of activity id:
 * its row and streams go, info and streams land under the same id, so
 * the window and the command line still find it where it was. Fields
 * worth keeping (the clock offset, a Strava identity) are the caller's
 * to carry over in info. Must run inside a transaction. */
gboolean
rsb_store_replace_activity (RsbStore               *self,
                            gint64                  id,
                            const RsbActivityInfo  *info,
                            const RsbStreams       *streams,
                            GError                **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "DELETE FROM activities WHERE id = ?", error);

  g_return_val_if_fail (id > 0, FALSE);

  if (stmt == NULL)
    return FALSE;
  /* The streams row goes with it (ON DELETE CASCADE). */
  sqlite3_bind_int64 (stmt, 1, id);
  return rsb_store_step_done (self, stmt, error) && write_activity (self, id, info, streams, error) != 0;
}

/* Gives activity id the source, id, name and sport of info: what ties
 * it to a service outlives which recording of it is kept. Must run
 * inside a transaction. */
gboolean
rsb_store_set_identity (RsbStore               *self,
                        gint64                  id,
                        const RsbActivityInfo  *info,
                        GError                **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "UPDATE activities SET source = ?2, source_id = ?3, name = ?4, sport = ?5 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rsb_store_bind_text_or_null (stmt, 2, info->source);
  rsb_store_bind_text_or_null (stmt, 3, info->source_id);
  rsb_store_bind_text_or_null (stmt, 4, info->name != NULL ? info->name : "");
  rsb_store_bind_text_or_null (stmt, 5, info->sport);
  return rsb_store_step_done (self, stmt, error);
}

#define ACTIVITY_COLUMNS \
  "id, source, source_id, name, sport, start_ms, elapsed_s, moving_s, distance_m," \
  " min_lat, min_lon, max_lat, max_lon, clock_offset_ms, file_name, n_points, n_songs, coverage," \
  " channels, recovered"

static RsbActivityInfo *
activity_from_row (sqlite3_stmt *stmt)
{
  RsbActivityInfo *info = rsb_activity_info_new ();

  info->id = sqlite3_column_int64 (stmt, 0);
  info->source = rsb_store_column_strdup (stmt, 1);
  info->source_id = rsb_store_column_strdup (stmt, 2);
  info->name = rsb_store_column_strdup (stmt, 3);
  info->sport = rsb_store_column_strdup (stmt, 4);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    info->start_ms = sqlite3_column_int64 (stmt, 5);
  info->elapsed_s = sqlite3_column_double (stmt, 6);
  info->moving_s = sqlite3_column_double (stmt, 7);
  info->distance_m = sqlite3_column_double (stmt, 8);
  info->min_lat = column_double_or_nan (stmt, 9);
  info->min_lon = column_double_or_nan (stmt, 10);
  info->max_lat = column_double_or_nan (stmt, 11);
  info->max_lon = column_double_or_nan (stmt, 12);
  info->clock_offset_ms = sqlite3_column_int64 (stmt, 13);
  info->file_name = rsb_store_column_strdup (stmt, 14);
  info->n_points = sqlite3_column_int (stmt, 15);
  info->n_songs = sqlite3_column_int (stmt, 16);
  info->coverage = sqlite3_column_double (stmt, 17);
  info->channels = (guint32) sqlite3_column_int64 (stmt, 18);
  info->recovered = rsb_store_column_strdup (stmt, 19);
  return info;
}

/* Newest first; routes without times last. */
GPtrArray *
rsb_store_list_activities (RsbStore  *self,
                           GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT " ACTIVITY_COLUMNS " FROM activities ORDER BY start_ms IS NULL, start_ms DESC, id DESC",
    error);
  GPtrArray *list;
  int rc;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_activity_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, activity_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (list);
      rsb_store_set_sql_error (self, error, _("list the activities"));
      return NULL;
    }
  return list;
}

RsbActivityInfo *
rsb_store_get_activity (RsbStore  *self,
                        gint64     id,
                        GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT " ACTIVITY_COLUMNS " FROM activities WHERE id = ?", error);
  RsbActivityInfo *info = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    info = activity_from_row (stmt);
  sqlite3_reset (stmt);
  if (info == NULL)
    g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND,
                 "There is no activity with id %" G_GINT64_FORMAT, id);
  return info;
}

RsbStreams *
rsb_store_load_streams (RsbStore  *self,
                        gint64     activity_id,
                        GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT a.n_points, s.time, s.lat, s.lon, s.altitude, s.heart_rate, s.cadence, s.distance, s.speed"
    " FROM activities a LEFT JOIN streams s ON s.activity_id = a.id WHERE a.id = ?",
    error);
  g_autoptr(RsbStreams) streams = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND,
                   "There is no activity with id %" G_GINT64_FORMAT, activity_id);
      return NULL;
    }

  streams = rsb_streams_new (sqlite3_column_int (stmt, 0));
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      const void *blob = sqlite3_column_blob (stmt, kind + 1);
      gsize size = sqlite3_column_bytes (stmt, kind + 1);

      if (blob != NULL && size == streams->n_points * sizeof (double))
        streams->columns[kind] = g_memdup2 (blob, size);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&streams);
}

static gboolean
save_match (RsbStore        *self,
            gint64           activity_id,
            const RsbMatch  *match,
            GError         **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "UPDATE activities SET n_songs = ?, coverage = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, match->n_songs);
  sqlite3_bind_double (stmt, 2, match->coverage);
  sqlite3_bind_int64 (stmt, 3, activity_id);
  return rsb_store_step_done (self, stmt, error);
}

static gboolean
refresh_match (RsbStore  *self,
               gint64     activity_id,
               GError   **error)
{
  g_autoptr(RsbActivityInfo) info = rsb_store_get_activity (self, activity_id, error);
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(RsbMatch) match = NULL;

  if (info == NULL)
    return FALSE;
  streams = rsb_store_load_streams (self, activity_id, error);
  plays = streams ? rsb_store_plays_for_activity (self, info, error) : NULL;
  if (plays == NULL)
    return FALSE;
  match = rsb_match_new (streams, info->start_ms, info->clock_offset_ms, plays);
  return save_match (self, activity_id, match, error) &&
         rsb_store_forget_tempo_points (self, activity_id, error);
}

static GArray *
activities_overlapping (RsbStore  *self,
                        gint64     from_ms,
                        gint64     to_ms,
                        GError   **error)
{
  /* Clock offsets are small; a day of slack keeps the query on the index. */
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT id FROM activities WHERE start_ms BETWEEN ?1 - 86400000 AND ?2 + 86400000"
    " AND start_ms - clock_offset_ms <= ?2"
    " AND start_ms - clock_offset_ms + elapsed_s * 1000 >= ?1",
    error);
  GArray *ids;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from_ms);
  sqlite3_bind_int64 (stmt, 2, to_ms);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

/* Re-matches every activity whose time overlaps [from_ms, to_ms] and
 * caches its song count and coverage, for the list and --list-activities. */
gboolean
rsb_store_refresh_matches (RsbStore  *self,
                           gint64     from_ms,
                           gint64     to_ms,
                           GError   **error)
{
  g_autoptr(GArray) ids = activities_overlapping (self, from_ms, to_ms, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      if (!refresh_match (self, g_array_index (ids, gint64, i), error))
        return FALSE;
    }
  return TRUE;
}

/* Saves an activity's clock offset and re-matches it, in one transaction. */
gboolean
rsb_store_set_clock_offset (RsbStore  *self,
                            gint64     activity_id,
                            gint64     offset_ms,
                            GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ABS (offset_ms) <= RSB_MAX_CLOCK_OFFSET_MS, FALSE);
  if (!rsb_store_begin (self, error))
    return FALSE;
  stmt = rsb_store_statement (self, "UPDATE activities SET clock_offset_ms = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, offset_ms);
  sqlite3_bind_int64 (stmt, 2, activity_id);
  if (!rsb_store_step_done (self, stmt, error) || !refresh_match (self, activity_id, error) ||
      !rsb_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  rsb_store_rollback (self);
  return FALSE;
}
