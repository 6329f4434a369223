/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "rsb-format.h"

G_BEGIN_DECLS

#define RSB_TYPE_UNITS_SETTING (rsb_units_setting_get_type ())
G_DECLARE_FINAL_TYPE (RsbUnitsSetting, rsb_units_setting, RSB, UNITS_SETTING, GObject)

RsbUnitsSetting *rsb_units_setting_get_default (void);
RsbUnits         rsb_units_setting_get_units   (RsbUnitsSetting *self);
RsbUnits         rsb_units_current             (void);
void             rsb_units_watch               (gpointer         instance,
                                                GCallback        refresh);
void             rsb_units_bind_scale          (ShumateScale    *scale);

G_END_DECLS
