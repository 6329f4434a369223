/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-collect.c: see rsb-tempo-collect.h.
 *
 * Measuring a song segment reads the whole route; 3,000 workouts of an
 * hour are hundreds of megabytes of streams. So each workout's points
 * are measured once and the store keeps them, packed here; tempo,
 * energy and titles are read from the tracks each time, so a new BPM
 * shows at once. */
#include "rsb-tempo-collect.h"

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

static gboolean
keep_points (RsbStore               *store,
             const RsbActivityInfo  *info,
             GArray                 *points,
             GError                **error)
{
  g_autofree KeptPoint *kept = g_new0 (KeptPoint, MAX (points->len, 1));

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
  return rsb_store_save_tempo_points (store, info->id, info->sport, kept, points->len * sizeof (KeptPoint), error);
}

/* Workouts are measured in batches, each its own transaction: what is
 * measured is kept even when cancelled, and an import writing at the
 * same time waits for one batch at most. */
#define BATCH 100

static gboolean
measure_activities (RsbStore      *store,
                    GArray        *ids,
                    GCancellable  *cancellable,
                    GError       **error)
{
  for (guint first = 0; first < ids->len; first += BATCH)
    {
      if (!rsb_store_begin (store, error))
        return FALSE;
      for (guint i = first; i < MIN (first + BATCH, ids->len); i++)
        {
          g_autoptr(RsbActivity) activity = NULL;
          g_autoptr(RsbTempoLibrary) measured = rsb_tempo_library_new ();
          g_autoptr(GError) local = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto failed;
          activity = rsb_activity_load (store, g_array_index (ids, gint64, i), &local);
          /* Removed since it was listed: nothing to measure. */
          if (g_error_matches (local, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND))
            {
              g_clear_error (&local);
              continue;
            }
          if (activity == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              goto failed;
            }
          rsb_tempo_library_add_activity (measured, activity);
          if (!keep_points (store, activity->info, measured->points, error))
            goto failed;
        }
      if (!rsb_store_commit (store, error))
        goto failed;
    }
  return TRUE;

failed:
  rsb_store_rollback (store);
  return FALSE;
}

static void
unpack_points (gint64      activity_id,
               gint64      start_ms,
               const char *sport_name,
               const char *name,
               const void *points,
               gsize       size,
               gpointer    user_data)
{
  RsbTempoLibrary *library = user_data;
  const KeptPoint *kept = points;
  guint n = size / sizeof (KeptPoint);
  guint sport = rsb_tempo_library_sport_index (library, sport_name);

  rsb_tempo_library_add_activity_name (library, activity_id, name, start_ms);
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

/* Titles, artists, tempo and energy of the tracks the points name, one
 * lookup a track (a few thousand), then given to every point. */
static gboolean
add_tracks (RsbStore         *store,
            RsbTempoLibrary  *library,
            GError          **error)
{
  g_autoptr(GHashTable) tempi = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  for (guint i = 0; i < library->points->len; i++)
    {
      RsbTempoPoint *point = &g_array_index (library->points, RsbTempoPoint, i);
      TrackTempo *tempo = g_hash_table_lookup (tempi, &point->track_id);

      if (tempo == NULL && !g_hash_table_contains (tempi, &point->track_id))
        {
          g_autoptr(GError) local_error = NULL;
          RsbTrack track = { 0 };

          if (rsb_store_get_track (store, point->track_id, &track, &local_error))
            {
              rsb_tempo_library_add_track (library, point->track_id, track.title, track.artists);
              tempo = g_new (TrackTempo, 1);
              tempo->bpm = track.bpm_source != RSB_TEMPO_SOURCE_NONE ? track.bpm : NAN;
              tempo->energy = track.energy;
              rsb_track_clear (&track);
            }
          else if (!g_error_matches (local_error, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* Keys point into the points array, which no longer grows. */
          g_hash_table_insert (tempi, &point->track_id, tempo);
        }
      if (tempo == NULL)
        continue;
      point->bpm = tempo->bpm;
      point->energy = tempo->energy;
      point->step = rsb_tempo_step_verdict (point->bpm, point->cadence, NULL);
    }
  return TRUE;
}

RsbTempoLibrary *
rsb_tempo_library_collect (RsbStore      *store,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GArray) ids = rsb_store_tempo_points_missing (store, error);
  g_autoptr(RsbTempoLibrary) library = NULL;

  if (ids == NULL || !measure_activities (store, ids, cancellable, error))
    return NULL;
  library = rsb_tempo_library_new ();
  if (!rsb_store_foreach_tempo_points (store, unpack_points, library, error) ||
      !add_tracks (store, library, error))
    return NULL;
  return g_steal_pointer (&library);
}
