/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the Apple Music Play Activity reader: only songs that
 * played count, at the times Apple recorded, whatever order or set of
 * columns the export has. */
#include <string.h>

#include "history-test-util.h"
#include "rsb-apple-music-history.h"
#include "rsb-import-error.h"

/* Apple's columns as its exports name them (a subset, in their order;
 * real files have many more, which the reader passes over). */
static const char header[] =
  "Apple Id Number,Apple Music Subscription,Album Name,Artist Name,Build Version,"
  "Client IP Address,Container Album Name,Container Artist Name,Content Specific Type,"
  "Device Identifier,End Position In Milliseconds,End Reason Type,Event End Timestamp,"
  "Event Reason Hint Type,Event Received Timestamp,Event Start Timestamp,Event Type,"
  "Feature Name,Genre,Item Type,Media Duration In Milliseconds,Media Type,Offline,"
  "Play Duration Milliseconds,Song Name,Source Type,Start Position In Milliseconds,"
  "UTC Offset In Seconds\r\n";

static char *
row (const char *album,
     const char *artist,
     const char *end_reason,
     const char *end,
     const char *start,
     const char *event_type,
     const char *media_ms,
     const char *media_type,
     const char *played_ms,
     const char *song)
{
  return g_strdup_printf ("123,true,\"%s\",\"%s\",1.0,0.0.0.0,\"%s\",\"%s\",Song,ABC,%s,%s,%s,"
                          "NOT_SPECIFIED,%s,%s,%s,library / album-detail,Pop,ITUNES_STORE_CONTENT,%s,%s,false,"
                          "%s,\"%s\",IPHONE,0,3600\r\n",
                          album, artist, album, artist, played_ms, end_reason, end, end, start,
                          event_type, media_ms, media_type, played_ms, song);
}

static char *
activity_csv (void)
{
  g_autoptr(GString) csv = g_string_new (header);
  char *rows[] = {
    /* Heard through, 3:20 of a 3:20 song. */
    row ("Long Road", "The Runners", "NATURAL_END_OF_TRACK", "2024-03-01T08:03:20.000Z",
         "2024-03-01T08:00:00.000Z", "PLAY_END", "200000", "AUDIO", "200000", "First, with a comma"),
    /* The start event of the next song: not a listen in itself. */
    row ("Long Road", "The Runners", "NOT_APPLICABLE", "", "2024-03-01T08:03:20.000Z",
         "PLAY_START", "180000", "AUDIO", "0", "Second"),
    /* Skipped after 30 s, paused 10 s on the way. */
    row ("Long Road", "The Runners", "TRACK_SKIPPED_FORWARDS", "2024-03-01T08:04:00.000Z",
         "2024-03-01T08:03:20.000Z", "PLAY_END", "180000", "AUDIO", "30000", "Second"),
    /* A music video. */
    row ("Clips", "The Runners", "NATURAL_END_OF_TRACK", "2024-03-01T08:08:00.000Z",
         "2024-03-01T08:04:00.000Z", "PLAY_END", "240000", "VIDEO", "240000", "Video"),
    /* Lyrics shown, nothing played, no start. */
    row ("", "", "", "", "", "LYRIC_DISPLAY", "", "", "", "Lyrics"),
    row ("Long Road", "The Runners", "FAILED_TO_LOAD", "2024-03-01T08:09:00.000Z",
         "2024-03-01T08:09:00.000Z", "PLAY_END", "180000", "AUDIO", "0", "Never played"),
    /* No end recorded: the played duration says how long. */
    row ("Long Road", "The Runners", "PLAYBACK_MANUALLY_PAUSED", "",
         "2024-03-01T08:10:00Z", "PLAY_END", "180000", "AUDIO", "90000", "Third"),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_string_append (csv, rows[i]);
      g_free (rows[i]);
    }
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/* 2024-03-01T08:00:00Z */
#define T0_MS G_GINT64_CONSTANT (1709280000000)

static void
test_listens_only (void)
{
  g_autofree char *csv = activity_csv ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_apple_music_history_parse,
                                                   "Apple Music Play Activity.csv", csv, -1, &error);
  const RsbPlay *first, *second, *third;

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 3);
  first = history_test_play (plays, 0);
  second = history_test_play (plays, 1);
  third = history_test_play (plays, 2);

  g_assert_cmpstr (first->track.title, ==, "First, with a comma");
  g_assert_cmpstr (first->track.artists, ==, "The Runners");
  g_assert_cmpstr (first->track.album, ==, "Long Road");
  g_assert_cmpint (first->track.duration_ms, ==, 200000);
  g_assert_cmpint (first->source, ==, RSB_PLAY_SOURCE_APPLE);
  g_assert_cmpint (first->precision_ms, ==, RSB_PRECISION_SECOND_MS);
  g_assert_cmpint (first->start_ms, ==, T0_MS);
  g_assert_cmpint (first->end_ms, ==, T0_MS + 200000);
  g_assert_cmpint (first->ms_played, ==, 200000);
  g_assert_false (first->skipped);

  /* The events' own end, pause included; what was heard stays 30 s. */
  g_assert_cmpstr (second->track.title, ==, "Second");
  g_assert_cmpint (second->start_ms, ==, T0_MS + 200000);
  g_assert_cmpint (second->end_ms, ==, T0_MS + 240000);
  g_assert_cmpint (second->ms_played, ==, 30000);
  g_assert_true (second->skipped);

  g_assert_cmpstr (third->track.title, ==, "Third");
  g_assert_cmpint (third->start_ms, ==, T0_MS + 600000);
  g_assert_cmpint (third->end_ms, ==, T0_MS + 690000);
}

/* Newer exports: no Artist Name, Content Name for the song, columns in
 * another order. */
static void
test_newer_columns (void)
{
  const char *csv =
    "\xEF\xBB\xBF" "Event Type,Content Name,Play Duration Milliseconds,Event Start Timestamp,"
    "Event End Timestamp,Container Album Name,Media Type\n"
    "PLAY_END,Song A,120000,2024-03-01T08:00:00Z,2024-03-01T08:02:00Z,Album A,AUDIO\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_apple_music_history_parse, "activity.csv",
                                                   csv, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 1);
  g_assert_cmpstr (history_test_play (plays, 0)->track.title, ==, "Song A");
  g_assert_null (history_test_play (plays, 0)->track.artists);
  g_assert_cmpstr (history_test_play (plays, 0)->track.album, ==, "Album A");
  g_assert_cmpint (history_test_play (plays, 0)->end_ms, ==, T0_MS + 120000);
}

static void
test_missing_columns_named (void)
{
  const char *csv = "Song Name,Event Start Timestamp,Event End Timestamp\n"
                    "A,2024-03-01T08:00:00Z,2024-03-01T08:02:00Z\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_apple_music_history_parse, "odd.csv",
                                                   csv, -1, &error);

  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "odd.csv"));
  g_assert_nonnull (strstr (error->message, "Play Duration Milliseconds"));

  g_clear_error (&error);
  plays = history_test_parse (rsb_apple_music_history_parse, "empty.csv", "", 0, &error);
  g_assert_null (plays);
  g_assert_nonnull (strstr (error->message, "empty.csv"));
}

static void
test_hostile_rows (void)
{
  const char csv[] =
    "Song Name,Play Duration Milliseconds,Event Start Timestamp\n"
    "Fine,1000,2024-03-01T08:00:00Z\n"
    /* A figure no play has, a time no calendar has: rows to pass over. */
    "Huge,1e300,2024-03-01T08:00:00Z\n"
    "Odd time,1000,2024-13-45T99:00:00Z\n"
    "Short row\n"
    "\"Bad \xff\xfe\",1000,2024-03-01T08:01:00Z\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_apple_music_history_parse, "hostile.csv",
                                                   csv, sizeof csv - 1, &error);

  /* Text that is not UTF-8 would turn into garbage on screen: refused,
   * with the line. */
  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "hostile.csv"));
  g_assert_nonnull (strstr (error->message, "line 6"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/apple-music/listens-only", test_listens_only);
  g_test_add_func ("/apple-music/newer-columns", test_newer_columns);
  g_test_add_func ("/apple-music/missing-columns", test_missing_columns_named);
  g_test_add_func ("/apple-music/hostile-rows", test_hostile_rows);
  return g_test_run ();
}
