/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-account-group.c: connect a listening history by user name.
 *
 * The check, the keyring and the store are used on worker threads
 * (libsecret and the requests are synchronous); the group only shows
 * where things stand. The key typed is never read back from the
 * keyring into the window: once connected it is not shown again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-history-account-group.h"
#include "rsb-format.h"
#include "rsb-history-accounts.h"
#include "rsb-message.h"
#include "rsb-sync-error.h"

struct _RsbHistoryAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *signup_row;
  AdwEntryRow         *user_row;
  AdwPasswordEntryRow *key_row;
  AdwActionRow        *status_row;
  GtkSpinner          *spinner;
  GtkButton           *sync_button;
  GtkButton           *disconnect_button;
  GtkButton           *connect_button;

  RsbService           service;
  RsbStore            *store;
  RsbSyncScheduler    *scheduler;
  GCancellable        *cancellable;   /* connect, disconnect */
  gboolean             working;
  char                *problem;       /* why the last Connect failed, shown until the next */
};

G_DEFINE_FINAL_TYPE (RsbHistoryAccountGroup, rsb_history_account_group, ADW_TYPE_PREFERENCES_GROUP)

static gboolean
needs_key (RsbHistoryAccountGroup *self)
{
  return self->service == RSB_SERVICE_LASTFM;
}

static void
add_toast (RsbHistoryAccountGroup *self,
           const char             *heading,
           const char             *text,
           const char             *advice)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      rsb_message_toast_new (GTK_WIDGET (root), heading, text, advice));
}

static char *
typed (GtkEditable *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (row)));
}

static gboolean
given (RsbHistoryAccountGroup *self)
{
  g_autofree char *user = typed (GTK_EDITABLE (self->user_row));
  g_autofree char *key = typed (GTK_EDITABLE (self->key_row));

  return *user != '\0' && (!needs_key (self) || *key != '\0');
}

static char *
format_when (gint64 utc_ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (utc_ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, _("today at %H:%M"));
  return g_date_time_format (when, _("%-d %B %Y at %H:%M"));
}

static char *
describe_sync (const RsbAccount *account)
{
  g_autofree char *when = NULL;

  if (account->paused_until_ms > g_get_real_time () / 1000)
    {
      g_autofree char *clock = rsb_format_local_clock (account->paused_until_ms);

      return g_strdup_printf (_("Paused until %s (rate limit)"), clock);
    }
  if (account->last_sync_ms <= 0)
    return g_strdup (_("Not synced yet"));
  when = format_when (account->last_sync_ms);
  return g_strdup_printf (_("Last synced %s"), when);
}

static const char *
missing_hint (RsbHistoryAccountGroup *self)
{
  if (needs_key (self))
    return _("Enter your user name and API key above to connect");
  return _("Enter your user name above to connect");
}

static void
show_state (RsbHistoryAccountGroup *self,
            const RsbAccount       *account)
{
  gboolean busy = self->working || rsb_sync_scheduler_get_busy (self->scheduler);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* The name is in the row above: the status stays short enough to
   * read beside its buttons at 360 px. */
  if (account != NULL)
    {
      title = g_strdup (_("Connected"));
      subtitle = describe_sync (account);
    }
  else
    {
      title = g_strdup (self->working ? _("Checking…") : _("Not connected"));
      subtitle = g_strdup (self->problem != NULL ? self->problem : given (self) ? "" : missing_hint (self));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle);

  /* Connected, the name stays in view; the key, once in the keyring,
   * is not shown again. Focus leaves a row before it turns insensitive
   * (Enter in it connects), or it would never see its focus-out. */
  if ((account != NULL || self->working) && gtk_widget_get_root (GTK_WIDGET (self)) != NULL &&
      (gtk_widget_has_focus (GTK_WIDGET (self->user_row)) ||
       gtk_widget_get_focus_child (GTK_WIDGET (self->user_row)) != NULL ||
       gtk_widget_get_focus_child (GTK_WIDGET (self->key_row)) != NULL))
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), account == NULL && !self->working);
  if (account != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->user_row)), account->account_id) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), account->account_id);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), needs_key (self) && account == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !self->working);
  gtk_widget_set_visible (GTK_WIDGET (self->signup_row), needs_key (self) && account == NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->connect_button), account == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !self->working && given (self));
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), account != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->disconnect_button), account != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->disconnect_button), !self->working);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
refresh (RsbHistoryAccountGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_store_get_account (self->store, rsb_service_id (self->service), &error);

  if (error != NULL)
    add_toast (self, _("The Account Could Not Be Read"), error->message, NULL);
  show_state (self, account);
}

static void
on_typed (RsbHistoryAccountGroup *self)
{
  /* What went wrong with the last name is no longer news. */
  g_clear_pointer (&self->problem, g_free);
  refresh (self);
}

/* Connecting -------------------------------------------------------- */

typedef struct {
  RsbService  service;
  char       *path;
  char       *user;
  char       *key;
  gint64      count;
} ConnectOp;

static void
connect_op_free (ConnectOp *op)
{
  if (op->key != NULL)
    memset (op->key, 0, strlen (op->key));
  g_free (op->key);
  g_free (op->user);
  g_free (op->path);
  g_free (op);
}

static void
connect_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConnectOp *op = task_data;
  g_autoptr(RsbStore) store = NULL;
  GError *error = NULL;

  store = rsb_store_open (op->path, &error);
  if (store != NULL &&
      rsb_history_accounts_connect (store, op->service, op->user, op->key, &op->count, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RsbHistoryAccountGroup *self = RSB_HISTORY_ACCOUNT_GROUP (source);
  ConnectOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  const char *name = rsb_service_display_name (self->service);

  self->working = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *figure = rsb_format_count ((guint) CLAMP (op->count, 0, G_MAXUINT));
      gulong n = (gulong) CLAMP (op->count, 0, (gint64) G_MAXUINT);
      g_autofree char *message = self->service == RSB_SERVICE_LASTFM
        /* Translators: "Connected to Last.fm as runner42: 12,345 scrobbles" */
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected to %s as %s: %s scrobble",
                                        "Connected to %s as %s: %s scrobbles", n), name, op->user, figure)
        /* Translators: "Connected to ListenBrainz as runner42: 12,345 listens" */
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected to %s as %s: %s listen",
                                        "Connected to %s as %s: %s listens", n), name, op->user, figure);

      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      add_toast (self, NULL, message, NULL);
      rsb_sync_scheduler_sync (self->scheduler, self->service);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Connect %s"), name);

      g_free (self->problem);
      self->problem = g_strdup (error->message);
      add_toast (self, heading, error->message, rsb_message_advice (error));
    }
  refresh (self);
}

static void
on_connect (RsbHistoryAccountGroup *self)
{
  g_autoptr(GTask) task = NULL;
  ConnectOp *op;

  if (self->working || !given (self))
    return;
  op = g_new0 (ConnectOp, 1);
  op->service = self->service;
  op->path = g_strdup (rsb_store_get_path (self->store));
  op->user = typed (GTK_EDITABLE (self->user_row));
  op->key = needs_key (self) ? typed (GTK_EDITABLE (self->key_row)) : NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->problem, g_free);
  self->working = TRUE;
  task = g_task_new (self, self->cancellable, on_connected, NULL);
  g_task_set_task_data (task, op, (GDestroyNotify) connect_op_free);
  g_task_run_in_thread (task, connect_thread);
  refresh (self);
}

/* Disconnecting ----------------------------------------------------- */

static void
disconnect_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RsbHistoryAccountGroup *self = source;
  g_autoptr(RsbStore) store = NULL;
  GError *error = NULL;

  store = rsb_store_open (task_data, &error);
  if (store != NULL && rsb_history_accounts_disconnect (store, self->service, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_disconnected (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RsbHistoryAccountGroup *self = RSB_HISTORY_ACCOUNT_GROUP (source);
  g_autoptr(GError) error = NULL;

  self->working = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Disconnect %s"),
                                                  rsb_service_display_name (self->service));

      add_toast (self, heading, error->message, rsb_message_advice (error));
    }
  refresh (self);
}

static void
start_disconnect (gpointer owner)
{
  RsbHistoryAccountGroup *self = owner;
  g_autoptr(GTask) task = g_task_new (self, NULL, on_disconnected, NULL);

  self->working = TRUE;
  g_task_set_task_data (task, g_strdup (rsb_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, disconnect_thread);
  refresh (self);
}

static void
on_disconnect_response (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  RsbHistoryAccountGroup *self = user_data;

  if (g_strcmp0 (response, "disconnect") != 0)
    return;
  /* A sync still running would write the account back when it ends:
   * stop it, and forget the account only once it has. */
  rsb_sync_scheduler_cancel_then (self->scheduler, self, start_disconnect);
}

static void
on_disconnect (RsbHistoryAccountGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Disconnect %s?"), rsb_service_display_name (self->service));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
    needs_key (self)
    ? _("The app forgets the user name, and the API key leaves the keyring. What was synced stays in your library.")
    : _("The app forgets the user name. What was synced stays in your library.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "disconnect", _("_Disconnect"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "disconnect", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disconnect_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync (RsbHistoryAccountGroup *self)
{
  rsb_sync_scheduler_sync (self->scheduler, self->service);
  refresh (self);
}

/* Setup ------------------------------------------------------------- */

/* What the service is, and what the app sends it. */
static void
describe_service (RsbHistoryAccountGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), rsb_service_display_name (self->service));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), needs_key (self)
    ? _("Create an API account on Last.fm (any name and description will do), then enter its API key and your "
        "user name. The app sends them to Last.fm to read your scrobbles, at most five requests a second, and "
        "sends nothing else. The key is kept in the keyring.")
    : _("ListenBrainz listens are public: only your user name is needed. The app sends it to ListenBrainz to "
        "read your listens, and sends nothing else."));
}

RsbHistoryAccountGroup *
rsb_history_account_group_new (RsbService        service,
                               RsbStore         *store,
                               RsbSyncScheduler *scheduler)
{
  RsbHistoryAccountGroup *self = g_object_new (RSB_TYPE_HISTORY_ACCOUNT_GROUP, NULL);

  g_return_val_if_fail (!rsb_service_uses_oauth (service), self);

  self->service = service;
  self->store = g_object_ref (store);
  self->scheduler = g_object_ref (scheduler);
  describe_service (self);
  g_signal_connect_object (scheduler, "notify::busy", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}

static void
rsb_history_account_group_dispose (GObject *object)
{
  RsbHistoryAccountGroup *self = RSB_HISTORY_ACCOUNT_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->problem, g_free);
  G_OBJECT_CLASS (rsb_history_account_group_parent_class)->dispose (object);
}

static void
rsb_history_account_group_class_init (RsbHistoryAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rsb_history_account_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/runsousbpm/RunSousBpm/rsb-history-account-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, signup_row);
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, user_row);
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, key_row);
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, sync_button);
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, RsbHistoryAccountGroup, connect_button);
}

static void
rsb_history_account_group_init (RsbHistoryAccountGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->user_row, "changed", G_CALLBACK (on_typed), self);
  g_signal_connect_swapped (self->key_row, "changed", G_CALLBACK (on_typed), self);
  g_signal_connect_swapped (self->user_row, "entry-activated", G_CALLBACK (on_connect), self);
  g_signal_connect_swapped (self->key_row, "entry-activated", G_CALLBACK (on_connect), self);
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (on_connect), self);
  g_signal_connect_swapped (self->disconnect_button, "clicked", G_CALLBACK (on_disconnect), self);
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (on_sync), self);
}
