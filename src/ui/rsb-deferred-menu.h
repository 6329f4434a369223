/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives button its menu when first opened. A GtkMenuButton handed its
 * model in a template builds the whole popover at once (some 35 widgets
 * a menu), and the window has five of them before its first frame. */
void rsb_deferred_menu_attach (GtkMenuButton *button,
                               GMenuModel    *model);

G_END_DECLS
