/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the threaded history parse: it must hand over exactly what
 * the plain parse reads, in order, and end cleanly however it stops. */
#include <string.h>

#include <gio/gio.h>

#include "rsb-import-error.h"
#include "rsb-play-pipeline.h"

/* Enough plays to fill several batches and part of one more. */
#define N_PLAYS 5000

typedef struct {
  GPtrArray *plays;        /* RsbPlay copies */
  guint      stop_after;   /* 0 = never */
  gboolean   silent;       /* stop without saying why */
  guint      calls;
  GThread   *thread;       /* where func ran */
} Collected;

static void
collected_clear (Collected *collected)
{
  g_clear_pointer (&collected->plays, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Collected, collected_clear)

static gboolean
collect_play (const RsbPlay  *play,
              gpointer        user_data,
              GError        **error)
{
  Collected *collected = user_data;

  collected->calls++;
  g_assert_true (collected->thread == NULL || collected->thread == g_thread_self ());
  collected->thread = g_thread_self ();
  if (collected->stop_after > 0 && collected->plays->len == collected->stop_after)
    {
      if (!collected->silent)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The disk is full");
      return FALSE;
    }
  g_ptr_array_add (collected->plays, rsb_play_copy (play));
  return TRUE;
}

/* An Extended history of n plays; damaged_at >= 0 gives that entry a
 * timestamp no one could read. */
static char *
history_json (guint n,
              int   damaged_at)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (1672531200 + (gint64) i * 240);
      g_autofree char *ts = g_date_time_format_iso8601 (end);

      g_string_append_printf (json,
        "%s{\"ts\":\"%s\",\"ms_played\":%u,\"master_metadata_track_name\":\"Song “%u” <b>\","
        "\"master_metadata_album_artist_name\":\"Artist %u\",\"master_metadata_album_album_name\":\"Album %u\","
        "\"spotify_track_uri\":\"spotify:track:%022u\",\"skipped\":%s,\"offline\":false}",
        i == 0 ? "" : ",", (int) i == damaged_at ? "yesterday" : ts, 180000 + i, i % 700,
        i % 90, i % 40, i % 700, i % 9 == 0 ? "true" : "false");
    }
  g_string_append (json, "]");
  return g_string_free (json, FALSE);
}

static GInputStream *
stream_of (const char *json)
{
  return g_memory_input_stream_new_from_data (g_strdup (json), -1, g_free);
}

static gboolean
parse (const char    *json,
       gboolean       threaded,
       Collected     *collected,
       guint         *n_plays,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GInputStream) stream = stream_of (json);

  collected->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  if (threaded)
    return rsb_play_pipeline_parse (stream, "Streaming_History_Audio_2023.json", collect_play,
                                    collected, n_plays, cancellable, error);
  return rsb_spotify_history_parse (stream, "Streaming_History_Audio_2023.json", collect_play,
                                    collected, n_plays, cancellable, error);
}

static void
assert_same_play (const RsbPlay *a,
                  const RsbPlay *b)
{
  g_assert_cmpstr (a->track.uri, ==, b->track.uri);
  g_assert_cmpstr (a->track.title, ==, b->track.title);
  g_assert_cmpstr (a->track.artists, ==, b->track.artists);
  g_assert_cmpstr (a->track.album, ==, b->track.album);
  g_assert_cmpint (a->start_ms, ==, b->start_ms);
  g_assert_cmpint (a->end_ms, ==, b->end_ms);
  g_assert_cmpint (a->ms_played, ==, b->ms_played);
  g_assert_cmpint (a->source, ==, b->source);
  g_assert_cmpint (a->precision_ms, ==, b->precision_ms);
  g_assert_cmpint (a->skipped, ==, b->skipped);
  g_assert_cmpint (a->offline, ==, b->offline);
}

static void
test_same_plays_in_order (void)
{
  g_autofree char *json = history_json (N_PLAYS, -1);
  g_auto(Collected) direct = { 0 };
  g_auto(Collected) threaded = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_direct = 0, n_threaded = 0;

  g_assert_true (parse (json, FALSE, &direct, &n_direct, NULL, &error));
  g_assert_true (parse (json, TRUE, &threaded, &n_threaded, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_threaded, ==, N_PLAYS);
  g_assert_cmpuint (n_threaded, ==, n_direct);
  g_assert_cmpuint (threaded.plays->len, ==, direct.plays->len);
  for (guint i = 0; i < direct.plays->len; i++)
    assert_same_play (g_ptr_array_index (threaded.plays, i), g_ptr_array_index (direct.plays, i));
  /* The store is not thread-safe: func must run where the caller is. */
  g_assert_true (threaded.thread == g_thread_self ());
}

static void
test_empty_history (void)
{
  g_auto(Collected) collected = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_plays = 99;

  g_assert_true (parse ("[]", TRUE, &collected, &n_plays, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_plays, ==, 0);
  g_assert_cmpuint (collected.calls, ==, 0);
}

/* A store that fails partway (disk full) ends the parse with the
 * store's own message, and no play is handed over after it. */
static void
test_func_failure_stops (void)
{
  g_autofree char *json = history_json (N_PLAYS, -1);
  g_auto(Collected) collected = { .stop_after = 1500 };
  g_autoptr(GError) error = NULL;
  guint n_plays = 0;

  g_assert_false (parse (json, TRUE, &collected, &n_plays, NULL, &error));
  g_assert_cmpuint (n_plays, ==, 1500);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "The disk is full");
  g_assert_cmpuint (collected.plays->len, ==, 1500);
  g_assert_cmpuint (collected.calls, ==, 1501);
}

/* A func that stops without saying why still leaves a message naming
 * the file, as the plain parse does. */
static void
test_silent_stop (void)
{
  g_autofree char *json = history_json (N_PLAYS, -1);
  g_auto(Collected) direct = { .stop_after = 2100, .silent = TRUE };
  g_auto(Collected) threaded = { .stop_after = 2100, .silent = TRUE };
  g_autoptr(GError) direct_error = NULL;
  g_autoptr(GError) error = NULL;
  guint n_direct = 0, n_threaded = 0;

  g_assert_false (parse (json, FALSE, &direct, &n_direct, NULL, &direct_error));
  g_assert_false (parse (json, TRUE, &threaded, &n_threaded, NULL, &error));
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, direct_error->message);
  g_assert_nonnull (strstr (error->message, "Streaming_History_Audio_2023.json"));
  g_assert_cmpuint (n_threaded, ==, n_direct);
  g_assert_cmpuint (n_threaded, ==, 2100);
}

/* A damaged entry after several full batches: the plays before it were
 * handed over (the caller's transaction decides their fate) and the
 * message is the parser's, naming the file and the entry. */
static void
test_damaged_entry_reported (void)
{
  g_autofree char *json = history_json (N_PLAYS, 3000);
  g_auto(Collected) collected = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (parse (json, TRUE, &collected, NULL, NULL, &error));
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Streaming_History_Audio_2023.json"));
  g_assert_nonnull (strstr (error->message, "yesterday"));
  g_assert_cmpuint (collected.plays->len, ==, 3000);
}

static void
test_cancelled (void)
{
  g_autofree char *json = history_json (N_PLAYS, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Collected) collected = { 0 };
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (parse (json, TRUE, &collected, NULL, cancellable, &error));
  g_assert_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED);
  g_assert_cmpuint (collected.plays->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/play-pipeline/same-plays-in-order", test_same_plays_in_order);
  g_test_add_func ("/import/play-pipeline/empty-history", test_empty_history);
  g_test_add_func ("/import/play-pipeline/func-failure-stops", test_func_failure_stops);
  g_test_add_func ("/import/play-pipeline/silent-stop", test_silent_stop);
  g_test_add_func ("/import/play-pipeline/damaged-entry-reported", test_damaged_entry_reported);
  g_test_add_func ("/import/play-pipeline/cancelled", test_cancelled);

  return g_test_run ();
}
