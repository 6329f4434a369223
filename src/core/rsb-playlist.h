/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-playlist.h: a playlist of the library's songs, built from a
 * workout, from chosen tracks or for a running cadence, written as
 * M3U8 or XSPF and read back. No GTK, no network. */
#pragma once

#include <gio/gio.h>

#include "rsb-activity.h"
#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_PLAYLIST_ERROR (rsb_playlist_error_quark ())

typedef enum {
  RSB_PLAYLIST_ERROR_FORMAT,     /* a file name whose extension is neither format */
  RSB_PLAYLIST_ERROR_MALFORMED,  /* a file read back is not the format it claims */
} RsbPlaylistError;

GQuark rsb_playlist_error_quark (void);

typedef enum {
  RSB_PLAYLIST_M3U8,
  RSB_PLAYLIST_XSPF,
} RsbPlaylistFormat;

/* A band of tempi that suits a cadence: the BPM within this share of
 * the cadence (steps per minute) or of half of it. */
#define RSB_PLAYLIST_CADENCE_TOLERANCE 0.03

typedef struct {
  gint64  track_id;     /* 0 when read back from a file */
  char   *title;
  char   *artists;      /* ", "-joined, or NULL */
  char   *album;        /* or NULL */
  gint64  duration_ms;  /* 0 when unknown */
  /* Where a player finds it: a file:// URI of the user's own file when
   * the music scan matched one, else the Spotify URI; NULL when neither
   * is known (such an entry is still listed, with its title). */
  char   *location;
  char   *spotify_uri;  /* the track's Spotify URI, or NULL */
} RsbPlaylistEntry;

typedef struct {
  char      *title;
  GPtrArray *entries;   /* RsbPlaylistEntry, in playing order */
} RsbPlaylist;

RsbPlaylist *rsb_playlist_new              (const char         *title);
void         rsb_playlist_free             (RsbPlaylist        *playlist);
/* Adds the track (copied) with its location: file_path is the user's
 * matching file or NULL. */
void         rsb_playlist_add_track        (RsbPlaylist        *playlist,
                                            gint64              track_id,
                                            const RsbTrack     *track,
                                            const char         *file_path);
/* Entries without a Spotify URI (local files, tracks from account data
 * that never gained one). */
guint        rsb_playlist_count_without_spotify (const RsbPlaylist *playlist);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbPlaylist, rsb_playlist_free)

/* The songs heard during a workout, in the order they played, each
 * once; titled with the workout's name. For an activity already
 * loaded (as shown, with its clock offset), store may be NULL (the
 * sample run): then no file of the user's is looked for. */
RsbPlaylist *rsb_playlist_new_for_activity  (RsbStore          *store,
                                            const RsbActivity  *activity);
RsbPlaylist *rsb_playlist_new_from_activity (RsbStore          *store,
                                            gint64              activity_id,
                                            GError            **error);
/* The tracks given (gint64 ids), in that order, each once; ids the
 * library does not hold are left out. */
RsbPlaylist *rsb_playlist_new_from_tracks  (RsbStore           *store,
                                            GArray             *track_ids,
                                            const char         *title,
                                            GError            **error);
/* Whether a tempo suits a cadence (RSB_PLAYLIST_CADENCE_TOLERANCE). */
gboolean     rsb_playlist_bpm_suits_cadence (double             bpm,
                                            double              cadence_spm);
/* Every track whose known tempo suits the cadence, the ones heard in
 * the most workouts first (then the most played, then by title). */
RsbPlaylist *rsb_playlist_new_for_cadence  (RsbStore           *store,
                                            double              cadence_spm,
                                            GError            **error);

/* ".m3u8" (also ".m3u") or ".xspf", any case; otherwise
 * RSB_PLAYLIST_ERROR_FORMAT naming the file. */
gboolean     rsb_playlist_format_for_path  (const char         *path,
                                            RsbPlaylistFormat  *format,
                                            GError            **error);
const char  *rsb_playlist_format_extension (RsbPlaylistFormat   format);

/* The whole file as UTF-8 text. */
char        *rsb_playlist_to_m3u8          (const RsbPlaylist  *playlist);
char        *rsb_playlist_to_xspf          (const RsbPlaylist  *playlist);
/* Writes atomically (a failed write leaves any old file whole). */
gboolean     rsb_playlist_save             (const RsbPlaylist  *playlist,
                                            RsbPlaylistFormat   format,
                                            const char         *path,
                                            GError            **error);

/* Readers of what the writers produce (and of the formats' common
 * subset): titles, artists, albums, durations and locations. */
RsbPlaylist *rsb_playlist_parse_m3u8       (const char         *text,
                                            gsize               length,
                                            GError            **error);
RsbPlaylist *rsb_playlist_parse_xspf       (const char         *text,
                                            gsize               length,
                                            GError            **error);
RsbPlaylist *rsb_playlist_load             (const char         *path,
                                            GError            **error);

G_END_DECLS
