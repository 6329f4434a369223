/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-strava-sync.c: brings new Strava activities into the library.
 *
 * Listing first and fetching oldest first is what makes a run
 * resumable: whatever stops it, every stored activity is older than
 * every missing one, so after= the newest stored start finds the rest.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-strava-sync.h"
#include "rsb-strava-api.h"
#include "rsb-sync-error.h"
#include "rsb-sync-run.h"

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const RsbStravaSummary *sa = *(RsbStravaSummary * const *) a;
  const RsbStravaSummary *sb = *(RsbStravaSummary * const *) b;

  return (sa->info->start_ms > sb->info->start_ms) - (sa->info->start_ms < sb->info->start_ms);
}

/* No athlete has 200,000 activities: a server that ignores page= must
 * not keep a sync listing forever. */
#define MAX_PAGES 1000

/* Every activity that started after after_s, oldest first. */
static GPtrArray *
list_activities (RsbSyncRun    *run,
                 gint64         after_s,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_strava_summary_free);

  for (guint page = 1; page <= MAX_PAGES; page++)
    {
      guint n_listed;

      g_autofree char *path = rsb_strava_activities_path (after_s, page, RSB_STRAVA_PER_PAGE);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) list = NULL;

      rsb_sync_run_progress (run, -1, 0, _("Listing new Strava activities (%u so far)"), all->len);
      node = rsb_api_client_get_json (run->client, path, cancellable, error);
      if (node == NULL || (list = rsb_strava_parse_activity_list (node, error)) == NULL)
        return NULL;
      n_listed = list->len;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&list));
      if (n_listed < RSB_STRAVA_PER_PAGE)
        break;
    }
  g_ptr_array_sort (all, compare_start);
  return g_steal_pointer (&all);
}

/* NULL without an error when the activity has no streams: entered by
 * hand, or gone (404) since it was listed. */
static RsbStreams *
fetch_streams (RsbSyncRun        *run,
               RsbStravaSummary  *summary,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  RsbStreams *streams;

  if (summary->manual)
    return NULL;
  path = rsb_strava_streams_path (summary->info->source_id);
  node = rsb_api_client_get_json (run->client, path, cancellable, &local_error);
  /* An answer about this one activity that will not change (gone,
   * refused, or streams that do not fit together) keeps the activity
   * without its route: the sync must not stop at it every time. What
   * may pass (a cut connection, a rate window) stops the run instead. */
  if (node == NULL && !g_error_matches (local_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_HTTP))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (node != NULL)
    streams = rsb_strava_parse_streams (node, summary->info->source_id, &local_error);
  else
    streams = NULL;
  if (streams == NULL)
    {
      g_message ("Strava activity %s is kept without its route: %s",
                 summary->info->source_id, local_error ? local_error->message : "no streams");
      return NULL;
    }
  if (streams->n_points == 0)
    g_clear_pointer (&streams, rsb_streams_free);
  return streams;
}

static gint64
store_activity (RsbStore         *store,
                RsbActivityInfo  *info,
                RsbStreams       *streams,
                GError          **error)
{
  gint64 id;

  if (!rsb_store_begin (store, error))
    return 0;
  id = rsb_store_add_activity (store, info, streams, error);
  if (id == 0 || !rsb_store_commit (store, error))
    {
      rsb_store_rollback (store);
      return 0;
    }
  return id;
}

static gboolean
fetch_activity (RsbSyncRun        *run,
                RsbStravaSummary  *summary,
                guint              index,
                guint              n,
                GCancellable      *cancellable,
                GError           **error)
{
  RsbActivityInfo *info = summary->info;
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  /* Same Strava id from a bulk export, or the same workout from a file. */
  if (rsb_store_find_activity (run->store, info) != 0)
    {
      run->summary->n_known++;
      return TRUE;
    }
  streams = fetch_streams (run, summary, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  rsb_strava_measure (info, streams != NULL ? streams : &(RsbStreams) { 0, });
  id = store_activity (run->store, info, streams, error);
  if (id == 0)
    return FALSE;
  run->summary->n_activities++;
  rsb_sync_run_progress (run, (double) (index + 1) / n, id,
                         _("Fetched “%s” from Strava (%u of %u)"), info->name, index + 1, n);
  return TRUE;
}

static gboolean
sync_activities (RsbSyncRun    *run,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 newest = rsb_store_newest_activity_start (run->store, "strava");
  g_autoptr(GPtrArray) listed = NULL;

  /* Strava's after= is exclusive: the newest stored one is not listed again. */
  listed = list_activities (run, newest == RSB_NO_TIME ? 0 : newest / 1000, cancellable, error);
  if (listed == NULL)
    return FALSE;
  for (guint i = 0; i < listed->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !fetch_activity (run, g_ptr_array_index (listed, i), i, listed->len, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rsb_strava_sync_run (RsbStore            *store,
                     RsbApiClient        *client,
                     RsbSyncProgressFunc  progress,
                     gpointer             user_data,
                     RsbSyncSummary      *summary,
                     GCancellable        *cancellable,
                     GError             **error)
{
  RsbSyncSummary local_summary;
  RsbSyncRun run;
  GError *run_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RSB_IS_STORE (store), FALSE);
  g_return_val_if_fail (RSB_IS_API_CLIENT (client), FALSE);
  g_return_val_if_fail (rsb_api_client_get_service (client) == RSB_SERVICE_STRAVA, FALSE);

  ok = rsb_sync_run_begin (&run, store, client, progress, user_data,
                           summary != NULL ? summary : &local_summary, &run_error) &&
       sync_activities (&run, cancellable, &run_error);
  return rsb_sync_run_end (&run, ok, run_error, error);
}
