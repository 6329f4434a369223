/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-share-video.c: --export-video as a script uses it: a WebM of
 * the size and length asked for, usage errors for a bad length or size,
 * and a clear message and no file for a folder it cannot write to or a
 * file that cannot grow (a full disk, as a file-size limit). */
#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "rsb-store.h"
#include "rsb-test-app.h"
#include "rsb-test-dir.h"

#define FILE_SIZE_LIMIT (512 * 1024)

typedef struct {
  char     *dir;
  char     *id;
  char     *err;
  int       status;
  gboolean  limited;   /* run the next command with FILE_SIZE_LIMIT */
} Fixture;

/* In the child: writes past the limit fail with EFBIG instead of
 * killing the process, as on a full disk. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { FILE_SIZE_LIMIT, FILE_SIZE_LIMIT };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
run_app (Fixture            *f,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = rsb_test_app_launcher (f->dir);
  RsbTestRun run = { 0 };

  if (f->limited)
    g_subprocess_launcher_set_child_setup (launcher, limit_file_size, NULL, NULL);
  g_clear_pointer (&f->err, g_free);
  rsb_test_app_run (launcher, &run, args);
  g_free (run.out);
  f->err = run.err;
  f->status = run.status;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *gpx = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "sample-run.gpx", NULL);
  g_autofree char *history = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), "Streaming_History_Audio_Sample.json", NULL);
  g_autofree char *db = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = rsb_test_dir_new ("cli-share-video");
  run_app (f, (const char *[]) { "--import", gpx, history, NULL });
  g_assert_cmpint (f->status, ==, 0);
  db = g_build_filename (f->dir, "library.db", NULL);
  store = rsb_store_open (db, &error);
  g_assert_no_error (error);
  activities = rsb_store_list_activities (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 1);
  f->id = g_strdup_printf ("%" G_GINT64_FORMAT, ((RsbActivityInfo *) activities->pdata[0])->id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->dir, rsb_test_dir_remove);
  g_free (f->id);
  g_free (f->err);
}

/* A WebM with a VP8 track, from its EBML header and track entry (the
 * UI tests read the videos back with GStreamer). */
static void
assert_webm (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_cmpmem (contents, 4, "\x1a\x45\xdf\xa3", 4);
  g_assert_nonnull (memmem (contents, MIN (length, 64), "webm", 4));
  g_assert_nonnull (memmem (contents, MIN (length, 4096), "V_VP8", 5));
}

/* PixelWidth (0xb0) and PixelHeight (0xba) as two-byte EBML integers. */
static void
assert_pixels (const char *path,
               int         width,
               int         height)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char w[] = { (char) 0xb0, (char) 0x82, (char) (width >> 8), (char) (width & 0xff) };
  const char h[] = { (char) 0xba, (char) 0x82, (char) (height >> 8), (char) (height & 0xff) };

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_nonnull (memmem (contents, MIN (length, 4096), w, sizeof w));
  g_assert_nonnull (memmem (contents, MIN (length, 4096), h, sizeof h));
}

static void
test_export_video (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *story = g_build_filename (f->dir, "story.webm", NULL);
  g_autofree char *wide = g_build_filename (f->dir, "wide.webm", NULL);

  run_app (f, (const char *[]) { "--export-video", f->id, "-o", story, "--duration", "15", NULL });
  g_assert_cmpint (f->status, ==, 0);
  /* Not a terminal: nothing on stderr but errors. */
  g_assert_cmpstr (f->err, ==, "");
  assert_webm (story);
  assert_pixels (story, 1080, 1920);
  run_app (f, (const char *[]) { "--export-video", f->id, "-o", wide, "--duration", "15", "--size", "640x360", NULL });
  g_assert_cmpint (f->status, ==, 0);
  assert_webm (wide);
  assert_pixels (wide, 640, 360);
}

static void
test_bad_usage (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "run.webm", NULL);
  const char *durations[] = { "20", "0", "thirty", "-15" };
  const char *sizes[] = { "1080", "99999x1920", "big" };

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      run_app (f, (const char *[]) { "--export-video", f->id, "-o", path, "--duration", durations[i], NULL });
      g_assert_cmpint (f->status, ==, 2);
      g_assert_nonnull (strstr (f->err, durations[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      run_app (f, (const char *[]) { "--export-video", f->id, "-o", path, "--size", sizes[i], NULL });
      g_assert_cmpint (f->status, ==, 2);
      g_assert_nonnull (strstr (f->err, sizes[i]));
    }
  run_app (f, (const char *[]) { "--export-video", f->id, NULL });
  g_assert_cmpint (f->status, ==, 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Nothing in the folder but what was there: no video, no temporary file. */
static void
assert_only (const char *folder,
             const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (listing)) != NULL)
    g_assert_true (name != NULL && g_str_equal (entry, name));
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *blocker = g_build_filename (out, "not-a-folder", NULL);
  g_autofree char *inside = g_build_filename (blocker, "run.webm", NULL);
  g_autofree char *big = g_build_filename (out, "big.webm", NULL);

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  run_app (f, (const char *[]) { "--export-video", f->id, "-o", inside, "--duration", "15", NULL });
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, inside));
  assert_only (out, "not-a-folder");

  /* The file stops growing half-way, as on a full disk. */
  f->limited = TRUE;
  run_app (f, (const char *[]) { "--export-video", f->id, "-o", big, "--duration", "15", NULL });
  f->limited = FALSE;
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, big));
  assert_only (out, "not-a-folder");
}

/* Ctrl+C while rendering: the app says so, ends as a shell expects
 * (130), and leaves neither the video nor its temporary file. */
static void
test_interrupted (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *video = g_build_filename (out, "run.webm", NULL);
  g_autoptr(GSubprocessLauncher) launcher = rsb_test_app_launcher (f->dir);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gboolean started = FALSE;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_PIPE);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RSB_BINARY"), "--export-video", f->id, "-o", video,
                                     "--duration", "60", NULL);
  g_assert_no_error (error);
  /* Once its temporary file is there, it is rendering. */
  for (int i = 0; i < 600 && !started; i++)
    {
      g_autoptr(GDir) listing = g_dir_open (out, 0, NULL);

      started = g_dir_read_name (listing) != NULL;
      g_usleep (10000);
    }
  g_assert_true (started);
  g_subprocess_send_signal (app, SIGINT);
  g_assert_true (g_subprocess_communicate_utf8 (app, NULL, NULL, NULL, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 130);
  g_assert_nonnull (strstr (err, video));
  assert_only (out, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli-share-video/export-video", Fixture, NULL, fixture_set_up, test_export_video, fixture_tear_down);
  g_test_add ("/cli-share-video/bad-usage", Fixture, NULL, fixture_set_up, test_bad_usage, fixture_tear_down);
  g_test_add ("/cli-share-video/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);
  g_test_add ("/cli-share-video/interrupted", Fixture, NULL, fixture_set_up, test_interrupted, fixture_tear_down);
  return g_test_run ();
}
