/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listenbrainz-sync.c: brings a ListenBrainz user's listens in.
 *
 * ListenBrainz answers newest first. With max_ts it gives the newest
 * listens before it; with min_ts, the oldest after it (its store reads
 * ascending from min_ts and turns the page around), so a min_ts page
 * always joins the listens already stored. Pages overlap by a second
 * (max_ts + 1, min_ts − 1) so that listens sharing the second a page
 * ended on are not skipped; the store folds the repeats.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-listenbrainz-sync.h"
#include "rsb-format.h"
#include "rsb-history-run.h"
#include "rsb-listenbrainz-api.h"

typedef struct {
  gint64 newest_s;      /* every listen up to it is stored (0: none yet) */
  gint64 older_than_s;  /* the first walk goes on below it (0: done) */
} Cursor;

static Cursor
parse_cursor (const char *text)
{
  Cursor cursor = { 0, 0 };
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, "/", 3) : NULL;

  if (parts == NULL || parts[0] == NULL ||
      !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64 / 1000, &cursor.newest_s, NULL))
    return (Cursor) { 0, 0 };
  if (parts[1] != NULL &&
      !g_ascii_string_to_signed (parts[1], 10, 1, cursor.newest_s, &cursor.older_than_s, NULL))
    cursor.older_than_s = 0;
  return cursor;
}

static char *
format_cursor (Cursor cursor)
{
  if (cursor.older_than_s > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, cursor.newest_s, cursor.older_than_s);
  return g_strdup_printf ("%" G_GINT64_FORMAT, cursor.newest_s);
}

static void
progress (RsbHistoryRun *run)
{
  guint n = run->summary->n_plays;
  g_autofree char *figure = rsb_format_count (n);
  /* Translators: %s is a count, "1,234" */
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new listen from ListenBrainz",
                                                           "%s new listens from ListenBrainz", n), figure);

  rsb_history_run_progress (run, message);
}

static RsbListenBrainzPage *
get_page (RsbHistoryRun  *run,
          gint64          min_ts,
          gint64          max_ts,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autofree char *path = rsb_listenbrainz_listens_path (run->account->account_id, min_ts, max_ts,
                                                         RSB_LISTENBRAINZ_PAGE_LIMIT);
  g_autoptr(JsonNode) node = NULL;

  progress (run);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  node = rsb_history_fetch_json (run->fetch, path, cancellable, error);
  return node != NULL ? rsb_listenbrainz_parse_listens (node, error) : NULL;
}

static gboolean
is_full (const RsbListenBrainzPage *page)
{
  return page->n_listens >= RSB_LISTENBRAINZ_PAGE_LIMIT;
}

/* The newest listens, when nothing was stored yet. */
static gboolean
first_page (RsbHistoryRun  *run,
            Cursor         *cursor,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(RsbListenBrainzPage) page = get_page (run, 0, 0, cancellable, error);
  g_autofree char *text = NULL;

  if (page == NULL)
    return FALSE;
  if (page->newest_s == 0)
    return TRUE;  /* nobody listened yet: ask again next time */
  cursor->newest_s = page->newest_s;
  cursor->older_than_s = is_full (page) ? page->oldest_s : 0;
  text = format_cursor (*cursor);
  return rsb_history_run_store (run, page->plays, RSB_NO_TIME, text, error);
}

/* Down from older_than to the oldest listen, each page bounded by the
 * oldest listen stored before it. */
static gboolean
walk_back (RsbHistoryRun  *run,
           Cursor         *cursor,
           GCancellable   *cancellable,
           GError        **error)
{
  while (cursor->older_than_s > 0)
    {
      gint64 fence_s = cursor->older_than_s;
      g_autoptr(RsbListenBrainzPage) page = get_page (run, 0, fence_s + 1, cancellable, error);
      g_autofree char *text = NULL;

      if (page == NULL)
        return FALSE;
      /* A short page reached the oldest listen; one that did not move
       * down would ask for itself forever. */
      cursor->older_than_s = is_full (page) && page->oldest_s < fence_s ? page->oldest_s : 0;
      text = format_cursor (*cursor);
      if (!rsb_history_run_store (run, page->plays, fence_s * 1000, text, error))
        return FALSE;
    }
  return TRUE;
}

/* Up from the newest listen stored. A full page keeps its newest
 * listen back: the next page says where it ended, and brings it again.
 * A page that would not move the cursor (a thousand listens in a
 * second or two) is stored whole and ends the walk: asking again would
 * bring the same page. */
static gboolean
walk_forward (RsbHistoryRun  *run,
              Cursor         *cursor,
              GCancellable   *cancellable,
              GError        **error)
{
  for (gboolean first = TRUE;; first = FALSE)
    {
      /* The first page reaches back for late listens; the next ones
       * only go on from where the last stopped. */
      gint64 min_ts = cursor->newest_s - 1 - (first ? RSB_HISTORY_LATE_WINDOW_S : 0);
      g_autoptr(RsbListenBrainzPage) page = get_page (run, MAX (1, min_ts), 0, cancellable, error);
      g_autofree char *text = NULL;
      g_autoptr(RsbPlay) held = NULL;
      gint64 next_start_ms = RSB_NO_TIME;
      guint n;

      if (page == NULL)
        return FALSE;
      n = page->plays->len;
      if (is_full (page) && n >= 2 &&
          ((RsbPlay *) g_ptr_array_index (page->plays, n - 2))->start_ms / 1000 > cursor->newest_s)
        {
          held = g_ptr_array_steal_index (page->plays, n - 1);
          next_start_ms = held->start_ms;
        }
      cursor->newest_s = MAX (cursor->newest_s, held != NULL
                              ? ((RsbPlay *) g_ptr_array_index (page->plays, n - 2))->start_ms / 1000
                              : page->newest_s);
      text = format_cursor (*cursor);
      if (!rsb_history_run_store (run, page->plays, next_start_ms, text, error))
        return FALSE;
      if (held == NULL)
        return TRUE;
    }
}

static gboolean
sync_listens (RsbHistoryRun  *run,
              GCancellable   *cancellable,
              GError        **error)
{
  Cursor cursor = parse_cursor (run->account->cursor);
  gboolean fresh = cursor.newest_s == 0;

  /* The newest page was just read: what came since is for next time. */
  if (fresh && !first_page (run, &cursor, cancellable, error))
    return FALSE;
  if (cursor.newest_s > 0 &&
      (!walk_back (run, &cursor, cancellable, error) ||
       (!fresh && !walk_forward (run, &cursor, cancellable, error))))
    return FALSE;
  progress (run);
  return TRUE;
}

RsbHistoryFetch *
rsb_listenbrainz_fetch_new (const char  *user,
                            GError     **error)
{
  RsbHistoryFetch *fetch = rsb_history_fetch_new (RSB_SERVICE_LISTENBRAINZ, 0, 0, error);

  if (fetch != NULL)
    rsb_history_fetch_set_error_func (fetch, rsb_listenbrainz_read_error, (gpointer) user);
  return fetch;
}

gboolean
rsb_listenbrainz_count (RsbHistoryFetch  *fetch,
                        const char       *user,
                        gint64           *out_count,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autofree char *path = rsb_listenbrainz_count_path (user);
  g_autoptr(JsonNode) node = rsb_history_fetch_json (fetch, path, cancellable, error);

  return node != NULL && rsb_listenbrainz_parse_count (node, out_count, error);
}

gboolean
rsb_listenbrainz_sync_run (RsbStore             *store,
                           RsbHistoryFetch      *fetch,
                           RsbSyncProgressFunc   progress_func,
                           gpointer              user_data,
                           RsbSyncSummary       *summary,
                           GCancellable         *cancellable,
                           GError              **error)
{
  RsbSyncSummary local_summary;
  RsbHistoryRun run;
  GError *run_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RSB_IS_STORE (store), FALSE);
  g_return_val_if_fail (rsb_history_fetch_get_service (fetch) == RSB_SERVICE_LISTENBRAINZ, FALSE);

  ok = rsb_history_run_begin (&run, store, fetch, progress_func, user_data,
                              summary != NULL ? summary : &local_summary, &run_error) &&
       sync_listens (&run, cancellable, &run_error);
  return rsb_history_run_end (&run, ok, run_error, error);
}
