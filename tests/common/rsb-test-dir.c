/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-test-dir.h"

#include <gio/gio.h>

char *
rsb_test_dir_new (const char *purpose)
{
  g_autofree char *template = g_strdup_printf ("rsb-%s-XXXXXX", purpose);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

/* Removes the folder and everything in it, and frees the path. */
void
rsb_test_dir_remove (char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);

  remove_tree (file);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_free (dir);
}

char *
rsb_test_shared_file (const char *subdir,
                      const char *name)
{
  const char *dir = g_getenv ("RSB_SHARED_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    {
      g_test_skip ("RSB_SHARED_DIR is not set: run through meson test");
      return NULL;
    }
  path = g_build_filename (dir, "testdata", subdir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("%s is missing", path);

      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&path);
}
