/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-parsers.c: which parser reads each kind of listening history. */
#include "rsb-history-parsers.h"

#include "rsb-apple-music-history.h"
#include "rsb-listenbrainz-export.h"
#include "rsb-spotify-history.h"
#include "rsb-youtube-history.h"

RsbHistoryParseFunc
rsb_history_parser_for (RsbFileKind kind)
{
  switch (kind)
    {
    case RSB_FILE_KIND_SPOTIFY_EXTENDED:
    case RSB_FILE_KIND_SPOTIFY_ACCOUNT:
      return rsb_spotify_history_parse;
    case RSB_FILE_KIND_LISTENBRAINZ:
      return rsb_listenbrainz_export_parse;
    case RSB_FILE_KIND_APPLE_MUSIC:
      return rsb_apple_music_history_parse;
    case RSB_FILE_KIND_YOUTUBE_MUSIC:
      return rsb_youtube_history_parse;
    case RSB_FILE_KIND_UNKNOWN:
    case RSB_FILE_KIND_GPX:
    case RSB_FILE_KIND_TCX:
    case RSB_FILE_KIND_FIT:
    case RSB_FILE_KIND_ZIP:
    case RSB_FILE_KIND_STRAVA_CSV:
    default:
      return NULL;
    }
}

gboolean
rsb_history_parses_whole (RsbFileKind kind)
{
  return kind == RSB_FILE_KIND_LISTENBRAINZ || kind == RSB_FILE_KIND_YOUTUBE_MUSIC;
}
