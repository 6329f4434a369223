/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-share-video.c: Share → Save Video….
 *
 * Three steps: a small dialog for the length and the shape, the save
 * chooser, then a dialog with the progress and Cancel while a worker
 * (a GTask thread) draws and encodes a copy of the shown workout. The
 * worker reports progress through the main context; Cancel stops it
 * between frames and no file is left behind. */
#include "config.h"

#include "rsb-window-share-video.h"

#include <glib/gi18n.h>

#include "rsb-activity-view.h"
#include "rsb-save-chooser.h"
#include "rsb-share-video.h"
#include "rsb-window-export.h"
#include "rsb-window-private.h"

static const guint durations[] = { 15, 30, 60 };

typedef struct {
  RsbActivity            *activity;
  RsbSharePictureOptions *options;
  guint                   duration_s;
  char                   *path;
  GFile                  *file;
  GCancellable           *cancellable;
  GtkProgressBar         *bar;       /* in the progress dialog; ref held */
  AdwMessageDialog       *dialog;    /* the progress dialog; ref held */
  int                     shown;     /* per cent last reported */
} Job;

static void
job_free (Job *job)
{
  rsb_activity_free (job->activity);
  rsb_share_picture_options_free (job->options);
  g_free (job->path);
  g_clear_object (&job->file);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->bar);
  g_clear_object (&job->dialog);
  g_free (job);
}

static const RsbActivity *
shown_activity (RsbWindow *self)
{
  return self->activity_view != NULL ? rsb_activity_view_get_activity (self->activity_view) : NULL;
}

void
rsb_window_share_video_update (RsbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-video", shown_activity (self) != NULL);
}

/* ---- progress --------------------------------------------------------------- */

typedef struct {
  GtkProgressBar *bar;
  double          fraction;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (progress->bar, progress->fraction);
  /* Translators: how much of the video is rendered, "42 %" */
  text = g_strdup_printf (_("%d %%"), (int) (progress->fraction * 100));
  gtk_progress_bar_set_text (progress->bar, text);
  g_object_unref (progress->bar);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* On the worker: hands each new per cent to the main context. */
static void
on_progress (double   fraction,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *progress;

  if ((int) (fraction * 100) == job->shown)
    return;
  job->shown = (int) (fraction * 100);
  progress = g_new (Progress, 1);
  progress->bar = g_object_ref (job->bar);
  progress->fraction = fraction;
  g_main_context_invoke (NULL, show_progress, progress);
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static AdwMessageDialog *
progress_dialog_new (RsbWindow *self,
                     Job       *job)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Saving Video"), NULL));
  g_autofree char *name = g_file_get_basename (job->file);
  GtkWidget *bar = gtk_progress_bar_new ();

  /* Translators: %s is a file name */
  adw_message_dialog_format_body (dialog, _("Drawing and encoding “%s”…"), name);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), "");
  adw_message_dialog_set_extra_child (dialog, bar);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response::cancel", G_CALLBACK (on_progress_response), job->cancellable, 0);
  job->bar = GTK_PROGRESS_BAR (g_object_ref (bar));
  job->dialog = g_object_ref (dialog);
  return dialog;
}

/* ---- rendering ---------------------------------------------------------------- */

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(RsbShareVideo) video = NULL;
  GError *error = NULL;

  video = rsb_share_video_new (job->activity, job->options, job->duration_s, &error);
  if (video == NULL || !rsb_share_video_save (video, job->path, on_progress, job, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  /* Done: closing must no longer count as Cancel. The widgets are let go
   * here, on the main thread, whichever thread frees the job. */
  g_signal_handlers_disconnect_by_data (job->dialog, job->cancellable);
  gtk_window_destroy (GTK_WINDOW (job->dialog));
  g_clear_object (&job->dialog);
  g_clear_object (&job->bar);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rsb_window_toast (self, _("Video not saved"));
      else
        rsb_window_show_error (self, _("Video Not Saved"), error);
      return;
    }
  name = g_file_get_basename (job->file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved the video to “%s”"), name);
  rsb_window_export_toast_saved (self, job->file, message, _("Video saved"));
}

/* ---- choosing ----------------------------------------------------------------- */

typedef struct {
  RsbWindow   *window;
  guint        duration_s;
  gboolean     landscape;
} Choice;

static void
choice_free (Choice *choice)
{
  g_object_unref (choice->window);
  g_free (choice);
}

static void
on_file_chosen (GFile        *file,
                guint         format,
                const GError *chooser_error,
                gpointer      user_data)
{
  Choice *choice = user_data;
  RsbWindow *self = choice->window;
  const RsbActivity *activity = shown_activity (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;
  Job *job;

  if (file == NULL)
    {
      rsb_window_show_error (self, _("Video Not Saved"), chooser_error);
      return;
    }
  if ((path = g_file_get_path (file)) == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file: choose a folder on this computer"), name);
      rsb_window_show_error (self, _("Video Not Saved"), error);
      return;
    }
  if (activity == NULL)
    return;
  job = g_new0 (Job, 1);
  job->activity = rsb_activity_copy (activity);
  job->options = rsb_share_picture_options_new_default ();
  job->options->width = choice->landscape ? RSB_SHARE_VIDEO_HEIGHT : RSB_SHARE_VIDEO_WIDTH;
  job->options->height = choice->landscape ? RSB_SHARE_VIDEO_WIDTH : RSB_SHARE_VIDEO_HEIGHT;
  job->duration_s = choice->duration_s;
  job->path = g_steal_pointer (&path);
  job->file = g_object_ref (file);
  job->cancellable = g_cancellable_new ();
  job->shown = -1;
  dialog = progress_dialog_new (self, job);
  task = g_task_new (self, job->cancellable, on_rendered, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, render_in_thread);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
labelled (const char *label,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), widget);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
on_choice_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RsbWindow *self = RSB_WINDOW (user_data);
  static RsbSaveFormat formats[] = { { NULL, "*.webm", ".webm" } };
  GtkDropDown *length = g_object_get_data (G_OBJECT (dialog), "length");
  GtkDropDown *shape = g_object_get_data (G_OBJECT (dialog), "shape");
  const RsbActivity *activity = shown_activity (self);
  g_autofree char *base = NULL;
  Choice *choice;

  if (g_strcmp0 (response, "choose") != 0 || activity == NULL)
    return;
  choice = g_new0 (Choice, 1);
  choice->window = g_object_ref (self);
  choice->duration_s = durations[MIN (gtk_drop_down_get_selected (length), G_N_ELEMENTS (durations) - 1)];
  choice->landscape = gtk_drop_down_get_selected (shape) == 1;
  formats[0].name = _("WebM Videos");
  base = g_strdup (rsb_activity_info_display_name (activity->info));
  rsb_save_chooser_show (GTK_WINDOW (self), _("Save Video"), _("_Save"), formats, G_N_ELEMENTS (formats),
                         base, on_file_chosen, choice, (GDestroyNotify) choice_free);
}

static void
save_video_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RsbWindow *self = RSB_WINDOW (widget);
  const RsbActivity *activity = shown_activity (self);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  const char *lengths[] = { NULL, NULL, NULL, NULL };
  const char *shapes[] = { NULL, NULL, NULL };
  AdwMessageDialog *dialog;
  GtkWidget *box, *length, *shape;

  if (activity == NULL)
    return;
  settings = g_settings_new (APP_ID);
  /* Say now, not after the file is chosen, when there is nothing to replay. */
  if (!rsb_share_video_check (activity, g_settings_get_uint (settings, "share-privacy-metres"), &error))
    {
      rsb_window_show_error (self, _("No Video"), error);
      return;
    }
  lengths[0] = _("15 seconds");
  lengths[1] = _("30 seconds");
  lengths[2] = _("60 seconds");
  /* Translators: the video's shape; the sizes are in pixels; portrait suits stories */
  shapes[0] = _("Portrait (1080 × 1920)");
  shapes[1] = _("Landscape (1920 × 1080)");
  length = gtk_drop_down_new_from_strings (lengths);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (length), 1);
  shape = gtk_drop_down_new_from_strings (shapes);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), labelled (_("_Length"), length));
  gtk_box_append (GTK_BOX (box), labelled (_("_Shape"), shape));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Video"),
                                                       _("The route drawing itself with its songs, as a WebM video. "
                                                         "The start and finish are left out as Preferences say.")));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "choose", _("C_hoose File…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "length", length);
  g_object_set_data (G_OBJECT (dialog), "shape", shape);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_choice_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
rsb_window_share_video_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-video", NULL, save_video_activated);
}
