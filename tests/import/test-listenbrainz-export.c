/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the ListenBrainz export reader: listens land where they
 * were heard, for as long as they can have lasted, and a damaged file
 * is refused with the line that is wrong. */
#include <string.h>

#include "history-test-util.h"
#include "rsb-import-error.h"
#include "rsb-listenbrainz-export.h"
#include "rsb-open-plays.h"

/* 2024-03-01T08:00:00Z */
#define T0 G_GINT64_CONSTANT (1709280000)

static char *
listen (gint64      listened_at,
        const char *title,
        const char *extra_info)
{
  return g_strdup_printf ("{\"inserted_at\":%" G_GINT64_FORMAT ",\"listened_at\":%" G_GINT64_FORMAT ","
                          "\"recording_msid\":\"5b3f1e2a-0000-4000-8000-000000000001\","
                          "\"track_metadata\":{\"artist_name\":\"The Runners\",\"track_name\":\"%s\","
                          "\"release_name\":\"Long Road\",\"additional_info\":{%s},"
                          "\"mbid_mapping\":{\"recording_mbid\":\"00000000-0000-4000-8000-000000000002\","
                          "\"artists\":[{\"artist_credit_name\":\"The Runners\",\"join_phrase\":\"\"}]}},"
                          "\"user_name\":\"runner\"}",
                          listened_at + 5, listened_at, title, extra_info ? extra_info : "");
}

static void
test_jsonl_plays_in_start_order (void)
{
  g_autofree char *a = listen (T0, "First", "\"duration_ms\":200000,\"spotify_id\":\"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC\",\"isrc\":\"GBAYE0601498\"");
  g_autofree char *b = listen (T0 + 120, "Second", "\"duration\":300");
  g_autofree char *c = listen (T0 + 3600, "Third", NULL);
  /* The export's months run newest first at times: order is ours to make. */
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s\n", c, a, b);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_listenbrainz_export_parse, "01.jsonl",
                                                   text, -1, &error);
  const RsbPlay *first, *second, *third;

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 3);
  first = history_test_play (plays, 0);
  second = history_test_play (plays, 1);
  third = history_test_play (plays, 2);

  g_assert_cmpstr (first->track.title, ==, "First");
  g_assert_cmpstr (first->track.artists, ==, "The Runners");
  g_assert_cmpstr (first->track.album, ==, "Long Road");
  g_assert_cmpstr (first->track.uri, ==, "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  g_assert_cmpstr (first->track.isrc, ==, "GBAYE0601498");
  g_assert_cmpint (first->source, ==, RSB_PLAY_SOURCE_LISTENBRAINZ);
  g_assert_cmpint (first->precision_ms, ==, RSB_PRECISION_SECOND_MS);
  g_assert_cmpint (first->start_ms, ==, T0 * 1000);
  /* Cut short by the next listen, 2 minutes later. */
  g_assert_cmpint (first->end_ms, ==, (T0 + 120) * 1000);
  g_assert_cmpint (first->ms_played, ==, 120000);

  /* duration in seconds: 5 minutes, before the next listen an hour on. */
  g_assert_cmpstr (second->track.title, ==, "Second");
  g_assert_cmpint (second->track.duration_ms, ==, 300000);
  g_assert_cmpint (second->end_ms, ==, (T0 + 120) * 1000 + 300000);
  g_assert_null (second->track.uri);

  /* The last one, of no known length, lasts at most the cap. */
  g_assert_cmpint (third->start_ms, ==, (T0 + 3600) * 1000);
  g_assert_cmpint (third->end_ms - third->start_ms, ==, RSB_OPEN_PLAY_MAX_MS);
}

static void
test_older_array_shape (void)
{
  g_autofree char *a = listen (T0, "First", NULL);
  g_autofree char *b = listen (T0 + 200, "Second", NULL);
  g_autofree char *text = g_strdup_printf ("[\n%s,\n%s\n]", b, a);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_listenbrainz_export_parse, "listens.json",
                                                   text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 2);
  g_assert_cmpstr (history_test_play (plays, 0)->track.title, ==, "First");
  g_assert_cmpint (history_test_play (plays, 0)->end_ms, ==, (T0 + 200) * 1000);
}

static void
test_iso_listened_at (void)
{
  const char *text = "{\"listened_at\":\"2024-03-01T08:00:00Z\",\"track_metadata\":"
                     "{\"artist_name\":\"A\",\"track_name\":\"B\"}}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_listenbrainz_export_parse, "01.jsonl",
                                                   text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 1);
  g_assert_cmpint (history_test_play (plays, 0)->start_ms, ==, T0 * 1000);
}

/* One bad line and the month is refused whole, saying where: half a
 * month silently missing would look like no music on those runs. */
static void
test_damaged_line_refused_with_its_number (void)
{
  g_autofree char *a = listen (T0, "First", NULL);
  g_autofree char *c = listen (T0 + 400, "Third", NULL);
  /* An extra brace on line 2: yajl notices it there. */
  g_autofree char *text = g_strdup_printf ("%s\n{\"listened_at\":1709280100,\"track_metadata\":{\"track_name\":\"x\"}}}\n%s\n", a, c);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_listenbrainz_export_parse, "2024/03.jsonl",
                                                   text, -1, &error);

  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "2024/03.jsonl"));
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_missing_fields_named (void)
{
  g_autofree char *a = listen (T0, "First", NULL);
  g_autofree char *text = g_strdup_printf ("%s\n{\"track_metadata\":{\"track_name\":\"No time\"}}\n", a);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_listenbrainz_export_parse, "03.jsonl",
                                                   text, -1, &error);

  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "03.jsonl"));
  g_assert_nonnull (strstr (error->message, "listen 2 has no listened_at"));

  g_clear_error (&error);
  plays = history_test_parse (rsb_listenbrainz_export_parse, "03.jsonl",
                              "{\"listened_at\":1709280000,\"track_metadata\":{\"artist_name\":\"A\"}}", -1, &error);
  g_assert_null (plays);
  g_assert_nonnull (strstr (error->message, "listen 1 has no track_name"));
}

static void
test_not_utf8_refused (void)
{
  const char text[] = "{\"listened_at\":1709280000,\"track_metadata\":{\"artist_name\":\"A\",\"track_name\":\"B\xff\xfe\"}}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = history_test_parse (rsb_listenbrainz_export_parse, "bad.jsonl",
                                                   text, sizeof text - 1, &error);

  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "bad.jsonl"));
}

static void
test_hostile_values (void)
{
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;

  /* A megabyte of title is odd but nothing to lose the month over. */
  for (guint i = 0; i < 1 << 20; i++)
    g_string_append_c (huge, 'a' + i % 26);
  text = g_strdup_printf ("{\"listened_at\":1709280000,\"track_metadata\":{\"artist_name\":\"A\","
                          "\"track_name\":\"%s\",\"additional_info\":{\"duration_ms\":-5,"
                          "\"spotify_id\":\"https://open.spotify.com/track/../../etc\"}}}\n", huge->str);
  plays = history_test_parse (rsb_listenbrainz_export_parse, "huge.jsonl", text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (history_test_play (plays, 0)->track.title), ==, huge->len);
  /* A negative duration is no duration; a link that is no track is dropped. */
  g_assert_cmpint (history_test_play (plays, 0)->track.duration_ms, ==, 0);
  g_assert_null (history_test_play (plays, 0)->track.uri);
  g_clear_pointer (&plays, g_ptr_array_unref);

  /* A time far beyond any calendar. */
  plays = history_test_parse (rsb_listenbrainz_export_parse, "far.jsonl",
                              "{\"listened_at\":1e300,\"track_metadata\":{\"track_name\":\"B\"}}", -1, &error);
  g_assert_null (plays);
  g_assert_nonnull (strstr (error->message, "invalid listened_at"));
  g_clear_error (&error);

  /* Something else entirely. */
  plays = history_test_parse (rsb_listenbrainz_export_parse, "numbers.jsonl", "1\n2\n", -1, &error);
  g_assert_null (plays);
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "numbers.jsonl"));
}

static void
test_spotify_links (void)
{
  g_autofree char *plain = rsb_listenbrainz_spotify_uri ("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC");
  g_autofree char *shared = rsb_listenbrainz_spotify_uri ("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=abc");
  g_autofree char *uri = rsb_listenbrainz_spotify_uri ("spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  g_autofree char *album = rsb_listenbrainz_spotify_uri ("https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC");
  g_autofree char *empty = rsb_listenbrainz_spotify_uri ("https://open.spotify.com/track/");

  g_assert_cmpstr (plain, ==, "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  g_assert_cmpstr (shared, ==, "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  g_assert_cmpstr (uri, ==, "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  g_assert_null (album);
  g_assert_null (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/listenbrainz/jsonl-start-order", test_jsonl_plays_in_start_order);
  g_test_add_func ("/listenbrainz/older-array", test_older_array_shape);
  g_test_add_func ("/listenbrainz/iso-listened-at", test_iso_listened_at);
  g_test_add_func ("/listenbrainz/damaged-line", test_damaged_line_refused_with_its_number);
  g_test_add_func ("/listenbrainz/missing-fields", test_missing_fields_named);
  g_test_add_func ("/listenbrainz/not-utf8", test_not_utf8_refused);
  g_test_add_func ("/listenbrainz/hostile-values", test_hostile_values);
  g_test_add_func ("/listenbrainz/spotify-links", test_spotify_links);
  return g_test_run ();
}
