/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-artwork-cache.c: album art, fetched once and kept on disk.
 *
 * Files are named by a hash of their URL, so any URL maps to a safe
 * file name and the same art shared by many tracks is fetched once.
 * Requests follow the app's HTTP policy (https beyond this computer,
 * the app's User-Agent); a fetch that fails leaves nothing behind, and
 * the next lookup simply tries again.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rsb-artwork-cache.h"
#include "rsb-http.h"

#define READ_CHUNK 65536

struct _RsbArtworkCache
{
  GObject      parent_instance;
  char        *directory;
  SoupSession *session;      /* made on the first download */
  guint        n_downloads;
};

G_DEFINE_FINAL_TYPE (RsbArtworkCache, rsb_artwork_cache, G_TYPE_OBJECT)

typedef struct {
  char         *url;
  GFile        *file;
  SoupMessage  *message;
  GInputStream *body;
  GByteArray   *data;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->url);
  g_clear_object (&lookup->file);
  g_clear_object (&lookup->message);
  g_clear_object (&lookup->body);
  g_clear_pointer (&lookup->data, g_byte_array_unref);
  g_free (lookup);
}

/* directory NULL: the user's cache, run-sous-bpm/artwork. */
RsbArtworkCache *
rsb_artwork_cache_new (const char *directory)
{
  RsbArtworkCache *self = g_object_new (RSB_TYPE_ARTWORK_CACHE, NULL);

  self->directory = directory != NULL
    ? g_strdup (directory)
    : g_build_filename (g_get_user_cache_dir (), "run-sous-bpm", "artwork", NULL);
  return self;
}

/* One cache for the whole app, so cards share its session and files. */
RsbArtworkCache *
rsb_artwork_cache_get_default (void)
{
  static RsbArtworkCache *cache;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, rsb_artwork_cache_new (NULL));
  return cache;
}

const char *
rsb_artwork_cache_get_directory (RsbArtworkCache *self)
{
  g_return_val_if_fail (RSB_IS_ARTWORK_CACHE (self), NULL);
  return self->directory;
}

char *
rsb_artwork_cache_path_for_url (RsbArtworkCache *self,
                                const char      *url)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);

  g_return_val_if_fail (RSB_IS_ARTWORK_CACHE (self), NULL);
  return g_build_filename (self->directory, name, NULL);
}

guint
rsb_artwork_cache_get_n_downloads (RsbArtworkCache *self)
{
  g_return_val_if_fail (RSB_IS_ARTWORK_CACHE (self), 0);
  return self->n_downloads;
}

static void
return_bad_data (GTask      *task,
                 const char *problem)
{
  Lookup *lookup = g_task_get_task_data (task);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           /* Translators: the first %s is a web address */
                           _("The album art at “%s” could not be used: %s"), lookup->url, problem);
}

/* Sniffed from the bytes: a server's Content-Type is not proof. */
static gboolean
looks_like_image (GByteArray *data)
{
  g_autofree char *type = g_content_type_guess (NULL, data->data, data->len, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (type);

  return mime != NULL && g_str_has_prefix (mime, "image/");
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Art that could not be kept is still worth showing this time. */
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_debug ("Album art from %s was not cached: %s", lookup->url, error->message);
  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&lookup->data)),
                         (GDestroyNotify) g_bytes_unref);
}

static void
save_download (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);
  RsbArtworkCache *self = g_task_get_source_object (task);

  if (!looks_like_image (lookup->data))
    {
      return_bad_data (task, _("it is not an image"));
      return;
    }
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    g_debug ("Could not create %s: %s", self->directory, g_strerror (errno));
  /* Written beside and renamed over: a crash never leaves half a file. */
  g_file_replace_contents_async (lookup->file, (const char *) lookup->data->data, lookup->data->len,
                                 NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                 g_task_get_cancellable (task), on_saved, g_object_ref (task));
}

static void read_more (GTask *task);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      save_download (task);
      return;
    }
  if (lookup->data->len + g_bytes_get_size (chunk) > RSB_ARTWORK_MAX_BYTES)
    {
      return_bad_data (task, _("it is too large"));
      return;
    }
  g_byte_array_append (lookup->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (task);
}

/* Read in chunks, so a server that never stops sending is cut off. */
static void
read_more (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (lookup->body, READ_CHUNK, G_PRIORITY_LOW,
                                   g_task_get_cancellable (task), on_read, g_object_ref (task));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  lookup->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (lookup->body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (lookup->message);
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The album art at “%s” could not be downloaded: the server answered %u %s"),
                               lookup->url, status, soup_message_get_reason_phrase (lookup->message));
      return;
    }
  lookup->data = g_byte_array_new ();
  read_more (task);
}

static void
download (GTask *task)
{
  RsbArtworkCache *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);

  if (self->session == NULL)
    self->session = rsb_http_session_new ();
  lookup->message = soup_message_new (SOUP_METHOD_GET, lookup->url);
  if (lookup->message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a web address"), lookup->url);
      return;
    }
  /* A redirect would escape the https check made on the URL: it counts
   * as a failed download. */
  soup_message_add_flags (lookup->message, SOUP_MESSAGE_NO_REDIRECT);
  self->n_downloads++;
  soup_session_send_async (self->session, lookup->message, G_PRIORITY_LOW,
                           g_task_get_cancellable (task), on_sent, g_object_ref (task));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (bytes != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  download (task);
}

/* Gives the art's bytes (PNG, JPEG...), from disk when it was fetched
 * before, else from the network. */
void
rsb_artwork_cache_lookup_async (RsbArtworkCache     *self,
                                const char          *url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  Lookup *lookup;

  g_return_if_fail (RSB_IS_ARTWORK_CACHE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rsb_artwork_cache_lookup_async);
  if (!rsb_http_check_url (url, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  lookup = g_new0 (Lookup, 1);
  lookup->url = g_strdup (url);
  path = rsb_artwork_cache_path_for_url (self, url);
  lookup->file = g_file_new_for_path (path);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  g_file_load_bytes_async (lookup->file, cancellable, on_loaded, g_object_ref (task));
}

GBytes *
rsb_artwork_cache_lookup_finish (RsbArtworkCache  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rsb_artwork_cache_finalize (GObject *object)
{
  RsbArtworkCache *self = RSB_ARTWORK_CACHE (object);

  g_free (self->directory);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (rsb_artwork_cache_parent_class)->finalize (object);
}

static void
rsb_artwork_cache_class_init (RsbArtworkCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_artwork_cache_finalize;
}

static void
rsb_artwork_cache_init (RsbArtworkCache *self)
{
}
