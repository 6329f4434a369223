/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store.c: the one SQLite file that holds a person's library: its
 * schema and migrations, the connection, transactions, the statement
 * cache and the imported files. Activities are in rsb-store-activities.c,
 * plays and tracks in rsb-store-plays.c.
 *
 * Streams are stored as one packed BLOB per column so that opening a
 * route is a single row read. Tokens and secrets never come here: they
 * live in the keyring.
 */
#include "config.h"

#include "rsb-store.h"
#include "rsb-store-private.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <sqlite3.h>

G_DEFINE_TYPE (RsbStore, rsb_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (rsb-store-error-quark, rsb_store_error)

/* Forward migrations: entry i brings user_version from i to i + 1. */
static const char *migrations[] = {
  "CREATE TABLE activities ("
  "  id INTEGER PRIMARY KEY,"
  "  source TEXT NOT NULL,"
  "  source_id TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  sport TEXT,"
  "  start_ms INTEGER,"
  "  elapsed_s REAL NOT NULL DEFAULT 0,"
  "  moving_s REAL NOT NULL DEFAULT 0,"
  "  distance_m REAL NOT NULL DEFAULT 0,"
  "  min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL,"
  "  clock_offset_ms INTEGER NOT NULL DEFAULT 0,"
  "  file_name TEXT,"
  "  n_points INTEGER NOT NULL DEFAULT 0,"
  "  n_songs INTEGER NOT NULL DEFAULT 0,"
  "  coverage REAL NOT NULL DEFAULT 0,"
  "  UNIQUE (source, source_id));"
  "CREATE INDEX activities_by_start ON activities (start_ms);"
  "CREATE TABLE streams ("
  "  activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,"
  "  time BLOB, lat BLOB, lon BLOB, altitude BLOB, heart_rate BLOB,"
  "  cadence BLOB, distance BLOB, speed BLOB);"
  "CREATE TABLE tracks ("
  "  id INTEGER PRIMARY KEY,"
  "  uri TEXT UNIQUE,"
  "  title TEXT NOT NULL,"
  "  artists TEXT,"
  "  album TEXT,"
  "  duration_ms INTEGER NOT NULL DEFAULT 0,"
  "  isrc TEXT,"
  "  artwork_url TEXT,"
  "  bpm REAL,"
  "  bpm_source TEXT);"
  "CREATE INDEX tracks_by_title ON tracks (title, artists);"
  "CREATE TABLE plays ("
  "  id INTEGER PRIMARY KEY,"
  "  track_id INTEGER NOT NULL REFERENCES tracks (id),"
  "  start_ms INTEGER NOT NULL,"
  "  end_ms INTEGER NOT NULL,"
  "  ms_played INTEGER NOT NULL,"
  "  source TEXT NOT NULL,"
  "  precision_ms INTEGER NOT NULL,"
  "  skipped INTEGER NOT NULL DEFAULT 0,"
  "  offline INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX plays_by_start ON plays (start_ms);"
  "CREATE INDEX plays_by_track ON plays (track_id, end_ms);"
  "CREATE TABLE imported_files ("
  "  hash TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  n_items INTEGER NOT NULL,"
  "  imported_at INTEGER NOT NULL);"
  "CREATE TABLE accounts ("
  "  service TEXT PRIMARY KEY,"
  "  account_id TEXT,"
  "  display_name TEXT,"
  "  connected_at INTEGER);"
  "CREATE TABLE sync_state ("
  "  service TEXT PRIMARY KEY REFERENCES accounts (service) ON DELETE CASCADE,"
  "  cursor TEXT,"
  "  last_sync_at INTEGER,"
  "  rate_window_resets_at INTEGER);",

  /* One index on end time serves both the same-listen check (a window of
   * ends, then the track) and the plays around a workout: a second index
   * cost every imported play another B-tree insert. */
  "DROP INDEX plays_by_start;"
  "DROP INDEX plays_by_track;"
  "CREATE INDEX plays_by_end ON plays (end_ms);",

  /* A refused refresh token must show as "Reconnect" until the user
   * does, across restarts. */
  "ALTER TABLE accounts ADD COLUMN needs_reconnect INTEGER NOT NULL DEFAULT 0;",

  /* Which columns each activity recorded (RSB_STREAM_BIT, in
   * RsbStreamKind order), so that two recordings of one workout are
   * weighed from their rows alone, without reading a stream. */
  "ALTER TABLE activities ADD COLUMN channels INTEGER NOT NULL DEFAULT 0;"
  /* SQL's << binds no tighter than |: hence the brackets. */
  "UPDATE activities SET channels = (SELECT (time IS NOT NULL) | ((lat IS NOT NULL) << 1)"
  "  | ((lon IS NOT NULL) << 2) | ((altitude IS NOT NULL) << 3) | ((heart_rate IS NOT NULL) << 4)"
  "  | ((cadence IS NOT NULL) << 5) | ((distance IS NOT NULL) << 6) | ((speed IS NOT NULL) << 7)"
  "  FROM streams WHERE activity_id = activities.id)"
  " WHERE id IN (SELECT activity_id FROM streams);",

  /* Tempo (issue 12). Each source's word on a track's tempo is kept, so
   * that a hand value taken back, or a file gone from the music folder,
   * lets the next source in rank speak again; tracks.bpm, bpm_source and
   * bpm_confidence cache the winner for the readers of plays. */
  "CREATE TABLE track_tempi ("
  "  track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,"
  "  source TEXT NOT NULL,"
  "  bpm REAL NOT NULL,"
  "  confidence REAL NOT NULL,"
  "  PRIMARY KEY (track_id, source)) WITHOUT ROWID;"
  "ALTER TABLE tracks ADD COLUMN bpm_confidence REAL;"
  "ALTER TABLE tracks ADD COLUMN energy REAL;"
  "UPDATE tracks SET bpm = NULL, bpm_source = NULL;"
  /* Which online service was asked about which track and what it said
   * ("found", "unknown": known without a tempo, "missing": not in its
   * catalogue), so that a lookup stopped by a quota resumes where it
   * stopped and nothing is asked twice. "spotify" records the ISRC
   * lookups through the user's account. */
  "CREATE TABLE tempo_lookups ("
  "  track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,"
  "  service TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  looked_up_at INTEGER NOT NULL,"
  "  PRIMARY KEY (track_id, service)) WITHOUT ROWID;"
  /* The user's music files as the last scan read them: a file whose
   * size and mtime are unchanged is not read again. problem says why
   * a file was skipped; track_id is the track it was matched to. */
  "CREATE TABLE music_files ("
  "  path TEXT PRIMARY KEY,"
  "  size INTEGER NOT NULL,"
  "  mtime INTEGER NOT NULL,"
  "  title TEXT,"
  "  artists TEXT,"
  "  album TEXT,"
  "  duration_ms INTEGER NOT NULL DEFAULT 0,"
  "  isrc TEXT,"
  "  bpm REAL,"
  "  bpm_source TEXT,"
  "  confidence REAL,"
  "  track_id INTEGER REFERENCES tracks (id) ON DELETE SET NULL,"
  "  problem TEXT,"
  "  scanned_at INTEGER NOT NULL);"
  "CREATE INDEX music_files_by_track ON music_files (track_id);"
  /* ISRCs in one spelling (rsb_track_match_isrc): upper case, no
   * hyphens or spaces, as the music scan and the lookups compare them. */
  "UPDATE tracks SET isrc = upper(replace(replace(isrc, '-', ''), ' ', '')) WHERE isrc IS NOT NULL;"
  "CREATE INDEX tracks_by_isrc ON tracks (isrc);"
  /* The scope names the user granted when connecting (never a token):
   * an account connected before playlists is asked to reconnect for
   * them. NULL: connected before the scopes were kept. */
  "ALTER TABLE accounts ADD COLUMN scopes TEXT;"
  /* The Tempo page's measure of each workout's song segments
   * (rsb-store-tempo-points.c), packed in one BLOB a workout: reading
   * every route again each time would take seconds on a large library,
   * and 3,000 rows read faster than 30,000. Re-matching a workout
   * forgets its row; sport is the one it was measured under. */
  "CREATE TABLE tempo_points ("
  "  activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,"
  "  sport TEXT,"
  "  points BLOB NOT NULL);",
  /* A workout read from a damaged file: what was lost, in the words of
   * the import's warning; NULL for a whole file. */
  "ALTER TABLE activities ADD COLUMN recovered TEXT;",
};

gboolean
rsb_store_set_sql_error (RsbStore    *self,
                         GError     **error,
                         const char  *what)
{
  g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_SQL,
               /* Translators: what failed ("be updated", "save the change"),
                  then SQLite's own (English) message */
               _("The library database could not %s: %s"), what, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (RsbStore    *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return rsb_store_set_sql_error (self, error, _("be updated"));
  return TRUE;
}

/* Cached prepared statement, reset and ready to bind. The SQL must be a
 * string literal: its address is the cache key. */
static sqlite3_stmt *
statement (RsbStore    *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          rsb_store_set_sql_error (self, error, _("prepare a query"));
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

sqlite3_stmt *
rsb_store_statement (RsbStore    *self,
                     const char  *sql,
                     GError     **error)
{
  return statement (self, sql, error);
}

static gboolean
step_done (RsbStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return rsb_store_set_sql_error (self, error, _("save the change"));
  return TRUE;
}

gboolean
rsb_store_in_transaction (RsbStore *self)
{
  return !sqlite3_get_autocommit (self->db);
}

gboolean
rsb_store_step_done (RsbStore      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  return step_done (self, stmt, error);
}

void
rsb_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           column,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

char *
rsb_store_column_strdup (sqlite3_stmt *stmt,
                         int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
rsb_store_finalize (GObject *object)
{
  RsbStore *self = RSB_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->track_ids, g_hash_table_unref);
  g_clear_pointer (&self->track_offers, g_hash_table_unref);
  g_clear_pointer (&self->fresh_plays, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (rsb_store_parent_class)->finalize (object);
}

static void
rsb_store_class_init (RsbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rsb_store_init (RsbStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->track_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->track_offers = g_hash_table_new (NULL, NULL);
  self->fresh_plays = rsb_store_play_set_new ();
  self->changed_first_ms = G_MAXINT64;
  self->changed_last_ms = G_MININT64;
}

/* $RSB_DATA_DIR lets tests and portable setups keep the library elsewhere. */
char *
rsb_store_default_path (void)
{
  const char *dir = g_getenv ("RSB_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "library.db", NULL);
  return g_build_filename (g_get_user_data_dir (), "run-sous-bpm", "library.db", NULL);
}

static int
user_version (RsbStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (RsbStore  *self,
         GError   **error)
{
  int version = user_version (self);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_NEWER_SCHEMA,
                   _("The library at %s was written by a newer version of %s"),
                   self->path, APP_NAME);
      return FALSE;
    }

  for (; version < (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!rsb_store_begin (self, error))
        return FALSE;
      if (!exec (self, migrations[version], error) || !exec (self, bump, error))
        {
          rsb_store_rollback (self);
          return FALSE;
        }
      if (!rsb_store_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
configure (RsbStore  *self,
           gboolean   on_disk,
           GError   **error)
{
  sqlite3_busy_timeout (self->db, 5000);
  /* WAL lets the window read while an import writes; NORMAL sync keeps
   * every commit atomic, only the last ones may be lost on power cut. */
  if (on_disk && !exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
    return FALSE;
  /* 64 MB of page cache: a whole listening history fits in one
   * transaction without spilling pages to the log halfway. */
  if (!exec (self, "PRAGMA cache_size = -65536", error))
    return FALSE;
  return exec (self, "PRAGMA foreign_keys = ON", error) && migrate (self, error);
}

static RsbStore *
open_path (const char  *path,
           gboolean     on_disk,
           GError     **error)
{
  g_autoptr(RsbStore) self = g_object_new (RSB_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  /* NOMUTEX: a store is used by one thread at a time (each import thread
   * opens its own), so SQLite's per-call locking is pure cost. */
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_OPEN,
                   _("The library at %s could not be opened: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  if (!configure (self, on_disk, error))
    return NULL;
  return g_steal_pointer (&self);
}

RsbStore *
rsb_store_open (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_OPEN,
                   _("The folder %s for the library could not be created: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }
  return open_path (path, TRUE, error);
}

/* A private library that vanishes on close, for the sample run. */
RsbStore *
rsb_store_open_memory (GError **error)
{
  return open_path (":memory:", FALSE, error);
}

const char *
rsb_store_get_path (RsbStore *self)
{
  return self->path;
}

gboolean
rsb_store_begin (RsbStore  *self,
                 GError   **error)
{
  /* IMMEDIATE takes the write lock up front, so a concurrent writer waits
   * here rather than failing halfway through an import. */
  rsb_store_forget_plays (self);
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rsb_store_commit (RsbStore  *self,
                  GError   **error)
{
  if (exec (self, "COMMIT", error))
    return TRUE;
  /* A COMMIT refused (the database busy past its timeout, a full disk)
   * leaves the transaction open, and every later BEGIN on this
   * connection would fail: the batch is given up whole instead, as its
   * caller reports. */
  rsb_store_rollback (self);
  return FALSE;
}

void
rsb_store_rollback (RsbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* Ids handed out inside the transaction no longer exist. */
  g_hash_table_remove_all (self->track_ids);
  g_hash_table_remove_all (self->track_offers);
  rsb_store_forget_plays (self);
}

gboolean
rsb_store_has_file (RsbStore   *self,
                    const char *hash)
{
  sqlite3_stmt *stmt = statement (self, "SELECT 1 FROM imported_files WHERE hash = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
rsb_store_add_file (RsbStore    *self,
                    const char  *hash,
                    const char  *name,
                    guint        n_items,
                    GError     **error)
{
  sqlite3_stmt *stmt = statement (self,
    "INSERT OR IGNORE INTO imported_files (hash, name, n_items, imported_at) VALUES (?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, n_items);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / 1000);
  return step_done (self, stmt, error);
}

gboolean
rsb_store_has_source (RsbStore   *self,
                      const char *source,
                      const char *source_id)
{
  sqlite3_stmt *stmt = statement (self, "SELECT 1 FROM activities WHERE source = ? AND source_id = ?", NULL);
  gboolean found;

  if (stmt == NULL || source_id == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source_id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}
