/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-playlist.c: playlists from a workout, from chosen songs and for
 * a cadence; M3U8 and XSPF written, hostile titles survived, read back. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "rsb-playlist.h"
#include "rsb-store-private.h"
#include "rsb-test-dir.h"

#define DAY_MS (24 * G_GINT64_CONSTANT (3600000))
#define T0 (G_GINT64_CONSTANT (1735718400000))  /* 2025-01-01T08:00Z */

typedef struct {
  RsbStore *store;
  char     *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = rsb_store_open_memory (&error);
  g_assert_no_error (error);
  f->dir = rsb_test_dir_new ("playlist");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, rsb_test_dir_remove);
}

/* A play of uri ending at start_ms + 200 s; returns its track id. */
static gint64
add_play (Fixture    *f,
          const char *uri,
          const char *title,
          gint64      start_ms)
{
  g_autoptr(RsbPlay) play = rsb_play_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  gboolean added;

  play->track.uri = g_strdup (uri);
  play->track.title = g_strdup (title);
  play->track.artists = g_strdup ("Artist");
  play->track.album = g_strdup ("Album");
  play->track.duration_ms = 200000;
  play->start_ms = start_ms;
  play->end_ms = start_ms + 200000;
  play->ms_played = 200000;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  play->precision_ms = 1;
  g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
  g_assert_no_error (error);
  plays = rsb_store_plays_between (f->store, play->end_ms - 1, play->end_ms - 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < plays->len; i++)
    {
      RsbPlay *stored = g_ptr_array_index (plays, i);

      if (g_strcmp0 (stored->track.uri, uri) == 0)
        return stored->track_id;
    }
  g_assert_not_reached ();
}

/* A workout of n seconds from start_ms, one fix a second. */
static gint64
add_workout (Fixture    *f,
             const char *name,
             gint64      start_ms,
             guint       n)
{
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
  g_autoptr(RsbStreams) streams = rsb_streams_new (n);
  g_autoptr(GError) error = NULL;
  double *time = rsb_streams_ensure (streams, RSB_STREAM_TIME);
  double *lat = rsb_streams_ensure (streams, RSB_STREAM_LAT);
  double *lon = rsb_streams_ensure (streams, RSB_STREAM_LON);
  gint64 id;

  for (guint i = 0; i < n; i++)
    {
      time[i] = i;
      lat[i] = 46.0 + i * 3e-5;
      lon[i] = 14.0;
    }
  info->source = g_strdup ("file");
  info->source_id = g_strdup (name);
  info->name = g_strdup (name);
  info->sport = g_strdup ("run");
  info->start_ms = start_ms;
  info->elapsed_s = info->moving_s = n - 1;
  info->distance_m = (n - 1) * 3.3;
  info->min_lat = 46.0;
  info->max_lat = 46.0 + n * 3e-5;
  info->min_lon = info->max_lon = 14.0;
  g_assert_true (rsb_store_begin (f->store, &error));
  id = rsb_store_add_activity (f->store, info, streams, &error);
  g_assert_no_error (error);
  g_assert_true (rsb_store_commit (f->store, &error));
  return id;
}

/* What the music scan will write: a file matched to a track. */
static char *
add_music_file (Fixture    *f,
                const char *name,
                gint64      track_id,
                gboolean    create)
{
  char *path = g_build_filename (f->dir, name, NULL);
  char *sql;

  if (create)
    g_assert_true (g_file_set_contents (path, "not really audio", -1, NULL));
  sql = sqlite3_mprintf ("INSERT INTO music_files (path, size, mtime, track_id, scanned_at)"
                         " VALUES (%Q, 16, 0, %lld, 0)", path, (long long) track_id);
  g_assert_cmpint (sqlite3_exec (f->store->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  return path;
}

static const RsbPlaylistEntry *
entry_at (const RsbPlaylist *playlist,
          guint              i)
{
  g_assert_cmpuint (i, <, playlist->entries->len);
  return g_ptr_array_index (playlist->entries, i);
}

static void
test_cadence_band (void)
{
  /* 170 spm: 3 % of 170 is 5.1, of 85 it is 2.55. */
  g_assert_true (rsb_playlist_bpm_suits_cadence (170, 170));
  g_assert_true (rsb_playlist_bpm_suits_cadence (164.9, 170));
  g_assert_false (rsb_playlist_bpm_suits_cadence (164.8, 170));
  g_assert_true (rsb_playlist_bpm_suits_cadence (175.1, 170));
  g_assert_false (rsb_playlist_bpm_suits_cadence (175.2, 170));
  g_assert_true (rsb_playlist_bpm_suits_cadence (85, 170));
  g_assert_true (rsb_playlist_bpm_suits_cadence (82.45, 170));
  g_assert_false (rsb_playlist_bpm_suits_cadence (82.4, 170));
  g_assert_true (rsb_playlist_bpm_suits_cadence (87.55, 170));
  g_assert_false (rsb_playlist_bpm_suits_cadence (87.6, 170));
  /* Between the bands is no step to run to, nor beyond any song's tempo. */
  g_assert_false (rsb_playlist_bpm_suits_cadence (128, 170));
  g_assert_false (rsb_playlist_bpm_suits_cadence (340, 170));
  /* A rider at 85 rpm pedals one turn to two beats of a 170 BPM song. */
  g_assert_true (rsb_playlist_bpm_suits_cadence (170, 85));
  g_assert_false (rsb_playlist_bpm_suits_cadence (176, 85));
  g_assert_false (rsb_playlist_bpm_suits_cadence (NAN, 170));
  g_assert_false (rsb_playlist_bpm_suits_cadence (170, 0));
}

static void
test_from_activity (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbPlaylist) playlist = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *gone_b = NULL;
  g_autofree char *uri_a = NULL;
  gint64 before = add_play (f, "spotify:track:before", "Warm-up", T0 - 400000);
  gint64 a = add_play (f, "spotify:track:aaa", "Alpha", T0);
  gint64 b = add_play (f, "spotify:track:bbb", "Bravo", T0 + 200000);
  gint64 id;

  /* Alpha again after Bravo: listed once, where it first played. */
  g_assert_cmpint (add_play (f, "spotify:track:aaa", "Alpha", T0 + 400000), ==, a);
  g_assert_cmpint (add_play (f, "spotify:track:after", "Cool-down", T0 + 900000), !=, 0);
  id = add_workout (f, "Morning Run", T0 + 1000, 590);
  path_a = add_music_file (f, "alpha.flac", a, TRUE);
  gone_b = add_music_file (f, "bravo.ogg", b, FALSE);

  playlist = rsb_playlist_new_from_activity (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (playlist->title, ==, "Morning Run");
  g_assert_cmpuint (playlist->entries->len, ==, 2);
  /* The user's own file comes first; Bravo's file has vanished since
   * the scan, so Spotify's URI stands for it. */
  uri_a = g_filename_to_uri (path_a, NULL, NULL);
  g_assert_cmpstr (entry_at (playlist, 0)->title, ==, "Alpha");
  g_assert_cmpstr (entry_at (playlist, 0)->location, ==, uri_a);
  g_assert_cmpstr (entry_at (playlist, 0)->spotify_uri, ==, "spotify:track:aaa");
  g_assert_cmpint (entry_at (playlist, 0)->track_id, ==, a);
  g_assert_cmpstr (entry_at (playlist, 1)->title, ==, "Bravo");
  g_assert_cmpstr (entry_at (playlist, 1)->location, ==, "spotify:track:bbb");
  g_assert_cmpint (entry_at (playlist, 0)->duration_ms, ==, 200000);
  g_assert_cmpint (before, !=, a);

  g_clear_pointer (&playlist, rsb_playlist_free);
  playlist = rsb_playlist_new_from_activity (f->store, id + 100, &error);
  g_assert_null (playlist);
  g_assert_error (error, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND);
}

static void
test_from_tracks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbPlaylist) playlist = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 a = add_play (f, "spotify:track:aaa", "Alpha", T0);
  gint64 b = add_play (f, "spotify:track:bbb", "Bravo", T0 + 200000);
  gint64 missing = b + 1000;

  g_array_append_val (ids, b);
  g_array_append_val (ids, missing);
  g_array_append_val (ids, a);
  g_array_append_val (ids, b);
  playlist = rsb_playlist_new_from_tracks (f->store, ids, "Songs that move you", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (playlist->title, ==, "Songs that move you");
  g_assert_cmpuint (playlist->entries->len, ==, 2);
  g_assert_cmpstr (entry_at (playlist, 0)->title, ==, "Bravo");
  g_assert_cmpstr (entry_at (playlist, 1)->title, ==, "Alpha");
  g_assert_cmpuint (rsb_playlist_count_without_spotify (playlist), ==, 0);
}

static void
set_tempo (Fixture *f,
           gint64   track_id,
           double   bpm)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_store_set_track_tempo (f->store, track_id, RSB_TEMPO_SOURCE_DEEZER, bpm, 0.9, &error));
  g_assert_no_error (error);
}

static void
test_for_cadence (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbPlaylist) playlist = NULL;
  /* Two workouts a day apart; the plays inside them count. */
  gint64 twice = add_play (f, "spotify:track:twice", "Heard in two runs", T0);
  gint64 half_often = add_play (f, "spotify:track:half", "Half time, often", T0 + 200000);
  gint64 half_once = add_play (f, "spotify:track:once", "Half time, once", T0 + 400000);
  gint64 never = add_play (f, "spotify:track:never", "Never on a run", T0 - 10 * DAY_MS);
  gint64 slow = add_play (f, "spotify:track:slow", "Too slow", T0 + 600000);
  gint64 fast = add_play (f, "spotify:track:fast", "Too fast", T0 + DAY_MS + 200000);
  gint64 unknown = add_play (f, "spotify:track:unknown", "No tempo", T0 + DAY_MS + 400000);

  g_assert_cmpint (add_play (f, "spotify:track:twice", "Heard in two runs", T0 + DAY_MS), ==, twice);
  /* Played often, but away from workouts: ranks by plays after the workouts. */
  for (int i = 1; i <= 2; i++)
    g_assert_cmpint (add_play (f, "spotify:track:half", "Half time, often", T0 - i * DAY_MS), ==, half_often);
  add_workout (f, "Day one", T0, 800);
  add_workout (f, "Day two", T0 + DAY_MS, 600);
  set_tempo (f, twice, 168);
  set_tempo (f, half_often, 85.5);
  set_tempo (f, half_once, 87.5);
  set_tempo (f, never, 172);
  set_tempo (f, slow, 160);
  set_tempo (f, fast, 176);

  playlist = rsb_playlist_new_for_cadence (f->store, 170, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (playlist->title, ==, "Songs for 170 spm");
  g_assert_cmpuint (playlist->entries->len, ==, 4);
  g_assert_cmpint (entry_at (playlist, 0)->track_id, ==, twice);
  g_assert_cmpint (entry_at (playlist, 1)->track_id, ==, half_often);
  g_assert_cmpint (entry_at (playlist, 2)->track_id, ==, half_once);
  g_assert_cmpint (entry_at (playlist, 3)->track_id, ==, never);
  g_assert_cmpint (unknown, !=, 0);

  /* 180 spm: 176 fits (within 5.4) and 87.5 (within 2.7 of 90), 168
   * does not; one workout and one play each, so the older song first. */
  g_clear_pointer (&playlist, rsb_playlist_free);
  playlist = rsb_playlist_new_for_cadence (f->store, 180, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlist->entries->len, ==, 2);
  g_assert_cmpint (entry_at (playlist, 0)->track_id, ==, half_once);
  g_assert_cmpint (entry_at (playlist, 1)->track_id, ==, fast);
}

static RsbPlaylist *
sample_playlist (void)
{
  RsbPlaylist *playlist = rsb_playlist_new ("Long Run <Sunday> & “friends”");
  RsbTrack one = { 0 }, two = { 0 }, three = { 0 };

  one.uri = "spotify:track:4uLU6hMCjMI75M1A2tKUQC";
  one.title = "Never Gonna Give You Up";
  one.artists = "Rick Astley";
  one.album = "Whenever You Need Somebody";
  one.duration_ms = 213573;
  rsb_playlist_add_track (playlist, 1, &one, "/music/Rick Astley/01 Never Gonna Give You Up.flac");
  two.uri = "spotify:track:0000000000000000000002";
  two.title = "Café, “Zürich” – 東京";
  two.artists = "Ünïcödé Artist, Second";
  two.duration_ms = 180400;
  rsb_playlist_add_track (playlist, 2, &two, NULL);
  three.uri = "spotify:local:Someone:Something:Local:200";
  three.title = "Local Spotify file";
  rsb_playlist_add_track (playlist, 3, &three, NULL);
  return playlist;
}

static void
check_read_back (const RsbPlaylist *written,
                 const RsbPlaylist *read)
{
  g_assert_cmpuint (read->entries->len, ==, written->entries->len);
  for (guint i = 0; i < written->entries->len; i++)
    {
      const RsbPlaylistEntry *w = entry_at (written, i), *r = entry_at (read, i);

      g_assert_cmpstr (r->location, ==, w->location);
      g_assert_cmpstr (r->title, ==, w->title);
      g_assert_cmpstr (r->artists, ==, w->artists);
      /* M3U8 keeps whole seconds. */
      g_assert_cmpint (llabs (r->duration_ms - w->duration_ms), <, 500);
    }
}

static void
test_read_back (void)
{
  g_autoptr(RsbPlaylist) playlist = sample_playlist ();
  g_autofree char *m3u8 = rsb_playlist_to_m3u8 (playlist);
  g_autofree char *xspf = rsb_playlist_to_xspf (playlist);
  g_autoptr(RsbPlaylist) from_m3u8 = NULL;
  g_autoptr(RsbPlaylist) from_xspf = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (m3u8, "#EXTM3U\n"));
  g_assert_nonnull (strstr (m3u8, "#EXTINF:214,Rick Astley - Never Gonna Give You Up\n"
                                  "#EXTALB:Whenever You Need Somebody\n"
                                  "file:///music/Rick%20Astley/01%20Never%20Gonna%20Give%20You%20Up.flac\n"));
  g_assert_nonnull (strstr (m3u8, "#EXTINF:180,Ünïcödé Artist, Second - Café, “Zürich” – 東京\n"
                                  "spotify:track:0000000000000000000002\n"));
  g_assert_nonnull (strstr (m3u8, "#EXTINF:-1,Local Spotify file\nspotify:local:"));
  from_m3u8 = rsb_playlist_parse_m3u8 (m3u8, strlen (m3u8), &error);
  g_assert_no_error (error);
  check_read_back (playlist, from_m3u8);
  g_assert_cmpstr (from_m3u8->title, ==, playlist->title);
  g_assert_cmpstr (entry_at (from_m3u8, 0)->album, ==, "Whenever You Need Somebody");

  g_assert_true (g_str_has_prefix (xspf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  g_assert_nonnull (strstr (xspf, "<title>Long Run &lt;Sunday&gt; &amp; “friends”</title>"));
  g_assert_nonnull (strstr (xspf, "<identifier>spotify:track:4uLU6hMCjMI75M1A2tKUQC</identifier>"));
  g_assert_nonnull (strstr (xspf, "<duration>213573</duration>"));
  from_xspf = rsb_playlist_parse_xspf (xspf, strlen (xspf), &error);
  g_assert_no_error (error);
  check_read_back (playlist, from_xspf);
  g_assert_cmpstr (from_xspf->title, ==, playlist->title);
  g_assert_cmpstr (entry_at (from_xspf, 0)->spotify_uri, ==, "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  g_assert_cmpint (entry_at (from_xspf, 0)->duration_ms, ==, 213573);
  /* A spotify:local URI is a location, never an identifier Spotify's
   * Web API would take. */
  g_assert_null (entry_at (from_xspf, 2)->spotify_uri);
}

static void
test_hostile (void)
{
  g_autoptr(RsbPlaylist) playlist = rsb_playlist_new ("Run\n#EXTINF:1,Injected\nfile:///etc/passwd");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbPlaylist) from_m3u8 = NULL;
  g_autoptr(RsbPlaylist) from_xspf = NULL;
  g_autofree char *m3u8 = NULL;
  g_autofree char *xspf = NULL;
  g_auto(GStrv) lines = NULL;
  RsbTrack evil = { 0 }, markup = { 0 }, broken = { 0 };
  guint n_locations = 0;

  evil.uri = "spotify:track:evil\n/etc/shadow";
  evil.title = "Title\r\nfile:///tmp/injected.mp3\n#EXTINF:9,x";
  evil.artists = "Bell\a Tab\t Esc\x1b Del\x7f";
  evil.album = "]]></album><script>alert(1)</script>";
  rsb_playlist_add_track (playlist, 1, &evil, "/music/new\nline & <tag>.mp3");
  markup.uri = "spotify:track:markup";
  markup.title = "<b>bold</b> &amp; &#x1; \xe2\x80\xa8 sep";
  markup.artists = "A \"quoted\" 'artist'";
  rsb_playlist_add_track (playlist, 2, &markup, NULL);
  broken.uri = "spotify:track:broken";
  broken.title = "Invalid \xff\xfe UTF-8 \xc3";
  rsb_playlist_add_track (playlist, 3, &broken, NULL);

  m3u8 = rsb_playlist_to_m3u8 (playlist);
  g_assert_true (g_utf8_validate (m3u8, -1, NULL));
  /* Every line is the header, a tag or one of the three locations. */
  lines = g_strsplit (m3u8, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      for (const char *c = lines[i]; *c; c++)
        g_assert_false ((guchar) *c < 0x20 && *c != '\t');
      if (lines[i][0] != '\0' && lines[i][0] != '#')
        n_locations++;
    }
  g_assert_cmpuint (n_locations, ==, 3);
  g_assert_null (strstr (m3u8, "\n#EXTINF:1,Injected"));
  g_assert_null (strstr (m3u8, "\nfile:///tmp/injected.mp3"));
  from_m3u8 = rsb_playlist_parse_m3u8 (m3u8, strlen (m3u8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_m3u8->entries->len, ==, 3);
  g_assert_cmpstr (entry_at (from_m3u8, 0)->location, ==, entry_at (playlist, 0)->location);
  g_assert_nonnull (strstr (entry_at (playlist, 0)->location, "%0A"));
  g_assert_cmpstr (entry_at (from_m3u8, 0)->title, ==, "Title  file:///tmp/injected.mp3 #EXTINF:9,x");

  xspf = rsb_playlist_to_xspf (playlist);
  g_assert_true (g_utf8_validate (xspf, -1, NULL));
  g_assert_null (strstr (xspf, "<script>"));
  g_assert_null (strstr (xspf, "&#x1;"));
  from_xspf = rsb_playlist_parse_xspf (xspf, strlen (xspf), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_xspf->entries->len, ==, 3);
  g_assert_cmpstr (entry_at (from_xspf, 0)->album, ==, evil.album);
  g_assert_cmpstr (entry_at (from_xspf, 1)->title, ==, "<b>bold</b> &amp; &#x1;   sep");
  g_assert_cmpstr (entry_at (from_xspf, 1)->artists, ==, markup.artists);
  g_assert_cmpstr (entry_at (from_xspf, 0)->location, ==, entry_at (playlist, 0)->location);
  g_assert_true (g_utf8_validate (entry_at (from_xspf, 2)->title, -1, NULL));
  g_assert_true (g_str_has_prefix (entry_at (from_xspf, 2)->title, "Invalid "));
  g_assert_cmpstr (from_xspf->title, ==, "Run #EXTINF:1,Injected file:///etc/passwd");
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RsbPlaylist) playlist = sample_playlist ();
  g_autoptr(GError) error = NULL;
  RsbPlaylistFormat format;
  static const char *names[] = { "run.m3u8", "RUN.XSPF" };

  g_assert_true (rsb_playlist_format_for_path ("a/b/run.M3U8", &format, &error));
  g_assert_cmpint (format, ==, RSB_PLAYLIST_M3U8);
  g_assert_true (rsb_playlist_format_for_path ("run.m3u", &format, &error));
  g_assert_cmpint (format, ==, RSB_PLAYLIST_M3U8);
  g_assert_true (rsb_playlist_format_for_path ("run.xspf", &format, &error));
  g_assert_cmpint (format, ==, RSB_PLAYLIST_XSPF);
  g_assert_false (rsb_playlist_format_for_path ("run.pls", &format, &error));
  g_assert_error (error, RSB_PLAYLIST_ERROR, RSB_PLAYLIST_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "run.pls"));
  g_clear_error (&error);
  g_assert_false (rsb_playlist_format_for_path ("xspf", &format, &error));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_autoptr(RsbPlaylist) read = NULL;

      g_assert_true (rsb_playlist_format_for_path (path, &format, &error));
      g_assert_true (rsb_playlist_save (playlist, format, path, &error));
      g_assert_no_error (error);
      read = rsb_playlist_load (path, &error);
      g_assert_no_error (error);
      check_read_back (playlist, read);
    }
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "html.xspf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbPlaylist) playlist = NULL;

  g_assert_true (g_file_set_contents (path, "<html><body>502</body></html>", -1, NULL));
  playlist = rsb_playlist_load (path, &error);
  g_assert_null (playlist);
  g_assert_error (error, RSB_PLAYLIST_ERROR, RSB_PLAYLIST_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "html.xspf"));
  g_clear_error (&error);
  g_assert_null (rsb_playlist_parse_m3u8 ("just text\n", 10, &error));
  g_assert_error (error, RSB_PLAYLIST_ERROR, RSB_PLAYLIST_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (rsb_playlist_parse_xspf ("<playlist><trackList>", 21, &error));
  g_assert_error (error, RSB_PLAYLIST_ERROR, RSB_PLAYLIST_ERROR_MALFORMED);
}

static void
test_without_location (void)
{
  g_autoptr(RsbPlaylist) playlist = rsb_playlist_new ("Old history");
  g_autofree char *m3u8 = NULL;
  g_autofree char *xspf = NULL;
  g_autoptr(RsbPlaylist) read = NULL;
  RsbTrack track = { 0 };

  /* Account data gives no URI: nothing can play it from an M3U8 but
   * XSPF players look songs up by title and artist. */
  track.title = "Known by name only";
  track.artists = "Someone";
  rsb_playlist_add_track (playlist, 1, &track, NULL);
  g_assert_cmpuint (rsb_playlist_count_without_spotify (playlist), ==, 1);
  m3u8 = rsb_playlist_to_m3u8 (playlist);
  g_assert_null (strstr (m3u8, "Known by name only"));
  xspf = rsb_playlist_to_xspf (playlist);
  read = rsb_playlist_parse_xspf (xspf, strlen (xspf), NULL);
  g_assert_cmpuint (read->entries->len, ==, 1);
  g_assert_cmpstr (entry_at (read, 0)->title, ==, "Known by name only");
  g_assert_null (entry_at (read, 0)->location);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/playlist/cadence-band", test_cadence_band);
  g_test_add ("/playlist/from-activity", Fixture, NULL, fixture_set_up, test_from_activity, fixture_tear_down);
  g_test_add ("/playlist/from-tracks", Fixture, NULL, fixture_set_up, test_from_tracks, fixture_tear_down);
  g_test_add ("/playlist/for-cadence", Fixture, NULL, fixture_set_up, test_for_cadence, fixture_tear_down);
  g_test_add_func ("/playlist/read-back", test_read_back);
  g_test_add_func ("/playlist/hostile", test_hostile);
  g_test_add ("/playlist/formats", Fixture, NULL, fixture_set_up, test_formats, fixture_tear_down);
  g_test_add ("/playlist/damaged", Fixture, NULL, fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add_func ("/playlist/without-location", test_without_location);
  return g_test_run ();
}
