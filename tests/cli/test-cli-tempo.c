/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-tempo.c: --lookup-tempo as a script uses it: the fake Deezer
 * and ReccoBeats, a private library, exit 0 when done, 75 with the
 * resume time while a quota stops it, 2 without consent. */
#include <math.h>

#include "rsb-fake-deezer.h"
#include "rsb-fake-reccobeats.h"
#include "rsb-store.h"
#include "rsb-test-app.h"
#include "rsb-test-dir.h"

#define T0 G_GINT64_CONSTANT (1750000000000)
#define WINDOW_MS 200

typedef struct {
  char              *dir;
  RsbStore          *store;
  RsbFakeDeezer     *deezer;
  RsbFakeReccoBeats *reccobeats;
} Fixture;

typedef RsbTestRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, rsb_test_run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = rsb_test_dir_new ("cli-tempo");
  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = rsb_store_open (path, &error);
  g_assert_no_error (error);
  f->deezer = rsb_fake_deezer_new (50, WINDOW_MS, &error);
  g_assert_no_error (error);
  f->reccobeats = rsb_fake_reccobeats_new (&error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->deezer, rsb_fake_deezer_free);
  g_clear_pointer (&f->reccobeats, rsb_fake_reccobeats_free);
  g_clear_object (&f->store);
  rsb_test_dir_remove (f->dir);
}

static void
add_songs (Fixture *f,
           guint    n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rsb_store_begin (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RsbPlay) play = rsb_play_new ();
      g_autofree char *isrc = g_strdup_printf ("QZC%09u", i);
      g_autofree char *title = g_strdup_printf ("Song %u", i);
      g_autofree char *id = g_strdup_printf ("cli%019u", i);
      gboolean added;

      play->track.uri = g_strconcat ("spotify:track:", id, NULL);
      play->track.isrc = g_strdup (isrc);
      play->track.title = g_strdup (title);
      play->track.artists = g_strdup ("Band");
      play->track.duration_ms = 180000;
      play->start_ms = T0 + i * 600000;
      play->end_ms = play->start_ms + 180000;
      play->ms_played = 180000;
      play->source = RSB_PLAY_SOURCE_EXTENDED;
      play->precision_ms = 1000;
      g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
      rsb_fake_deezer_add_track (f->deezer, 500 + i, isrc, "Band", title, 180, 150 + i);
      rsb_fake_reccobeats_add_track (f->reccobeats, id, 90 + i, 0.7);
    }
  g_assert_true (rsb_store_commit (f->store, &error));
}

static guint
count_tempi (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = rsb_store_plays_between (f->store, T0 - 1, T0 + 1000 * 600000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < plays->len; i++)
    if (((RsbPlay *) g_ptr_array_index (plays, i))->track.bpm_source != RSB_TEMPO_SOURCE_NONE)
      n++;
  return n;
}

/* Runs run-sous-bpm with args against the fakes, without a display,
 * in English. The fakes answer from this process's threads. */
static void
run_app (Fixture            *f,
         Run                *run,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = rsb_test_app_launcher (f->dir);
  g_autofree char *deezer_url = rsb_fake_deezer_dup_url (f->deezer);
  g_autofree char *reccobeats_url = rsb_fake_reccobeats_dup_url (f->reccobeats);

  g_subprocess_launcher_setenv (launcher, "RSB_DEEZER_API_URL", deezer_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "RSB_RECCOBEATS_API_URL", reccobeats_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "RSB_DEEZER_QUOTA_WINDOW_MS", G_STRINGIFY (WINDOW_MS), TRUE);
  rsb_test_app_run (launcher, run, args);
  g_test_message ("out: %s\nerr: %s", run->out, run->err);
}

static void
test_deezer_done (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  add_songs (f, 120);
  run_app (f, &run, (const char *[]) { "--lookup-tempo", "deezer", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Deezer: 50 of 120 tracks, 50 tempi found"));
  g_assert_nonnull (strstr (run.out, "Deezer: 120 of 120 tracks, 120 tempi found"));
  g_assert_cmpuint (count_tempi (f), ==, 120);
  g_assert_cmpuint (rsb_fake_reccobeats_count (f->reccobeats, "total"), ==, 0);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "quota"), ==, 0);
}

static void
test_reccobeats_done (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  add_songs (f, 10);
  run_app (f, &run, (const char *[]) { "--lookup-tempo", "reccobeats", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "ReccoBeats: 10 of 10 tracks, 10 tempi found"));
  g_assert_cmpuint (count_tempi (f), ==, 10);
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "total"), ==, 0);
}

/* Deezer's quota spent for minutes: exit 75 with the local time to run
 * again, nothing lost; once it is back, the next run finishes. */
static void
test_quota_tempfail (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) again = { 0, };

  add_songs (f, 20);
  rsb_fake_deezer_block (f->deezer, 10 * 60 * 1000);
  run_app (f, &run, (const char *[]) { "--lookup-tempo", "deezer", NULL });
  g_assert_cmpint (run.status, ==, 75);
  g_assert_nonnull (strstr (run.err, "Deezer rate limit"));
  g_assert_nonnull (strstr (run.err, "Run again after "));
  g_assert_cmpuint (count_tempi (f), ==, 0);

  rsb_fake_deezer_block (f->deezer, 0);
  run_app (f, &again, (const char *[]) { "--lookup-tempo", "deezer", NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpuint (count_tempi (f), ==, 20);
}

/* Nothing named and nothing turned on: a clear message, nothing sent. */
static void
test_no_consent (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) unknown = { 0, };

  add_songs (f, 3);
  run_app (f, &run, (const char *[]) { "--lookup-tempo", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "No tempo service is turned on"));
  run_app (f, &unknown, (const char *[]) { "--lookup-tempo", "napster", NULL });
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "napster"));
  g_assert_cmpuint (rsb_fake_deezer_count (f->deezer, "total"), ==, 0);
  g_assert_cmpuint (rsb_fake_reccobeats_count (f->reccobeats, "total"), ==, 0);
}

/* A proxy's error pages on every request: exit 1, Deezer named. */
static void
test_service_down (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  add_songs (f, 5);
  for (guint i = 0; i < 3; i++)
    rsb_fake_catalogue_inject (rsb_fake_deezer_get_server (f->deezer), RSB_FAKE_CATALOGUE_HTML, 0);
  run_app (f, &run, (const char *[]) { "--lookup-tempo", "deezer", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Deezer is not answering properly (502 Bad Gateway"));
  g_assert_cmpuint (count_tempi (f), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli/lookup-tempo/deezer", test_deezer_done);
  ADD ("/cli/lookup-tempo/reccobeats", test_reccobeats_done);
  ADD ("/cli/lookup-tempo/quota", test_quota_tempfail);
  ADD ("/cli/lookup-tempo/no-consent", test_no_consent);
  ADD ("/cli/lookup-tempo/service-down", test_service_down);
#undef ADD
  return g_test_run ();
}
