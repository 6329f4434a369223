/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-tempo-lookup.c: 2,000 tracks looked up by ISRC against the fake
 * Deezer enforcing its quota (50 requests in any window), through
 * rsb_tempo_lookup_run as the app runs it.
 *
 * Deezer's window is 5 s, so 2,000 requests take at least 200 s; to
 * keep the benchmark short the fake and the client both use a 500 ms
 * window (RSB_DEEZER_QUOTA_WINDOW_MS, which the client reads like the
 * app would), so the quota's minimum is 2,000 / 50 × 0.5 s = 20 s.
 * Target: median time <= 1.1 × that minimum, every track found, no
 * request answered with code 4 or sent while spent. Baseline in the same
 * run: the same 2,000 requests with no quota and no pacing (what the
 * requests and the store writes cost by themselves).
 */
#include <math.h>

#include "bench-common.h"
#include "rsb-deezer-api.h"
#include "rsb-fake-deezer.h"
#include "rsb-store.h"
#include "rsb-tempo-lookup.h"

#define N_TRACKS        2000
#define LIMIT           50
#define WINDOW_MS       500
#define DEFAULT_REPS    3
#define TARGET_RATIO    1.1

typedef struct {
  double seconds;
  guint  found;
  guint  quota;    /* answered with code 4 */
  guint  spent;    /* sent after being told the quota was spent */
  guint  sent;
} Outcome;

static RsbStore *
fill_library (const char     *dir,
              RsbFakeDeezer  *deezer)
{
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (path, &error);

  if (store == NULL || !rsb_store_begin (store, &error))
    rsb_bench_fail ("tempo_lookup", "open the library", error);
  for (guint i = 0; i < N_TRACKS; i++)
    {
      g_autoptr(RsbPlay) play = rsb_play_new ();
      g_autofree char *isrc = g_strdup_printf ("QZB%09u", i);
      gboolean added;

      play->track.uri = g_strdup_printf ("spotify:track:bench%017u", i);
      play->track.isrc = g_strdup (isrc);
      play->track.title = g_strdup_printf ("Song %u", i);
      play->track.artists = g_strdup ("Bench Band");
      play->track.duration_ms = 200000;
      play->start_ms = G_GINT64_CONSTANT (1750000000000) + (gint64) i * 600000;
      play->end_ms = play->start_ms + 200000;
      play->ms_played = 200000;
      play->source = RSB_PLAY_SOURCE_EXTENDED;
      play->precision_ms = 1000;
      if (!rsb_store_add_play (store, play, &added, &error))
        rsb_bench_fail ("tempo_lookup", "add a play", error);
      if (deezer != NULL)
        rsb_fake_deezer_add_track (deezer, 10000 + i, isrc, "Bench Band", play->track.title, 200, 60 + i % 140);
    }
  if (!rsb_store_commit (store, &error))
    rsb_bench_fail ("tempo_lookup", "fill the library", error);
  return g_steal_pointer (&store);
}

static guint
count_found (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = rsb_store_plays_between (store, 0, G_MAXINT64 / 2, &error);
  guint n = 0;

  for (guint i = 0; plays != NULL && i < plays->len; i++)
    if (((RsbPlay *) g_ptr_array_index (plays, i))->track.bpm_source == RSB_TEMPO_SOURCE_DEEZER)
      n++;
  return n;
}

/* One lookup of every track; limit 0 runs the fake without a quota and
 * the client without pacing (the baseline). */
static Outcome
run_once (gboolean quota)
{
  g_autofree char *dir = rsb_bench_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbFakeDeezer) deezer = rsb_fake_deezer_new (quota ? LIMIT : G_MAXUINT, WINDOW_MS, &error);
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbTempoLookup) lookup = NULL;
  g_autoptr(RsbCatalogueClient) client = NULL;
  g_autofree char *url = NULL;
  Outcome outcome = { 0, };
  gint64 start;

  if (deezer == NULL)
    rsb_bench_fail ("tempo_lookup", "start the fake Deezer", error);
  store = fill_library (dir, deezer);
  url = rsb_fake_deezer_dup_url (deezer);
  /* The paced client reads its window as the app's does. */
  client = quota ? rsb_catalogue_client_new ("Deezer", url, RSB_DEEZER_QUOTA_REQUESTS,
                                             rsb_deezer_quota_window_ms (), &error)
                 : rsb_catalogue_client_new ("Deezer", url, 2 * N_TRACKS, 1, &error);
  if (client == NULL)
    rsb_bench_fail ("tempo_lookup", "make the client", error);
  lookup = rsb_tempo_lookup_new (store);
  rsb_tempo_lookup_set_client (lookup, RSB_TEMPO_SERVICE_DEEZER, client);
  rsb_tempo_lookup_forget_quota ();

  start = g_get_monotonic_time ();
  if (!rsb_tempo_lookup_run (lookup, NULL, &error))
    rsb_bench_fail ("tempo_lookup", "look up", error);
  outcome.seconds = rsb_bench_seconds_since (start);
  outcome.found = count_found (store);
  outcome.quota = rsb_fake_deezer_count (deezer, "quota");
  outcome.spent = rsb_fake_deezer_count (deezer, "spent");
  outcome.sent = rsb_fake_deezer_count (deezer, "total");
  g_clear_object (&lookup);
  g_clear_object (&store);
  rsb_bench_remove_tree (dir);
  return outcome;
}

int
main (int    argc,
      char **argv)
{
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  g_autoptr(GArray) paced = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  double minimum_s = (double) N_TRACKS / LIMIT * WINDOW_MS / 1000.0;
  /* Strictly, a sliding window lets the first 50 go at once, so the
   * last 50 may start after 39 windows: printed for context. */
  double sliding_s = ((double) N_TRACKS / LIMIT - 1) * WINDOW_MS / 1000.0;
  guint lost = 0, quota = 0, spent = 0, sent = 0;
  double median, ratio;
  gboolean pass;

  /* Before any thread: the client reads the window from here. */
  g_setenv ("RSB_DEEZER_QUOTA_WINDOW_MS", G_STRINGIFY (WINDOW_MS), TRUE);
  run_once (FALSE);   /* warm-up */
  for (guint r = 0; r < reps; r++)
    {
      Outcome with_quota = run_once (TRUE);
      Outcome without = run_once (FALSE);

      rsb_bench_add_sample (paced, with_quota.seconds);
      rsb_bench_add_sample (raw, without.seconds);
      lost += N_TRACKS - MIN (with_quota.found, N_TRACKS);
      quota += with_quota.quota;
      spent += with_quota.spent;
      sent = MAX (sent, with_quota.sent);
    }
  median = rsb_bench_median (paced);
  ratio = median / minimum_s;
  pass = ratio <= TARGET_RATIO && lost == 0 && spent == 0 && quota == 0;
  g_print ("bench=tempo_lookup tracks=%u quota=%u/%.1fs median_s=%.3f quota_min_s=%.3f ratio=%.3f sliding_min_s=%.3f "
           "target=<=%.1f baseline=unpaced median_s=%.3f requests=%u lost=%u code4=%u sent_while_spent=%u "
           "reps=%u pass=%s\n",
           N_TRACKS, LIMIT, WINDOW_MS / 1000.0, median, minimum_s, ratio, sliding_s, TARGET_RATIO,
           rsb_bench_median (raw), sent, lost, quota, spent, reps, rsb_bench_yes_no (pass));
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
