/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-file-kind.c: what a file is, from its name as exports name them. */
#include "rsb-file-kind.h"

static RsbFileKind
guess_json (const char *base)
{
  /* The video history of the Extended export holds music plays too. */
  if (g_str_has_prefix (base, "streaming_history_audio") ||
      g_str_has_prefix (base, "streaming_history_video") ||
      g_str_has_prefix (base, "endsong"))
    return RSB_FILE_KIND_SPOTIFY_EXTENDED;
  if (g_str_has_prefix (base, "streaminghistory"))
    return RSB_FILE_KIND_SPOTIFY_ACCOUNT;
  if (g_str_has_prefix (base, "watch-history"))
    return RSB_FILE_KIND_YOUTUBE_MUSIC;
  return RSB_FILE_KIND_UNKNOWN;
}

/* name may be a path (a zip entry, say); only its last part counts.
 * *gzipped tells whether the content is gzip-compressed (".fit.gz"). */
RsbFileKind
rsb_file_kind_guess (const char *name,
                     gboolean   *gzipped)
{
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *lower = g_utf8_strdown (base, -1);
  gsize len = strlen (lower);

  *gzipped = g_str_has_suffix (lower, ".gz");
  if (*gzipped)
    lower[len - 3] = '\0';

  if (g_str_has_suffix (lower, ".gpx"))
    return RSB_FILE_KIND_GPX;
  if (g_str_has_suffix (lower, ".tcx"))
    return RSB_FILE_KIND_TCX;
  if (g_str_has_suffix (lower, ".fit"))
    return RSB_FILE_KIND_FIT;
  if (*gzipped)
    return RSB_FILE_KIND_UNKNOWN;
  if (g_str_has_suffix (lower, ".json"))
    return guess_json (lower);
  if (g_str_has_suffix (lower, ".jsonl"))
    return RSB_FILE_KIND_LISTENBRAINZ;
  if (g_str_has_prefix (lower, "apple music play activity") && g_str_has_suffix (lower, ".csv"))
    return RSB_FILE_KIND_APPLE_MUSIC;
  if (g_str_has_suffix (lower, ".zip"))
    return RSB_FILE_KIND_ZIP;
  if (g_str_equal (lower, "activities.csv"))
    return RSB_FILE_KIND_STRAVA_CSV;
  return RSB_FILE_KIND_UNKNOWN;
}

gboolean
rsb_file_kind_is_workout (RsbFileKind kind)
{
  return kind == RSB_FILE_KIND_GPX || kind == RSB_FILE_KIND_TCX || kind == RSB_FILE_KIND_FIT;
}

gboolean
rsb_file_kind_is_history (RsbFileKind kind)
{
  return kind == RSB_FILE_KIND_SPOTIFY_EXTENDED || kind == RSB_FILE_KIND_SPOTIFY_ACCOUNT ||
         kind == RSB_FILE_KIND_LISTENBRAINZ || kind == RSB_FILE_KIND_APPLE_MUSIC ||
         kind == RSB_FILE_KIND_YOUTUBE_MUSIC;
}
