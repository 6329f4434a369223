/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup.c: fills missing tempi from Deezer and ReccoBeats. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rsb-tempo-lookup.h"
#include "rsb-deezer-api.h"
#include "rsb-http.h"
#include "rsb-json.h"
#include "rsb-rate-limit.h"
#include "rsb-reccobeats-api.h"
#include "rsb-store-lookups.h"
#include "rsb-sync-error.h"

/* Three faults in a row mean the service is down, not one bad answer. */
#define MAX_FAULTS_IN_A_ROW 3
/* Spotify's limits for Development Mode apps are not published: two
 * single-track requests a second stays far below any seen. */
#define SPOTIFY_REQUESTS  10
#define SPOTIFY_WINDOW_MS 5000

typedef struct {
  RsbCatalogueClient *client;
  guint               n_found;
  guint               n_failed;
  guint               faults_in_a_row;
  gint64              paused_until_ms;
  GError             *fault;      /* the last one */
  RsbTempoLookupProgress progress;
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

G_DEFINE_FINAL_TYPE (RsbTempoLookup, rsb_tempo_lookup, G_TYPE_OBJECT)

/* Deezer counts per address, so every run of this process shares what
 * it learnt: until then, not one request. Runs take turns (one lookup
 * at a time in the app), so a plain variable does. */
static gint64 deezer_spent_until_ms;

void
rsb_tempo_lookup_forget_quota (void)
{
  deezer_spent_until_ms = 0;
}

static const struct {
  const char *id;
  const char *name;
  const char *table_name;
  RsbTempoSource source;
} services[RSB_TEMPO_N_SERVICES] = {
  [RSB_TEMPO_SERVICE_DEEZER] = { "deezer", "Deezer", RSB_LOOKUP_DEEZER, RSB_TEMPO_SOURCE_DEEZER },
  [RSB_TEMPO_SERVICE_RECCOBEATS] = { "reccobeats", "ReccoBeats", RSB_LOOKUP_RECCOBEATS, RSB_TEMPO_SOURCE_RECCOBEATS },
};

const char *
rsb_tempo_service_id (RsbTempoService service)
{
  g_return_val_if_fail (service < RSB_TEMPO_N_SERVICES, NULL);
  return services[service].id;
}

const char *
rsb_tempo_service_display_name (RsbTempoService service)
{
  g_return_val_if_fail (service < RSB_TEMPO_N_SERVICES, NULL);
  return services[service].name;
}

gboolean
rsb_tempo_service_from_id (const char      *id,
                           RsbTempoService *service)
{
  for (guint i = 0; i < RSB_TEMPO_N_SERVICES; i++)
    if (g_strcmp0 (id, services[i].id) == 0)
      {
        *service = i;
        return TRUE;
      }
  return FALSE;
}

static void
rsb_tempo_lookup_finalize (GObject *object)
{
  RsbTempoLookup *self = RSB_TEMPO_LOOKUP (object);

  for (guint i = 0; i < RSB_TEMPO_N_SERVICES; i++)
    {
      g_clear_object (&self->services[i].client);
      g_clear_error (&self->services[i].fault);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->spotify);
  g_clear_pointer (&self->spotify_window, rsb_request_window_free);
  G_OBJECT_CLASS (rsb_tempo_lookup_parent_class)->finalize (object);
}

static void
rsb_tempo_lookup_class_init (RsbTempoLookupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_tempo_lookup_finalize;
}

static void
rsb_tempo_lookup_init (RsbTempoLookup *self)
{
  self->spotify_window = rsb_request_window_new (SPOTIFY_REQUESTS, SPOTIFY_WINDOW_MS);
}

RsbTempoLookup *
rsb_tempo_lookup_new (RsbStore *store)
{
  RsbTempoLookup *self;

  g_return_val_if_fail (RSB_IS_STORE (store), NULL);

  self = g_object_new (RSB_TYPE_TEMPO_LOOKUP, NULL);
  self->store = g_object_ref (store);
  return self;
}

RsbCatalogueClient *
rsb_tempo_lookup_new_client (RsbTempoService   service,
                             GError          **error)
{
  g_autofree char *url = NULL;

  if (service == RSB_TEMPO_SERVICE_DEEZER)
    {
      /* Deezer counts per address: the last run's requests still count
       * in the next one, so every client of the process shares one
       * window. */
      static RsbRequestWindow *deezer_window;

      if (g_once_init_enter (&deezer_window))
        g_once_init_leave (&deezer_window, rsb_request_window_new (RSB_DEEZER_QUOTA_REQUESTS,
                                                                   rsb_deezer_quota_window_ms ()));
      url = rsb_catalogue_client_url_from_env (RSB_DEEZER_URL_ENV, RSB_DEEZER_DEFAULT_URL, error);
      return url != NULL ? rsb_catalogue_client_new_shared ("Deezer", url, deezer_window, error) : NULL;
    }
  url = rsb_catalogue_client_url_from_env (RSB_RECCOBEATS_URL_ENV, RSB_RECCOBEATS_DEFAULT_URL, error);
  return url != NULL ? rsb_catalogue_client_new ("ReccoBeats", url, RSB_RECCOBEATS_REQUESTS,
                                                 RSB_RECCOBEATS_WINDOW_MS, error) : NULL;
}

RsbApiClient *
rsb_tempo_lookup_spotify_client (RsbStore     *store,
                                 GCancellable *cancellable)
{
  g_autoptr(RsbAccount) account = rsb_store_get_account (store, rsb_service_id (RSB_SERVICE_SPOTIFY), NULL);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(RsbTokenSource) tokens = NULL;
  g_autoptr(GError) error = NULL;
  RsbApiClient *client;

  if (account == NULL || account->needs_reconnect)
    return NULL;
  session = rsb_http_session_new ();
  tokens = rsb_token_source_new_from_keyring (RSB_SERVICE_SPOTIFY, session, cancellable, &error);
  if (tokens == NULL || (client = rsb_api_client_new_for_service (tokens, &error)) == NULL)
    {
      /* Deezer's search by title still works without it. */
      g_message ("Spotify ISRCs unavailable: %s", error->message);
      return NULL;
    }
  return client;
}

void
rsb_tempo_lookup_set_client (RsbTempoLookup     *self,
                             RsbTempoService     service,
                             RsbCatalogueClient *client)
{
  g_return_if_fail (RSB_IS_TEMPO_LOOKUP (self));
  g_return_if_fail (service < RSB_TEMPO_N_SERVICES);

  g_set_object (&self->services[service].client, client);
}

void
rsb_tempo_lookup_set_spotify (RsbTempoLookup *self,
                              RsbApiClient   *client)
{
  g_return_if_fail (RSB_IS_TEMPO_LOOKUP (self));

  g_set_object (&self->spotify, client);
}

void
rsb_tempo_lookup_set_max_wait_ms (RsbTempoLookup *self,
                                  gint64          max_wait_ms)
{
  self->max_wait_ms = MAX (max_wait_ms, 0);
}

void
rsb_tempo_lookup_set_progress (RsbTempoLookup             *self,
                               RsbTempoLookupProgressFunc  func,
                               gpointer                    user_data)
{
  self->progress = func;
  self->progress_data = user_data;
}

guint
rsb_tempo_lookup_get_n_found (RsbTempoLookup  *self,
                              RsbTempoService  service)
{
  return self->services[service].n_found;
}

guint
rsb_tempo_lookup_get_n_failed (RsbTempoLookup  *self,
                               RsbTempoService  service)
{
  return self->services[service].n_failed;
}

gint64
rsb_tempo_lookup_get_paused_until (RsbTempoLookup  *self,
                                   RsbTempoService  service)
{
  return self->services[service].paused_until_ms;
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static void
report (RsbTempoLookup *self,
        Service        *service)
{
  if (self->progress != NULL)
    self->progress (&service->progress, self->progress_data);
}

static gint64
max_wait_ms (RsbTempoLookup *self,
             Service        *service)
{
  if (self->max_wait_ms > 0)
    return self->max_wait_ms;
  return rsb_request_window_get_ms (rsb_catalogue_client_get_window (service->client)) *
         RSB_TEMPO_LOOKUP_MAX_WAIT_WINDOWS;
}

/* Stops the service until until_ms: the caller returns FALSE. */
static gboolean
stop_for_quota (Service  *service,
                gint64    until_ms,
                GError  **error)
{
  service->paused_until_ms = until_ms;
  rsb_rate_limit_set_error (error, services[service->progress.service].name, until_ms);
  return FALSE;
}

/* Waits until until_ms, shown as a pause, unless that is longer than
 * the run may wait. */
static gboolean
wait_for_quota (RsbTempoLookup  *self,
                Service         *service,
                gint64           until_ms,
                gint64           waited_ms,
                GCancellable    *cancellable,
                GError         **error)
{
  if (waited_ms + (until_ms - now_ms ()) > max_wait_ms (self, service))
    return stop_for_quota (service, until_ms, error);
  service->progress.paused_until_ms = until_ms;
  report (self, service);
  if (!rsb_catalogue_sleep_until (until_ms, cancellable, error))
    return FALSE;
  service->progress.paused_until_ms = 0;
  report (self, service);
  return TRUE;
}

/* One Deezer request, through its quota: on code 4 nothing goes for a
 * window, then for twice as long each time it is still spent. NULL
 * with an error, or the answer (not a quota error) and its status. */
static JsonNode *
deezer_get (RsbTempoLookup   *self,
            Service          *service,
            const char       *path,
            RsbDeezerStatus  *status,
            GCancellable     *cancellable,
            GError          **error)
{
  RsbRequestWindow *window = rsb_catalogue_client_get_window (service->client);
  gint64 backoff = rsb_request_window_get_ms (window);
  gint64 waited = 0;

  for (;;)
    {
      g_autoptr(JsonNode) node = NULL;
      gint64 spent_until = deezer_spent_until_ms;
      gint64 now;

      if (spent_until > now_ms ())
        {
          gint64 before = now_ms ();

          if (!wait_for_quota (self, service, spent_until, waited, cancellable, error))
            return NULL;
          waited += now_ms () - before;
        }
      node = rsb_catalogue_client_get_json (service->client, path, cancellable, error);
      if (node == NULL || !rsb_deezer_check (node, status, error))
        return NULL;
      if (*status != RSB_DEEZER_QUOTA)
        return g_steal_pointer (&node);

      now = now_ms ();
      rsb_catalogue_client_hold (service->client);
      deezer_spent_until_ms = now + backoff;
      g_debug ("Deezer: quota spent, waiting %" G_GINT64_FORMAT " ms", backoff);
      backoff *= 2;
    }
}

static void
fault (Service *service,
       GError  *error)
{
  service->n_failed++;
  service->faults_in_a_row++;
  g_clear_error (&service->fault);
  service->fault = error;
}

/* Spotify's GET /tracks/{id}: TrackObject.external_ids.isrc. */
static char *
spotify_isrc (RsbTempoLookup  *self,
              RsbLookupTrack  *track,
              GCancellable    *cancellable)
{
  g_autofree char *id = rsb_reccobeats_spotify_id (track->uri);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *isrc;

  if (self->spotify == NULL || self->spotify_failed || track->spotify_asked || id == NULL)
    return NULL;
  if (!rsb_catalogue_sleep_until (rsb_request_window_next (self->spotify_window, now_ms ()), cancellable, NULL))
    return NULL;
  path = g_strconcat ("/tracks/", id, NULL);
  node = rsb_api_client_get_json (self->spotify, path, cancellable, &error);
  rsb_request_window_record (self->spotify_window, now_ms ());
  if (node == NULL)
    {
      if (rsb_api_client_get_last_status (self->spotify) == SOUP_STATUS_NOT_FOUND)
        rsb_store_record_tempo_lookup (self->store, track->id, RSB_LOOKUP_SPOTIFY, RSB_LOOKUP_MISSING, NULL);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Without Spotify the search by title still works. */
          g_message ("%s", error->message);
          self->spotify_failed = TRUE;
        }
      return NULL;
    }
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  isrc = rsb_json_member_string (rsb_json_member_object (object, "external_ids"), "isrc");
  if (isrc == NULL || *isrc == '\0')
    {
      rsb_store_record_tempo_lookup (self->store, track->id, RSB_LOOKUP_SPOTIFY, RSB_LOOKUP_MISSING, NULL);
      return NULL;
    }
  if (rsb_store_set_track_isrc (self->store, track->id, isrc, NULL))
    rsb_store_record_tempo_lookup (self->store, track->id, RSB_LOOKUP_SPOTIFY, RSB_LOOKUP_FOUND, NULL);
  return g_strdup (isrc);
}

/* The Deezer id of the track by search, 0 when no candidate fits. */
static gboolean
deezer_search (RsbTempoLookup  *self,
               Service         *service,
               RsbLookupTrack  *track,
               gint64          *id,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autofree char *path = rsb_deezer_search_path (track->artists, track->title);
  g_autoptr(JsonNode) node = NULL;
  RsbDeezerStatus status;

  *id = 0;
  node = deezer_get (self, service, path, &status, cancellable, error);
  if (node == NULL)
    return FALSE;
  if (status == RSB_DEEZER_NO_DATA)
    return TRUE;
  return rsb_deezer_pick_candidate (node, track->duration_ms, id, error);
}

/* Asks Deezer about one track; *status_out is what to record, NULL
 * when the track is kept for later. */
static gboolean
deezer_track (RsbTempoLookup  *self,
              Service         *service,
              RsbLookupTrack  *track,
              double          *bpm,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autofree char *isrc = track->isrc != NULL ? g_strdup (track->isrc)
                                              : spotify_isrc (self, track, cancellable);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  RsbDeezerStatus status = RSB_DEEZER_NO_DATA;
  gint64 id = 0;

  *bpm = -1;   /* not in the catalogue */
  if (isrc != NULL)
    {
      path = rsb_deezer_isrc_path (isrc);
      if ((node = deezer_get (self, service, path, &status, cancellable, error)) == NULL)
        return FALSE;
    }
  if (status == RSB_DEEZER_NO_DATA)
    {
      g_clear_pointer (&node, json_node_unref);
      if (!deezer_search (self, service, track, &id, cancellable, error))
        return FALSE;
      if (id == 0)
        return TRUE;
      g_free (path);
      path = rsb_deezer_track_path (id);
      if ((node = deezer_get (self, service, path, &status, cancellable, error)) == NULL)
        return FALSE;
      if (status == RSB_DEEZER_NO_DATA)
        return TRUE;
    }
  return rsb_deezer_parse_track (node, bpm, error);
}

static gboolean
store_answer (RsbTempoLookup  *self,
              Service         *service,
              gint64           track_id,
              double           bpm,
              double           energy,
              GError         **error)
{
  RsbTempoService which = service->progress.service;
  const char *status = bpm < 0 ? RSB_LOOKUP_MISSING : RSB_LOOKUP_UNKNOWN;

  if (!rsb_store_begin (self->store, error))
    return FALSE;
  if (rsb_tempo_bpm_is_valid (bpm))
    {
      status = RSB_LOOKUP_FOUND;
      if (!rsb_store_set_track_tempo (self->store, track_id, services[which].source, bpm,
                                      which == RSB_TEMPO_SERVICE_DEEZER ? RSB_TEMPO_DEEZER_CONFIDENCE
                                                                        : RSB_TEMPO_RECCOBEATS_CONFIDENCE,
                                      error) ||
          (isfinite (energy) && !rsb_store_set_track_energy (self->store, track_id, energy, error)))
        {
          rsb_store_rollback (self->store);
          return FALSE;
        }
      service->n_found++;
      service->progress.n_found++;
    }
  if (!rsb_store_record_tempo_lookup (self->store, track_id, services[which].table_name, status, error) ||
      !rsb_store_commit (self->store, error))
    {
      rsb_store_rollback (self->store);
      return FALSE;
    }
  return TRUE;
}

/* FALSE when the service must stop: error set. */
static gboolean
judge_fault (Service  *service,
             GError   *local_error,
             GError  **error)
{
  if (local_error->domain != RSB_SYNC_ERROR ||
      local_error->code == RSB_SYNC_ERROR_RATE_LIMITED)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  fault (service, local_error);
  if (service->faults_in_a_row < MAX_FAULTS_IN_A_ROW)
    return TRUE;
  g_propagate_error (error, g_error_copy (service->fault));
  return FALSE;
}

static gboolean
run_deezer (RsbTempoLookup  *self,
            Service         *service,
            GPtrArray       *tracks,
            GCancellable    *cancellable,
            GError         **error)
{
  for (guint i = 0; i < tracks->len; i++)
    {
      RsbLookupTrack *track = g_ptr_array_index (tracks, i);
      GError *local_error = NULL;
      double bpm;

      if (deezer_track (self, service, track, &bpm, cancellable, &local_error))
        {
          if (!store_answer (self, service, track->id, bpm, NAN, error))
            return FALSE;
          service->faults_in_a_row = 0;
        }
      else if (!judge_fault (service, local_error, error))
        {
          if (g_error_matches (*error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED) &&
              service->paused_until_ms == 0)
            service->paused_until_ms = deezer_spent_until_ms;
          return FALSE;
        }
      service->progress.n_done++;
      report (self, service);
    }
  return TRUE;
}

static gboolean
reccobeats_batch (RsbTempoLookup  *self,
                  Service         *service,
                  GPtrArray       *tracks,
                  guint            first,
                  guint            n,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) features = NULL;
  gint64 waited = 0;

  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (ids, rsb_reccobeats_spotify_id (((RsbLookupTrack *) g_ptr_array_index (tracks, i))->uri));
  path = rsb_reccobeats_features_path ((const char * const *) ids->pdata, ids->len);
  for (;;)
    {
      g_autoptr(JsonNode) node = NULL;
      GError *local_error = NULL;
      gint64 before;

      node = rsb_catalogue_client_get_json (service->client, path, cancellable, &local_error);
      if (node != NULL && (features = rsb_reccobeats_parse_features (node, &local_error)) != NULL)
        break;
      if (!g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
        {
          service->n_failed += n - 1;
          return judge_fault (service, local_error, error);
        }
      g_clear_error (&local_error);
      before = now_ms ();
      if (!wait_for_quota (self, service, rsb_catalogue_client_get_paused_until (service->client),
                           waited, cancellable, error))
        return FALSE;
      waited += now_ms () - before;
    }
  service->faults_in_a_row = 0;
  for (guint i = 0; i < n; i++)
    {
      RsbLookupTrack *track = g_ptr_array_index (tracks, first + i);
      RsbReccoBeatsFeatures *found = g_hash_table_lookup (features, g_ptr_array_index (ids, i));

      if (!store_answer (self, service, track->id, found != NULL ? found->tempo : -1,
                         found != NULL ? found->energy : NAN, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_reccobeats (RsbTempoLookup  *self,
                Service         *service,
                GPtrArray       *tracks,
                GCancellable    *cancellable,
                GError         **error)
{
  for (guint first = 0; first < tracks->len; first += RSB_RECCOBEATS_MAX_IDS)
    {
      guint n = MIN (RSB_RECCOBEATS_MAX_IDS, tracks->len - first);

      if (!reccobeats_batch (self, service, tracks, first, n, cancellable, error))
        return FALSE;
      service->progress.n_done += n;
      report (self, service);
    }
  return TRUE;
}

static gboolean
run_service (RsbTempoLookup   *self,
             RsbTempoService   which,
             GCancellable     *cancellable,
             GError          **error)
{
  Service *service = &self->services[which];
  g_autoptr(GPtrArray) tracks = NULL;
  gboolean ok;

  service->progress = (RsbTempoLookupProgress) { .service = which };
  service->paused_until_ms = 0;
  tracks = rsb_store_tracks_for_lookup (self->store, services[which].source, services[which].table_name,
                                        which == RSB_TEMPO_SERVICE_RECCOBEATS, error);
  if (tracks == NULL)
    return FALSE;
  service->progress.n_tracks = tracks->len;
  report (self, service);
  if (tracks->len == 0)
    return TRUE;
  /* Known spent for longer than the run may wait: not one request. */
  if (which == RSB_TEMPO_SERVICE_DEEZER && deezer_spent_until_ms - now_ms () > max_wait_ms (self, service))
    return stop_for_quota (service, deezer_spent_until_ms, error);
  if (which == RSB_TEMPO_SERVICE_DEEZER)
    ok = run_deezer (self, service, tracks, cancellable, error);
  else
    ok = run_reccobeats (self, service, tracks, cancellable, error);
  if (ok && service->fault != NULL)
    {
      /* Tracks were kept for later: say why. */
      g_propagate_error (error, g_error_copy (service->fault));
      return FALSE;
    }
  return ok;
}

gboolean
rsb_tempo_lookup_run (RsbTempoLookup  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  GError *first_error = NULL;

  g_return_val_if_fail (RSB_IS_TEMPO_LOOKUP (self), FALSE);

  for (guint i = 0; i < RSB_TEMPO_N_SERVICES; i++)
    {
      Service *service = &self->services[i];
      GError *local_error = NULL;

      if (service->client == NULL)
        continue;
      service->n_found = service->n_failed = service->faults_in_a_row = 0;
      g_clear_error (&service->fault);
      if (run_service (self, i, cancellable, &local_error))
        continue;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&first_error);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      /* One service stopping does not stop the other. */
      if (first_error == NULL)
        first_error = local_error;
      else
        g_error_free (local_error);
    }
  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}
