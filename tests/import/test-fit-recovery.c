/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Damaged FIT files against Garmin's FIT SDK: the reader keeps at least
 * as many records as the SDK decodes, from the shared damaged files and
 * from truncations of the good ones. */

#include <glib/gstdio.h>
#include <string.h>

#include "rsb-fit-reader.h"
#include "rsb-import-error.h"
#include "rsb-test-dir.h"
#include "rsb-test-workout.h"

typedef struct {
  guint records;
  guint timed;
  guint positioned;
  guint errors;
} SdkCount;

/* RSB_NODE and RSB_FITSDK_DIR come from meson; the SDK is installed by
 * build-aux/dev.sh (npm install in build-aux/fitsdk). */
static gboolean
sdk_available (void)
{
  const char *node = g_getenv ("RSB_NODE");
  const char *dir = g_getenv ("RSB_FITSDK_DIR");
  g_autofree char *package = NULL;

  if (node == NULL || *node == '\0')
    {
      g_test_skip ("node is not installed (build-aux/dev.sh test installs nodejs)");
      return FALSE;
    }
  package = g_build_filename (dir != NULL ? dir : "", "node_modules", "@garmin", "fitsdk", "package.json", NULL);
  if (!g_file_test (package, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("Garmin's FIT SDK is not in %s (build-aux/dev.sh test runs npm install there)", dir);
      return FALSE;
    }
  return TRUE;
}

static SdkCount
sdk_count (const char *path)
{
  const char *argv[] = { g_getenv ("RSB_NODE"), g_getenv ("RSB_FITSDK_COUNT"),
                         g_getenv ("RSB_FITSDK_DIR"), path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  SdkCount count = { 0, };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the FIT SDK script failed on %s: %s", path, err);
  g_assert_cmpint (sscanf (out, "records %u timed %u positioned %u errors %u",
                           &count.records, &count.timed, &count.positioned, &count.errors), ==, 4);
  return count;
}

/* The records the app can use: timed ones, or in a file without any
 * time, the positioned ones (rsb-fit-reader.c keeps the same). */
static guint
usable (const SdkCount *count)
{
  return count->timed > 0 ? count->timed : count->positioned;
}

/* Ours against the SDK's for one file; returns our points (0 when
 * refused). */
static guint
compare (const char *path,
         const char *label)
{
  g_auto(RsbTestWorkout) result = { NULL, };
  SdkCount sdk = sdk_count (path);
  gboolean ok = rsb_test_workout_read_path (rsb_fit_read, path, &result);
  guint ours = ok ? result.streams->n_points : 0;

  g_test_message ("%s: app %u records%s, SDK %u usable of %u records%s", label, ours,
                  ok && result.info->recovered != NULL ? " (recovered)" : "",
                  usable (&sdk), sdk.records, sdk.errors > 0 ? " (SDK error)" : "");
  g_assert_cmpuint (ours, >=, usable (&sdk));
  if (!ok)
    {
      /* Refused: the message names the file and the problem. */
      g_autofree char *base = g_path_get_basename (path);

      g_assert_nonnull (result.error);
      g_assert_nonnull (strstr (result.error->message, base));
    }
  return ours;
}

static GPtrArray *
shared_fit_files (void)
{
  g_autofree char *folder = rsb_test_shared_file ("activities", "");
  g_autoptr(GDir) dir = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (folder == NULL)
    return paths;
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".fit"))
        g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
    }
  return paths;
}

/* Every shared FIT file, damaged or not; these are the figures the
 * issue asks for. A file the SDK cannot read at all is still read by
 * ours when it holds records (compressed timestamps). */
static void
test_shared_files (void)
{
  g_autoptr(GPtrArray) paths = NULL;
  guint n_damaged = 0;

  if (!sdk_available ())
    return;
  paths = shared_fit_files ();
  if (paths->len == 0)
    {
      g_test_skip ("no shared FIT files");
      return;
    }
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *label = g_path_get_basename (path);
      g_auto(RsbTestWorkout) result = { NULL, };

      compare (path, label);
      if (rsb_test_workout_read_path (rsb_fit_read, path, &result) && result.info->recovered != NULL)
        n_damaged++;
    }
  /* activity-unexpected-eof.fit and activity-settings-corruptheader.fit */
  g_assert_cmpuint (n_damaged, >=, 2);
}

/* Cuts of each good file: inside the header, just after it, in the
 * middle of the records at several points (one byte apart, so some
 * fall mid-record) and inside the checksum. Each keeps at least what
 * the SDK decodes of it, and a short read says so. */
static void
test_truncations (void)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *dir = NULL;
  guint n_cut = 0;

  if (!sdk_available ())
    return;
  paths = shared_fit_files ();
  dir = g_dir_make_tmp ("rsb-fit-cuts-XXXXXX", NULL);
  g_assert_nonnull (dir);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *contents = NULL;
      g_auto(RsbTestWorkout) whole = { NULL, };
      SdkCount sdk_whole;
      gsize len;

      /* Only whole files both readers decode. */
      if (!rsb_test_workout_read_path (rsb_fit_read, path, &whole) || whole.info->recovered != NULL)
        continue;
      sdk_whole = sdk_count (path);
      if (sdk_whole.errors > 0 || usable (&sdk_whole) == 0)
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

      gsize cuts[] = { 5, 13, 14 + 40, len / 3, len / 2, len / 2 + 1, len / 2 + 2, len / 2 + 3,
                       (3 * len) / 4, len - 3, len - 1 };
      for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
        {
          g_autofree char *cut_path = g_strdup_printf ("%s/cut-%" G_GSIZE_FORMAT "-%s", dir, cuts[c], base);
          g_autofree char *label = g_strdup_printf ("%s cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                                                    base, cuts[c], len);
          g_auto(RsbTestWorkout) result = { NULL, };

          g_assert_true (g_file_set_contents (cut_path, contents, cuts[c], NULL));
          compare (cut_path, label);
          if (rsb_test_workout_read_path (rsb_fit_read, cut_path, &result))
            {
              /* Never more than the whole, and never short in silence. */
              g_assert_cmpuint (result.streams->n_points, <=, whole.streams->n_points);
              g_assert_nonnull (result.info->recovered);
              g_assert_nonnull (strstr (result.info->recovered, "ends early"));
            }
          else
            g_assert_error (result.error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
          g_unlink (cut_path);
          n_cut++;
        }

      /* The file checksum broken: every record is still there. */
      {
        g_autofree char *bad_path = g_strdup_printf ("%s/crc-%s", dir, base);
        g_autofree char *label = g_strdup_printf ("%s with a wrong checksum", base);
        g_auto(RsbTestWorkout) result = { NULL, };

        contents[len - 1] ^= 0x5a;
        g_assert_true (g_file_set_contents (bad_path, contents, len, NULL));
        compare (bad_path, label);
        g_assert_true (rsb_test_workout_read_path (rsb_fit_read, bad_path, &result));
        g_assert_cmpuint (result.streams->n_points, ==, whole.streams->n_points);
        g_assert_nonnull (strstr (result.info->recovered, "fails its checksum"));
        g_unlink (bad_path);
      }
    }
  g_rmdir (dir);
  g_assert_cmpuint (n_cut, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/fit-recovery/shared-files", test_shared_files);
  g_test_add_func ("/import/fit-recovery/truncations", test_truncations);

  return g_test_run ();
}
