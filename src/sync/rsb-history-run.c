/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-run.c: what the ListenBrainz and Last.fm engines do alike. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-history-run.h"
#include "rsb-open-plays.h"
#include "rsb-sync-error.h"
#include "rsb-sync-run.h"

gboolean
rsb_history_run_begin (RsbHistoryRun        *run,
                       RsbStore             *store,
                       RsbHistoryFetch      *fetch,
                       RsbSyncProgressFunc   progress,
                       gpointer              user_data,
                       RsbSyncSummary       *summary,
                       GError              **error)
{
  RsbService service = rsb_history_fetch_get_service (fetch);

  *run = (RsbHistoryRun) {
    .store = store,
    .fetch = fetch,
    .progress = progress,
    .user_data = user_data,
    .summary = summary,
    .first_request = rsb_history_fetch_get_n_requests (fetch),
  };
  memset (summary, 0, sizeof *summary);
  run->account = rsb_store_get_account (store, rsb_service_id (service), error);
  if (run->account == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (run->account == NULL || run->account->account_id == NULL || *run->account->account_id == '\0')
    {
      g_clear_pointer (&run->account, rsb_account_free);
      g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED,
                   _("%s is not connected"), rsb_service_display_name (service));
      return FALSE;
    }
  return !rsb_sync_run_refuse_paused (run->account, service, summary, error);
}

/* The listen after the page bounds the page's newest: it goes in as a
 * fence, is closed with the others, and is taken out again. */
static void
close_ends (GPtrArray *plays,
            gint64     next_start_ms)
{
  RsbPlay *fence = NULL;

  if (next_start_ms != RSB_NO_TIME)
    {
      fence = rsb_play_new ();
      fence->start_ms = fence->end_ms = next_start_ms;
      g_ptr_array_add (plays, fence);
    }
  rsb_plays_close_open_ends (plays);
  if (fence != NULL)
    {
      /* Sorted by start, a listen at the fence's very second may sort
       * after it: find it wherever it went. */
      g_ptr_array_remove (plays, fence);
    }
}

static gboolean
store_in_transaction (RsbHistoryRun  *run,
                      GPtrArray      *plays,
                      const char     *cursor,
                      guint          *n_added,
                      GError        **error)
{
  for (guint i = 0; i < plays->len; i++)
    {
      RsbPlay *play = g_ptr_array_index (plays, i);
      gboolean added;

      if (!rsb_store_add_play (run->store, play, &added, error))
        return FALSE;
      *n_added += added;
    }
  if (!rsb_store_finish_plays (run->store, error))
    return FALSE;
  g_free (run->account->cursor);
  run->account->cursor = g_strdup (cursor);
  return rsb_store_save_account (run->store, run->account, error);
}

gboolean
rsb_history_run_store (RsbHistoryRun  *run,
                       GPtrArray      *plays,
                       gint64          next_start_ms,
                       const char     *cursor,
                       GError        **error)
{
  g_autofree char *old_cursor = g_strdup (run->account->cursor);
  guint n_added = 0;

  close_ends (plays, next_start_ms);
  if (!rsb_store_begin (run->store, error))
    return FALSE;
  if (!store_in_transaction (run, plays, cursor, &n_added, error) ||
      !rsb_store_commit (run->store, error))
    {
      rsb_store_rollback (run->store);
      g_free (run->account->cursor);
      run->account->cursor = g_steal_pointer (&old_cursor);
      return FALSE;
    }
  run->summary->n_plays += n_added;
  return TRUE;
}

void
rsb_history_run_progress (RsbHistoryRun *run,
                          const char    *message)
{
  if (run->progress != NULL)
    run->progress (message, -1, 0, run->user_data);
}

gboolean
rsb_history_run_end (RsbHistoryRun  *run,
                     gboolean        ok,
                     GError         *run_error,
                     GError        **error)
{
  g_autoptr(RsbAccount) account = g_steal_pointer (&run->account);

  run->summary->n_requests = rsb_history_fetch_get_n_requests (run->fetch) - run->first_request;
  return rsb_sync_run_record_outcome (run->store, account, run->summary,
                                      rsb_history_fetch_get_paused_until (run->fetch), ok, run_error, error);
}
