/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-playlist.c: --export-playlist and --songs-for-cadence as a
 * script uses them: the format from the file's extension, the songs
 * read back from the file written. */
#include "config.h"

#include "rsb-playlist.h"
#include "rsb-test-app.h"
#include "rsb-test-dir.h"

typedef struct {
  char     *dir;
  RsbStore *store;
  gint64    activity_id;
  char     *out;
  char     *err;
  int       status;
} Fixture;

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), name, NULL);
}

static void
run_app (Fixture            *f,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = rsb_test_app_launcher (f->dir);
  RsbTestRun run = { 0 };

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  rsb_test_app_run (launcher, &run, args);
  f->out = run.out;
  f->err = run.err;
  f->status = run.status;
}

/* The sample run and its history, imported as a user would. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *gpx = sample_path ("sample-run.gpx");
  g_autofree char *history = sample_path ("Streaming_History_Audio_Sample.json");
  g_autofree char *db = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = rsb_test_dir_new ("cli-playlist");
  run_app (f, (const char *[]) { "--import", gpx, history, NULL });
  g_assert_cmpint (f->status, ==, 0);
  db = g_build_filename (f->dir, "library.db", NULL);
  f->store = rsb_store_open (db, &error);
  g_assert_no_error (error);
  activities = rsb_store_list_activities (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 1);
  f->activity_id = ((RsbActivityInfo *) activities->pdata[0])->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, rsb_test_dir_remove);
  g_free (f->out);
  g_free (f->err);
}

static RsbPlaylist *
read_back (const char *path)
{
  g_autoptr(GError) error = NULL;
  RsbPlaylist *playlist = rsb_playlist_load (path, &error);

  g_assert_no_error (error);
  return playlist;
}

static void
test_export_playlist (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->activity_id);
  g_autofree char *m3u8 = g_build_filename (f->dir, "run.m3u8", NULL);
  g_autofree char *xspf = g_build_filename (f->dir, "run.xspf", NULL);
  g_autoptr(RsbPlaylist) expected = NULL;
  g_autoptr(RsbPlaylist) from_m3u8 = NULL;
  g_autoptr(RsbPlaylist) from_xspf = NULL;
  g_autoptr(GError) error = NULL;

  expected = rsb_playlist_new_from_activity (f->store, f->activity_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->entries->len, >=, 3);

  run_app (f, (const char *[]) { "--export-playlist", id, "-o", m3u8, NULL });
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->err, "songs to"));
  from_m3u8 = read_back (m3u8);
  run_app (f, (const char *[]) { "--export-playlist", id, "-o", xspf, NULL });
  g_assert_cmpint (f->status, ==, 0);
  from_xspf = read_back (xspf);

  /* Each song heard on the run, in order, once, at its Spotify URI. */
  g_assert_cmpuint (from_m3u8->entries->len, ==, expected->entries->len);
  g_assert_cmpuint (from_xspf->entries->len, ==, expected->entries->len);
  for (guint i = 0; i < expected->entries->len; i++)
    {
      RsbPlaylistEntry *e = expected->entries->pdata[i];
      RsbPlaylistEntry *m = from_m3u8->entries->pdata[i];
      RsbPlaylistEntry *x = from_xspf->entries->pdata[i];

      g_assert_true (g_str_has_prefix (e->location, "spotify:track:"));
      g_assert_cmpstr (m->location, ==, e->location);
      g_assert_cmpstr (x->location, ==, e->location);
      g_assert_cmpstr (x->title, ==, e->title);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (((RsbPlaylistEntry *) from_xspf->entries->pdata[j])->location, !=, x->location);
    }
  g_assert_cmpstr (from_xspf->title, ==, expected->title);
}

static void
test_bad_output (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->activity_id);
  g_autofree char *pls = g_build_filename (f->dir, "run.pls", NULL);

  /* An extension neither format has: a usage error naming the file. */
  run_app (f, (const char *[]) { "--export-playlist", id, "-o", pls, NULL });
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->err, "run.pls"));
  g_assert_nonnull (strstr (f->err, ".m3u8 or .xspf"));
  g_assert_false (g_file_test (pls, G_FILE_TEST_EXISTS));

  run_app (f, (const char *[]) { "--export-playlist", id, NULL });
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->err, "-o FILE.m3u8"));

  run_app (f, (const char *[]) { "--songs-for-cadence", "-5", "-o", "x.m3u8", NULL });
  g_assert_cmpint (f->status, ==, 2);

  /* An activity the library does not have. */
  run_app (f, (const char *[]) { "--export-playlist", "999999", "-o", "x.m3u8", NULL });
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->err, !=, "");
}

static void
test_songs_for_cadence (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cadence.xspf", NULL);
  g_autofree char *m3u8 = g_build_filename (f->dir, "cadence.m3u8", NULL);
  g_autoptr(RsbPlaylist) songs = NULL;
  g_autoptr(RsbPlaylist) read = NULL;
  g_autoptr(GError) error = NULL;
  RsbPlaylistEntry *first, *second, *third;

  /* Before any tempo is known there is nothing to save. */
  run_app (f, (const char *[]) { "--songs-for-cadence", "170", "-o", m3u8, NULL });
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, "No song in the library has a known tempo"));
  g_assert_false (g_file_test (m3u8, G_FILE_TEST_EXISTS));

  songs = rsb_playlist_new_from_activity (f->store, f->activity_id, &error);
  g_assert_no_error (error);
  first = songs->entries->pdata[0];
  second = songs->entries->pdata[1];
  third = songs->entries->pdata[2];
  g_assert_true (rsb_store_set_track_tempo (f->store, first->track_id, RSB_TEMPO_SOURCE_DEEZER, 120, 0.9, &error));
  g_assert_true (rsb_store_set_track_tempo (f->store, second->track_id, RSB_TEMPO_SOURCE_HAND, 86, 1, &error));
  g_assert_true (rsb_store_set_track_tempo (f->store, third->track_id, RSB_TEMPO_SOURCE_FILE_TAG, 171, 1, &error));
  g_assert_no_error (error);

  run_app (f, (const char *[]) { "--songs-for-cadence", "170", "-o", path, NULL });
  g_assert_cmpint (f->status, ==, 0);
  read = read_back (path);
  g_assert_cmpuint (read->entries->len, ==, 2);
  g_assert_cmpstr (read->title, ==, "Songs for 170 spm");
  /* Both heard in the one workout, once: the older track first. */
  g_assert_cmpstr (((RsbPlaylistEntry *) read->entries->pdata[0])->location, ==, second->location);
  g_assert_cmpstr (((RsbPlaylistEntry *) read->entries->pdata[1])->location, ==, third->location);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/export-playlist", Fixture, NULL, fixture_set_up, test_export_playlist, fixture_tear_down);
  g_test_add ("/cli/playlist-bad-output", Fixture, NULL, fixture_set_up, test_bad_output, fixture_tear_down);
  g_test_add ("/cli/songs-for-cadence", Fixture, NULL, fixture_set_up, test_songs_for_cadence, fixture_tear_down);
  return g_test_run ();
}
