/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup-deezer.c: a lookup's Deezer half: by ISRC (Spotify's
 * when the library has none), else by search, through Deezer's quota. */
#include "config.h"

#include <math.h>

#include "rsb-tempo-lookup-private.h"
#include "rsb-deezer-api.h"
#include "rsb-json.h"
#include "rsb-reccobeats-api.h"
#include "rsb-store-lookups.h"
#include "rsb-sync-error.h"

/* Deezer counts per address, so every run of this process shares what
 * it learnt: until then, not one request. Runs take turns (one lookup
 * at a time in the app), so a plain variable does. */
static gint64 deezer_spent_until_ms;

void
rsb_tempo_lookup_forget_quota (void)
{
  deezer_spent_until_ms = 0;
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

      if (spent_until > rsb_tempo_lookup_now_ms ())
        {
          gint64 before = rsb_tempo_lookup_now_ms ();

          if (!rsb_tempo_lookup_wait_for_quota (self, service, spent_until, waited, cancellable, error))
            return NULL;
          waited += rsb_tempo_lookup_now_ms () - before;
        }
      node = rsb_catalogue_client_get_json (service->client, path, cancellable, error);
      if (node == NULL || !rsb_deezer_check (node, status, error))
        return NULL;
      if (*status != RSB_DEEZER_QUOTA)
        return g_steal_pointer (&node);

      now = rsb_tempo_lookup_now_ms ();
      rsb_catalogue_client_hold (service->client);
      deezer_spent_until_ms = now + backoff;
      g_debug ("Deezer: quota spent, waiting %" G_GINT64_FORMAT " ms", backoff);
      backoff *= 2;
    }
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
  if (!rsb_catalogue_sleep_until (rsb_request_window_next (self->spotify_window, rsb_tempo_lookup_now_ms ()), cancellable, NULL))
    return NULL;
  path = g_strconcat ("/tracks/", id, NULL);
  node = rsb_api_client_get_json (self->spotify, path, cancellable, &error);
  rsb_request_window_record (self->spotify_window, rsb_tempo_lookup_now_ms ());
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

gboolean
rsb_tempo_lookup_run_deezer (RsbTempoLookup  *self,
            Service         *service,
            GPtrArray       *tracks,
            GCancellable    *cancellable,
            GError         **error)
{
  /* Known spent for longer than the run may wait: not one request. */
  if (deezer_spent_until_ms - rsb_tempo_lookup_now_ms () > rsb_tempo_lookup_max_wait_ms (self, service))
    return rsb_tempo_lookup_stop_for_quota (service, deezer_spent_until_ms, error);
  for (guint i = 0; i < tracks->len; i++)
    {
      RsbLookupTrack *track = g_ptr_array_index (tracks, i);
      GError *local_error = NULL;
      double bpm;

      if (deezer_track (self, service, track, &bpm, cancellable, &local_error))
        {
          if (!rsb_tempo_lookup_store_answer (self, service, track->id, bpm, NAN, error))
            return FALSE;
          service->faults_in_a_row = 0;
        }
      else if (!rsb_tempo_lookup_judge_fault (service, local_error, error))
        {
          if (g_error_matches (*error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED) &&
              service->paused_until_ms == 0)
            service->paused_until_ms = deezer_spent_until_ms;
          return FALSE;
        }
      service->progress.n_done++;
      rsb_tempo_lookup_report (self, service);
    }
  return TRUE;
}
