/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-music-scan.c: the music folders scan. One coordinator thread
 * walks the folders and hands new or changed files to worker threads
 * (one GstDiscoverer each, at most one per core); the results come back
 * to the caller's thread in batches, which alone writes the store, one
 * transaction a batch. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rsb-music-scan.h"
#include "rsb-audio-tags.h"
#include "rsb-audio-tempo.h"
#include "rsb-store-music.h"

/* Files written to the store in one transaction, and how long the
 * coordinator holds a partial batch before sending it anyway. */
#define BATCH_FILES    64
#define BATCH_WAIT_US  (250 * G_TIME_SPAN_MILLISECOND)
/* Walk progress is reported every so many files found. */
#define WALK_REPORT    500

struct _RsbMusicScan
{
  GObject            parent_instance;
  RsbStore          *store;
  gboolean           running;
  RsbMusicScanStats  stats;
};

G_DEFINE_FINAL_TYPE (RsbMusicScan, rsb_music_scan, G_TYPE_OBJECT)

enum { SIGNAL_PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Queue markers: no more jobs; a worker has stopped. */
static char JOB_END;
static char WORKER_DONE;

typedef struct {
  gboolean           done;
  guint              seen;
  guint              finished;   /* unchanged, read or skipped so far */
  GPtrArray         *files;      /* RsbMusicFile: to write */
  GPtrArray         *vanished;   /* paths to forget (done only) */
  RsbMusicScanStats  stats;      /* done only */
} Message;

typedef struct {
  /* Set before the threads start, then only read. */
  GMainContext *context;
  GCancellable *cancellable;
  char        **folders;
  GHashTable   *stamps;         /* path -> RsbMusicStamp, from the store */
  GAsyncQueue  *to_main;        /* Message */
  GAsyncQueue  *jobs;           /* RsbMusicFile to read, or &JOB_END */
  GAsyncQueue  *results;        /* RsbMusicFile read, or &WORKER_DONE */
  GThread      *coordinator;
  GTask        *task;           /* owns this Run; its own reference ends in finish() */

  /* The coordinator's. */
  GHashTable   *seen;           /* paths found, and paths with a problem */
  GHashTable   *visited_dirs;   /* "dev:inode" */
  GPtrArray    *unreachable;    /* folders that could not be read: keep their files */
  GPtrArray    *batch;
  RsbMusicScanStats stats;
  guint         finished;

  /* The caller's thread's. */
  RsbMusicMatcher *matcher;
  GError          *write_error;
} Run;

static void
message_free (Message *message)
{
  g_clear_pointer (&message->files, g_ptr_array_unref);
  g_clear_pointer (&message->vanished, g_ptr_array_unref);
  g_free (message);
}

static void
run_free (Run *run)
{
  if (run->coordinator != NULL)
    g_thread_join (run->coordinator);
  g_main_context_unref (run->context);
  g_clear_object (&run->cancellable);
  g_strfreev (run->folders);
  g_hash_table_unref (run->stamps);
  g_async_queue_unref (run->to_main);
  g_async_queue_unref (run->jobs);
  g_async_queue_unref (run->results);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_clear_pointer (&run->visited_dirs, g_hash_table_unref);
  g_clear_pointer (&run->unreachable, g_ptr_array_unref);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->matcher, rsb_music_matcher_free);
  g_clear_error (&run->write_error);
  g_free (run);
}

gboolean
rsb_music_scan_is_audio_name (const char *name)
{
  static const char *const extensions[] = {
    ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".aac", ".wav", ".aif", ".aiff", ".wma", ".wv", ".ape",
  };
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot, extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Worker threads ------------------------------------------------------ */

/* Tags, then the tag's BPM or else an estimate. Returns FALSE when the
 * scan was cancelled meanwhile: the file is then not recorded. */
static gboolean
read_one (RsbAudioTagReader *reader,
          RsbMusicFile      *file,
          GCancellable      *cancellable)
{
  RsbAudioTags tags;
  RsbTempoEstimate estimate = { 0, };
  g_autoptr(GError) error = NULL;

  if (!rsb_audio_tag_reader_read (reader, file->path, &tags, &error))
    {
      file->problem = g_strdup (error->message);
      return TRUE;
    }
  file->title = g_steal_pointer (&tags.title);
  file->artists = g_steal_pointer (&tags.artists);
  file->album = g_steal_pointer (&tags.album);
  file->isrc = g_steal_pointer (&tags.isrc);
  file->duration_ms = tags.duration_ms;
  if (rsb_tempo_bpm_is_valid (tags.bpm))
    {
      file->bpm = tags.bpm;
      file->bpm_source = RSB_TEMPO_SOURCE_FILE_TAG;
      file->confidence = 1.0;
      return TRUE;
    }
  if (rsb_audio_estimate_tempo (file->path, cancellable, &estimate, &error) &&
      rsb_tempo_bpm_is_valid (estimate.bpm))
    {
      file->bpm = estimate.bpm;
      file->bpm_source = RSB_TEMPO_SOURCE_ESTIMATE;
      file->confidence = estimate.confidence;
      return TRUE;
    }
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  /* Tags without a tempo are of no use to anyone: say why. */
  if (error != NULL)
    file->problem = g_strdup (error->message);
  return TRUE;
}

static gpointer
work (gpointer data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAudioTagReader) reader = rsb_audio_tag_reader_new (&error);
  gpointer item;

  while ((item = g_async_queue_pop (run->jobs)) != &JOB_END)
    {
      RsbMusicFile *file = item;

      if (g_cancellable_is_cancelled (run->cancellable) ||
          (reader != NULL && !read_one (reader, file, run->cancellable)))
        {
          rsb_music_file_free (file);
          continue;
        }
      if (reader == NULL)
        file->problem = g_strdup (error->message);
      g_async_queue_push (run->results, file);
    }
  g_async_queue_push (run->results, &WORKER_DONE);
  return NULL;
}

/* The coordinator ------------------------------------------------------ */

static gboolean
drain (gpointer data);

static void
send (Run     *run,
      Message *message)
{
  message->seen = run->stats.n_seen;
  message->finished = run->finished;
  g_async_queue_push (run->to_main, message);
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, drain, g_object_ref (run->task), g_object_unref);
}

static void
flush (Run *run)
{
  Message *message;

  if (run->batch->len == 0)
    return;
  message = g_new0 (Message, 1);
  message->files = g_steal_pointer (&run->batch);
  run->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_music_file_free);
  send (run, message);
}

static void
add_result (Run          *run,
            RsbMusicFile *file)
{
  run->finished++;
  if (file->problem != NULL)
    run->stats.n_problems++;
  g_ptr_array_add (run->batch, file);
  if (run->batch->len >= BATCH_FILES)
    flush (run);
}

/* A path recorded with why it was skipped, not read. */
static void
add_problem (Run        *run,
             const char *path,
             const char *problem)
{
  RsbMusicFile *file = rsb_music_file_new (path);

  file->problem = g_strdup (problem);
  g_hash_table_add (run->seen, g_strdup (path));
  run->stats.n_seen++;
  add_result (run, file);
}

static void
add_folder_problem (Run        *run,
                    const char *path,
                    const char *problem)
{
  add_problem (run, path, problem);
  g_ptr_array_add (run->unreachable, g_strdup (path));
}

static void
found_file (Run         *run,
            const char  *path,
            GStatBuf    *st)
{
  g_autofree char *name = g_filename_display_name (path);
  RsbMusicStamp *stamp = g_hash_table_lookup (run->stamps, path);
  RsbMusicFile *file;

  if (g_hash_table_contains (run->seen, path))
    return;   /* a folder listed twice, or inside another */
  g_hash_table_add (run->seen, g_strdup (path));
  run->stats.n_seen++;
  if (stamp != NULL && stamp->size == (gint64) st->st_size && stamp->mtime == (gint64) st->st_mtime)
    {
      run->stats.n_unchanged++;
      run->finished++;
      return;
    }
  file = rsb_music_file_new (path);
  file->size = st->st_size;
  file->mtime = st->st_mtime;
  if (file->size > RSB_MUSIC_SCAN_MAX_BYTES)
    {
      file->problem = g_strdup_printf (_("%s is larger than 1 GiB: no song is that long"), name);
      add_result (run, file);
    }
  else if (g_access (path, R_OK) != 0)
    {
      int saved = errno;

      file->problem = g_strdup_printf (_("%s could not be read: %s"), name, g_strerror (saved));
      add_result (run, file);
    }
  else
    {
      run->stats.n_read++;
      g_async_queue_push (run->jobs, file);
    }
}

/* FALSE when the folder was met before: through a link that leads
 * back up (a loop), or listed twice. */
static gboolean
first_visit (Run      *run,
             GStatBuf *st)
{
  char *key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                               (guint64) st->st_dev, (guint64) st->st_ino);

  return g_hash_table_add (run->visited_dirs, key);
}

static void
walk_entry (Run        *run,
            GQueue     *pending,
            const char *path,
            const char *entry_name)
{
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf lst, st;
  gboolean is_link;

  if (g_lstat (path, &lst) != 0)
    return;   /* gone between listing and looking */
  is_link = S_ISLNK (lst.st_mode);
  if (is_link && g_stat (path, &st) != 0)
    {
      int saved = errno;

      /* A dangling link is worth a word only where a song was meant. */
      if (rsb_music_scan_is_audio_name (entry_name))
        {
          g_autofree char *problem = g_strdup_printf (_("%s could not be read: %s"), name, g_strerror (saved));
          add_problem (run, path, problem);
        }
      return;
    }
  if (!is_link)
    st = lst;
  if (S_ISDIR (st.st_mode))
    {
      if (first_visit (run, &st))
        g_queue_push_tail (pending, g_strdup (path));
      else if (is_link)
        {
          g_autofree char *problem =
            g_strdup_printf (_("%s leads back to a folder already scanned (a symbolic link loop): skipped"), name);
          add_problem (run, path, problem);
        }
    }
  else if (S_ISREG (st.st_mode) && rsb_music_scan_is_audio_name (entry_name))
    found_file (run, path, &st);
}

static void
walk_dir (Run        *run,
          GQueue     *pending,
          const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
  const char *entry;

  if (listing == NULL)
    {
      g_autofree char *name = g_filename_display_name (dir);
      g_autofree char *problem = g_strdup_printf (_("The folder %s could not be read: %s"), name, error->message);

      add_folder_problem (run, dir, problem);
      return;
    }
  while ((entry = g_dir_read_name (listing)) != NULL && !g_cancellable_is_cancelled (run->cancellable))
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      guint before = run->stats.n_seen;

      walk_entry (run, pending, path, entry);
      if (run->stats.n_seen != before && run->stats.n_seen % WALK_REPORT == 0)
        send (run, g_new0 (Message, 1));
    }
}

static void
walk_folder (Run        *run,
             const char *folder)
{
  g_autofree char *name = g_filename_display_name (folder);
  g_autoqueue(GQueue) pending = g_queue_new ();
  GStatBuf st;
  char *dir;

  if (g_stat (folder, &st) != 0)
    {
      int saved = errno;
      g_autofree char *problem = saved == ENOENT
        ? g_strdup_printf (_("The folder %s is not there (is its disk connected?): its files are kept"), name)
        : g_strdup_printf (_("The folder %s could not be read: %s"), name, g_strerror (saved));

      add_folder_problem (run, folder, problem);
      return;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_autofree char *problem = g_strdup_printf (_("%s is not a folder"), name);

      add_folder_problem (run, folder, problem);
      return;
    }
  if (!first_visit (run, &st))
    return;
  g_queue_push_tail (pending, g_strdup (folder));
  while ((dir = g_queue_pop_head (pending)) != NULL)
    {
      if (!g_cancellable_is_cancelled (run->cancellable))
        walk_dir (run, pending, dir);
      g_free (dir);
    }
  g_queue_free_full (g_steal_pointer (&pending), g_free);
}

static gboolean
under_unreachable (Run        *run,
                   const char *path)
{
  for (guint i = 0; i < run->unreachable->len; i++)
    {
      const char *dir = run->unreachable->pdata[i];
      gsize n = strlen (dir);

      if (strncmp (path, dir, n) == 0 && (path[n] == '\0' || path[n] == G_DIR_SEPARATOR))
        return TRUE;
    }
  return FALSE;
}

/* Files known from last time that the walk did not find, except where
 * a folder could not be read (an unplugged disk loses nothing). */
static GPtrArray *
vanished_files (Run *run)
{
  GPtrArray *vanished = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, run->stamps);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    if (!g_hash_table_contains (run->seen, path) && !under_unreachable (run, path))
      g_ptr_array_add (vanished, g_strdup (path));
  return vanished;
}

static gpointer
coordinate (gpointer data)
{
  Run *run = data;
  guint n_workers = MAX (1, g_get_num_processors ());
  g_autoptr(GPtrArray) workers = g_ptr_array_new ();
  guint stopped = 0;
  Message *done;

  for (guint i = 0; i < n_workers; i++)
    g_ptr_array_add (workers, g_thread_new ("rsb-music-read", work, run));
  for (guint i = 0; run->folders[i] != NULL && !g_cancellable_is_cancelled (run->cancellable); i++)
    walk_folder (run, run->folders[i]);
  send (run, g_new0 (Message, 1));
  for (guint i = 0; i < n_workers; i++)
    g_async_queue_push (run->jobs, &JOB_END);
  while (stopped < n_workers)
    {
      gpointer item = g_async_queue_timeout_pop (run->results, BATCH_WAIT_US);

      if (item == &WORKER_DONE)
        stopped++;
      else if (item != NULL)
        add_result (run, item);
      else
        flush (run);
    }
  for (guint i = 0; i < workers->len; i++)
    g_thread_join (workers->pdata[i]);
  flush (run);
  done = g_new0 (Message, 1);
  done->done = TRUE;
  if (!g_cancellable_is_cancelled (run->cancellable))
    done->vanished = vanished_files (run);
  done->stats = run->stats;
  send (run, done);
  return NULL;
}

/* The caller's thread ---------------------------------------------------- */

static void
write_files (RsbMusicScan *self,
             Run          *run,
             GPtrArray    *files)
{
  if (run->write_error != NULL)
    return;
  if (run->matcher == NULL && (run->matcher = rsb_music_matcher_new (self->store, &run->write_error)) == NULL)
    return;
  if (!rsb_store_begin (self->store, &run->write_error))
    return;
  for (guint i = 0; i < files->len; i++)
    if (!rsb_store_save_music_file (self->store, run->matcher, files->pdata[i], &run->write_error))
      {
        rsb_store_rollback (self->store);
        return;
      }
  rsb_store_commit (self->store, &run->write_error);
}

static void
forget_files (RsbMusicScan *self,
              Run          *run,
              GPtrArray    *paths)
{
  if (run->write_error != NULL || paths->len == 0)
    return;
  if (!rsb_store_begin (self->store, &run->write_error))
    return;
  for (guint i = 0; i < paths->len; i++)
    if (!rsb_store_forget_music_file (self->store, paths->pdata[i], &run->write_error))
      {
        rsb_store_rollback (self->store);
        return;
      }
  rsb_store_commit (self->store, &run->write_error);
}

static void
finish (GTask   *task,
        Run     *run,
        Message *message)
{
  RsbMusicScan *self = g_task_get_source_object (task);

  if (message->vanished != NULL)
    forget_files (self, run, message->vanished);
  /* Files read before their song was imported or synced find it now. */
  if (message->vanished != NULL && run->write_error == NULL)
    rsb_store_match_music_files (self->store, NULL, &run->write_error);
  self->stats = message->stats;
  self->stats.n_removed = message->vanished != NULL && run->write_error == NULL ? message->vanished->len : 0;
  self->running = FALSE;
  if (run->write_error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->write_error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);   /* the run's; drain holds another */
}

static gboolean
drain (gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  RsbMusicScan *self = g_task_get_source_object (task);
  Message *message;

  while ((message = g_async_queue_try_pop (run->to_main)) != NULL)
    {
      if (message->files != NULL)
        write_files (self, run, message->files);
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, message->seen, message->finished);
      if (message->done)
        finish (task, run, message);
      message_free (message);
    }
  return G_SOURCE_REMOVE;
}

static GHashTable *
known_stamps (RsbStore            *store,
              const char * const  *folders,
              GError             **error)
{
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autoptr(GHashTable) some = rsb_store_music_stamps (store, folders[i], error);
      GHashTableIter iter;
      gpointer path, stamp;

      if (some == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, some);
      while (g_hash_table_iter_next (&iter, &path, &stamp))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_replace (all, path, stamp);
        }
    }
  return g_steal_pointer (&all);
}

void
rsb_music_scan_run_async (RsbMusicScan         *self,
                          const char * const   *folders,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  /* This reference is the run's: given up when it ends (finish). */
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  GHashTable *stamps;
  Run *run;

  g_return_if_fail (RSB_IS_MUSIC_SCAN (self));
  g_return_if_fail (!self->running);
  g_task_set_source_tag (task, rsb_music_scan_run_async);
  memset (&self->stats, 0, sizeof self->stats);
  if (!rsb_audio_init (&error) || (stamps = known_stamps (self->store, folders, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  run = g_new0 (Run, 1);
  run->context = g_main_context_ref_thread_default ();
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  run->folders = g_strdupv ((char **) folders);
  run->stamps = stamps;
  run->to_main = g_async_queue_new ();
  run->jobs = g_async_queue_new ();
  run->results = g_async_queue_new ();
  run->task = task;
  run->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->visited_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->unreachable = g_ptr_array_new_with_free_func (g_free);
  run->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_music_file_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  self->running = TRUE;
  run->coordinator = g_thread_new ("rsb-music-scan", coordinate, run);
}

gboolean
rsb_music_scan_run_finish (RsbMusicScan  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
rsb_music_scan_run (RsbMusicScan        *self,
                    const char * const  *folders,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  rsb_music_scan_run_async (self, folders, cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return rsb_music_scan_run_finish (self, result, error);
}

gboolean
rsb_music_scan_is_running (RsbMusicScan *self)
{
  return self->running;
}

const RsbMusicScanStats *
rsb_music_scan_get_stats (RsbMusicScan *self)
{
  return &self->stats;
}

RsbMusicScan *
rsb_music_scan_new (RsbStore *store)
{
  RsbMusicScan *self = g_object_new (RSB_TYPE_MUSIC_SCAN, NULL);

  self->store = g_object_ref (store);
  return self;
}

static void
rsb_music_scan_finalize (GObject *object)
{
  RsbMusicScan *self = RSB_MUSIC_SCAN (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (rsb_music_scan_parent_class)->finalize (object);
}

static void
rsb_music_scan_class_init (RsbMusicScanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_music_scan_finalize;
  /* Files found so far, and of them those unchanged, read or skipped. */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
rsb_music_scan_init (RsbMusicScan *self)
{
}
