/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-share.c: --export-image as a script uses it: a PNG of the
 * size asked for, usage errors for a bad size, and a clear message and
 * no file for a folder it cannot write to. */
#include "config.h"

#include <cairo.h>

#include "rsb-store.h"
#include "rsb-test-app.h"
#include "rsb-test-dir.h"

typedef struct {
  char   *dir;
  char   *id;
  char   *out;
  char   *err;
  int     status;
} Fixture;

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

  f->dir = rsb_test_dir_new ("cli-share");
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
  g_free (f->out);
  g_free (f->err);
}

static void
assert_png_of_size (const char *path,
                    int         width,
                    int         height)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  cairo_surface_t *image;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  cairo_surface_destroy (image);
}

static void
test_export_image (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *post = g_build_filename (f->dir, "run.png", NULL);
  g_autofree char *story = g_build_filename (f->dir, "story.png", NULL);

  run_app (f, (const char *[]) { "--export-image", f->id, "-o", post, NULL });
  g_assert_cmpint (f->status, ==, 0);
  assert_png_of_size (post, 1080, 1350);
  run_app (f, (const char *[]) { "--export-image", f->id, "-o", story, "--size", "1080x1920", NULL });
  g_assert_cmpint (f->status, ==, 0);
  assert_png_of_size (story, 1080, 1920);
}

static void
test_bad_size (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "run.png", NULL);
  const char *sizes[] = { "1080", "1080x", "0x100", "99999x1350", "big", "1080x1350x2" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      run_app (f, (const char *[]) { "--export-image", f->id, "-o", path, "--size", sizes[i], NULL });
      g_assert_cmpint (f->status, ==, 2);
      g_assert_nonnull (strstr (f->err, sizes[i]));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  run_app (f, (const char *[]) { "--export-image", f->id, NULL });
  g_assert_cmpint (f->status, ==, 2);
}

/* A folder that is not there (root may write anywhere else): the
 * message names the file, and nothing is left behind. */
static void
test_unwritable_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "library.db", NULL);
  g_autofree char *path = g_build_filename (db, "run.png", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  run_app (f, (const char *[]) { "--export-image", f->id, "-o", path, NULL });
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->err, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".png") || strstr (name, ".png.") != NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/export-image", Fixture, NULL, fixture_set_up, test_export_image, fixture_tear_down);
  g_test_add ("/cli/export-image-bad-size", Fixture, NULL, fixture_set_up, test_bad_size, fixture_tear_down);
  g_test_add ("/cli/export-image-unwritable", Fixture, NULL, fixture_set_up, test_unwritable_folder, fixture_tear_down);
  return g_test_run ();
}
