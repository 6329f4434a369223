/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-file.c: a shared picture or video written whole or not at all. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rsb-share-file.h"

int
rsb_share_file_open_temp (const char  *path,
                          char       **tmp)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);

  *tmp = g_build_filename (dir, name, NULL);
  return g_mkstemp (*tmp);
}

/* The process's umask, read without changing it: umask () both reads
 * and sets, and another thread may be making a file meanwhile. */
static mode_t
current_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;
  unsigned int mask;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL &&
      sscanf (line + 7, "%o", &mask) == 1)
    return (mode_t) (mask & 0777);
  return 022;
}

int
rsb_share_file_publish (int         fd,
                        const char *tmp,
                        const char *path)
{
  int saved = 0;

  if (fchmod (fd, 0666 & ~current_umask ()) != 0 || fsync (fd) != 0)
    saved = errno;
  /* Closed once, whatever happened: a second close could take a
   * descriptor another thread has just been given. */
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_rename (tmp, path) != 0)
    saved = errno;
  if (saved != 0)
    g_unlink (tmp);
  return saved;
}

void
rsb_share_file_discard (int         fd,
                        const char *tmp)
{
  close (fd);
  g_unlink (tmp);
}
