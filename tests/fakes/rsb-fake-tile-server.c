/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-fake-tile-server.h"

#include <cairo.h>
#include <stdio.h>

struct _RsbFakeTileServer
{
  SoupServer *server;
  GBytes     *tile;
  guint       n_served;
  char       *user_agent;
  gboolean    failing;
};

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A pale tile with a grid line on two edges: visibly "a map" in
 * screenshots, and never the colour of a route. */
static GBytes *
render_tile (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.93, 0.92, 0.89);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.80, 0.80, 0.78);
  cairo_rectangle (cr, 0, 0, 256, 1);
  cairo_rectangle (cr, 0, 0, 1, 256);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
handle_tile (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  RsbFakeTileServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  int z, x, y;

  if (sscanf (path, "/%d/%d/%d.png", &z, &x, &y) != 3)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  g_free (self->user_agent);
  self->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  if (self->failing)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }
  self->n_served++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (self->tile, NULL),
                                    g_bytes_get_size (self->tile));
}

RsbFakeTileServer *
rsb_fake_tile_server_new (GError **error)
{
  RsbFakeTileServer *self = g_new0 (RsbFakeTileServer, 1);

  self->tile = render_tile ();
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, "/", handle_tile, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      rsb_fake_tile_server_free (self);
      return NULL;
    }
  return self;
}

void
rsb_fake_tile_server_free (RsbFakeTileServer *self)
{
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_bytes_unref (self->tile);
  g_free (self->user_agent);
  g_free (self);
}

char *
rsb_fake_tile_server_url_template (RsbFakeTileServer *self)
{
  GSList *uris = soup_server_get_uris (self->server);
  g_autofree char *base = g_uri_to_string (uris->data);
  char *url;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* base ends with "/" */
  url = g_strconcat (base, "{z}/{x}/{y}.png", NULL);
  return url;
}

guint
rsb_fake_tile_server_n_served (RsbFakeTileServer *self)
{
  return self->n_served;
}

const char *
rsb_fake_tile_server_last_user_agent (RsbFakeTileServer *self)
{
  return self->user_agent;
}

/* Answers 503 to every tile while failing, as an overloaded or
 * unreachable server would look to the app. */
void
rsb_fake_tile_server_set_failing (RsbFakeTileServer *self,
                                  gboolean           failing)
{
  self->failing = failing;
}
