/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-preferences-window.c: units, accounts, syncing, music (tempo
 * sources) and the map's tiles. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-preferences-window.h"
#include "rsb-account-group.h"
#include "rsb-history-account-group.h"
#include "rsb-format.h"
#include "rsb-http.h"
#include "rsb-message.h"
#include "rsb-tempo-lookup-group.h"
#include "rsb-music-folders-group.h"
#include "rsb-tile-source.h"
#include "rsb-units-setting.h"

struct _RsbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *units_row;
  AdwActionRow         *privacy_row;
  GtkSpinButton        *privacy_spin;
  AdwPreferencesPage   *accounts_page;
  AdwPreferencesPage   *music_page;
  AdwPreferencesGroup  *syncing_group;
  GtkSpinButton        *poll_spin;
  GtkSwitch            *background_switch;
  GtkSpinButton        *port_spin;
  AdwPreferencesGroup  *tiles_group;
  AdwActionRow         *tile_env_row;
  AdwActionRow         *osm_row;
  AdwActionRow         *custom_row;
  GtkCheckButton       *osm_check;
  GtkCheckButton       *custom_check;
  AdwEntryRow          *tile_url_row;

  GSettings            *settings;
  RsbStore             *store;
};

G_DEFINE_FINAL_TYPE (RsbPreferencesWindow, rsb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
toast (RsbPreferencesWindow *self,
       const char           *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    rsb_message_toast_new (GTK_WIDGET (self), NULL, text, NULL));
}

/* A template is usable when it names every tile coordinate and the
 * server is reached the way every other request is (https off this
 * machine). */
static gboolean
check_tile_template (const char  *template,
                     GError     **error)
{
  g_autoptr(GString) sample = NULL;

  if (strstr (template, "{z}") == NULL || strstr (template, "{x}") == NULL || strstr (template, "{y}") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The tile URL template needs {z}, {x} and {y}"));
      return FALSE;
    }
  sample = g_string_new (template);
  g_string_replace (sample, "{z}", "1", 0);
  g_string_replace (sample, "{x}", "0", 0);
  g_string_replace (sample, "{y}", "0", 0);
  if (rsb_http_check_url (sample->str, error))
    return TRUE;
  /* Quote the template as typed, not the address made from it. */
  if (error != NULL && *error != NULL)
    {
      g_autoptr(GString) message = g_string_new ((*error)->message);

      g_string_replace (message, sample->str, template, 0);
      g_free ((*error)->message);
      (*error)->message = g_string_free (g_steal_pointer (&message), FALSE);
    }
  return FALSE;
}

static void
on_tile_url_apply (RsbPreferencesWindow *self)
{
  g_autofree char *template = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tile_url_row))));
  g_autoptr(GError) error = NULL;

  if (!check_tile_template (template, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        rsb_message_toast_new (GTK_WIDGET (self), _("Tile Server Not Changed"),
                                                               error->message, rsb_message_advice (error)));
      return;
    }
  g_settings_set_string (self->settings, "tile-url", template);
  toast (self, _("Maps opened from now on use this server"));
}

static void
on_osm_toggled (RsbPreferencesWindow *self)
{
  if (gtk_check_button_get_active (self->osm_check))
    g_settings_set_string (self->settings, "tile-url", "");
}

static void
load_tile_choice (RsbPreferencesWindow *self)
{
  g_autofree char *template = g_settings_get_string (self->settings, "tile-url");

  gtk_editable_set_text (GTK_EDITABLE (self->tile_url_row), template);
  gtk_check_button_set_active (*template ? self->custom_check : self->osm_check, TRUE);
  g_signal_connect_swapped (self->osm_check, "toggled", G_CALLBACK (on_osm_toggled), self);
  g_signal_connect_swapped (self->tile_url_row, "apply", G_CALLBACK (on_tile_url_apply), self);
}

/* $RSB_TILE_URL wins over the choice here (tests, screenshots, a tile
 * server of one's own): show the server in use, and leave the choice,
 * which applies once the variable is unset, as it is. */
static void
show_tile_override (RsbPreferencesWindow *self)
{
  const char *env = rsb_tile_source_env_template ();

  if (env == NULL)
    return;
  adw_action_row_set_subtitle (self->tile_env_row, env);
  gtk_widget_set_visible (GTK_WIDGET (self->tile_env_row), TRUE);
  adw_preferences_group_set_description (self->tiles_group,
    _("The RSB_TILE_URL environment variable sets the tile server, so the choice below is not used. "
      "It applies when the app is started without that variable."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->osm_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->custom_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tile_url_row), FALSE);
}

/* The "units" key's values, in the combo row's order. */
static const char *const unit_choices[] = { "automatic", "metric", "imperial" };

static gboolean
units_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (unit_choices); i++)
    if (g_str_equal (choice, unit_choices[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
row_to_units (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (unit_choices) ? g_variant_new_string (unit_choices[i]) : NULL;
}

/* "Automatic" says what it picked here, so the choice is not a guess. */
static void
name_automatic_units (RsbPreferencesWindow *self)
{
  GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (self->units_row));
  /* Translators: the units the locale picked, "Automatic (km)" */
  g_autofree char *automatic = g_strdup_printf (_("Automatic (%s)"),
                                                rsb_units_symbol (rsb_units_from_environment (), RSB_UNIT_DISTANCE));

  gtk_string_list_splice (list, 0, 1, (const char *const[]) { automatic, NULL });
}

/* The spin counts metres (the setting's unit); the subtitle says it in
 * the user's units, which may be miles and feet. */
static void
update_privacy_subtitle (RsbPreferencesWindow *self)
{
  double metres = gtk_spin_button_get_value (self->privacy_spin);
  g_autofree char *distance = rsb_format_distance (metres, rsb_units_current ());
  g_autofree char *subtitle = metres > 0
    /* Translators: %s is a distance such as "200 m" */
    ? g_strdup_printf (_("Shared pictures leave out the first and last %s of the route, which often show where you live"),
                       distance)
    : g_strdup (_("Shared pictures show the whole route, start and finish included"));

  adw_action_row_set_subtitle (self->privacy_row, subtitle);
}

static void
bind_settings (RsbPreferencesWindow *self)
{
  name_automatic_units (self);
  g_settings_bind_with_mapping (self->settings, "units", self->units_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                units_to_row, row_to_units, NULL, NULL);
  g_settings_bind (self->settings, "spotify-poll-minutes",
                   gtk_spin_button_get_adjustment (self->poll_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "oauth-port",
                   gtk_spin_button_get_adjustment (self->port_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "share-privacy-metres",
                   gtk_spin_button_get_adjustment (self->privacy_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->privacy_spin, "value-changed", G_CALLBACK (update_privacy_subtitle),
                           self, G_CONNECT_SWAPPED);
  update_privacy_subtitle (self);
}

static void
add_account_groups (RsbPreferencesWindow *self,
                    RsbSyncScheduler     *scheduler)
{
  /* Accounts come first; the shared syncing options follow them. */
  g_object_ref (self->syncing_group);
  adw_preferences_page_remove (self->accounts_page, self->syncing_group);
  for (RsbService service = 0; service < RSB_N_SERVICES; service++)
    adw_preferences_page_add (self->accounts_page, rsb_service_uses_oauth (service)
                              ? ADW_PREFERENCES_GROUP (rsb_account_group_new (service, self->store,
                                                                              scheduler, self->settings))
                              : ADW_PREFERENCES_GROUP (rsb_history_account_group_new (service, self->store,
                                                                                      scheduler)));
  adw_preferences_page_add (self->accounts_page, self->syncing_group);
  g_object_unref (self->syncing_group);
}

/* The application's scanner, so the page shows the scan the app runs;
 * a window without the application (tests) gets one of its own. */
static void
add_music_group (RsbPreferencesWindow *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(RsbMusicScanner) scanner = NULL;

  if (app != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (app), "music-scanner") != NULL)
    g_object_get (app, "music-scanner", &scanner, NULL);
  if (scanner == NULL)
    scanner = rsb_music_scanner_new (self->store);
  adw_preferences_page_add (self->music_page, ADW_PREFERENCES_GROUP (rsb_music_folders_group_new (scanner)));
}

RsbPreferencesWindow *
rsb_preferences_window_new (GtkWindow         *parent,
                            RsbSyncScheduler  *scheduler,
                            GError           **error)
{
  g_autofree char *path = rsb_store_default_path ();
  g_autoptr(RsbStore) store = rsb_store_open (path, error);
  RsbPreferencesWindow *self;

  if (store == NULL)
    return NULL;
  self = g_object_new (RSB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->store = g_steal_pointer (&store);
  add_account_groups (self, scheduler);
  adw_preferences_page_add (self->music_page, ADW_PREFERENCES_GROUP (rsb_tempo_lookup_group_new (self->store)));
  add_music_group (self);
  return self;
}

static void
rsb_preferences_window_dispose (GObject *object)
{
  RsbPreferencesWindow *self = RSB_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rsb_preferences_window_parent_class)->dispose (object);
}

static void
rsb_preferences_window_class_init (RsbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rsb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, units_row);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, privacy_row);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, privacy_spin);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, music_page);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, syncing_group);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, poll_spin);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, tiles_group);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, tile_env_row);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, osm_row);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, custom_row);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, osm_check);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, custom_check);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, tile_url_row);
}

static void
rsb_preferences_window_init (RsbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  bind_settings (self);
  load_tile_choice (self);
  show_tile_override (self);
}
