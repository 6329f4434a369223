/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The song card as a person reads it: hostile titles shown as typed,
 * the workout's numbers, album art from a fake server on 127.0.0.1
 * (kept on disk, reused, and a placeholder when it cannot be had),
 * and the window's exports. */
#include "config.h"

#include <adwaita.h>
#include <cairo.h>
#include <libsoup/soup.h>

#include "rsb-artwork-cache.h"
#include "rsb-sample.h"
#include "rsb-song-card.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-window-export.h"
#include "rsb-window.h"

#define START_MS G_GINT64_CONSTANT (1790000000000)
#define HOSTILE_TITLE "<b>Bold</b> & <span foreground='red'>&amp;</span> <i>x"

static SoupServer *server;
static char *server_base;
static guint n_requests;
static char *cache_home;
static GBytes *png;

static const GdkRGBA teal = { 0.27, 0.67, 0.6, 1 };

/* ---- helpers ----------------------------------------------------------- */

static gboolean
wait_for_artwork (RsbSongCard *card)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (rsb_song_card_is_loading_artwork (card) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return !rsb_song_card_is_loading_artwork (card);
}

static char *
server_url (const char *path)
{
  return g_strconcat (server_base, path, NULL);
}

static RsbPlay *
make_play (const char *title,
           const char *uri,
           const char *artwork_url,
           gint64      start_ms,
           gint64      ms_played,
           gboolean    skipped)
{
  RsbPlay *play = rsb_play_new ();

  play->track.title = g_strdup (title);
  play->track.artists = g_strdup ("<u>Artist</u> & Friends");
  play->track.album = g_strdup ("Album <br/>");
  play->track.uri = g_strdup (uri);
  play->track.artwork_url = g_strdup (artwork_url);
  play->start_ms = start_ms;
  play->end_ms = start_ms + ms_played;
  play->ms_played = ms_played;
  play->precision_ms = 1000;
  play->skipped = skipped;
  return play;
}

/* The workout of test-song-stats: 11 points ten seconds apart at 3 m/s
 * with a 20 s stop; song A over points 0-5, B (skipped) over point 6,
 * then no music. */
static RsbActivity *
constructed_workout (const char *artwork_a,
                     const char *artwork_b)
{
  static const double distance[] = { 0, 30, 60, 90, 90, 90, 120, 150, 180, 210, 240 };
  static const double hr[] = { 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200 };
  static const double cadence[] = { 80, 82, 84, 0, 0, 86, 88, 90, 90, 90, 90 };
  static const double altitude[] = { 10, 11, 10.5, 13, 12, 14, 13.5, 16, 15, 15, 20 };
  RsbActivity *activity = g_new0 (RsbActivity, 1);
  RsbStreams *streams = rsb_streams_new (11);

  for (guint i = 0; i < 11; i++)
    {
      rsb_streams_ensure (streams, RSB_STREAM_TIME)[i] = i * 10.0;
      rsb_streams_ensure (streams, RSB_STREAM_DISTANCE)[i] = distance[i];
      rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE)[i] = hr[i];
      rsb_streams_ensure (streams, RSB_STREAM_CADENCE)[i] = cadence[i];
      rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE)[i] = altitude[i];
    }
  activity->info = rsb_activity_info_new ();
  activity->info->sport = g_strdup ("run");
  activity->info->start_ms = START_MS;
  activity->info->distance_m = 240;
  activity->info->moving_s = 80;
  activity->streams = streams;
  activity->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_ptr_array_add (activity->plays, make_play (HOSTILE_TITLE, "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
                                               artwork_a, START_MS - 60000, 115000, FALSE));
  g_ptr_array_add (activity->plays, make_play ("B-side", "spotify:track:../../evil?x=1",
                                               artwork_b, START_MS + 55000, 9731, TRUE));
  activity->match = rsb_match_new (streams, START_MS, 0, activity->plays);
  return activity;
}

typedef struct {
  GtkWindow   *window;
  RsbSongCard *card;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->card = g_object_new (RSB_TYPE_SONG_CARD, "width-request", 320, NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->card));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  rsb_test_wait_ms (50);
}


/* ---- plain text --------------------------------------------------------- */

/* A title full of markup reads exactly as typed: had it gone through
 * Pango markup, the tags would be gone (or the label empty). */
static void
test_hostile_markup (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RsbActivity) activity = constructed_workout (NULL, NULL);

  rsb_song_card_show_segment (f->card, activity, 0, &teal);
  g_assert_cmpstr (rsb_song_card_get_title (f->card), ==, HOSTILE_TITLE);
  g_assert_cmpstr (rsb_song_card_get_artist (f->card), ==, "<u>Artist</u> & Friends");
  g_assert_cmpstr (rsb_song_card_get_album (f->card), ==, "Album <br/>");
  rsb_test_wait_ms (200);
  g_object_unref (rsb_test_render (GTK_WIDGET (f->window), "test-song-card-hostile.png"));
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RsbActivity) activity = constructed_workout (NULL, NULL);
  g_autofree char *first = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *quiet = NULL;

  rsb_song_card_show_segment (f->card, activity, 0, &teal);
  first = rsb_song_card_get_details (f->card);
  g_assert_cmpstr (first, ==,
                   "0:00 – 1:00 into the workout, on the road for 1:00\n"
                   "From 0 m to 120 m\n"
                   "Heard for 1:55\n"
                   "Pace: 5:33 /km\n"
                   "Heart rate: 120 beats/min\n"
                   "Cadence: 166 spm\n"
                   "Climb: 4 m\n");

  rsb_song_card_show_segment (f->card, activity, 1, &teal);
  skipped = rsb_song_card_get_details (f->card);
  g_assert_nonnull (strstr (skipped, "1:00 – 1:10 into the workout, on the road for 0:10\n"));
  g_assert_nonnull (strstr (skipped, "Skipped after 10 s\n"));
  g_assert_nonnull (strstr (skipped, "Cadence: 176 spm\n"));

  /* After the last play the history says nothing: the card must not
   * claim silence. No "heard" line; the numbers of the road remain. */
  rsb_song_card_show_segment (f->card, activity, 2, &teal);
  quiet = rsb_song_card_get_details (f->card);
  g_assert_cmpstr (rsb_song_card_get_title (f->card), ==, "No listening history for this time");
  g_assert_null (strstr (quiet, "Heard"));
  g_assert_null (strstr (quiet, "Skipped"));
  g_assert_nonnull (strstr (quiet, "Heart rate: 180 beats/min\n"));

  /* A play after the workout: the history covers the stretch, and it
   * was quiet. */
  g_ptr_array_add (activity->plays, make_play ("Cool-down", NULL, NULL, START_MS + 200000, 60000, FALSE));
  rsb_activity_set_clock_offset (activity, 0);
  rsb_song_card_show_segment (f->card, activity, 2, &teal);
  g_assert_cmpstr (rsb_song_card_get_title (f->card), ==, "No music");
}

/* The button opens the track's web page, and is hidden when the URI
 * is not a plain Spotify track id (or there is no song). */
static void
test_open_in_spotify (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RsbActivity) activity = constructed_workout (NULL, NULL);
  GtkWidget *button;

  rsb_song_card_show_segment (f->card, activity, 0, &teal);
  button = rsb_test_find_widget (GTK_WIDGET (f->card), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (rsb_song_card_get_spotify_url (f->card), ==,
                   "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "card.open-spotify");

  rsb_song_card_show_segment (f->card, activity, 1, &teal);
  g_assert_null (rsb_song_card_get_spotify_url (f->card));
  g_assert_false (gtk_widget_get_visible (button));

  rsb_song_card_show_segment (f->card, activity, 2, &teal);
  g_assert_null (rsb_song_card_get_spotify_url (f->card));
  g_assert_false (gtk_widget_get_visible (button));
}

/* ---- album art -------------------------------------------------------- */

static char *
cache_file (const char *url)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);

  return g_build_filename (cache_home, "run-sous-bpm", "artwork", name, NULL);
}

static void
test_artwork_downloaded_and_cached (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *url = server_url ("/art/cover.png");
  g_autofree char *path = cache_file (url);
  g_autoptr(RsbActivity) activity = constructed_workout (url, NULL);
  g_autofree char *cached = NULL;
  gsize length;
  guint before = n_requests;
  GtkWidget *second_window;
  RsbSongCard *second;
  GdkPaintable *art;

  rsb_song_card_show_segment (f->card, activity, 0, &teal);
  g_assert_true (wait_for_artwork (f->card));
  art = rsb_song_card_get_artwork (f->card);
  g_assert_nonnull (art);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (art), ==, 120);
  g_assert_cmpuint (n_requests, ==, before + 1);
  /* Kept on disk under the user's cache, by the hash of its URL. */
  g_assert_true (g_file_get_contents (path, &cached, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (png));
  rsb_test_wait_ms (300);
  g_object_unref (rsb_test_render (GTK_WIDGET (f->window), "test-song-card-artwork.png"));

  /* Another card (another window, later) finds it without a request. */
  second_window = gtk_window_new ();
  second = g_object_new (RSB_TYPE_SONG_CARD, NULL);
  gtk_window_set_child (GTK_WINDOW (second_window), GTK_WIDGET (second));
  gtk_window_present (GTK_WINDOW (second_window));
  rsb_song_card_show_segment (second, activity, 0, &teal);
  g_assert_true (wait_for_artwork (second));
  g_assert_nonnull (rsb_song_card_get_artwork (second));
  g_assert_cmpuint (n_requests, ==, before + 1);
  gtk_window_destroy (GTK_WINDOW (second_window));

  /* The next song has no art: back to the placeholder. */
  rsb_song_card_show_segment (f->card, activity, 1, &teal);
  g_assert_null (rsb_song_card_get_artwork (f->card));
}

/* Whatever goes wrong, the placeholder shows and nothing is cached. */
static void
test_artwork_failures (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *missing = server_url ("/art/missing.png");
  g_autofree char *text = server_url ("/art/not-an-image");
  const char *urls[] = {
    missing,
    text,
    "http://192.0.2.1/cover.png",          /* plain http off this computer: refused */
    "http://127.0.0.1:9/cover.png",        /* nothing listening: offline */
    "not a url",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(RsbActivity) activity = constructed_workout (urls[i], NULL);
      g_autofree char *path = cache_file (urls[i]);
      guint before = n_requests;

      g_test_message ("artwork %s", urls[i]);
      rsb_song_card_show_segment (f->card, activity, 0, &teal);
      g_assert_true (wait_for_artwork (f->card));
      g_assert_null (rsb_song_card_get_artwork (f->card));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      /* The refused address never reaches the network. */
      if (i == 2)
        g_assert_cmpuint (n_requests, ==, before);
      /* The card still shows its song. */
      g_assert_cmpstr (rsb_song_card_get_title (f->card), ==, HOSTILE_TITLE);
    }
}

/* Moving on while the art is still on its way: the old art never
 * lands on the new song's card. */
static void
test_artwork_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *slow = server_url ("/art/slow.png");
  g_autoptr(RsbActivity) activity = constructed_workout (slow, NULL);

  rsb_song_card_show_segment (f->card, activity, 0, &teal);
  g_assert_true (rsb_song_card_is_loading_artwork (f->card));
  rsb_test_wait_ms (50);
  rsb_song_card_show_segment (f->card, activity, 1, &teal);
  g_assert_false (rsb_song_card_is_loading_artwork (f->card));
  rsb_test_wait_ms (800);
  g_assert_null (rsb_song_card_get_artwork (f->card));
  g_assert_cmpstr (rsb_song_card_get_title (f->card), ==, "B-side");
}

/* ---- the window's exports ------------------------------------------------ */

typedef struct {
  gboolean  done;
  GError   *error;
} Export;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;
  gboolean ok = rsb_window_export_to_file_finish (RSB_WINDOW (source), result, &export->error);

  g_assert_true (ok == (export->error == NULL));
  export->done = TRUE;
}

/* NULL when written, else the error. */
static GError *
export_to (RsbWindow     *window,
           RsbExportKind  kind,
           const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Export export = { FALSE, NULL };

  rsb_window_export_to_file_async (window, kind, file, NULL, on_exported, &export);
  while (!export.done)
    g_main_context_iteration (NULL, TRUE);
  return export.error;
}

static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

static void
test_window_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);
  g_autofree char *dir = rsb_test_dir_new ("window-export");
  g_autofree char *gpx = g_build_filename (dir, "run.gpx", NULL);
  g_autofree char *json = g_build_filename (dir, "songs.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "songs.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) failed = NULL;
  GtkFileChooser *chooser;
  g_autofree char *suggested = NULL;
  RsbWindow *window;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  /* Not presented: exports need the activity, not its map. */
  window = rsb_window_new (NULL, store);
  while (rsb_activity_view_get_activity (rsb_window_get_activity_view (window)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_no_error (export_to (window, RSB_EXPORT_GPX, gpx));
  g_assert_true (g_file_get_contents (gpx, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<name>Lactic Acid Lovers – Sweat Equity</name>"));
  g_clear_pointer (&contents, g_free);

  g_assert_no_error (export_to (window, RSB_EXPORT_SEGMENTS_JSON, json));
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"cadence_spm\": "));

  /* A folder that is not there: a message naming the file, no crash. */
  failed = export_to (window, RSB_EXPORT_SEGMENTS_CSV, bad);
  g_assert_nonnull (failed);
  g_assert_nonnull (strstr (failed->message, bad));

  /* The menu item asks where to save, suggesting the activity's name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-gpx", NULL));
  rsb_test_wait_ms (300);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  suggested = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (suggested, ==, "Sunday Riverside Loop.gpx");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rsb_test_wait_ms (100);

  gtk_window_destroy (GTK_WINDOW (window));
  rsb_test_wait_ms (50);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* ---- the fake artwork server ----------------------------------------------- */

static cairo_status_t
append_png (void                *closure,
            const unsigned char *bytes,
            unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 120 px "cover": a diagonal gradient with a ring, so a screenshot
 * shows art and not a blank square. */
static GBytes *
render_cover (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 120, 120);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 120, 120);
  GByteArray *data = g_byte_array_new ();

  cairo_pattern_add_color_stop_rgb (gradient, 0, 0.95, 0.45, 0.25);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.35, 0.15, 0.55);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 0.9, 0.8);
  cairo_set_line_width (cr, 6);
  cairo_arc (cr, 60, 60, 30, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, data);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (data);
}

static gboolean
answer_slowly (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
handle_art (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  n_requests++;
  if (g_str_equal (path, "/art/cover.png"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }
  else if (g_str_equal (path, "/art/not-an-image"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, "<html>oops</html>", 17);
    }
  else if (g_str_equal (path, "/art/slow.png"))
    {
      soup_server_message_pause (msg);
      g_timeout_add (400, answer_slowly, g_object_ref (msg));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/art", handle_art, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  server_base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything asks GLib for the cache folder: it is read once. */
  cache_home = rsb_test_dir_new ("song-card-cache");
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  png = render_cover ();
  start_server ();

  ADD ("/song-card/hostile-markup", test_hostile_markup);
  ADD ("/song-card/stats", test_stats);
  ADD ("/song-card/open-in-spotify", test_open_in_spotify);
  ADD ("/song-card/artwork-cached", test_artwork_downloaded_and_cached);
  ADD ("/song-card/artwork-failures", test_artwork_failures);
  ADD ("/song-card/artwork-cancelled", test_artwork_cancelled);
  g_test_add_func ("/window/export", test_window_export);

  status = g_test_run ();
  g_clear_object (&server);
  g_bytes_unref (png);
  rsb_test_dir_remove (cache_home);
  return status;
}
