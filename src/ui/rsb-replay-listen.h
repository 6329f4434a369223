/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay-listen.h: the replay bar's "Play the songs", through the
 * desktop's music player. */
#pragma once

#include "rsb-listen-along.h"
#include "rsb-replay-bar.h"

G_BEGIN_DECLS

#define RSB_TYPE_REPLAY_LISTEN (rsb_replay_listen_get_type ())
G_DECLARE_FINAL_TYPE (RsbReplayListen, rsb_replay_listen, RSB, REPLAY_LISTEN, GObject)

/* Follows bar while it lives, asking along's player for each song as
 * the replay reaches it. Takes a reference on along. */
RsbReplayListen *rsb_replay_listen_new (RsbReplayBar   *bar,
                                        RsbListenAlong *along);

G_END_DECLS
