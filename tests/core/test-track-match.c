/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-track-match.c: a music file is found as the track it is — by
 * ISRC, else by folded artist + title within 3 s — and lends it its
 * tempo without overruling a value set by hand. */
#include "config.h"

#include <math.h>

#include "rsb-store.h"
#include "rsb-store-music.h"
#include "rsb-track-match.h"

static void
test_titles_fold (void)
{
  static const struct { const char *a, *b; } same[] = {
    { "Héroes", "HEROES" },
    { "Song (feat. Someone Else)", "Song" },
    { "Song [feat. Someone]", "song" },
    { "Song feat. Someone", "Song" },
    { "Here Comes the Sun - Remastered 2009", "Here Comes the Sun" },
    { "Here Comes the Sun (2019 Remaster)", "Here comes the sun" },
    { "Don't Stop Me Now - 2011 Mono Version", "Dont Stop Me Now" },
    { "Rock & Roll", "Rock and Roll" },
    { "Ça plane pour moi!", "ca plane pour moi" },
  };
  static const struct { const char *a, *b; } different[] = {
    { "Song", "Other Song" },
    { "Song (Live at Wembley)", "Song" },   /* another recording */
    { "Part 1", "Part 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = rsb_track_match_title (same[i].a);
      g_autofree char *b = rsb_track_match_title (same[i].b);
      g_assert_cmpstr (a, ==, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_autofree char *a = rsb_track_match_title (different[i].a);
      g_autofree char *b = rsb_track_match_title (different[i].b);
      g_assert_cmpstr (a, !=, b);
    }
}

static void
test_artists_fold (void)
{
  g_autofree char *a = rsb_track_match_artist ("Beyoncé, JAY-Z");
  g_autofree char *b = rsb_track_match_artist ("beyonce feat. Jay Z");
  g_autofree char *c = rsb_track_match_artist ("Simon & Garfunkel");
  g_autofree char *d = rsb_track_match_artist ("Simon and Garfunkel");
  g_autofree char *k1 = rsb_track_match_key ("Artist", "Song (feat. X)");
  g_autofree char *k2 = rsb_track_match_key ("Artist, X", "Song");
  g_autofree char *k3 = rsb_track_match_key ("Other", "Song");

  g_assert_cmpstr (a, ==, "beyonce");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
  g_assert_cmpstr (k1, ==, k2);
  g_assert_cmpstr (k1, !=, k3);
  /* Nothing to match on. */
  g_assert_null (rsb_track_match_key ("Artist", " (feat. X) "));
  g_assert_null (rsb_track_match_key ("Artist", NULL));
}

static void
test_isrc_and_durations (void)
{
  g_autofree char *isrc = rsb_track_match_isrc ("gb-aye-06-01498");

  g_assert_cmpstr (isrc, ==, "GBAYE0601498");
  g_assert_null (rsb_track_match_isrc ("GBAYE060149"));
  g_assert_null (rsb_track_match_isrc ("GBAYE06014!8"));
  g_assert_null (rsb_track_match_isrc (NULL));
  g_assert_true (rsb_track_match_durations (200000, 203000));
  g_assert_true (rsb_track_match_durations (203000, 200000));
  g_assert_false (rsb_track_match_durations (200000, 203500));
  g_assert_true (rsb_track_match_durations (0, 203500));
}

/* Library helpers --------------------------------------------------- */

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

  play->track.uri = g_strdup_printf ("spotify:track:%s", title);
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
  g_assert_no_error (error);
  plays = rsb_store_plays_between (store, play->start_ms, play->end_ms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 1);
  return ((RsbPlay *) plays->pdata[0])->track_id;
}

static RsbMusicFile *
file_of (const char *path,
         const char *artists,
         const char *title,
         gint64      duration_ms,
         double      bpm,
         RsbTempoSource source)
{
  RsbMusicFile *file = rsb_music_file_new (path);

  file->size = 1000;
  file->mtime = 1;
  file->artists = g_strdup (artists);
  file->title = g_strdup (title);
  file->duration_ms = duration_ms;
  file->bpm = bpm;
  file->bpm_source = source;
  file->confidence = source == RSB_TEMPO_SOURCE_FILE_TAG ? 1 : 0.5;
  return file;
}

static void
save (RsbStore     *store,
      RsbMusicFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbMusicMatcher) matcher = rsb_music_matcher_new (store, &error);

  g_assert_no_error (error);
  g_assert_true (rsb_store_save_music_file (store, matcher, file, &error));
  g_assert_no_error (error);
}

static void
test_store_matches_and_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  gint64 by_isrc = add_track (store, "Isrc Artist", "Isrc Song", 200000, "GBAYE0601498");
  gint64 by_name = add_track (store, "Beyoncé, JAY-Z", "Crazy in Love (feat. Jay-Z)", 236000, NULL);
  gint64 far = add_track (store, "Far Artist", "Far Song", 200000, NULL);
  g_autoptr(RsbMusicFile) a = file_of ("/m/a.mp3", "Someone Else", "Another Title", 100000, 128, RSB_TEMPO_SOURCE_FILE_TAG);
  g_autoptr(RsbMusicFile) b = file_of ("/m/b.ogg", "Beyonce", "Crazy In Love - 2003 Remaster", 234500, 99.2,
                                       RSB_TEMPO_SOURCE_ESTIMATE);
  g_autoptr(RsbMusicFile) c = file_of ("/m/c.flac", "Far Artist", "Far Song", 203500, 150, RSB_TEMPO_SOURCE_FILE_TAG);
  RsbMusicSummary summary;

  g_assert_no_error (error);
  a->isrc = g_strdup ("gb-aye-06-01498");
  save (store, a);
  save (store, b);
  save (store, c);
  g_assert_cmpint (a->track_id, ==, by_isrc);
  g_assert_cmpint (b->track_id, ==, by_name);
  /* 3.5 s apart: another recording of the same name. */
  g_assert_cmpint (c->track_id, ==, 0);
  g_assert_cmpfloat (rsb_store_track_tempo_from (store, by_isrc, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 128);
  g_assert_cmpfloat (rsb_store_track_tempo_from (store, by_name, RSB_TEMPO_SOURCE_ESTIMATE, NULL), ==, 99.2);
  g_assert_true (isnan (rsb_store_track_tempo_from (store, far, RSB_TEMPO_SOURCE_FILE_TAG, NULL)));

  /* A hand value wins, and a rescan of the file does not move it. */
  g_assert_true (rsb_store_set_track_tempo (store, by_isrc, RSB_TEMPO_SOURCE_HAND, 64, 1, &error));
  save (store, a);
  g_assert_cmpfloat (rsb_store_track_tempo_from (store, by_isrc, RSB_TEMPO_SOURCE_HAND, NULL), ==, 64);
  g_assert_cmpfloat (rsb_store_track_tempo_from (store, by_isrc, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 128);

  /* A tagged copy of the estimated song outranks the estimate; when
   * the tagged copy goes, the estimate speaks again. */
  {
    g_autoptr(RsbMusicFile) tagged = file_of ("/m/b2.mp3", "Beyoncé", "Crazy in Love", 236000, 100, RSB_TEMPO_SOURCE_FILE_TAG);
    g_autoptr(GPtrArray) files = NULL;

    save (store, tagged);
    g_assert_cmpint (tagged->track_id, ==, by_name);
    g_assert_true (rsb_store_forget_music_file (store, "/m/b2.mp3", &error));
    g_assert_true (isnan (rsb_store_track_tempo_from (store, by_name, RSB_TEMPO_SOURCE_FILE_TAG, NULL)));
    g_assert_cmpfloat (rsb_store_track_tempo_from (store, by_name, RSB_TEMPO_SOURCE_ESTIMATE, NULL), ==, 99.2);
    files = rsb_store_list_music_files (store, "/m", &error);
    g_assert_cmpuint (files->len, ==, 3);
  }

  /* A track imported after the scan finds its file. */
  {
    gint64 late = add_track (store, "Far Artist", "Far Song (feat. Guest)", 204000, NULL);
    guint n = 0;

    g_assert_true (rsb_store_match_music_files (store, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpfloat (rsb_store_track_tempo_from (store, late, RSB_TEMPO_SOURCE_FILE_TAG, NULL), ==, 150);
  }

  g_assert_true (rsb_store_music_summary (store, &summary, &error));
  g_assert_cmpuint (summary.n_files, ==, 3);
  g_assert_cmpuint (summary.n_with_tempo, ==, 3);
  g_assert_cmpuint (summary.n_matched, ==, 3);
  g_assert_cmpuint (summary.n_skipped, ==, 0);

  /* A folder taken off the list takes its files' tempo with it. */
  g_assert_true (rsb_store_forget_music_folder (store, "/m", &error));
  g_assert_true (isnan (rsb_store_track_tempo_from (store, by_name, RSB_TEMPO_SOURCE_ESTIMATE, NULL)));
  g_assert_cmpfloat (rsb_store_track_tempo_from (store, by_isrc, RSB_TEMPO_SOURCE_HAND, NULL), ==, 64);
}

static void
test_folder_prefix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open_memory (&error);
  g_autoptr(RsbMusicFile) in = file_of ("/music/a_b%/x.mp3", "A", "T", 0, 0, RSB_TEMPO_SOURCE_NONE);
  g_autoptr(RsbMusicFile) beside = file_of ("/music/a_bc/y.mp3", "A", "T", 0, 0, RSB_TEMPO_SOURCE_NONE);
  g_autoptr(GHashTable) stamps = NULL;

  save (store, in);
  save (store, beside);
  stamps = rsb_store_music_stamps (store, "/music/a_b%", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (stamps), ==, 1);
  g_assert_true (g_hash_table_contains (stamps, "/music/a_b%/x.mp3"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/track-match/titles", test_titles_fold);
  g_test_add_func ("/track-match/artists", test_artists_fold);
  g_test_add_func ("/track-match/isrc-durations", test_isrc_and_durations);
  g_test_add_func ("/track-match/store", test_store_matches_and_sources);
  g_test_add_func ("/track-match/folder-prefix", test_folder_prefix);
  return g_test_run ();
}
