/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-activity.h"

G_BEGIN_DECLS

const char *rsb_segment_title (const RsbActivity *activity,
                               guint              segment);

G_END_DECLS
