/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-sync.c: the window's view of syncing — a header-bar
 * button that spins while a sync runs, new activities appearing in the
 * list as they land, and a toast for what came of it. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-window-private.h"
#include "rsb-tempo-lookup-task.h"
#include "rsb-message.h"
#include "rsb-sync-error.h"

/* Reloading the list costs a query; a first sync may land hundreds of
 * activities, so the list follows at most once a second. */
#define RELOAD_DELAY_MS 1000

/* The application's one scheduler; borrowed, as the application keeps
 * it for as long as it has windows. */
static RsbSyncScheduler *
scheduler_of (RsbWindow *self)
{
  g_autoptr(RsbSyncScheduler) scheduler = NULL;

  g_object_get (gtk_window_get_application (GTK_WINDOW (self)), "scheduler", &scheduler, NULL);
  return scheduler;
}

static gboolean
any_account (RsbWindow *self)
{
  for (RsbService service = 0; service < RSB_N_SERVICES; service++)
    {
      g_autoptr(RsbAccount) account = rsb_store_get_account (self->store, rsb_service_id (service), NULL);
      if (account != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
update_button (RsbWindow *self)
{
  gboolean busy = rsb_sync_scheduler_get_busy (scheduler_of (self));

  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), busy || any_account (self));
  gtk_stack_set_visible_child_name (self->sync_stack, busy ? "busy" : "idle");
  if (!busy)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), _("Sync Now"));
}

static void
on_progress (RsbWindow  *self,
             guint       service,
             const char *message)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", rsb_service_display_name (service), message);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), text);
}

static gboolean
reload_now (gpointer data)
{
  RsbWindow *self = data;

  self->sync_reload = 0;
  rsb_window_reload (self, 0);
  return G_SOURCE_REMOVE;
}

static void
on_activity_added (RsbWindow *self)
{
  if (self->sync_reload == 0)
    self->sync_reload = g_timeout_add_full (G_PRIORITY_LOW, RELOAD_DELAY_MS, reload_now, self, NULL);
}

static char *
describe_news (RsbService            service,
               const RsbSyncSummary *summary)
{
  const char *name = rsb_service_display_name (service);

  if (summary->n_activities > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u new activity", "%s: %u new activities",
                                         summary->n_activities), name, summary->n_activities);
  if (summary->n_plays > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u new play", "%s: %u new plays",
                                         summary->n_plays), name, summary->n_plays);
  return g_strdup_printf (_("%s: nothing new"), name);
}

/* The way out is the button: when the message would not fit beside
 * it, the toast says what to do in short. */
static void
toast_with_preferences (RsbWindow  *self,
                        RsbService  service,
                        const char *text)
{
  g_autofree char *title = rsb_message_fits_toast (GTK_WIDGET (self->toast_overlay), text, _("_Preferences"))
                           ? g_strdup (text)
                           : g_strdup_printf (_("Reconnect %s in Preferences"), rsb_service_display_name (service));
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Preferences"));
  adw_toast_set_action_name (toast, "app.preferences");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_finished (RsbWindow            *self,
             guint                 service,
             gboolean              requested,
             const RsbSyncSummary *summary,
             const GError         *error)
{
  g_autofree char *news = NULL;
  g_autofree char *heading = NULL;

  if (error != NULL && g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_INVALID_GRANT))
    toast_with_preferences (self, service, error->message);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      heading = g_strdup_printf (_("Could Not Sync %s"), rsb_service_display_name (service));
      rsb_window_show_error (self, heading, error);
    }
  else if (error == NULL && (requested || summary->n_activities > 0))
    {
      news = describe_news (service, summary);
      rsb_window_toast (self, news);
    }
  if (error == NULL && (summary->n_activities > 0 || summary->n_plays > 0))
    {
      if (summary->n_plays > 0)
        rsb_window_match_music_files (self);
      g_clear_handle_id (&self->sync_reload, g_source_remove);
      rsb_window_reload (self, 0);
    }
  /* New plays may bring new tracks: their tempi, when lookups are on. */
  if (error == NULL && summary->n_plays > 0)
    rsb_tempo_lookup_task_start (rsb_tempo_lookup_task_get_default ());
}

/* A background lookup found tempi: the open views show them. */
static void
on_tempi_found (RsbWindow *self,
                guint      n_found)
{
  if (n_found > 0)
    rsb_window_reload (self, 0);
}

/* A music scan read or forgot files: the songs shown may have a new
 * tempo. */
static void
on_music_scanned (RsbWindow *self,
                  gboolean   changed)
{
  if (changed)
    rsb_window_reload (self, 0);
}

void
rsb_window_sync_init (RsbWindow *self)
{
  RsbSyncScheduler *scheduler;

  /* A window outside the application (tests, benchmarks) has no syncing. */
  if (gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    return;
  scheduler = scheduler_of (self);

  g_signal_connect_object (scheduler, "progress", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "activity-added", G_CALLBACK (on_activity_added), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "finished", G_CALLBACK (on_finished), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::busy", G_CALLBACK (update_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rsb_tempo_lookup_task_get_default (), "finished",
                           G_CALLBACK (on_tempi_found), self, G_CONNECT_SWAPPED);
  update_button (self);
  {
    g_autoptr(GObject) scanner = NULL;

    g_object_get (gtk_window_get_application (GTK_WINDOW (self)), "music-scanner", &scanner, NULL);
    if (scanner != NULL)
      g_signal_connect_object (scanner, "finished", G_CALLBACK (on_music_scanned), self, G_CONNECT_SWAPPED);
  }
}
