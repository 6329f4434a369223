/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-save-chooser.h: a save dialog offering several file formats, in
 * which the file name's extension follows the filter chosen. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;        /* the filter's name, translated: "XSPF Playlists" */
  const char *pattern;     /* "*.xspf" */
  const char *extension;   /* ".xspf" */
} RsbSaveFormat;

/* file is where to write, in formats[format]; or NULL with error when
 * the name had to be changed to fit the format and a file by the new
 * name is already there (the dialog only asked about the name shown). */
typedef void (*RsbSaveChosenFunc) (GFile        *file,
                                   guint         format,
                                   const GError *error,
                                   gpointer      user_data);

/* Shows a modal GtkFileChooserNative (the portal inside Flatpak) over
 * parent suggesting base + the first format's extension. chosen runs
 * once if the person accepts; destroy (may be NULL) frees user_data
 * when the dialog is done. formats must outlive the dialog. */
void rsb_save_chooser_show (GtkWindow            *parent,
                            const char           *title,
                            const char           *accept_label,
                            const RsbSaveFormat  *formats,
                            guint                 n_formats,
                            const char           *base,
                            RsbSaveChosenFunc     chosen,
                            gpointer              user_data,
                            GDestroyNotify        destroy);

/* base made safe as a file name on any file system. */
char *rsb_save_chooser_safe_name (const char *base);

G_END_DECLS
