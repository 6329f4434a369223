/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-lastfm-sync.c: brings a Last.fm user's scrobbles in.
 *
 * Last.fm pages newest first: page 1 holds the newest scrobbles of the
 * range. With the range fixed for the run, the pages stay put, so they
 * are stored from the last (the oldest) to the first, each joining the
 * scrobbles already stored. A page is kept until the next (newer) one
 * arrives, whose oldest scrobble is where the page's newest ended.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-lastfm-sync.h"
#include "rsb-format.h"
#include "rsb-history-run.h"
#include "rsb-lastfm-api.h"

typedef struct {
  RsbHistoryRun  run;
  const char    *api_key;
  gint64         from_s;
  gint64         to_s;
} Walk;

static void
progress (RsbHistoryRun *run)
{
  guint n = run->summary->n_plays;
  g_autofree char *figure = rsb_format_count (n);
  /* Translators: %s is a count, "1,234" */
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new scrobble from Last.fm",
                                                           "%s new scrobbles from Last.fm", n), figure);

  rsb_history_run_progress (run, message);
}

static RsbLastfmPage *
get_page (Walk          *walk,
          guint          number,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *path = rsb_lastfm_recent_tracks_path (walk->run.account->account_id, walk->api_key,
                                                         walk->from_s, walk->to_s, number, RSB_LASTFM_PAGE_LIMIT);
  g_autoptr(JsonNode) node = NULL;

  progress (&walk->run);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  node = rsb_history_fetch_json (walk->run.fetch, path, cancellable, error);
  /* The path holds the key: gone with it as soon as it is sent. */
  memset (path, 0, strlen (path));
  return node != NULL ? rsb_lastfm_parse_recent_tracks (node, error) : NULL;
}

static gint64
oldest_start (const RsbLastfmPage *page)
{
  return page->plays->len > 0 ? ((RsbPlay *) g_ptr_array_index (page->plays, 0))->start_ms : RSB_NO_TIME;
}

/* Stores page, bounded by the page after it (NULL: none yet), with the
 * cursor at its newest scrobble. */
static gboolean
store_page (Walk           *walk,
            RsbLastfmPage  *page,
            RsbLastfmPage  *newer,
            GError        **error)
{
  g_autofree char *cursor = NULL;

  if (page->newest_s == 0)
    return TRUE;
  cursor = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (page->newest_s, walk->from_s - 1));
  return rsb_history_run_store (&walk->run, page->plays, newer != NULL ? oldest_start (newer) : RSB_NO_TIME,
                                cursor, error);
}

static gboolean
sync_scrobbles (Walk          *walk,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(RsbLastfmPage) first = get_page (walk, 1, cancellable, error);
  g_autoptr(RsbLastfmPage) pending = NULL;

  guint last;

  if (first == NULL)
    return FALSE;
  /* An answer that claims more pages than its scrobbles fill is not
   * walked to the end of a 32-bit number. */
  last = first->total_pages;
  if (first->total >= 0)
    last = MIN (last, first->total / RSB_LASTFM_PAGE_LIMIT + 1);
  for (guint number = last; number >= 2; number--)
    {
      g_autoptr(RsbLastfmPage) page = get_page (walk, number, cancellable, error);

      if (page == NULL)
        return FALSE;
      if (pending != NULL && !store_page (walk, pending, page, error))
        return FALSE;
      g_clear_pointer (&pending, rsb_lastfm_page_free);
      pending = g_steal_pointer (&page);
    }
  if (pending != NULL && !store_page (walk, pending, first, error))
    return FALSE;
  if (!store_page (walk, first, NULL, error))
    return FALSE;
  progress (&walk->run);
  return TRUE;
}

RsbHistoryFetch *
rsb_lastfm_fetch_new (const char  *user,
                      GError     **error)
{
  RsbHistoryFetch *fetch = rsb_history_fetch_new (RSB_SERVICE_LASTFM, RSB_LASTFM_REQUESTS_PER_SECOND, 1000, error);

  if (fetch != NULL)
    rsb_history_fetch_set_error_func (fetch, rsb_lastfm_read_error, (gpointer) user);
  return fetch;
}

gboolean
rsb_lastfm_count (RsbHistoryFetch  *fetch,
                  const char       *user,
                  const char       *api_key,
                  gint64           *out_count,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autofree char *path = rsb_lastfm_recent_tracks_path (user, api_key, 0, 0, 1, 1);
  g_autoptr(JsonNode) node = rsb_history_fetch_json (fetch, path, cancellable, error);
  g_autoptr(RsbLastfmPage) page = NULL;

  memset (path, 0, strlen (path));
  if (node == NULL || (page = rsb_lastfm_parse_recent_tracks (node, error)) == NULL)
    return FALSE;
  *out_count = page->total;
  return TRUE;
}

static gint64
start_from (const RsbAccount *account)
{
  gint64 newest;

  if (account->cursor != NULL &&
      g_ascii_string_to_signed (account->cursor, 10, 1, G_MAXINT64 / 1000, &newest, NULL))
    return MAX (1, newest + 1 - RSB_HISTORY_LATE_WINDOW_S);
  return 0;
}

gboolean
rsb_lastfm_sync_run (RsbStore             *store,
                     RsbHistoryFetch      *fetch,
                     const char           *api_key,
                     RsbSyncProgressFunc   progress_func,
                     gpointer              user_data,
                     RsbSyncSummary       *summary,
                     GCancellable         *cancellable,
                     GError              **error)
{
  RsbSyncSummary local_summary;
  Walk walk = { .api_key = api_key };
  GError *run_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RSB_IS_STORE (store), FALSE);
  g_return_val_if_fail (rsb_history_fetch_get_service (fetch) == RSB_SERVICE_LASTFM, FALSE);
  g_return_val_if_fail (api_key != NULL, FALSE);

  ok = rsb_history_run_begin (&walk.run, store, fetch, progress_func, user_data,
                              summary != NULL ? summary : &local_summary, &run_error);
  if (ok)
    {
      walk.from_s = start_from (walk.run.account);
      walk.to_s = g_get_real_time () / G_USEC_PER_SEC;
      ok = sync_scrobbles (&walk, cancellable, &run_error);
    }
  return rsb_history_run_end (&walk.run, ok, run_error, error);
}
