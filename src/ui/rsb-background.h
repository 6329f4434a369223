/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lets the app start with the session (with --background) to keep
 * fetching plays: through the Background portal inside Flatpak, where
 * the user can refuse it, or an autostart entry elsewhere. */
void rsb_background_set_autostart (gboolean enable);

G_END_DECLS
