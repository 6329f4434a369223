/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the YouTube Music watch-history reader: songs only, each
 * until the next began or ten minutes at most, and titles as the user
 * knows them. */
#include <string.h>

#include "history-test-util.h"
#include "rsb-import-error.h"
#include "rsb-open-plays.h"
#include "rsb-youtube-history.h"

/* Takeout writes the newest first. */
static const char watch_history[] =
  "[{\n"
  "  \"header\": \"YouTube Music\",\n"
  "  \"title\": \"Watched Third Song\",\n"
  "  \"titleUrl\": \"https://music.youtube.com/watch?v\\u003dccc\",\n"
  "  \"subtitles\": [{\"name\": \"The Runners - Topic\", \"url\": \"https://www.youtube.com/channel/x\"}],\n"
  "  \"time\": \"2024-03-01T09:00:00.123Z\",\n"
  "  \"products\": [\"YouTube\"],\n"
  "  \"activityControls\": [\"YouTube watch history\"]\n"
  "},{\n"
  "  \"header\": \"YouTube\",\n"
  "  \"title\": \"Watched How to tie shoes\",\n"
  "  \"titleUrl\": \"https://www.youtube.com/watch?v\\u003dvvv\",\n"
  "  \"subtitles\": [{\"name\": \"Shoe Channel\"}],\n"
  "  \"time\": \"2024-03-01T08:30:00Z\"\n"
  "},{\n"
  "  \"header\": \"YouTube Music\",\n"
  "  \"title\": \"Watched Second Song\",\n"
  "  \"titleUrl\": \"https://music.youtube.com/watch?v\\u003dbbb\",\n"
  "  \"subtitles\": [{\"name\": \"Other Artist\"}, {\"name\": \"Not the artist\"}],\n"
  "  \"time\": \"2024-03-01T08:02:30Z\"\n"
  "},{\n"
  "  \"header\": \"YouTube Music\",\n"
  "  \"title\": \"Watched First Song\",\n"
  "  \"titleUrl\": \"https://music.youtube.com/watch?v\\u003daaa\",\n"
  "  \"time\": \"2024-03-01T08:00:00Z\"\n"
  "},{\n"
  /* Removed since: a title and no link. */
  "  \"header\": \"YouTube Music\",\n"
  "  \"title\": \"Watched a video that has been removed\",\n"
  "  \"time\": \"2024-02-01T08:00:00Z\"\n"
  "}]\n";

/* 2024-03-01T08:00:00Z */
#define T0_MS G_GINT64_CONSTANT (1709280000000)

static void
test_music_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_youtube_history_parse, "watch-history.json",
                                                   watch_history, -1, &error);
  const RsbPlay *first, *second, *third;

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 3);
  first = history_test_play (plays, 0);
  second = history_test_play (plays, 1);
  third = history_test_play (plays, 2);

  g_assert_cmpstr (first->track.title, ==, "First Song");
  g_assert_null (first->track.artists);
  g_assert_cmpint (first->source, ==, RSB_PLAY_SOURCE_YOUTUBE);
  g_assert_cmpint (first->precision_ms, ==, RSB_PRECISION_LOW_MS);
  g_assert_cmpint (first->start_ms, ==, T0_MS);
  /* Until the next song. */
  g_assert_cmpint (first->end_ms, ==, T0_MS + 150000);
  g_assert_cmpint (first->ms_played, ==, 150000);

  g_assert_cmpstr (second->track.title, ==, "Second Song");
  g_assert_cmpstr (second->track.artists, ==, "Other Artist");
  /* The next song is an hour later (the video between is no song): capped. */
  g_assert_cmpint (second->end_ms - second->start_ms, ==, RSB_OPEN_PLAY_MAX_MS);

  g_assert_cmpstr (third->track.title, ==, "Third Song");
  g_assert_cmpstr (third->track.artists, ==, "The Runners");
  g_assert_cmpint (third->start_ms, ==, T0_MS + 3600000 + 123);
}

static void
test_titles_in_languages (void)
{
  const char *cases[][2] = {
    { "Watched Song", "Song" },
    { "Song angesehen", "Song" },
    { "Has visto Canción", "Canción" },
    { "Vous avez regardé Chanson", "Chanson" },
    { "Watched", "Watched" },
    { "Plain title", "Plain title" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = rsb_youtube_title_from_entry (cases[i][0]);

      g_assert_cmpstr (title, ==, cases[i][1]);
    }
}

static void
test_wrong_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;

  plays = history_test_parse (rsb_youtube_history_parse, "object.json", "{\"header\":\"YouTube Music\"}", -1, &error);
  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "object.json"));
  g_clear_error (&error);

  plays = history_test_parse (rsb_youtube_history_parse, "cut.json", "[{\"header\":\"YouTube Music\",\"ti", -1, &error);
  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "cut.json"));
  g_clear_error (&error);

  plays = history_test_parse (rsb_youtube_history_parse, "time.json",
                              "[{\"header\":\"YouTube Music\",\"title\":\"Watched A\","
                              "\"titleUrl\":\"https://music.youtube.com/watch?v=a\",\"time\":\"yesterday\"}]", -1, &error);
  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 1 has the invalid time “yesterday”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/youtube/music-entries", test_music_entries);
  g_test_add_func ("/youtube/titles", test_titles_in_languages);
  g_test_add_func ("/youtube/wrong-files", test_wrong_files);
  return g_test_run ();
}
