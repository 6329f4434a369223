/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-run.c: what the Strava and Spotify engines do alike. */
#include "config.h"

#include "rsb-sync-run.h"
#include "rsb-sync-error.h"

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

gboolean
rsb_sync_run_begin (RsbSyncRun          *run,
                    RsbStore            *store,
                    RsbApiClient        *client,
                    RsbSyncProgressFunc  progress,
                    gpointer             user_data,
                    RsbSyncSummary      *summary,
                    GError             **error)
{
  RsbService service = rsb_api_client_get_service (client);

  *run = (RsbSyncRun) {
    .store = store,
    .client = client,
    .progress = progress,
    .user_data = user_data,
    .summary = summary,
    .first_request = rsb_api_client_get_n_requests (client),
  };
  memset (summary, 0, sizeof *summary);
  run->account = rsb_store_get_account (store, rsb_service_id (service), error);
  if (run->account == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (run->account == NULL)
    {
      run->account = rsb_account_new (rsb_service_id (service));
      run->account->connected_at_ms = now_ms ();
    }
  /* No window lasts beyond a day: a pause further away came from a
   * clock that jumped, and must not stop syncing for good. */
  if (run->account->paused_until_ms > now_ms () &&
      run->account->paused_until_ms - now_ms () <= 24 * G_GINT64_CONSTANT (3600000))
    {
      summary->paused_until_ms = run->account->paused_until_ms;
      rsb_rate_limit_set_error (error, rsb_service_display_name (service),
                                run->account->paused_until_ms);
      return FALSE;
    }
  return TRUE;
}

void
rsb_sync_run_progress (RsbSyncRun *run,
                       double      fraction,
                       gint64      activity_id,
                       const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (run->progress == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  run->progress (message, fraction, activity_id, run->user_data);
}

gboolean
rsb_sync_run_end (RsbSyncRun  *run,
                  gboolean     ok,
                  GError      *run_error,
                  GError     **error)
{
  g_autoptr(RsbAccount) account = g_steal_pointer (&run->account);
  g_autoptr(GError) save_error = NULL;

  run->summary->n_requests = rsb_api_client_get_n_requests (run->client) - run->first_request;
  if (account == NULL)  /* begin failed before loading it */
    goto out;
  if (ok)
    {
      account->last_sync_ms = now_ms ();
      account->paused_until_ms = 0;
    }
  else if (g_error_matches (run_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
    {
      gint64 until = rsb_api_client_get_paused_until (run->client);

      /* 0 when begin refused: the account already says until when. */
      if (until > 0)
        account->paused_until_ms = until;
      run->summary->paused_until_ms = account->paused_until_ms;
    }
  else
    goto out;
  /* Losing the sync time is no reason to report a sync as failed, but
   * a failure to write the library at all is worth telling. */
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
