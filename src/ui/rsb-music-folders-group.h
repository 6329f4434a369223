/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-music-folders-group.h: Preferences → Music → Music Folders: the
 * folders scanned for tempo tags, Scan Now with its progress, and what
 * the scans found. */
#pragma once

#include <adwaita.h>

#include "rsb-music-scanner.h"

G_BEGIN_DECLS

#define RSB_TYPE_MUSIC_FOLDERS_GROUP (rsb_music_folders_group_get_type ())
G_DECLARE_FINAL_TYPE (RsbMusicFoldersGroup, rsb_music_folders_group, RSB, MUSIC_FOLDERS_GROUP, AdwPreferencesGroup)

GtkWidget *rsb_music_folders_group_new (RsbMusicScanner *scanner);

G_END_DECLS
