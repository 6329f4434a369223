/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-share.c: Share → Save Picture… and Copy Picture.
 *
 * The picture is drawn on a worker (a GTask thread) so the window stays
 * responsive, from a copy of the shown workout: the view may let go of
 * its own meanwhile. */
#include "config.h"

#include "rsb-window-share.h"

#include <glib/gi18n.h>

#include "rsb-activity-view.h"
#include "rsb-save-chooser.h"
#include "rsb-share-picture.h"
#include "rsb-window-share-video.h"
#include "rsb-window-export.h"
#include "rsb-window-private.h"

typedef struct {
  RsbActivity            *activity;
  RsbSharePictureOptions *options;
  char                   *path;      /* where to save; NULL: to the clipboard */
  GFile                  *file;
} Job;

static void
job_free (Job *job)
{
  rsb_activity_free (job->activity);
  rsb_share_picture_options_free (job->options);
  g_free (job->path);
  g_clear_object (&job->file);
  g_free (job);
}

static const RsbActivity *
shown_activity (RsbWindow *self)
{
  return self->activity_view != NULL ? rsb_activity_view_get_activity (self->activity_view) : NULL;
}

void
rsb_window_share_update (RsbWindow *self)
{
  gboolean shown = shown_activity (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-picture", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-picture", shown);
  rsb_window_share_video_update (self);
}

/* Everything the worker needs, read here on the main thread. */
static Job *
job_new (RsbWindow *self)
{
  const RsbActivity *activity = shown_activity (self);
  Job *job;

  if (activity == NULL)
    return NULL;
  job = g_new0 (Job, 1);
  job->activity = rsb_activity_copy (activity);
  job->options = rsb_share_picture_options_new_default ();
  return job;
}

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  cairo_surface_t *surface = rsb_share_picture_render (job->activity, job->options);

  if (job->path != NULL && !rsb_share_picture_save (surface, job->path, &error))
    {
      cairo_surface_destroy (surface);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
render_async (RsbWindow           *self,
              Job                 *job,
              GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, render_in_thread);
}

/* ---- Save Picture… --------------------------------------------------------- */

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (surface == NULL)
    {
      rsb_window_show_error (self, _("Picture Not Saved"), error);
      return;
    }
  cairo_surface_destroy (surface);
  name = g_file_get_basename (job->file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved the picture to “%s”"), name);
  rsb_window_export_toast_saved (self, job->file, message, _("Picture saved"));
}

static void
on_file_chosen (GFile        *file,
                guint         format,
                const GError *chooser_error,
                gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  Job *job;

  if (file == NULL)
    {
      rsb_window_show_error (self, _("Picture Not Saved"), chooser_error);
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      name = g_file_get_basename (file);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file: choose a folder on this computer"), name);
      rsb_window_show_error (self, _("Picture Not Saved"), error);
      return;
    }
  if ((job = job_new (self)) == NULL)
    return;
  job->path = g_steal_pointer (&path);
  job->file = g_object_ref (file);
  render_async (self, job, on_saved);
}

static void
save_picture_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  static RsbSaveFormat formats[] = { { NULL, "*.png", ".png" } };
  RsbWindow *self = RSB_WINDOW (widget);
  const RsbActivity *activity = shown_activity (self);
  g_autofree char *base = NULL;

  if (activity == NULL)
    return;
  formats[0].name = _("PNG Pictures");
  base = g_strdup (rsb_activity_info_display_name (activity->info));
  rsb_save_chooser_show (GTK_WINDOW (self), _("Save Picture"), _("_Save"), formats, G_N_ELEMENTS (formats),
                         base, on_file_chosen, g_object_ref (self), g_object_unref);
}

/* ---- Copy Picture -------------------------------------------------------- */

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gsize size = (gsize) stride * height;
  guint32 *pixels;
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  pixels = g_memdup2 (cairo_image_surface_get_data (surface), size);
  /* RGB24 leaves the top byte of each pixel undefined: opaque it. */
  for (gsize i = 0; i < size / 4; i++)
    pixels[i] |= 0xff000000u;
  bytes = g_bytes_new_take (pixels, size);
  /* So BGRA in memory on little-endian machines, ARGB on others. */
  return gdk_memory_texture_new (width, height,
                                 G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                                                 : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                 bytes, stride);
}

static void
on_copied (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (surface == NULL)
    {
      rsb_window_show_error (self, _("Picture Not Copied"), error);
      return;
    }
  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  rsb_window_toast (self, _("Picture copied"));
}

static void
copy_picture_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RsbWindow *self = RSB_WINDOW (widget);
  Job *job = job_new (self);

  if (job != NULL)
    render_async (self, job, on_copied);
}

void
rsb_window_share_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-picture", NULL, save_picture_activated);
  gtk_widget_class_install_action (widget_class, "win.copy-picture", NULL, copy_picture_activated);
  rsb_window_share_video_class_init (widget_class);
}
