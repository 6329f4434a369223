/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-importer.c: one source in, one transaction out.
 *
 * Every file (or archive entry) lands whole or not at all, so a damaged
 * file, a crash or a cancel never leaves half an activity or half a
 * history behind.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-importer.h"
#include "rsb-checksum-stream.h"
#include "rsb-file-sniff.h"
#include "rsb-fit-reader.h"
#include "rsb-gpx-reader.h"
#include "rsb-history-parsers.h"
#include "rsb-import-error.h"
#include "rsb-import-notes.h"
#include "rsb-limited-stream.h"
#include "rsb-play-pipeline.h"
#include "rsb-recording.h"
#include "rsb-spotify-history.h"
#include "rsb-tcx-reader.h"

void
rsb_import_result_clear (RsbImportResult *result)
{
  g_clear_pointer (&result->display_name, g_free);
  g_clear_pointer (&result->note, g_free);
  g_clear_error (&result->error);
  memset (result, 0, sizeof *result);
}

RsbImportResult *
rsb_import_result_new (const char *display_name)
{
  RsbImportResult *result = g_new0 (RsbImportResult, 1);
  gboolean gzipped;

  result->display_name = g_strdup (display_name);
  result->kind = rsb_file_kind_guess (display_name, &gzipped);
  return result;
}

void
rsb_import_result_free (RsbImportResult *result)
{
  if (result == NULL)
    return;
  rsb_import_result_clear (result);
  g_free (result);
}

/* Takes ownership of error. */
void
rsb_import_result_fail (RsbImportResult *result,
                        GError          *error)
{
  g_clear_error (&result->error);
  result->error = error;
  result->status = RSB_IMPORT_FAILED;
  result->n_activities = result->n_plays = result->n_replaced = 0;
  result->activity_id = 0;
  g_clear_pointer (&result->note, g_free);
}

/* Gzip is undone as the parser reads, never into a temporary file, and
 * a file that unpacks past any real workout's size is a bomb. */
GInputStream *
rsb_import_decompress (GInputStream *stream,
                       gboolean      gzipped,
                       const char   *display_name)
{
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) unpacked = NULL;

  if (!gzipped)
    return g_object_ref (stream);
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  unpacked = g_converter_input_stream_new (stream, G_CONVERTER (gunzip));
  return rsb_limited_stream_new (unpacked, RSB_IMPORT_MAX_WORKOUT_BYTES, display_name);
}

/* zlib's messages say nothing of the file; ours do. */
static void
name_the_file (GError     **error,
               const char  *display_name)
{
  GError *cause;

  if (error == NULL || *error == NULL || (*error)->domain == RSB_IMPORT_ERROR)
    return;
  cause = *error;
  *error = NULL;
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” could not be read: %s"), display_name, cause->message);
  g_error_free (cause);
}

gboolean
rsb_import_read_workout (RsbFileKind        kind,
                         GInputStream      *stream,
                         const char        *display_name,
                         RsbActivityInfo  **out_info,
                         RsbStreams       **out_streams,
                         GCancellable      *cancellable,
                         GError           **error)
{
  gboolean ok;

  switch (kind)
    {
    case RSB_FILE_KIND_GPX:
      ok = rsb_gpx_read (stream, display_name, out_info, out_streams, cancellable, error);
      break;
    case RSB_FILE_KIND_TCX:
      ok = rsb_tcx_read (stream, display_name, out_info, out_streams, cancellable, error);
      break;
    case RSB_FILE_KIND_FIT:
      ok = rsb_fit_read (stream, display_name, out_info, out_streams, cancellable, error);
      break;
    default:
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is not a workout file (GPX, TCX or FIT)"), display_name);
      return FALSE;
    }
  if (!ok)
    name_the_file (error, display_name);
  return ok;
}

/* What ties an activity to where it came from; an empty name or an
 * unknown sport leaves the file's own. */
static void
set_identity (RsbActivityInfo *info,
              const char      *source,
              const char      *source_id,
              const char      *name,
              const char      *sport)
{
  g_free (info->source);
  info->source = g_strdup (source);
  g_free (info->source_id);
  info->source_id = g_strdup (source_id);
  if (name != NULL && *name != '\0')
    {
      g_free (info->name);
      info->name = g_strdup (name);
    }
  if (sport != NULL)
    {
      g_free (info->sport);
      info->sport = g_strdup (sport);
    }
}

/* The export's own record wins over what the file says: it is what the
 * user named the activity on Strava, and its id ties it to the API. */
void
rsb_import_apply_strava (RsbActivityInfo      *info,
                         const RsbStravaEntry *entry)
{
  set_identity (info, "strava", entry->strava_id, entry->name, entry->sport);
}

/* Takes text; a result may have more than one thing to tell. */
static void
add_note (RsbImportResult *result,
          char            *text)
{
  char *joined;

  if (result->note == NULL)
    {
      result->note = text;
      return;
    }
  joined = g_strconcat (result->note, "\n", text, NULL);
  g_free (result->note);
  g_free (text);
  result->note = joined;
}

static void
note_missing_times (RsbActivityInfo *info,
                    RsbImportResult *result)
{
  if (!rsb_activity_info_has_times (info))
    add_note (result, g_strdup_printf (_("“%s” has no timestamps: it shows as a route, but songs cannot be placed on it"),
                                       result->display_name));
}

static gboolean
is_strava (const RsbActivityInfo *info)
{
  return g_strcmp0 (info->source, "strava") == 0;
}

/* The same file, or the same Strava activity: nothing to weigh. */
static gboolean
same_identity (const RsbActivityInfo *a,
               const RsbActivityInfo *b)
{
  return g_strcmp0 (a->source, b->source) == 0 && g_strcmp0 (a->source_id, b->source_id) == 0;
}

/* What a new recording takes over from the one it replaces: the clock
 * offset the user set, and the ties to Strava (the id that syncs and
 * exports recognise, the name and sport given there), which belong to
 * the workout rather than to one recording of it. */
static void
inherit_from (RsbActivityInfo       *info,
              const RsbActivityInfo *kept)
{
  info->clock_offset_ms = kept->clock_offset_ms;
  if (is_strava (kept))
    set_identity (info, kept->source, kept->source_id, kept->name, kept->sport);
}

static gboolean
replace_recording (RsbStore               *store,
                   RsbActivityInfo        *info,
                   RsbStreams             *streams,
                   const RsbActivityInfo  *kept,
                   RsbImportResult        *result,
                   GError                **error)
{
  inherit_from (info, kept);
  if (!rsb_store_replace_activity (store, kept->id, info, streams, error))
    return FALSE;
  result->n_replaced = 1;
  add_note (result, rsb_import_note_replaced (result->display_name, info, kept));
  return TRUE;
}

/* The richer recording stays; a Strava identity the library lacked is
 * kept whichever recording that is. */
static gboolean
settle_same_workout (RsbStore               *store,
                     RsbActivityInfo        *info,
                     RsbStreams             *streams,
                     const RsbActivityInfo  *kept,
                     RsbImportResult        *result,
                     GError                **error)
{
  result->activity_id = kept->id;
  if (same_identity (info, kept))
    return TRUE;
  if (rsb_recording_richer (info, kept) != RSB_RICHER_NOT)
    return replace_recording (store, info, streams, kept, result, error);
  if (is_strava (info) && !is_strava (kept) && !rsb_store_set_identity (store, kept->id, info, error))
    return FALSE;
  add_note (result, rsb_import_note_kept (result->display_name, info, kept));
  return TRUE;
}

static gboolean
store_workout_in_transaction (RsbStore         *store,
                              RsbActivityInfo  *info,
                              RsbStreams       *streams,
                              const char       *digest,
                              RsbImportResult  *result,
                              GError          **error)
{
  gint64 id = rsb_store_find_activity (store, info);
  g_autoptr(RsbActivityInfo) kept = NULL;

  if (id == 0)
    {
      result->activity_id = rsb_store_add_activity (store, info, streams, error);
      if (result->activity_id == 0)
        return FALSE;
      result->n_activities = 1;
    }
  else if ((kept = rsb_store_get_activity (store, id, error)) == NULL ||
           !settle_same_workout (store, info, streams, kept, result, error))
    return FALSE;
  return digest == NULL || rsb_store_add_file (store, digest, result->display_name,
                                               result->n_activities + result->n_replaced, error);
}

/* Stores a parsed workout in its own transaction. The library may have
 * it already: the same file or Strava id adds nothing; another
 * recording of it (the same start) replaces the one stored when it is
 * richer (rsb-recording.h), and the result's note says which was kept
 * and why. info gets source "file" and the digest as its id unless a
 * Strava export named it. */
gboolean
rsb_import_store_workout (RsbStore         *store,
                          RsbActivityInfo  *info,
                          RsbStreams       *streams,
                          const char       *digest,
                          RsbImportResult  *result)
{
  GError *error = NULL;

  if (info->source == NULL)
    {
      info->source = g_strdup ("file");
      info->source_id = g_strdup (digest);
    }
  if (info->file_name == NULL)
    info->file_name = g_strdup (result->display_name);
  note_missing_times (info, result);
  /* A damaged file gave what it could: say what was lost. */
  if (info->recovered != NULL)
    add_note (result, g_strdup (info->recovered));

  if (!rsb_store_begin (store, &error))
    goto failed;
  if (!store_workout_in_transaction (store, info, streams, digest, result, &error) ||
      !rsb_store_commit (store, &error))
    {
      rsb_store_rollback (store);
      goto failed;
    }
  result->status = result->n_activities + result->n_replaced > 0 ? RSB_IMPORT_ADDED : RSB_IMPORT_DUPLICATE;
  return TRUE;

failed:
  rsb_import_result_fail (result, error);
  return FALSE;
}

typedef struct {
  RsbStore         *store;
  RsbImportResult  *result;
  guint             n_read;
  guint             n_without_artist;
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
  import->n_read++;
  import->n_without_artist += play->track.artists == NULL || play->track.artists[0] == '\0';
  return TRUE;
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

/* Newer Apple exports leave the artists out: songs then match by
 * title alone, which is worth knowing. A history with no music at all
 * (a Takeout's search history, a podcast-only Spotify year) is told
 * apart from one already imported. */
static void
note_missing_artists (const PlayImport *import,
                      RsbImportResult  *result)
{
  result->n_read = import->n_read;
  if (import->n_read == 0)
    add_note (result, g_strdup_printf (_("“%s” holds no music listens"), result->display_name));
  if (import->n_read > 0 && import->n_without_artist == import->n_read)
    add_note (result, g_strdup_printf (_("“%s” names no artist for its songs: they are known by title and album only"),
                                       result->display_name));
}

static gboolean
history_in_transaction (RsbStore         *store,
                        GInputStream     *stream,
                        RsbImportResult  *result,
                        GCancellable     *cancellable,
                        GError          **error)
{
  PlayImport import = { store, result };
  RsbHistoryParseFunc parse = rsb_history_parser_for (result->kind);
  const char *digest;

  /* A caller that has not sniffed the file means a Spotify history. */
  if (parse == NULL)
    parse = rsb_spotify_history_parse;
  if (!rsb_play_pipeline_run (parse, stream, result->display_name, store_play, &import,
                              NULL, cancellable, error) ||
      !finish_digest (stream, cancellable, error))
    return FALSE;
  if (!rsb_store_finish_plays (store, error))
    return FALSE;
  note_missing_artists (&import, result);
  digest = rsb_checksum_stream_get_digest (RSB_CHECKSUM_STREAM (stream));
  return rsb_store_add_file (store, digest, result->display_name, result->n_plays, error);
}

static gboolean
plays_in_transaction (RsbStore         *store,
                      GPtrArray        *plays,
                      const char       *digest,
                      RsbImportResult  *result,
                      GError          **error)
{
  PlayImport import = { store, result };

  for (guint i = 0; i < plays->len; i++)
    if (!store_play (g_ptr_array_index (plays, i), &import, error))
      return FALSE;
  if (!rsb_store_finish_plays (store, error))
    return FALSE;
  note_missing_artists (&import, result);
  return rsb_store_add_file (store, digest, result->display_name, result->n_plays, error);
}

/* Stores plays a history's parser gave (RsbPlay *, in the order to
 * store) in one transaction, as rsb_import_history does a stream:
 * for histories parsed ahead on another thread. digest: the file's
 * SHA-256. */
gboolean
rsb_import_history_plays (RsbStore         *store,
                          GPtrArray        *plays,
                          const char       *digest,
                          RsbImportResult  *result)
{
  GError *error = NULL;

  if (!rsb_store_begin (store, &error))
    goto failed;
  if (!plays_in_transaction (store, plays, digest, result, &error) ||
      !rsb_store_commit (store, &error))
    {
      rsb_store_rollback (store);
      goto failed;
    }
  result->status = result->n_plays > 0 ? RSB_IMPORT_ADDED : RSB_IMPORT_DUPLICATE;
  return TRUE;

failed:
  rsb_import_result_fail (result, error);
  return FALSE;
}

/* Streams a listening history into the library in one transaction: the
 * plays are written as they are parsed, so an 80 MB file never sits in
 * memory, and a damaged one rolls back whole. */
gboolean
rsb_import_history (RsbStore         *store,
                    GInputStream     *base,
                    RsbImportResult  *result,
                    GCancellable     *cancellable)
{
  g_autoptr(GInputStream) stream = rsb_checksum_stream_new (base);
  GError *error = NULL;

  if (!rsb_store_begin (store, &error))
    goto failed;
  if (!history_in_transaction (store, stream, result, cancellable, &error) ||
      !rsb_store_commit (store, &error))
    {
      rsb_store_rollback (store);
      goto failed;
    }
  result->status = result->n_plays > 0 ? RSB_IMPORT_ADDED : RSB_IMPORT_DUPLICATE;
  return TRUE;

failed:
  rsb_import_result_fail (result, error);
  return FALSE;
}

static gboolean
import_workout_stream (RsbStore         *store,
                       GInputStream     *base,
                       gboolean          gzipped,
                       RsbImportResult  *result,
                       GCancellable     *cancellable)
{
  g_autoptr(GInputStream) hashed = rsb_checksum_stream_new (base);
  g_autoptr(GInputStream) stream = rsb_import_decompress (hashed, gzipped, result->display_name);
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  GError *error = NULL;

  if (!rsb_import_read_workout (result->kind, stream, result->display_name, &info, &streams,
                                cancellable, &error) ||
      !finish_digest (hashed, cancellable, &error))
    {
      rsb_import_result_fail (result, error);
      return FALSE;
    }
  return rsb_import_store_workout (store, info, streams,
                                   rsb_checksum_stream_get_digest (RSB_CHECKSUM_STREAM (hashed)),
                                   result);
}

/* The first RSB_FILE_SNIFF_BYTES of stream, kept in a buffer that the
 * reader then reads on from: the peek costs no second read. */
static RsbFileKind
peek_kind (GInputStream  *buffered,
           const char    *display_name,
           gboolean      *gzipped,
           GCancellable  *cancellable,
           GError       **why)
{
  GBufferedInputStream *buffer = G_BUFFERED_INPUT_STREAM (buffered);
  g_autoptr(GError) error = NULL;
  gsize available = 0;
  gssize got;
  const guint8 *peek;

  do
    got = g_buffered_input_stream_fill (buffer, RSB_FILE_SNIFF_BYTES - available, cancellable, &error);
  while (got > 0 && (available = g_buffered_input_stream_get_available (buffer)) < RSB_FILE_SNIFF_BYTES);
  if (got < 0)
    {
      g_set_error (why, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” could not be read: %s"), display_name, error->message);
      return RSB_FILE_KIND_UNKNOWN;
    }
  peek = g_buffered_input_stream_peek_buffer (buffer, &available);
  return rsb_file_sniff (peek, available, display_name, gzipped, why);
}

/* Imports one file's content; display_name names it in every message.
 * Its first bytes decide how it is read (its name only breaks ties).
 * Returns FALSE (result->error set, library unchanged) on failure. */
gboolean
rsb_import_stream (RsbStore         *store,
                   GInputStream     *stream,
                   const char       *display_name,
                   RsbImportResult  *result,
                   GCancellable     *cancellable)
{
  g_autoptr(GInputStream) buffered = g_buffered_input_stream_new_sized (stream, RSB_FILE_SNIFF_BYTES);
  GError *why = NULL;
  gboolean gzipped;

  result->display_name = g_strdup (display_name);
  result->kind = peek_kind (buffered, display_name, &gzipped, cancellable, &why);

  if (rsb_file_kind_is_workout (result->kind))
    return import_workout_stream (store, buffered, gzipped, result, cancellable);
  if (rsb_file_kind_is_history (result->kind))
    return rsb_import_history (store, buffered, result, cancellable);

  if (why == NULL)
    why = g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                       _("“%s” is neither a workout (GPX, TCX, FIT) nor a listening history"),
                       display_name);
  rsb_import_result_fail (result, why);
  return FALSE;
}

gboolean
rsb_import_file (RsbStore         *store,
                 GFile            *file,
                 RsbImportResult  *result,
                 GCancellable     *cancellable)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &error);

  if (stream == NULL)
    {
      result->display_name = g_steal_pointer (&name);
      rsb_import_result_fail (result, g_error_new (RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                                                   _("“%s” could not be read: %s"),
                                                   result->display_name, error->message));
      return FALSE;
    }
  return rsb_import_stream (store, G_INPUT_STREAM (stream), name, result, cancellable);
}
