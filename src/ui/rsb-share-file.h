/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-file.h: a shared picture or video written whole or not at all. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A temporary file beside path, hidden (".NAME.XXXXXX"), for writing;
 * -1 with errno set when it cannot be made. */
int  rsb_share_file_open_temp (const char  *path,
                               char       **tmp);
/* Gives the temporary file the mode any new file of this person gets
 * (0666 less the umask: mkstemp's 0600 would hide it from the apps
 * they share it with), syncs and closes it, and renames it over path.
 * Returns 0, or an errno value after removing the temporary file. */
int  rsb_share_file_publish   (int          fd,
                               const char  *tmp,
                               const char  *path);
/* Closes and removes the temporary file: nothing of it is left. */
void rsb_share_file_discard   (int          fd,
                               const char  *tmp);

G_END_DECLS
