/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store keeps a person's whole library: these tests check that what
 * goes in comes back exactly, once, and that a failed transaction leaves
 * no trace. */
#include "rsb-test-dir.h"
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "rsb-activity.h"
#include "rsb-store.h"

#define T0 G_GINT64_CONSTANT (1700000000000)

typedef struct {
  char     *dir;
  char     *path;
  RsbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rsb_test_dir_new ("store");
  f->path = g_build_filename (f->dir, "nested", "library.db", NULL);
  f->store = rsb_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rsb_test_dir_remove (f->dir);
  g_free (f->path);
}

static RsbStreams *
make_streams (guint n)
{
  RsbStreams *streams = rsb_streams_new (n);
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  double *distance = rsb_streams_ensure (streams, RSB_STREAM_DISTANCE);
  double *hr = rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE);

  for (guint i = 0; i < n; i++)
    {
      time[i] = i;
      lat[i] = 46.0 + i * 1e-5;
      lon[i] = 14.0 + i * 1e-5;
      distance[i] = i * 2.5;
      hr[i] = i % 7 == 0 ? NAN : 140 + i % 20;
    }
  return streams;
}

static RsbActivityInfo *
make_info (const char *source_id,
           gint64      start_ms,
           guint       n)
{
  RsbActivityInfo *info = rsb_activity_info_new ();

  info->source = g_strdup ("file");
  info->source_id = g_strdup (source_id);
  info->name = g_strdup ("Morning Run");
  info->sport = g_strdup ("run");
  info->start_ms = start_ms;
  info->elapsed_s = n - 1;
  info->moving_s = n - 1;
  info->distance_m = (n - 1) * 2.5;
  info->min_lat = 46.0;
  info->max_lat = 46.0 + n * 1e-5;
  info->min_lon = 14.0;
  info->max_lon = 14.0 + n * 1e-5;
  info->file_name = g_strdup ("run.gpx");
  return info;
}

static RsbPlay *
make_play (const char    *uri,
           double         start_s,
           double         end_s,
           RsbPlaySource  source)
{
  RsbPlay *play = rsb_play_new ();

  play->track.uri = uri ? g_strdup (uri) : NULL;
  play->track.title = g_strdup_printf ("Title of %s", uri ? uri : "nothing");
  play->track.artists = g_strdup ("Some Artist");
  play->track.album = g_strdup ("Some Album");
  play->start_ms = T0 + (gint64) (start_s * 1000);
  play->end_ms = T0 + (gint64) (end_s * 1000);
  play->ms_played = play->end_ms - play->start_ms;
  play->source = source;
  play->precision_ms = source == RSB_PLAY_SOURCE_ACCOUNT ? 60000 : 1000;
  return play;
}

/* A play that lasted ms_played, as both exports report it. */
static RsbPlay *
listen (const char    *uri,
        double         start_s,
        double         end_s,
        RsbPlaySource  source,
        gint64         ms_played)
{
  RsbPlay *play = make_play (uri, start_s, end_s, source);

  play->ms_played = ms_played;
  return play;
}

static gint64
add_activity (Fixture    *f,
              const char *source_id,
              gint64      start_ms,
              guint       n)
{
  g_autoptr(RsbActivityInfo) info = make_info (source_id, start_ms, n);
  g_autoptr(RsbStreams) streams = make_streams (n);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (rsb_store_begin (f->store, &error));
  id = rsb_store_add_activity (f->store, info, streams, &error);
  g_assert_no_error (error);
  g_assert_true (rsb_store_commit (f->store, &error));
  return id;
}

static gboolean
add_play (Fixture *f,
          RsbPlay *play)
{
  g_autoptr(RsbPlay) owned = play;
  g_autoptr(GError) error = NULL;
  gboolean added;

  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
  g_assert_true (rsb_store_finish_plays (f->store, &error));
  g_assert_true (rsb_store_commit (f->store, &error));
  g_assert_no_error (error);
  return added;
}

static char *
pragma_text (const char *path,
             const char *pragma)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *journal = pragma_text (f->path, "PRAGMA journal_mode");
  g_autofree char *version = pragma_text (f->path, "PRAGMA user_version");

  g_assert_cmpstr (journal, ==, "wal");
  g_autofree char *end_index = pragma_text (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'plays_by_end'");
  g_autofree char *old_index = pragma_text (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'plays_by_start'");

  g_autofree char *tempo_table = pragma_text (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'track_tempi'");

  g_assert_cmpstr (version, ==, "6");
  /* Migration 5 keeps each source's tempo for a track. */
  g_assert_cmpstr (tempo_table, ==, "1");
  /* Migration 2 replaced the two play indexes by one. */
  g_assert_cmpstr (end_index, ==, "1");
  g_assert_cmpstr (old_index, ==, "0");
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) again = NULL;
  sqlite3 *db;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  again = rsb_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_activity_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RsbStreams) expected = make_streams (500);
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_activity (f, "hash-1", T0, 500);

  g_assert_cmpint (id, >, 0);
  info = rsb_store_get_activity (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Morning Run");
  g_assert_cmpstr (info->sport, ==, "run");
  g_assert_cmpint (info->start_ms, ==, T0);
  g_assert_cmpuint (info->n_points, ==, 500);
  g_assert_cmpfloat (info->distance_m, ==, 499 * 2.5);

  streams = rsb_store_load_streams (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (streams->n_points, ==, 500);
  g_assert_false (rsb_streams_has (streams, RSB_STREAM_ALTITUDE));
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      if (expected->columns[kind] == NULL)
        continue;
      /* Bit-exact, NAN holes included. */
      g_assert_cmpmem (streams->columns[kind], 500 * sizeof (double),
                       expected->columns[kind], 500 * sizeof (double));
    }
}

static void
test_duplicate_activity (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) same_hash = make_info ("hash-1", T0 + 3600000, 10);
  g_autoptr(RsbActivityInfo) same_start = make_info ("hash-2", T0 + 500, 10);
  g_autoptr(RsbActivityInfo) other = make_info ("hash-3", T0 + 7200000, 10);
  gint64 id = add_activity (f, "hash-1", T0, 10);

  g_assert_cmpint (rsb_store_find_activity (f->store, same_hash), ==, id);
  g_assert_cmpint (rsb_store_find_activity (f->store, same_start), ==, id);
  g_assert_cmpint (rsb_store_find_activity (f->store, other), ==, 0);
}

static void
test_play_stored_once (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GError) error = NULL;
  RsbPlay *stored;

  /* One listen of 228 s: the account data says when to the minute. */
  g_assert_true (add_play (f, listen ("spotify:track:a", 0, 200, RSB_PLAY_SOURCE_ACCOUNT, 228000)));
  g_assert_false (add_play (f, listen ("spotify:track:a", 0, 200, RSB_PLAY_SOURCE_ACCOUNT, 228000)));
  /* The precise source replaces the coarse one rather than adding to it. */
  g_assert_false (add_play (f, listen ("spotify:track:a", 2, 230, RSB_PLAY_SOURCE_EXTENDED, 228000)));
  g_assert_false (add_play (f, listen ("spotify:track:a", 0, 210, RSB_PLAY_SOURCE_ACCOUNT, 228000)));
  g_assert_true (add_play (f, make_play ("spotify:track:b", 230, 400, RSB_PLAY_SOURCE_EXTENDED)));
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 2);

  plays = rsb_store_plays_between (f->store, T0, T0 + 1000000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 2);
  stored = g_ptr_array_index (plays, 0);
  g_assert_cmpstr (stored->track.uri, ==, "spotify:track:a");
  g_assert_cmpstr (stored->track.album, ==, "Some Album");
  g_assert_cmpint (stored->source, ==, RSB_PLAY_SOURCE_EXTENDED);
  g_assert_cmpint (stored->start_ms, ==, T0 + 2000);
  g_assert_cmpint (stored->end_ms, ==, T0 + 230000);
}

/* A scrobble says when a song began; Spotify's export when it ended and
 * how long it played. The same listen from both is stored once, from
 * the source that knows it best, while a scrobble of the song heard
 * again later stays a listen of its own. */
static RsbPlay *
scrobble (const char    *uri,
          double         start_s,
          RsbPlaySource  source)
{
  RsbPlay *play = make_play (uri, start_s, start_s + 600, source);

  play->precision_ms = source == RSB_PLAY_SOURCE_YOUTUBE ? RSB_PRECISION_LOW_MS : RSB_PRECISION_SECOND_MS;
  return play;
}

static void
test_scrobble_meets_export (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GError) error = NULL;
  RsbPlay *stored;

  /* Heard from 0 s to 228 s (Spotify), scrobbled 2 s late (ListenBrainz,
   * which guessed its end from the next listen), and again by Last.fm. */
  g_assert_true (add_play (f, scrobble ("spotify:track:a", 2, RSB_PLAY_SOURCE_LISTENBRAINZ)));
  g_assert_false (add_play (f, listen ("spotify:track:a", 0, 228, RSB_PLAY_SOURCE_EXTENDED, 228000)));
  g_assert_false (add_play (f, scrobble ("spotify:track:a", 1, RSB_PLAY_SOURCE_LASTFM)));
  g_assert_false (add_play (f, scrobble ("spotify:track:a", 30, RSB_PLAY_SOURCE_YOUTUBE)));
  /* The same song again an hour later is another listen. */
  g_assert_true (add_play (f, scrobble ("spotify:track:a", 3600, RSB_PLAY_SOURCE_LASTFM)));
  /* The same scrobble twice in one history is one listen. */
  g_assert_false (add_play (f, scrobble ("spotify:track:a", 3600, RSB_PLAY_SOURCE_LASTFM)));
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 2);

  plays = rsb_store_plays_between (f->store, T0, T0 + 10000000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 2);
  stored = g_ptr_array_index (plays, 0);
  g_assert_cmpint (stored->start_ms, ==, T0);
  g_assert_cmpint (stored->end_ms, ==, T0 + 228000);
}

/* The newest scrobble of one sync runs ten minutes, as nothing followed
 * it yet; the next sync's first listen tells when it ended. A listen
 * from another source is left alone. */
static void
test_next_sync_closes_open_end (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GError) error = NULL;
  RsbPlay *first, *apple;

  g_assert_true (add_play (f, scrobble ("spotify:track:a", 0, RSB_PLAY_SOURCE_LISTENBRAINZ)));
  apple = make_play ("spotify:track:c", 100, 500, RSB_PLAY_SOURCE_APPLE);
  g_assert_true (add_play (f, apple));
  g_assert_true (add_play (f, scrobble ("spotify:track:b", 200, RSB_PLAY_SOURCE_LISTENBRAINZ)));

  plays = rsb_store_plays_between (f->store, T0, T0 + 10000000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 3);
  first = g_ptr_array_index (plays, 0);
  g_assert_cmpstr (first->track.uri, ==, "spotify:track:a");
  g_assert_cmpint (first->end_ms, ==, T0 + 200000);
  g_assert_cmpint (first->ms_played, ==, 200000);
  apple = g_ptr_array_index (plays, 1);
  g_assert_cmpint (apple->end_ms, ==, T0 + 500000);
}

/* An export's months may be written out of order: a month's last
 * scrobble, its end a guess, is ended by the next month's first,
 * stored before it. */
static void
test_later_month_first_closes_open_end (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GError) error = NULL;
  RsbPlay *first;

  g_assert_true (add_play (f, scrobble ("spotify:track:b", 300, RSB_PLAY_SOURCE_LISTENBRAINZ)));
  g_assert_true (add_play (f, scrobble ("spotify:track:a", 0, RSB_PLAY_SOURCE_LISTENBRAINZ)));

  plays = rsb_store_plays_between (f->store, T0, T0 + 10000000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 2);
  first = g_ptr_array_index (plays, 0);
  g_assert_cmpstr (first->track.uri, ==, "spotify:track:a");
  g_assert_cmpint (first->end_ms, ==, T0 + 300000);
  g_assert_cmpint (first->ms_played, ==, 300000);
}

/* A song first met in an export gains the cover, length and code the
 * API gives later, and a later export does not take them away. */
static void
test_track_gains_api_metadata (Fixture       *f,
                               gconstpointer  data)
{
  RsbPlay *from_api = make_play ("spotify:track:a", 300, 500, RSB_PLAY_SOURCE_API);
  g_autofree char *artwork = NULL;
  g_autofree char *isrc = NULL;
  g_autofree char *duration = NULL;

  g_assert_true (add_play (f, make_play ("spotify:track:a", 0, 200, RSB_PLAY_SOURCE_EXTENDED)));
  from_api->track.artwork_url = g_strdup ("https://i.scdn.co/image/cover");
  from_api->track.isrc = g_strdup ("USUM71703861");
  from_api->track.duration_ms = 201000;
  g_assert_true (add_play (f, from_api));
  g_assert_true (add_play (f, make_play ("spotify:track:a", 600, 800, RSB_PLAY_SOURCE_EXTENDED)));

  artwork = pragma_text (f->path, "SELECT artwork_url FROM tracks");
  isrc = pragma_text (f->path, "SELECT isrc FROM tracks");
  duration = pragma_text (f->path, "SELECT duration_ms FROM tracks");
  g_assert_cmpstr (artwork, ==, "https://i.scdn.co/image/cover");
  g_assert_cmpstr (isrc, ==, "USUM71703861");
  g_assert_cmpstr (duration, ==, "201000");
}

static void
test_plays_without_uri (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_true (add_play (f, make_play (NULL, 0, 100, RSB_PLAY_SOURCE_EXTENDED)));
  g_assert_false (add_play (f, make_play (NULL, 0, 100, RSB_PLAY_SOURCE_EXTENDED)));
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 1);
}

/* Account data names a song without its URI; the extended history
 * gives it. Either order, the same listen is one track and one play,
 * kept from the precise source, with the URI. */
static void
test_same_play_across_exports (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *tracks = NULL;

  for (guint order = 0; order < 2; order++)
    {
      g_autofree char *uri = g_strdup_printf ("spotify:track:x%u", order);
      g_autoptr(RsbPlay) coarse = listen (uri, 1000 * order, 1000 * order + 200, RSB_PLAY_SOURCE_ACCOUNT, 228000);
      g_autoptr(RsbPlay) precise = listen (uri, 1000 * order + 2, 1000 * order + 230, RSB_PLAY_SOURCE_EXTENDED,
                                           228000);
      g_autoptr(GPtrArray) plays = NULL;
      g_autoptr(GError) error = NULL;
      RsbPlay *stored;

      g_clear_pointer (&coarse->track.uri, g_free);
      g_assert_true (add_play (f, order == 0 ? g_steal_pointer (&coarse) : g_steal_pointer (&precise)));
      g_assert_false (add_play (f, order == 0 ? g_steal_pointer (&precise) : g_steal_pointer (&coarse)));

      plays = rsb_store_plays_between (f->store, T0 + 1000000 * order, T0 + 1000000 * order + 500000, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (plays->len, ==, 1);
      stored = g_ptr_array_index (plays, 0);
      g_assert_cmpstr (stored->track.uri, ==, uri);
      g_assert_cmpint (stored->source, ==, RSB_PLAY_SOURCE_EXTENDED);
    }
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 2);
  tracks = pragma_text (f->path, "SELECT count(*) FROM tracks");
  g_assert_cmpstr (tracks, ==, "2");
}

/* Skipped after a moment, then heard in full, all in one minute of the
 * account data: three listens, not one. Across sources they still
 * pair up by how long each played. */
static void
test_listens_in_one_minute (Fixture       *f,
                            gconstpointer  data)
{
  static const gint64 played[] = { 341, 1002, 98094 };
  g_autofree char *skips = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (played); i++)
    g_assert_true (add_play (f, listen ("spotify:track:j", 0, 60, RSB_PLAY_SOURCE_ACCOUNT, played[i])));
  for (guint i = 0; i < G_N_ELEMENTS (played); i++)
    g_assert_false (add_play (f, listen ("spotify:track:j", 0, 50 + i, RSB_PLAY_SOURCE_EXTENDED, played[i])));
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 3);
  skips = pragma_text (f->path, "SELECT group_concat (ms_played) FROM plays WHERE source = 'extended'");
  g_assert_cmpstr (skips, ==, "341,1002,98094");
}

/* The API gives when a play ended; how long it lasted is estimated
 * from what was stored before it, so a page fetched again (after a
 * reconnect) may estimate differently: still the same listen. */
static void
test_api_play_fetched_again (Fixture       *f,
                             gconstpointer  data)
{
  g_assert_true (add_play (f, listen ("spotify:track:p", 0, 200, RSB_PLAY_SOURCE_API, 200000)));
  g_assert_false (add_play (f, listen ("spotify:track:p", 150, 200, RSB_PLAY_SOURCE_API, 50000)));
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 1);
}

/* A single and its album version share title and artists. The account
 * data cannot tell them apart; the extended history can, and each of
 * its plays still replaces the coarse one of the same listen. */
static void
test_two_versions_of_a_song (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GError) error = NULL;
  RsbPlay *heard[2];

  for (guint i = 0; i < 2; i++)
    {
      RsbPlay *coarse = listen ("spotify:track:v", 300 * i, 300 * i + 180, RSB_PLAY_SOURCE_ACCOUNT, 200000 + i);

      g_clear_pointer (&coarse->track.uri, g_free);
      g_assert_true (add_play (f, coarse));
    }
  for (guint i = 0; i < 2; i++)
    {
      heard[i] = listen ("spotify:track:v", 300 * i, 300 * i + 200, RSB_PLAY_SOURCE_EXTENDED, 200000 + i);
      g_free (heard[i]->track.uri);
      heard[i]->track.uri = g_strdup (i == 0 ? "spotify:track:single" : "spotify:track:album");
      g_assert_false (add_play (f, heard[i]));
    }
  plays = rsb_store_plays_between (f->store, T0, T0 + 1000000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 2);
  g_assert_cmpstr (((RsbPlay *) plays->pdata[0])->track.uri, ==, "spotify:track:single");
  g_assert_cmpstr (((RsbPlay *) plays->pdata[1])->track.uri, ==, "spotify:track:album");
  g_assert_cmpint (((RsbPlay *) plays->pdata[1])->source, ==, RSB_PLAY_SOURCE_EXTENDED);
}

static void
test_rollback_leaves_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) info = make_info ("hash-1", T0, 100);
  g_autoptr(RsbStreams) streams = make_streams (100);
  g_autoptr(RsbPlay) play = make_play ("spotify:track:a", 0, 50, RSB_PLAY_SOURCE_EXTENDED);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean added;

  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_cmpint (rsb_store_add_activity (f->store, info, streams, &error), >, 0);
  g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
  rsb_store_rollback (f->store);

  list = rsb_store_list_activities (f->store, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 0);

  /* Track ids handed out in the rolled-back transaction are not reused. */
  g_assert_true (add_play (f, make_play ("spotify:track:a", 0, 50, RSB_PLAY_SOURCE_EXTENDED)));
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 1);
}

static void
test_matches_cached (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_activity (f, "hash-1", T0, 101);

  /* Plays imported after the workout update its song count. */
  add_play (f, make_play ("spotify:track:a", -30, 40, RSB_PLAY_SOURCE_EXTENDED));
  add_play (f, make_play ("spotify:track:b", 40, 60, RSB_PLAY_SOURCE_EXTENDED));
  add_play (f, make_play ("spotify:track:far", 5000, 5200, RSB_PLAY_SOURCE_EXTENDED));

  info = rsb_store_get_activity (f->store, id, &error);
  g_assert_cmpuint (info->n_songs, ==, 2);
  g_assert_cmpfloat_with_epsilon (info->coverage, 0.6, 1e-9);

  activity = rsb_activity_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activity->plays->len, ==, 2);
  g_assert_cmpuint (rsb_activity_n_segments (activity), ==, 3);
  g_assert_cmpstr (rsb_activity_segment_play (activity, 0)->track.uri, ==, "spotify:track:a");
  g_assert_cmpstr (rsb_activity_segment_play (activity, 1)->track.uri, ==, "spotify:track:b");
  g_assert_null (rsb_activity_segment_play (activity, 2));
}

/* A scrobble's guessed end covered the whole workout; the export of the
 * same listen replaces it with the real one, adding no play, and the
 * workout's songs follow. */
static void
test_replaced_play_rematches (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) guessed = NULL;
  g_autoptr(RsbActivityInfo) exact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_activity (f, "hash-1", T0, 101);

  g_assert_true (add_play (f, scrobble ("spotify:track:a", -30, RSB_PLAY_SOURCE_LISTENBRAINZ)));
  guessed = rsb_store_get_activity (f->store, id, &error);
  g_assert_cmpfloat_with_epsilon (guessed->coverage, 1.0, 1e-9);

  g_assert_false (add_play (f, listen ("spotify:track:a", -30, 40, RSB_PLAY_SOURCE_EXTENDED, 70000)));
  exact = rsb_store_get_activity (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exact->n_songs, ==, 1);
  g_assert_cmpfloat_with_epsilon (exact->coverage, 0.4, 1e-9);
}

#define RECORDED (RSB_STREAM_BIT (RSB_STREAM_TIME) | RSB_STREAM_BIT (RSB_STREAM_LAT) | \
                  RSB_STREAM_BIT (RSB_STREAM_LON) | RSB_STREAM_BIT (RSB_STREAM_DISTANCE) | \
                  RSB_STREAM_BIT (RSB_STREAM_HEART_RATE))

/* Rows know which columns their streams hold, libraries from before
 * that column included, so two recordings are weighed from rows. */
static void
test_channels_migrated (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) before = NULL;
  g_autoptr(RsbActivityInfo) after = NULL;
  g_autoptr(RsbActivityInfo) manual = make_info ("manual", T0 + 86400000, 1);
  g_autoptr(RsbActivityInfo) still_none = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_activity (f, "hash-1", T0, 50);
  gint64 manual_id;
  sqlite3 *db;

  g_assert_true (rsb_store_begin (f->store, &error));
  manual_id = rsb_store_add_activity (f->store, manual, NULL, &error);
  g_assert_true (rsb_store_commit (f->store, &error));
  before = rsb_store_get_activity (f->store, id, &error);
  g_assert_cmpuint (before->channels, ==, RECORDED);

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  /* Back to a library of version 3: without the channels, nor what
   * migration 5 (tempo) brought. */
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE activities DROP COLUMN channels;"
                                 " DROP TABLE track_tempi; DROP TABLE tempo_lookups; DROP TABLE music_files; DROP TABLE tempo_points;"
                                 " DROP INDEX tracks_by_isrc; ALTER TABLE tracks DROP COLUMN bpm_confidence;"
                                 " ALTER TABLE tracks DROP COLUMN energy; ALTER TABLE accounts DROP COLUMN scopes;"
                                 " ALTER TABLE activities DROP COLUMN recovered;"
                                 " PRAGMA user_version = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = rsb_store_open (f->path, &error);
  g_assert_no_error (error);
  after = rsb_store_get_activity (f->store, id, &error);
  g_assert_cmpuint (after->channels, ==, RECORDED);
  still_none = rsb_store_get_activity (f->store, manual_id, &error);
  g_assert_cmpuint (still_none->channels, ==, 0);
}

static RsbStreams *
streams_without_heart_rate (guint n)
{
  RsbStreams *streams = make_streams (n);

  rsb_streams_drop (streams, RSB_STREAM_HEART_RATE);
  return streams;
}

/* Another recording takes the activity's place under its id, matched
 * afresh; rolled back, the first is there whole. */
static void
test_replace_activity (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) other = make_info ("hash-2", T0 + 400, 200);
  g_autoptr(RsbStreams) other_streams = streams_without_heart_rate (200);
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_activity (f, "hash-1", T0, 100);

  add_play (f, make_play ("spotify:track:a", 0, 150, RSB_PLAY_SOURCE_EXTENDED));

  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_true (rsb_store_replace_activity (f->store, id, other, other_streams, &error));
  rsb_store_rollback (f->store);
  info = rsb_store_get_activity (f->store, id, &error);
  streams = rsb_store_load_streams (f->store, id, &error);
  g_assert_cmpstr (info->source_id, ==, "hash-1");
  g_assert_cmpuint (streams->n_points, ==, 100);
  g_assert_nonnull (streams->columns[RSB_STREAM_HEART_RATE]);
  g_clear_pointer (&info, rsb_activity_info_free);
  g_clear_pointer (&streams, rsb_streams_free);

  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_true (rsb_store_replace_activity (f->store, id, other, other_streams, &error));
  g_assert_true (rsb_store_commit (f->store, &error));
  g_assert_no_error (error);
  list = rsb_store_list_activities (f->store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  info = rsb_store_get_activity (f->store, id, &error);
  streams = rsb_store_load_streams (f->store, id, &error);
  g_assert_cmpstr (info->source_id, ==, "hash-2");
  g_assert_cmpuint (info->n_points, ==, 200);
  g_assert_cmpuint (info->channels, ==, RECORDED & ~RSB_STREAM_BIT (RSB_STREAM_HEART_RATE));
  g_assert_cmpuint (streams->n_points, ==, 200);
  g_assert_null (streams->columns[RSB_STREAM_HEART_RATE]);
  /* The play covers the new recording's first 150 of 199 seconds. */
  g_assert_cmpuint (info->n_songs, ==, 1);
  g_assert_cmpfloat_with_epsilon (info->coverage, 150.0 / 199, 0.01);
}

static void
test_set_identity (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RsbActivityInfo) strava = make_info ("12345", T0 + 7200000, 10);
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_activity (f, "hash-1", T0, 10);

  g_free (strava->source);
  strava->source = g_strdup ("strava");
  g_free (strava->name);
  strava->name = g_strdup ("Club run");
  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_true (rsb_store_set_identity (f->store, id, strava, &error));
  g_assert_true (rsb_store_commit (f->store, &error));

  g_assert_true (rsb_store_has_source (f->store, "strava", "12345"));
  g_assert_cmpint (rsb_store_find_activity (f->store, strava), ==, id);
  info = rsb_store_get_activity (f->store, id, &error);
  g_assert_cmpstr (info->name, ==, "Club run");
  g_assert_cmpuint (info->n_points, ==, 10);
}

static void
test_missing_activity (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivity) activity = rsb_activity_load (f->store, 42, &error);

  g_assert_null (activity);
  g_assert_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND);
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;

  g_setenv ("RSB_DATA_DIR", "/tmp/somewhere", TRUE);
  path = rsb_store_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/somewhere/library.db");
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/schema", test_schema);
  ADD ("/store/newer-schema-refused", test_newer_schema_refused);
  ADD ("/store/activity-round-trip", test_activity_round_trip);
  ADD ("/store/duplicate-activity", test_duplicate_activity);
  ADD ("/store/play-stored-once", test_play_stored_once);
  ADD ("/store/plays-without-uri", test_plays_without_uri);
  ADD ("/store/same-play-across-exports", test_same_play_across_exports);
  ADD ("/store/listens-in-one-minute", test_listens_in_one_minute);
  ADD ("/store/api-play-fetched-again", test_api_play_fetched_again);
  ADD ("/store/two-versions-of-a-song", test_two_versions_of_a_song);
  ADD ("/store/scrobble-meets-export", test_scrobble_meets_export);
  ADD ("/store/next-sync-closes-open-end", test_next_sync_closes_open_end);
  ADD ("/store/later-month-first-closes-open-end", test_later_month_first_closes_open_end);
  ADD ("/store/track-gains-api-metadata", test_track_gains_api_metadata);
  ADD ("/store/rollback-leaves-nothing", test_rollback_leaves_nothing);
  ADD ("/store/matches-cached", test_matches_cached);
  ADD ("/store/replaced-play-rematches", test_replaced_play_rematches);
  ADD ("/store/missing-activity", test_missing_activity);
  ADD ("/store/channels-migrated", test_channels_migrated);
  ADD ("/store/replace-activity", test_replace_activity);
  ADD ("/store/set-identity", test_set_identity);
  g_test_add_func ("/store/default-path", test_default_path);

  return g_test_run ();
}
