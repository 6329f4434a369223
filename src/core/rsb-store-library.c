/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-library.c: questions about the whole library, for the
 * window's search ("the runs where I heard X"). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-search.h"
#include "rsb-store-private.h"

/* Activities during which a song whose title and artists hold every
 * word of text was sounding, newest first. A play counts when it
 * overlaps the workout's time on the device's clock (clock offset
 * applied), as the matcher places it. */
GArray *
rsb_store_activities_with_song (RsbStore    *self,
                                const char  *text,
                                GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT a.id, t.title, t.artists FROM activities a"
    " JOIN plays p ON p.end_ms > a.start_ms - a.clock_offset_ms"
    "  AND p.end_ms <= a.start_ms - a.clock_offset_ms + a.elapsed_s * 1000 + ?1"
    "  AND p.start_ms < a.start_ms - a.clock_offset_ms + a.elapsed_s * 1000"
    " JOIN tracks t ON t.id = p.track_id"
    " WHERE a.start_ms IS NOT NULL AND a.n_songs > 0"
    " ORDER BY a.start_ms DESC, a.id DESC", error);
  g_auto(GStrv) terms = rsb_search_terms (text);
  GArray *ids;
  gint64 last = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (terms == NULL)
    {
      sqlite3_reset (stmt);
      return ids;
    }
  sqlite3_bind_int64 (stmt, 1, RSB_STORE_LONGEST_PLAY_MS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *song = NULL;
      g_autofree char *folded = NULL;

      if (id == last)
        continue;
      song = g_strdup_printf ("%s\n%s", (const char *) sqlite3_column_text (stmt, 1),
                              sqlite3_column_text (stmt, 2) ? (const char *) sqlite3_column_text (stmt, 2) : "");
      folded = rsb_search_fold (song);
      if (rsb_search_matches_all (folded, terms))
        {
          g_array_append_val (ids, id);
          last = id;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      g_set_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_SQL,
                   _("The library database could not be searched for songs"));
      return NULL;
    }
  return ids;
}
