/* rsb-window-actions.c: importing files into the window's library
 * (chooser, drag-and-drop) and opening the sample. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-window.h"
#include "rsb-importer.h"

typedef struct {
  char      *library_path;
  GPtrArray *files;     /* GFile */
  GArray    *results;   /* RsbImportResult */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  for (guint i = 0; i < job->results->len; i++)
    rsb_import_result_clear (&g_array_index (job->results, RsbImportResult, i));
  g_array_unref (job->results);
  g_ptr_array_unref (job->files);
  g_free (job->library_path);
  g_free (job);
}

/* Runs in a worker thread on a connection of its own; WAL lets the
 * window keep reading meanwhile. */
static void
import_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(RsbStore) store = rsb_store_open (job->library_path, &error);
  g_autoptr(GPtrArray) files = NULL;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  files = rsb_import_collect_files ((GFile **) job->files->pdata, job->files->len, errors);
  for (guint i = 0; i < files->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      RsbImportResult result = { 0 };

      rsb_import_file (store, g_ptr_array_index (files, i), &result, cancellable);
      g_array_append_val (job->results, result);
    }
  for (guint i = 0; i < errors->len; i++)
    {
      RsbImportResult result = { .status = RSB_IMPORT_FAILED };

      result.error = g_error_copy (g_ptr_array_index (errors, i));
      g_array_append_val (job->results, result);
    }
  g_task_return_boolean (task, TRUE);
}

static char *
summarize (GArray  *results,
           gint64  *new_activity)
{
  guint activities = 0, plays = 0, failed = 0;
  const RsbImportResult *first_failure = NULL, *first_note = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *r = &g_array_index (results, RsbImportResult, i);

      activities += r->n_activities;
      plays += r->n_plays;
      if (r->n_activities > 0 && *new_activity == 0)
        *new_activity = r->activity_id;
      if (r->status == RSB_IMPORT_FAILED && failed++ == 0)
        first_failure = r;
      if (r->note != NULL && first_note == NULL)
        first_note = r;
    }

  if (results->len == 0)
    return g_strdup (_("No GPX workouts or Spotify streaming histories were found there"));
  if (first_failure != NULL && activities + plays == 0 && failed == 1)
    return g_strdup (first_failure->error->message);
  if (activities + plays == 0 && failed == 0)
    return g_strdup (_("Everything in those files is already in your library"));
  if (failed > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Imported %u activities and %u plays · %u file skipped: %s",
                                         "Imported %u activities and %u plays · %u files skipped, first: %s",
                                         failed),
                            activities, plays, failed, first_failure->error->message);
  if (first_note != NULL)
    return g_strdup (first_note->note);
  return g_strdup_printf (_("Imported %u activities and %u plays"), activities, plays);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 new_activity = 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      rsb_window_toast (self, error->message);
      return;
    }
  summary = summarize (job->results, &new_activity);
  rsb_window_toast (self, summary);
  rsb_window_reload (self, new_activity);
}

void
rsb_window_import_files (RsbWindow *self,
                         GPtrArray *files)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, import_done, NULL);
  ImportJob *job = g_new0 (ImportJob, 1);

  job->library_path = g_strdup (rsb_store_get_path (rsb_window_get_store (self)));
  job->files = g_ptr_array_ref (files);
  job->results = g_array_new (FALSE, TRUE, sizeof (RsbImportResult));
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  g_task_run_in_thread (task, import_in_thread);
}

static GPtrArray *
files_of_model (GListModel *model)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (files, g_list_model_get_item (model, i));
  return files;
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     RsbWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = files_of_model (model);

      rsb_window_import_files (self, files);
    }
  g_object_unref (chooser);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) workouts = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) history = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Workouts and Listening History"));
  gtk_file_filter_add_pattern (all, "*.gpx");
  gtk_file_filter_add_pattern (all, "*.GPX");
  gtk_file_filter_add_pattern (all, "*.json");
  gtk_file_filter_set_name (workouts, _("GPX Workouts"));
  gtk_file_filter_add_pattern (workouts, "*.gpx");
  gtk_file_filter_add_pattern (workouts, "*.GPX");
  gtk_file_filter_set_name (history, _("Spotify Streaming History"));
  gtk_file_filter_add_pattern (history, "*.json");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_add_filter (chooser, workouts);
  gtk_file_chooser_add_filter (chooser, history);
}

void
rsb_window_import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import Files"), GTK_WINDOW (widget),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
rsb_window_sample_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  rsb_application_open_sample (RSB_APPLICATION (app));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RsbWindow     *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = gdk_file_list_get_files (list); l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;
  rsb_window_import_files (self, files);
  return TRUE;
}

/* A sample window has nothing to import into: its library is the sample. */
void
rsb_window_actions_init (RsbWindow *self)
{
  GtkDropTarget *drop;

  if (rsb_window_is_sample (self))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      return;
    }
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
