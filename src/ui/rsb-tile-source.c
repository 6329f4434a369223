/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tile-source.c: map tiles fetched under the app's HTTP policy.
 *
 * libshumate 1.0's own downloader sends a fixed "libshumate" User-Agent,
 * which OpenStreetMap's tile policy does not accept, so tiles come
 * through our session instead, behind libshumate's file cache: a tile
 * seen once is read from disk for a week (the policy's minimum), then
 * revalidated with its ETag. Each URL template caches under its own key,
 * so switching servers never mixes their tiles.
 *
 * "available" says whether the server answered lately; while it does
 * not, the source retries one tile now and then (and when the network
 * changes), and "reset" tells maps to ask again for the tiles they miss
 * once it answers.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-tile-source.h"
#include "rsb-http.h"

/* OSM's tile usage policy asks clients to keep tiles at least 7 days. */
#define FRESH_FOR              (7 * G_TIME_SPAN_DAY)
#define CACHE_SIZE_LIMIT       (100 * 1000 * 1000)
#define FIRST_RETRY_S          3
#define LAST_RETRY_S           60
#define OSM_LICENSE            N_("Map data © OpenStreetMap contributors")
#define OSM_LICENSE_URI        "https://www.openstreetmap.org/copyright"

struct _RsbTileSource
{
  ShumateDataSource  parent_instance;
  SoupSession       *session;
  ShumateFileCache  *cache;        /* made on the first tile */
  char              *url_template;
  char              *cache_dir;
  GSettings         *settings;     /* the default source follows "tile-url" */
  guint              generation;   /* bumped per template: stale answers are ignored */
  gboolean           available;

  /* While unavailable: the tile to try again, and when. */
  char              *retry_url;
  int                retry_x, retry_y, retry_z;
  guint              retry_id;
  guint              retry_delay_s;
  GCancellable      *retry_cancellable;
};

G_DEFINE_FINAL_TYPE (RsbTileSource, rsb_tile_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_URL_TEMPLATE,
  PROP_AVAILABLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { RESET, N_SIGNALS };
static guint signals[N_SIGNALS];

static void schedule_retry (RsbTileSource *self);

/* ---- templates and the cache ------------------------------------------ */

static char *
expand_template (const char *url_template,
                 int         x,
                 int         y,
                 int         z)
{
  g_autoptr(GString) url = g_string_new (url_template);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);
  g_autofree char *zs = g_strdup_printf ("%d", z);

  g_string_replace (url, "{x}", xs, 0);
  g_string_replace (url, "{y}", ys, 0);
  g_string_replace (url, "{z}", zs, 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* The server's host, readable in the cache folder, and a hash of the
 * whole template, so two templates on one host (styles, API keys) never
 * share tiles. */
char *
rsb_tile_source_cache_key (const char *url_template)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url_template, -1);
  g_autoptr(GUri) uri = g_uri_parse (url_template, G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autofree char *host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "tiles");

  g_strcanon (host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-", '_');
  hash[16] = '\0';
  return g_strdup_printf ("%s-%s", host, hash);
}

static void
on_purged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* libshumate 1.0 can fail here without saying why. */
  if (!shumate_file_cache_purge_cache_finish (SHUMATE_FILE_CACHE (source), result, &error))
    g_debug ("Could not trim the tile cache: %s", error ? error->message : "no reason given");
}

static ShumateFileCache *
ensure_cache (RsbTileSource *self)
{
  g_autofree char *key = NULL;

  if (self->cache != NULL)
    return self->cache;
  key = rsb_tile_source_cache_key (self->url_template);
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, key, self->cache_dir);
  /* The file cache only keeps to its limit when asked: once a run is
   * often enough for tiles a route at a time. */
  shumate_file_cache_purge_cache_async (self->cache, NULL, on_purged, NULL);
  return self->cache;
}

static SoupSession *
ensure_session (RsbTileSource *self)
{
  /* Made on the first tile: creating a session loads TLS and proxy
   * modules, which launch need not wait for. */
  if (self->session == NULL)
    self->session = rsb_http_session_new ();
  return self->session;
}

/* ---- availability ------------------------------------------------------ */

static void
set_available (RsbTileSource *self,
               gboolean       available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
  if (available)
    {
      g_clear_handle_id (&self->retry_id, g_source_remove);
      g_clear_pointer (&self->retry_url, g_free);
      /* Maps still hold the tiles that failed: let them ask again (the
       * ones that loaded come back from the file cache). */
      g_signal_emit (self, signals[RESET], 0);
    }
  else
    {
      self->retry_delay_s = FIRST_RETRY_S;
      schedule_retry (self);
    }
}

static void
note_failure (RsbTileSource *self,
              const char    *url,
              int            x,
              int            y,
              int            z)
{
  g_free (self->retry_url);
  self->retry_url = g_strdup (url);
  self->retry_x = x;
  self->retry_y = y;
  self->retry_z = z;
  set_available (self, FALSE);
}

/* A tile worth caching: a captive portal's page answered with 200 must
 * not stand in for a map for a week. */
static gboolean
is_image (SoupMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);

  return type == NULL || g_str_has_prefix (type, "image/");
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (source), result, &error))
    g_debug ("Could not cache a tile: %s", error ? error->message : "no reason given");
}

static void
store (ShumateFileCache *cache,
       SoupMessage      *msg,
       int               x,
       int               y,
       int               z,
       GBytes           *bytes)
{
  const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag");

  shumate_file_cache_store_tile_async (cache, x, y, z, bytes, etag, NULL, on_stored, NULL);
}

static void
on_retry_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RsbTileSource *self = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->retry_cancellable);
  if (bytes != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) && is_image (msg))
    {
      store (ensure_cache (self), msg, self->retry_x, self->retry_y, self->retry_z, bytes);
      set_available (self, TRUE);
      return;
    }
  self->retry_delay_s = MIN (self->retry_delay_s * 2, LAST_RETRY_S);
  schedule_retry (self);
}

static void
retry_now (RsbTileSource *self)
{
  g_autoptr(SoupMessage) msg = NULL;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->available || self->retry_url == NULL || self->retry_cancellable != NULL)
    return;
  msg = soup_message_new (SOUP_METHOD_GET, self->retry_url);
  if (msg == NULL)
    return;
  self->retry_cancellable = g_cancellable_new ();
  soup_session_send_and_read_async (ensure_session (self), msg, G_PRIORITY_LOW,
                                    self->retry_cancellable, on_retry_read, self);
}

static gboolean
on_retry_timeout (gpointer data)
{
  RsbTileSource *self = data;

  self->retry_id = 0;
  retry_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (RsbTileSource *self)
{
  if (self->retry_id == 0 && self->retry_url != NULL)
    self->retry_id = g_timeout_add_seconds (self->retry_delay_s, on_retry_timeout, self);
}

/* Back on a network: no need to wait for the next try. */
static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         network_available,
                    RsbTileSource   *self)
{
  if (network_available && !self->available)
    retry_now (self);
}

static void
cancel_retry (RsbTileSource *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->retry_url, g_free);
  if (self->retry_cancellable != NULL)
    g_cancellable_cancel (self->retry_cancellable);
  g_clear_object (&self->retry_cancellable);
}

/* ---- one tile ---------------------------------------------------------- */

typedef struct {
  ShumateFileCache *cache;
  SoupMessage      *msg;
  GBytes           *cached;   /* the copy on disk, past its week */
  char             *etag;
  char             *url;
  guint             generation;
  int               x, y, z;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->cache);
  g_clear_object (&request->msg);
  g_clear_pointer (&request->cached, g_bytes_unref);
  g_free (request->etag);
  g_free (request->url);
  g_free (request);
}

static gboolean
is_current (RsbTileSource *self,
            Request       *request)
{
  return request->generation == self->generation;
}

/* libshumate's raster renderer draws what "received-data" hands it; the
 * async result only tells it the fetch is over. */
static void
deliver (GTask  *task,
         GBytes *bytes)
{
  Request *request = g_task_get_task_data (task);

  g_signal_emit_by_name (g_task_get_source_object (task), "received-data",
                         request->x, request->y, request->z, bytes);
}

/* A stale copy beats no map; without one, the server is unavailable. */
static void
fail (GTask  *task,
      GError *error)
{
  RsbTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  if (request->cached != NULL)
    {
      g_debug ("Showing a cached tile: %s", error->message);
      g_error_free (error);
      g_task_return_pointer (task, g_steal_pointer (&request->cached), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (is_current (self, request) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note_failure (self, request->url, request->x, request->y, request->z);
  g_task_return_error (task, error);
}

static void
on_tile_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RsbTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupStatus status = soup_message_get_status (request->msg);

  if (bytes == NULL)
    fail (task, error);
  else if (status == SOUP_STATUS_NOT_MODIFIED && request->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (request->cache, request->x, request->y, request->z);
      if (is_current (self, request))
        set_available (self, TRUE);
      g_task_return_pointer (task, g_steal_pointer (&request->cached), (GDestroyNotify) g_bytes_unref);
    }
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("The tile server answered %u %s"),
                             status, soup_message_get_reason_phrase (request->msg)));
  else if (!is_image (request->msg))
    fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The tile server did not answer with an image")));
  else
    {
      deliver (task, bytes);
      store (request->cache, request->msg, request->x, request->y, request->z, bytes);
      if (is_current (self, request))
        set_available (self, TRUE);
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
    }
}

/* Takes the reference on task. */
static void
fetch (GTask *task)
{
  RsbTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;

  if (!rsb_http_check_url (request->url, &error))
    {
      fail (task, error);
      g_object_unref (task);
      return;
    }
  request->msg = soup_message_new (SOUP_METHOD_GET, request->url);
  if (request->msg == NULL)
    {
      fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not a tile address", request->url));
      g_object_unref (task);
      return;
    }
  if (request->cached != NULL && request->etag != NULL)
    soup_message_headers_append (soup_message_get_request_headers (request->msg), "If-None-Match", request->etag);
  soup_session_send_and_read_async (ensure_session (self), request->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_tile_read, task);
}

static gboolean
is_fresh (GDateTime *modified)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return modified != NULL && g_date_time_difference (now, modified) < FRESH_FOR;
}

static void
on_cache_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) bytes = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (source), &etag, &modified, result, NULL);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (bytes != NULL)
    {
      deliver (task, bytes);
      if (is_fresh (modified))
        {
          g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
          g_object_unref (task);
          return;
        }
      request->cached = g_steal_pointer (&bytes);
      request->etag = g_steal_pointer (&etag);
    }
  fetch (task);
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
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, rsb_tile_source_get_tile_data_async);
  request->cache = g_object_ref (ensure_cache (self));
  request->url = expand_template (self->url_template, x, y, zoom_level);
  request->generation = self->generation;
  request->x = x;
  request->y = y;
  request->z = zoom_level;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  shumate_file_cache_get_tile_async (request->cache, x, y, zoom_level, cancellable, on_cache_read, task);
}

static GBytes *
rsb_tile_source_get_tile_data_finish (ShumateDataSource  *source,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object -------------------------------------------------------- */

static void
rsb_tile_source_dispose (GObject *object)
{
  RsbTileSource *self = RSB_TILE_SOURCE (object);

  cancel_retry (self);
  g_signal_handlers_disconnect_by_data (g_network_monitor_get_default (), self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rsb_tile_source_parent_class)->dispose (object);
}

static void
rsb_tile_source_finalize (GObject *object)
{
  RsbTileSource *self = RSB_TILE_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_free (self->url_template);
  g_free (self->cache_dir);
  G_OBJECT_CLASS (rsb_tile_source_parent_class)->finalize (object);
}

static void
rsb_tile_source_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RsbTileSource *self = RSB_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      g_value_set_string (value, self->url_template);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_tile_source_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RsbTileSource *self = RSB_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      rsb_tile_source_set_url_template (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_tile_source_class_init (RsbTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = rsb_tile_source_dispose;
  object_class->finalize = rsb_tile_source_finalize;
  object_class->get_property = rsb_tile_source_get_property;
  object_class->set_property = rsb_tile_source_set_property;
  source_class->get_tile_data_async = rsb_tile_source_get_tile_data_async;
  source_class->get_tile_data_finish = rsb_tile_source_get_tile_data_finish;

  properties[PROP_URL_TEMPLATE] =
    g_param_spec_string ("url-template", NULL, NULL, DEFAULT_TILE_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE once a tile could not be had (network error, an error status,
   * not an image) with no copy on disk; TRUE again with the next tile
   * the server sends. */
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Maps should take a new map source (rsb_tile_source_new_map_source)
   * and so drop the tiles they hold: the template changed, or the server
   * answers again after failing. */
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rsb_tile_source_init (RsbTileSource *self)
{
  self->available = TRUE;
  self->retry_delay_s = FIRST_RETRY_S;
  self->url_template = g_strdup (DEFAULT_TILE_URL);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, 0);
}

RsbTileSource *
rsb_tile_source_new (const char *url_template,
                     const char *cache_dir)
{
  RsbTileSource *self = g_object_new (RSB_TYPE_TILE_SOURCE, "url-template", url_template, NULL);

  self->cache_dir = cache_dir != NULL
    ? g_strdup (cache_dir)
    : g_build_filename (g_get_user_cache_dir (), "run-sous-bpm", "tiles", NULL);
  return self;
}

/* $RSB_TILE_URL (tests, screenshots) over Preferences over OpenStreetMap. */
static char *
template_from_settings (GSettings *settings)
{
  g_autofree char *setting = g_settings_get_string (settings, "tile-url");

  return g_strdup (*setting != '\0' ? setting : DEFAULT_TILE_URL);
}

static void
on_tile_url_changed (GSettings     *settings,
                     const char    *key,
                     RsbTileSource *self)
{
  g_autofree char *url_template = template_from_settings (settings);

  rsb_tile_source_set_url_template (self, url_template);
}

const char *
rsb_tile_source_env_template (void)
{
  const char *env = g_getenv ("RSB_TILE_URL");

  return env != NULL && *env != '\0' ? env : NULL;
}

/* One source for every map: they share its connections, its cache and
 * its idea of whether the server answers, which the window shows. */
RsbTileSource *
rsb_tile_source_get_default (void)
{
  static RsbTileSource *source;
  const char *env = rsb_tile_source_env_template ();
  g_autofree char *url_template = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    return source;
  if (env != NULL)
    {
      source = rsb_tile_source_new (env, NULL);
      return source;
    }
  settings = g_settings_new (APP_ID);
  url_template = template_from_settings (settings);
  source = rsb_tile_source_new (url_template, NULL);
  source->settings = g_steal_pointer (&settings);
  g_signal_connect_object (source->settings, "changed::tile-url", G_CALLBACK (on_tile_url_changed), source, 0);
  return source;
}

const char *
rsb_tile_source_get_url_template (RsbTileSource *self)
{
  g_return_val_if_fail (RSB_IS_TILE_SOURCE (self), NULL);
  return self->url_template;
}

/* Tiles already asked for under the old template are neither cached
 * under the new one nor counted for its availability. */
void
rsb_tile_source_set_url_template (RsbTileSource *self,
                                  const char    *url_template)
{
  g_return_if_fail (RSB_IS_TILE_SOURCE (self));

  if (url_template == NULL || *url_template == '\0')
    url_template = DEFAULT_TILE_URL;
  if (g_strcmp0 (self->url_template, url_template) == 0)
    return;
  g_free (self->url_template);
  self->url_template = g_strdup (url_template);
  self->generation++;
  g_clear_object (&self->cache);
  cancel_retry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL_TEMPLATE]);
  if (!self->available)
    set_available (self, TRUE);
  else
    g_signal_emit (self, signals[RESET], 0);
}

gboolean
rsb_tile_source_get_available (RsbTileSource *self)
{
  g_return_val_if_fail (RSB_IS_TILE_SOURCE (self), FALSE);
  return self->available;
}

const char *
rsb_tile_source_get_cache_dir (RsbTileSource *self)
{
  g_return_val_if_fail (RSB_IS_TILE_SOURCE (self), NULL);
  return self->cache_dir;
}

ShumateMapSource *
rsb_tile_source_new_map_source (RsbTileSource *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *license = NULL;
  const char *host;

  g_return_val_if_fail (RSB_IS_TILE_SOURCE (self), NULL);

  /* OpenStreetMap's data needs its credit; another server's tiles are
   * credited to that server, not to OpenStreetMap. */
  uri = g_uri_parse (self->url_template, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host != NULL && !g_str_has_suffix (host, "openstreetmap.org"))
    license = g_strdup_printf (_("Map tiles from %s"), host);
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    "rsb-tiles", _("Map"), license ? license : _(OSM_LICENSE), license ? NULL : OSM_LICENSE_URI,
    0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR, SHUMATE_DATA_SOURCE (self)));
}
