/* rsb-store.c: the one SQLite file that holds a person's library.
 *
 * Streams are stored as one packed BLOB per column so that opening a
 * route is a single row read. Tokens and secrets never come here: they
 * live in the keyring.
 */
#include "config.h"

#include "rsb-store.h"
#include "rsb-store-private.h"
#include "rsb-matcher.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <errno.h>
#include <sqlite3.h>

/* No single play lasts longer than this; it bounds the index scan that
 * finds plays overlapping a workout. */
#define MAX_PLAY_MS (24 * G_GINT64_CONSTANT (3600000))

struct _RsbStore
{
  GObject      parent_instance;
  sqlite3     *db;
  char        *path;
  GHashTable  *statements;   /* SQL text (static) -> sqlite3_stmt */
  GHashTable  *track_ids;    /* track key -> id, valid inside committed data */

  /* Same-listen checks in the current transaction: the span of ends the
   * library held when it began (a play far outside it cannot be a
   * duplicate of a stored one), and the plays written since. */
  gboolean     span_known;
  gint64       span_first_end;
  gint64       span_last_end;
  GHashTable  *fresh_plays;  /* PlayKey -> NULL */
};

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
};

static gboolean
set_sql_error (RsbStore    *self,
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
    return set_sql_error (self, error, _("be updated"));
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
          set_sql_error (self, error, _("prepare a query"));
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
    return set_sql_error (self, error, _("save the change"));
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

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
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
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

static char *
column_strdup (sqlite3_stmt *stmt,
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

/* One file's plays repeat each other only when alike in all three. */
typedef struct {
  gint64 track_id;
  gint64 end_ms;
  gint64 ms_played;
} PlayKey;

static guint
play_key_hash (gconstpointer key)
{
  const PlayKey *k = key;

  return (guint) (k->track_id * 2654435761u) ^ (guint) k->end_ms ^ (guint) (k->end_ms >> 32);
}

static gboolean
play_key_equal (gconstpointer a,
                gconstpointer b)
{
  const PlayKey *ka = a, *kb = b;

  return ka->track_id == kb->track_id && ka->end_ms == kb->end_ms && ka->ms_played == kb->ms_played;
}

static void
forget_transaction (RsbStore *self)
{
  self->span_known = FALSE;
  g_hash_table_remove_all (self->fresh_plays);
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
  self->fresh_plays = g_hash_table_new_full (play_key_hash, play_key_equal, g_free, NULL);
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
  forget_transaction (self);
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rsb_store_commit (RsbStore  *self,
                  GError   **error)
{
  return exec (self, "COMMIT", error);
}

void
rsb_store_rollback (RsbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* Ids handed out inside the transaction no longer exist. */
  g_hash_table_remove_all (self->track_ids);
  forget_transaction (self);
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

/* An activity is already here when it has the same source identity, or
 * starts within a second of one we have: the same workout exported twice
 * or from two services. */
gint64
rsb_store_find_activity (RsbStore              *self,
                         const RsbActivityInfo *info)
{
  sqlite3_stmt *stmt = statement (self,
    "SELECT id FROM activities WHERE (source = ?1 AND source_id = ?2)"
    " OR (?3 IS NOT NULL AND start_ms BETWEEN ?3 - 1000 AND ?3 + 1000) LIMIT 1",
    NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  bind_text_or_null (stmt, 1, info->source);
  bind_text_or_null (stmt, 2, info->source_id);
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
  sqlite3_stmt *stmt = statement (self,
    "INSERT INTO activities (source, source_id, name, sport, start_ms, elapsed_s, moving_s,"
    " distance_m, min_lat, min_lon, max_lat, max_lon, clock_offset_ms, file_name, n_points,"
    " channels, id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  bind_text_or_null (stmt, 1, info->source);
  bind_text_or_null (stmt, 2, info->source_id);
  bind_text_or_null (stmt, 3, info->name != NULL ? info->name : "");
  bind_text_or_null (stmt, 4, info->sport);
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
  bind_text_or_null (stmt, 14, info->file_name);
  sqlite3_bind_int (stmt, 15, streams ? streams->n_points : 0);
  sqlite3_bind_int64 (stmt, 16, rsb_streams_channels (streams));
  if (id != 0)
    sqlite3_bind_int64 (stmt, 17, id);
  return step_done (self, stmt, error);
}

/* Columns are written as the host's doubles; every platform we ship on
 * is little-endian IEEE 754, and load_streams checks the length. */
static gboolean
insert_streams_row (RsbStore          *self,
                    gint64             activity_id,
                    const RsbStreams  *streams,
                    GError           **error)
{
  sqlite3_stmt *stmt = statement (self,
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
  return step_done (self, stmt, error);
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
  sqlite3_stmt *stmt = statement (self, "DELETE FROM activities WHERE id = ?", error);

  g_return_val_if_fail (id > 0, FALSE);

  if (stmt == NULL)
    return FALSE;
  /* The streams row goes with it (ON DELETE CASCADE). */
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (self, stmt, error) && write_activity (self, id, info, streams, error) != 0;
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
  sqlite3_stmt *stmt = statement (self,
    "UPDATE activities SET source = ?2, source_id = ?3, name = ?4, sport = ?5 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text_or_null (stmt, 2, info->source);
  bind_text_or_null (stmt, 3, info->source_id);
  bind_text_or_null (stmt, 4, info->name != NULL ? info->name : "");
  bind_text_or_null (stmt, 5, info->sport);
  return step_done (self, stmt, error);
}

static char *
track_key (const RsbTrack *track)
{
  if (track->uri != NULL)
    return g_strdup (track->uri);
  return g_strconcat ("\x1f", track->title ? track->title : "", "\x1f",
                      track->artists ? track->artists : "", NULL);
}

static gint64
first_id (sqlite3_stmt *stmt)
{
  gint64 id = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* Files without URIs name tracks by title and artist only; a track
 * with a URI may be one of those, met first in account data. */
static gint64
find_track_by_name (RsbStore       *self,
                    const RsbTrack *track,
                    gboolean        without_uri)
{
  sqlite3_stmt *stmt = without_uri
    ? statement (self, "SELECT id FROM tracks WHERE title = ? AND artists IS ? AND uri IS NULL LIMIT 1", NULL)
    : statement (self, "SELECT id FROM tracks WHERE title = ? AND artists IS ? LIMIT 1", NULL);

  if (stmt == NULL)
    return 0;
  bind_text_or_null (stmt, 1, track->title);
  bind_text_or_null (stmt, 2, track->artists);
  return first_id (stmt);
}

/* A track known only by name takes the URI when it is first given, so
 * that the same listen from the account data and the extended history
 * (in either order) is one track, and one play. */
static gboolean
adopt_uri (RsbStore        *self,
           gint64           id,
           const char      *uri,
           GError         **error)
{
  sqlite3_stmt *stmt = statement (self, "UPDATE tracks SET uri = ?2 WHERE id = ?1 AND uri IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, uri, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/* Sets *id to the stored track, 0 when there is none; FALSE only when
 * the library could not be written. */
static gboolean
find_track (RsbStore        *self,
            const RsbTrack  *track,
            gint64          *id,
            GError         **error)
{
  sqlite3_stmt *stmt;

  if (track->uri == NULL)
    {
      *id = find_track_by_name (self, track, FALSE);
      return TRUE;
    }
  stmt = statement (self, "SELECT id FROM tracks WHERE uri = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, track->uri, -1, SQLITE_STATIC);
  if ((*id = first_id (stmt)) != 0)
    return TRUE;
  *id = find_track_by_name (self, track, TRUE);
  return *id == 0 || adopt_uri (self, *id, track->uri, error);
}

static gint64
insert_track (RsbStore        *self,
              const RsbTrack  *track,
              GError         **error)
{
  sqlite3_stmt *stmt = statement (self,
    "INSERT INTO tracks (uri, title, artists, album, duration_ms, isrc, artwork_url)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return 0;
  bind_text_or_null (stmt, 1, track->uri);
  bind_text_or_null (stmt, 2, track->title != NULL ? track->title : "");
  bind_text_or_null (stmt, 3, track->artists);
  bind_text_or_null (stmt, 4, track->album);
  sqlite3_bind_int64 (stmt, 5, track->duration_ms);
  bind_text_or_null (stmt, 6, track->isrc);
  bind_text_or_null (stmt, 7, track->artwork_url);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* The history exports name a track but say nothing of its length,
 * code or cover; the API does. A track first met in an export gains
 * what the API tells later, without losing what it had. */
static gboolean
enrich_track (RsbStore        *self,
              gint64           id,
              const RsbTrack  *track,
              GError         **error)
{
  sqlite3_stmt *stmt;

  if (track->artwork_url == NULL && track->isrc == NULL)
    return TRUE;
  stmt = statement (self,
    "UPDATE tracks SET album = coalesce(album, ?2),"
    " duration_ms = CASE WHEN duration_ms = 0 THEN ?3 ELSE duration_ms END,"
    " isrc = coalesce(isrc, ?4), artwork_url = coalesce(artwork_url, ?5)"
    " WHERE id = ?1 AND (artwork_url IS NULL OR isrc IS NULL OR duration_ms = 0 OR album IS NULL)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text_or_null (stmt, 2, track->album);
  sqlite3_bind_int64 (stmt, 3, track->duration_ms);
  bind_text_or_null (stmt, 4, track->isrc);
  bind_text_or_null (stmt, 5, track->artwork_url);
  return step_done (self, stmt, error);
}

static gint64
ensure_track (RsbStore        *self,
              const RsbTrack  *track,
              GError         **error)
{
  g_autofree char *key = track_key (track);
  gint64 id = GPOINTER_TO_SIZE (g_hash_table_lookup (self->track_ids, key));

  if (id != 0)
    return enrich_track (self, id, track, error) ? id : 0;
  if (!find_track (self, track, &id, error))
    return 0;
  if (id != 0 && !enrich_track (self, id, track, error))
    return 0;
  if (id == 0)
    id = insert_track (self, track, error);
  if (id != 0)
    g_hash_table_insert (self->track_ids, g_steal_pointer (&key), GSIZE_TO_POINTER (id));
  return id;
}

/* The stored play that is this same listen, if any: 0 when none. The
 * song may be stored under another track of the same title and artists
 * (a single and its album version, met first in account data). */
static gint64
find_same_play (RsbStore      *self,
                const RsbPlay *play,
                gint64        *stored_precision)
{
  gint64 tolerance = MAX (play->precision_ms, 60000) + RSB_SAME_PLAY_SLACK_MS;
  sqlite3_stmt *stmt = statement (self,
    "SELECT p.id, p.end_ms, p.precision_ms, p.ms_played, p.source FROM plays p JOIN tracks t ON t.id = p.track_id"
    " WHERE p.end_ms BETWEEN ?2 AND ?3 AND (p.track_id = ?1 OR (t.title = ?4 AND t.artists IS ?5))",
    NULL);
  gint64 found = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, play->track_id);
  sqlite3_bind_int64 (stmt, 2, play->end_ms - tolerance);
  sqlite3_bind_int64 (stmt, 3, play->end_ms + tolerance);
  bind_text_or_null (stmt, 4, play->track.title != NULL ? play->track.title : "");
  bind_text_or_null (stmt, 5, play->track.artists);
  while (found == 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      RsbPlay stored = {
        .track_id = play->track_id,
        .end_ms = sqlite3_column_int64 (stmt, 1),
        .precision_ms = sqlite3_column_int64 (stmt, 2),
        .ms_played = sqlite3_column_int64 (stmt, 3),
      };

      if (rsb_play_source_from_string ((const char *) sqlite3_column_text (stmt, 4), &stored.source) &&
          rsb_play_is_same_as (play, &stored))
        {
          found = sqlite3_column_int64 (stmt, 0);
          *stored_precision = stored.precision_ms;
        }
    }
  sqlite3_reset (stmt);
  return found;
}

static void
learn_span (RsbStore *self)
{
  sqlite3_stmt *stmt = statement (self, "SELECT min (end_ms), max (end_ms) FROM plays", NULL);

  self->span_known = TRUE;
  self->span_first_end = G_MAXINT64;
  self->span_last_end = G_MININT64;
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      self->span_first_end = sqlite3_column_int64 (stmt, 0);
      self->span_last_end = sqlite3_column_int64 (stmt, 1);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* The stored listen this play repeats, or 0. The library is asked only
 * when the play falls in the span it held; plays written by this
 * transaction (one file) repeat each other exactly when they do. */
static gint64
find_repeat (RsbStore      *self,
             const RsbPlay *play,
             gint64        *stored_precision)
{
  gint64 tolerance = MAX (play->precision_ms, 60000) + RSB_SAME_PLAY_SLACK_MS;
  PlayKey key = { play->track_id, play->end_ms, rsb_play_known_ms_played (play) };
  gint64 found;

  if (!self->span_known)
    learn_span (self);
  if (play->end_ms + tolerance >= self->span_first_end && play->end_ms - tolerance <= self->span_last_end &&
      (found = find_same_play (self, play, stored_precision)) != 0)
    return found;
  if (!g_hash_table_contains (self->fresh_plays, &key))
    return 0;
  *stored_precision = play->precision_ms;
  return -1;
}

static void
bind_play_fields (sqlite3_stmt  *stmt,
                  const RsbPlay *play)
{
  sqlite3_bind_int64 (stmt, 1, play->track_id);
  sqlite3_bind_int64 (stmt, 2, play->start_ms);
  sqlite3_bind_int64 (stmt, 3, play->end_ms);
  sqlite3_bind_int64 (stmt, 4, play->ms_played);
  sqlite3_bind_text (stmt, 5, rsb_play_source_to_string (play->source), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, play->precision_ms);
  sqlite3_bind_int (stmt, 7, play->skipped);
  sqlite3_bind_int (stmt, 8, play->offline);
}

static gboolean
write_play (RsbStore       *self,
            const RsbPlay  *play,
            gint64          replace_id,
            GError        **error)
{
  sqlite3_stmt *stmt;

  if (replace_id != 0)
    stmt = statement (self,
      "UPDATE plays SET track_id = ?1, start_ms = ?2, end_ms = ?3, ms_played = ?4, source = ?5,"
      " precision_ms = ?6, skipped = ?7, offline = ?8 WHERE id = ?9",
      error);
  else
    stmt = statement (self,
      "INSERT INTO plays (track_id, start_ms, end_ms, ms_played, source, precision_ms, skipped, offline)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      error);
  if (stmt == NULL)
    return FALSE;
  bind_play_fields (stmt, play);
  if (replace_id != 0)
    sqlite3_bind_int64 (stmt, 9, replace_id);
  return step_done (self, stmt, error);
}

/* Stores a play once: the same listen from another source is kept from
 * whichever source is more precise. *added tells whether the library
 * gained a play. Must run inside a transaction; the caller refreshes
 * the matches of the time range it touched. */
gboolean
rsb_store_add_play (RsbStore       *self,
                    const RsbPlay  *play,
                    gboolean       *added,
                    GError        **error)
{
  RsbPlay resolved = *play;
  gint64 stored_precision = 0;
  gint64 same;

  *added = FALSE;
  resolved.track_id = ensure_track (self, &play->track, error);
  if (resolved.track_id == 0)
    return FALSE;

  same = find_repeat (self, &resolved, &stored_precision);
  if (same == 0)
    {
      PlayKey key = { resolved.track_id, resolved.end_ms, rsb_play_known_ms_played (&resolved) };

      g_hash_table_add (self->fresh_plays, g_memdup2 (&key, sizeof key));
      *added = TRUE;
      return write_play (self, &resolved, 0, error);
    }
  if (same > 0 && resolved.precision_ms < stored_precision)
    return write_play (self, &resolved, same, error);
  return TRUE;
}

#define ACTIVITY_COLUMNS \
  "id, source, source_id, name, sport, start_ms, elapsed_s, moving_s, distance_m," \
  " min_lat, min_lon, max_lat, max_lon, clock_offset_ms, file_name, n_points, n_songs, coverage," \
  " channels"

static RsbActivityInfo *
activity_from_row (sqlite3_stmt *stmt)
{
  RsbActivityInfo *info = rsb_activity_info_new ();

  info->id = sqlite3_column_int64 (stmt, 0);
  info->source = column_strdup (stmt, 1);
  info->source_id = column_strdup (stmt, 2);
  info->name = column_strdup (stmt, 3);
  info->sport = column_strdup (stmt, 4);
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
  info->file_name = column_strdup (stmt, 14);
  info->n_points = sqlite3_column_int (stmt, 15);
  info->n_songs = sqlite3_column_int (stmt, 16);
  info->coverage = sqlite3_column_double (stmt, 17);
  info->channels = (guint32) sqlite3_column_int64 (stmt, 18);
  return info;
}

/* Newest first; routes without times last. */
GPtrArray *
rsb_store_list_activities (RsbStore  *self,
                           GError   **error)
{
  sqlite3_stmt *stmt = statement (self,
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
      set_sql_error (self, error, _("list the activities"));
      return NULL;
    }
  return list;
}

RsbActivityInfo *
rsb_store_get_activity (RsbStore  *self,
                        gint64     id,
                        GError   **error)
{
  sqlite3_stmt *stmt = statement (self,
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
  sqlite3_stmt *stmt = statement (self,
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

static RsbPlay *
play_from_row (sqlite3_stmt *stmt)
{
  RsbPlay *play = rsb_play_new ();

  play->id = sqlite3_column_int64 (stmt, 0);
  play->track_id = sqlite3_column_int64 (stmt, 1);
  play->start_ms = sqlite3_column_int64 (stmt, 2);
  play->end_ms = sqlite3_column_int64 (stmt, 3);
  play->ms_played = sqlite3_column_int64 (stmt, 4);
  rsb_play_source_from_string ((const char *) sqlite3_column_text (stmt, 5), &play->source);
  play->precision_ms = sqlite3_column_int64 (stmt, 6);
  play->skipped = sqlite3_column_int (stmt, 7);
  play->offline = sqlite3_column_int (stmt, 8);
  play->track.uri = column_strdup (stmt, 9);
  play->track.title = column_strdup (stmt, 10);
  play->track.artists = column_strdup (stmt, 11);
  play->track.album = column_strdup (stmt, 12);
  play->track.duration_ms = sqlite3_column_int64 (stmt, 13);
  play->track.isrc = column_strdup (stmt, 14);
  play->track.artwork_url = column_strdup (stmt, 15);
  return play;
}

/* Plays that were sounding at any moment of [from_ms, to_ms], in start order. */
GPtrArray *
rsb_store_plays_between (RsbStore  *self,
                         gint64     from_ms,
                         gint64     to_ms,
                         GError   **error)
{
  sqlite3_stmt *stmt = statement (self,
    "SELECT p.id, p.track_id, p.start_ms, p.end_ms, p.ms_played, p.source, p.precision_ms,"
    " p.skipped, p.offline, t.uri, t.title, t.artists, t.album, t.duration_ms, t.isrc, t.artwork_url"
    " FROM plays p JOIN tracks t ON t.id = p.track_id"
    " WHERE p.end_ms > ?3 AND p.end_ms <= ?2 + ?4 AND p.start_ms <= ?2 ORDER BY p.start_ms, p.id",
    error);
  GPtrArray *plays;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, to_ms);
  sqlite3_bind_int64 (stmt, 3, from_ms);
  sqlite3_bind_int64 (stmt, 4, MAX_PLAY_MS);
  plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (plays, play_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (plays);
      set_sql_error (self, error, _("read the plays"));
      return NULL;
    }
  return plays;
}

GPtrArray *
rsb_store_plays_for_activity (RsbStore               *self,
                              const RsbActivityInfo  *info,
                              GError                **error)
{
  /* Every offset the user may still choose is covered, so changing it
   * re-matches without another query. */
  gint64 from = info->start_ms - RSB_MAX_CLOCK_OFFSET_MS;
  gint64 to = info->start_ms + (gint64) ceil (info->elapsed_s * 1000.0) + RSB_MAX_CLOCK_OFFSET_MS;

  if (!rsb_activity_info_has_times (info))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  return rsb_store_plays_between (self, from, to, error);
}

static gboolean
save_match (RsbStore        *self,
            gint64           activity_id,
            const RsbMatch  *match,
            GError         **error)
{
  sqlite3_stmt *stmt = statement (self,
    "UPDATE activities SET n_songs = ?, coverage = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, match->n_songs);
  sqlite3_bind_double (stmt, 2, match->coverage);
  sqlite3_bind_int64 (stmt, 3, activity_id);
  return step_done (self, stmt, error);
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
  return save_match (self, activity_id, match, error);
}

static GArray *
activities_overlapping (RsbStore  *self,
                        gint64     from_ms,
                        gint64     to_ms,
                        GError   **error)
{
  /* Clock offsets are small; a day of slack keeps the query on the index. */
  sqlite3_stmt *stmt = statement (self,
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
  stmt = statement (self, "UPDATE activities SET clock_offset_ms = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, offset_ms);
  sqlite3_bind_int64 (stmt, 2, activity_id);
  if (!step_done (self, stmt, error) || !refresh_match (self, activity_id, error) ||
      !rsb_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  rsb_store_rollback (self);
  return FALSE;
}

gint64
rsb_store_count_plays (RsbStore *self)
{
  sqlite3_stmt *stmt = statement (self, "SELECT count(*) FROM plays", NULL);
  gint64 count = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}
