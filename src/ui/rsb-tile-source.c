/* rsb-tile-source.c: map tiles fetched under the app's HTTP policy.
 *
 * libshumate 1.0's own downloader sends a fixed "libshumate" User-Agent,
 * which OpenStreetMap's tile policy does not accept, so tiles come
 * through our session instead. */
#include "config.h"

#include "rsb-tile-source.h"
#include "rsb-http.h"

struct _RsbTileSource
{
  ShumateDataSource  parent_instance;
  SoupSession       *session;
  char              *url_template;
};

G_DEFINE_FINAL_TYPE (RsbTileSource, rsb_tile_source, SHUMATE_TYPE_DATA_SOURCE)

static char *
tile_url (RsbTileSource *self,
          int            x,
          int            y,
          int            z)
{
  g_autoptr(GString) url = g_string_new (self->url_template);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);
  g_autofree char *zs = g_strdup_printf ("%d", z);

  g_string_replace (url, "{x}", xs, 0);
  g_string_replace (url, "{y}", ys, 0);
  g_string_replace (url, "{z}", zs, 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

typedef struct {
  int x, y, z;
} TileId;

/* libshumate's raster renderer draws what "received-data" hands it; the
 * async result only tells it the fetch is over. */
static void
deliver (GTask  *task,
         GBytes *bytes)
{
  const TileId *id = g_task_get_task_data (task);

  g_signal_emit_by_name (g_task_get_source_object (task), "received-data", id->x, id->y, id->z, bytes);
  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
on_tile_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  GError *error = NULL;
  GBytes *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The tile server answered %u %s", soup_message_get_status (msg),
                               soup_message_get_reason_phrase (msg));
      g_bytes_unref (bytes);
    }
  else
    deliver (task, bytes);
}

static void
rsb_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                     int                  x,
                                     int                  y,
                                     int                  zoom_level,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  RsbTileSource *self = RSB_TILE_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  TileId *id = g_new (TileId, 1);
  g_autofree char *url = tile_url (self, x, y, zoom_level);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  *id = (TileId) { x, y, zoom_level };
  g_task_set_task_data (task, id, g_free);
  if (!rsb_http_check_url (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  msg = soup_message_new (SOUP_METHOD_GET, url);
  /* Made on the first tile: creating a session loads TLS and proxy
   * modules, which launch need not wait for. */
  if (self->session == NULL)
    self->session = rsb_http_session_new ();
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, on_tile_read, task);
}

static GBytes *
rsb_tile_source_get_tile_data_finish (ShumateDataSource  *source,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rsb_tile_source_finalize (GObject *object)
{
  RsbTileSource *self = RSB_TILE_SOURCE (object);

  g_clear_object (&self->session);
  g_free (self->url_template);
  G_OBJECT_CLASS (rsb_tile_source_parent_class)->finalize (object);
}

static void
rsb_tile_source_class_init (RsbTileSourceClass *klass)
{
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rsb_tile_source_finalize;
  source_class->get_tile_data_async = rsb_tile_source_get_tile_data_async;
  source_class->get_tile_data_finish = rsb_tile_source_get_tile_data_finish;
}

static void
rsb_tile_source_init (RsbTileSource *self)
{
}

RsbTileSource *
rsb_tile_source_new (const char *url_template)
{
  RsbTileSource *self = g_object_new (RSB_TYPE_TILE_SOURCE, NULL);

  self->url_template = g_strdup (url_template);
  return self;
}
