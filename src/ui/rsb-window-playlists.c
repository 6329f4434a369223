/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-playlists.c: playlists from the window: a workout's songs,
 * chosen songs, or songs for a cadence, saved as M3U8 or XSPF or made a
 * private Spotify playlist. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-format.h"
#include "rsb-message.h"
#include "rsb-playlist.h"
#include "rsb-save-chooser.h"
#include "rsb-spotify-playlist.h"
#include "rsb-window-export.h"
#include "rsb-window-playlists.h"
#include "rsb-window-private.h"

/* In RsbPlaylistFormat order. */
static RsbSaveFormat formats[] = {
  { N_("M3U8 Playlists"), "*.m3u8", ".m3u8" },
  { N_("XSPF Playlists"), "*.xspf", ".xspf" },
};

#define DEFAULT_CADENCE_SPM 170.0
#define MIN_CADENCE_SPM     60.0
#define MAX_CADENCE_SPM     240.0

/* The cadence last chosen in this session: runners ask for the same
 * one again. */
static double last_cadence_spm = DEFAULT_CADENCE_SPM;

static const RsbActivity *
shown_activity (RsbWindow *self)
{
  return self->activity_view != NULL ? rsb_activity_view_get_activity (self->activity_view) : NULL;
}

void
rsb_window_playlists_update (RsbWindow *self)
{
  gboolean shown = shown_activity (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-playlist", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.spotify-playlist", shown);
}

/* ---- building ------------------------------------------------------------ */

static RsbPlaylist *
activity_playlist (RsbWindow *self)
{
  const RsbActivity *activity = shown_activity (self);

  if (activity == NULL)
    return NULL;
  /* The sample run is not in the library: no files of the user's. */
  return rsb_playlist_new_for_activity (self->is_sample ? NULL : self->store, activity);
}

static RsbPlaylist *
tracks_playlist (RsbWindow *self,
                 GVariant  *parameter)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  const gint64 *values = g_variant_get_fixed_array (parameter, &n, sizeof (gint64));
  RsbPlaylist *playlist;

  g_array_append_vals (ids, values, n);
  playlist = rsb_playlist_new_from_tracks (self->store, ids, _("Songs That Move You"), &error);
  if (playlist == NULL)
    rsb_window_show_error (self, _("Playlist Could Not Be Made"), error);
  return playlist;
}

static gboolean
has_songs (RsbWindow   *self,
           RsbPlaylist *playlist)
{
  if (playlist != NULL && playlist->entries->len > 0)
    return TRUE;
  if (playlist != NULL)
    rsb_window_toast (self, _("There are no songs to put in a playlist"));
  return FALSE;
}

/* ---- saving as a file ---------------------------------------------------- */

typedef struct {
  RsbWindow   *window;
  RsbPlaylist *playlist;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_object_unref (request->window);
  rsb_playlist_free (request->playlist);
  g_free (request);
}

static void
on_file_chosen (GFile        *file,
                guint         format,
                const GError *chooser_error,
                gpointer      user_data)
{
  SaveRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (file == NULL)
    {
      rsb_window_show_error (request->window, _("Playlist Not Saved"), chooser_error);
      return;
    }
  path = g_file_get_path (file);
  name = g_file_get_basename (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file: choose a folder on this computer"), name);
      rsb_window_show_error (request->window, _("Playlist Not Saved"), error);
      return;
    }
  if (!rsb_playlist_save (request->playlist, (RsbPlaylistFormat) format, path, &error))
    {
      rsb_window_show_error (request->window, _("Playlist Not Saved"), error);
      return;
    }
  message = g_strdup_printf (ngettext ("Saved %u song to “%s”", "Saved %u songs to “%s”",
                                       request->playlist->entries->len),
                             request->playlist->entries->len, name);
  rsb_window_export_toast_saved (request->window, file, message, _("Playlist saved"));
}

/* Takes playlist. */
static void
save_playlist (RsbWindow   *self,
               RsbPlaylist *playlist)
{
  SaveRequest *request;
  static gsize translated = 0;

  if (!has_songs (self, playlist))
    {
      rsb_playlist_free (playlist);
      return;
    }
  if (g_once_init_enter (&translated))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        formats[i].name = _(formats[i].name);
      g_once_init_leave (&translated, 1);
    }
  request = g_new0 (SaveRequest, 1);
  request->window = g_object_ref (self);
  request->playlist = playlist;
  rsb_save_chooser_show (GTK_WINDOW (self), _("Save Playlist"), _("_Save"), formats, G_N_ELEMENTS (formats),
                         playlist->title, on_file_chosen, request, (GDestroyNotify) save_request_free);
}

/* ---- on Spotify ---------------------------------------------------------- */

typedef struct {
  RsbPlaylist              *playlist;
  RsbSpotifyPlaylistResult  result;
} SpotifyRequest;

static void
spotify_request_free (SpotifyRequest *request)
{
  rsb_playlist_free (request->playlist);
  rsb_spotify_playlist_result_clear (&request->result);
  g_free (request);
}

static void
send_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SpotifyRequest *request = task_data;
  GError *error = NULL;

  if (rsb_spotify_playlist_send (request->playlist, &request->result, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  SpotifyRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  gboolean made = g_task_propagate_boolean (G_TASK (result), &error);

  /* The window closed while the requests went: nothing left to tell it on. */
  if (self->toast_overlay == NULL)
    return;
  if (!made)
    {
      rsb_window_show_error (self, _("Spotify Playlist Not Made"), error);
      return;
    }
  message = rsb_spotify_playlist_result_message (request->playlist, &request->result);
  if (!rsb_message_fits_toast (GTK_WIDGET (self->toast_overlay), message, _("_Open")))
    {
      /* The whole news, with Details, rather than an ellipsis. */
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   rsb_message_toast_new (GTK_WIDGET (self->toast_overlay),
                                                          _("Spotify playlist made"), message, NULL));
      return;
    }
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  if (request->result.url != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-folder");
      adw_toast_set_action_target (toast, "s", request->result.url);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Takes playlist. The account is checked here, on the store's thread;
 * the requests go from a worker. */
static void
send_to_spotify (RsbWindow   *self,
                 RsbPlaylist *playlist)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SpotifyRequest *request;

  if (!has_songs (self, playlist))
    {
      rsb_playlist_free (playlist);
      return;
    }
  if (!rsb_spotify_playlist_check_account (self->store, &error))
    {
      rsb_playlist_free (playlist);
      rsb_window_show_error (self, _("Spotify Playlist Not Made"), error);
      return;
    }
  request = g_new0 (SpotifyRequest, 1);
  request->playlist = playlist;
  task = g_task_new (self, NULL, on_sent, NULL);
  g_task_set_task_data (task, request, (GDestroyNotify) spotify_request_free);
  rsb_window_toast (self, _("Making the Spotify playlist…"));
  g_task_run_in_thread (task, send_in_thread);
}

/* ---- songs for a cadence ------------------------------------------------- */

static void
on_cadence_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  RsbWindow *self = user_data;
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "rsb-cadence");
  g_autoptr(GError) error = NULL;
  RsbPlaylist *playlist;

  if (g_strcmp0 (response, "save") != 0 && g_strcmp0 (response, "spotify") != 0)
    return;
  last_cadence_spm = gtk_spin_button_get_value (spin);
  playlist = rsb_playlist_new_for_cadence (self->store, last_cadence_spm, &error);
  if (playlist == NULL)
    {
      rsb_window_show_error (self, _("Playlist Could Not Be Made"), error);
      return;
    }
  if (playlist->entries->len == 0)
    {
      g_autofree char *cadence = rsb_format_cadence (last_cadence_spm, TRUE);
      g_autofree char *text = g_strdup_printf (_("No song with a known tempo suits %s yet"), cadence);

      rsb_playlist_free (playlist);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   rsb_message_toast_new (GTK_WIDGET (self->toast_overlay), NULL, text,
                                                          _("Look up your songs’ tempi or scan your music "
                                                            "folder in Preferences → Music.")));
      return;
    }
  if (g_str_equal (response, "save"))
    save_playlist (self, playlist);
  else
    send_to_spotify (self, playlist);
}

static GtkWidget *
cadence_row (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Ca_dence"));
  GtkWidget *spin = gtk_spin_button_new_with_range (MIN_CADENCE_SPM, MAX_CADENCE_SPM, 1);
  GtkWidget *unit = gtk_label_new (_("steps per minute"));

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), last_cadence_spm);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cadence in steps per minute"), -1);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), unit);
  g_object_set_data (G_OBJECT (box), "rsb-cadence", spin);
  return box;
}

static void
songs_for_cadence_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RsbWindow *self = RSB_WINDOW (widget);
  GtkWidget *row = cadence_row ();
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Songs for a Cadence"),
    /* xgettext:no-c-format */
    _("Songs whose tempo is within 3 % of your cadence or of half of it, the ones you ran to most first."));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), row);
  g_object_set_data (G_OBJECT (dialog), "rsb-cadence", g_object_get_data (G_OBJECT (row), "rsb-cadence"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "spotify", _("Create S_potify Playlist"),
                                    "save", _("_Save Playlist…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cadence_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- actions ------------------------------------------------------------- */

static void
save_playlist_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  save_playlist (RSB_WINDOW (widget), activity_playlist (RSB_WINDOW (widget)));
}

static void
spotify_playlist_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  send_to_spotify (RSB_WINDOW (widget), activity_playlist (RSB_WINDOW (widget)));
}

static void
save_playlist_tracks_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  save_playlist (RSB_WINDOW (widget), tracks_playlist (RSB_WINDOW (widget), parameter));
}

static void
spotify_playlist_tracks_activated (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  send_to_spotify (RSB_WINDOW (widget), tracks_playlist (RSB_WINDOW (widget), parameter));
}

void
rsb_window_playlists_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-playlist", NULL, save_playlist_activated);
  gtk_widget_class_install_action (widget_class, "win.spotify-playlist", NULL, spotify_playlist_activated);
  gtk_widget_class_install_action (widget_class, "win.songs-for-cadence", NULL, songs_for_cadence_activated);
  gtk_widget_class_install_action (widget_class, "win.save-playlist-tracks", "at", save_playlist_tracks_activated);
  gtk_widget_class_install_action (widget_class, "win.spotify-playlist-tracks", "at",
                                   spotify_playlist_tracks_activated);
}
