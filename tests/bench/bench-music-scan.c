/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-music-scan: RsbMusicScan of 5,000 tagged MP3 files (tags only:
 * every file has its BPM tag, so nothing is decoded) into a fresh
 * on-disk library, then the incremental rescan with nothing changed.
 *
 * Usage: bench-music-scan
 *
 * The files share one second of encoded audio; each has its own ID3v2.4
 * tag (title, artist, ISRC, BPM differ from file to file), so every
 * file is a separate discovery with its own tags. The library holds
 * 3,750 tracks for them to match, by ISRC or by artist + title; the
 * other quarter of the files match nothing and are tried again at each
 * scan, the rescan included.
 * Baselines in the same run: one GstDiscoverer reading the same files
 * one after the other on one thread (what the scan parallelises), and a
 * plain walk + stat of the folder (the floor of any rescan).
 */
#include <glib/gstdio.h>
#include <gst/pbutils/pbutils.h>

#include "bench-common.h"
#include "rsb-music-scan.h"
#include "rsb-store.h"
#include "rsb-store-music.h"
#include "rsb-test-tagged-audio.h"

#define BENCH          "music_scan"
#define N_FILES        5000
#define DEFAULT_REPS   3
#define TARGET_S       60.0

static void
write_files (const char *dir,
             RsbStore   *store)
{
  g_autofree char *seed = g_build_filename (dir, "seed.mp3", NULL);
  g_autofree char *audio = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  rsb_test_audio_write (seed, RSB_TEST_AUDIO_MP3, NULL, 1, 120);
  if (!g_file_get_contents (seed, &audio, &length, &error))
    rsb_bench_fail (BENCH, "reading the seed file", error);
  g_unlink (seed);
  if (!rsb_store_begin (store, &error))
    rsb_bench_fail (BENCH, "filling the library", error);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/Artist %03u", dir, i % 250);
      g_autofree char *path = g_strdup_printf ("%s/%04u.mp3", sub, i);
      g_autofree char *title = g_strdup_printf ("Song number %u", i);
      g_autofree char *artist = g_strdup_printf ("Artist %03u", i % 250);
      g_autofree char *isrc = g_strdup_printf ("QZ%03u%07u", i % 1000, i);
      RsbTestAudioTags tags = { .title = title, .artists = { artist }, .album = "Bench",
                                .isrc = i % 2 == 0 ? isrc : NULL, .bpm = 80 + i % 100 };
      g_autoptr(GBytes) tag = rsb_test_audio_id3 (&tags);
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(RsbPlay) play = rsb_play_new ();
      gboolean added;

      g_mkdir_with_parents (sub, 0755);
      g_byte_array_append (bytes, g_bytes_get_data (tag, NULL), g_bytes_get_size (tag));
      g_byte_array_append (bytes, (const guint8 *) audio, length);
      if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error))
        rsb_bench_fail (BENCH, "writing the files", error);
      play->track.uri = g_strdup_printf ("spotify:track:%u", i);
      play->track.title = g_strdup (title);
      play->track.artists = g_strdup (artist);
      play->track.isrc = g_strdup (isrc);
      play->start_ms = G_GINT64_CONSTANT (1600000000000) + (gint64) i * 600000;
      play->end_ms = play->start_ms + 200000;
      play->ms_played = 200000;
      play->source = RSB_PLAY_SOURCE_EXTENDED;
      play->precision_ms = 1;
      /* A quarter of the files are of songs never streamed: each scan
       * tries them against the library again. */
      if (i % 4 == 3)
        continue;
      if (!rsb_store_add_play (store, play, &added, &error))
        rsb_bench_fail (BENCH, "filling the library", error);
    }
  if (!rsb_store_commit (store, &error))
    rsb_bench_fail (BENCH, "filling the library", error);
}

/* Baseline: every file through one GstDiscoverer on this thread. */
static double
discover_serially (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = gst_discoverer_new (5 * GST_SECOND, &error);
  gint64 start = g_get_monotonic_time ();

  if (discoverer == NULL)
    rsb_bench_fail (BENCH, "making a discoverer", error);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/Artist %03u/%04u.mp3", dir, i % 250, i);
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autoptr(GstDiscovererInfo) info = gst_discoverer_discover_uri (discoverer, uri, NULL);

      if (info == NULL || gst_discoverer_info_get_tags (info) == NULL)
        rsb_bench_fail (BENCH, "discovering a file", NULL);
    }
  return rsb_bench_seconds_since (start);
}

/* Baseline: the folder walked and every entry stat()ed. */
static double
walk_and_stat (const char *dir)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, name, NULL);
      g_autoptr(GDir) listing = g_dir_open (sub, 0, NULL);
      const char *file;

      while (listing != NULL && (file = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, file, NULL);
          GStatBuf st;

          n += g_stat (path, &st) == 0;
        }
    }
  if (n != N_FILES)
    rsb_bench_fail (BENCH, "walking the folder", NULL);
  return rsb_bench_seconds_since (start);
}

static void
scan (RsbMusicScan *music,
      const char   *dir,
      guint         expect_read)
{
  const char *folders[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  const RsbMusicScanStats *stats;

  if (!rsb_music_scan_run (music, folders, NULL, &error))
    rsb_bench_fail (BENCH, "scanning", error);
  stats = rsb_music_scan_get_stats (music);
  if (stats->n_read != expect_read || stats->n_problems != 0)
    {
      g_printerr ("read %u of %u, %u problems\n", stats->n_read, expect_read, stats->n_problems);
      rsb_bench_fail (BENCH, "scanning: not every file read as expected", NULL);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = rsb_bench_make_tmpdir ();
  g_autofree char *music_dir = g_build_filename (tmp, "music", NULL);
  g_autofree char *library = g_build_filename (tmp, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rescan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) serial = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) walk = g_array_new (FALSE, FALSE, sizeof (double));
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  double full_s, serial_s;
  gboolean pass;

  gst_init (&argc, &argv);
  g_mkdir_with_parents (music_dir, 0755);
  if ((store = rsb_store_open (library, &error)) == NULL)
    rsb_bench_fail (BENCH, "opening the library", error);
  write_files (music_dir, store);

  /* Warm-up of each: the page cache holds the files from here on. */
  discover_serially (music_dir);
  walk_and_stat (music_dir);
  for (guint r = 0; r < reps; r++)
    {
      g_autoptr(RsbMusicScan) music = rsb_music_scan_new (store);
      gint64 start;

      /* A fresh scan: nothing known. */
      if (!rsb_store_forget_music_folder (store, music_dir, &error))
        rsb_bench_fail (BENCH, "forgetting the last run", error);
      start = g_get_monotonic_time ();
      scan (music, music_dir, N_FILES);
      rsb_bench_add_sample (full, rsb_bench_seconds_since (start));
      start = g_get_monotonic_time ();
      scan (music, music_dir, 0);
      rsb_bench_add_sample (rescan, rsb_bench_seconds_since (start));
      rsb_bench_add_sample (serial, discover_serially (music_dir));
      rsb_bench_add_sample (walk, walk_and_stat (music_dir));
    }
  full_s = rsb_bench_median (full);
  serial_s = rsb_bench_median (serial);
  pass = full_s <= TARGET_S;
  g_print ("bench=%s files=%u cores=%u median_s=%.2f files_per_s=%.0f rescan_median_s=%.3f "
           "baseline=discoverer_serial median_s=%.2f ratio=%.2f walk_stat_median_s=%.3f "
           "target=<=%.0f pass=%s reps=%u\n",
           BENCH, N_FILES, g_get_num_processors (), full_s, N_FILES / full_s, rsb_bench_median (rescan),
           serial_s, serial_s / full_s, rsb_bench_median (walk), TARGET_S, rsb_bench_yes_no (pass), reps);
  g_clear_object (&store);
  rsb_bench_remove_tree (tmp);
  return pass ? 0 : 1;
}
