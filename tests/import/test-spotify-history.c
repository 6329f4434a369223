/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the Spotify streaming history reader (extended and account
 * data), on the shared real exports and on small histories written here. */
#include <string.h>

#include <gio/gio.h>

#include "rsb-import-error.h"
#include "rsb-spotify-history.h"
#include "rsb-test-dir.h"

typedef struct {
  GPtrArray *plays;   /* RsbPlay copies */
  guint      n_plays;
  GError    *error;
  guint      stop_after;  /* 0 = never stop */
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->plays, g_ptr_array_unref);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static gboolean
collect_play (const RsbPlay  *play,
              gpointer        user_data,
              GError        **error)
{
  Result *result = user_data;

  if (result->stop_after > 0 && result->plays->len == result->stop_after)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The store is full");
      return FALSE;
    }
  g_ptr_array_add (result->plays, rsb_play_copy (play));
  return TRUE;
}

static gboolean
parse_stream (GInputStream *stream,
              const char   *display_name,
              GCancellable *cancellable,
              Result       *result)
{
  if (result->plays == NULL)
    result->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  return rsb_spotify_history_parse (stream, display_name, collect_play, result,
                                    &result->n_plays, cancellable, &result->error);
}

static gboolean
parse_path (const char *path,
            Result     *result)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autofree char *name = g_path_get_basename (path);

  g_assert_nonnull (stream);
  return parse_stream (G_INPUT_STREAM (stream), name, NULL, result);
}

static gboolean
parse_text (const char *json,
            const char *display_name,
            Result     *result)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (g_strdup (json), -1, g_free);

  return parse_stream (stream, display_name, NULL, result);
}

static RsbPlay *
play_at (Result *result,
         guint   index)
{
  g_assert_cmpuint (index, <, result->plays->len);
  return g_ptr_array_index (result->plays, index);
}

static void
assert_failed (Result     *result,
               gboolean    ok,
               int         code,
               const char *display_name)
{
  g_assert_false (ok);
  g_assert_error (result->error, RSB_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (result->error->message, display_name));
}

/* One extended-history entry; NULL strings are written as null. */
static void
append_entry (GString    *json,
              const char *ts,
              int         ms_played,
              const char *title,
              const char *uri,
              const char *extra)
{
  if (json->len > 1)
    g_string_append (json, ",\n");
  g_string_append_printf (json, "{\"ts\": \"%s\", \"ms_played\": %d, ", ts, ms_played);
  if (title != NULL)
    g_string_append_printf (json, "\"master_metadata_track_name\": \"%s\", ", title);
  else
    g_string_append (json, "\"master_metadata_track_name\": null, ");
  g_string_append (json, "\"master_metadata_album_artist_name\": \"Artist\", "
                         "\"master_metadata_album_album_name\": \"Album\", ");
  if (uri != NULL)
    g_string_append_printf (json, "\"spotify_track_uri\": \"%s\"", uri);
  else
    g_string_append (json, "\"spotify_track_uri\": null");
  if (extra != NULL)
    g_string_append_printf (json, ", %s", extra);
  g_string_append (json, "}");
}

/* ---- shared files ------------------------------------------------------ */

static void
test_audio_2022 (void)
{
  g_autofree char *path = rsb_test_shared_file ("spotify", "Streaming_History_Audio_2022.json");
  g_auto(Result) result = { NULL, };
  RsbPlay *first, *last;
  guint n_skipped = 0;

  if (path == NULL)
    return;

  g_assert_true (parse_path (path, &result));
  g_assert_no_error (result.error);
  /* All 35 entries are music (counted with Python's json module). */
  g_assert_cmpuint (result.n_plays, ==, 35);
  g_assert_cmpuint (result.plays->len, ==, 35);

  first = play_at (&result, 0);
  g_assert_cmpstr (first->track.title, ==, "Fight Song");
  g_assert_cmpstr (first->track.artists, ==, "Rachel Platten");
  g_assert_cmpstr (first->track.album, ==, "Wildfire");
  g_assert_cmpstr (first->track.uri, ==, "spotify:track:37f4ITSlgPX81ad2EvmVQr");
  /* ts 2022-11-12T13:59:51Z is the end; 66871 ms were played. */
  g_assert_cmpint (first->end_ms, ==, G_GINT64_CONSTANT (1668261591000));
  g_assert_cmpint (first->start_ms, ==, G_GINT64_CONSTANT (1668261591000) - 66871);
  g_assert_cmpint (first->ms_played, ==, 66871);
  g_assert_cmpint (first->source, ==, RSB_PLAY_SOURCE_EXTENDED);
  g_assert_cmpint (first->precision_ms, ==, 1000);
  g_assert_true (first->skipped);
  g_assert_false (first->offline);

  last = play_at (&result, 34);
  g_assert_cmpstr (last->track.title, ==, "Daisy 2.0 (feat. Hatsune Miku)");
  g_assert_cmpint (last->ms_played, ==, 13910);
  g_assert_false (last->skipped);

  for (guint i = 0; i < result.plays->len; i++)
    n_skipped += play_at (&result, i)->skipped;
  g_assert_cmpuint (n_skipped, ==, 28);
}

/* Despite its name this export holds only music entries. */
static void
test_video_2023 (void)
{
  g_autofree char *path = rsb_test_shared_file ("spotify", "Streaming_History_Video_2023.json");
  g_auto(Result) result = { NULL, };

  if (path == NULL)
    return;

  g_assert_true (parse_path (path, &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_plays, ==, 16);
  g_assert_cmpstr (play_at (&result, 0)->track.title, ==, "Dandelions - slowed + reverb");
  g_assert_cmpstr (play_at (&result, 15)->track.artists, ==, "The Chainsmokers");
  /* offline is null in this file. */
  g_assert_false (play_at (&result, 0)->offline);
}

/* The account-data export: minute-precision end times, no URIs. */
static void
test_account_data (void)
{
  g_autofree char *path = rsb_test_shared_file ("spotify", "StreamingHistory0.json");
  g_auto(Result) result = { NULL, };
  RsbPlay *first, *last;

  if (path == NULL)
    return;

  g_assert_true (parse_path (path, &result));
  g_assert_no_error (result.error);
  /* python3 -c 'import json,sys; print(sum("trackName" in e for e in
   * json.load(open(sys.argv[1]))))' StreamingHistory0.json */
  g_assert_cmpuint (result.n_plays, ==, 3489);
  g_assert_cmpuint (result.plays->len, ==, 3489);

  first = play_at (&result, 0);
  g_assert_cmpstr (first->track.title, ==, "1984 - 2015 Remaster");
  g_assert_cmpstr (first->track.artists, ==, "Van Halen");
  g_assert_null (first->track.album);
  g_assert_null (first->track.uri);
  /* endTime 2020-11-30 04:47 UTC; 9126 ms were played. */
  g_assert_cmpint (first->end_ms, ==, G_GINT64_CONSTANT (1606711620000));
  g_assert_cmpint (first->start_ms, ==, G_GINT64_CONSTANT (1606711620000) - 9126);
  g_assert_cmpint (first->ms_played, ==, 9126);
  g_assert_cmpint (first->source, ==, RSB_PLAY_SOURCE_ACCOUNT);
  g_assert_cmpint (first->precision_ms, ==, 60000);
  g_assert_false (first->skipped);
  g_assert_false (first->offline);

  last = play_at (&result, 3488);
  g_assert_cmpstr (last->track.title, ==, "S.S. Luker's Mom");
  g_assert_cmpstr (last->track.artists, ==, "Thee Oh Sees");
  g_assert_null (last->track.uri);
  g_assert_null (last->track.album);
  /* endTime 2021-01-06 20:52 UTC. */
  g_assert_cmpint (last->end_ms, ==, G_GINT64_CONSTANT (1609966320000));
  g_assert_cmpint (last->start_ms, ==, G_GINT64_CONSTANT (1609966320000) - 121826);
  g_assert_cmpint (last->ms_played, ==, 121826);
  g_assert_cmpint (last->source, ==, RSB_PLAY_SOURCE_ACCOUNT);
  g_assert_cmpint (last->precision_ms, ==, 60000);
}

static void
test_truncated (void)
{
  g_autofree char *path = rsb_test_shared_file ("spotify", "Streaming_History_Audio_2022.json");
  g_autofree char *contents = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_auto(Result) result = { NULL, };
  gsize length;
  gboolean ok;

  if (path == NULL)
    return;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  stream = g_memory_input_stream_new_from_data (contents, length / 2, NULL);
  ok = parse_stream (stream, "Streaming_History_Audio_2022.json", NULL, &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "Streaming_History_Audio_2022.json");
  g_assert_nonnull (strstr (result.error->message, "ends early"));
  g_assert_nonnull (strstr (result.error->message, "byte"));
  /* What came before the cut was passed on; the caller rolls it back. */
  g_assert_cmpuint (result.n_plays, <, 35);
}

/* ---- histories written here ------------------------------------------- */

static void
test_not_a_history (void)
{
  const char *documents[] = {
    "{\"ts\": \"2022-11-12T13:59:51Z\"}",
    "42",
    "[1, 2]",
    "[[{\"ts\": \"2022-11-12T13:59:51Z\"}]]",
    "[{\"name\": \"not spotify\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_auto(Result) result = { NULL, };
      gboolean ok;

      ok = parse_text (documents[i], "other.json", &result);
      assert_failed (&result, ok, RSB_IMPORT_ERROR_UNSUPPORTED, "other.json");
      g_assert_nonnull (strstr (result.error->message, "not a Spotify streaming history"));
    }
}

static void
test_malformed (void)
{
  g_auto(Result) result = { NULL, };
  gboolean ok;

  ok = parse_text ("[{\"ts\": \"2022-11-12T13:59:51Z\", \"ms_played\": 12,,}]",
                   "broken.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "broken.json");
  /* The second comma is the 49th byte. */
  g_assert_nonnull (strstr (result.error->message, "at byte 49: "));

  result_clear (&result);
  ok = parse_text ("", "empty.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "empty.json");
}

static void
test_empty_history (void)
{
  g_auto(Result) result = { NULL, };

  g_assert_true (parse_text ("[ ]", "Streaming_History_Audio_2024.json", &result));
  g_assert_cmpuint (result.n_plays, ==, 0);
}

static void
test_nested_unknown_keys (void)
{
  const char *json =
    "[{\"ts\": \"2022-11-12T13:59:51Z\",\n"
    "  \"future\": {\"ts\": \"1999-01-01T00:00:00Z\", \"ms_played\": 1,\n"
    "             \"spotify_episode_uri\": \"spotify:episode:x\",\n"
    "             \"deeper\": [[{\"skipped\": true}], {\"offline\": true}]},\n"
    "  \"tags\": [\"a\", {\"master_metadata_track_name\": \"Wrong\"}, null, 1.5],\n"
    "  \"ms_played\": 2000,\n"
    "  \"master_metadata_track_name\": \"Right\",\n"
    "  \"spotify_track_uri\": \"spotify:track:abc\",\n"
    "  \"skipped\": false, \"offline\": false}]";
  g_auto(Result) result = { NULL, };
  RsbPlay *play;

  g_assert_true (parse_text (json, "nested.json", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_plays, ==, 1);
  play = play_at (&result, 0);
  g_assert_cmpstr (play->track.title, ==, "Right");
  g_assert_null (play->track.artists);
  g_assert_null (play->track.album);
  g_assert_cmpint (play->ms_played, ==, 2000);
  g_assert_cmpint (play->end_ms, ==, G_GINT64_CONSTANT (1668261591000));
  g_assert_false (play->skipped);
  g_assert_false (play->offline);
}

/* The older endsong_*.json: more keys, skipped often null. */
static void
test_endsong (void)
{
  const char *json =
    "[{\"ts\":\"2016-03-01T18:01:02Z\",\"username\":\"someone\",\"platform\":\"Android OS 6.0\","
    "\"ms_played\":180000,\"conn_country\":\"DE\",\"ip_addr_decrypted\":\"192.0.2.7\","
    "\"user_agent_decrypted\":\"unknown\",\"master_metadata_track_name\":\"Song \\u00e9\\\"q\\\"\","
    "\"master_metadata_album_artist_name\":\"Band\",\"master_metadata_album_album_name\":\"LP\","
    "\"spotify_track_uri\":\"spotify:track:one\",\"episode_name\":null,\"episode_show_name\":null,"
    "\"spotify_episode_uri\":null,\"reason_start\":\"fwdbtn\",\"reason_end\":\"fwdbtn\","
    "\"shuffle\":true,\"skipped\":null,\"offline\":true,\"offline_timestamp\":1456854000,"
    "\"incognito_mode\":false},\n"
    " {\"ts\":\"2016-03-01T18:05:00Z\",\"username\":\"someone\",\"ms_played\":238000,"
    "\"master_metadata_track_name\":\"Two\",\"master_metadata_album_artist_name\":null,"
    "\"master_metadata_album_album_name\":null,\"spotify_track_uri\":\"spotify:track:two\","
    "\"reason_end\":\"trackdone\",\"skipped\":null,\"offline\":false}]";
  g_auto(Result) result = { NULL, };
  RsbPlay *play;

  g_assert_true (parse_text (json, "endsong_0.json", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_plays, ==, 2);

  play = play_at (&result, 0);
  g_assert_cmpstr (play->track.title, ==, "Song é\"q\"");
  g_assert_cmpstr (play->track.artists, ==, "Band");
  g_assert_cmpint (play->end_ms, ==, G_GINT64_CONSTANT (1456855262000));
  g_assert_cmpint (play->start_ms, ==, G_GINT64_CONSTANT (1456855262000) - 180000);
  g_assert_true (play->skipped);
  g_assert_true (play->offline);

  play = play_at (&result, 1);
  g_assert_cmpstr (play->track.uri, ==, "spotify:track:two");
  g_assert_null (play->track.artists);
  g_assert_null (play->track.album);
  g_assert_false (play->skipped);
  g_assert_false (play->offline);
}

static void
test_non_music_skipped (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_auto(Result) result = { NULL, };

  append_entry (json, "2023-01-01T10:00:00Z", 1000, "Song", "spotify:track:a", NULL);
  /* A podcast episode: no track fields, an episode URI. */
  append_entry (json, "2023-01-01T10:01:00Z", 1000, NULL, NULL,
                "\"episode_name\": \"Ep\", \"spotify_episode_uri\": \"spotify:episode:e\"");
  /* An audiobook chapter that still names a track. */
  append_entry (json, "2023-01-01T10:02:00Z", 1000, "Chapter 1", "spotify:track:b",
                "\"audiobook_uri\": \"spotify:show:x\"");
  append_entry (json, "2023-01-01T10:03:00Z", 1000, "Chapter 2", "spotify:track:c",
                "\"audiobook_chapter_uri\": \"spotify:episode:y\"");
  /* A local file or a video: no track URI, or no title. */
  append_entry (json, "2023-01-01T10:04:00Z", 1000, "Local", NULL, NULL);
  append_entry (json, "2023-01-01T10:05:00Z", 1000, NULL, "spotify:track:d", NULL);
  /* No ts, but it is not music, so it is not an error either. */
  g_string_append (json, ",\n{\"ms_played\": 5, \"spotify_episode_uri\": \"spotify:episode:z\"}");
  append_entry (json, "2023-01-01T10:06:00Z", 1000, "Song", "spotify:track:e",
                "\"audiobook_uri\": null, \"spotify_episode_uri\": null");
  g_string_append (json, "]");

  g_assert_true (parse_text (json->str, "mixed.json", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_plays, ==, 2);
  g_assert_cmpstr (play_at (&result, 0)->track.uri, ==, "spotify:track:a");
  g_assert_cmpstr (play_at (&result, 1)->track.uri, ==, "spotify:track:e");
}

static void
assert_bad_entry (const char *second_entry,
                  const char *expected)
{
  g_autofree char *json = g_strconcat (
    "[{\"ts\": \"2023-01-01T10:00:00Z\", \"ms_played\": 1000, "
    "\"master_metadata_track_name\": \"Ok\", \"spotify_track_uri\": \"spotify:track:a\"},\n",
    second_entry, "]", NULL);
  g_auto(Result) result = { NULL, };
  gboolean ok;

  ok = parse_text (json, "bad.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "bad.json");
  g_assert_nonnull (strstr (result.error->message, expected));
}

static void
test_bad_entries (void)
{
  assert_bad_entry ("{\"ms_played\": 1, \"master_metadata_track_name\": \"A\", "
                    "\"spotify_track_uri\": \"spotify:track:b\"}",
                    "entry 2 has no ts");
  assert_bad_entry ("{\"ts\": null, \"ms_played\": 1, \"master_metadata_track_name\": \"A\", "
                    "\"spotify_track_uri\": \"spotify:track:b\"}",
                    "entry 2 has no ts");
  assert_bad_entry ("{\"ts\": \"2023-01-01T10:00:00Z\", \"master_metadata_track_name\": \"A\", "
                    "\"spotify_track_uri\": \"spotify:track:b\"}",
                    "entry 2 has no ms_played");
  assert_bad_entry ("{\"ts\": \"2023-01-01T10:00:00Z\", \"ms_played\": -5, "
                    "\"master_metadata_track_name\": \"A\", \"spotify_track_uri\": \"spotify:track:b\"}",
                    "entry 2 has a negative ms_played");
  assert_bad_entry ("{\"ts\": \"yesterday\", \"ms_played\": 5, "
                    "\"master_metadata_track_name\": \"A\", \"spotify_track_uri\": \"spotify:track:b\"}",
                    "entry 2 has the invalid ts “yesterday”");
  assert_bad_entry ("{\"ts\": \"0001-01-01T00:00:00Z\", \"ms_played\": 99999999999999999999, "
                    "\"master_metadata_track_name\": \"A\", \"spotify_track_uri\": \"spotify:track:b\"}",
                    "entry 2 has an invalid ms_played");
  assert_bad_entry ("{\"ts\": \"2023-01-01T10:00:00Z\", \"ms_played\": 9.3e18, "
                    "\"master_metadata_track_name\": \"A\", \"spotify_track_uri\": \"spotify:track:b\"}",
                    "entry 2 has an invalid ms_played");
}

/* Times other than the usual "...Z" still parse. */
static void
test_other_timestamps (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_auto(Result) result = { NULL, };

  append_entry (json, "2023-01-01T12:00:00.500+02:00", 500, "A", "spotify:track:a", NULL);
  append_entry (json, "2023-01-01 10:00:01", 1000, "B", "spotify:track:b", NULL);
  g_string_append (json, "]");

  g_assert_true (parse_text (json->str, "times.json", &result));
  g_assert_no_error (result.error);
  g_assert_cmpint (play_at (&result, 0)->end_ms, ==, G_GINT64_CONSTANT (1672567200500));
  g_assert_cmpint (play_at (&result, 0)->start_ms, ==, G_GINT64_CONSTANT (1672567200000));
  g_assert_cmpint (play_at (&result, 1)->end_ms, ==, G_GINT64_CONSTANT (1672567201000));
}

/* Entries cross the 64 KiB chunks the file is fed in. */
static void
test_many_chunks (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_auto(Result) result = { NULL, };

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *uri = g_strdup_printf ("spotify:track:%06u", i);

      append_entry (json, "2023-01-01T10:00:00Z", i, "Song", uri,
                    "\"skipped\": false, \"offline\": false, \"reason_end\": \"fwdbtn\"");
    }
  g_string_append (json, "]");
  g_assert_cmpuint (json->len, >, 4 * 64 * 1024);

  g_assert_true (parse_text (json->str, "big.json", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_plays, ==, 3000);
  g_assert_cmpstr (play_at (&result, 2999)->track.uri, ==, "spotify:track:002999");
  g_assert_cmpint (play_at (&result, 2999)->ms_played, ==, 2999);
  /* skipped says false: reason_end does not override it. */
  g_assert_false (play_at (&result, 2999)->skipped);
}

/* StreamingHistory_podcast_*.json names shows and episodes: no plays. */
static void
test_account_podcasts_skipped (void)
{
  const char *json =
    "[{\"endTime\": \"2021-03-01 07:15\", \"podcastName\": \"Show\",\n"
    "  \"episodeName\": \"Episode 1\", \"msPlayed\": 1200000},\n"
    " {\"endTime\": \"2021-03-01 08:00\", \"podcastName\": \"Show\",\n"
    "  \"episodeName\": \"Episode 2\", \"msPlayed\": 5}]";
  g_auto(Result) result = { NULL, };

  g_assert_true (parse_text (json, "StreamingHistory_podcast_0.json", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_plays, ==, 0);
}

/* Both shapes in one file, each entry read by its own keys. */
static void
test_mixed_shapes (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_auto(Result) result = { NULL, };
  RsbPlay *play;

  g_string_append (json, "{\"endTime\": \"2021-03-01 07:15\", \"podcastName\": \"Show\", "
                         "\"episodeName\": \"Ep\", \"msPlayed\": 60000}");
  append_entry (json, "2023-01-01T10:00:00Z", 1000, "Extended", "spotify:track:a", NULL);
  g_string_append (json, ",\n{\"endTime\": \"2021-03-01 07:20\", \"trackName\": \"Account\", "
                         "\"msPlayed\": 240000}");
  /* An account entry with a podcast key set to null is still music. */
  g_string_append (json, ",\n{\"msPlayed\": 0, \"artistName\": \"B\", \"trackName\": \"T\", "
                         "\"podcastName\": null, \"endTime\": \"2024-02-29 23:59\"}");
  /* Other spellings of the time still parse. */
  g_string_append (json, ",\n{\"endTime\": \"2021-03-01T07:20:30+01:00\", \"trackName\": \"Iso\", "
                         "\"msPlayed\": 1}");
  g_string_append (json, "]");

  g_assert_true (parse_text (json->str, "mixed.json", &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_plays, ==, 4);

  play = play_at (&result, 0);
  g_assert_cmpint (play->source, ==, RSB_PLAY_SOURCE_EXTENDED);
  g_assert_cmpstr (play->track.title, ==, "Extended");

  play = play_at (&result, 1);
  g_assert_cmpint (play->source, ==, RSB_PLAY_SOURCE_ACCOUNT);
  g_assert_cmpstr (play->track.title, ==, "Account");
  /* No artistName: no artists rather than a guess. */
  g_assert_null (play->track.artists);
  g_assert_cmpint (play->end_ms, ==, G_GINT64_CONSTANT (1614583200000));
  g_assert_cmpint (play->start_ms, ==, G_GINT64_CONSTANT (1614583200000) - 240000);

  play = play_at (&result, 2);
  g_assert_cmpstr (play->track.artists, ==, "B");
  g_assert_cmpint (play->ms_played, ==, 0);
  g_assert_cmpint (play->end_ms, ==, G_GINT64_CONSTANT (1709251140000));
  g_assert_cmpint (play->start_ms, ==, play->end_ms);

  play = play_at (&result, 3);
  g_assert_cmpint (play->end_ms, ==, G_GINT64_CONSTANT (1614579630000));
}

static void
assert_bad_account_entry (const char *second_entry,
                          const char *expected)
{
  g_autofree char *json = g_strconcat (
    "[{\"endTime\": \"2020-11-30 04:47\", \"artistName\": \"A\", "
    "\"trackName\": \"Ok\", \"msPlayed\": 1000},\n",
    second_entry, "]", NULL);
  g_auto(Result) result = { NULL, };
  gboolean ok;

  ok = parse_text (json, "StreamingHistory1.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "StreamingHistory1.json");
  g_assert_nonnull (strstr (result.error->message, expected));
  g_assert_cmpuint (result.n_plays, ==, 1);
}

static void
test_account_bad_entries (void)
{
  assert_bad_account_entry ("{\"endTime\": \"30/11/2020 04:48\", \"trackName\": \"B\", "
                            "\"msPlayed\": 1}",
                            "entry 2 has the invalid endTime “30/11/2020 04:48”");
  /* Shaped right, but no such day or minute. */
  assert_bad_account_entry ("{\"endTime\": \"2021-02-29 04:48\", \"trackName\": \"B\", "
                            "\"msPlayed\": 1}",
                            "entry 2 has the invalid endTime “2021-02-29 04:48”");
  assert_bad_account_entry ("{\"endTime\": \"2021-02-01 24:00\", \"trackName\": \"B\", "
                            "\"msPlayed\": 1}",
                            "entry 2 has the invalid endTime");
  assert_bad_account_entry ("{\"endTime\": \"\", \"trackName\": \"B\", \"msPlayed\": 1}",
                            "entry 2 has the invalid endTime “”");
  assert_bad_account_entry ("{\"trackName\": \"B\", \"msPlayed\": 1}",
                            "entry 2 has no endTime");
  assert_bad_account_entry ("{\"endTime\": null, \"trackName\": \"B\", \"msPlayed\": 1}",
                            "entry 2 has no endTime");
  assert_bad_account_entry ("{\"endTime\": \"2020-11-30 04:48\", \"trackName\": \"B\"}",
                            "entry 2 has no msPlayed");
  assert_bad_account_entry ("{\"endTime\": \"2020-11-30 04:48\", \"trackName\": \"B\", "
                            "\"msPlayed\": -1}",
                            "entry 2 has a negative msPlayed");
  assert_bad_account_entry ("{\"endTime\": \"2020-11-30 04:48\", \"trackName\": \"B\", "
                            "\"msPlayed\": 1e400}",
                            "entry 2 has an invalid msPlayed");
  /* Longer than a year: damage, and start = end - msPlayed would overflow. */
  assert_bad_account_entry ("{\"endTime\": \"2020-11-30 04:48\", \"trackName\": \"B\", "
                            "\"msPlayed\": 9223372036854775807}",
                            "entry 2 has an invalid msPlayed");
}

/* yajl passes overlong UTF-8 forms and surrogates; they stop here. */
static void
test_not_utf8 (void)
{
  g_auto(Result) result = { NULL, };
  gboolean ok;

  ok = parse_text ("[{\"endTime\": \"2020-11-30 04:47\", \"trackName\": \"\xC0\x8Co\", "
                   "\"msPlayed\": 1}]", "overlong.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "overlong.json");
  g_assert_nonnull (strstr (result.error->message, "entry 1 has a trackName that is not UTF-8"));

  result_clear (&result);
  ok = parse_text ("[{\"ts\": \"2023-01-01T10:00:00Z\", \"ms_played\": 5, "
                   "\"master_metadata_track_name\": \"A\", \"spotify_track_uri\": \"spotify:track:b\", "
                   "\"master_metadata_album_album_name\": \"\xED\xA0\x80\"}]", "surrogate.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "surrogate.json");
  g_assert_nonnull (strstr (result.error->message,
                            "entry 1 has a master_metadata_album_album_name that is not UTF-8"));

  /* A bad time is quoted back as valid UTF-8. */
  result_clear (&result);
  ok = parse_text ("[{\"endTime\": \"20\xC0\x8C\", \"trackName\": \"B\", \"msPlayed\": 1}]",
                   "time.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "time.json");
  g_assert_true (g_utf8_validate (result.error->message, -1, NULL));
  g_assert_nonnull (strstr (result.error->message, "entry 1 has the invalid endTime “20"));
}

/* A runaway value is quoted back shortened. */
static void
test_long_bad_time (void)
{
  g_autoptr(GString) json = g_string_new ("[{\"trackName\": \"B\", \"msPlayed\": 1, \"endTime\": \"");
  g_auto(Result) result = { NULL, };
  gboolean ok;

  for (guint i = 0; i < 10000; i++)
    g_string_append (json, "é");
  g_string_append (json, "\"}]");

  ok = parse_text (json->str, "long.json", &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CORRUPT, "long.json");
  g_assert_nonnull (strstr (result.error->message, "entry 1 has the invalid endTime “éé"));
  g_assert_nonnull (strstr (result.error->message, "é…”"));
  g_assert_cmpuint (strlen (result.error->message), <, 200);
}

static void
test_callback_stops (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_auto(Result) result = { .stop_after = 2 };

  for (guint i = 0; i < 5; i++)
    append_entry (json, "2023-01-01T10:00:00Z", 1, "Song", "spotify:track:a", NULL);
  g_string_append (json, "]");

  g_assert_false (parse_text (json->str, "stop.json", &result));
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (result.n_plays, ==, 2);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("[]", -1, NULL);
  g_auto(Result) result = { NULL, };
  gboolean ok;

  g_cancellable_cancel (cancellable);
  ok = parse_stream (stream, "cancelled.json", cancellable, &result);
  assert_failed (&result, ok, RSB_IMPORT_ERROR_CANCELLED, "cancelled.json");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/spotify/audio-2022", test_audio_2022);
  g_test_add_func ("/import/spotify/video-2023", test_video_2023);
  g_test_add_func ("/import/spotify/account-data", test_account_data);
  g_test_add_func ("/import/spotify/truncated", test_truncated);
  g_test_add_func ("/import/spotify/not-a-history", test_not_a_history);
  g_test_add_func ("/import/spotify/malformed", test_malformed);
  g_test_add_func ("/import/spotify/empty-history", test_empty_history);
  g_test_add_func ("/import/spotify/nested-unknown-keys", test_nested_unknown_keys);
  g_test_add_func ("/import/spotify/endsong", test_endsong);
  g_test_add_func ("/import/spotify/non-music-skipped", test_non_music_skipped);
  g_test_add_func ("/import/spotify/bad-entries", test_bad_entries);
  g_test_add_func ("/import/spotify/other-timestamps", test_other_timestamps);
  g_test_add_func ("/import/spotify/many-chunks", test_many_chunks);
  g_test_add_func ("/import/spotify/account-podcasts-skipped", test_account_podcasts_skipped);
  g_test_add_func ("/import/spotify/mixed-shapes", test_mixed_shapes);
  g_test_add_func ("/import/spotify/account-bad-entries", test_account_bad_entries);
  g_test_add_func ("/import/spotify/not-utf8", test_not_utf8);
  g_test_add_func ("/import/spotify/long-bad-time", test_long_bad_time);
  g_test_add_func ("/import/spotify/callback-stops", test_callback_stops);
  g_test_add_func ("/import/spotify/cancelled", test_cancelled);

  return g_test_run ();
}
