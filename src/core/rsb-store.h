/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-types.h"

G_BEGIN_DECLS

#define RSB_STORE_ERROR (rsb_store_error_quark ())

typedef enum {
  RSB_STORE_ERROR_OPEN,
  RSB_STORE_ERROR_SQL,
  RSB_STORE_ERROR_NEWER_SCHEMA,
  RSB_STORE_ERROR_NOT_FOUND,
} RsbStoreError;

GQuark rsb_store_error_quark (void);

#define RSB_TYPE_STORE (rsb_store_get_type ())
G_DECLARE_FINAL_TYPE (RsbStore, rsb_store, RSB, STORE, GObject)

char            *rsb_store_default_path         (void);
RsbStore        *rsb_store_open                 (const char             *path,
                                                 GError                **error);
RsbStore        *rsb_store_open_memory          (GError                **error);
const char      *rsb_store_get_path             (RsbStore               *self);

gboolean         rsb_store_begin                (RsbStore               *self,
                                                 GError                **error);
gboolean         rsb_store_commit               (RsbStore               *self,
                                                 GError                **error);
void             rsb_store_rollback             (RsbStore               *self);

gboolean         rsb_store_has_file             (RsbStore               *self,
                                                 const char             *hash);
gboolean         rsb_store_add_file             (RsbStore               *self,
                                                 const char             *hash,
                                                 const char             *name,
                                                 guint                   n_items,
                                                 GError                **error);

gboolean         rsb_store_has_source           (RsbStore               *self,
                                                 const char             *source,
                                                 const char             *source_id);
gint64           rsb_store_find_activity        (RsbStore               *self,
                                                 const RsbActivityInfo  *info);
gint64           rsb_store_add_activity         (RsbStore               *self,
                                                 const RsbActivityInfo  *info,
                                                 const RsbStreams       *streams,
                                                 GError                **error);
gboolean         rsb_store_replace_activity     (RsbStore               *self,
                                                 gint64                  id,
                                                 const RsbActivityInfo  *info,
                                                 const RsbStreams       *streams,
                                                 GError                **error);
gboolean         rsb_store_set_identity         (RsbStore               *self,
                                                 gint64                  id,
                                                 const RsbActivityInfo  *info,
                                                 GError                **error);
gboolean         rsb_store_add_play             (RsbStore               *self,
                                                 const RsbPlay          *play,
                                                 gboolean               *added,
                                                 GError                **error);

GPtrArray       *rsb_store_list_activities      (RsbStore               *self,
                                                 GError                **error);
RsbActivityInfo *rsb_store_get_activity         (RsbStore               *self,
                                                 gint64                  id,
                                                 GError                **error);
RsbStreams      *rsb_store_load_streams         (RsbStore               *self,
                                                 gint64                  activity_id,
                                                 GError                **error);
GPtrArray       *rsb_store_plays_between        (RsbStore               *self,
                                                 gint64                  from_ms,
                                                 gint64                  to_ms,
                                                 GError                **error);
GPtrArray       *rsb_store_plays_for_activity   (RsbStore               *self,
                                                 const RsbActivityInfo  *info,
                                                 GError                **error);
gboolean         rsb_store_refresh_matches      (RsbStore               *self,
                                                 gint64                  from_ms,
                                                 gint64                  to_ms,
                                                 GError                **error);
/* After a batch of rsb_store_add_play calls, before the commit: ends
 * what the batch left open and re-matches the workouts its plays
 * added, replaced or cut short touch. */
gboolean         rsb_store_finish_plays         (RsbStore               *self,
                                                 GError                **error);
gint64           rsb_store_count_plays          (RsbStore               *self);
gboolean         rsb_store_set_clock_offset     (RsbStore               *self,
                                                 gint64                  activity_id,
                                                 gint64                  offset_ms,
                                                 GError                **error);

/* Who is connected to a service and where its sync stands. Tokens are
 * never here: they live in the keyring (src/sync/rsb-secrets.h). */
typedef struct {
  char    *service;          /* "strava", "spotify" */
  char    *account_id;       /* athlete id / user id, or NULL */
  char    *display_name;
  gint64   connected_at_ms;
  char    *cursor;           /* provider cursor (Spotify: ms of the newest play) */
  gint64   last_sync_ms;     /* 0 = never */
  gint64   paused_until_ms;  /* a rate window is spent until then; 0 = not paused */
  gboolean needs_reconnect;  /* the refresh token was refused */
  char    *scopes;           /* scope names granted, space-separated; NULL when
                              * connected before the app kept them */
} RsbAccount;

RsbAccount *rsb_account_new  (const char *service);
void        rsb_account_free (RsbAccount *account);
/* Whether the user granted the scope when connecting; FALSE when the
 * account was connected before the granted scopes were kept. */
gboolean    rsb_account_has_scope (const RsbAccount *account,
                                   const char       *scope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbAccount, rsb_account_free)

/* NULL without an error when the service is not connected. */
RsbAccount      *rsb_store_get_account          (RsbStore               *self,
                                                 const char             *service,
                                                 GError                **error);
/* Inserts or replaces the account and its sync state; inside an open
 * transaction it joins it. */
gboolean         rsb_store_save_account         (RsbStore               *self,
                                                 const RsbAccount       *account,
                                                 GError                **error);
gboolean         rsb_store_remove_account       (RsbStore               *self,
                                                 const char             *service,
                                                 GError                **error);
/* Start (UTC ms) of the newest activity from a source, RSB_NO_TIME when none. */
gint64           rsb_store_newest_activity_start (RsbStore              *self,
                                                 const char             *source);
/* End (UTC ms) of the newest play from a source, RSB_NO_TIME when none. */
gint64           rsb_store_newest_play_end      (RsbStore               *self,
                                                 RsbPlaySource           source);

/* rsb-store-library.c: activities during which a song whose title and
 * artists hold every word of text was playing (gint64 ids, newest first). */
GArray          *rsb_store_activities_with_song (RsbStore               *self,
                                                 const char             *text,
                                                 GError                **error);

/* rsb-store-tempo.c: each source's tempo for a track; the winner by
 * DESIGN §9's order is what the track's plays then carry (RsbTrack.bpm,
 * bpm_source, bpm_confidence). Clearing a source lets the next speak. */
gboolean         rsb_store_set_track_tempo      (RsbStore               *self,
                                                 gint64                  track_id,
                                                 RsbTempoSource          source,
                                                 double                  bpm,
                                                 double                  confidence,
                                                 GError                **error);
gboolean         rsb_store_clear_track_tempo    (RsbStore               *self,
                                                 gint64                  track_id,
                                                 RsbTempoSource          source,
                                                 GError                **error);
/* NAN when that source has said nothing of the track. */
double           rsb_store_track_tempo_from     (RsbStore               *self,
                                                 gint64                  track_id,
                                                 RsbTempoSource          source,
                                                 double                 *confidence);
/* energy 0..1, NAN to forget it. */
gboolean         rsb_store_set_track_energy     (RsbStore               *self,
                                                 gint64                  track_id,
                                                 double                  energy,
                                                 GError                **error);

/* rsb-store-tempo-points.c: the Tempo page's measured song segments,
 * one packed BLOB a workout (its layout is rsb-tempo-collect.c's),
 * forgotten when the workout is re-matched. */
/* Workouts with songs whose points are not kept, or were kept under
 * another sport (gint64 ids). */
GArray          *rsb_store_tempo_points_missing (RsbStore               *self,
                                                 GError                **error);
gboolean         rsb_store_save_tempo_points    (RsbStore               *self,
                                                 gint64                  activity_id,
                                                 const char             *sport,
                                                 const void             *points,
                                                 gsize                   size,
                                                 GError                **error);
typedef void   (*RsbStoreTempoPointsFunc)       (gint64                  activity_id,
                                                 gint64                  start_ms,
                                                 const char             *sport,
                                                 const char             *name,
                                                 const void             *points,
                                                 gsize                   size,
                                                 gpointer                user_data);
gboolean         rsb_store_foreach_tempo_points (RsbStore               *self,
                                                 RsbStoreTempoPointsFunc func,
                                                 gpointer                user_data,
                                                 GError                **error);
/* rsb-store-playlists.c: a track by id (RSB_STORE_ERROR_NOT_FOUND when
 * the library has none); clear it with rsb_track_clear. */
gboolean         rsb_store_get_track            (RsbStore               *self,
                                                 gint64                  track_id,
                                                 RsbTrack               *track,
                                                 GError                **error);
/* The path of the user's own file the music scan matched to the track,
 * or NULL. */
char            *rsb_store_track_file           (RsbStore               *self,
                                                 gint64                  track_id);
/* A track with a known tempo, and how often it was heard. */
typedef struct {
  gint64  track_id;
  double  bpm;
  guint   n_workouts;   /* workouts during which it played */
  guint   n_plays;      /* plays in the whole history */
} RsbHeardTempo;
/* Every track with a known tempo (RsbHeardTempo, by id). */
GArray          *rsb_store_tracks_with_tempo    (RsbStore               *self,
                                                 GError                **error);

G_END_DECLS
