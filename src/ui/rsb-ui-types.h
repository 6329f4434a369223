/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-ui-types.h: the window layer's types, declared ahead, so that a
 * header can name another's type without including it (the window and
 * the application each need the other's name, and only their .c files
 * the rest). Not rsb-types.h: core has that name. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RsbApplication RsbApplication;
typedef struct _RsbWindow      RsbWindow;

G_END_DECLS
