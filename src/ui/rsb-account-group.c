/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-account-group.c: connect a service from Preferences.
 *
 * Keyring and network work runs on worker threads (libsecret and the
 * OAuth flow are synchronous); the group only shows where it stands.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-account-group.h"
#include "rsb-format.h"
#include "rsb-accounts.h"
#include "rsb-idle.h"
#include "rsb-message.h"
#include "rsb-oauth-listener.h"
#include "rsb-secrets.h"
#include "rsb-spotify-playlist.h"
#include "rsb-sync-error.h"

struct _RsbAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *signup_row;
  GtkLinkButton       *signup_link;
  AdwActionRow        *register_row;
  GtkButton           *copy_register_button;
  AdwEntryRow         *client_id_row;
  AdwPasswordEntryRow *client_secret_row;
  AdwActionRow        *status_row;
  GtkSpinner          *spinner;
  GtkButton           *sync_button;
  GtkButton           *disconnect_button;
  GtkButton           *connect_button;
  GtkButton           *cancel_button;
  AdwActionRow        *url_row;
  GtkButton           *copy_url_button;

  RsbService           service;
  RsbStore            *store;
  RsbSyncScheduler    *scheduler;
  GSettings           *settings;
  GCancellable        *cancellable;   /* keyring loads, connect, disconnect */
  gboolean             connecting;
  gboolean             has_account;   /* connected, or was and needs reconnecting */
};

G_DEFINE_FINAL_TYPE (RsbAccountGroup, rsb_account_group, ADW_TYPE_PREFERENCES_GROUP)

/* Toasts go to Preferences, as wide as its window; a message too long
 * for one, or an error with advice, has its whole in Details. */
static void
add_toast (RsbAccountGroup *self,
           const char      *heading,
           const char      *text,
           const char      *advice)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      rsb_message_toast_new (GTK_WIDGET (root), heading, text, advice));
}

static void
toast (RsbAccountGroup *self,
       const char      *text)
{
  add_toast (self, NULL, text, NULL);
}

static void
toast_error (RsbAccountGroup *self,
             const char      *heading,
             const GError    *error)
{
  add_toast (self, heading, error->message, rsb_message_advice (error));
}

/* Typed, set in the environment, or built in. */
static gboolean
credential_given (GtkEditable *row,
                  const char  *from_env,
                  const char  *from_build)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  return *typed != '\0' || from_env != NULL || from_build != NULL;
}

static gboolean
credentials_given (RsbAccountGroup *self)
{
  return credential_given (GTK_EDITABLE (self->client_id_row), rsb_service_env_client_id (self->service),
                           rsb_service_default_client_id (self->service)) &&
         (!rsb_service_needs_client_secret (self->service) ||
          credential_given (GTK_EDITABLE (self->client_secret_row),
                            rsb_service_env_client_secret (self->service), NULL));
}

/* Connect waits for what connecting needs, as it is typed, and while
 * nobody is connected the status says what is missing. */
static void
update_connect (RsbAccountGroup *self)
{
  gboolean given = credentials_given (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), given);
  if (self->has_account)
    return;
  adw_action_row_set_subtitle (self->status_row,
                               given ? ""
                               : rsb_service_needs_client_secret (self->service)
                               ? _("Enter the client ID and client secret above to connect")
                               : _("Enter the client ID above to connect"));
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

static void
show_state (RsbAccountGroup  *self,
            const RsbAccount *account)
{
  gboolean busy = self->connecting || rsb_sync_scheduler_get_busy (self->scheduler);
  const char *name = rsb_service_display_name (self->service);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  /* Connected before the app made playlists, or without allowing it. */
  gboolean lacks_playlists = account != NULL && !account->needs_reconnect &&
                             self->service == RSB_SERVICE_SPOTIFY &&
                             !rsb_account_has_scope (account, RSB_SPOTIFY_PLAYLIST_SCOPE);

  if (account == NULL)
    title = g_strdup (_("Not connected"));
  else if (account->needs_reconnect)
    title = g_strdup_printf (_("Reconnect %s"), name);
  else if (account->display_name != NULL)
    title = g_strdup_printf (_("Connected as %s"), account->display_name);
  else
    title = g_strdup (_("Connected"));
  if (account != NULL && account->needs_reconnect)
    subtitle = g_strdup_printf (_("%s no longer accepts this app’s access"), name);
  else if (lacks_playlists)
    subtitle = g_strdup (_("Reconnect to allow playlists"));
  else if (account != NULL)
    subtitle = describe_sync (account);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle ? subtitle : "");

  gtk_widget_set_visible (GTK_WIDGET (self->connect_button),
                          !self->connecting && (account == NULL || account->needs_reconnect || lacks_playlists));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->connecting);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), account != NULL && !account->needs_reconnect);
  gtk_widget_set_visible (GTK_WIDGET (self->disconnect_button), account != NULL && !self->connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), self->connecting);
  self->has_account = account != NULL;
  update_connect (self);
}

static void
refresh (RsbAccountGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_store_get_account (self->store, rsb_service_id (self->service), &error);

  if (error != NULL)
    toast_error (self, _("The Account Could Not Be Read"), error);
  show_state (self, account);
}

static char *
register_value (RsbAccountGroup *self)
{
  guint port = g_settings_get_uint (self->settings, "oauth-port");

  if (self->service == RSB_SERVICE_STRAVA)
    return g_strdup ("127.0.0.1");
  /* Spotify lets loopback redirects take any port when none is registered. */
  if (port == 0)
    return g_strdup ("http://127.0.0.1/callback");
  return g_strdup_printf ("http://127.0.0.1:%u/callback", port);
}

static void
update_register_row (RsbAccountGroup *self)
{
  g_autofree char *value = register_value (self);

  adw_action_row_set_subtitle (self->register_row, value);
}

static void
copy_text (GtkWidget  *widget,
           const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
on_copy_register (RsbAccountGroup *self)
{
  g_autofree char *value = register_value (self);

  copy_text (GTK_WIDGET (self), value);
  toast (self, _("Copied"));
}

static void
on_copy_url (RsbAccountGroup *self)
{
  copy_text (GTK_WIDGET (self), adw_action_row_get_subtitle (self->url_row));
  toast (self, _("Sign-in address copied"));
}

/* Client credentials ------------------------------------------------ */

typedef struct {
  RsbService     service;
  RsbSecretKind  kind;
  char          *value;
} SecretOp;

static void
secret_op_free (SecretOp *op)
{
  if (op->value != NULL)
    memset (op->value, 0, strlen (op->value));
  g_free (op->value);
  g_free (op);
}

static void
load_secret_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SecretOp *op = task_data;
  GError *error = NULL;
  char *value = rsb_secrets_lookup (op->service, op->kind, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_free);
}

static GtkEditable *
row_for_kind (RsbAccountGroup *self,
              RsbSecretKind    kind)
{
  if (kind == RSB_SECRET_CLIENT_SECRET)
    return GTK_EDITABLE (self->client_secret_row);
  return GTK_EDITABLE (self->client_id_row);
}

static void
on_secret_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_task_propagate_pointer (G_TASK (result), &error);
  SecretOp *op = g_task_get_task_data (G_TASK (result));
  RsbAccountGroup *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RSB_ACCOUNT_GROUP (source);
  if (error != NULL)
    toast_error (self, _("The Keyring Could Not Be Read"), error);
  /* What the person typed meanwhile wins. */
  else if (value != NULL && *gtk_editable_get_text (row_for_kind (self, op->kind)) == '\0')
    gtk_editable_set_text (row_for_kind (self, op->kind), value);
}

static void
run_secret_op (RsbAccountGroup     *self,
               RsbSecretKind        kind,
               const char          *value,
               GTaskThreadFunc      func,
               GAsyncReadyCallback  done)
{
  SecretOp *op = g_new0 (SecretOp, 1);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, done, NULL);

  op->service = self->service;
  op->kind = kind;
  op->value = g_strdup (value);
  g_task_set_task_data (task, op, (GDestroyNotify) secret_op_free);
  g_task_run_in_thread (task, func);
}

/* A value from the environment wins over the keyring: show it fixed. */
static gboolean
show_env_override (AdwPreferencesRow *row,
                   const char        *value,
                   const char        *variable,
                   gboolean           reveal)
{
  g_autofree char *title = NULL;

  if (value == NULL)
    return FALSE;
  title = g_strdup_printf (_("%s (set by %s)"), adw_preferences_row_get_title (row), variable);
  adw_preferences_row_set_title (row, title);
  if (reveal)
    gtk_editable_set_text (GTK_EDITABLE (row), value);
  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
  return TRUE;
}

static void
load_credentials (RsbAccountGroup *self)
{
  const char *id_var = self->service == RSB_SERVICE_STRAVA ? "RSB_STRAVA_CLIENT_ID" : "RSB_SPOTIFY_CLIENT_ID";

  if (!show_env_override (ADW_PREFERENCES_ROW (self->client_id_row),
                          rsb_service_env_client_id (self->service), id_var, TRUE))
    run_secret_op (self, RSB_SECRET_CLIENT_ID, NULL, load_secret_thread, on_secret_loaded);

  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row),
                          rsb_service_needs_client_secret (self->service));
  if (rsb_service_needs_client_secret (self->service) &&
      !show_env_override (ADW_PREFERENCES_ROW (self->client_secret_row),
                          rsb_service_env_client_secret (self->service), "RSB_STRAVA_CLIENT_SECRET", FALSE))
    run_secret_op (self, RSB_SECRET_CLIENT_SECRET, NULL, load_secret_thread, on_secret_loaded);
}

static void
save_secret_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SecretOp *op = task_data;
  GError *error = NULL;

  if (rsb_secrets_store (op->service, op->kind, NULL, op->value, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_secret_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    toast (RSB_ACCOUNT_GROUP (source), _("Saved in the keyring"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast_error (RSB_ACCOUNT_GROUP (source), _("Not Saved in the Keyring"), error);
}

static void
on_client_id_apply (RsbAccountGroup *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row))));

  run_secret_op (self, RSB_SECRET_CLIENT_ID, value, save_secret_thread, on_secret_saved);
}

static void
on_client_secret_apply (RsbAccountGroup *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row))));

  run_secret_op (self, RSB_SECRET_CLIENT_SECRET, value, save_secret_thread, on_secret_saved);
}

/* Connecting -------------------------------------------------------- */

typedef struct {
  RsbAccountGroup *self;   /* a strong reference */
  char            *url;
} ShownUrl;

static gboolean
show_url_on_main (gpointer data)
{
  ShownUrl *shown = data;
  RsbAccountGroup *self = shown->self;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  adw_action_row_set_subtitle (self->url_row, shown->url);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), self->connecting);
  /* gtk_show_uri goes through the OpenURI portal inside Flatpak. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, shown->url, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return G_SOURCE_REMOVE;
}

static void
shown_url_free (gpointer data)
{
  ShownUrl *shown = data;

  g_object_unref (shown->self);
  g_free (shown->url);
  g_free (shown);
}

static void
show_url_from_thread (const char *url,
                      gpointer    user_data)
{
  ShownUrl *shown = g_new0 (ShownUrl, 1);

  shown->self = g_object_ref (user_data);
  shown->url = g_strdup (url);
  rsb_idle_invoke (NULL, show_url_on_main, shown, shown_url_free);
}

/* What a sign-in needs, read on the main thread. Credentials typed and
 * not yet applied go to the keyring first: Connect uses what is shown. */
typedef struct {
  char  *path;
  char  *client_id;       /* NULL: the keyring's, the environment's or the build's */
  char  *client_secret;
  guint  port;
} ConnectOp;

static void
connect_op_free (ConnectOp *op)
{
  if (op->client_secret != NULL)
    memset (op->client_secret, 0, strlen (op->client_secret));
  g_free (op->client_secret);
  g_free (op->client_id);
  g_free (op->path);
  g_free (op);
}

/* A row's text to keep, unless the environment sets it (the row is
 * then insensitive) or it is empty. */
static char *
typed_credential (AdwPreferencesRow *row)
{
  char *value;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (row)) || !gtk_widget_get_visible (GTK_WIDGET (row)))
    return NULL;
  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
keep_typed (RsbService      service,
            RsbSecretKind   kind,
            const char     *value,
            GCancellable   *cancellable,
            GError        **error)
{
  return value == NULL || rsb_secrets_store (service, kind, NULL, value, cancellable, error);
}

static void
connect_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RsbAccountGroup *self = source;
  ConnectOp *op = task_data;
  g_autoptr(RsbStore) store = NULL;
  GError *error = NULL;

  if (keep_typed (self->service, RSB_SECRET_CLIENT_ID, op->client_id, cancellable, &error) &&
      keep_typed (self->service, RSB_SECRET_CLIENT_SECRET, op->client_secret, cancellable, &error) &&
      (store = rsb_store_open (op->path, &error)) != NULL &&
      rsb_accounts_connect (store, self->service, op->port, RSB_OAUTH_TIMEOUT_MS,
                            show_url_from_thread, self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RsbAccountGroup *self = RSB_ACCOUNT_GROUP (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->connecting = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      message = g_strdup_printf (_("Connected to %s"), rsb_service_display_name (self->service));
      toast (self, message);
      rsb_sync_scheduler_sync (self->scheduler, self->service);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      message = g_strdup_printf (_("Could Not Connect %s"), rsb_service_display_name (self->service));
      toast_error (self, message, error);
    }
  refresh (self);
}

static void
on_connect (RsbAccountGroup *self)
{
  g_autoptr(GTask) task = NULL;
  ConnectOp *op = g_new0 (ConnectOp, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->connecting = TRUE;
  adw_action_row_set_subtitle (self->url_row, "");
  op->path = g_strdup (rsb_store_get_path (self->store));
  op->client_id = typed_credential (ADW_PREFERENCES_ROW (self->client_id_row));
  op->client_secret = typed_credential (ADW_PREFERENCES_ROW (self->client_secret_row));
  op->port = g_settings_get_uint (self->settings, "oauth-port");
  task = g_task_new (self, self->cancellable, on_connected, NULL);
  g_task_set_task_data (task, op, (GDestroyNotify) connect_op_free);
  g_task_run_in_thread (task, connect_thread);
  refresh (self);
}

static void
on_cancel (RsbAccountGroup *self)
{
  g_cancellable_cancel (self->cancellable);
}

/* Disconnecting ----------------------------------------------------- */

static void
disconnect_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RsbAccountGroup *self = source;
  g_autoptr(RsbStore) store = NULL;
  GError *error = NULL;

  store = rsb_store_open (task_data, &error);
  if (store != NULL && rsb_accounts_disconnect (store, self->service, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_disconnected (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RsbAccountGroup *self = RSB_ACCOUNT_GROUP (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      heading = g_strdup_printf (_("Could Not Disconnect %s"), rsb_service_display_name (self->service));
      toast_error (self, heading, error);
    }
  refresh (self);
}

static void
start_disconnect (gpointer owner)
{
  RsbAccountGroup *self = owner;
  g_autoptr(GTask) task = g_task_new (self, NULL, on_disconnected, NULL);

  g_task_set_task_data (task, g_strdup (rsb_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, disconnect_thread);
}

static void
on_disconnect_response (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  RsbAccountGroup *self = user_data;

  if (g_strcmp0 (response, "disconnect") != 0)
    return;
  /* A sync still running would write the account back when it ends:
   * stop it, and forget the account only once it has. */
  rsb_sync_scheduler_cancel_then (self->scheduler, self, start_disconnect);
}

static void
on_disconnect (RsbAccountGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = rsb_service_display_name (self->service);
  g_autofree char *heading = g_strdup_printf (_("Disconnect %s?"), name);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
    _("The app’s access is revoked and its tokens leave the keyring. What was synced stays in your library.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "disconnect", _("_Disconnect"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "disconnect", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disconnect_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync (RsbAccountGroup *self)
{
  rsb_sync_scheduler_sync (self->scheduler, self->service);
  refresh (self);
}

/* Setup ------------------------------------------------------------- */

/* Where to create the API application: a link, opened (through the
 * OpenURI portal inside Flatpak) by GtkLinkButton. */
static void
describe_service (RsbAccountGroup *self)
{
  gboolean strava = self->service == RSB_SERVICE_STRAVA;
  const char *signup = strava ? "https://www.strava.com/settings/api" : "https://developer.spotify.com/dashboard";

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), rsb_service_display_name (self->service));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), strava
    ? _("Create an API application on Strava, set its Authorization Callback Domain to the value below, "
        "then enter its client ID and client secret.")
    : _("Create an app with the Web API on Spotify’s developer dashboard, add the redirect URI below, "
        "then enter its client ID. No secret is needed."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signup_row),
                                 strava ? _("Strava API Applications") : _("Spotify Developer Dashboard"));
  gtk_link_button_set_uri (self->signup_link, signup);
  /* The address without its scheme reads as what it is. */
  gtk_button_set_label (GTK_BUTTON (self->signup_link), strchr (signup, '/') + 2);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->register_row),
                                 strava ? _("Authorization Callback Domain") : _("Redirect URI"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_register_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->register_row)),
                                  -1);
}

static void
on_sync_finished (RsbAccountGroup *self)
{
  refresh (self);
}

RsbAccountGroup *
rsb_account_group_new (RsbService        service,
                       RsbStore         *store,
                       RsbSyncScheduler *scheduler,
                       GSettings        *settings)
{
  RsbAccountGroup *self = g_object_new (RSB_TYPE_ACCOUNT_GROUP, NULL);

  self->service = service;
  self->store = g_object_ref (store);
  self->scheduler = g_object_ref (scheduler);
  self->settings = g_object_ref (settings);
  describe_service (self);
  update_register_row (self);
  g_signal_connect_object (settings, "changed::oauth-port", G_CALLBACK (update_register_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::busy", G_CALLBACK (on_sync_finished), self, G_CONNECT_SWAPPED);
  load_credentials (self);
  refresh (self);
  return self;
}

/* Closing Preferences ends a sign-in in progress: its listener must not
 * hold the port for minutes with nobody to show the result to. */
static void
rsb_account_group_unroot (GtkWidget *widget)
{
  RsbAccountGroup *self = RSB_ACCOUNT_GROUP (widget);

  g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (rsb_account_group_parent_class)->unroot (widget);
}

static void
rsb_account_group_dispose (GObject *object)
{
  RsbAccountGroup *self = RSB_ACCOUNT_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rsb_account_group_parent_class)->dispose (object);
}

static void
rsb_account_group_class_init (RsbAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rsb_account_group_dispose;
  widget_class->unroot = rsb_account_group_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-account-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, signup_row);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, signup_link);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, register_row);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, copy_register_button);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, sync_button);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, connect_button);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, url_row);
  gtk_widget_class_bind_template_child (widget_class, RsbAccountGroup, copy_url_button);
}

static void
rsb_account_group_init (RsbAccountGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->copy_register_button, "clicked", G_CALLBACK (on_copy_register), self);
  g_signal_connect_swapped (self->copy_url_button, "clicked", G_CALLBACK (on_copy_url), self);
  g_signal_connect_swapped (self->client_id_row, "apply", G_CALLBACK (on_client_id_apply), self);
  g_signal_connect_swapped (self->client_secret_row, "apply", G_CALLBACK (on_client_secret_apply), self);
  g_signal_connect_swapped (self->client_id_row, "changed", G_CALLBACK (update_connect), self);
  g_signal_connect_swapped (self->client_secret_row, "changed", G_CALLBACK (update_connect), self);
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (on_connect), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel), self);
  g_signal_connect_swapped (self->disconnect_button, "clicked", G_CALLBACK (on_disconnect), self);
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (on_sync), self);
}
