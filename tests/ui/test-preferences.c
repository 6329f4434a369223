/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences as a person uses them: where to create each provider's
 * API application (a link) and what to register there, typing a client
 * ID into the keyring, Connect waiting for the credentials it needs,
 * connecting Strava from the Connect button (the "browser" is curl
 * following the fake's consent redirect), refusing a tile server that
 * is not https with the whole reason, and the tile server set by
 * $RSB_TILE_URL shown as the one in use. Runs under with-keyring.sh and
 * xvfb-run. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rsb-fake-strava.h"
#include "rsb-preferences-window.h"
#include "rsb-secrets.h"
#include "rsb-store.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-tile-source.h"

typedef struct {
  char                 *dir;
  char                 *path;
  RsbFakeStrava        *strava;
  RsbSyncScheduler     *scheduler;
  RsbPreferencesWindow *window;
  GSettings            *settings;
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

/* The row of the given title under widget (depth first). */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0 &&
      gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_group (Fixture    *f,
            const char *title)
{
  GtkWidget *stack = GTK_WIDGET (f->window);
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, stack);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);
      if (ADW_IS_PREFERENCES_GROUP (widget) &&
          g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }
  return NULL;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A "browser" that follows the consent page's redirect like a person
 * clicking Authorize. */
static void
register_curl_browser (Fixture *f)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop = g_build_filename (apps, "rsb-curl-browser.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autofree char *config = g_path_get_dirname (mimeapps);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (apps, 0700);
  g_mkdir_with_parents (config, 0700);
  g_file_set_contents (desktop,
                       "[Desktop Entry]\nType=Application\nName=Curl\n"
                       "Exec=curl -s -L -o /dev/null %u\n"
                       "MimeType=x-scheme-handler/http;\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps, "[Default Applications]\nx-scheme-handler/http=rsb-curl-browser.desktop\n",
                       -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *api = NULL;

  f->dir = rsb_test_dir_new ("preferences");
  g_setenv ("RSB_DATA_DIR", f->dir, TRUE);
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->strava = rsb_fake_strava_new (&error);
  g_assert_no_error (error);
  auth = rsb_fake_strava_dup_auth_url (f->strava);
  api = rsb_fake_strava_dup_api_url (f->strava);
  g_setenv ("RSB_STRAVA_AUTH_URL", auth, TRUE);
  g_setenv ("RSB_STRAVA_API_URL", api, TRUE);
  g_unsetenv ("RSB_STRAVA_CLIENT_ID");
  g_unsetenv ("RSB_STRAVA_CLIENT_SECRET");
  g_unsetenv ("RSB_SPOTIFY_CLIENT_ID");
  /* Maps here follow Preferences; one test sets it again. */
  g_unsetenv ("RSB_TILE_URL");
  register_curl_browser (f);
  /* No credentials left by an earlier test: each starts from nothing. */
  for (RsbService service = 0; service < RSB_N_SERVICES; service++)
    {
      rsb_secrets_store (service, RSB_SECRET_CLIENT_ID, NULL, "", NULL, &error);
      g_assert_no_error (error);
    }
  rsb_secrets_store (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_SECRET, NULL, "", NULL, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "oauth-port");
  g_settings_reset (f->settings, "tile-url");
  f->scheduler = rsb_sync_scheduler_new (f->path);
  f->window = rsb_preferences_window_new (NULL, f->scheduler, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  rsb_test_wait_ms (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
  g_clear_object (&f->scheduler);
  g_clear_object (&f->settings);
  g_clear_pointer (&f->strava, rsb_fake_strava_free);
  rsb_secrets_clear_tokens (RSB_SERVICE_STRAVA, NULL, NULL);
  rsb_test_dir_remove (f->dir);
  g_free (f->path);
}

static const char *
subtitle_of (GtkWidget *row)
{
  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
test_what_to_register (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *strava = find_group (f, "Strava");
  GtkWidget *spotify = find_group (f, "Spotify");

  g_assert_nonnull (strava);
  g_assert_nonnull (spotify);
  g_assert_cmpstr (subtitle_of (find_row (strava, "Authorization Callback Domain")), ==, "127.0.0.1");
  g_assert_cmpstr (subtitle_of (find_row (spotify, "Redirect URI")), ==, "http://127.0.0.1/callback");
  /* A fixed port must be registered as such: the row follows it. */
  g_settings_set_uint (f->settings, "oauth-port", 8765);
  g_assert_cmpstr (subtitle_of (find_row (spotify, "Redirect URI")), ==, "http://127.0.0.1:8765/callback");
  /* Spotify needs no secret; Strava does. */
  g_assert_null (find_row (spotify, "Client Secret"));
  g_assert_nonnull (find_row (strava, "Client Secret"));
  g_assert_nonnull (find_button (strava, "_Connect"));
}

/* What the keyring holds (the string lives until the next call). */
static const char *
kept_secret (RsbService    service,
             RsbSecretKind kind)
{
  static char *value;

  g_free (value);
  value = rsb_secrets_lookup (service, kind, NULL, NULL);
  return value;
}

static gboolean
client_id_saved (Fixture *f)
{
  g_autofree char *value = rsb_secrets_lookup (RSB_SERVICE_SPOTIFY, RSB_SECRET_CLIENT_ID, NULL, NULL);

  return g_strcmp0 (value, "my-spotify-app") == 0;
}

static void
test_client_id_goes_to_keyring (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *row = find_row (find_group (f, "Spotify"), "Client ID");

  gtk_editable_set_text (GTK_EDITABLE (row), "  my-spotify-app ");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (wait_for (f, client_id_saved, 10));
}

/* Connected, and the first sync that connecting starts has run: the
 * row names the athlete and says when it synced. */
static gboolean
strava_synced (Fixture *f)
{
  GtkWidget *status = find_row (find_group (f, "Strava"), "Connected as Jeff Remer");

  return status != NULL &&
         g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)), "Last synced");
}

static void
test_connect_from_button (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *strava = find_group (f, "Strava");
  g_autoptr(RsbTokens) tokens = NULL;
  GtkWidget *status;

  if (g_find_program_in_path ("curl") == NULL)
    {
      g_test_skip ("curl is not installed");
      return;
    }
  rsb_fake_strava_add_activities (f->strava, 3, 20, G_GINT64_CONSTANT (1700000000000), 3600000);
  /* Accounts is the second page, after General. */
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (strava, ADW_TYPE_PREFERENCES_PAGE)));

  /* Typed, not applied: Connect keeps what it connects with. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (strava, "Client ID")), RSB_FAKE_CLIENT_ID);
  gtk_editable_set_text (GTK_EDITABLE (find_row (strava, "Client Secret")), RSB_FAKE_CLIENT_SECRET);
  gtk_widget_activate (GTK_WIDGET (find_button (strava, "_Connect")));
  g_assert_true (wait_for (f, strava_synced, 60));
  g_assert_cmpstr (kept_secret (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_ID), ==, RSB_FAKE_CLIENT_ID);
  g_assert_cmpstr (kept_secret (RSB_SERVICE_STRAVA, RSB_SECRET_CLIENT_SECRET), ==, RSB_FAKE_CLIENT_SECRET);

  tokens = rsb_secrets_load_tokens (RSB_SERVICE_STRAVA, NULL, NULL);
  g_assert_nonnull (tokens);
  /* The athlete's name, as text (it comes from the provider). */
  status = find_row (strava, "Connected as Jeff Remer");
  g_assert_nonnull (status);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (status)));
  g_assert_nonnull (find_button (strava, "_Disconnect"));
}

/* The status row under a group: its first row with a status title. */
static const char *
status_subtitle (GtkWidget *group)
{
  return subtitle_of (find_row (group, "Not connected"));
}

/* Connect waits for the client ID (and Strava's secret), following
 * what is typed, and the status says what is missing. */
static void
test_connect_needs_credentials (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *strava = find_group (f, "Strava");
  GtkWidget *spotify = find_group (f, "Spotify");
  GtkWidget *connect_strava = GTK_WIDGET (find_button (strava, "_Connect"));
  GtkWidget *connect_spotify = GTK_WIDGET (find_button (spotify, "_Connect"));
  GtkEditable *strava_id = GTK_EDITABLE (find_row (strava, "Client ID"));
  GtkEditable *strava_secret = GTK_EDITABLE (find_row (strava, "Client Secret"));
  GtkEditable *spotify_id = GTK_EDITABLE (find_row (spotify, "Client ID"));

  g_assert_false (gtk_widget_get_sensitive (connect_strava));
  g_assert_cmpstr (status_subtitle (strava), ==, "Enter the client ID and client secret above to connect");
  g_assert_false (gtk_widget_get_sensitive (connect_spotify));
  g_assert_cmpstr (status_subtitle (spotify), ==, "Enter the client ID above to connect");

  gtk_editable_set_text (strava_id, "12345");
  g_assert_false (gtk_widget_get_sensitive (connect_strava));
  gtk_editable_set_text (strava_secret, "   ");
  g_assert_false (gtk_widget_get_sensitive (connect_strava));
  gtk_editable_set_text (strava_secret, "s3cret");
  g_assert_true (gtk_widget_get_sensitive (connect_strava));
  g_assert_cmpstr (status_subtitle (strava), ==, "");
  gtk_editable_set_text (strava_id, "");
  g_assert_false (gtk_widget_get_sensitive (connect_strava));

  gtk_editable_set_text (spotify_id, "my-spotify-app");
  g_assert_true (gtk_widget_get_sensitive (connect_spotify));
  gtk_editable_delete_text (spotify_id, 0, -1);
  g_assert_false (gtk_widget_get_sensitive (connect_spotify));
}

/* Stands in for the browser: keeps the address and opens nothing. */
static gboolean
on_activate_link (GtkLinkButton *link,
                  char         **opened)
{
  g_free (*opened);
  *opened = g_strdup (gtk_link_button_get_uri (link));
  return TRUE;
}

/* Where to create each API application is a link, clicked open. */
static void
test_signup_links (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *group, *label, *uri; } links[] = {
    { "Strava", "www.strava.com/settings/api", "https://www.strava.com/settings/api" },
    { "Spotify", "developer.spotify.com/dashboard", "https://developer.spotify.com/dashboard" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      GtkLinkButton *link = GTK_LINK_BUTTON (rsb_test_find_widget (find_group (f, links[i].group),
                                                                   GTK_TYPE_LINK_BUTTON));
      g_autofree char *opened = NULL;

      g_assert_nonnull (link);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (link)), ==, links[i].label);
      g_assert_cmpstr (gtk_link_button_get_uri (link), ==, links[i].uri);
      g_signal_connect (link, "activate-link", G_CALLBACK (on_activate_link), &opened);
      g_signal_emit_by_name (link, "clicked");
      g_assert_cmpstr (opened, ==, links[i].uri);
      g_signal_handlers_disconnect_by_func (link, on_activate_link, &opened);
    }
}

/* The toast shows whole: the reason itself, or in short with Details
 * opening the dialog that holds the reason whole, selectable. */
static void
assert_whole_reason (Fixture    *f,
                     const char *reason)
{
  GtkWidget *toast = rsb_test_shown_toast (GTK_WIDGET (f->window));
  const char *title = rsb_test_toast_title (toast);
  GtkButton *details = rsb_test_toast_button (toast);
  AdwMessageDialog *dialog;
  GtkLabel *label;

  if (g_strcmp0 (title, reason) == 0)
    return;
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  rsb_test_wait_ms (100);
  dialog = ADW_MESSAGE_DIALOG (rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, title);
  label = rsb_test_message_details (dialog);
  g_assert_cmpstr (gtk_label_get_text (label), ==, reason);
  g_assert_true (gtk_label_get_selectable (label));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_tile_server_must_be_https (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *row = find_row (GTK_WIDGET (f->window), "URL Template, with {z}, {x} and {y}");
  g_autofree char *kept = NULL;
  g_autofree char *taken = NULL;

  g_assert_nonnull (row);
  /* Choosing Custom Server opens the template to edits. */
  g_assert_false (gtk_widget_is_sensitive (row));
  adw_action_row_activate (ADW_ACTION_ROW (find_row (GTK_WIDGET (f->window), "Custom Server")));
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "http://tiles.example.org/{z}/{x}/{y}.png");
  g_signal_emit_by_name (row, "apply");
  kept = g_settings_get_string (f->settings, "tile-url");
  g_assert_cmpstr (kept, ==, "");
  assert_whole_reason (f, "“http://tiles.example.org/{z}/{x}/{y}.png” must use https: "
                          "plain http is only allowed on this computer (127.0.0.1)");

  gtk_editable_set_text (GTK_EDITABLE (row), "https://tiles.example.org/{x}/{y}.png");
  g_signal_emit_by_name (row, "apply");
  g_free (kept);
  kept = g_settings_get_string (f->settings, "tile-url");
  g_assert_cmpstr (kept, ==, "");

  gtk_editable_set_text (GTK_EDITABLE (row), "https://tiles.example.org/{z}/{x}/{y}.png");
  g_signal_emit_by_name (row, "apply");
  taken = g_settings_get_string (f->settings, "tile-url");
  g_assert_cmpstr (taken, ==, "https://tiles.example.org/{z}/{x}/{y}.png");
}

/* $RSB_TILE_URL overrides the choice: Map says which server is in use
 * and why the choice below it cannot be changed. */
static void
test_tile_url_from_environment (Fixture       *f,
                                gconstpointer  data)
{
  const char *url = "http://127.0.0.1:9/{z}/{x}/{y}.png?style=a&b";
  RsbPreferencesWindow *window;
  GtkWidget *in_use, *entry;
  g_autoptr(GError) error = NULL;

  /* Without it, no such row: the choice is what is used. */
  g_assert_null (find_row (GTK_WIDGET (f->window), "Tile Server in Use, Set by RSB_TILE_URL"));
  g_assert_true (gtk_widget_get_sensitive (find_row (GTK_WIDGET (f->window), "OpenStreetMap")));

  g_setenv ("RSB_TILE_URL", url, TRUE);
  window = rsb_preferences_window_new (NULL, f->scheduler, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  rsb_test_wait_ms (200);
  in_use = find_row (GTK_WIDGET (window), "Tile Server in Use, Set by RSB_TILE_URL");
  g_assert_nonnull (in_use);
  /* The address as it is, not read as markup. */
  g_assert_cmpstr (subtitle_of (in_use), ==, url);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (in_use)));
  g_assert_false (gtk_widget_get_sensitive (find_row (GTK_WIDGET (window), "OpenStreetMap")));
  g_assert_false (gtk_widget_get_sensitive (find_row (GTK_WIDGET (window), "Custom Server")));
  entry = find_row (GTK_WIDGET (window), "URL Template, with {z}, {x} and {y}");
  g_assert_false (gtk_widget_is_sensitive (entry));
  g_assert_cmpstr (rsb_tile_source_env_template (), ==, url);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("RSB_TILE_URL");
  rsb_test_wait_ms (50);
}

/* General → Units: the first page a person sees. Automatic says what
 * it picked; a choice is kept for every view that shows a figure. */
static void
test_units_choice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *row = find_row (GTK_WIDGET (f->window), "Units");
  GListModel *choices;
  g_autofree char *chosen = NULL;

  g_assert_true (ADW_IS_COMBO_ROW (row));
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  /* The tests' LC_MEASUREMENT is C: kilometres. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "Automatic (km)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==, "Imperial (mi)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  chosen = g_settings_get_string (settings, "units");
  g_assert_cmpstr (chosen, ==, "imperial");
  g_settings_set_string (settings, "units", "metric");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_settings_reset (settings, "units");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
}

/* Privacy: the spin sets what shared pictures leave out, 0 to 1,000 m
 * by 50, and the subtitle says it in the user's units. */
static GtkSpinButton *
find_spin (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    return GTK_SPIN_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_spin (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_privacy_distance (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *row = find_row (GTK_WIDGET (f->window), "Leave Out Around Start and Finish");
  GtkSpinButton *spin;
  double lower, upper;

  g_assert_nonnull (row);
  spin = find_spin (row);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 200);
  g_assert_nonnull (strstr (subtitle_of (row), "first and last 200 m "));
  gtk_spin_button_get_range (spin, &lower, &upper);
  g_assert_cmpfloat (lower, ==, 0);
  g_assert_cmpfloat (upper, ==, 1000);
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "share-privacy-metres"), ==, 250);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "share-privacy-metres"), ==, 0);
  g_assert_cmpstr (subtitle_of (row), ==, "Shared pictures show the whole route, start and finish included");
  g_settings_reset (settings, "share-privacy-metres");

  /* At 360 px in the dark style the spin stays inside the row. */
  {
    AdwStyleManager *manager = adw_style_manager_get_default ();
    g_autoptr(GdkTexture) shot = NULL;
    graphene_rect_t bounds;

    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
    gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
    rsb_test_wait_ms (300);
    shot = rsb_test_render (GTK_WIDGET (f->window), "preferences-privacy-narrow-dark.png");
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (spin), GTK_WIDGET (f->window), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->window)));
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  }
}

/* A Spotify account connected before the app made playlists (no
 * scopes kept) is asked to reconnect for them; one that granted the
 * scope is not. */
static void
test_reconnect_for_playlists (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_account_new ("spotify");
  GtkWidget *row;

  account->account_id = g_strdup ("runner42");
  account->display_name = g_strdup ("Ana");
  for (int granted = 0; granted < 2; granted++)
    {
      g_autoptr(RsbStore) store = rsb_store_open (f->path, &error);

      g_assert_no_error (error);
      g_free (account->scopes);
      account->scopes = granted ? g_strdup ("user-read-recently-played playlist-modify-private") : NULL;
      g_assert_true (rsb_store_save_account (store, account, &error));
      g_clear_object (&store);
      gtk_window_destroy (GTK_WINDOW (f->window));
      f->window = rsb_preferences_window_new (NULL, f->scheduler, &error);
      g_assert_no_error (error);
      gtk_window_present (GTK_WINDOW (f->window));
      rsb_test_wait_ms (300);
      row = find_row (find_group (f, "Spotify"), "Connected as Ana");
      if (granted)
        g_assert_cmpstr (subtitle_of (row), !=, "Reconnect to allow playlists");
      else
        {
          g_assert_cmpstr (subtitle_of (row), ==, "Reconnect to allow playlists");
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_button (find_group (f, "Spotify"), "_Connect"))));
        }
    }
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/preferences/units", test_units_choice);
  ADD ("/preferences/privacy-distance", test_privacy_distance);
  ADD ("/preferences/what-to-register", test_what_to_register);
  ADD ("/preferences/client-id-goes-to-keyring", test_client_id_goes_to_keyring);
  ADD ("/preferences/connect-needs-credentials", test_connect_needs_credentials);
  ADD ("/preferences/signup-links", test_signup_links);
  ADD ("/preferences/connect-from-button", test_connect_from_button);
  ADD ("/preferences/reconnect-for-playlists", test_reconnect_for_playlists);
  ADD ("/preferences/tile-server-must-be-https", test_tile_server_must_be_https);
  ADD ("/preferences/tile-url-from-environment", test_tile_url_from_environment);

  return g_test_run ();
}
