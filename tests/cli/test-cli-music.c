/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-music.c: --scan-music as a script uses it: one
 * tab-separated line per audio file, skipped files named on stderr,
 * exit 0, and the library keeps what was read. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>

#include "rsb-test-app.h"
#include "rsb-test-dir.h"
#include "rsb-test-tagged-audio.h"

typedef RsbTestRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, rsb_test_run_clear)

static void
run_app (const char         *data_dir,
         Run                *run,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = rsb_test_app_launcher (data_dir);

  /* A decimal comma locale would show in the output if it leaked. */
  g_subprocess_launcher_setenv (launcher, "LC_NUMERIC", "de_DE.UTF-8", TRUE);
  rsb_test_app_run (launcher, run, args);
}

static void
assert_lines (const char *out,
              const char *music)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_auto(GStrv) click = NULL;
  g_autofree char *tagged = g_strdup_printf ("%s/tagged.ogg\t128.0\tfile\t1.00", music);
  g_autofree char *click_path = g_strdup_printf ("%s/click.flac", music);
  double bpm;

  /* Two lines by path, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  click = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (click), ==, 4);
  g_assert_cmpstr (click[0], ==, click_path);
  bpm = g_ascii_strtod (click[1], NULL);
  g_assert_cmpfloat (fabs (bpm - 120) / 120, <, 0.03);
  g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]$", click[1], 0, 0));
  g_assert_cmpstr (click[2], ==, "estimate");
  g_assert_true (g_regex_match_simple ("^[01]\\.[0-9][0-9]$", click[3], 0, 0));
  g_assert_cmpstr (lines[1], ==, tagged);
}

static void
test_scan_music (void)
{
  char *dir = rsb_test_dir_new ("cli-music");
  g_autofree char *music = g_build_filename (dir, "music", NULL);
  g_autofree char *notes = g_build_filename (music, "notes.mp3", NULL);
  RsbTestAudioTags tags = { .title = "Tagged", .artists = { "Artist" }, .bpm = 128 };
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) usage = { 0 };

  g_assert_cmpint (g_mkdir (music, 0755), ==, 0);
  rsb_test_audio_write (g_build_filename (music, "tagged.ogg", NULL), RSB_TEST_AUDIO_OGG, &tags, 3, 120);
  rsb_test_audio_write (g_build_filename (music, "click.flac", NULL), RSB_TEST_AUDIO_FLAC, NULL, 12, 120);
  g_assert_true (g_file_set_contents (notes, "only words", -1, NULL));

  run_app (dir, &run, (const char *[]) { "--scan-music", music, NULL });
  g_test_message ("stdout:\n%sstderr:\n%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  assert_lines (run.out, music);
  g_assert_nonnull (strstr (run.err, "notes.mp3"));
  g_assert_nonnull (strstr (run.err, "could not be decoded"));

  /* Kept in the library: the second run reads nothing new and says
   * the same. */
  run_app (dir, &again, (const char *[]) { "--scan-music", music, NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, run.out);
  g_assert_true (g_file_test (g_build_filename (dir, "library.db", NULL), G_FILE_TEST_EXISTS));

  run_app (dir, &usage, (const char *[]) { "--scan-music", NULL });
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "folder"));
  rsb_test_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/scan-music", test_scan_music);
  return g_test_run ();
}
