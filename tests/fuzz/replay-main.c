/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays fuzz corpora through a libFuzzer target without libFuzzer, so
 * every input that once mattered runs in the ordinary test suite (and
 * under the sanitizer build). Arguments are files or folders. */
#include <gio/gio.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint replayed;

static void
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  replayed++;
}

static void
replay_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      replay_path (child);
    }
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);
  g_print ("replayed %u inputs\n", replayed);
  return replayed > 0 ? 0 : 77;
}
