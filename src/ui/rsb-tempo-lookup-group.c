/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup-group.c: Preferences → Music → Look Up Tempo Online. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-tempo-lookup-group.h"
#include "rsb-format.h"
#include "rsb-store-lookups.h"
#include "rsb-tempo-lookup-task.h"

struct _RsbTempoLookupGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkSwitch           *deezer_switch;
  GtkSwitch           *reccobeats_switch;
  AdwActionRow        *status_row;
  GtkSpinner          *spinner;
  GtkButton           *start_button;
  GtkButton           *cancel_button;
  GtkProgressBar      *progress_bar;

  RsbStore            *store;
  GSettings           *settings;
  RsbTempoLookupTask  *task;
};

G_DEFINE_FINAL_TYPE (RsbTempoLookupGroup, rsb_tempo_lookup_group, ADW_TYPE_PREFERENCES_GROUP)

static gboolean
any_enabled (RsbTempoLookupGroup *self)
{
  return g_settings_get_boolean (self->settings, "tempo-lookup-deezer") ||
         g_settings_get_boolean (self->settings, "tempo-lookup-reccobeats");
}

/* "Deezer: 120 of 2,000 songs, 87 tempi found", or the pause. */
static char *
describe_progress (const RsbTempoLookupProgress *progress)
{
  const char *name = rsb_tempo_service_display_name (progress->service);
  g_autofree char *done = rsb_format_count (progress->n_done);
  g_autofree char *total = rsb_format_count (progress->n_tracks);
  g_autofree char *found = rsb_format_count (progress->n_found);

  if (progress->paused_until_ms > 0)
    {
      g_autofree char *until = rsb_format_local_clock (progress->paused_until_ms);

      /* Translators: "Deezer asks to wait: the next request goes at 14:45" */
      return g_strdup_printf (_("%s’s quota is spent for now: waiting until %s"), name, until);
    }
  /* Translators: "Deezer: 120 of 2,000 songs, 87 tempi found"; the plural follows the total */
  return g_strdup_printf (ngettext ("%s: %s of %s song, %s found", "%s: %s of %s songs, %s tempi found",
                                    progress->n_tracks),
                          name, done, total, found);
}

static char *
describe_idle (RsbTempoLookupGroup *self)
{
  RsbTempoLookupTask *task = self->task;
  const GError *error = rsb_tempo_lookup_task_get_error (task);
  guint n = rsb_store_count_tracks_without_tempo (self->store);
  g_autofree char *count = rsb_format_count (n);

  if (error != NULL && rsb_tempo_lookup_task_get_resume_ms (task) > 0)
    /* Translators: after "Paused until 14:45 (Deezer rate limit)" */
    return g_strdup_printf (_("%s. The songs left are looked up then."), error->message);
  if (error != NULL)
    /* Translators: the reason a lookup stopped; the songs are kept */
    return g_strdup_printf (_("Stopped: %s. The songs not looked up are kept for the next time."), error->message);
  if (!any_enabled (self))
    return g_strdup (_("Turn on a service to look up tempi."));
  return g_strdup_printf (ngettext ("%s song has no tempo yet", "%s songs have no tempo yet", n), count);
}

static void
update (RsbTempoLookupGroup *self)
{
  gboolean busy = rsb_tempo_lookup_task_is_busy (self->task);
  RsbTempoLookupProgress progress;
  g_autofree char *text = NULL;

  if (busy && rsb_tempo_lookup_task_get_progress (self->task, &progress))
    {
      text = describe_progress (&progress);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     progress.n_tracks > 0 ? (double) progress.n_done / progress.n_tracks : 0);
    }
  else if (busy)
    text = g_strdup (_("Looking up…"));
  else
    text = describe_idle (self);
  adw_action_row_set_subtitle (self->status_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), any_enabled (self));
}

/* Turning a service on is the consent to use it: start right away. */
static void
on_setting_changed (RsbTempoLookupGroup *self,
                    const char          *key)
{
  if (g_settings_get_boolean (self->settings, key))
    rsb_tempo_lookup_task_start (self->task);
  update (self);
}

static void
on_start (RsbTempoLookupGroup *self)
{
  rsb_tempo_lookup_task_start (self->task);
  update (self);
}

static void
on_cancel (RsbTempoLookupGroup *self)
{
  rsb_tempo_lookup_task_cancel (self->task);
}

static void
rsb_tempo_lookup_group_dispose (GObject *object)
{
  RsbTempoLookupGroup *self = RSB_TEMPO_LOOKUP_GROUP (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->task);
  G_OBJECT_CLASS (rsb_tempo_lookup_group_parent_class)->dispose (object);
}

static void
rsb_tempo_lookup_group_class_init (RsbTempoLookupGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_tempo_lookup_group_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-tempo-lookup-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbTempoLookupGroup, deezer_switch);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoLookupGroup, reccobeats_switch);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoLookupGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoLookupGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoLookupGroup, start_button);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoLookupGroup, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoLookupGroup, progress_bar);
}

static void
rsb_tempo_lookup_group_init (RsbTempoLookupGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rsb_tempo_lookup_group_new (RsbStore *store)
{
  RsbTempoLookupGroup *self = g_object_new (RSB_TYPE_TEMPO_LOOKUP_GROUP, NULL);

  self->store = g_object_ref (store);
  self->settings = g_settings_new (APP_ID);
  self->task = g_object_ref (rsb_tempo_lookup_task_get_default ());
  g_settings_bind (self->settings, "tempo-lookup-deezer", self->deezer_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tempo-lookup-reccobeats", self->reccobeats_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::tempo-lookup-deezer", G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::tempo-lookup-reccobeats", G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->task, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel), self);
  update (self);
  return GTK_WIDGET (self);
}
