/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-tempo.c: a tempo set by hand on the song card (typed,
 * halved, doubled or tapped) goes into the library, every view of the
 * song shows it, and the toast can take it back; new songs find the
 * music files scanned before them. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rsb-format.h"
#include "rsb-message.h"
#include "rsb-store-music.h"
#include "rsb-window-private.h"

/* The hand value the song had before, to put back on Undo: NAN when it
 * had none (the song goes back to its found tempo). */
typedef struct {
  RsbWindow *window;
  gint64     track_id;
  double     previous;
} TempoUndo;

static gboolean
store_hand_tempo (RsbWindow *self,
                  gint64     track_id,
                  double     bpm)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = rsb_tempo_bpm_is_valid (bpm)
    ? rsb_store_set_track_tempo (self->store, track_id, RSB_TEMPO_SOURCE_HAND, bpm, 1.0, &error)
    : rsb_store_clear_track_tempo (self->store, track_id, RSB_TEMPO_SOURCE_HAND, &error);

  if (!ok)
    {
      rsb_window_show_error (self, _("The tempo could not be saved"), error);
      return FALSE;
    }
  rsb_window_reload (self, 0);
  return TRUE;
}

static void
on_undo (AdwToast  *toast,
         TempoUndo *undo)
{
  store_hand_tempo (undo->window, undo->track_id, undo->previous);
}

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  g_free (data);
}

static char *
describe (const char *title,
          double      bpm)
{
  g_autofree char *value = NULL;

  if (!rsb_tempo_bpm_is_valid (bpm))
    /* Translators: %s is a song's title */
    return g_strdup_printf (_("“%s” has its found tempo again"), title);
  value = rsb_format_bpm (bpm);
  /* Translators: a song's title and the tempo set by hand, "“Song” set to 128 BPM" */
  return g_strdup_printf (_("“%s” set to %s"), title, value);
}

/* Parameter (track id, BPM, title): a BPM outside the believable range
 * (0) forgets the hand value. */
static void
set_track_tempo_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RsbWindow *self = RSB_WINDOW (widget);
  g_autofree char *text = NULL;
  TempoUndo *undo;
  const char *title;
  gint64 track_id;
  double bpm, previous;
  AdwToast *toast;

  g_variant_get (parameter, "(xd&s)", &track_id, &bpm, &title);
  if (track_id <= 0 || !isfinite (bpm))
    return;
  previous = rsb_store_track_tempo_from (self->store, track_id, RSB_TEMPO_SOURCE_HAND, NULL);
  if (!store_hand_tempo (self, track_id, bpm))
    return;

  text = describe (title, bpm);
  toast = rsb_message_toast_new (GTK_WIDGET (self->toast_overlay), NULL, text, NULL);
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (TempoUndo, 1);
  undo->window = self;
  undo->track_id = track_id;
  undo->previous = previous;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), undo, undo_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* On a worker with a connection of its own: a large music folder has
 * thousands of files no play matches, each folded and looked up. */
static void
match_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (task_data, &error);
  guint n = 0;

  if (store == NULL || !rsb_store_match_music_files (store, &n, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

static void
on_matched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RsbWindow *self = RSB_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (n < 0)
    g_warning ("Music files not matched to new songs: %s", error->message);
  /* Closed meanwhile: the next window reads the tempi. */
  else if (n > 0 && self->toast_overlay != NULL)
    rsb_window_reload (self, 0);
}

/* Tracks an import or a sync just brought find the music files scanned
 * before them, and with them a file tag's or an estimate's tempo, at
 * once rather than at the next scan. */
void
rsb_window_match_music_files (RsbWindow *self)
{
  g_autoptr(GTask) task = NULL;
  RsbMusicSummary summary = { 0 };

  /* No music folder scanned, or every file has its song: no thread. */
  if (!rsb_store_music_summary (self->store, &summary, NULL) || summary.n_matched == summary.n_files)
    return;
  task = g_task_new (self, NULL, on_matched, NULL);
  g_task_set_task_data (task, g_strdup (rsb_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, match_in_thread);
}

void
rsb_window_tempo_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.set-track-tempo", "(xds)", set_track_tempo_activated);
}
