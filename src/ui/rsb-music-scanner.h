/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-music-scanner.h: the app's one music folders scanner: the folders
 * from Preferences, a scan when they change and at start-up, and what
 * the last scan found, for the Preferences page and the windows. */
#pragma once

#include "rsb-store.h"
#include "rsb-store-music.h"

G_BEGIN_DECLS

#define RSB_TYPE_MUSIC_SCANNER (rsb_music_scanner_get_type ())
G_DECLARE_FINAL_TYPE (RsbMusicScanner, rsb_music_scanner, RSB, MUSIC_SCANNER, GObject)

/* store NULL: the user's library, opened at the first scan. */
RsbMusicScanner *rsb_music_scanner_new            (RsbStore        *store);
/* The folders scanned: the music-folders setting, or XDG Music when it
 * is empty. */
GStrv            rsb_music_scanner_get_folders    (RsbMusicScanner *self);
/* Scans now; while a scan runs, once more after it. */
void             rsb_music_scanner_scan           (RsbMusicScanner *self);
/* At start-up: scans when the user chose folders or scanned before. */
void             rsb_music_scanner_scan_if_used   (RsbMusicScanner *self);
void             rsb_music_scanner_cancel         (RsbMusicScanner *self);
gboolean         rsb_music_scanner_is_running     (RsbMusicScanner *self);
void             rsb_music_scanner_get_progress   (RsbMusicScanner *self,
                                                   guint           *seen,
                                                   guint           *done);
/* The library's music files as of now; FALSE before any scan. */
gboolean         rsb_music_scanner_get_summary    (RsbMusicScanner *self,
                                                   RsbMusicSummary *summary);
/* The skipped files and folders with their reasons, one a line. */
char            *rsb_music_scanner_describe_problems (RsbMusicScanner *self);
/* Why the last scan failed (not cancelled), or NULL. */
const GError    *rsb_music_scanner_get_error      (RsbMusicScanner *self);

G_END_DECLS
