/* rsb-preferences-window.c: accounts, syncing and the map's tiles. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-preferences-window.h"
#include "rsb-account-group.h"
#include "rsb-http.h"

struct _RsbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesPage   *accounts_page;
  AdwPreferencesGroup  *syncing_group;
  GtkSpinButton        *poll_spin;
  GtkSwitch            *background_switch;
  GtkSpinButton        *port_spin;
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
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
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
  return rsb_http_check_url (sample->str, error);
}

static void
on_tile_url_apply (RsbPreferencesWindow *self)
{
  g_autofree char *template = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tile_url_row))));
  g_autoptr(GError) error = NULL;

  if (!check_tile_template (template, &error))
    {
      toast (self, error->message);
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

static void
bind_settings (RsbPreferencesWindow *self)
{
  g_settings_bind (self->settings, "spotify-poll-minutes",
                   gtk_spin_button_get_adjustment (self->poll_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "oauth-port",
                   gtk_spin_button_get_adjustment (self->port_spin), "value", G_SETTINGS_BIND_DEFAULT);
}

static void
add_account_groups (RsbPreferencesWindow *self,
                    RsbSyncScheduler     *scheduler)
{
  /* Accounts come first; the shared syncing options follow them. */
  g_object_ref (self->syncing_group);
  adw_preferences_page_remove (self->accounts_page, self->syncing_group);
  for (RsbService service = 0; service < RSB_N_SERVICES; service++)
    adw_preferences_page_add (self->accounts_page,
                              ADW_PREFERENCES_GROUP (rsb_account_group_new (service, self->store,
                                                                            scheduler, self->settings)));
  adw_preferences_page_add (self->accounts_page, self->syncing_group);
  g_object_unref (self->syncing_group);
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
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, syncing_group);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, poll_spin);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RsbPreferencesWindow, port_spin);
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
}
