/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-spotify-sync.c: brings the latest Spotify plays into the library. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-spotify-sync.h"
#include "rsb-spotify-api.h"
#include "rsb-sync-run.h"

/* The account's cursor, else the newest play this API gave (an account
 * reconnected after a disconnect), else none: the last 50 plays. */
static gint64
start_cursor (RsbSyncRun *run)
{
  gint64 cursor;
  gint64 newest;

  if (run->account->cursor != NULL &&
      g_ascii_string_to_signed (run->account->cursor, 10, 1, G_MAXINT64, &cursor, NULL))
    return cursor;
  newest = rsb_store_newest_play_end (run->store, RSB_PLAY_SOURCE_API);
  return newest != RSB_NO_TIME ? newest : 0;
}

static gboolean
store_page_in_transaction (RsbSyncRun      *run,
                           RsbSpotifyPage  *page,
                           guint           *n_added,
                           GError         **error)
{
  rsb_spotify_clamp_starts (page->plays, rsb_store_newest_play_end (run->store, RSB_PLAY_SOURCE_API));
  for (guint i = 0; i < page->plays->len; i++)
    {
      RsbPlay *play = g_ptr_array_index (page->plays, i);
      gboolean added;

      if (!rsb_store_add_play (run->store, play, &added, error))
        return FALSE;
      *n_added += added;
    }
  if (!rsb_store_finish_plays (run->store, error))
    return FALSE;

  /* The cursor moves with the plays it covers, never ahead of them. */
  if (page->cursor_ms > 0)
    {
      g_free (run->account->cursor);
      run->account->cursor = g_strdup_printf ("%" G_GINT64_FORMAT, page->cursor_ms);
    }
  return rsb_store_save_account (run->store, run->account, error);
}

static gboolean
store_page (RsbSyncRun      *run,
            RsbSpotifyPage  *page,
            GError         **error)
{
  g_autofree char *old_cursor = g_strdup (run->account->cursor);
  guint n_added = 0;

  if (!rsb_store_begin (run->store, error))
    return FALSE;
  if (!store_page_in_transaction (run, page, &n_added, error) ||
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

static gboolean
sync_plays (RsbSyncRun    *run,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 cursor = start_cursor (run);

  for (;;)
    {
      g_autofree char *path = rsb_spotify_recently_played_path (cursor, RSB_SPOTIFY_PAGE_LIMIT);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(RsbSpotifyPage) page = NULL;

      rsb_sync_run_progress (run, -1, 0, g_dngettext (GETTEXT_PACKAGE, "%u new play from Spotify",
                                                      "%u new plays from Spotify", run->summary->n_plays),
                             run->summary->n_plays);
      node = rsb_api_client_get_json (run->client, path, cancellable, error);
      if (node == NULL || (page = rsb_spotify_parse_recently_played (node, error)) == NULL ||
          !store_page (run, page, error))
        return FALSE;
      /* A full page may have left plays behind it; a cursor that does
       * not move would ask for the same page forever. */
      if (page->n_items < RSB_SPOTIFY_PAGE_LIMIT || page->cursor_ms <= cursor)
        break;
      cursor = page->cursor_ms;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  rsb_sync_run_progress (run, 1, 0, g_dngettext (GETTEXT_PACKAGE, "%u new play from Spotify",
                                                 "%u new plays from Spotify", run->summary->n_plays),
                         run->summary->n_plays);
  return TRUE;
}

gboolean
rsb_spotify_sync_run (RsbStore            *store,
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
  g_return_val_if_fail (rsb_api_client_get_service (client) == RSB_SERVICE_SPOTIFY, FALSE);

  ok = rsb_sync_run_begin (&run, store, client, progress, user_data,
                           summary != NULL ? summary : &local_summary, &run_error) &&
       sync_plays (&run, cancellable, &run_error);
  return rsb_sync_run_end (&run, ok, run_error, error);
}
