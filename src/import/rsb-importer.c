/* rsb-importer.c: one file in, one transaction out.
 *
 * Every file lands whole or not at all, so a damaged file, a crash or a
 * cancel never leaves half an activity or half a history behind.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-importer.h"
#include "rsb-checksum-stream.h"
#include "rsb-gpx-reader.h"
#include "rsb-import-error.h"
#include "rsb-spotify-history.h"

void
rsb_import_result_clear (RsbImportResult *result)
{
  g_clear_pointer (&result->display_name, g_free);
  g_clear_pointer (&result->note, g_free);
  g_clear_error (&result->error);
  memset (result, 0, sizeof *result);
}

RsbFileKind
rsb_file_kind_guess (const char *basename)
{
  g_autofree char *lower = g_utf8_strdown (basename, -1);

  if (g_str_has_suffix (lower, ".gpx"))
    return RSB_FILE_KIND_GPX;
  if (!g_str_has_suffix (lower, ".json"))
    return RSB_FILE_KIND_UNKNOWN;
  /* The video history of the Extended export holds music plays too. */
  if (g_str_has_prefix (lower, "streaming_history_audio") ||
      g_str_has_prefix (lower, "streaming_history_video") ||
      g_str_has_prefix (lower, "endsong"))
    return RSB_FILE_KIND_SPOTIFY_EXTENDED;
  if (g_str_has_prefix (lower, "streaminghistory"))
    return RSB_FILE_KIND_SPOTIFY_ACCOUNT;
  return RSB_FILE_KIND_UNKNOWN;
}

static void
collect_children (GFile     *folder,
                  GPtrArray *files,
                  GPtrArray *errors)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  GFileInfo *info;
  GFile *child;

  if (children == NULL)
    {
      g_ptr_array_add (errors, g_steal_pointer (&error));
      return;
    }
  while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        collect_children (child, files, errors);
      else if (rsb_file_kind_guess (g_file_info_get_name (info)) != RSB_FILE_KIND_UNKNOWN)
        g_ptr_array_add (files, g_object_ref (child));
    }
}

/* Expands folders into the files we can read inside them (recursively);
 * plain files are kept as given so an unreadable one is reported. */
GPtrArray *
rsb_import_collect_files (GFile     **paths,
                          guint       n_paths,
                          GPtrArray  *errors)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_paths; i++)
    {
      if (g_file_query_file_type (paths[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        collect_children (paths[i], files, errors);
      else
        g_ptr_array_add (files, g_object_ref (paths[i]));
    }
  return files;
}

/* Reads what the parser left (trailing whitespace, say) so the digest
 * covers the whole file. */
static gboolean
finish_digest (GInputStream  *stream,
               GCancellable  *cancellable,
               GError       **error)
{
  char buffer[16384];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    ;
  return n == 0;
}

static gboolean
import_gpx (RsbStore         *store,
            GInputStream     *stream,
            RsbImportResult  *result,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;

  if (!rsb_gpx_read (stream, result->display_name, &info, &streams, cancellable, error) ||
      !finish_digest (stream, cancellable, error))
    return FALSE;

  g_free (info->source);
  info->source = g_strdup ("file");
  g_free (info->source_id);
  info->source_id = g_strdup (rsb_checksum_stream_get_digest (RSB_CHECKSUM_STREAM (stream)));

  if (!rsb_activity_info_has_times (info))
    result->note = g_strdup_printf (_("“%s” has no timestamps: it shows as a route, but songs cannot be placed on it"),
                                    result->display_name);

  if ((result->activity_id = rsb_store_find_activity (store, info)) != 0)
    return TRUE;
  result->activity_id = rsb_store_add_activity (store, info, streams, error);
  if (result->activity_id == 0)
    return FALSE;
  result->n_activities = 1;
  return TRUE;
}

typedef struct {
  RsbStore         *store;
  RsbImportResult  *result;
  gint64            first_ms;
  gint64            last_ms;
} PlayImport;

static gboolean
store_play (const RsbPlay  *play,
            gpointer        user_data,
            GError        **error)
{
  PlayImport *import = user_data;
  gboolean added;

  if (!rsb_store_add_play (import->store, play, &added, error))
    return FALSE;
  if (added)
    import->result->n_plays++;
  import->first_ms = MIN (import->first_ms, play->start_ms);
  import->last_ms = MAX (import->last_ms, play->end_ms);
  return TRUE;
}

static gboolean
import_spotify_extended (RsbStore         *store,
                         GInputStream     *stream,
                         RsbImportResult  *result,
                         GCancellable     *cancellable,
                         GError          **error)
{
  PlayImport import = { store, result, G_MAXINT64, G_MININT64 };

  if (!rsb_spotify_history_parse (stream, result->display_name, store_play, &import,
                                  NULL, cancellable, error) ||
      !finish_digest (stream, cancellable, error))
    return FALSE;
  if (result->n_plays == 0)
    return TRUE;
  return rsb_store_refresh_matches (store, import.first_ms, import.last_ms, error);
}

static gboolean
import_by_kind (RsbStore         *store,
                GInputStream     *stream,
                RsbImportResult  *result,
                GCancellable     *cancellable,
                GError          **error)
{
  switch (result->kind)
    {
    case RSB_FILE_KIND_GPX:
      return import_gpx (store, stream, result, cancellable, error);
    case RSB_FILE_KIND_SPOTIFY_EXTENDED:
      return import_spotify_extended (store, stream, result, cancellable, error);
    case RSB_FILE_KIND_SPOTIFY_ACCOUNT:
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is a Spotify account-data history, which this version cannot read yet: "
                     "request the Extended Streaming History from Spotify instead"),
                   result->display_name);
      return FALSE;
    case RSB_FILE_KIND_UNKNOWN:
    default:
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is neither a GPX workout nor a Spotify Extended Streaming History file"),
                   result->display_name);
      return FALSE;
    }
}

static gboolean
record_file (RsbStore         *store,
             GInputStream     *stream,
             RsbImportResult  *result,
             GError          **error)
{
  const char *digest = rsb_checksum_stream_get_digest (RSB_CHECKSUM_STREAM (stream));

  return rsb_store_add_file (store, digest, result->display_name,
                             result->n_activities + result->n_plays, error);
}

/* Imports one file's content in one transaction. result->display_name
 * names it in every message. Returns FALSE (result->error set, library
 * unchanged) on failure. */
gboolean
rsb_import_stream (RsbStore         *store,
                   GInputStream     *base,
                   const char       *display_name,
                   RsbImportResult  *result,
                   GCancellable     *cancellable)
{
  g_autoptr(GInputStream) stream = rsb_checksum_stream_new (base);

  result->display_name = g_strdup (display_name);
  result->kind = rsb_file_kind_guess (display_name);

  if (!rsb_store_begin (store, &result->error))
    goto failed;
  if (!import_by_kind (store, stream, result, cancellable, &result->error) ||
      !record_file (store, stream, result, &result->error) ||
      !rsb_store_commit (store, &result->error))
    {
      rsb_store_rollback (store);
      result->n_activities = result->n_plays = 0;
      result->activity_id = 0;
      goto failed;
    }

  result->status = (result->n_activities + result->n_plays) > 0 ? RSB_IMPORT_ADDED : RSB_IMPORT_DUPLICATE;
  return TRUE;

failed:
  result->status = RSB_IMPORT_FAILED;
  return FALSE;
}

gboolean
rsb_import_file (RsbStore         *store,
                 GFile            *file,
                 RsbImportResult  *result,
                 GCancellable     *cancellable)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &result->error);

  if (stream == NULL)
    {
      g_autoptr(GError) cause = g_steal_pointer (&result->error);

      result->display_name = g_steal_pointer (&name);
      result->status = RSB_IMPORT_FAILED;
      g_set_error (&result->error, cause->domain, cause->code,
                   _("“%s” could not be read: %s"), result->display_name, cause->message);
      return FALSE;
    }
  return rsb_import_stream (store, G_INPUT_STREAM (stream), name, result, cancellable);
}
