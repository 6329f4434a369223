/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listenbrainz-export.h: ListenBrainz listen files -> plays. */
#pragma once

#include "rsb-spotify-history.h"

G_BEGIN_DECLS

/* Reads ListenBrainz listens: the export zip's listens/YYYY/MM.jsonl
 * (one listen object a line), or the older export's JSON array of the
 * same objects. listened_at (Unix seconds, or an ISO 8601 string) is
 * when the listen started: plays get RSB_PLAY_SOURCE_LISTENBRAINZ,
 * second precision, and their end from rsb_plays_close_open_ends, so
 * they reach func in start order once the whole file is read.
 * track_metadata gives the title, artist and album; additional_info
 * the duration (duration_ms, or duration in seconds), the ISRC and an
 * open.spotify.com/track link, kept as a spotify:track: URI. A file
 * with a damaged line or a listen without listened_at or track_name is
 * refused whole, naming the line or the listen. */
gboolean rsb_listenbrainz_export_parse (GInputStream  *stream,
                                        const char    *display_name,
                                        RsbPlayFunc    func,
                                        gpointer       user_data,
                                        guint         *n_plays,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* One listen's fields as ListenBrainz names them, wherever they were
 * read (the export here, the API's JSON in src/sync). Strings are
 * borrowed; NULL when absent. */
typedef struct {
  gint64      listened_at_ms;   /* listened_at × 1000 */
  const char *track_name;       /* track_metadata.track_name */
  const char *artist_name;
  const char *release_name;
  gint64      duration_ms;      /* additional_info.duration_ms, or duration × 1000; 0 unknown */
  const char *spotify_id;       /* additional_info.spotify_id (a link) */
  const char *isrc;
} RsbListenBrainzListen;

/* The play a listen is, before its end is known: source ListenBrainz,
 * second precision, end_ms = start_ms, ms_played 0 (close the ends of a
 * batch with rsb_plays_close_open_ends). The play borrows listen's
 * strings except the track URI, which *uri owns (free it after). */
void     rsb_listenbrainz_listen_to_play (const RsbListenBrainzListen *listen,
                                          RsbPlay                     *play,
                                          char                       **uri);

/* "https://open.spotify.com/track/ID?si=…" (or already "spotify:track:ID")
 * as "spotify:track:ID"; NULL when it names no track. Shared with the
 * ListenBrainz API's listens, which carry the same field. */
char    *rsb_listenbrainz_spotify_uri  (const char    *spotify_id);

G_END_DECLS
