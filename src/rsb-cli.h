/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      rsb_cli_install      (GApplication *app);

G_END_DECLS
