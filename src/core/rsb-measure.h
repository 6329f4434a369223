/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

void rsb_activity_info_measure (RsbActivityInfo  *info,
                                const RsbStreams *streams);

G_END_DECLS
