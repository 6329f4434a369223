/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The user's locale and the app's message catalogues, before any
 * string is translated. */
void rsb_locale_init (void);

G_END_DECLS
