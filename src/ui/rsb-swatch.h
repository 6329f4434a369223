/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RSB_TYPE_SWATCH (rsb_swatch_get_type ())
G_DECLARE_FINAL_TYPE (RsbSwatch, rsb_swatch, RSB, SWATCH, GtkWidget)

void rsb_swatch_set_colour (RsbSwatch     *self,
                            const GdkRGBA *colour);

G_END_DECLS
