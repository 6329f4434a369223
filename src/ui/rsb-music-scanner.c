/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-music-scanner.c: runs RsbMusicScan over the folders chosen in
 * Preferences → Music, on the main thread's store connection, and tells
 * the page and the windows how it goes. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rsb-music-scanner.h"
#include "rsb-music-scan.h"

/* The Details dialog lists this many skipped files, then a count. */
#define MAX_PROBLEMS_LISTED 200

struct _RsbMusicScanner
{
  GObject        parent_instance;
  GSettings     *settings;
  RsbStore      *store;
  RsbMusicScan  *scan;
  GCancellable  *cancellable;
  GStrv          folders;     /* as last scanned or set: to see which went */
  GPtrArray     *to_forget;   /* folders taken off the list, forgotten before the next scan */
  gboolean       again;       /* scan once more when this one ends */
  guint          seen;
  guint          done;
  GError        *error;
};

G_DEFINE_FINAL_TYPE (RsbMusicScanner, rsb_music_scanner, G_TYPE_OBJECT)

enum { SIGNAL_PROGRESS, SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

GStrv
rsb_music_scanner_get_folders (RsbMusicScanner *self)
{
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "music-folders");
  const char *music = g_get_user_special_dir (G_USER_DIRECTORY_MUSIC);

  if (chosen[0] != NULL)
    return g_steal_pointer (&chosen);
  if (music == NULL)
    return g_new0 (char *, 1);
  return g_strdupv ((char *[]) { (char *) music, NULL });
}

static gboolean
ensure_store (RsbMusicScanner *self)
{
  g_autofree char *path = NULL;

  if (self->store != NULL)
    return TRUE;
  path = rsb_store_default_path ();
  g_clear_error (&self->error);
  self->store = rsb_store_open (path, &self->error);
  if (self->store == NULL)
    g_warning ("Music folders not scanned: %s", self->error->message);
  return self->store != NULL;
}

static void start (RsbMusicScanner *self);

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RsbMusicScanner) self = user_data;
  g_autoptr(GError) error = NULL;
  const RsbMusicScanStats *stats = rsb_music_scan_get_stats (RSB_MUSIC_SCAN (source));
  gboolean changed;

  rsb_music_scan_run_finish (RSB_MUSIC_SCAN (source), result, &error);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Music folders scan failed: %s", error->message);
      self->error = g_steal_pointer (&error);
    }
  changed = stats->n_read > 0 || stats->n_removed > 0;
  if (self->again)
    {
      self->again = FALSE;
      start (self);
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, changed);
}

static void
on_progress (RsbMusicScanner *self,
             guint            seen,
             guint            done)
{
  self->seen = seen;
  self->done = done;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, seen, done);
}

/* Between scans, so that no batch of a running scan writes a removed
 * folder's files back after they were forgotten. */
static void
forget_removed (RsbMusicScanner *self)
{
  for (guint i = 0; i < self->to_forget->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!rsb_store_forget_music_folder (self->store, self->to_forget->pdata[i], &error))
        g_warning ("%s", error->message);
    }
  g_ptr_array_set_size (self->to_forget, 0);
}

static void
start (RsbMusicScanner *self)
{
  g_auto(GStrv) folders = rsb_music_scanner_get_folders (self);

  if (!ensure_store (self))
    return;
  forget_removed (self);
  if (self->scan == NULL)
    {
      self->scan = rsb_music_scan_new (self->store);
      g_signal_connect_object (self->scan, "progress", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);
    }
  self->seen = self->done = 0;
  self->cancellable = g_cancellable_new ();
  rsb_music_scan_run_async (self->scan, (const char * const *) folders, self->cancellable,
                            on_scanned, g_object_ref (self));
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, 0, 0);
}

void
rsb_music_scanner_scan (RsbMusicScanner *self)
{
  if (rsb_music_scanner_is_running (self))
    self->again = TRUE;
  else
    start (self);
}

void
rsb_music_scanner_scan_if_used (RsbMusicScanner *self)
{
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "music-folders");
  RsbMusicSummary summary;

  if (chosen[0] != NULL ||
      (rsb_music_scanner_get_summary (self, &summary) && summary.n_files + summary.n_skipped > 0))
    rsb_music_scanner_scan (self);
}

void
rsb_music_scanner_cancel (RsbMusicScanner *self)
{
  self->again = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
rsb_music_scanner_is_running (RsbMusicScanner *self)
{
  return self->scan != NULL && rsb_music_scan_is_running (self->scan);
}

void
rsb_music_scanner_get_progress (RsbMusicScanner *self,
                                guint           *seen,
                                guint           *done)
{
  *seen = self->seen;
  *done = self->done;
}

gboolean
rsb_music_scanner_get_summary (RsbMusicScanner *self,
                               RsbMusicSummary *summary)
{
  g_autoptr(GError) error = NULL;

  memset (summary, 0, sizeof *summary);
  if (!ensure_store (self))
    return FALSE;
  if (!rsb_store_music_summary (self->store, summary, &error))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

char *
rsb_music_scanner_describe_problems (RsbMusicScanner *self)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint listed = 0, more = 0;

  if (!ensure_store (self))
    return g_strdup (self->error->message);
  if ((files = rsb_store_list_music_files (self->store, NULL, &error)) == NULL)
    return g_strdup (error->message);
  for (guint i = 0; i < files->len; i++)
    {
      const RsbMusicFile *file = files->pdata[i];

      if (file->problem == NULL)
        continue;
      if (listed++ < MAX_PROBLEMS_LISTED)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", file->problem);
      else
        more++;
    }
  if (more > 0)
    {
      g_autofree char *rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %'u more", "…and %'u more", more),
                                               more);
      g_string_append_printf (text, "\n%s", rest);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const GError *
rsb_music_scanner_get_error (RsbMusicScanner *self)
{
  return self->error;
}

/* A folder taken off the list takes its files' tempi with it; then the
 * folders now listed are scanned. */
static void
on_folders_changed (RsbMusicScanner *self)
{
  g_auto(GStrv) now = rsb_music_scanner_get_folders (self);

  for (guint i = 0; self->folders != NULL && self->folders[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) now, self->folders[i]))
      g_ptr_array_add (self->to_forget, g_strdup (self->folders[i]));
  g_strfreev (self->folders);
  self->folders = g_steal_pointer (&now);
  /* A scan of the old list stops; the new list's starts after it. */
  if (rsb_music_scanner_is_running (self))
    {
      rsb_music_scanner_cancel (self);
      self->again = TRUE;
    }
  else
    start (self);
}

RsbMusicScanner *
rsb_music_scanner_new (RsbStore *store)
{
  RsbMusicScanner *self = g_object_new (RSB_TYPE_MUSIC_SCANNER, NULL);

  g_set_object (&self->store, store);
  return self;
}

static void
rsb_music_scanner_dispose (GObject *object)
{
  RsbMusicScanner *self = RSB_MUSIC_SCANNER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rsb_music_scanner_parent_class)->dispose (object);
}

static void
rsb_music_scanner_finalize (GObject *object)
{
  RsbMusicScanner *self = RSB_MUSIC_SCANNER (object);

  g_clear_object (&self->scan);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_strfreev (self->folders);
  g_ptr_array_unref (self->to_forget);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (rsb_music_scanner_parent_class)->finalize (object);
}

static void
rsb_music_scanner_class_init (RsbMusicScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rsb_music_scanner_dispose;
  object_class->finalize = rsb_music_scanner_finalize;
  /* Files found so far, and of them those unchanged, read or skipped. */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A scan ended; TRUE when it read or forgot a file (tempi may have
   * changed: views showing them reload). */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
rsb_music_scanner_init (RsbMusicScanner *self)
{
  self->settings = g_settings_new (APP_ID);
  self->folders = rsb_music_scanner_get_folders (self);
  self->to_forget = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (self->settings, "changed::music-folders",
                           G_CALLBACK (on_folders_changed), self, G_CONNECT_SWAPPED);
}
