/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-music-scan.h: reads the user's music folders into the library,
 * incrementally, on worker threads: tags of new and changed files, a
 * tempo estimate for those without a BPM tag, files gone forgotten, and
 * files read earlier matched to songs imported since. */
#pragma once

#include "rsb-store.h"

G_BEGIN_DECLS

/* Larger files are not read: no song is this long. */
#define RSB_MUSIC_SCAN_MAX_BYTES (G_GINT64_CONSTANT (1) << 30)

typedef struct {
  guint n_seen;        /* audio files found (and folders that failed) */
  guint n_read;        /* new or changed, read this time */
  guint n_unchanged;   /* same size and mtime as last time: not read */
  guint n_removed;     /* gone since last time, forgotten */
  guint n_problems;    /* recorded with a reason this time */
} RsbMusicScanStats;

#define RSB_TYPE_MUSIC_SCAN (rsb_music_scan_get_type ())
G_DECLARE_FINAL_TYPE (RsbMusicScan, rsb_music_scan, RSB, MUSIC_SCAN, GObject)

/* Writes to store, which it uses only on the thread calling run. */
RsbMusicScan *rsb_music_scan_new        (RsbStore             *store);

/* Scans folders (recursively; symbolic links followed, loops noticed).
 * "progress" (guint seen, guint done) is emitted on the calling
 * thread's main context while it runs; what was read is written as it
 * comes, so a cancelled scan keeps it. One run at a time. */
void          rsb_music_scan_run_async  (RsbMusicScan         *self,
                                         const char * const   *folders,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean      rsb_music_scan_run_finish (RsbMusicScan         *self,
                                         GAsyncResult         *result,
                                         GError              **error);
/* The same, waiting for the end (the command line, tests). */
gboolean      rsb_music_scan_run        (RsbMusicScan         *self,
                                         const char * const   *folders,
                                         GCancellable         *cancellable,
                                         GError              **error);
gboolean      rsb_music_scan_is_running (RsbMusicScan         *self);
/* The figures of the last run. */
const RsbMusicScanStats *
              rsb_music_scan_get_stats  (RsbMusicScan         *self);

/* Whether the name is of a kind of audio file the scan reads. */
gboolean      rsb_music_scan_is_audio_name (const char        *name);

G_END_DECLS
