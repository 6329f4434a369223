/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay-bar.h: the transport under the map that plays a workout back. */
#pragma once

#include <gtk/gtk.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

#define RSB_TYPE_REPLAY_BAR (rsb_replay_bar_get_type ())
G_DECLARE_FINAL_TYPE (RsbReplayBar, rsb_replay_bar, RSB, REPLAY_BAR, GtkWidget)

/* activity and colours are borrowed until the next call; stops the
 * replay and goes back to the start. NULL clears. */
void     rsb_replay_bar_set_activity   (RsbReplayBar      *self,
                                        const RsbActivity *activity,
                                        GArray            *colours);
/* The songs moved (another clock offset) or changed colour: the bands
 * follow, the replay goes on. */
void     rsb_replay_bar_update_songs   (RsbReplayBar      *self,
                                        GArray            *colours);
const RsbActivity *rsb_replay_bar_get_activity (RsbReplayBar *self);
void     rsb_replay_bar_set_listen_state (RsbReplayBar    *self,
                                        gboolean           available,
                                        const char        *player,
                                        const char        *reason,
                                        const char        *problem);
/* FALSE when the activity has no times to replay. */
gboolean rsb_replay_bar_can_replay     (RsbReplayBar      *self);

double   rsb_replay_bar_get_position   (RsbReplayBar      *self);
void     rsb_replay_bar_set_position   (RsbReplayBar      *self,
                                        double             position);
gboolean rsb_replay_bar_get_playing    (RsbReplayBar      *self);
void     rsb_replay_bar_set_playing    (RsbReplayBar      *self,
                                        gboolean           playing);
double   rsb_replay_bar_get_speed      (RsbReplayBar      *self);
void     rsb_replay_bar_set_speed      (RsbReplayBar      *self,
                                        double             speed);
/* The route point the replay stands at or has just passed. */
guint    rsb_replay_bar_get_point      (RsbReplayBar      *self);
gboolean rsb_replay_bar_locate         (RsbReplayBar      *self,
                                        double            *lat,
                                        double            *lon);

G_END_DECLS
