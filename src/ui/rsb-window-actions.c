/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-actions.c: importing files into the window's library
 * (chooser, drag-and-drop) and opening the sample. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-idle.h"
#include "rsb-message.h"
#include "rsb-window-private.h"
#include "rsb-tempo-lookup-task.h"
#include "rsb-import-job.h"
#include "rsb-import-guide.h"

/* Lists of activities refresh at most this often while an import runs:
 * the user sees them land without the list flickering. */
#define RELOAD_INTERVAL_US (G_TIME_SPAN_SECOND)

typedef struct {
  RsbWindow    *window;
  RsbImportJob *job;
  gint64        last_reload;
} ImportRun;

typedef struct {
  ImportRun *run;
  guint      done;
  guint      found;
  char      *name;
  gboolean   landed;
} Progress;

static void
import_run_free (ImportRun *run)
{
  rsb_import_job_free (run->job);
  g_free (run);
}

static void
progress_free (Progress *progress)
{
  g_free (progress->name);
  g_free (progress);
}

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  ImportRun *run = progress->run;
  gint64 now = g_get_monotonic_time ();

  rsb_import_progress_update (run->window->import_progress, progress->done, progress->found, progress->name);
  if (progress->landed && now - run->last_reload >= RELOAD_INTERVAL_US)
    {
      run->last_reload = now;
      rsb_window_reload (run->window, 0);
    }
  return G_SOURCE_REMOVE;
}

/* Called on the import thread: hand the news to the main loop. */
static void
on_job_progress (const RsbImportResult *result,
                 guint                  done,
                 guint                  found,
                 gpointer               user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->run = user_data;
  progress->done = done;
  progress->found = found;
  progress->name = g_strdup (result->display_name);
  progress->landed = result->n_activities + result->n_replaced > 0;
  rsb_idle_invoke (NULL, show_progress, progress, (GDestroyNotify) progress_free);
}

/* Holds the window, not the run: it may arrive after the run ended. */
typedef struct {
  RsbWindow *window;
  char      *name;
  goffset    done;
  goffset    total;
} FileProgress;

static void
file_progress_free (FileProgress *progress)
{
  g_object_unref (progress->window);
  g_free (progress->name);
  g_free (progress);
}

static gboolean
show_file_progress (gpointer data)
{
  FileProgress *progress = data;

  if (progress->window->import_cancellable != NULL)
    rsb_import_progress_update_file (progress->window->import_progress,
                                     progress->name, progress->done, progress->total);
  return G_SOURCE_REMOVE;
}

/* Called on one of the import's threads as a long file is read. */
static void
on_file_progress (const char *name,
                  goffset     done,
                  goffset     total,
                  gpointer    user_data)
{
  FileProgress *progress = g_new0 (FileProgress, 1);

  progress->window = g_object_ref (((ImportRun *) user_data)->window);
  progress->name = g_strdup (name);
  progress->done = done;
  progress->total = total;
  rsb_idle_invoke (NULL, show_file_progress, progress, (GDestroyNotify) file_progress_free);
}

/* The job runs on a thread of its own, not GTask's shared pool: it
 * lowers its priority, and that must end with the job. */
static gpointer
import_in_thread (gpointer data)
{
  GTask *task = data;
  ImportRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  rsb_import_job_lower_thread_priority ();
  if (rsb_import_job_run (run->job, g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
  return NULL;
}

static void
append_paragraph (GString    *details,
                  const char *text)
{
  g_string_append_printf (details, "%s%s", details->len ? "\n\n" : "", text);
}

/* Each skipped file with its reason, then what the others have to tell
 * (which recording of a workout was kept, a route without times), for
 * the details dialog; *advice gets what to do about the skipped ones,
 * each piece of advice once. */
static char *
describe_results (GPtrArray  *results,
                  char      **advice)
{
  GString *details = g_string_new (NULL);
  g_autoptr(GPtrArray) said = g_ptr_array_new ();

  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *r = g_ptr_array_index (results, i);
      const char *what_to_do;

      if (r->status != RSB_IMPORT_FAILED)
        continue;
      append_paragraph (details, r->error->message);
      what_to_do = rsb_message_advice (r->error);
      if (what_to_do != NULL && !g_ptr_array_find (said, what_to_do, NULL))
        g_ptr_array_add (said, (gpointer) what_to_do);
    }
  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *r = g_ptr_array_index (results, i);

      if (r->note != NULL)
        append_paragraph (details, r->note);
    }
  g_ptr_array_add (said, NULL);
  *advice = said->len > 1 ? g_strjoinv (" ", (char **) said->pdata) : NULL;
  return g_string_free (details, details->len == 0);
}

/* The activity to show after an import: the one imported when there is
 * just one (the user wants to see it), else whatever is shown stays. */
static gint64
activity_to_show (GPtrArray *results)
{
  gint64 id = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *r = g_ptr_array_index (results, i);

      if (r->n_activities + r->n_replaced == 0)
        continue;
      if (id != 0)
        return 0;
      id = r->activity_id;
    }
  return id;
}

/* What landed: new activities and plays, recordings replaced by
 * richer ones of the same workouts. */
static char *
describe_landed (const RsbImportTotals *totals)
{
  g_autofree char *activities = NULL;
  g_autofree char *plays = NULL;
  g_autofree char *imported = NULL;

  if (totals->activities + totals->plays == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Replaced %'u activity with a richer recording",
                                         "Replaced %'u activities with richer recordings", totals->replaced),
                            totals->replaced);
  activities = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u activity", "%'u activities", totals->activities),
                                totals->activities);
  plays = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u play", "%'u plays", totals->plays), totals->plays);
  /* Translators: "Imported 312 activities and 48,210 plays" */
  imported = g_strdup_printf (_("Imported %s and %s"), activities, plays);
  if (totals->replaced == 0)
    return g_steal_pointer (&imported);
  /* Translators: "Imported 2 activities and 0 plays · 1 replaced by a richer recording" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %'u replaced by a richer recording",
                                       "%s · %'u replaced by richer recordings", totals->replaced),
                          imported, totals->replaced);
}

static char *
summarize (const RsbImportTotals *totals,
           gboolean               cancelled)
{
  g_autofree char *landed = NULL;
  guint n_landed = totals->activities + totals->plays + totals->replaced;

  if (cancelled && n_landed == 0)
    return g_strdup (_("Import cancelled: nothing was added"));
  if (totals->sources == 0)
    return g_strdup (_("No workouts or listening histories were found there"));
  if (n_landed == 0 && totals->failed == 0)
    return g_strdup (_("Everything in those files is already in your library"));
  if (n_landed == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Nothing new was imported · %u file skipped",
                                         "Nothing new was imported · %u files skipped", totals->failed),
                            totals->failed);

  landed = describe_landed (totals);
  if (cancelled)
    {
      char *before = g_strdup_printf (_("%s before the import was cancelled"), landed);

      g_free (landed);
      landed = before;
    }
  if (totals->failed == 0)
    return g_steal_pointer (&landed);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u file skipped", "%s · %u files skipped",
                                       totals->failed),
                          landed, totals->failed);
}

/* Kept for Last Import… once the toast has gone. */
static void
remember_import (RsbWindow *self,
                 ImportRun *run,
                 gboolean   cancelled)
{
  RsbImportTotals totals;

  rsb_import_job_get_totals (run->job, &totals);
  g_free (self->import_summary);
  g_free (self->import_details);
  g_free (self->import_advice);
  self->import_summary = summarize (&totals, cancelled);
  self->import_details = describe_results (rsb_import_job_get_results (run->job), &self->import_advice);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-details", TRUE);
}

/* The summary, or in short when it would not fit; Details has it whole
 * with the files skipped. */
static void
toast_summary (RsbWindow *self,
               gboolean   cancelled)
{
  gboolean whole = rsb_message_fits_toast (GTK_WIDGET (self->toast_overlay), self->import_summary,
                                           self->import_details != NULL ? _("_Details") : NULL);
  const char *title = whole ? self->import_summary : cancelled ? _("Import cancelled") : _("Import finished");
  /* Toast titles are markup. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  if (self->import_details != NULL || !whole)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.import-details");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  ImportRun *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting_files);

  g_clear_object (&self->import_cancellable);
  rsb_window_show_import_progress (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      rsb_window_show_error (self, _("Import Failed"), error);
      return;
    }
  remember_import (self, run, cancelled);
  toast_summary (self, cancelled);
  rsb_window_match_music_files (self);
  /* A richer recording replacing the activity on screen keeps its id:
   * the reload reads it again and the view takes the new route. */
  rsb_window_reload (self, activity_to_show (rsb_import_job_get_results (run->job)));
  /* Imported listening history brings tracks: look up their tempi when that is on. */
  rsb_tempo_lookup_task_start (rsb_tempo_lookup_task_get_default ());
  /* What Cancel found waiting went with it; this came after. */
  if (waiting != NULL)
    rsb_window_import_files (self, waiting);
}

/* Cancel stops the files waiting for this import too. Runs where
 * Cancel was clicked: on the main thread. */
static void
forget_waiting_files (GCancellable *cancellable,
                      RsbWindow    *self)
{
  g_clear_pointer (&self->waiting_files, g_ptr_array_unref);
}

/* Files that arrive while an import runs (dropped, chosen, opened with
 * the app) wait for it to end, then import together. */
static void
wait_for_running_import (RsbWindow *self,
                         GPtrArray *files)
{
  if (self->waiting_files == NULL)
    self->waiting_files = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_cancellable_is_cancelled (self->import_cancellable))
    rsb_window_toast (self, _("Those files will be imported once the import has stopped"));
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (self->waiting_files, g_object_ref (files->pdata[i]));
  rsb_import_progress_set_waiting (self->import_progress, self->waiting_files->len);
}

/* Imports files and folders off the main thread; the list fills as
 * activities land. */
void
rsb_window_import_files (RsbWindow *self,
                         GPtrArray *files)
{
  ImportRun *run;
  g_autoptr(GTask) task = NULL;

  if (self->import_cancellable != NULL)
    {
      wait_for_running_import (self, files);
      return;
    }
  run = g_new0 (ImportRun, 1);
  run->window = self;
  run->job = rsb_import_job_new (rsb_store_get_path (self->store), (GFile **) files->pdata, files->len);
  rsb_import_job_set_progress_func (run->job, on_job_progress, run);
  rsb_import_job_set_file_progress_func (run->job, on_file_progress, run);

  self->import_cancellable = g_cancellable_new ();
  g_cancellable_connect (self->import_cancellable, G_CALLBACK (forget_waiting_files), self, NULL);
  task = g_task_new (self, self->import_cancellable, import_done, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify) import_run_free);
  /* A cancelled import still ends with its summary and the list of what
   * landed before Cancel, not GTask's "Operation was cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  rsb_import_progress_start (rsb_window_show_import_progress (self, TRUE), self->import_cancellable);
  /* The library page shows the list filling as activities land; laying
   * it out now, not when the first one lands, keeps that frame short. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "library");
  g_thread_unref (g_thread_new ("rsb-import", import_in_thread, g_object_ref (task)));
}

gboolean
rsb_window_is_importing (RsbWindow *self)
{
  return self->import_cancellable != NULL;
}

void
rsb_window_cancel_import (RsbWindow *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/* The last import's summary, what to do about the files it skipped and
 * each of them with its reason (plain text: they quote file names). */
void
rsb_window_import_details_activated (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  RsbWindow *self = RSB_WINDOW (widget);
  g_autofree char *body = NULL;

  if (self->import_summary == NULL)
    return;
  body = self->import_advice != NULL ? g_strconcat (self->import_summary, "\n\n", self->import_advice, NULL)
                                     : g_strdup (self->import_summary);
  gtk_window_present (GTK_WINDOW (rsb_message_dialog_new (GTK_WINDOW (self), _("Last Import"), body,
                                                          self->import_details)));
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

/* Suffix matches ignore case: cameras and watches shout “.FIT”. */
static GtkFileFilter *
filter_new (const char         *name,
            const char * const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

static void
add_filters (GtkFileChooser *chooser)
{
  static const char * const supported[] = {
    "gpx", "tcx", "fit", "gpx.gz", "tcx.gz", "fit.gz", "json", "jsonl", "csv", "zip", NULL
  };
  static const char * const workouts[] = {
    "gpx", "tcx", "fit", "gpx.gz", "tcx.gz", "fit.gz", "zip", NULL
  };
  static const char * const history[] = { "json", "jsonl", "csv", "zip", NULL };
  static const char * const workout_types[] = {
    "application/vnd.ant.fit", "application/gpx+xml", "application/vnd.garmin.tcx+xml", NULL
  };
  g_autoptr(GtkFileFilter) all = filter_new (_("Workouts, Listening History and Exports"), supported);
  g_autoptr(GtkFileFilter) workout = filter_new (_("Workouts and Exports (Strava, Garmin Connect)"), workouts);
  g_autoptr(GtkFileFilter) histories =
    filter_new (_("Listening Histories (Spotify, Apple Music, YouTube Music, ListenBrainz)"), history);
  g_autoptr(GtkFileFilter) any = gtk_file_filter_new ();

  /* By type too: a renamed workout still shows (data/desktop's XML
   * teaches the system FIT, GPX and TCX by their bytes). */
  for (guint i = 0; workout_types[i] != NULL; i++)
    {
      gtk_file_filter_add_mime_type (all, workout_types[i]);
      gtk_file_filter_add_mime_type (workout, workout_types[i]);
    }
  gtk_file_filter_set_name (any, _("All Files"));
  gtk_file_filter_add_pattern (any, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_add_filter (chooser, workout);
  gtk_file_chooser_add_filter (chooser, histories);
  gtk_file_chooser_add_filter (chooser, any);
}

/* win.import picks files (zips among them), win.import-folder folders:
 * GTK 4.8's chooser cannot offer both at once. Folders are searched
 * for everything importable, Strava and Spotify exports included. */
void
rsb_window_import_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  gboolean folders = g_strcmp0 (action_name, "win.import-folder") == 0;
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (folders ? _("Import Folder") : _("Import Files"), GTK_WINDOW (widget),
                                 folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Import"), NULL);

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folders)
    add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The import dialog: every source, the steps to get its files, and the
 * buttons that then choose them. */
void
rsb_window_import_guide_activated (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (rsb_import_guide_new (GTK_WINDOW (widget))));
}

void
rsb_window_sample_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  g_action_group_activate_action (G_ACTION_GROUP (app), "sample", NULL);
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

  /* Enabled by the first import's summary. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-details", FALSE);
  if (self->is_sample)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", FALSE);
      return;
    }
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
