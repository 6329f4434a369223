/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rsb-sync-scheduler.h"

G_BEGIN_DECLS

#define RSB_TYPE_PREFERENCES_WINDOW (rsb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RsbPreferencesWindow, rsb_preferences_window, RSB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* NULL with an error when the library cannot be opened. */
RsbPreferencesWindow *rsb_preferences_window_new (GtkWindow         *parent,
                                                  RsbSyncScheduler  *scheduler,
                                                  GError           **error);

G_END_DECLS
