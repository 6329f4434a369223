/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup.c: fills missing tempi from Deezer and ReccoBeats. */
#include "config.h"

#include <math.h>

#include "rsb-tempo-lookup-private.h"
#include "rsb-deezer-api.h"
#include "rsb-http.h"
#include "rsb-json.h"
#include "rsb-rate-limit.h"
#include "rsb-reccobeats-api.h"
#include "rsb-store-lookups.h"
#include "rsb-sync-error.h"

/* Three faults in a row mean the service is down, not one bad answer. */
#define MAX_FAULTS_IN_A_ROW 3

G_DEFINE_FINAL_TYPE (RsbTempoLookup, rsb_tempo_lookup, G_TYPE_OBJECT)

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

gint64
rsb_tempo_lookup_now_ms (void)
{
  return g_get_real_time () / 1000;
}

void
rsb_tempo_lookup_report (RsbTempoLookup *self,
        Service        *service)
{
  if (self->progress != NULL)
    self->progress (&service->progress, self->progress_data);
}

gint64
rsb_tempo_lookup_max_wait_ms (RsbTempoLookup *self,
             Service        *service)
{
  if (self->max_wait_ms > 0)
    return self->max_wait_ms;
  return rsb_request_window_get_ms (rsb_catalogue_client_get_window (service->client)) *
         RSB_TEMPO_LOOKUP_MAX_WAIT_WINDOWS;
}

/* Stops the service until until_ms: the caller returns FALSE. */
gboolean
rsb_tempo_lookup_stop_for_quota (Service  *service,
                gint64    until_ms,
                GError  **error)
{
  service->paused_until_ms = until_ms;
  rsb_rate_limit_set_error (error, services[service->progress.service].name, until_ms);
  return FALSE;
}

/* Waits until until_ms, shown as a pause, unless that is longer than
 * the run may wait. */
gboolean
rsb_tempo_lookup_wait_for_quota (RsbTempoLookup  *self,
                Service         *service,
                gint64           until_ms,
                gint64           waited_ms,
                GCancellable    *cancellable,
                GError         **error)
{
  if (waited_ms + (until_ms - rsb_tempo_lookup_now_ms ()) > rsb_tempo_lookup_max_wait_ms (self, service))
    return rsb_tempo_lookup_stop_for_quota (service, until_ms, error);
  service->progress.paused_until_ms = until_ms;
  rsb_tempo_lookup_report (self, service);
  if (!rsb_catalogue_sleep_until (until_ms, cancellable, error))
    return FALSE;
  service->progress.paused_until_ms = 0;
  rsb_tempo_lookup_report (self, service);
  return TRUE;
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

gboolean
rsb_tempo_lookup_store_answer (RsbTempoLookup  *self,
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
  /* Energy is kept whatever the tempo said: a track with a tag or a
   * Deezer tempo is asked of ReccoBeats for its energy alone. */
  if (isfinite (energy) && !rsb_store_set_track_energy (self->store, track_id, energy, error))
    {
      rsb_store_rollback (self->store);
      return FALSE;
    }
  if (rsb_tempo_bpm_is_valid (bpm))
    {
      status = RSB_LOOKUP_FOUND;
      if (!rsb_store_set_track_tempo (self->store, track_id, services[which].source, bpm,
                                      which == RSB_TEMPO_SERVICE_DEEZER ? RSB_TEMPO_DEEZER_CONFIDENCE
                                                                        : RSB_TEMPO_RECCOBEATS_CONFIDENCE,
                                      error))
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
gboolean
rsb_tempo_lookup_judge_fault (Service  *service,
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
  rsb_tempo_lookup_report (self, service);
  if (tracks->len == 0)
    return TRUE;
  if (which == RSB_TEMPO_SERVICE_DEEZER)
    ok = rsb_tempo_lookup_run_deezer (self, service, tracks, cancellable, error);
  else
    ok = rsb_tempo_lookup_run_reccobeats (self, service, tracks, cancellable, error);
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
