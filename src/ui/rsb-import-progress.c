/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-import-progress.c: how far a running import has come, and the way
 * to stop it. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-import-progress.h"

struct _RsbImportProgress
{
  GtkBox          parent_instance;
  GtkLabel       *count_label;
  GtkButton      *cancel_button;
  GtkProgressBar *bar;
  GtkProgressBar *file_bar;
  GtkLabel       *file_label;
  GCancellable   *cancellable;
  guint           done;
  guint           found;
  guint           waiting;
};

G_DEFINE_FINAL_TYPE (RsbImportProgress, rsb_import_progress, GTK_TYPE_BOX)

static char *
count_text (RsbImportProgress *self)
{
  guint total = MAX (self->done, self->found);
  g_autofree char *count = total > 0 ? g_strdup_printf (_("Importing %u of %u…"), self->done, total)
                                     : g_strdup (_("Importing…"));

  if (self->waiting == 0)
    return g_steal_pointer (&count);
  /* Translators: "Importing 3 of 10…" then how many files wait their turn */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u more waiting", "%s · %u more waiting",
                                       self->waiting),
                          count, self->waiting);
}

static void
show_count (RsbImportProgress *self)
{
  g_autofree char *count = NULL;

  /* Files already being read still land after Cancel: keep saying it stops. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  count = count_text (self);
  gtk_label_set_text (self->count_label, count);
}

void
rsb_import_progress_start (RsbImportProgress *self,
                           GCancellable      *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  self->done = self->found = self->waiting = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  show_count (self);
  gtk_label_set_text (self->file_label, "");
  gtk_progress_bar_set_fraction (self->bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->file_bar), FALSE);
}

/* The producer keeps finding sources while the writer stores them, so
 * the total can grow; the bar tracks what is known. */
void
rsb_import_progress_update (RsbImportProgress *self,
                            guint              done,
                            guint              found,
                            const char        *last_name)
{
  self->done = done;
  self->found = found;
  show_count (self);
  gtk_label_set_text (self->file_label, last_name ? last_name : "");
  gtk_progress_bar_set_fraction (self->bar, found > 0 ? (double) done / MAX (done, found) : 0);
}

/* Files given while this import runs, to import after it. */
void
rsb_import_progress_set_waiting (RsbImportProgress *self,
                                 guint              n_files)
{
  self->waiting = n_files;
  show_count (self);
}

/* A file that takes long on its own (a listening history of years):
 * how far its reading has come. */
void
rsb_import_progress_update_file (RsbImportProgress *self,
                                 const char        *name,
                                 goffset            done,
                                 goffset            total)
{
  g_autofree char *done_text = g_format_size (done);
  g_autofree char *total_text = g_format_size (total);
  /* Translators: a file name, then "12.3 MB of 80.1 MB" */
  g_autofree char *text = g_strdup_printf (_("%s — %s of %s"), name, done_text, total_text);
  gboolean reading = total > 0 && done < total;

  gtk_widget_set_visible (GTK_WIDGET (self->file_bar), reading);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->file_bar, (double) done / total);
  gtk_label_set_text (self->file_label, reading ? text : name);
}

static void
on_cancel_clicked (GtkButton         *button,
                   RsbImportProgress *self)
{
  gtk_label_set_text (self->count_label, _("Stopping…"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
rsb_import_progress_dispose (GObject *object)
{
  g_clear_object (&RSB_IMPORT_PROGRESS (object)->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_IMPORT_PROGRESS);
  G_OBJECT_CLASS (rsb_import_progress_parent_class)->dispose (object);
}

static void
rsb_import_progress_class_init (RsbImportProgressClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_import_progress_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-import-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbImportProgress, count_label);
  gtk_widget_class_bind_template_child (widget_class, RsbImportProgress, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RsbImportProgress, bar);
  gtk_widget_class_bind_template_child (widget_class, RsbImportProgress, file_bar);
  gtk_widget_class_bind_template_child (widget_class, RsbImportProgress, file_label);
}

static void
rsb_import_progress_init (RsbImportProgress *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
}
