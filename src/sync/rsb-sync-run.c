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

/* No window lasts beyond a day: a pause further away came from a
 * clock that jumped, and must not stop syncing for good. */
gboolean
rsb_sync_run_refuse_paused (const RsbAccount  *account,
                            RsbService         service,
                            RsbSyncSummary    *summary,
                            GError           **error)
{
  if (account->paused_until_ms <= now_ms () ||
      account->paused_until_ms - now_ms () > 24 * G_GINT64_CONSTANT (3600000))
    return FALSE;
  summary->paused_until_ms = account->paused_until_ms;
  rsb_rate_limit_set_error (error, rsb_service_display_name (service), account->paused_until_ms);
  return TRUE;
}

/* account: owned by the caller, NULL when begin failed before loading
 * it. paused_until: the client's reset time after a spent window (0 when
 * begin refused: the account already says until when). */
gboolean
rsb_sync_run_record_outcome (RsbStore        *store,
                             RsbAccount      *account,
                             RsbSyncSummary  *summary,
                             gint64           paused_until,
                             gboolean         ok,
                             GError          *run_error,
                             GError         **error)
{
  g_autoptr(GError) save_error = NULL;

  if (account == NULL)
    goto out;
  if (ok)
    {
      account->last_sync_ms = now_ms ();
      account->paused_until_ms = 0;
    }
  else if (g_error_matches (run_error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
    {
      if (paused_until > 0)
        account->paused_until_ms = paused_until;
      summary->paused_until_ms = account->paused_until_ms;
    }
  else
    goto out;
  /* Losing the sync time is no reason to report a sync as failed, but
   * a failure to write the library at all is worth telling. */
  if (!rsb_store_save_account (store, account, &save_error) && ok)
    {
      g_propagate_error (error, g_steal_pointer (&save_error));
      return FALSE;
    }

out:
  if (!ok)
    g_propagate_error (error, run_error);
  return ok;
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
  return !rsb_sync_run_refuse_paused (run->account, service, summary, error);
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

  run->summary->n_requests = rsb_api_client_get_n_requests (run->client) - run->first_request;
  return rsb_sync_run_record_outcome (run->store, account, run->summary,
                                      rsb_api_client_get_paused_until (run->client), ok, run_error, error);
}
