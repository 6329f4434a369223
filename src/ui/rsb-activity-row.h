/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-activity-item.h"

G_BEGIN_DECLS

#define RSB_TYPE_ACTIVITY_ROW (rsb_activity_row_get_type ())
G_DECLARE_FINAL_TYPE (RsbActivityRow, rsb_activity_row, RSB, ACTIVITY_ROW, GtkBox)

GtkWidget *rsb_activity_row_new      (void);
void       rsb_activity_row_set_item (RsbActivityRow  *self,
                                      RsbActivityItem *item);

G_END_DECLS
