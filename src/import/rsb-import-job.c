/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-import-job.c: many sources in, each its own transaction.
 *
 * Three kinds of thread share the work. A producer walks the paths
 * (folders, zip archives, Strava exports), reads each workout's bytes
 * and skips what the library already has. A pool of parsers, one per
 * core, turns bytes into streams. The thread running the job is the
 * only writer: it stores each parsed workout, and streams listening
 * histories straight into the database, one transaction per source.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-import-job.h"
#include "rsb-file-sniff.h"
#include "rsb-archive.h"
#include "rsb-import-error.h"
#include "rsb-digest.h"
#include "rsb-history-parsers.h"
#include "rsb-limited-stream.h"
#include "rsb-strava-export.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* Parsed workouts waiting for the writer, per parser: enough to keep
 * every core busy, few enough to bound memory on a huge export. */
#define IN_FLIGHT_PER_WORKER 4

typedef enum {
  ITEM_RESULT,   /* already decided: a duplicate or a failure */
  ITEM_WORKOUT,  /* raw bytes for a parser, then a parsed workout for the writer */
  ITEM_HISTORY,  /* a listening history for the writer to stream */
  ITEM_MANUAL,   /* an export entry without a file */
  ITEM_END,
} ItemKind;

typedef struct {
  ItemKind          kind;
  RsbImportResult  *result;
  GFile            *file;
  GBytes           *bytes;
  gboolean          gzipped;
  char             *digest;
  RsbStravaEntry    strava;     /* copied fields; strava_id NULL when none */
  RsbActivityInfo  *info;
  RsbStreams       *streams;
  GPtrArray        *plays;      /* a history parsed ahead, RsbPlay * */
  gboolean          in_flight;
} Item;

struct _RsbImportJob
{
  char                  *library_path;
  GPtrArray             *paths;
  guint                  n_workers;
  RsbImportProgressFunc  progress;
  gpointer               progress_data;
  RsbReadProgressFunc    file_progress;
  gpointer               file_progress_data;
  GCancellable          *cancellable;

  RsbStore              *lookup;    /* the producer's connection */
  GThreadPool           *parsers;
  GAsyncQueue           *written;   /* Items for the writer */
  GMutex                 lock;
  GCond                  slot_freed;
  guint                  in_flight;
  guint                  found;

  GPtrArray             *results;   /* RsbImportResult, owned */
};

static void
item_free (Item *item)
{
  if (item->result != NULL)
    rsb_import_result_free (item->result);
  g_clear_object (&item->file);
  g_clear_pointer (&item->bytes, g_bytes_unref);
  g_free (item->digest);
  g_free (item->strava.strava_id);
  g_free (item->strava.name);
  g_free (item->strava.sport);
  g_free (item->strava.file_name);
  g_clear_pointer (&item->info, rsb_activity_info_free);
  g_clear_pointer (&item->streams, rsb_streams_free);
  g_clear_pointer (&item->plays, g_ptr_array_unref);
  g_free (item);
}

static Item *
item_new (ItemKind    kind,
          const char *display_name)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  if (display_name != NULL)
    item->result = rsb_import_result_new (display_name);
  return item;
}

static void
item_set_strava (Item                 *item,
                 const RsbStravaEntry *entry)
{
  if (entry == NULL)
    return;
  item->strava.strava_id = g_strdup (entry->strava_id);
  item->strava.name = g_strdup (entry->name);
  item->strava.sport = g_strdup (entry->sport);
  item->strava.start_ms = entry->start_ms;
  item->strava.elapsed_s = entry->elapsed_s;
  item->strava.distance_m = entry->distance_m;
  item->strava.file_name = g_strdup (entry->file_name);
}

/* Import threads yield to the thread drawing the window: on two cores,
 * four busy threads would otherwise keep it waiting for whole frames. */
void
rsb_import_job_lower_thread_priority (void)
{
#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif
}

/* ---- producer -------------------------------------------------------- */

static void
count_found (RsbImportJob *job)
{
  g_mutex_lock (&job->lock);
  job->found++;
  g_mutex_unlock (&job->lock);
}

static void
push_result (RsbImportJob    *job,
             const char      *display_name,
             RsbImportStatus  status,
             GError          *error)
{
  Item *item = item_new (ITEM_RESULT, display_name);

  item->result->status = status;
  item->result->error = error;
  count_found (job);
  g_async_queue_push (job->written, item);
}

static void
push_failure (RsbImportJob *job,
              const char   *display_name,
              GError       *error)
{
  push_result (job, display_name, RSB_IMPORT_FAILED, error);
}

/* Waits for room among the files in flight, so a 10,000-file export
 * never sits in memory at once. */
static void
take_slot (RsbImportJob *job)
{
  g_mutex_lock (&job->lock);
  while (job->in_flight >= job->n_workers * IN_FLIGHT_PER_WORKER)
    g_cond_wait (&job->slot_freed, &job->lock);
  job->in_flight++;
  g_mutex_unlock (&job->lock);
}

static void
release_slot (RsbImportJob *job)
{
  g_mutex_lock (&job->lock);
  job->in_flight--;
  g_cond_signal (&job->slot_freed);
  g_mutex_unlock (&job->lock);
}

/* What the library already holds is recognised before anything is
 * parsed: that is what makes re-running an interrupted import quick. An
 * export's activities are known by their Strava id, so only loose files
 * are hashed here; the parsers hash the rest, on every core. */
static gboolean
already_imported (RsbImportJob         *job,
                  const RsbStravaEntry *entry,
                  GBytes               *bytes,
                  char                **digest)
{
  if (entry != NULL)
    return rsb_store_has_source (job->lookup, "strava", entry->strava_id);
  *digest = rsb_digest_of_bytes (bytes);
  return rsb_store_has_file (job->lookup, *digest);
}

static void
submit_workout (RsbImportJob         *job,
                const char           *display_name,
                GBytes               *bytes,
                const RsbStravaEntry *entry)
{
  g_autofree char *digest = NULL;
  g_autoptr(GError) why = NULL;
  Item *item;

  if (already_imported (job, entry, bytes, &digest))
    {
      push_result (job, display_name, RSB_IMPORT_DUPLICATE, NULL);
      return;
    }
  item = item_new (ITEM_WORKOUT, display_name);
  item->result->kind = rsb_file_sniff_bytes (bytes, display_name, &item->gzipped, &why);
  if (!rsb_file_kind_is_workout (item->result->kind))
    {
      item_free (item);
      push_failure (job, display_name, why != NULL ? g_steal_pointer (&why) :
                    g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                                 _("“%s” is not a workout (GPX, TCX, FIT)"), display_name));
      return;
    }
  item->bytes = g_bytes_ref (bytes);
  item->digest = g_steal_pointer (&digest);
  item_set_strava (item, entry);
  count_found (job);
  take_slot (job);
  item->in_flight = TRUE;
  g_thread_pool_push (job->parsers, item, NULL);
}

/* A file larger than any workout is refused from its size alone,
 * before a byte of it is held. */
static gboolean
refuse_huge_file (RsbImportJob *job,
                  GFile        *file,
                  const char   *display_name)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, job->cancellable, NULL);
  g_autofree char *limit = NULL;

  if (info == NULL || g_file_info_get_size (info) <= RSB_IMPORT_MAX_WORKOUT_BYTES)
    return FALSE;
  limit = g_format_size (RSB_IMPORT_MAX_WORKOUT_BYTES);
  push_failure (job, display_name,
                g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                             _("“%s” is larger than %s, more than any real workout: it was not read"),
                             display_name, limit));
  return TRUE;
}

static void
submit_workout_file (RsbImportJob         *job,
                     GFile                *file,
                     const char           *display_name,
                     const RsbStravaEntry *entry)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (refuse_huge_file (job, file, display_name))
    return;
  bytes = g_file_load_bytes (file, job->cancellable, NULL, &error);
  if (bytes == NULL)
    push_failure (job, display_name,
                  g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                               _("“%s” could not be read: %s"), display_name, error->message));
  else
    submit_workout (job, display_name, bytes, entry);
}

static void
submit_history (RsbImportJob *job,
                const char   *display_name,
                RsbFileKind   kind,
                GFile        *file,
                GBytes       *bytes)
{
  Item *item = item_new (ITEM_HISTORY, display_name);

  /* Its content said which history it is; the name may not. */
  item->result->kind = kind;
  item->file = file ? g_object_ref (file) : NULL;
  item->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  count_found (job);
  /* One unpacked from a zip is held whole until written, like a
   * workout: a zip of many years must not all sit in memory. */
  if (bytes != NULL)
    {
      take_slot (job);
      item->in_flight = TRUE;
    }
  /* A month of ListenBrainz listens is parsed while the writer stores
   * the month before: its parser would hold it all anyway. */
  if (bytes != NULL && rsb_history_parses_whole (kind))
    g_thread_pool_push (job->parsers, item, NULL);
  else
    g_async_queue_push (job->written, item);
}

static void
submit_manual (RsbImportJob         *job,
               const RsbStravaEntry *entry)
{
  g_autofree char *name = g_strdup_printf ("activities.csv: %s", entry->name ? entry->name : entry->strava_id);
  Item *item;

  if (rsb_store_has_source (job->lookup, "strava", entry->strava_id))
    {
      push_result (job, name, RSB_IMPORT_DUPLICATE, NULL);
      return;
    }
  item = item_new (ITEM_MANUAL, name);
  item->info = rsb_strava_entry_to_info (entry);
  count_found (job);
  g_async_queue_push (job->written, item);
}

static gboolean
cancelled (RsbImportJob *job)
{
  return g_cancellable_is_cancelled (job->cancellable);
}

/* activities.csv comes with the export and is trusted no more than
 * the zip entries are: a file it names must lie inside the export. The
 * activity is then treated as one whose file is missing. */
static gboolean
refuse_outside_file (RsbImportJob         *job,
                     const RsbStravaEntry *entry)
{
  if (rsb_archive_path_is_safe (entry->file_name))
    return FALSE;
  push_failure (job, entry->file_name,
                g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                             _("activities.csv gives “%s” as the file of activity %s, "
                               "a path outside the export: it was not read"),
                             entry->file_name, entry->strava_id));
  return TRUE;
}

/* ---- Strava export folders ---- */

static void
visit_strava_folder (RsbImportJob *job,
                     GFile        *folder)
{
  g_autoptr(GFile) csv = g_file_get_child (folder, "activities.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (csv, job->cancellable, &error);
  g_autoptr(RsbStravaExport) export = NULL;
  GPtrArray *entries;

  if (stream != NULL)
    {
      g_autoptr(GInputStream) limited = rsb_limited_stream_new (G_INPUT_STREAM (stream),
                                                                RSB_IMPORT_MAX_ACTIVITY_LIST_BYTES,
                                                                "activities.csv");

      export = rsb_strava_export_parse (limited, "activities.csv", job->cancellable, &error);
    }
  if (export == NULL)
    {
      push_failure (job, "activities.csv", g_steal_pointer (&error));
      return;
    }
  entries = rsb_strava_export_entries (export);
  for (guint i = 0; i < entries->len && !cancelled (job); i++)
    {
      const RsbStravaEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GFile) file = NULL;

      if (entry->file_name == NULL)
        {
          submit_manual (job, entry);
          continue;
        }
      if (refuse_outside_file (job, entry))
        continue;
      file = g_file_resolve_relative_path (folder, entry->file_name);
      submit_workout_file (job, file, entry->file_name, entry);
    }
}

/* ---- zip archives ---- */

typedef struct {
  RsbImportJob    *job;
  const char      *archive_name;
  RsbStravaExport *export;
  char            *prefix;      /* folder of activities.csv inside the zip */
  GHashTable      *seen;        /* export file names found in the zip */
  GBytes          *csv;
  char            *csv_path;
  guint            depth;       /* 0 for a zip given, 1 for a zip inside it, ... */
} ZipVisit;

/* Apple's privacy export nests zips two deep; deeper than this is no
 * export but a trap. */
#define MAX_ZIP_DEPTH 3

static gboolean take_entry (const char *path, GBytes *bytes, const GError *error, gpointer user_data);
static gboolean want_entry (const char *path, gpointer user_data);

/* A zip inside the zip is read in memory, entry by entry, like its
 * parent: each entry faces the same size and packing-ratio limits, so a
 * nest of bombs costs no more than one. */
static void
visit_inner_zip (ZipVisit   *outer,
                 const char *path,
                 GBytes     *bytes)
{
  ZipVisit inner = { outer->job, path, NULL, NULL, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  g_autoptr(GError) error = NULL;

  inner.depth = outer->depth + 1;
  if (inner.depth > MAX_ZIP_DEPTH)
    error = g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                         _("“%s” is a zip inside %u other zips, deeper than any export nests them: it was not read"),
                         path, inner.depth);
  else
    rsb_archive_foreach_bytes (bytes, path, RSB_IMPORT_MAX_HISTORY_BYTES, want_entry, take_entry,
                               &inner, outer->job->cancellable, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    push_failure (outer->job, path, g_steal_pointer (&error));
  g_hash_table_unref (inner.seen);
}

static gboolean
is_activity_list (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_ascii_strcasecmp (base, "activities.csv") == 0;
}

static gboolean
want_activity_list (const char *path,
                    gpointer    user_data)
{
  return is_activity_list (path);
}

static gboolean
keep_activity_list (const char   *path,
                    GBytes       *bytes,
                    const GError *error,
                    gpointer      user_data)
{
  ZipVisit *visit = user_data;

  if (bytes == NULL || visit->csv != NULL)
    return TRUE;
  visit->csv = g_bytes_ref (bytes);
  visit->csv_path = g_strdup (path);
  return FALSE;
}

/* The export's name for an entry: its path below activities.csv's folder. */
static const char *
export_name (ZipVisit   *visit,
             const char *path)
{
  if (visit->prefix != NULL && g_str_has_prefix (path, visit->prefix))
    return path + strlen (visit->prefix);
  return path;
}

static gboolean
want_entry (const char *path,
            gpointer    user_data)
{
  ZipVisit *visit = user_data;

  /* Every entry but photos and the like is unpacked and looked at:
   * its name does not say what it is. */
  if (cancelled (visit->job))
    return FALSE;
  if (visit->export != NULL && rsb_strava_export_lookup (visit->export, export_name (visit, path)) != NULL)
    return TRUE;
  return !rsb_file_sniff_skips (path) && !is_activity_list (path);
}

/* Entries are read up to a history's size (a multi-year Apple Music
 * CSV passes 128 MiB); a workout that large is no workout. */
static gboolean
refuse_huge_entry (RsbImportJob *job,
                   const char   *name,
                   GBytes       *bytes)
{
  g_autofree char *limit = NULL;

  if (g_bytes_get_size (bytes) <= RSB_IMPORT_MAX_WORKOUT_BYTES)
    return FALSE;
  limit = g_format_size (RSB_IMPORT_MAX_WORKOUT_BYTES);
  push_failure (job, name,
                g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                             _("“%s” is larger than %s, more than any real workout: it was not read"),
                             name, limit));
  return TRUE;
}

static gboolean
take_entry (const char   *path,
            GBytes       *bytes,
            const GError *error,
            gpointer      user_data)
{
  ZipVisit *visit = user_data;
  const char *name = export_name (visit, path);
  const RsbStravaEntry *entry = visit->export ? rsb_strava_export_lookup (visit->export, name) : NULL;
  gboolean gzipped;
  RsbFileKind kind;

  if (entry != NULL)
    g_hash_table_add (visit->seen, g_strdup (name));
  /* An entry neither the export names nor its name says is ours is
   * skipped quietly, as files inside folders are. */
  if (bytes == NULL)
    {
      gboolean ours = entry != NULL || rsb_file_kind_guess (path, &gzipped) != RSB_FILE_KIND_UNKNOWN;

      if (ours)
        push_failure (visit->job, name, g_error_copy (error));
      return !cancelled (visit->job);
    }
  kind = entry != NULL ? RSB_FILE_KIND_UNKNOWN : rsb_file_sniff_bytes (bytes, path, &gzipped, NULL);
  if (rsb_file_kind_is_history (kind))
    submit_history (visit->job, name, kind, NULL, bytes);
  else if (kind == RSB_FILE_KIND_ZIP && visit->export == NULL)
    visit_inner_zip (visit, name, bytes);
  /* In a Strava export, activities.csv says which files are
   * activities (its routes/ hold planned routes, not workouts). */
  else if ((entry != NULL || (visit->export == NULL && rsb_file_kind_is_workout (kind))) &&
           !refuse_huge_entry (visit->job, name, bytes))
    submit_workout (visit->job, name, bytes, entry);
  return !cancelled (visit->job);
}

static void
submit_export_leftovers (ZipVisit *visit)
{
  GPtrArray *entries = rsb_strava_export_entries (visit->export);

  for (guint i = 0; i < entries->len && !cancelled (visit->job); i++)
    {
      const RsbStravaEntry *entry = g_ptr_array_index (entries, i);

      if (entry->file_name == NULL)
        submit_manual (visit->job, entry);
      else if (g_hash_table_contains (visit->seen, entry->file_name))
        continue;
      else if (!refuse_outside_file (visit->job, entry))
        push_failure (visit->job, entry->file_name,
                      g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                                   _("“%s” is listed in activities.csv but missing from “%s”"),
                                   entry->file_name, visit->archive_name));
    }
}

static gboolean
read_activity_list (ZipVisit  *visit,
                    GFile     *file,
                    GError   **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *folder = NULL;

  if (!rsb_archive_foreach (file, RSB_IMPORT_MAX_ACTIVITY_LIST_BYTES, want_activity_list, keep_activity_list,
                            visit, visit->job->cancellable, error))
    return FALSE;
  if (visit->csv == NULL)
    return TRUE;
  stream = g_memory_input_stream_new_from_bytes (visit->csv);
  visit->export = rsb_strava_export_parse (stream, visit->csv_path, visit->job->cancellable, error);
  folder = g_path_get_dirname (visit->csv_path);
  if (!g_str_equal (folder, "."))
    visit->prefix = g_strconcat (folder, "/", NULL);
  return visit->export != NULL;
}

static void
visit_zip (RsbImportJob *job,
           GFile        *file)
{
  g_autofree char *name = g_file_get_basename (file);
  ZipVisit visit = { job, name, NULL, NULL, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  g_autoptr(GError) error = NULL;

  /* Two passes: the activity list may come after the files it names. */
  if (read_activity_list (&visit, file, &error) &&
      rsb_archive_foreach (file, RSB_IMPORT_MAX_HISTORY_BYTES, want_entry, take_entry,
                           &visit, job->cancellable, &error) &&
      visit.export != NULL)
    submit_export_leftovers (&visit);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    push_failure (job, name, g_steal_pointer (&error));

  g_clear_pointer (&visit.export, rsb_strava_export_free);
  g_clear_pointer (&visit.csv, g_bytes_unref);
  g_free (visit.csv_path);
  g_free (visit.prefix);
  g_hash_table_unref (visit.seen);
}

/* ---- paths ---- */

static void visit_path (RsbImportJob *job, GFile *file, gboolean given);

static void
visit_folder (RsbImportJob *job,
              GFile        *folder)
{
  g_autoptr(GFile) csv = g_file_get_child (folder, "activities.csv");
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFile *child;

  if (g_file_query_exists (csv, job->cancellable))
    {
      visit_strava_folder (job, folder);
      return;
    }
  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, job->cancellable, &error);
  if (children == NULL)
    {
      g_autofree char *name = g_file_get_basename (folder);
      push_failure (job, name, g_steal_pointer (&error));
      return;
    }
  while (!cancelled (job) && g_file_enumerator_iterate (children, NULL, &child, job->cancellable, NULL) &&
         child != NULL)
    visit_path (job, child, FALSE);
}

/* given: the user named this path; an unreadable kind is then worth
 * telling, while inside folders other files are simply not ours. */
static void
visit_path (RsbImportJob *job,
            GFile        *file,
            gboolean      given)
{
  g_autofree char *name = g_file_get_basename (file);
  GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, job->cancellable);
  g_autoptr(GError) why = NULL;
  gboolean gzipped;
  RsbFileKind kind = RSB_FILE_KIND_UNKNOWN;

  if (type != G_FILE_TYPE_DIRECTORY && type != G_FILE_TYPE_UNKNOWN &&
      (given || !rsb_file_sniff_skips (name)))
    kind = rsb_file_sniff_file (file, name, &gzipped, job->cancellable, &why);
  if (type == G_FILE_TYPE_DIRECTORY)
    visit_folder (job, file);
  else if (kind == RSB_FILE_KIND_ZIP)
    visit_zip (job, file);
  else if (kind == RSB_FILE_KIND_STRAVA_CSV && given)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      visit_strava_folder (job, folder);
    }
  else if (rsb_file_kind_is_workout (kind))
    submit_workout_file (job, file, name, NULL);
  else if (rsb_file_kind_is_history (kind))
    submit_history (job, name, kind, file, NULL);
  else if (given && why != NULL)
    push_failure (job, name, g_steal_pointer (&why));
  else if (given)
    push_failure (job, name,
                  g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                               type == G_FILE_TYPE_UNKNOWN ? _("“%s” does not exist")
                               : _("“%s” is neither a workout (GPX, TCX, FIT), a listening history, nor an export archive"),
                               name));
}

static gpointer
produce (gpointer data)
{
  RsbImportJob *job = data;

  rsb_import_job_lower_thread_priority ();
  for (guint i = 0; i < job->paths->len && !cancelled (job); i++)
    visit_path (job, g_ptr_array_index (job->paths, i), TRUE);
  /* Let the parsers finish what they hold, then tell the writer. */
  g_thread_pool_free (g_steal_pointer (&job->parsers), FALSE, TRUE);
  g_async_queue_push (job->written, item_new (ITEM_END, NULL));
  return NULL;
}

/* ---- parsers --------------------------------------------------------- */

static gboolean
keep_play (const RsbPlay  *play,
           gpointer        user_data,
           GError        **error)
{
  g_ptr_array_add (user_data, rsb_play_copy (play));
  return TRUE;
}

/* A history held in memory, parsed here into item->plays for the
 * writer to store in one transaction. */
static void
parse_history_ahead (Item         *item,
                     RsbImportJob *job)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (item->bytes);
  RsbHistoryParseFunc parse = rsb_history_parser_for (item->result->kind);
  GError *error = NULL;

  item->digest = rsb_digest_of_bytes (item->bytes);
  item->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  if (!parse (stream, item->result->display_name, keep_play, item->plays, NULL,
              job->cancellable, &error))
    {
      rsb_import_result_fail (item->result, error);
      g_clear_pointer (&item->plays, g_ptr_array_unref);
    }
  g_clear_pointer (&item->bytes, g_bytes_unref);
}

static void
parse_workout (gpointer data,
               gpointer user_data)
{
  Item *item = data;
  RsbImportJob *job = user_data;
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (item->bytes);
  g_autoptr(GInputStream) stream = rsb_import_decompress (raw, item->gzipped, item->result->display_name);
  GError *error = NULL;

  rsb_import_job_lower_thread_priority ();
  if (cancelled (job))
    {
      g_async_queue_push (job->written, item);
      return;
    }
  if (item->kind == ITEM_HISTORY)
    {
      parse_history_ahead (item, job);
      g_async_queue_push (job->written, item);
      return;
    }
  if (item->digest == NULL)
    item->digest = rsb_digest_of_bytes (item->bytes);
  if (rsb_import_read_workout (item->result->kind, stream, item->result->display_name,
                               &item->info, &item->streams, job->cancellable, &error))
    {
      if (item->strava.strava_id != NULL)
        rsb_import_apply_strava (item->info, &item->strava);
    }
  else
    rsb_import_result_fail (item->result, error);
  g_clear_pointer (&item->bytes, g_bytes_unref);
  g_async_queue_push (job->written, item);
}

/* ---- writer ---------------------------------------------------------- */

static goffset
size_of (Item *item)
{
  g_autoptr(GFileInfo) info = NULL;

  if (item->bytes != NULL)
    return g_bytes_get_size (item->bytes);
  info = g_file_query_info (item->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return info != NULL ? g_file_info_get_size (info) : 0;
}

/* Histories are the one kind of file that takes seconds on its own:
 * their reading is reported as it goes. */
static GInputStream *
open_history (RsbImportJob  *job,
              Item          *item,
              GError       **error)
{
  g_autoptr(GInputStream) raw = NULL;
  GInputStream *limited;

  if (item->bytes != NULL)
    raw = g_memory_input_stream_new_from_bytes (item->bytes);
  else
    raw = G_INPUT_STREAM (g_file_read (item->file, job->cancellable, error));
  if (raw == NULL)
    return NULL;
  limited = rsb_limited_stream_new (raw, RSB_IMPORT_MAX_HISTORY_BYTES, item->result->display_name);
  if (job->file_progress != NULL)
    rsb_limited_stream_set_progress (RSB_LIMITED_STREAM (limited), size_of (item),
                                     job->file_progress, job->file_progress_data);
  return limited;
}

static void
write_history (RsbImportJob *job,
               RsbStore     *store,
               Item         *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = open_history (job, item, &error);
  GCancellable *cancellable = job->cancellable;

  if (stream == NULL)
    rsb_import_result_fail (item->result,
                            g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                                         _("“%s” could not be read: %s"),
                                         item->result->display_name, error->message));
  else
    rsb_import_history (store, stream, item->result, cancellable);
}

static void
write_item (RsbImportJob *job,
            RsbStore     *store,
            Item         *item)
{
  switch (item->kind)
    {
    case ITEM_WORKOUT:
      if (item->result->status != RSB_IMPORT_FAILED)
        rsb_import_store_workout (store, item->info, item->streams, item->digest, item->result);
      break;
    case ITEM_MANUAL:
      rsb_import_store_workout (store, item->info, NULL, NULL, item->result);
      break;
    case ITEM_HISTORY:
      if (item->plays != NULL)
        rsb_import_history_plays (store, item->plays, item->digest, item->result);
      else if (item->result->status != RSB_IMPORT_FAILED)
        write_history (job, store, item);
      break;
    case ITEM_RESULT:
    case ITEM_END:
    default:
      break;
    }
}

static void
record (RsbImportJob *job,
        Item         *item)
{
  guint found;

  g_mutex_lock (&job->lock);
  found = job->found;
  g_mutex_unlock (&job->lock);
  g_ptr_array_add (job->results, g_steal_pointer (&item->result));
  if (job->progress != NULL)
    job->progress (g_ptr_array_index (job->results, job->results->len - 1),
                   job->results->len, found, job->progress_data);
}

static void
write_all (RsbImportJob *job,
           RsbStore     *store)
{
  Item *item;

  while ((item = g_async_queue_pop (job->written))->kind != ITEM_END)
    {
      /* After a cancel, what is queued is dropped: nothing half-done lands. */
      if (!cancelled (job))
        {
          write_item (job, store, item);
          record (job, item);
        }
      if (item->in_flight)
        release_slot (job);
      item_free (item);
    }
  item_free (item);
}

/* ---- the job --------------------------------------------------------- */

RsbImportJob *
rsb_import_job_new (const char  *library_path,
                    GFile      **paths,
                    guint        n_paths)
{
  RsbImportJob *job = g_new0 (RsbImportJob, 1);

  job->library_path = g_strdup (library_path);
  job->paths = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_paths; i++)
    g_ptr_array_add (job->paths, g_object_ref (paths[i]));
  job->n_workers = MAX (1, g_get_num_processors ());
  job->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_import_result_free);
  g_mutex_init (&job->lock);
  g_cond_init (&job->slot_freed);
  return job;
}

void
rsb_import_job_free (RsbImportJob *job)
{
  g_free (job->library_path);
  g_ptr_array_unref (job->paths);
  g_ptr_array_unref (job->results);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->slot_freed);
  g_free (job);
}

void
rsb_import_job_set_progress_func (RsbImportJob          *job,
                                  RsbImportProgressFunc  func,
                                  gpointer               user_data)
{
  job->progress = func;
  job->progress_data = user_data;
}

void
rsb_import_job_set_file_progress_func (RsbImportJob        *job,
                                       RsbReadProgressFunc  func,
                                       gpointer             user_data)
{
  job->file_progress = func;
  job->file_progress_data = user_data;
}

void
rsb_import_job_set_workers (RsbImportJob *job,
                            guint         n_workers)
{
  job->n_workers = MAX (1, n_workers);
}

/* Runs the whole job on the calling thread (as the writer) and returns
 * when it is over or cancelled; results say what became of each source.
 * FALSE only when the library cannot be opened. */
gboolean
rsb_import_job_run (RsbImportJob  *job,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(RsbStore) store = rsb_store_open (job->library_path, error);
  GThread *producer;

  if (store == NULL || (job->lookup = rsb_store_open (job->library_path, error)) == NULL)
    return FALSE;
  job->cancellable = cancellable;
  job->written = g_async_queue_new ();
  /* Exclusive: the parsers lower their priority, which must not outlive
   * the job in threads GLib would lend to other work. */
  job->parsers = g_thread_pool_new (parse_workout, job, job->n_workers, TRUE, NULL);

  producer = g_thread_new ("rsb-import-producer", produce, job);
  write_all (job, store);
  g_thread_join (producer);

  g_clear_pointer (&job->written, g_async_queue_unref);
  g_clear_object (&job->lookup);
  job->cancellable = NULL;
  return TRUE;
}

GPtrArray *
rsb_import_job_get_results (RsbImportJob *job)
{
  return job->results;
}

void
rsb_import_job_get_totals (RsbImportJob    *job,
                           RsbImportTotals *totals)
{
  memset (totals, 0, sizeof *totals);
  totals->sources = job->results->len;
  for (guint i = 0; i < job->results->len; i++)
    {
      const RsbImportResult *result = g_ptr_array_index (job->results, i);

      totals->activities += result->n_activities;
      totals->plays += result->n_plays;
      totals->replaced += result->n_replaced;
      totals->failed += result->status == RSB_IMPORT_FAILED;
      totals->duplicates += result->status == RSB_IMPORT_DUPLICATE;
    }
}
