/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RSB_FILE_KIND_UNKNOWN,
  RSB_FILE_KIND_GPX,
  RSB_FILE_KIND_TCX,
  RSB_FILE_KIND_FIT,
  RSB_FILE_KIND_SPOTIFY_EXTENDED,
  RSB_FILE_KIND_SPOTIFY_ACCOUNT,
  RSB_FILE_KIND_ZIP,
  RSB_FILE_KIND_STRAVA_CSV,
  RSB_FILE_KIND_LISTENBRAINZ,    /* listens/YYYY/MM.jsonl, or a JSON array of listens */
  RSB_FILE_KIND_APPLE_MUSIC,     /* Apple Music Play Activity.csv */
  RSB_FILE_KIND_YOUTUBE_MUSIC,   /* Google Takeout's watch-history.json */
} RsbFileKind;

RsbFileKind rsb_file_kind_guess      (const char  *name,
                                      gboolean    *gzipped);
gboolean    rsb_file_kind_is_workout (RsbFileKind  kind);
gboolean    rsb_file_kind_is_history (RsbFileKind  kind);

G_END_DECLS
