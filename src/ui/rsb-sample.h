/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-store.h"

G_BEGIN_DECLS

RsbStore *rsb_sample_open_store (GError **error);

G_END_DECLS
