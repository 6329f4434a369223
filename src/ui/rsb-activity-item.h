/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rsb-types.h"

G_BEGIN_DECLS

#define RSB_TYPE_ACTIVITY_ITEM (rsb_activity_item_get_type ())
G_DECLARE_FINAL_TYPE (RsbActivityItem, rsb_activity_item, RSB, ACTIVITY_ITEM, GObject)

RsbActivityItem       *rsb_activity_item_new      (RsbActivityInfo *info);
const RsbActivityInfo *rsb_activity_item_get_info (RsbActivityItem *self);
const char            *rsb_activity_item_get_search_text (RsbActivityItem *self);

G_END_DECLS
