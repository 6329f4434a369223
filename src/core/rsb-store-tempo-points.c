/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-tempo-points.c: the Tempo page's points, kept per workout.
 *
 * Measuring a song segment reads the whole route; 3,000 workouts of an
 * hour are hundreds of megabytes of streams. So each workout's points
 * are measured once and kept (tempo_points, migration 5), packed in one
 * BLOB a workout; re-matching a workout (new plays, a clock offset)
 * forgets them, and they are measured again when next asked for. A
 * workout whose sport changed is measured again too: the sport decides
 * pace or speed, steps or revolutions. Tempo, energy and titles are
 * read from the tracks each time, so a new BPM shows at once. */
#include "rsb-store-private.h"
#include "rsb-tempo-analysis.h"

#include <math.h>
#include <string.h>

/* One point as kept: the measured part of an RsbTempoPoint, in the
 * machine's own byte order (the library file never leaves it; the
 * streams are kept the same way). */
typedef struct {
  gint64  play_id;
  gint64  track_id;
  guint32 segment;
  guint32 on_foot;
  double  cadence;
  double  moving_s;
  double  speed_ms;
  double  gap_speed_ms;
  double  workout_gap_speed_ms;
} KeptPoint;

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

static gboolean
save_points (RsbStore               *self,
             const RsbActivityInfo  *info,
             GArray                 *points,
             GError                **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT OR REPLACE INTO tempo_points (activity_id, sport, points) VALUES (?, ?, ?)", error);
  g_autofree KeptPoint *kept = g_new0 (KeptPoint, MAX (points->len, 1));

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < points->len; i++)
    {
      const RsbTempoPoint *point = &g_array_index (points, RsbTempoPoint, i);

      kept[i] = (KeptPoint) {
        .play_id = point->play_id,
        .track_id = point->track_id,
        .segment = point->segment,
        .on_foot = point->on_foot,
        .cadence = point->cadence,
        .moving_s = point->moving_s,
        .speed_ms = point->speed_ms,
        .gap_speed_ms = point->gap_speed_ms,
        .workout_gap_speed_ms = point->workout_gap_speed_ms,
      };
    }
  sqlite3_bind_int64 (stmt, 1, info->id);
  rsb_store_bind_text_or_null (stmt, 2, info->sport);
  sqlite3_bind_blob (stmt, 3, kept, points->len * sizeof (KeptPoint), SQLITE_TRANSIENT);
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
    " AND NOT EXISTS (SELECT 1 FROM tempo_points p WHERE p.activity_id = a.id AND p.sport IS a.sport)",
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
unpack_points (RsbTempoLibrary *library,
               sqlite3_stmt    *stmt)
{
  const KeptPoint *kept = sqlite3_column_blob (stmt, 1);
  guint n = sqlite3_column_bytes (stmt, 1) / sizeof (KeptPoint);
  gint64 activity_id = sqlite3_column_int64 (stmt, 0);
  gint64 start_ms = sqlite3_column_int64 (stmt, 2);
  guint sport = rsb_tempo_library_sport_index (library, (const char *) sqlite3_column_text (stmt, 3));

  rsb_tempo_library_add_activity_name (library, activity_id, (const char *) sqlite3_column_text (stmt, 4), start_ms);
  for (guint i = 0; i < n; i++)
    {
      KeptPoint k;
      RsbTempoPoint point;

      /* A BLOB's bytes need not be aligned for doubles. */
      memcpy (&k, kept + i, sizeof k);
      point = (RsbTempoPoint) {
        .activity_id = activity_id,
        .play_id = k.play_id,
        .track_id = k.track_id,
        .activity_start_ms = start_ms,
        .segment = k.segment,
        .sport = sport,
        .on_foot = k.on_foot,
        .bpm = NAN,
        .energy = NAN,
        .cadence = k.cadence,
        .moving_s = k.moving_s,
        .speed_ms = k.speed_ms,
        .gap_speed_ms = k.gap_speed_ms,
        .workout_gap_speed_ms = k.workout_gap_speed_ms,
        .step = RSB_STEP_UNKNOWN,
      };
      g_array_append_val (library->points, point);
    }
}

typedef struct {
  double bpm;
  double energy;
} TrackTempo;

/* Titles, artists, tempo and energy of the tracks the points name. */
static gboolean
read_tracks (RsbStore         *self,
             RsbTempoLibrary  *library,
             GHashTable       *track_ids,
             GHashTable       *tempi,
             GError          **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, track_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;
      sqlite3_stmt *stmt = rsb_store_statement (self,
        "SELECT t.title, t.artists, " RSB_STORE_TRACK_TEMPO_COLUMNS " FROM tracks t WHERE t.id = ?", error);
      RsbTrack track = { 0 };
      TrackTempo *tempo;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          rsb_tempo_library_add_track (library, id, (const char *) sqlite3_column_text (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1));
          rsb_store_read_track_tempo (stmt, 2, &track);
          tempo = g_new (TrackTempo, 1);
          tempo->bpm = track.bpm_source != RSB_TEMPO_SOURCE_NONE ? track.bpm : NAN;
          tempo->energy = track.energy;
          g_hash_table_insert (tempi, key, tempo);
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Each workout's points together, in the order they are kept. */
static RsbTempoLibrary *
read_points (RsbStore  *self,
             GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT p.activity_id, p.points, a.start_ms, a.sport, a.name"
    " FROM tempo_points p JOIN activities a ON a.id = p.activity_id"
    " WHERE p.sport IS a.sport ORDER BY p.activity_id",
    error);
  g_autoptr(RsbTempoLibrary) library = NULL;
  g_autoptr(GHashTable) track_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) tempi = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  library = rsb_tempo_library_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    unpack_points (library, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (self, error, "Could not read the tempo points");
      return NULL;
    }
  /* Keys into the points array, now that it no longer grows. */
  for (guint i = 0; i < library->points->len; i++)
    g_hash_table_add (track_ids, &g_array_index (library->points, RsbTempoPoint, i).track_id);
  if (!read_tracks (self, library, track_ids, tempi, error))
    return NULL;
  for (guint i = 0; i < library->points->len; i++)
    {
      RsbTempoPoint *point = &g_array_index (library->points, RsbTempoPoint, i);
      const TrackTempo *tempo = g_hash_table_lookup (tempi, &point->track_id);

      if (tempo == NULL)
        continue;
      point->bpm = tempo->bpm;
      point->energy = tempo->energy;
      point->step = rsb_tempo_step_verdict (point->bpm, point->cadence, NULL);
    }
  return g_steal_pointer (&library);
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
