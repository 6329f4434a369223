/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map background as a runner meets it: tiles from the server asked
 * for politely, read back from disk the next time, a notice when the
 * server cannot be reached (with the route still drawn), and a new
 * server from Preferences taken by the map already open.
 *
 * The tests run in order and share the tile cache, as one session of
 * the app would. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rsb-fake-tile-server.h"
#include "rsb-http.h"
#include "rsb-offline-banner.h"
#include "rsb-palette.h"
#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-tile-source.h"
#include "rsb-window.h"

static RsbFakeTileServer *server;
static RsbFakeTileServer *other_server;
static GSettings *settings;
static const GdkRGBA tile_colour = { 0.93, 0.92, 0.89, 1 };

typedef struct {
  RsbWindow       *window;
  RsbActivityView *view;
  RsbRouteMap     *map;
} Fixture;

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_for (Fixture   *f,
          Condition  condition,
          guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (f) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return condition (f);
}

static gboolean
route_shown (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) &&
         rsb_activity_view_get_activity (f->view) != NULL &&
         gtk_widget_get_width (GTK_WIDGET (f->map)) > 0;
}

static void
open_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);

  g_assert_no_error (error);
  f->window = rsb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view = rsb_window_get_activity_view (f->window);
  f->map = rsb_activity_view_get_map (f->view);
  g_assert_true (wait_for (f, route_shown, 20));
}

static void
close_window (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
}

static RsbOfflineBanner *
find_banner (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      RsbOfflineBanner *found;

      if (RSB_IS_OFFLINE_BANNER (child))
        return RSB_OFFLINE_BANNER (child);
      if ((found = find_banner (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
banner_shown (Fixture *f)
{
  RsbOfflineBanner *banner = find_banner (GTK_WIDGET (f->window));

  g_assert_nonnull (banner);
  return rsb_offline_banner_is_shown (banner) && gtk_widget_get_mapped (GTK_WIDGET (banner));
}

static gboolean
banner_hidden (Fixture *f)
{
  return !banner_shown (f);
}

/* The map's own corner, away from the route: a tile or nothing. */
static gboolean
tile_drawn (Fixture    *f,
            GdkTexture *texture)
{
  graphene_point_t corner = GRAPHENE_POINT_INIT (40, 200), in_window;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->map), GTK_WIDGET (f->window), &corner, &in_window));
  return rsb_test_colour_near (texture, in_window.x, in_window.y, &tile_colour);
}

/* How many songs' stretches show in their colours on the map. */
static guint
segments_drawn (Fixture    *f,
                GdkTexture *texture)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);
  g_autoptr(GArray) colours = rsb_palette_for_activity (activity);
  guint drawn = 0;

  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbSegment *segment = rsb_activity_segment (activity, i);
      graphene_point_t in_map, in_window;
      double x, y;

      if (!rsb_segment_has_music (segment) ||
          !rsb_route_map_point_position (f->map, (segment->first_point + segment->last_point) / 2, &x, &y))
        continue;
      in_map = GRAPHENE_POINT_INIT (x, y);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->map), GTK_WIDGET (f->window), &in_map, &in_window));
      if (rsb_test_colour_near (texture, in_window.x, in_window.y, &g_array_index (colours, GdkRGBA, i)))
        drawn++;
    }
  return drawn;
}

static gboolean
tiles_served (Fixture *f)
{
  return rsb_fake_tile_server_n_served (server) > 0;
}

static void
test_served (void)
{
  Fixture f = { 0 };
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *key = NULL;
  g_autofree char *folder = NULL;

  open_window (&f);
  g_assert_true (wait_for (&f, tiles_served, 20));
  rsb_test_wait_ms (800);

  /* Asked for as the app, as OpenStreetMap's tile policy wants. */
  g_assert_cmpstr (rsb_fake_tile_server_last_user_agent (server), ==, rsb_http_user_agent ());
  g_assert_true (rsb_tile_source_get_available (rsb_tile_source_get_default ()));
  g_assert_false (banner_shown (&f));
  texture = rsb_test_render (GTK_WIDGET (f.window), "test-tiles-served.png");
  g_assert_true (tile_drawn (&f, texture));

  /* On disk, under the user's cache, in a folder of this server's own. */
  key = rsb_tile_source_cache_key (rsb_tile_source_get_url_template (rsb_tile_source_get_default ()));
  folder = g_build_filename (g_get_user_cache_dir (), "run-sous-bpm", "tiles", key, NULL);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  close_window (&f);
}

/* A second map of the same place needs nothing from the network. */
static void
test_second_map_from_cache (void)
{
  Fixture f = { 0 };
  g_autoptr(GdkTexture) texture = NULL;
  guint before = rsb_fake_tile_server_n_served (server);

  g_assert_cmpuint (before, >, 0);
  open_window (&f);
  rsb_test_wait_ms (1500);
  texture = rsb_test_render (GTK_WIDGET (f.window), "test-tiles-cached.png");
  g_assert_true (tile_drawn (&f, texture));
  g_assert_cmpuint (rsb_fake_tile_server_n_served (server), ==, before);
  close_window (&f);
}

static gboolean
other_server_used (Fixture *f)
{
  return rsb_fake_tile_server_n_served (other_server) > 0;
}

/* A new server chosen in Preferences shows in the map already open. */
static void
test_switch_applies_to_open_map (void)
{
  Fixture f = { 0 };
  g_autofree char *url = rsb_fake_tile_server_url_template (other_server);
  g_autoptr(GdkTexture) texture = NULL;

  open_window (&f);
  rsb_test_wait_ms (500);
  g_assert_cmpuint (rsb_fake_tile_server_n_served (other_server), ==, 0);
  g_settings_set_string (settings, "tile-url", url);
  g_assert_true (wait_for (&f, other_server_used, 10));
  rsb_test_wait_ms (800);
  texture = rsb_test_render (GTK_WIDGET (f.window), "test-tiles-switched.png");
  g_assert_true (tile_drawn (&f, texture));
  g_assert_false (banner_shown (&f));
  close_window (&f);
}

/* No tiles: the route still draws, and a notice says why the map is
 * bare, until the server answers again. */
static void
test_offline_notice (void)
{
  Fixture f = { 0 };
  g_autofree char *base = rsb_fake_tile_server_url_template (other_server);
  /* A template never cached before: nothing to fall back on. */
  g_autofree char *url = g_strconcat (base, "?offline", NULL);
  g_autoptr(GdkTexture) offline = NULL;
  g_autoptr(GdkTexture) online = NULL;
  RsbOfflineBanner *banner;
  guint n_segments;

  rsb_fake_tile_server_set_failing (other_server, TRUE);
  open_window (&f);
  g_settings_set_string (settings, "tile-url", url);
  g_assert_true (wait_for (&f, banner_shown, 15));
  rsb_test_wait_ms (500);

  banner = find_banner (GTK_WIDGET (f.window));
  g_assert_false (rsb_tile_source_get_available (rsb_tile_source_get_default ()));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (banner)), ==, GTK_ACCESSIBLE_ROLE_ALERT);
  /* Nothing in it takes the keyboard focus: it goes away by itself. */
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (banner), GTK_DIR_TAB_FORWARD));

  offline = rsb_test_render (GTK_WIDGET (f.window), "test-tiles-offline.png");
  g_assert_false (tile_drawn (&f, offline));
  n_segments = segments_drawn (&f, offline);
  g_test_message ("%u song stretches drawn without tiles", n_segments);
  g_assert_cmpuint (n_segments, >=, 8);

  /* Back: the notice goes, the map fills in, with nothing reopened. */
  rsb_fake_tile_server_set_failing (other_server, FALSE);
  g_assert_true (wait_for (&f, banner_hidden, 20));
  rsb_test_wait_ms (1000);
  g_assert_true (rsb_tile_source_get_available (rsb_tile_source_get_default ()));
  online = rsb_test_render (GTK_WIDGET (f.window), "test-tiles-back-online.png");
  g_assert_true (tile_drawn (&f, online));
  close_window (&f);
}

/* OpenStreetMap's data is credited to it; another server is named
 * instead of lending it OpenStreetMap's credit. */
static void
test_attribution_names_the_server (void)
{
  g_autofree char *dir = rsb_test_dir_new ("tiles-credit");
  g_autoptr(RsbTileSource) osm = rsb_tile_source_new ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", dir);
  g_autoptr(RsbTileSource) other = rsb_tile_source_new ("https://tiles.example.org/{z}/{x}/{y}.png", dir);
  g_autoptr(ShumateMapSource) osm_map = rsb_tile_source_new_map_source (osm);
  g_autoptr(ShumateMapSource) other_map = rsb_tile_source_new_map_source (other);

  g_assert_cmpstr (shumate_map_source_get_license (osm_map), ==, "Map data © OpenStreetMap contributors");
  g_assert_cmpstr (shumate_map_source_get_license_uri (osm_map), ==, "https://www.openstreetmap.org/copyright");
  g_assert_cmpstr (shumate_map_source_get_license (other_map), ==, "Map tiles from tiles.example.org");
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = rsb_test_dir_new ("tiles-cache");
  g_autofree char *url = NULL;
  int status;

  /* Before anything asks GLib for it: the tiles go to a fresh cache,
   * never the user's. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* Preferences choose the server, as for a person. */
  g_unsetenv ("RSB_TILE_URL");

  server = rsb_fake_tile_server_new (&error);
  g_assert_no_error (error);
  other_server = rsb_fake_tile_server_new (&error);
  g_assert_no_error (error);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  settings = g_settings_new (APP_ID);
  url = rsb_fake_tile_server_url_template (server);
  g_settings_set_string (settings, "tile-url", url);

  g_test_add_func ("/tiles/served-with-user-agent", test_served);
  g_test_add_func ("/tiles/second-map-from-cache", test_second_map_from_cache);
  g_test_add_func ("/tiles/switch-applies-to-open-map", test_switch_applies_to_open_map);
  g_test_add_func ("/tiles/offline-notice", test_offline_notice);
  g_test_add_func ("/tiles/attribution-names-the-server", test_attribution_names_the_server);

  status = g_test_run ();
  g_clear_object (&settings);
  rsb_fake_tile_server_free (other_server);
  rsb_fake_tile_server_free (server);
  rsb_test_dir_remove (g_steal_pointer (&cache));
  return status;
}
