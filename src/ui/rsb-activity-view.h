/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rsb-activity.h"
#include "rsb-profile-chart.h"
#include "rsb-replay-bar.h"
#include "rsb-route-map.h"
#include "rsb-song-card.h"

G_BEGIN_DECLS

#define RSB_TYPE_ACTIVITY_VIEW (rsb_activity_view_get_type ())
G_DECLARE_FINAL_TYPE (RsbActivityView, rsb_activity_view, RSB, ACTIVITY_VIEW, GtkBox)

void               rsb_activity_view_set_activity (RsbActivityView *self,
                                                   RsbActivity     *activity);
void               rsb_activity_view_refresh      (RsbActivityView *self,
                                                   RsbActivity     *fresh);
const RsbActivity *rsb_activity_view_get_activity (RsbActivityView *self);
void               rsb_activity_view_select       (RsbActivityView *self,
                                                   int              segment);
int                rsb_activity_view_get_selected (RsbActivityView *self);
RsbRouteMap       *rsb_activity_view_get_map      (RsbActivityView *self);
RsbSongCard       *rsb_activity_view_get_card     (RsbActivityView *self);
RsbReplayBar      *rsb_activity_view_get_replay_bar (RsbActivityView *self);
RsbProfileChart   *rsb_activity_view_get_chart    (RsbActivityView *self);
GtkListBox        *rsb_activity_view_get_song_list (RsbActivityView *self);

void               rsb_activity_view_set_narrow (RsbActivityView *self,
                                                 gboolean         narrow);
gboolean           rsb_activity_view_get_narrow (RsbActivityView *self);

G_END_DECLS
