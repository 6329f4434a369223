/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay-scrubber.h: the replay's timeline, banded with its songs. */
#pragma once

#include <gtk/gtk.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

#define RSB_TYPE_REPLAY_SCRUBBER (rsb_replay_scrubber_get_type ())
G_DECLARE_FINAL_TYPE (RsbReplayScrubber, rsb_replay_scrubber, RSB, REPLAY_SCRUBBER, GtkWidget)

/* activity and colours are borrowed until the next call; NULL clears. */
void    rsb_replay_scrubber_set_activity (RsbReplayScrubber *self,
                                          const RsbActivity *activity,
                                          GArray            *colours);
void    rsb_replay_scrubber_update_songs (RsbReplayScrubber *self,
                                          GArray            *colours);
double  rsb_replay_scrubber_get_position (RsbReplayScrubber *self);
void    rsb_replay_scrubber_set_position (RsbReplayScrubber *self,
                                          double             position);
/* The position under x in widget coordinates, and back. */
double  rsb_replay_scrubber_position_at  (RsbReplayScrubber *self,
                                          double             x);
double  rsb_replay_scrubber_x_at         (RsbReplayScrubber *self,
                                          double             position);

G_END_DECLS
