/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-import-guide.c: the import dialog. Someone with an empty library
 * rarely has the files yet: it names every source the app reads, with
 * the steps to get its export and the page where they begin, above the
 * buttons that choose what arrived. */
#include "config.h"

#include "rsb-import-guide.h"
#include "rsb-import-guide-steps.h"

struct _RsbImportGuide
{
  AdwWindow  parent_instance;

  GtkWidget *files_button;
  GtkWidget *folder_button;
};

G_DEFINE_FINAL_TYPE (RsbImportGuide, rsb_import_guide, ADW_TYPE_WINDOW)

/* The chooser belongs to the window the files go to: the guide steps
 * aside first, so the chooser is not stacked over a modal dialog. */
static void
choose (RsbImportGuide *self,
        const char     *action)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_window_close (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), action, NULL);
}

static void
on_files_clicked (RsbImportGuide *self)
{
  choose (self, "win.import");
}

static void
on_folder_clicked (RsbImportGuide *self)
{
  choose (self, "win.import-folder");
}

static void
rsb_import_guide_class_init (RsbImportGuideClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (RSB_TYPE_IMPORT_GUIDE_STEPS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-import-guide.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbImportGuide, files_button);
  gtk_widget_class_bind_template_child (widget_class, RsbImportGuide, folder_button);
  gtk_widget_class_bind_template_callback (widget_class, on_files_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clicked);
}

static void
rsb_import_guide_init (RsbImportGuide *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RsbImportGuide *
rsb_import_guide_new (GtkWindow *parent)
{
  return g_object_new (RSB_TYPE_IMPORT_GUIDE,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
