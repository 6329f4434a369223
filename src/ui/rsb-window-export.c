/* rsb-window-export.c: "Export GPX…" and "Export Segments…" of the
 * activity shown, through the desktop's file chooser (a portal inside
 * Flatpak), written like the command line's --export-gpx and
 * --export-segments write them. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-window-export.h"
#include "rsb-window-private.h"
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

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!rsb_window_export_to_file_finish (self, result, &error))
    {
      rsb_window_toast (self, error->message);
      return;
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Exported “%s”"), name);
  rsb_window_toast (self, message);
}

/* A typed extension wins; else the filter the user chose. */
static RsbExportKind
segments_kind (GtkFileChooser *chooser,
               GFile          *file)
{
  g_autofree char *name = g_file_get_basename (file);
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  g_autofree char *lower = g_utf8_strdown (name ? name : "", -1);

  if (g_str_has_suffix (lower, ".json"))
    return RSB_EXPORT_SEGMENTS_JSON;
  if (g_str_has_suffix (lower, ".csv"))
    return RSB_EXPORT_SEGMENTS_CSV;
  if (filter != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (filter), "rsb-format"), "json") == 0)
    return RSB_EXPORT_SEGMENTS_JSON;
  return RSB_EXPORT_SEGMENTS_CSV;
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     RsbWindow       *self)
{
  RsbExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "rsb-kind"));
  GFile *file;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (kind != RSB_EXPORT_GPX)
        kind = segments_kind (GTK_FILE_CHOOSER (chooser), file);
      rsb_window_export_to_file_async (self, kind, file, NULL, on_exported, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data_full (G_OBJECT (filter), "rsb-format", g_strdup (format), g_free);
  gtk_file_chooser_add_filter (chooser, filter);
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
    add_filter (GTK_FILE_CHOOSER (chooser), _("GPX Files"), "*.gpx", "gpx");
  else
    {
      add_filter (GTK_FILE_CHOOSER (chooser), _("CSV Spreadsheets"), "*.csv", "csv");
      add_filter (GTK_FILE_CHOOSER (chooser), _("JSON Files"), "*.json", "json");
    }
  base = safe_name (activity);
  /* Translators: the file name suggested for the songs of the activity named %s */
  name = gpx ? g_strconcat (base, ".gpx", NULL) : g_strdup_printf (_("%s songs.csv"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "rsb-kind", GINT_TO_POINTER (kind));
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
}
