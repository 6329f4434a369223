/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-deferred-menu.c: menu buttons whose popovers are made on demand. */
#include "config.h"

#include "rsb-deferred-menu.h"

static void
create_popover (GtkMenuButton *button,
                gpointer       user_data)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

void
rsb_deferred_menu_attach (GtkMenuButton *button,
                          GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_popover, g_object_ref (model), g_object_unref);
}
