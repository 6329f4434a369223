/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup-private.h: what the lookup runner (rsb-tempo-lookup.c)
 * shares with its Deezer and ReccoBeats halves, and nothing else sees. */
#pragma once

#include "rsb-tempo-lookup.h"

G_BEGIN_DECLS

/* Spotify's limits for Development Mode apps are not published: two
 * single-track requests a second stays far below any seen. */
#define SPOTIFY_REQUESTS  10
#define SPOTIFY_WINDOW_MS 5000

/* One service's state in a run. */
typedef struct {
  RsbCatalogueClient     *client;
  guint                   n_found;
  guint                   n_failed;
  guint                   faults_in_a_row;
  gint64                  paused_until_ms;
  GError                 *fault;      /* the last one */
  RsbTempoLookupProgress  progress;
} Service;

struct _RsbTempoLookup
{
  GObject                     parent_instance;

  RsbStore                   *store;
  Service                     services[RSB_TEMPO_N_SERVICES];
  RsbApiClient               *spotify;
  RsbRequestWindow           *spotify_window;
  gboolean                    spotify_failed;
  gint64                      max_wait_ms;   /* 0: the default */
  RsbTempoLookupProgressFunc  progress;
  gpointer                    progress_data;
};

/* UTC ms. */
gint64   rsb_tempo_lookup_now_ms         (void);
void     rsb_tempo_lookup_report         (RsbTempoLookup  *self,
                                          Service         *service);
/* How long a run may wait for a quota before it stops. */
gint64   rsb_tempo_lookup_max_wait_ms    (RsbTempoLookup  *self,
                                          Service         *service);
/* Sets RATE_LIMITED for the service until until_ms; returns FALSE. */
gboolean rsb_tempo_lookup_stop_for_quota (Service         *service,
                                          gint64           until_ms,
                                          GError         **error);
/* Waits until until_ms (UTC), shown as a pause, unless waited_ms plus
 * that is longer than the run may wait: then stops. */
gboolean rsb_tempo_lookup_wait_for_quota (RsbTempoLookup  *self,
                                          Service         *service,
                                          gint64           until_ms,
                                          gint64           waited_ms,
                                          GCancellable    *cancellable,
                                          GError         **error);
/* Records what the service said of a track in one transaction: bpm
 * valid (a tempo, and energy when finite), 0 ("unknown"), negative
 * ("missing"). */
gboolean rsb_tempo_lookup_store_answer   (RsbTempoLookup  *self,
                                          Service         *service,
                                          gint64           track_id,
                                          double           bpm,
                                          double           energy,
                                          GError         **error);
/* A fault on one request (local_error, taken): TRUE to go on with the
 * next track, FALSE (error set) when the service must stop. */
gboolean rsb_tempo_lookup_judge_fault    (Service         *service,
                                          GError          *local_error,
                                          GError         **error);

/* rsb-tempo-lookup-deezer.c / -reccobeats.c: every track given. */
gboolean rsb_tempo_lookup_run_deezer     (RsbTempoLookup  *self,
                                          Service         *service,
                                          GPtrArray       *tracks,
                                          GCancellable    *cancellable,
                                          GError         **error);
gboolean rsb_tempo_lookup_run_reccobeats (RsbTempoLookup  *self,
                                          Service         *service,
                                          GPtrArray       *tracks,
                                          GCancellable    *cancellable,
                                          GError         **error);

G_END_DECLS
