/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-music-folders-group.c: the Music Folders group of Preferences →
 * Music: one row a folder (added through the file chooser, the portal
 * in Flatpak), and a status row with Scan Now, progress and Details. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-music-folders-group.h"
#include "rsb-message.h"

struct _RsbMusicFoldersGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *status_row;
  GtkProgressBar      *progress_bar;
  GtkButton           *details_button;
  GtkButton           *scan_button;
  GtkButton           *cancel_button;

  RsbMusicScanner     *scanner;
  GSettings           *settings;
  GPtrArray           *folder_rows;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RsbMusicFoldersGroup, rsb_music_folders_group, ADW_TYPE_PREFERENCES_GROUP)

static void
set_folders (RsbMusicFoldersGroup *self,
             GPtrArray            *folders)
{
  g_ptr_array_add (folders, NULL);
  g_settings_set_strv (self->settings, "music-folders", (const char * const *) folders->pdata);
}

static void
on_remove_clicked (GtkButton            *button,
                   RsbMusicFoldersGroup *self)
{
  const char *gone = g_object_get_data (G_OBJECT (button), "folder");
  g_auto(GStrv) folders = rsb_music_scanner_get_folders (self->scanner);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; folders[i] != NULL; i++)
    if (g_strcmp0 (folders[i], gone) != 0)
      g_ptr_array_add (kept, folders[i]);
  set_folders (self, kept);
}

static GtkWidget *
folder_row (RsbMusicFoldersGroup *self,
            const char           *folder,
            gboolean              removable)
{
  g_autofree char *name = g_filename_display_basename (folder);
  g_autofree char *path = g_filename_display_name (folder);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("folder-music-symbolic");

  /* Folder names are the user's: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (removable)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: tooltip of the button removing a folder from the music folders */
      g_autofree char *label = g_strdup_printf (_("Stop Reading %s"), name);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      g_object_set_data_full (G_OBJECT (remove), "folder", g_strdup (folder), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  return row;
}

/* The folder rows, then the status row last. */
static void
show_folders (RsbMusicFoldersGroup *self)
{
  g_auto(GStrv) folders = rsb_music_scanner_get_folders (self->scanner);
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "music-folders");

  for (guint i = 0; i < self->folder_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->folder_rows->pdata[i]);
  g_ptr_array_set_size (self->folder_rows, 0);
  g_object_ref (self->status_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->status_row));
  for (guint i = 0; folders[i] != NULL; i++)
    {
      /* XDG Music, shown while no folder is chosen, goes by adding another. */
      GtkWidget *row = folder_row (self, folders[i], chosen[0] != NULL);

      g_ptr_array_add (self->folder_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->status_row));
  g_object_unref (self->status_row);
}

/* "1,234 files, 980 with a tempo, 12 skipped" */
static char *
describe_summary (const RsbMusicSummary *summary)
{
  g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u file", "%'u files", summary->n_files),
                                            summary->n_files);
  g_autofree char *tempo = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u with a tempo", "%'u with a tempo",
                                                         summary->n_with_tempo), summary->n_with_tempo);
  g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u skipped", "%'u skipped",
                                                           summary->n_skipped), summary->n_skipped);

  if (summary->n_skipped == 0)
    /* Translators: "1,234 files, 980 with a tempo" */
    return g_strdup_printf (C_("music summary", "%s, %s"), files, tempo);
  /* Translators: "1,234 files, 980 with a tempo, 12 skipped" */
  return g_strdup_printf (C_("music summary", "%s, %s, %s"), files, tempo, skipped);
}

static void
show_status (RsbMusicFoldersGroup *self)
{
  gboolean running = rsb_music_scanner_is_running (self->scanner);
  RsbMusicSummary summary;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const GError *error = rsb_music_scanner_get_error (self->scanner);

  if (!rsb_music_scanner_get_summary (self->scanner, &summary))
    title = g_strdup (_("The library could not be read"));
  else if (summary.n_files + summary.n_skipped == 0)
    title = g_strdup (running ? _("Scanning…") : _("Not scanned yet"));
  else
    title = describe_summary (&summary);
  if (running)
    {
      guint seen, done;

      rsb_music_scanner_get_progress (self->scanner, &seen, &done);
      /* Translators: progress of a scan of the music folders */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Scanning: %'u of %'u file",
                                               "Scanning: %'u of %'u files", seen), done, seen);
      gtk_progress_bar_set_fraction (self->progress_bar, seen > 0 ? (double) done / seen : 0);
    }
  else if (error != NULL)
    subtitle = g_strdup (error->message);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), !running && summary.n_skipped > 0);
}

static void
on_scan_clicked (RsbMusicFoldersGroup *self)
{
  rsb_music_scanner_scan (self->scanner);
  show_status (self);
}

static void
on_cancel_clicked (RsbMusicFoldersGroup *self)
{
  rsb_music_scanner_cancel (self->scanner);
}

static void
on_details_clicked (RsbMusicFoldersGroup *self)
{
  g_autofree char *text = rsb_music_scanner_describe_problems (self->scanner);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = rsb_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     _("Skipped Music Files"),
                                                     _("These files and folders were not read. Files that change are read "
                                                       "again at the next scan."),
                                                     text);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chooser_response (GtkNativeDialog      *chooser,
                     int                   response,
                     RsbMusicFoldersGroup *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) folders = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      /* Adding to XDG Music shown by default keeps it. */
      folders = rsb_music_scanner_get_folders (self->scanner);
      if (!g_strv_contains ((const char * const *) folders, path))
        {
          for (guint i = 0; folders[i] != NULL; i++)
            g_ptr_array_add (list, folders[i]);
          g_ptr_array_add (list, path);
          set_folders (self, list);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_add_clicked (RsbMusicFoldersGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Music Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

GtkWidget *
rsb_music_folders_group_new (RsbMusicScanner *scanner)
{
  RsbMusicFoldersGroup *self = g_object_new (RSB_TYPE_MUSIC_FOLDERS_GROUP, NULL);

  self->scanner = g_object_ref (scanner);
  g_signal_connect_object (self->settings, "changed::music-folders", G_CALLBACK (show_folders), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scanner, "progress", G_CALLBACK (show_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scanner, "finished", G_CALLBACK (show_status), self, G_CONNECT_SWAPPED);
  show_folders (self);
  show_status (self);
  return GTK_WIDGET (self);
}

static void
rsb_music_folders_group_dispose (GObject *object)
{
  RsbMusicFoldersGroup *self = RSB_MUSIC_FOLDERS_GROUP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->scanner);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->folder_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rsb_music_folders_group_parent_class)->dispose (object);
}

static void
rsb_music_folders_group_class_init (RsbMusicFoldersGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_music_folders_group_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-music-folders-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbMusicFoldersGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, RsbMusicFoldersGroup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RsbMusicFoldersGroup, details_button);
  gtk_widget_class_bind_template_child (widget_class, RsbMusicFoldersGroup, scan_button);
  gtk_widget_class_bind_template_child (widget_class, RsbMusicFoldersGroup, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_details_clicked);
}

static void
rsb_music_folders_group_init (RsbMusicFoldersGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->folder_rows = g_ptr_array_new ();
}
