/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rsb-sync-scheduler.h"

G_BEGIN_DECLS

#define RSB_TYPE_APPLICATION (rsb_application_get_type ())
G_DECLARE_FINAL_TYPE (RsbApplication, rsb_application, RSB, APPLICATION, AdwApplication)

RsbApplication *rsb_application_new         (void);
void            rsb_application_open_sample (RsbApplication *self);
/* The one scheduler of the user's library, shared by every window. */
RsbSyncScheduler *rsb_application_get_scheduler (RsbApplication *self);

G_END_DECLS
