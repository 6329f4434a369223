/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rsb-activity-view.h"
#include "rsb-store.h"
#include "rsb-ui-types.h"

G_BEGIN_DECLS

#define RSB_TYPE_WINDOW (rsb_window_get_type ())
G_DECLARE_FINAL_TYPE (RsbWindow, rsb_window, RSB, WINDOW, AdwApplicationWindow)

RsbWindow       *rsb_window_new               (RsbApplication *app,
                                               RsbStore       *sample_store);
gboolean         rsb_window_is_sample         (RsbWindow      *self);
RsbStore        *rsb_window_get_store         (RsbWindow      *self);
RsbActivityView *rsb_window_get_activity_view (RsbWindow      *self);
void             rsb_window_reload            (RsbWindow      *self,
                                               gint64          select_id);
/* heading: what failed, short ("Export Failed"). */
void             rsb_window_show_error        (RsbWindow      *self,
                                               const char     *heading,
                                               const GError   *error);
void             rsb_window_import_files      (RsbWindow      *self,
                                               GPtrArray      *files);
gboolean         rsb_window_is_importing      (RsbWindow      *self);
/* Opens the activity with the play's stretch selected (the Songs page
 * does, from a row). */
void             rsb_window_open_stretch      (RsbWindow      *self,
                                               gint64          activity_id,
                                               gint64          play_id);

G_END_DECLS
