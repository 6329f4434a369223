/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-message.c: toasts and dialogs that show a message whole, and
 * what to do about an error. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-message.h"
#include "rsb-import-error.h"
#include "rsb-store.h"
#include "rsb-sync-error.h"

/* Beside its title a toast has margins, padding and a close button:
 * 94 px in libadwaita 1.2; the rest is room for other themes. */
#define TOAST_CHROME_PX   120
/* Spacing between a toast's title and its button. */
#define TOAST_SPACING_PX  6
/* Wider than this, a toast is no longer read at a glance. */
#define TOAST_TEXT_MAX_PX 640

/* A widget's natural width, styled as it would be anywhere in the app. */
static int
natural_width (GtkWidget *widget)
{
  int width;

  g_object_ref_sink (widget);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  g_object_unref (widget);
  return width;
}

/* A toast's title is a label of the "heading" style class. */
static int
title_width (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  return natural_width (label);
}

gboolean
rsb_message_fits_toast (GtkWidget  *area,
                        const char *text,
                        const char *button_label)
{
  int width = gtk_widget_get_width (area);
  int budget = width > 0 ? MIN (width - TOAST_CHROME_PX, TOAST_TEXT_MAX_PX) : TOAST_TEXT_MAX_PX;

  if (button_label != NULL)
    budget -= natural_width (gtk_button_new_with_mnemonic (button_label)) + TOAST_SPACING_PX;
  return title_width (text) <= budget;
}

/* The most of text's first words that fits beside the Details button,
 * marked as cut short: its whole is a click away. */
static char *
first_words (GtkWidget  *area,
             const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *title = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *longer = g_strdup_printf ("%s%s%s…", title->str, i > 0 ? " " : "", words[i]);

      if (i > 0 && !rsb_message_fits_toast (area, longer, _("_Details")))
        break;
      g_string_append_printf (title, "%s%s", i > 0 ? " " : "", words[i]);
    }
  g_string_append (title, "…");
  return g_string_free (title, FALSE);
}

/* Long text scrolls inside the dialog instead of stretching it past
 * the screen. */
static GtkWidget *
details_view (const char *details)
{
  GtkWidget *label = gtk_label_new (details);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  /* The dialog sizes itself for its children's natural width, then
   * may give them less (300 px when narrow): asking no wider than that
   * keeps the wrapped label's last lines from being cut off. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_add_css_class (label, "message-details");
  gtk_widget_add_css_class (scrolled, "card");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  return scrolled;
}

AdwMessageDialog *
rsb_message_dialog_new (GtkWindow  *parent,
                        const char *heading,
                        const char *body,
                        const char *details)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  if (details != NULL)
    adw_message_dialog_set_extra_child (dialog, details_view (details));
  return dialog;
}

typedef struct {
  GtkWindow *parent;   /* a weak pointer */
  char      *heading;
  char      *advice;
  char      *text;
} Details;

static void
details_free (gpointer data,
              GClosure *closure)
{
  Details *details = data;

  g_clear_weak_pointer (&details->parent);
  g_free (details->heading);
  g_free (details->advice);
  g_free (details->text);
  g_free (details);
}

static void
show_details (AdwToast *toast,
              Details  *details)
{
  gtk_window_present (GTK_WINDOW (rsb_message_dialog_new (details->parent, details->heading,
                                                          details->advice, details->text)));
}

AdwToast *
rsb_message_toast_new (GtkWidget  *area,
                       const char *heading,
                       const char *text,
                       const char *advice)
{
  gboolean whole = rsb_message_fits_toast (area, text, advice != NULL ? _("_Details") : NULL);
  g_autofree char *title = whole ? g_strdup (text) : heading != NULL ? g_strdup (heading) : first_words (area, text);
  /* Toast titles are markup; messages quote file names and answers. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);
  GtkRoot *root = gtk_widget_get_root (area);
  Details *details;

  if (whole && advice == NULL)
    return toast;
  details = g_new0 (Details, 1);
  g_set_weak_pointer (&details->parent, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  details->heading = g_strdup (heading);
  details->advice = g_strdup (advice);
  details->text = g_strdup (text);
  adw_toast_set_button_label (toast, _("_Details"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (show_details), details, details_free, 0);
  return toast;
}

/* Advice ------------------------------------------------------------ */

static const char *
import_advice (int code)
{
  switch (code)
    {
    case RSB_IMPORT_ERROR_CORRUPT:
      return _("Export damaged files again from the watch, app or website they came from.");
    case RSB_IMPORT_ERROR_UNSUPPORTED:
      return _("Check that each file is a GPX, TCX or FIT workout, a listening history (Spotify, "
               "ListenBrainz, Apple Music or YouTube Music), or a zip holding these.");
    case RSB_IMPORT_ERROR_NO_DATA:
      return _("Check that the file holds a recorded workout or listening history: this one is empty.");
    case RSB_IMPORT_ERROR_TOO_LARGE:
      return _("Check that this is the file you meant: no real workout is this large.");
    default:
      return NULL;
    }
}

static const char *
sync_advice (int code)
{
  switch (code)
    {
    case RSB_SYNC_ERROR_NOT_CONFIGURED:
    case RSB_SYNC_ERROR_NOT_CONNECTED:
      return _("Set the account up in Preferences → Accounts.");
    case RSB_SYNC_ERROR_INVALID_GRANT:
    case RSB_SYNC_ERROR_UNAUTHORIZED:
      return _("Connect the account again in Preferences → Accounts.");
    case RSB_SYNC_ERROR_DENIED:
    case RSB_SYNC_ERROR_STATE_MISMATCH:
    case RSB_SYNC_ERROR_TIMED_OUT:
      return _("Click Connect again and finish signing in in the browser.");
    case RSB_SYNC_ERROR_TOKEN:
      return _("Check the client ID and client secret in Preferences → Accounts against your API application’s page.");
    case RSB_SYNC_ERROR_RATE_LIMITED:
      return _("Nothing is lost: syncing goes on by itself once the limit resets.");
    case RSB_SYNC_ERROR_SERVER:
      return _("Check your internet connection. If it works, the service is having trouble: try again later.");
    case RSB_SYNC_ERROR_MALFORMED:
    case RSB_SYNC_ERROR_HTTP:
      return _("Try again later. If it keeps happening, the service may have changed what it sends.");
    case RSB_SYNC_ERROR_KEYRING:
      return _("Check that a keyring (such as GNOME Keyring) is running and unlocked, then try again.");
    case RSB_SYNC_ERROR_NO_SUCH_USER:
      return _("Check the spelling of the user name in Preferences → Accounts.");
    case RSB_SYNC_ERROR_PRIVATE:
      return _("Make the listening history public in the service’s privacy settings, then sync again.");
    case RSB_SYNC_ERROR_BAD_KEY:
      return _("Disconnect Last.fm in Preferences → Accounts, then connect it again with the key your Last.fm API account page shows.");
    default:
      return NULL;
    }
}

static const char *
io_advice (int code)
{
  switch (code)
    {
    case G_IO_ERROR_NOT_FOUND:
      return _("Check that the file or folder is still there and the disk holding it is connected.");
    case G_IO_ERROR_PERMISSION_DENIED:
    case G_IO_ERROR_READ_ONLY:
      return _("Choose a folder you are allowed to write to.");
    case G_IO_ERROR_NO_SPACE:
      return _("Free some space on the disk, or choose another one.");
    case G_IO_ERROR_IS_DIRECTORY:
    case G_IO_ERROR_NOT_REGULAR_FILE:
      return _("Choose another name: what is there now is not a file that can be replaced.");
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_HOST_NOT_FOUND:
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_TIMED_OUT:
      return _("Check your internet connection and try again.");
    default:
      return NULL;
    }
}

static const char *
store_advice (int code)
{
  switch (code)
    {
    case RSB_STORE_ERROR_OPEN:
    case RSB_STORE_ERROR_SQL:
      return _("Check that the disk holding your library is connected and has free space.");
    case RSB_STORE_ERROR_NEWER_SCHEMA:
      return _("Update Run Sous BPM: a newer version wrote this library.");
    default:
      return NULL;
    }
}

const char *
rsb_message_advice (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == RSB_IMPORT_ERROR)
    return import_advice (error->code);
  if (error->domain == RSB_SYNC_ERROR)
    return sync_advice (error->code);
  if (error->domain == G_IO_ERROR)
    return io_advice (error->code);
  if (error->domain == RSB_STORE_ERROR)
    return store_advice (error->code);
  if (error->domain == G_RESOLVER_ERROR)
    return io_advice (G_IO_ERROR_HOST_NOT_FOUND);
  return NULL;
}
