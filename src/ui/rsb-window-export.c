/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-export.c: "Export GPX…" and "Export Segments…" of the
 * activity shown, through the desktop's file chooser (a portal inside
 * Flatpak), written like the command line's --export-gpx and
 * --export-segments write them. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-window-export.h"
#include "rsb-window-playlists.h"
#include "rsb-window-share.h"
#include "rsb-window-private.h"
#include "rsb-message.h"
#include "rsb-gpx-writer.h"
#include "rsb-segments-writer.h"

static const RsbActivity *
shown_activity (RsbWindow *self)
{
  return self->activity_view != NULL ? rsb_activity_view_get_activity (self->activity_view) : NULL;
}

void
rsb_window_export_update (RsbWindow *self)
{
  const RsbActivity *activity = shown_activity (self);

  rsb_window_playlists_update (self);
  rsb_window_share_update (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-gpx",
                                 activity != NULL && rsb_streams_has_route (activity->streams));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-segments", activity != NULL);
}

static char *
export_text (const RsbActivity *activity,
             RsbExportKind      kind,
             gsize             *length)
{
  switch (kind)
    {
    case RSB_EXPORT_GPX:
      return rsb_gpx_write (activity, length);
    case RSB_EXPORT_SEGMENTS_JSON:
      return rsb_segments_write (activity, RSB_SEGMENTS_JSON, length);
    case RSB_EXPORT_SEGMENTS_CSV:
    default:
      return rsb_segments_write (activity, RSB_SEGMENTS_CSV, length);
    }
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (source));

      g_task_return_new_error (task, error->domain, error->code,
                               _("Could not export to “%s”: %s"), name, error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* The text is made here, on the main thread, from the activity as it is
 * shown now: a few milliseconds even for a long route. */
void
rsb_window_export_to_file_async (RsbWindow           *self,
                                 RsbExportKind        kind,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  const RsbActivity *activity = shown_activity (self);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;
  gsize length;

  g_return_if_fail (RSB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rsb_window_export_to_file_async);
  if (activity == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no activity to export"));
      return;
    }
  if (kind == RSB_EXPORT_GPX && !rsb_streams_has_route (activity->streams))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This activity was recorded without positions: it has no route to export as GPX"));
      return;
    }
  text = export_text (activity, kind, &length);
  bytes = g_bytes_new_take (text, length);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_written, g_steal_pointer (&task));
}

gboolean
rsb_window_export_to_file_finish (RsbWindow     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the dialog ---------------------------------------------------------- */

static const char *
extension_of (RsbExportKind kind)
{
  switch (kind)
    {
    case RSB_EXPORT_GPX:
      return ".gpx";
    case RSB_EXPORT_SEGMENTS_JSON:
      return ".json";
    case RSB_EXPORT_SEGMENTS_CSV:
    default:
      return ".csv";
    }
}

static gboolean
has_extension (const char *name,
               const char *extension)
{
  gsize length = strlen (name), ext_length = strlen (extension);

  return length > ext_length && g_ascii_strcasecmp (name + length - ext_length, extension) == 0;
}

/* name with the extension of kind in place of another export format's;
 * NULL when it has it already, or none the app writes (then the name
 * is as the person chose it). */
static char *
renamed_for (const char    *name,
             RsbExportKind  kind)
{
  const char *wanted = extension_of (kind);

  if (has_extension (name, wanted))
    return NULL;
  for (RsbExportKind other = RSB_EXPORT_GPX; other <= RSB_EXPORT_SEGMENTS_JSON; other++)
    if (has_extension (name, extension_of (other)))
      {
        g_autofree char *base = g_strndup (name, strlen (name) - strlen (extension_of (other)));

        return g_strconcat (base, wanted, NULL);
      }
  return NULL;
}

/* The format of the chooser's filter (see add_filter); FALSE when it
 * has none of ours. */
static gboolean
filter_kind (GtkFileChooser *chooser,
             RsbExportKind  *kind)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  gpointer data = filter != NULL ? g_object_get_data (G_OBJECT (filter), "rsb-kind") : NULL;

  if (data == NULL)
    return FALSE;
  *kind = GPOINTER_TO_INT (data) - 1;
  return TRUE;
}

/* The format the chosen filter stands for; without one (a portal may
 * not say), the name's extension decides. */
static RsbExportKind
chosen_kind (GtkFileChooser *chooser,
             RsbExportKind   asked,
             const char     *name)
{
  RsbExportKind kind;

  if (filter_kind (chooser, &kind))
    return kind;
  if (asked == RSB_EXPORT_GPX)
    return asked;
  return has_extension (name, ".json") ? RSB_EXPORT_SEGMENTS_JSON : RSB_EXPORT_SEGMENTS_CSV;
}

static void
on_open_folder_shown (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RsbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rsb_window_show_error (self, _("The Folder Could Not Be Opened"), error);
}

/* The toast's Open Folder: the file manager (the OpenURI portal inside
 * Flatpak) on the folder the export went to. */
static void
open_folder_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_show_uri_full (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME, NULL,
                     on_open_folder_shown, g_object_ref (widget));
}

/* Names the file when that fits beside Open Folder. */
static void
toast_exported (RsbWindow *self,
                GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

  rsb_window_export_toast_saved (self, file, message, _("Exported"));
}

void
rsb_window_export_toast_saved (RsbWindow  *self,
                               GFile      *file,
                               const char *message,
                               const char *short_message)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  gboolean whole = rsb_message_fits_toast (GTK_WIDGET (self->toast_overlay), message, _("_Open Folder"));
  /* Toast titles are markup; the name is the person's. */
  g_autofree char *escaped = g_markup_escape_text (whole ? message : short_message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  if (folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      adw_toast_set_button_label (toast, _("_Open Folder"));
      adw_toast_set_action_name (toast, "win.open-folder");
      adw_toast_set_action_target (toast, "s", uri);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (!rsb_window_export_to_file_finish (self, result, &error))
    rsb_window_show_error (self, _("Export Failed"), error);
  else
    toast_exported (self, file);
}

/* A portal's chooser cannot be told to rename for its filter, so a
 * name still ending in another format's extension gets the right one
 * here. The chooser asked about replacing only the name it showed: a
 * file already there by the new name is left alone. */
static void
export_chosen (RsbWindow     *self,
               RsbExportKind  kind,
               GFile         *chosen)
{
  g_autofree char *name = g_file_get_basename (chosen);
  g_autofree char *renamed = renamed_for (name, kind);
  g_autoptr(GFile) folder = g_file_get_parent (chosen);
  g_autoptr(GFile) file = renamed != NULL && folder != NULL ? g_file_get_child (folder, renamed)
                                                            : g_object_ref (chosen);
  g_autoptr(GError) error = NULL;

  if (!g_file_equal (file, chosen) && g_file_query_exists (file, NULL))
    {
      g_autofree char *shown = g_file_get_parse_name (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. Export again and choose it in the dialog to replace it."), shown);
      rsb_window_show_error (self, _("Export Failed"), error);
      return;
    }
  rsb_window_export_to_file_async (self, kind, file, NULL, on_exported, g_object_ref (file));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     RsbWindow       *self)
{
  RsbExportKind asked = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "rsb-kind"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      export_chosen (self, chosen_kind (GTK_FILE_CHOOSER (chooser), asked, name), file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* The name follows the filter: choosing JSON Files makes “Run songs.csv”
 * “Run songs.json”. */
static void
on_filter_changed (GtkFileChooser *chooser,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  g_autofree char *renamed = NULL;
  RsbExportKind kind;

  if (name == NULL || !filter_kind (chooser, &kind))
    return;
  renamed = renamed_for (name, kind);
  if (renamed != NULL)
    gtk_file_chooser_set_current_name (chooser, renamed);
}

/* GTK's own chooser, shown when there is no portal, tells of a new
 * filter on itself rather than on the GtkFileChooserNative standing for
 * it: it is the shown chooser offering filter. */
static GtkFileChooser *
shown_chooser_with (GtkFileFilter *filter)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      g_autoptr(GListModel) filters = NULL;

      if (!GTK_IS_FILE_CHOOSER (window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (window));
      for (guint j = 0; j < g_list_model_get_n_items (filters); j++)
        {
          g_autoptr(GObject) offered = g_list_model_get_item (filters, j);

          if (offered == G_OBJECT (filter))
            return GTK_FILE_CHOOSER (window);
        }
    }
  return NULL;
}

/* The filter's format is what gets written (its kind, plus one so
 * that none reads as NULL). Returns the filter, which the chooser owns. */
static GtkFileFilter *
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            RsbExportKind   kind)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data (G_OBJECT (filter), "rsb-kind", GINT_TO_POINTER (kind + 1));
  gtk_file_chooser_add_filter (chooser, filter);
  return filter;
}

/* The activity's name, made safe as a file name on any file system. */
static char *
safe_name (const RsbActivity *activity)
{
  const char *name = activity->info->name;
  char *base = g_strdup (name != NULL && *name != '\0' ? name : _("Activity"));

  g_strdelimit (base, "/\\:*?\"<>|\t\r\n", '-');
  return g_strstrip (base);
}

static void
open_chooser (RsbWindow     *self,
              RsbExportKind  kind)
{
  const RsbActivity *activity = shown_activity (self);
  GtkFileChooserNative *chooser;
  GtkFileChooser *shown;
  GtkFileFilter *first;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  gboolean gpx = kind == RSB_EXPORT_GPX;

  if (activity == NULL)
    return;
  chooser = gtk_file_chooser_native_new (gpx ? _("Export GPX") : _("Export Segments"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (gpx)
    first = add_filter (GTK_FILE_CHOOSER (chooser), _("GPX Files"), "*.gpx", RSB_EXPORT_GPX);
  else
    {
      first = add_filter (GTK_FILE_CHOOSER (chooser), _("CSV Spreadsheets"), "*.csv", RSB_EXPORT_SEGMENTS_CSV);
      add_filter (GTK_FILE_CHOOSER (chooser), _("JSON Files"), "*.json", RSB_EXPORT_SEGMENTS_JSON);
    }
  base = safe_name (activity);
  /* Translators: the file name suggested for the songs of the activity named %s */
  name = gpx ? g_strconcat (base, ".gpx", NULL) : g_strdup_printf (_("%s songs.csv"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "rsb-kind", GINT_TO_POINTER (kind));
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  g_signal_connect (chooser, "notify::filter", G_CALLBACK (on_filter_changed), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  if ((shown = shown_chooser_with (first)) != NULL)
    g_signal_connect_object (shown, "notify::filter", G_CALLBACK (on_filter_changed), chooser, 0);
}

static void
export_gpx_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (RSB_WINDOW (widget), RSB_EXPORT_GPX);
}

static void
export_segments_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  open_chooser (RSB_WINDOW (widget), RSB_EXPORT_SEGMENTS_CSV);
}

void
rsb_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-gpx", NULL, export_gpx_activated);
  gtk_widget_class_install_action (widget_class, "win.export-segments", NULL, export_segments_activated);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_activated);
  rsb_window_playlists_class_init (widget_class);
  rsb_window_share_class_init (widget_class);
}
