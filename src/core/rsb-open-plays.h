/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-open-plays.h: ends for listens whose source tells only the start. */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

/* The longest a listen of unknown length is taken to have lasted. */
#define RSB_OPEN_PLAY_MAX_MS (10 * 60 * G_GINT64_CONSTANT (1000))

void rsb_plays_close_open_ends (GPtrArray *plays);

G_END_DECLS
