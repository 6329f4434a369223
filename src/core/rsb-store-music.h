/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-music.h: the user's music files as the last scan read them
 * (table music_files), their match to tracks of the listening history,
 * and the tempo they lend those tracks. */
#pragma once

#include "rsb-store.h"
#include "rsb-tempo.h"

G_BEGIN_DECLS

/* One file as read. A skipped file has problem set (why, for people)
 * and nothing else but its stamp. */
typedef struct {
  char           *path;
  gint64          size;
  gint64          mtime;        /* seconds since the epoch */
  char           *title;
  char           *artists;      /* ", "-joined */
  char           *album;
  gint64          duration_ms;  /* 0: unknown */
  char           *isrc;
  double          bpm;          /* 0: none */
  RsbTempoSource  bpm_source;   /* FILE_TAG, ESTIMATE or NONE */
  double          confidence;
  char           *problem;
  gint64          track_id;     /* 0: matched to no track */
} RsbMusicFile;

RsbMusicFile *rsb_music_file_new  (const char   *path);
void          rsb_music_file_free (RsbMusicFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbMusicFile, rsb_music_file_free)

/* What a scan needs to know to skip a file: its stamp last time. */
typedef struct {
  gint64 size;
  gint64 mtime;
} RsbMusicStamp;

typedef struct {
  guint n_files;        /* read, problem-free */
  guint n_with_tempo;   /* of those, with a tag or an estimate */
  guint n_matched;      /* of those, matched to a track */
  guint n_skipped;      /* recorded with a problem */
} RsbMusicSummary;

/* The tracks of the library indexed by folded artist + title, built
 * once for a batch of files. */
typedef struct _RsbMusicMatcher RsbMusicMatcher;
RsbMusicMatcher *rsb_music_matcher_new  (RsbStore         *store,
                                         GError          **error);
void             rsb_music_matcher_free (RsbMusicMatcher  *matcher);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbMusicMatcher, rsb_music_matcher_free)
/* The track the file is: by ISRC, else by artist + title with the
 * durations within 3 s (the closest when several). 0 when none. */
gint64           rsb_music_matcher_find (RsbMusicMatcher    *matcher,
                                         const RsbMusicFile *file);

/* path -> RsbMusicStamp of every file under folder (NULL: all). */
GHashTable *rsb_store_music_stamps        (RsbStore          *self,
                                           const char        *folder,
                                           GError           **error);
/* Stores file (replacing what was known of its path), matches it to a
 * track through matcher (NULL: no match attempted) and passes its tempo
 * on: the track's "file" and "estimate" sources follow the files
 * matched to it, so a hand value is never touched. Sets file->track_id. */
gboolean    rsb_store_save_music_file     (RsbStore          *self,
                                           RsbMusicMatcher   *matcher,
                                           RsbMusicFile      *file,
                                           GError           **error);
/* A file gone: its row and the tempo it gave its track. */
gboolean    rsb_store_forget_music_file   (RsbStore          *self,
                                           const char        *path,
                                           GError           **error);
/* A folder taken off the list: every file under it. */
gboolean    rsb_store_forget_music_folder (RsbStore          *self,
                                           const char        *folder,
                                           GError           **error);
/* Matches the files not matched yet against the library's tracks, as
 * after an import or a sync brought new ones; n_matched (optional)
 * receives how many found their track. */
gboolean    rsb_store_match_music_files   (RsbStore          *self,
                                           guint             *n_matched,
                                           GError           **error);
/* RsbMusicFile rows under folder (NULL: all), by path. */
GPtrArray  *rsb_store_list_music_files    (RsbStore          *self,
                                           const char        *folder,
                                           GError           **error);
gboolean    rsb_store_music_summary       (RsbStore          *self,
                                           RsbMusicSummary   *summary,
                                           GError           **error);

G_END_DECLS
