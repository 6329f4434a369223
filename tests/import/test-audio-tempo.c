/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A music file's tempo through GStreamer: synthesised songs encoded to
 * Ogg Vorbis, FLAC and MP3 (their tags readable) decode and estimate
 * right, long files are
 * read only in part, files are never written, and broken, empty, text
 * and missing files give errors naming them. */
#include <math.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "rsb-audio-tempo.h"
#include "rsb-import-error.h"
#include "rsb-test-audio.h"
#include "rsb-test-dir.h"
#include "rsb-test-log.h"

static char *
write_song (const char        *dir,
            const char        *stem,
            const RsbTestSong *song)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", stem, rsb_test_audio_extension (song->format));
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_test_audio_write (path, song, &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_estimates (const char *path,
                  double      bpm)
{
  RsbTempoEstimate e = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_audio_estimate_tempo (path, NULL, &e, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %.2f BPM (confidence %.2f), truth %.1f", path, e.bpm, e.confidence, bpm);
  g_assert_cmpfloat (fabs (e.bpm / bpm - 1), <=, 0.02);
  g_assert_cmpfloat (e.confidence, >, 0);
}

static void
test_formats (void)
{
  g_autofree char *dir = rsb_test_dir_new ("audio-tempo");
  const RsbTestSong songs[] = {
    { 174, RSB_TEST_FEEL_DRUM_AND_BASS, 30, RSB_TEST_AUDIO_OGG, 11 },
    { 96, RSB_TEST_FEEL_SWING, 30, RSB_TEST_AUDIO_FLAC, 12 },
    { 128, RSB_TEST_FEEL_FOUR_ON_FLOOR, 30, RSB_TEST_AUDIO_MP3, 13, "Title", "Artist", "Album", "GBAYE0601498", 128 },
    { 140, RSB_TEST_FEEL_STRAIGHT, 30, RSB_TEST_AUDIO_MP3, 14 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (songs); i++)
    {
      g_autofree char *stem = g_strdup_printf ("song-%u", i);
      g_autofree char *path = write_song (dir, stem, &songs[i]);

      assert_estimates (path, songs[i].bpm);
    }
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* The fixtures' tags read back as the music scan reads them
 * (GstDiscoverer): title, artist, album, ISRC and BPM in each format. */
static void
test_fixture_tags (void)
{
  g_autofree char *dir = rsb_test_dir_new ("audio-tempo");
  g_autoptr(GstDiscoverer) discoverer = gst_discoverer_new (30 * GST_SECOND, NULL);
  const RsbTestAudioFormat formats[] = { RSB_TEST_AUDIO_OGG, RSB_TEST_AUDIO_FLAC, RSB_TEST_AUDIO_MP3 };

  g_assert_nonnull (discoverer);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      RsbTestSong song = { 123, RSB_TEST_FEEL_STRAIGHT, 8, formats[i], 61,
                           "Tagged Song", "Some Artist", "An Album", "USRC17607839", 123 };
      g_autofree char *path = write_song (dir, "tagged", &song);
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GstDiscovererInfo) info = gst_discoverer_discover_uri (discoverer, uri, &error);
      const GstTagList *tags;
      g_autofree char *title = NULL, *artist = NULL, *album = NULL, *isrc = NULL;
      double bpm = 0;

      g_assert_no_error (error);
      tags = gst_discoverer_info_get_tags (info);
      g_assert_nonnull (tags);
      g_assert_true (gst_tag_list_get_string (tags, GST_TAG_TITLE, &title));
      g_assert_true (gst_tag_list_get_string (tags, GST_TAG_ARTIST, &artist));
      g_assert_true (gst_tag_list_get_string (tags, GST_TAG_ALBUM, &album));
      g_assert_true (gst_tag_list_get_string (tags, GST_TAG_ISRC, &isrc));
      g_assert_true (gst_tag_list_get_double (tags, GST_TAG_BEATS_PER_MINUTE, &bpm));
      g_assert_cmpstr (title, ==, "Tagged Song");
      g_assert_cmpstr (artist, ==, "Some Artist");
      g_assert_cmpstr (album, ==, "An Album");
      g_assert_cmpstr (isrc, ==, "USRC17607839");
      g_assert_cmpfloat_with_epsilon (bpm, 123, 0.01);
      g_assert_cmpfloat_with_epsilon (gst_discoverer_info_get_duration (info) / (double) GST_SECOND, 8, 0.2);
      g_unlink (path);
    }
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* A song longer than the excerpt: its middle is what is heard, and the
 * file is left exactly as it was. */
static void
test_long_file_untouched (void)
{
  g_autofree char *dir = rsb_test_dir_new ("audio-tempo");
  const RsbTestSong song = { 165, RSB_TEST_FEEL_STRAIGHT, RSB_AUDIO_TEMPO_EXCERPT_SECONDS + 60, RSB_TEST_AUDIO_OGG, 21 };
  g_autofree char *path = write_song (dir, "long", &song);
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  GStatBuf st_before, st_after;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  assert_estimates (path, song.bpm);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

static void
assert_error_names (const char *path,
                    gint        code)
{
  RsbTempoEstimate e = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_false (rsb_audio_estimate_tempo (path, NULL, &e, &error));
  g_assert_error (error, RSB_IMPORT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, base));
}

/* A clip with pictures and no sound, as a music folder may hold. */
static void
write_video_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline =
    gst_parse_launch ("videotestsrc num-buffers=30 ! video/x-raw,width=64,height=48 ! theoraenc ! oggmux ! filesink name=sink", &error);
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) msg = NULL;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (sink, "location", path, NULL);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  g_assert_cmpint (GST_MESSAGE_TYPE (msg), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
test_bad_files (void)
{
  g_autofree char *dir = rsb_test_dir_new ("audio-tempo");
  const RsbTestSong song = { 120, RSB_TEST_FEEL_STRAIGHT, 20, RSB_TEST_AUDIO_OGG, 31 };
  g_autofree char *good = write_song (dir, "good", &song);
  g_autofree char *corrupt = g_build_filename (dir, "corrupt.ogg", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.mp3", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.flac", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.ogg", NULL);
  g_autofree char *video = g_build_filename (dir, "clip.ogg", NULL);
  g_autofree char *data = NULL;
  gsize len;

  /* The Ogg headers kept, everything after them noise. */
  g_assert_true (g_file_get_contents (good, &data, &len, NULL));
  for (gsize i = 4096; i < len; i++)
    data[i] = (char) (i * 2654435761u >> 13);
  g_assert_true (g_file_set_contents (corrupt, data, len, NULL));
  g_assert_true (g_file_set_contents (text, "These are my running notes, not a song.\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  assert_error_names (corrupt, RSB_IMPORT_ERROR_CORRUPT);
  assert_error_names (text, RSB_IMPORT_ERROR_UNSUPPORTED);
  assert_error_names (empty, RSB_IMPORT_ERROR_NO_DATA);
  assert_error_names (missing, RSB_IMPORT_ERROR_CORRUPT);
  assert_error_names (dir, RSB_IMPORT_ERROR_UNSUPPORTED);
  {
    const RsbTestSong jingle = { 120, RSB_TEST_FEEL_STRAIGHT, 3, RSB_TEST_AUDIO_FLAC, 32 };
    g_autofree char *short_path = write_song (dir, "jingle", &jingle);

    assert_error_names (short_path, RSB_IMPORT_ERROR_NO_DATA);
  }
  write_video_only (video);
  assert_error_names (video, RSB_IMPORT_ERROR_NO_DATA);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

static gpointer
cancel_soon (gpointer cancellable)
{
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (cancellable);
  return NULL;
}

static void
test_cancelled (void)
{
  g_autofree char *dir = rsb_test_dir_new ("audio-tempo");
  const RsbTestSong song = { 100, RSB_TEST_FEEL_STRAIGHT, 90, RSB_TEST_AUDIO_FLAC, 41 };
  g_autofree char *path = write_song (dir, "song", &song);
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RsbTempoEstimate e = { 0 };
  GThread *canceller;

  g_cancellable_cancel (before);
  g_assert_false (rsb_audio_estimate_tempo (path, before, &e, &error));
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "song.flac"));
  g_clear_error (&error);

  canceller = g_thread_new ("cancel", cancel_soon, during);
  g_assert_false (rsb_audio_estimate_tempo (path, during, &e, &error));
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED);
  g_thread_join (canceller);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

typedef struct {
  const char *path;
  double      bpm;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;

  assert_estimates (job->path, job->bpm);
  return NULL;
}

/* The music scan calls from several worker threads at once. */
static void
test_threads (void)
{
  g_autofree char *dir = rsb_test_dir_new ("audio-tempo");
  const RsbTestSong songs[] = {
    { 88, RSB_TEST_FEEL_STRAIGHT, 25, RSB_TEST_AUDIO_OGG, 51 },
    { 172, RSB_TEST_FEEL_DRUM_AND_BASS, 25, RSB_TEST_AUDIO_MP3, 52 },
    { 124, RSB_TEST_FEEL_FOUR_ON_FLOOR, 25, RSB_TEST_AUDIO_FLAC, 53 },
  };
  char *paths[G_N_ELEMENTS (songs)];
  Job jobs[G_N_ELEMENTS (songs)];
  GThread *threads[G_N_ELEMENTS (songs)];

  for (guint i = 0; i < G_N_ELEMENTS (songs); i++)
    {
      g_autofree char *stem = g_strdup_printf ("t%u", i);

      paths[i] = write_song (dir, stem, &songs[i]);
      jobs[i] = (Job) { paths[i], songs[i].bpm };
    }
  for (guint i = 0; i < G_N_ELEMENTS (songs); i++)
    threads[i] = g_thread_new ("estimate", run_job, &jobs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (songs); i++)
    {
      g_thread_join (threads[i]);
      g_free (paths[i]);
    }
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rsb_test_tolerate_gst_graph_warning ();
  g_test_add_func ("/audio-tempo/formats", test_formats);
  g_test_add_func ("/audio-tempo/fixture-tags", test_fixture_tags);
  g_test_add_func ("/audio-tempo/long-file-untouched", test_long_file_untouched);
  g_test_add_func ("/audio-tempo/bad-files", test_bad_files);
  g_test_add_func ("/audio-tempo/cancelled", test_cancelled);
  g_test_add_func ("/audio-tempo/threads", test_threads);
  return g_test_run ();
}
