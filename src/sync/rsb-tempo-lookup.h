/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup.h: fills missing tempi from Deezer and ReccoBeats.
 *
 * Asks each service given about the tracks it may still improve (no
 * tempo from a source ranked as high or higher, not asked before:
 * rsb-store-lookups.h), tracks heard during workouts first. Every
 * answer is recorded at once, so a run stopped by a quota, a fault or
 * a cancel resumes where it stopped, across runs, and nothing is asked
 * twice.
 *
 * Deezer: by ISRC (the track's, else Spotify's GET /tracks/{id} when a
 * Spotify client is given: paced, and cached in the track), else a
 * search by artist and title taking the candidate within 3 s of the
 * track's duration, then the track itself. Paced to 50 requests in any
 * 5 s; when Deezer says the quota is spent anyway (code 4: another
 * program on the same address), nothing is sent for a window, then
 * twice as long each time it is still spent, until the wait would be
 * longer than the maximum wait: then the run stops with
 * RSB_SYNC_ERROR_RATE_LIMITED and get_paused_until says when to come
 * back; until then no request goes to Deezer from this process.
 *
 * ReccoBeats: by Spotify track id, 40 a request; tempo and energy.
 *
 * A fault on one track (a stall, a 5xx, an HTML page, bad JSON) keeps
 * the track for later and goes on; three in a row stop that service.
 * The run then fails with the last fault's message, which names the
 * service.
 */
#pragma once

#include "rsb-api-client.h"
#include "rsb-catalogue-client.h"
#include "rsb-store.h"

G_BEGIN_DECLS

/* What each source's value is worth, 0..1. Deezer's BPM is the
 * catalogue's own figure for the exact recording (found by ISRC or a
 * duration match), mostly right but with the odd half/double-time
 * entry; ReccoBeats' tempo is an estimate computed from the audio, so
 * it carries an estimator's octave errors more often. */
#define RSB_TEMPO_DEEZER_CONFIDENCE      0.9
#define RSB_TEMPO_RECCOBEATS_CONFIDENCE  0.8

/* By default a quota that is still spent after waits adding up to more
 * than this many windows stops the run (a minute for Deezer). */
#define RSB_TEMPO_LOOKUP_MAX_WAIT_WINDOWS 12

typedef enum {
  RSB_TEMPO_SERVICE_DEEZER,
  RSB_TEMPO_SERVICE_RECCOBEATS,
  RSB_TEMPO_N_SERVICES
} RsbTempoService;

/* "deezer", "reccobeats" (settings keys, command line) */
const char *rsb_tempo_service_id           (RsbTempoService  service);
const char *rsb_tempo_service_display_name (RsbTempoService  service);
gboolean    rsb_tempo_service_from_id      (const char      *id,
                                            RsbTempoService *service);

typedef struct {
  RsbTempoService service;
  guint           n_tracks;        /* to look up in this run */
  guint           n_done;          /* asked (answered or failed) */
  guint           n_found;         /* tempi stored */
  gint64          paused_until_ms; /* waiting for the quota, else 0 */
} RsbTempoLookupProgress;

typedef void (*RsbTempoLookupProgressFunc) (const RsbTempoLookupProgress *progress,
                                            gpointer                      user_data);

#define RSB_TYPE_TEMPO_LOOKUP (rsb_tempo_lookup_get_type ())
G_DECLARE_FINAL_TYPE (RsbTempoLookup, rsb_tempo_lookup, RSB, TEMPO_LOOKUP, GObject)

RsbTempoLookup     *rsb_tempo_lookup_new              (RsbStore                   *store);

/* Clients for the real services, base URLs from RSB_DEEZER_API_URL /
 * RSB_RECCOBEATS_API_URL. Deezer's clients all pace by one window for
 * the whole process (its quota counts per address, across runs); its
 * length comes from RSB_DEEZER_QUOTA_WINDOW_MS, for tests. */
RsbCatalogueClient *rsb_tempo_lookup_new_client       (RsbTempoService             service,
                                                       GError                    **error);

/* Spotify's client for ISRCs when an account is connected and its
 * tokens are in the keyring; NULL (and nothing asked of the keyring)
 * when no Spotify account is in the library. */
RsbApiClient       *rsb_tempo_lookup_spotify_client   (RsbStore                   *store,
                                                       GCancellable               *cancellable);

/* A service without a client is not asked: a client is the consent. */
void                rsb_tempo_lookup_set_client       (RsbTempoLookup             *self,
                                                       RsbTempoService             service,
                                                       RsbCatalogueClient         *client);
/* Optional: Spotify, for ISRCs. */
void                rsb_tempo_lookup_set_spotify      (RsbTempoLookup             *self,
                                                       RsbApiClient               *client);
void                rsb_tempo_lookup_set_max_wait_ms  (RsbTempoLookup             *self,
                                                       gint64                      max_wait_ms);
void                rsb_tempo_lookup_set_progress     (RsbTempoLookup             *self,
                                                       RsbTempoLookupProgressFunc  func,
                                                       gpointer                    user_data);

/* Runs on the calling thread (a worker: it blocks). */
gboolean            rsb_tempo_lookup_run              (RsbTempoLookup             *self,
                                                       GCancellable               *cancellable,
                                                       GError                    **error);

guint               rsb_tempo_lookup_get_n_found      (RsbTempoLookup             *self,
                                                       RsbTempoService             service);
/* Tracks kept for later after a fault. */
guint               rsb_tempo_lookup_get_n_failed     (RsbTempoLookup             *self,
                                                       RsbTempoService             service);
/* After a stop for the quota: when the service can be asked again. */
gint64              rsb_tempo_lookup_get_paused_until (RsbTempoLookup             *self,
                                                       RsbTempoService             service);

/* This process's knowledge that Deezer's quota is spent, shared by
 * every run (0: not known spent). For tests. */
void                rsb_tempo_lookup_forget_quota     (void);

G_END_DECLS
