/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-save-chooser.c: a save dialog whose file name follows the format
 * filter chosen, as the activity exports behave (rsb-window-export.c). */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-save-chooser.h"

typedef struct {
  const RsbSaveFormat *formats;
  guint                n_formats;
  RsbSaveChosenFunc    chosen;
  gpointer             user_data;
  GDestroyNotify       destroy;
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  if (chooser->destroy != NULL)
    chooser->destroy (chooser->user_data);
  g_free (chooser);
}

static gboolean
has_extension (const char *name,
               const char *extension)
{
  gsize length = strlen (name), ext_length = strlen (extension);

  return length > ext_length && g_ascii_strcasecmp (name + length - ext_length, extension) == 0;
}

/* name with formats[format]'s extension in place of another of the
 * formats'; NULL when it has it already or none of theirs. */
static char *
renamed_for (const Chooser *c,
             const char    *name,
             guint          format)
{
  const char *wanted = c->formats[format].extension;

  if (has_extension (name, wanted))
    return NULL;
  for (guint other = 0; other < c->n_formats; other++)
    if (has_extension (name, c->formats[other].extension))
      {
        g_autofree char *base = g_strndup (name, strlen (name) - strlen (c->formats[other].extension));

        return g_strconcat (base, wanted, NULL);
      }
  return NULL;
}

/* The chooser's filter's format (stored plus one); FALSE for none. */
static gboolean
filter_format (GtkFileChooser *chooser,
               guint          *format)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  gpointer data = filter != NULL ? g_object_get_data (G_OBJECT (filter), "rsb-format") : NULL;

  if (data == NULL)
    return FALSE;
  *format = GPOINTER_TO_UINT (data) - 1;
  return TRUE;
}

/* Without a filter (a portal may not say), the name's extension
 * decides, else the first format. */
static guint
chosen_format (const Chooser  *c,
               GtkFileChooser *chooser,
               const char     *name)
{
  guint format;

  if (filter_format (chooser, &format))
    return format;
  for (format = 0; format < c->n_formats; format++)
    if (has_extension (name, c->formats[format].extension))
      return format;
  return 0;
}

static void
on_response (GtkNativeDialog *native,
             int              response,
             gpointer         user_data)
{
  Chooser *c = user_data;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
  g_autoptr(GFile) chosen = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (chosen = gtk_file_chooser_get_file (chooser)) != NULL)
    {
      g_autofree char *name = g_file_get_basename (chosen);
      guint format = chosen_format (c, chooser, name);
      g_autofree char *renamed = renamed_for (c, name, format);
      g_autoptr(GFile) folder = g_file_get_parent (chosen);
      g_autoptr(GFile) file = renamed != NULL && folder != NULL ? g_file_get_child (folder, renamed)
                                                                : g_object_ref (chosen);

      if (!g_file_equal (file, chosen) && g_file_query_exists (file, NULL))
        {
          g_autofree char *shown = g_file_get_parse_name (file);
          g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_EXISTS,
                                                 _("“%s” already exists. Save again and choose it in the dialog to replace it."),
                                                 shown);

          c->chosen (NULL, format, error, c->user_data);
        }
      else
        c->chosen (file, format, NULL, c->user_data);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

/* The name follows the filter: choosing XSPF makes “Run.m3u8” “Run.xspf”. */
static void
follow_filter (Chooser        *c,
               GtkFileChooser *chooser)
{
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  g_autofree char *renamed = NULL;
  guint format;

  if (name == NULL || !filter_format (chooser, &format))
    return;
  renamed = renamed_for (c, name, format);
  if (renamed != NULL)
    gtk_file_chooser_set_current_name (chooser, renamed);
}

static void
on_filter_changed (GtkFileChooser *chooser,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  follow_filter (user_data, chooser);
}

static void
on_shown_filter_changed (GtkFileChooser *shown,
                         GParamSpec     *pspec,
                         gpointer        native)
{
  follow_filter (g_object_get_data (G_OBJECT (native), "rsb-chooser"), shown);
}

/* GTK's own chooser (no portal) tells of a new filter on itself, not on
 * the GtkFileChooserNative standing for it. */
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

char *
rsb_save_chooser_safe_name (const char *base)
{
  char *safe = g_strdup (base != NULL && *base != '\0' ? base : _("Untitled"));

  g_strdelimit (safe, "/\\:*?\"<>|\t\r\n", '-');
  return g_strstrip (safe);
}

void
rsb_save_chooser_show (GtkWindow            *parent,
                       const char           *title,
                       const char           *accept_label,
                       const RsbSaveFormat  *formats,
                       guint                 n_formats,
                       const char           *base,
                       RsbSaveChosenFunc     chosen,
                       gpointer              user_data,
                       GDestroyNotify        destroy)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                              accept_label, NULL);
  Chooser *c = g_new0 (Chooser, 1);
  GtkFileFilter *first = NULL;
  GtkFileChooser *shown;
  g_autofree char *safe = rsb_save_chooser_safe_name (base);
  g_autofree char *name = NULL;

  g_return_if_fail (n_formats > 0);

  c->formats = formats;
  c->n_formats = n_formats;
  c->chosen = chosen;
  c->user_data = user_data;
  c->destroy = destroy;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  for (guint i = 0; i < n_formats; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, formats[i].name);
      gtk_file_filter_add_pattern (filter, formats[i].pattern);
      g_object_set_data (G_OBJECT (filter), "rsb-format", GUINT_TO_POINTER (i + 1));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      if (first == NULL)
        first = filter;
    }
  name = g_strconcat (safe, formats[0].extension, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data_full (G_OBJECT (native), "rsb-chooser", c, (GDestroyNotify) chooser_free);
  g_signal_connect (native, "response", G_CALLBACK (on_response), c);
  g_signal_connect (native, "notify::filter", G_CALLBACK (on_filter_changed), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  if ((shown = shown_chooser_with (first)) != NULL)
    g_signal_connect_object (shown, "notify::filter", G_CALLBACK (on_shown_filter_changed), native, 0);
}
