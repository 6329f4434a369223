/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-history-run.c: what the ListenBrainz and Last.fm engines do alike. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-history-run.h"
#include "rsb-open-plays.h"
#include "rsb-rate-limit.h"
#include "rsb-sync-error.h"

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

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
  /* No pause lasts beyond a day: one further away came from a clock
   * that jumped, and must not stop syncing for good. */
  if (run->account->paused_until_ms > now_ms () &&
      run->account->paused_until_ms - now_ms () <= 24 * G_GINT64_CONSTANT (3600000))
    {
      summary->paused_until_ms = run->account->paused_until_ms;
      rsb_rate_limit_set_error (error, rsb_service_display_name (service), run->account->paused_until_ms);
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(GError) save_error = NULL;

  run->summary->n_requests = rsb_history_fetch_get_n_requests (run->fetch) - run->first_request;
  if (account == NULL)  /* begin failed before loading it */
    goto out;
  if (ok)
    {
      account->last_sync_ms = now_ms ();
      account->paused_until_ms = 0;
    }
  else if (g_error_matches (run_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
    {
      gint64 until = rsb_history_fetch_get_paused_until (run->fetch);

      if (until > 0)
        account->paused_until_ms = until;
      run->summary->paused_until_ms = account->paused_until_ms;
    }
  else
    goto out;
  if (!rsb_store_save_account (run->store, account, &save_error) && ok)
    {
      g_propagate_error (error, g_steal_pointer (&save_error));
      return FALSE;
    }

out:
  if (!ok)
    g_propagate_error (error, run_error);
  return ok;
}
