/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-tempo-points.c: the Tempo page's points, kept per workout.
 *
 * Measuring a song segment reads the whole route; 3,000 workouts of an
 * hour are hundreds of megabytes of streams. So each workout's points
 * are measured once and kept (tempo_points, migration 5); re-matching
 * a workout (new plays, a clock offset) forgets them, and they are
 * measured again when next asked for. A workout whose sport changed is
 * measured again too: the sport decides pace or speed. Tempo and
 * energy are read from the tracks each time, so a new BPM shows at
 * once. */
#include "rsb-store-private.h"
#include "rsb-tempo-analysis.h"

#include <math.h>

gboolean
rsb_store_forget_tempo_points (RsbStore  *self,
                               gint64     activity_id,
                               GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "DELETE FROM tempo_points_done WHERE activity_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (!rsb_store_step_done (self, stmt, error))
    return FALSE;
  stmt = rsb_store_statement (self, "DELETE FROM tempo_points WHERE activity_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  return rsb_store_step_done (self, stmt, error);
}

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
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static gboolean
save_points (RsbStore               *self,
             const RsbActivityInfo  *info,
             GArray                 *points,
             GError                **error)
{
  sqlite3_stmt *stmt;

  if (!rsb_store_forget_tempo_points (self, info->id, error))
    return FALSE;
  for (guint i = 0; i < points->len; i++)
    {
      const RsbTempoPoint *point = &g_array_index (points, RsbTempoPoint, i);

      stmt = rsb_store_statement (self,
        "INSERT INTO tempo_points (activity_id, segment, play_id, track_id, on_foot, cadence,"
        " moving_s, speed, gap_speed, workout_gap_speed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, point->activity_id);
      sqlite3_bind_int (stmt, 2, point->segment);
      sqlite3_bind_int64 (stmt, 3, point->play_id);
      sqlite3_bind_int64 (stmt, 4, point->track_id);
      sqlite3_bind_int (stmt, 5, point->on_foot);
      bind_double_or_null (stmt, 6, point->cadence);
      sqlite3_bind_double (stmt, 7, point->moving_s);
      bind_double_or_null (stmt, 8, point->speed_ms);
      bind_double_or_null (stmt, 9, point->gap_speed_ms);
      bind_double_or_null (stmt, 10, point->workout_gap_speed_ms);
      if (!rsb_store_step_done (self, stmt, error))
        return FALSE;
    }
  stmt = rsb_store_statement (self, "INSERT INTO tempo_points_done (activity_id, sport) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, info->id);
  rsb_store_bind_text_or_null (stmt, 2, info->sport);
  return rsb_store_step_done (self, stmt, error);
}

/* Workouts with songs whose points are not kept (or were kept under
 * another sport). */
static GArray *
unmeasured_activities (RsbStore  *self,
                       GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT a.id FROM activities a WHERE a.n_songs > 0 AND a.start_ms IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM tempo_points_done d WHERE d.activity_id = a.id AND d.sport IS a.sport)",
    error);
  GArray *ids;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

static gboolean
measure_activities (RsbStore      *self,
                    GArray        *ids,
                    GCancellable  *cancellable,
                    GError       **error)
{
  if (ids->len == 0)
    return TRUE;
  if (!rsb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RsbActivity) activity = NULL;
      g_autoptr(RsbTempoLibrary) measured = rsb_tempo_library_new ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      activity = rsb_activity_load (self, g_array_index (ids, gint64, i), error);
      if (activity == NULL)
        goto failed;
      rsb_tempo_library_add_activity (measured, activity);
      if (!save_points (self, activity->info, measured->points, error))
        goto failed;
    }
  return rsb_store_commit (self, error);

failed:
  rsb_store_rollback (self);
  return FALSE;
}

static void
read_point (RsbTempoLibrary *library,
            sqlite3_stmt    *stmt)
{
  RsbTempoPoint point = { 0 };
  RsbTrack track = { 0 };

  point.activity_id = sqlite3_column_int64 (stmt, 0);
  point.segment = sqlite3_column_int (stmt, 1);
  point.play_id = sqlite3_column_int64 (stmt, 2);
  point.track_id = sqlite3_column_int64 (stmt, 3);
  point.on_foot = sqlite3_column_int (stmt, 4);
  point.cadence = column_double_or_nan (stmt, 5);
  point.moving_s = sqlite3_column_double (stmt, 6);
  point.speed_ms = column_double_or_nan (stmt, 7);
  point.gap_speed_ms = column_double_or_nan (stmt, 8);
  point.workout_gap_speed_ms = column_double_or_nan (stmt, 9);
  point.activity_start_ms = sqlite3_column_int64 (stmt, 10);
  point.sport = rsb_tempo_library_sport_index (library, (const char *) sqlite3_column_text (stmt, 11));
  rsb_store_read_track_tempo (stmt, 15, &track);
  point.bpm = track.bpm_source != RSB_TEMPO_SOURCE_NONE ? track.bpm : NAN;
  point.energy = track.energy;
  point.step = rsb_tempo_step_verdict (point.bpm, point.cadence, NULL);
  rsb_tempo_library_add_activity_name (library, point.activity_id,
                                       (const char *) sqlite3_column_text (stmt, 12), point.activity_start_ms);
  rsb_tempo_library_add_track (library, point.track_id, (const char *) sqlite3_column_text (stmt, 13),
                               (const char *) sqlite3_column_text (stmt, 14));
  g_array_append_val (library->points, point);
}

/* Each workout's points together, newest workout first. */
static RsbTempoLibrary *
read_points (RsbStore  *self,
             GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT p.activity_id, p.segment, p.play_id, p.track_id, p.on_foot, p.cadence, p.moving_s,"
    " p.speed, p.gap_speed, p.workout_gap_speed, a.start_ms, a.sport, a.name, t.title, t.artists, "
    RSB_STORE_TRACK_TEMPO_COLUMNS
    " FROM tempo_points p JOIN activities a ON a.id = p.activity_id JOIN tracks t ON t.id = p.track_id"
    " ORDER BY a.start_ms DESC, p.activity_id, p.segment",
    error);
  RsbTempoLibrary *library;
  int rc;

  if (stmt == NULL)
    return NULL;
  library = rsb_tempo_library_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_point (library, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (self, error, "Could not read the tempo points");
      rsb_tempo_library_free (library);
      return NULL;
    }
  return library;
}

RsbTempoLibrary *
rsb_tempo_library_collect (RsbStore      *store,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GArray) ids = unmeasured_activities (store, error);

  if (ids == NULL || !measure_activities (store, ids, cancellable, error))
    return NULL;
  return read_points (store, error);
}
