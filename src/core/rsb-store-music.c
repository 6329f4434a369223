/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-music.c: the music_files table and the tempo the user's
 * files lend the tracks they are matched to (DESIGN §9). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rsb-store-private.h"
#include "rsb-store-music.h"
#include "rsb-track-match.h"

RsbMusicFile *
rsb_music_file_new (const char *path)
{
  RsbMusicFile *file = g_new0 (RsbMusicFile, 1);

  file->path = g_strdup (path);
  return file;
}

void
rsb_music_file_free (RsbMusicFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->title);
  g_free (file->artists);
  g_free (file->album);
  g_free (file->isrc);
  g_free (file->problem);
  g_free (file);
}

/* Matching ---------------------------------------------------------- */

typedef struct {
  gint64 id;
  gint64 duration_ms;
} Candidate;

struct _RsbMusicMatcher
{
  RsbStore   *store;
  GHashTable *by_key;   /* key -> GArray of Candidate */
};

RsbMusicMatcher *
rsb_music_matcher_new (RsbStore  *store,
                       GError   **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (store, "SELECT id, title, artists, duration_ms FROM tracks", error);
  g_autoptr(RsbMusicMatcher) matcher = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  matcher = g_new0 (RsbMusicMatcher, 1);
  matcher->store = g_object_ref (store);
  matcher->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate candidate = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 3) };
      char *key = rsb_track_match_key ((const char *) sqlite3_column_text (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 1));
      GArray *same;

      if (key == NULL)
        continue;
      if ((same = g_hash_table_lookup (matcher->by_key, key)) == NULL)
        {
          same = g_array_new (FALSE, FALSE, sizeof (Candidate));
          g_hash_table_insert (matcher->by_key, key, same);
        }
      else
        g_free (key);
      g_array_append_val (same, candidate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (store, error, _("read the library’s tracks"));
      return NULL;
    }
  return g_steal_pointer (&matcher);
}

void
rsb_music_matcher_free (RsbMusicMatcher *matcher)
{
  if (matcher == NULL)
    return;
  g_clear_object (&matcher->store);
  g_clear_pointer (&matcher->by_key, g_hash_table_unref);
  g_free (matcher);
}

static gint64
find_by_isrc (RsbStore   *store,
              const char *isrc)
{
  sqlite3_stmt *stmt = rsb_store_statement (store, "SELECT id FROM tracks WHERE isrc = ? LIMIT 1", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, isrc, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
rsb_music_matcher_find (RsbMusicMatcher    *matcher,
                        const RsbMusicFile *file)
{
  g_autofree char *isrc = rsb_track_match_isrc (file->isrc);
  g_autofree char *key = NULL;
  GArray *same;
  gint64 best = 0, best_gap = G_MAXINT64;

  if (isrc != NULL)
    {
      gint64 id = find_by_isrc (matcher->store, isrc);
      if (id != 0)
        return id;
    }
  key = rsb_track_match_key (file->artists, file->title);
  if (key == NULL || (same = g_hash_table_lookup (matcher->by_key, key)) == NULL)
    return 0;
  for (guint i = 0; i < same->len; i++)
    {
      const Candidate *c = &g_array_index (same, Candidate, i);
      gint64 gap = file->duration_ms > 0 && c->duration_ms > 0 ? ABS (file->duration_ms - c->duration_ms) : 0;

      if (rsb_track_match_durations (file->duration_ms, c->duration_ms) && gap < best_gap)
        {
          best = c->id;
          best_gap = gap;
        }
    }
  return best;
}

/* The tracks' tempo from their files ------------------------------------ */

/* The best word of the files matched to track_id from one source:
 * the most confident. FALSE when no file says anything. */
static gboolean
best_from_files (RsbStore       *self,
                 gint64          track_id,
                 RsbTempoSource  source,
                 double         *bpm,
                 double         *confidence)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT bpm, confidence FROM music_files WHERE track_id = ? AND bpm_source = ?"
    " AND problem IS NULL AND bpm > 0 ORDER BY confidence DESC, path LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, track_id);
  sqlite3_bind_text (stmt, 2, rsb_tempo_source_to_string (source), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *bpm = sqlite3_column_double (stmt, 0);
      *confidence = sqlite3_column_double (stmt, 1);
      found = rsb_tempo_bpm_is_valid (*bpm);
    }
  sqlite3_reset (stmt);
  return found;
}

/* The track's "file" and "estimate" sources say what its files say
 * now: set from the best of them, cleared when none says anything. */
static gboolean
refresh_track (RsbStore  *self,
               gint64     track_id,
               GError   **error)
{
  static const RsbTempoSource sources[] = { RSB_TEMPO_SOURCE_FILE_TAG, RSB_TEMPO_SOURCE_ESTIMATE };

  if (track_id <= 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      double bpm, confidence;
      gboolean ok = best_from_files (self, track_id, sources[i], &bpm, &confidence)
        ? rsb_store_set_track_tempo (self, track_id, sources[i], bpm, confidence, error)
        : rsb_store_clear_track_tempo (self, track_id, sources[i], error);

      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gint64
matched_track (RsbStore   *self,
               const char *path)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "SELECT track_id FROM music_files WHERE path = ?", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* Rows ---------------------------------------------------------------- */

static gboolean
write_row (RsbStore           *self,
           const RsbMusicFile *file,
           GError            **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT OR REPLACE INTO music_files (path, size, mtime, title, artists, album, duration_ms, isrc,"
    " bpm, bpm_source, confidence, track_id, problem, scanned_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *isrc = rsb_track_match_isrc (file->isrc);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, file->path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, file->size);
  sqlite3_bind_int64 (stmt, 3, file->mtime);
  rsb_store_bind_text_or_null (stmt, 4, file->title);
  rsb_store_bind_text_or_null (stmt, 5, file->artists);
  rsb_store_bind_text_or_null (stmt, 6, file->album);
  sqlite3_bind_int64 (stmt, 7, MAX (file->duration_ms, 0));
  rsb_store_bind_text_or_null (stmt, 8, isrc);
  if (file->bpm_source != RSB_TEMPO_SOURCE_NONE && rsb_tempo_bpm_is_valid (file->bpm))
    {
      sqlite3_bind_double (stmt, 9, file->bpm);
      sqlite3_bind_text (stmt, 10, rsb_tempo_source_to_string (file->bpm_source), -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 11, isfinite (file->confidence) ? CLAMP (file->confidence, 0, 1) : 0);
    }
  if (file->track_id > 0)
    sqlite3_bind_int64 (stmt, 12, file->track_id);
  rsb_store_bind_text_or_null (stmt, 13, file->problem);
  sqlite3_bind_int64 (stmt, 14, g_get_real_time () / G_USEC_PER_SEC);
  return rsb_store_step_done (self, stmt, error);
}

gboolean
rsb_store_save_music_file (RsbStore         *self,
                           RsbMusicMatcher  *matcher,
                           RsbMusicFile     *file,
                           GError          **error)
{
  gint64 was = matched_track (self, file->path);

  file->track_id = file->problem == NULL && matcher != NULL ? rsb_music_matcher_find (matcher, file) : 0;
  if (!write_row (self, file, error))
    return FALSE;
  if (was != file->track_id && !refresh_track (self, was, error))
    return FALSE;
  return refresh_track (self, file->track_id, error);
}

gboolean
rsb_store_forget_music_file (RsbStore    *self,
                             const char  *path,
                             GError     **error)
{
  gint64 was = matched_track (self, path);
  sqlite3_stmt *stmt = rsb_store_statement (self, "DELETE FROM music_files WHERE path = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  return rsb_store_step_done (self, stmt, error) && refresh_track (self, was, error);
}

/* "path = folder OR path under folder/": LIKE would take "_" and "%"
 * in names as wildcards, so compare the prefix itself. */
#define UNDER_FOLDER \
  "(?1 IS NULL OR path = ?1 OR substr (path, 1, length (?2)) = ?2)"

static void
bind_folder (sqlite3_stmt *stmt,
             const char   *folder)
{
  if (folder == NULL)
    return;
  sqlite3_bind_text (stmt, 1, folder, -1, SQLITE_TRANSIENT);
  if (g_str_has_suffix (folder, G_DIR_SEPARATOR_S))
    sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_text (stmt, 2, g_strconcat (folder, G_DIR_SEPARATOR_S, NULL), -1, g_free);
}

GHashTable *
rsb_store_music_stamps (RsbStore    *self,
                        const char  *folder,
                        GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT path, size, mtime FROM music_files WHERE " UNDER_FOLDER, error);
  g_autoptr(GHashTable) stamps = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bind_folder (stmt, folder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RsbMusicStamp *stamp = g_new (RsbMusicStamp, 1);

      stamp->size = sqlite3_column_int64 (stmt, 1);
      stamp->mtime = sqlite3_column_int64 (stmt, 2);
      g_hash_table_insert (stamps, rsb_store_column_strdup (stmt, 0), stamp);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (self, error, _("read the music files already scanned"));
      return NULL;
    }
  return g_steal_pointer (&stamps);
}

static RsbMusicFile *
read_file_row (sqlite3_stmt *stmt)
{
  RsbMusicFile *file = rsb_music_file_new ((const char *) sqlite3_column_text (stmt, 0));

  file->size = sqlite3_column_int64 (stmt, 1);
  file->mtime = sqlite3_column_int64 (stmt, 2);
  file->title = rsb_store_column_strdup (stmt, 3);
  file->artists = rsb_store_column_strdup (stmt, 4);
  file->album = rsb_store_column_strdup (stmt, 5);
  file->duration_ms = sqlite3_column_int64 (stmt, 6);
  file->isrc = rsb_store_column_strdup (stmt, 7);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL &&
      rsb_tempo_source_from_string ((const char *) sqlite3_column_text (stmt, 9), &file->bpm_source))
    {
      file->bpm = sqlite3_column_double (stmt, 8);
      file->confidence = sqlite3_column_double (stmt, 10);
    }
  file->track_id = sqlite3_column_int64 (stmt, 11);
  file->problem = rsb_store_column_strdup (stmt, 12);
  return file;
}

#define FILE_COLUMNS \
  "path, size, mtime, title, artists, album, duration_ms, isrc, bpm, bpm_source, confidence, track_id, problem"

GPtrArray *
rsb_store_list_music_files (RsbStore    *self,
                            const char  *folder,
                            GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT " FILE_COLUMNS " FROM music_files WHERE " UNDER_FOLDER " ORDER BY path", error);
  g_autoptr(GPtrArray) files = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  files = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_music_file_free);
  bind_folder (stmt, folder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (files, read_file_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rsb_store_set_sql_error (self, error, _("read the music files already scanned"));
      return NULL;
    }
  return g_steal_pointer (&files);
}

gboolean
rsb_store_forget_music_folder (RsbStore    *self,
                               const char  *folder,
                               GError     **error)
{
  g_autoptr(GPtrArray) files = rsb_store_list_music_files (self, folder, error);
  gboolean own = !rsb_store_in_transaction (self);

  if (files == NULL)
    return FALSE;
  if (own && !rsb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      const RsbMusicFile *file = files->pdata[i];

      if (!rsb_store_forget_music_file (self, file->path, error))
        {
          if (own)
            rsb_store_rollback (self);
          return FALSE;
        }
    }
  return !own || rsb_store_commit (self, error);
}

gboolean
rsb_store_match_music_files (RsbStore  *self,
                             guint     *n_matched,
                             GError   **error)
{
  g_autoptr(GPtrArray) files = rsb_store_list_music_files (self, NULL, error);
  g_autoptr(RsbMusicMatcher) matcher = NULL;
  gboolean own = !rsb_store_in_transaction (self);
  gboolean any = FALSE;
  guint n = 0;

  if (n_matched != NULL)
    *n_matched = 0;
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len && !any; i++)
    any = ((RsbMusicFile *) files->pdata[i])->problem == NULL && ((RsbMusicFile *) files->pdata[i])->track_id == 0;
  /* Every file has its track: no need to index the library. */
  if (!any)
    return TRUE;
  if ((matcher = rsb_music_matcher_new (self, error)) == NULL)
    return FALSE;
  if (own && !rsb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      RsbMusicFile *file = files->pdata[i];

      /* Only a file that finds its track is written again. */
      if (file->problem != NULL || file->track_id != 0 || rsb_music_matcher_find (matcher, file) == 0)
        continue;
      if (!rsb_store_save_music_file (self, matcher, file, error))
        {
          if (own)
            rsb_store_rollback (self);
          return FALSE;
        }
      n += file->track_id != 0;
    }
  if (own && !rsb_store_commit (self, error))
    return FALSE;
  if (n_matched != NULL)
    *n_matched = n;
  return TRUE;
}

gboolean
rsb_store_music_summary (RsbStore         *self,
                         RsbMusicSummary  *summary,
                         GError          **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT count (*) FILTER (WHERE problem IS NULL),"
    " count (*) FILTER (WHERE problem IS NULL AND bpm IS NOT NULL),"
    " count (*) FILTER (WHERE problem IS NULL AND track_id IS NOT NULL),"
    " count (*) FILTER (WHERE problem IS NOT NULL) FROM music_files", error);
  int rc;

  memset (summary, 0, sizeof *summary);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      summary->n_files = sqlite3_column_int (stmt, 0);
      summary->n_with_tempo = sqlite3_column_int (stmt, 1);
      summary->n_matched = sqlite3_column_int (stmt, 2);
      summary->n_skipped = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return rsb_store_set_sql_error (self, error, _("read the music files already scanned"));
  return TRUE;
}
