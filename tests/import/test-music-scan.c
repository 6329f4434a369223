/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-music-scan.c: the user's music folders read into the library —
 * tags from Ogg, FLAC and MP3, files matched to tracks, a file's tag
 * over an estimate, a hand value kept, rescans that read only what
 * changed, and every bad file recorded with its reason. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "rsb-audio-tags.h"
#include "rsb-music-scan.h"
#include "rsb-store-music.h"
#include "rsb-test-dir.h"
#include "rsb-test-log.h"
#include "rsb-test-tagged-audio.h"

static const RsbTestAudioTags full_tags = {
  .title = "Tagged Song", .artists = { "First Artist", "Second Artist" }, .album = "An Album",
  .isrc = "GBAYE0601498", .bpm = 174,
};

static void
test_tags_each_format (void)
{
  static const struct { RsbTestAudioFormat format; const char *name; } formats[] = {
    { RSB_TEST_AUDIO_OGG, "t.ogg" }, { RSB_TEST_AUDIO_FLAC, "t.flac" }, { RSB_TEST_AUDIO_MP3, "t.mp3" },
  };
  char *dir = rsb_test_dir_new ("tags");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAudioTagReader) reader = rsb_audio_tag_reader_new (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (dir, formats[i].name, NULL);
      RsbAudioTags tags;

      g_test_message ("%s", formats[i].name);
      rsb_test_audio_write (path, formats[i].format, &full_tags, 3, 120);
      g_assert_true (rsb_audio_tag_reader_read (reader, path, &tags, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (tags.title, ==, "Tagged Song");
      g_assert_cmpstr (tags.artists, ==, "First Artist, Second Artist");
      g_assert_cmpstr (tags.album, ==, "An Album");
      g_assert_cmpstr (tags.isrc, ==, "GBAYE0601498");
      g_assert_cmpfloat (tags.bpm, ==, 174);
      /* MP3 durations are estimated from the bit rate. */
      g_assert_cmpint (ABS (tags.duration_ms - 3000), <, 500);
      rsb_audio_tags_clear (&tags);
    }
  rsb_test_dir_remove (dir);
}

/* Library helpers ------------------------------------------------------ */

static gint64 next_start;

static gint64
add_track (RsbStore   *store,
           const char *artists,
           const char *title,
           gint64      duration_ms,
           const char *isrc)
{
  g_autoptr(RsbPlay) play = rsb_play_new ();
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GError) error = NULL;
  gboolean added;

  play->track.uri = g_strdup_printf ("spotify:track:%" G_GINT64_FORMAT, next_start);
  play->track.title = g_strdup (title);
  play->track.artists = g_strdup (artists);
  play->track.duration_ms = duration_ms;
  play->track.isrc = g_strdup (isrc);
  play->start_ms = next_start;
  play->end_ms = next_start + 100000;
  play->ms_played = 100000;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  play->precision_ms = 1;
  next_start += 1000000;
  g_assert_true (rsb_store_add_play (store, play, &added, &error));
  plays = rsb_store_plays_between (store, play->start_ms, play->end_ms, &error);
  g_assert_no_error (error);
  return ((RsbPlay *) plays->pdata[0])->track_id;
}

static RsbMusicFile *
stored_file (RsbStore   *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = rsb_store_list_music_files (store, path, &error);

  g_assert_no_error (error);
  /* The rows under path, if a folder, or its own. */
  for (guint i = 0; i < files->len; i++)
    if (g_strcmp0 (((RsbMusicFile *) files->pdata[i])->path, path) == 0)
      return g_ptr_array_steal_index (files, i);
  return NULL;
}

/* The problem recorded for path; asserts there is one. */
static char *
problem_of (RsbStore   *store,
            const char *path)
{
  g_autoptr(RsbMusicFile) file = stored_file (store, path);

  g_assert_nonnull (file);
  g_assert_nonnull (file->problem);
  g_test_message ("%s", file->problem);
  return g_steal_pointer (&file->problem);
}

static void
on_progress (RsbMusicScan *scan,
             guint         seen,
             guint         done,
             guint        *last)
{
  g_assert_cmpuint (done, <=, seen);
  last[0] = seen;
  last[1] = done;
}

static void
scan (RsbMusicScan       *music,
      const char * const *folders)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_music_scan_run (music, folders, NULL, &error));
  g_assert_no_error (error);
}

static void
touch (const char *path,
       gint64      mtime)
{
  struct utimbuf times = { mtime, mtime };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

typedef struct {
  char         *dir;
  RsbStore     *store;
  RsbMusicScan *music;
  gint64        by_isrc, by_name, near, estimated;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RsbTestAudioTags isrc_only = { .title = "Whatever", .artists = { "Nobody" }, .isrc = "GB-AYE-06-01498", .bpm = 128 };
  RsbTestAudioTags named = { .title = "Crazy in Love - 2003 Remaster", .artists = { "Beyonce" }, .bpm = 100 };
  RsbTestAudioTags near = { .title = "Near Song", .artists = { "Near Artist" }, .bpm = 150 };
  RsbTestAudioTags untagged = { .title = "Click Song", .artists = { "Click Artist" } };
  g_autofree char *sub = NULL;

  f->dir = rsb_test_dir_new ("music");
  f->store = rsb_store_open_memory (&error);
  g_assert_no_error (error);
  f->music = rsb_music_scan_new (f->store);
  f->by_isrc = add_track (f->store, "Someone", "Another Name", 200000, "GBAYE0601498");
  f->by_name = add_track (f->store, "Beyoncé, JAY-Z", "Crazy in Love (feat. Jay-Z)", 4000, NULL);
  f->near = add_track (f->store, "Near Artist", "Near Song", 4000 + 3500, NULL);
  f->estimated = add_track (f->store, "Click Artist", "Click Song", 0, NULL);
  sub = g_build_filename (f->dir, "sub", NULL);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  rsb_test_audio_write (g_build_filename (f->dir, "isrc.ogg", NULL), RSB_TEST_AUDIO_OGG, &isrc_only, 4, 120);
  rsb_test_audio_write (g_build_filename (sub, "named.flac", NULL), RSB_TEST_AUDIO_FLAC, &named, 4, 120);
  rsb_test_audio_write (g_build_filename (f->dir, "near.mp3", NULL), RSB_TEST_AUDIO_MP3, &near, 4, 120);
  rsb_test_audio_write (g_build_filename (f->dir, "click.ogg", NULL), RSB_TEST_AUDIO_OGG, &untagged, 12, 120);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->music);
  g_clear_object (&f->store);
  rsb_test_dir_remove (f->dir);
}

static char *
at (Fixture    *f,
    const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
test_scan_matches_and_sources (Fixture       *f,
                               gconstpointer  data)
{
  const char *folders[] = { f->dir, NULL };
  g_autoptr(GError) error = NULL;
  guint last[2] = { 0, 0 };
  double confidence;
  double estimate;
  g_autofree char *isrc_path = at (f, "isrc.ogg");
  g_autoptr(RsbMusicFile) near = NULL;

  g_signal_connect (f->music, "progress", G_CALLBACK (on_progress), last);
  scan (f->music, folders);
  g_assert_cmpuint (rsb_music_scan_get_stats (f->music)->n_read, ==, 4);
  g_assert_cmpuint (rsb_music_scan_get_stats (f->music)->n_problems, ==, 0);
  g_assert_cmpuint (last[0], ==, 4);
  g_assert_cmpuint (last[1], ==, 4);

  g_assert_cmpfloat (rsb_store_track_tempo_from (f->store, f->by_isrc, RSB_TEMPO_SOURCE_FILE_TAG, &confidence), ==, 128);
  g_assert_cmpfloat (confidence, ==, 1);
  g_assert_cmpfloat (rsb_store_track_tempo_from (f->store, f->by_name, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 100);
  /* 3.5 s longer than the file: not the same recording. */
  g_assert_true (isnan (rsb_store_track_tempo_from (f->store, f->near, RSB_TEMPO_SOURCE_FILE_TAG, NULL)));
  near = stored_file (f->store, g_build_filename (f->dir, "near.mp3", NULL));
  g_assert_cmpint (near->track_id, ==, 0);
  g_assert_cmpfloat (near->bpm, ==, 150);
  /* No tag: estimated from the clicks, and said to be an estimate. A
   * bare click track has nothing between its beats to tell 120 from 60
   * (test-tempo-estimate judges octaves on music): either octave counts
   * here, what matters is that the scan estimated and stored it. */
  estimate = rsb_store_track_tempo_from (f->store, f->estimated, RSB_TEMPO_SOURCE_ESTIMATE, &confidence);
  g_assert_cmpfloat (fabs (estimate - 120) / 120 < 0.03 || fabs (estimate - 60) / 60 < 0.03, ==, TRUE);
  g_assert_cmpfloat (confidence, >, 0);
  g_assert_cmpfloat (confidence, <=, 1);
  g_assert_true (isnan (rsb_store_track_tempo_from (f->store, f->estimated, RSB_TEMPO_SOURCE_FILE_TAG, NULL)));

  /* A song imported after the scan: the next scan matches the file it
   * read before, without reading it again. */
  {
    gint64 late = add_track (f->store, "Near Artist", "Near Song (feat. Someone)", 4100, NULL);

    scan (f->music, folders);
    g_assert_cmpuint (rsb_music_scan_get_stats (f->music)->n_read, ==, 0);
    g_assert_cmpfloat (rsb_store_track_tempo_from (f->store, late, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 150);
  }

  /* Set by hand: a rescan of the touched file leaves it the winner. */
  g_assert_true (rsb_store_set_track_tempo (f->store, f->by_isrc, RSB_TEMPO_SOURCE_HAND, 87, 1, &error));
  touch (isrc_path, time (NULL) + 10);
  scan (f->music, folders);
  g_assert_cmpuint (rsb_music_scan_get_stats (f->music)->n_read, ==, 1);
  g_assert_cmpfloat (rsb_store_track_tempo_from (f->store, f->by_isrc, RSB_TEMPO_SOURCE_HAND, NULL), ==, 87);
  g_assert_cmpfloat (rsb_store_track_tempo_from (f->store, f->by_isrc, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 128);
}

static void
test_rescan_is_incremental (Fixture       *f,
                            gconstpointer  data)
{
  const char *folders[] = { f->dir, NULL };
  g_autofree char *named = g_build_filename (f->dir, "sub", "named.flac", NULL);
  g_autofree char *click = at (f, "click.ogg");
  const RsbMusicScanStats *stats = rsb_music_scan_get_stats (f->music);

  scan (f->music, folders);
  g_assert_cmpuint (stats->n_read, ==, 4);
  scan (f->music, folders);
  g_assert_cmpuint (stats->n_read, ==, 0);
  g_assert_cmpuint (stats->n_unchanged, ==, 4);
  g_assert_cmpuint (stats->n_removed, ==, 0);

  /* Touched: read again. */
  touch (click, time (NULL) + 10);
  scan (f->music, folders);
  g_assert_cmpuint (stats->n_read, ==, 1);
  g_assert_cmpuint (stats->n_unchanged, ==, 3);

  /* Gone: forgotten, with the tempo it gave. */
  g_assert_cmpint (g_unlink (named), ==, 0);
  scan (f->music, folders);
  g_assert_cmpuint (stats->n_read, ==, 0);
  g_assert_cmpuint (stats->n_removed, ==, 1);
  g_assert_null (stored_file (f->store, named));
  g_assert_true (isnan (rsb_store_track_tempo_from (f->store, f->by_name, RSB_TEMPO_SOURCE_FILE_TAG, NULL)));
}

static void
test_bad_files_have_reasons (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *gone = at (f, "gone-folder");
  const char *folders[] = { f->dir, gone, NULL };
  g_autofree char *text = at (f, "notes.mp3");
  g_autofree char *dangling = at (f, "dangling.flac");
  g_autofree char *loop = g_build_filename (f->dir, "sub", "loop", NULL);
  g_autofree char *huge = at (f, "huge.flac");
  g_autofree char *locked = at (f, "locked.ogg");
  g_autofree char *other_text = at (f, "readme.txt");
  const RsbMusicScanStats *stats = rsb_music_scan_get_stats (f->music);
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL;
  FILE *big;

  g_assert_true (g_file_set_contents (text, "Not a song at all, only words.\n", -1, NULL));
  g_assert_true (g_file_set_contents (other_text, "ignored: not an audio name\n", -1, NULL));
  g_assert_cmpint (symlink ("/nonexistent/target.flac", dangling), ==, 0);
  g_assert_cmpint (symlink (f->dir, loop), ==, 0);
  big = fopen (huge, "w");
  g_assert_cmpint (ftruncate (fileno (big), RSB_MUSIC_SCAN_MAX_BYTES + 1), ==, 0);
  fclose (big);
  g_assert_true (g_file_set_contents (locked, "x", -1, NULL));
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  scan (f->music, folders);
  p1 = problem_of (f->store, text);
  g_assert_nonnull (strstr (p1, "notes.mp3"));
  g_assert_nonnull (strstr (p1, "could not be decoded"));
  p2 = problem_of (f->store, dangling);
  g_assert_nonnull (strstr (p2, "could not be read"));
  p3 = problem_of (f->store, loop);
  g_assert_nonnull (strstr (p3, "symbolic link loop"));
  p4 = problem_of (f->store, huge);
  g_assert_nonnull (strstr (p4, "larger than 1 GiB"));
  p5 = problem_of (f->store, gone);
  g_assert_nonnull (strstr (p5, "not there"));
  g_assert_null (stored_file (f->store, other_text));
  /* Root reads any file whatever its mode: then there is nothing to see. */
  if (geteuid () != 0)
    {
      g_autofree char *p6 = problem_of (f->store, locked);
      g_assert_nonnull (strstr (p6, "could not be read"));
    }
  /* The good files went through all the same, each file once though
   * the loop leads back to them. */
  g_assert_cmpfloat (rsb_store_track_tempo_from (f->store, f->by_isrc, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 128);
  g_assert_cmpuint (stats->n_problems, >=, 5);
  {
    RsbMusicSummary summary;
    g_autoptr(GError) error = NULL;

    g_assert_true (rsb_store_music_summary (f->store, &summary, &error));
    g_assert_cmpuint (summary.n_files, ==, 4);
    g_assert_cmpuint (summary.n_with_tempo, ==, 4);
    g_assert_cmpuint (summary.n_skipped, ==, stats->n_problems);
  }
}

/* A folder on a disk that is not plugged in: its files are kept. */
static void
test_vanished_folder_keeps_files (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *moved = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *named = g_build_filename (sub, "named.flac", NULL);
  const char *folders[] = { sub, NULL };
  g_autoptr(RsbMusicFile) kept = NULL;
  g_autofree char *problem = NULL;

  scan (f->music, folders);
  g_assert_cmpint (g_rename (sub, moved), ==, 0);
  scan (f->music, folders);
  problem = problem_of (f->store, sub);
  g_assert_nonnull (strstr (problem, "not there"));
  kept = stored_file (f->store, named);
  g_assert_nonnull (kept);
  g_assert_cmpfloat (rsb_store_track_tempo_from (f->store, f->by_name, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 100);
  /* Back again: the problem goes. */
  g_assert_cmpint (g_rename (moved, sub), ==, 0);
  scan (f->music, folders);
  g_assert_null (stored_file (f->store, sub));
  g_assert_cmpuint (rsb_music_scan_get_stats (f->music)->n_unchanged, ==, 1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  const char *folders[] = { f->dir, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (rsb_music_scan_run (f->music, folders, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (rsb_music_scan_is_running (f->music));
  /* Nothing known is forgotten by a cancelled scan; the next one runs. */
  g_clear_error (&error);
  scan (f->music, folders);
  g_assert_cmpuint (rsb_music_scan_get_stats (f->music)->n_read, ==, 4);
}

static void
cancel_once_some_done (RsbMusicScan *scan,
                       guint         seen,
                       guint         done,
                       GCancellable *cancellable)
{
  if (done > 0)
    g_cancellable_cancel (cancellable);
}

/* Cancelled part-way: what was written stays, and the next scan reads
 * only the rest. */
static void
test_cancelled_part_way (void)
{
  char *dir = rsb_test_dir_new ("music-cancel");
  const char *folders[] = { dir, NULL };
  g_autofree char *seed = g_build_filename (dir, "seed.ogg", NULL);
  g_autofree char *audio = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(RsbMusicScan) music = rsb_music_scan_new (store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) kept = NULL;
  RsbTestAudioTags tags = { .title = "Copy", .artists = { "Artist" }, .bpm = 90 };
  const guint n = 300;
  gsize length;
  gulong handler;

  rsb_test_audio_write (seed, RSB_TEST_AUDIO_OGG, &tags, 1, 90);
  g_assert_true (g_file_get_contents (seed, &audio, &length, NULL));
  g_assert_cmpint (g_unlink (seed), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%03u.ogg", dir, i);
      g_assert_true (g_file_set_contents (path, audio, length, NULL));
    }
  handler = g_signal_connect (music, "progress", G_CALLBACK (cancel_once_some_done), cancellable);
  g_assert_false (rsb_music_scan_run (music, folders, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_signal_handler_disconnect (music, handler);
  kept = rsb_store_list_music_files (store, dir, &error);
  g_test_message ("%u of %u written before the cancel", kept->len, n);
  g_assert_cmpuint (kept->len, >, 0);
  g_assert_cmpuint (kept->len, <, n);

  scan (music, folders);
  g_assert_cmpuint (rsb_music_scan_get_stats (music)->n_read, ==, n - kept->len);
  g_assert_cmpuint (rsb_music_scan_get_stats (music)->n_unchanged, ==, kept->len);
  rsb_test_dir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rsb_test_tolerate_gst_graph_warning ();
  g_test_add_func ("/music-scan/tags", test_tags_each_format);
  g_test_add ("/music-scan/matches-and-sources", Fixture, NULL, fixture_set_up,
              test_scan_matches_and_sources, fixture_tear_down);
  g_test_add ("/music-scan/incremental", Fixture, NULL, fixture_set_up,
              test_rescan_is_incremental, fixture_tear_down);
  g_test_add ("/music-scan/bad-files", Fixture, NULL, fixture_set_up,
              test_bad_files_have_reasons, fixture_tear_down);
  g_test_add ("/music-scan/vanished-folder", Fixture, NULL, fixture_set_up,
              test_vanished_folder_keeps_files, fixture_tear_down);
  g_test_add ("/music-scan/cancelled", Fixture, NULL, fixture_set_up,
              test_cancelled, fixture_tear_down);
  g_test_add_func ("/music-scan/cancelled-part-way", test_cancelled_part_way);
  return g_test_run ();
}
