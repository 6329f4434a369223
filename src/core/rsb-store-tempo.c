/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-tempo.c: each source's word on a track's tempo, and the
 * winner cached on the track (DESIGN §9: hand > file tag > Deezer >
 * ReccoBeats > estimate). Lookups, scans and the song card all write
 * through here, so the order is decided in one place. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rsb-store-private.h"

#define SOURCE_RANK RSB_STORE_SOURCE_RANK ("source")

static gboolean
elect_winner (RsbStore  *self,
              gint64     track_id,
              GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "UPDATE tracks SET (bpm, bpm_source, bpm_confidence) ="
    " (SELECT bpm, source, confidence FROM track_tempi WHERE track_id = ?1"
    "  ORDER BY " SOURCE_RANK " DESC LIMIT 1)"
    " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, track_id);
  return rsb_store_step_done (self, stmt, error);
}

gboolean
rsb_store_set_track_tempo (RsbStore        *self,
                           gint64           track_id,
                           RsbTempoSource   source,
                           double           bpm,
                           double           confidence,
                           GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (source != RSB_TEMPO_SOURCE_NONE, FALSE);
  g_return_val_if_fail (rsb_tempo_bpm_is_valid (bpm), FALSE);

  stmt = rsb_store_statement (self,
    "INSERT OR REPLACE INTO track_tempi (track_id, source, bpm, confidence) VALUES (?, ?, ?, ?)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, track_id);
  sqlite3_bind_text (stmt, 2, rsb_tempo_source_to_string (source), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, bpm);
  sqlite3_bind_double (stmt, 4, CLAMP (isfinite (confidence) ? confidence : 0, 0, 1));
  return rsb_store_step_done (self, stmt, error) && elect_winner (self, track_id, error);
}

gboolean
rsb_store_clear_track_tempo (RsbStore        *self,
                             gint64           track_id,
                             RsbTempoSource   source,
                             GError         **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "DELETE FROM track_tempi WHERE track_id = ? AND source = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, track_id);
  sqlite3_bind_text (stmt, 2, rsb_tempo_source_to_string (source), -1, SQLITE_STATIC);
  return rsb_store_step_done (self, stmt, error) && elect_winner (self, track_id, error);
}

/* What one source said, NAN when it said nothing: the song card shows
 * the winner and offers to halve or double it, a rescan compares. */
double
rsb_store_track_tempo_from (RsbStore        *self,
                            gint64           track_id,
                            RsbTempoSource   source,
                            double          *confidence)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT bpm, confidence FROM track_tempi WHERE track_id = ? AND source = ?", NULL);
  double bpm = NAN;

  if (confidence != NULL)
    *confidence = 0;
  if (stmt == NULL)
    return NAN;
  sqlite3_bind_int64 (stmt, 1, track_id);
  sqlite3_bind_text (stmt, 2, rsb_tempo_source_to_string (source), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      bpm = sqlite3_column_double (stmt, 0);
      if (confidence != NULL)
        *confidence = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  return bpm;
}

gboolean
rsb_store_set_track_energy (RsbStore  *self,
                            gint64     track_id,
                            double     energy,
                            GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "UPDATE tracks SET energy = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (isfinite (energy))
    sqlite3_bind_double (stmt, 1, CLAMP (energy, 0, 1));
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, track_id);
  return rsb_store_step_done (self, stmt, error);
}

/* The tempo columns of a tracks row: bpm, bpm_source, bpm_confidence,
 * energy from column first on. */
void
rsb_store_read_track_tempo (sqlite3_stmt *stmt,
                            int           first,
                            RsbTrack     *track)
{
  RsbTempoSource source;

  if (sqlite3_column_type (stmt, first) != SQLITE_NULL &&
      rsb_tempo_source_from_string ((const char *) sqlite3_column_text (stmt, first + 1), &source))
    {
      track->bpm = sqlite3_column_double (stmt, first);
      track->bpm_source = source;
      track->bpm_confidence = sqlite3_column_double (stmt, first + 2);
    }
  else
    {
      track->bpm = 0;
      track->bpm_source = RSB_TEMPO_SOURCE_NONE;
      track->bpm_confidence = 0;
    }
  track->energy = sqlite3_column_type (stmt, first + 3) == SQLITE_NULL
    ? NAN : sqlite3_column_double (stmt, first + 3);
}
