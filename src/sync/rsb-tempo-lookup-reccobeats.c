/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-lookup-reccobeats.c: a lookup's ReccoBeats half: tempo and
 * energy by Spotify id, 40 a request, a 429 waited out. */
#include "config.h"

#include <math.h>

#include "rsb-tempo-lookup-private.h"
#include "rsb-reccobeats-api.h"
#include "rsb-store-lookups.h"
#include "rsb-sync-error.h"

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
          return rsb_tempo_lookup_judge_fault (service, local_error, error);
        }
      g_clear_error (&local_error);
      before = rsb_tempo_lookup_now_ms ();
      if (!rsb_tempo_lookup_wait_for_quota (self, service, rsb_catalogue_client_get_paused_until (service->client),
                           waited, cancellable, error))
        return FALSE;
      waited += rsb_tempo_lookup_now_ms () - before;
    }
  service->faults_in_a_row = 0;
  for (guint i = 0; i < n; i++)
    {
      RsbLookupTrack *track = g_ptr_array_index (tracks, first + i);
      RsbReccoBeatsFeatures *found = g_hash_table_lookup (features, g_ptr_array_index (ids, i));

      if (!rsb_tempo_lookup_store_answer (self, service, track->id, found != NULL ? found->tempo : -1,
                         found != NULL ? found->energy : NAN, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rsb_tempo_lookup_run_reccobeats (RsbTempoLookup  *self,
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
      rsb_tempo_lookup_report (self, service);
    }
  return TRUE;
}
