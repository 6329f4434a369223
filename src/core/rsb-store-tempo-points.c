/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-tempo-points.c: the Tempo page's measured song segments,
 * kept per workout (tempo_points, migration 5) as one BLOB packed by
 * rsb-tempo-collect.c: 3,000 rows read faster than 30,000. Re-matching
 * a workout (new plays, a clock offset) forgets its row; a workout
 * whose sport changed counts as unmeasured (the sport decides pace or
 * speed, steps or revolutions). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rsb-store-private.h"

gboolean
rsb_store_forget_tempo_points (RsbStore  *self,
                               gint64     activity_id,
                               GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "DELETE FROM tempo_points WHERE activity_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  return rsb_store_step_done (self, stmt, error);
}

gboolean
rsb_store_save_tempo_points (RsbStore    *self,
                             gint64       activity_id,
                             const char  *sport,
                             const void  *points,
                             gsize        size,
                             GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT OR REPLACE INTO tempo_points (activity_id, sport, points) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rsb_store_bind_text_or_null (stmt, 2, sport);
  /* An empty BLOB, not NULL, for a workout measured without songs. */
  sqlite3_bind_blob (stmt, 3, size > 0 ? points : "", size, SQLITE_TRANSIENT);
  return rsb_store_step_done (self, stmt, error);
}

GArray *
rsb_store_tempo_points_missing (RsbStore  *self,
                                GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT a.id FROM activities a WHERE a.n_songs > 0 AND a.start_ms IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM tempo_points p WHERE p.activity_id = a.id AND p.sport IS a.sport)",
    error);
  GArray *ids;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (self, error, _("list the workouts to measure"));
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}

gboolean
rsb_store_foreach_tempo_points (RsbStore                *self,
                                RsbStoreTempoPointsFunc  func,
                                gpointer                 user_data,
                                GError                 **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT p.activity_id, a.start_ms, a.sport, a.name, p.points"
    " FROM tempo_points p JOIN activities a ON a.id = p.activity_id"
    " WHERE p.sport IS a.sport ORDER BY p.activity_id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
          sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4), user_data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rsb_store_set_sql_error (self, error, _("read the tempo points"));
  return TRUE;
}

