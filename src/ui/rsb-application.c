/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-application.h"
#include "rsb-background.h"
#include "rsb-music-scanner.h"
#include "rsb-preferences-window.h"
#include "rsb-sample.h"
#include "rsb-window.h"

struct _RsbApplication
{
  AdwApplication    parent_instance;
  gboolean          sample_requested;
  GSettings        *settings;
  RsbSyncScheduler *scheduler;
  gboolean          held_for_background;
  guint             startup_sync;
  RsbMusicScanner  *music_scanner;
};

G_DEFINE_TYPE (RsbApplication, rsb_application, ADW_TYPE_APPLICATION)

/* Windows reach the scheduler and the sample through the property and
 * the action, as GtkApplication's: they never include this file's
 * header, which keeps the window and the application apart. */
enum {
  PROP_0,
  PROP_SCHEDULER,
  PROP_MUSIC_SCANNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry app_entries[] = {
  { "sample", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the window on the bundled sample run"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Keep fetching recently played songs without opening a window (see Preferences)"), NULL },
  { NULL }
};

RsbApplication *
rsb_application_new (void)
{
  return g_object_new (RSB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/runsousbpm/RunSousBpm",
                       NULL);
}

static RsbWindow *
main_window (RsbApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (RSB_IS_WINDOW (l->data) && !rsb_window_is_sample (l->data))
        return l->data;
    }
  return NULL;
}

static void
rsb_application_activate (GApplication *app)
{
  RsbApplication *self = RSB_APPLICATION (app);
  RsbWindow *window = main_window (self);

  if (window == NULL)
    window = rsb_window_new (self, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* Opens the sample in a window of its own: its in-memory library never
 * mixes with the user's. */
void
rsb_application_open_sample (RsbApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);
  RsbWindow *window;

  if (store == NULL)
    {
      g_critical ("The sample run could not be loaded: %s", error->message);
      return;
    }
  window = rsb_window_new (self, store);
  gtk_window_present (GTK_WINDOW (window));
}

static GPtrArray *
files_of_command_line (GApplicationCommandLine *command_line,
                       GVariantDict            *options)
{
  g_autofree const char **paths = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths))
    for (guint i = 0; paths[i] != NULL; i++)
      g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line, paths[i]));
  return files;
}

/* Paths given without options are imported into the library in the
 * window, as when a file manager opens them with the app. */
static int
rsb_application_command_line (GApplication            *app,
                               GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GPtrArray) files = files_of_command_line (command_line, options);
  RsbWindow *window;

  if (g_variant_dict_contains (options, "sample"))
    {
      rsb_application_open_sample (RSB_APPLICATION (app));
      return EXIT_SUCCESS;
    }
  /* Started with the session: the scheduler polls, no window opens. */
  if (g_variant_dict_contains (options, "background"))
    return EXIT_SUCCESS;
  g_application_activate (app);
  window = main_window (RSB_APPLICATION (app));
  if (files->len > 0 && window != NULL)
    rsb_window_import_files (window, files);
  return EXIT_SUCCESS;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Run Sous BPM developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", APP_NAME,
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Run Sous BPM developers"),
                         "developers", developers,
                         "comments", _("See which song was playing at every point of your runs and rides."),
                         "website", "https://github.com/runsousbpm/run-sous-bpm",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RsbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  RsbPreferencesWindow *window = rsb_preferences_window_new (parent, self->scheduler, &error);

  if (window == NULL)
    {
      if (RSB_IS_WINDOW (parent))
        rsb_window_show_error (RSB_WINDOW (parent), _("Preferences Could Not Open"), error);
      else
        g_warning ("Preferences could not open: %s", error->message);
      return;
    }
  /* app.accounts: straight to the accounts, from the import dialog. */
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "accounts"))
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "accounts");
  gtk_window_present (GTK_WINDOW (window));
}

static void
sync_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  rsb_sync_scheduler_sync_all (RSB_APPLICATION (user_data)->scheduler);
}

static void
sample_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  rsb_application_open_sample (RSB_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "sample", sample_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "accounts", preferences_activated },
  { "sync", sync_activated },
};

RsbSyncScheduler *
rsb_application_get_scheduler (RsbApplication *self)
{
  g_return_val_if_fail (RSB_IS_APPLICATION (self), NULL);
  return self->scheduler;
}

static void
on_poll_minutes_changed (RsbApplication *self)
{
  rsb_sync_scheduler_set_poll_minutes (self->scheduler,
                                       g_settings_get_uint (self->settings, "spotify-poll-minutes"));
}

/* Holding the application keeps it (and its polling) alive when the
 * last window closes. */
static void
apply_background (RsbApplication *self,
                  gboolean        from_user)
{
  gboolean wanted = g_settings_get_boolean (self->settings, "sync-in-background");

  if (wanted != self->held_for_background)
    {
      if (wanted)
        g_application_hold (G_APPLICATION (self));
      else
        g_application_release (G_APPLICATION (self));
      self->held_for_background = wanted;
    }
  if (from_user)
    rsb_background_set_autostart (wanted);
}

static void
on_background_changed (RsbApplication *self)
{
  apply_background (self, TRUE);
}

/* After the window is up: a sync's thread and database connection
 * would otherwise compete with the first frame for the CPU. */
#define STARTUP_SYNC_DELAY_S 3

static gboolean
sync_after_startup (gpointer data)
{
  RsbApplication *self = data;

  self->startup_sync = 0;
  /* New workouts arrive by themselves: Strava once per start, Spotify
   * now (plays from before the app started are the likeliest to fall
   * out of its window) and then on its poll. Services nobody
   * connected stay quiet. */
  rsb_sync_scheduler_poll (self->scheduler, RSB_SERVICE_STRAVA);
  rsb_sync_scheduler_poll (self->scheduler, RSB_SERVICE_SPOTIFY);
  /* Incremental: with nothing changed it only lists the folders. */
  rsb_music_scanner_scan_if_used (self->music_scanner);
  return G_SOURCE_REMOVE;
}

static void
start_syncing (RsbApplication *self)
{
  g_autofree char *path = rsb_store_default_path ();

  self->settings = g_settings_new (APP_ID);
  self->scheduler = rsb_sync_scheduler_new (path);
  self->music_scanner = rsb_music_scanner_new (NULL);
  g_signal_connect_object (self->settings, "changed::spotify-poll-minutes",
                           G_CALLBACK (on_poll_minutes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sync-in-background",
                           G_CALLBACK (on_background_changed), self, G_CONNECT_SWAPPED);
  self->startup_sync = g_timeout_add_seconds (STARTUP_SYNC_DELAY_S, sync_after_startup, self);
  on_poll_minutes_changed (self);
  apply_background (self, FALSE);
}

static void
rsb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *import_folder_accels[] = { "<Shift><Control>o", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *sync_accels[] = { "<Control>r", NULL };

  G_APPLICATION_CLASS (rsb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import-folder", import_folder_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.sync", sync_accels);
  start_syncing (RSB_APPLICATION (app));
}

static void
rsb_application_shutdown (GApplication *app)
{
  RsbApplication *self = RSB_APPLICATION (app);

  /* Whatever a sync has not committed is simply fetched again next time. */
  g_clear_handle_id (&self->startup_sync, g_source_remove);
  if (self->scheduler != NULL)
    rsb_sync_scheduler_cancel (self->scheduler);
  g_clear_object (&self->scheduler);
  /* What a scan has not written is read again next time. */
  if (self->music_scanner != NULL)
    rsb_music_scanner_cancel (self->music_scanner);
  g_clear_object (&self->music_scanner);
  g_clear_object (&self->settings);
  G_APPLICATION_CLASS (rsb_application_parent_class)->shutdown (app);
}

static void
rsb_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RsbApplication *self = RSB_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;
    case PROP_MUSIC_SCANNER:
      g_value_set_object (value, self->music_scanner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_application_class_init (RsbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->get_property = rsb_application_get_property;
  /* Made at startup, gone at shutdown; between them it does not change. */
  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, RSB_TYPE_SYNC_SCHEDULER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MUSIC_SCANNER] =
    g_param_spec_object ("music-scanner", NULL, NULL, RSB_TYPE_MUSIC_SCANNER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  app_class->activate = rsb_application_activate;
  app_class->startup = rsb_application_startup;
  app_class->shutdown = rsb_application_shutdown;
  app_class->command_line = rsb_application_command_line;
}

static void
rsb_application_init (RsbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), app_entries);
}
