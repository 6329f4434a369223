/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-summary.h: what a sync run tells its caller, as it goes and
 * when it ends. Shared by the Strava and Spotify engines. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint   n_activities;     /* activities that landed */
  guint   n_plays;          /* plays the library gained */
  guint   n_known;          /* listed but already in the library (bulk export, file) */
  guint   n_requests;       /* API requests sent (not counting token calls) */
  gint64  paused_until_ms;  /* UTC ms when a rate window stopped the run, else 0 */
} RsbSyncSummary;

/* Called on the thread running the sync. message is a short
 * translated line ("Fetched “Morning Run”"); fraction is 0..1, or -1
 * when the total is unknown; activity_id is the id of an activity
 * that just landed, else 0. */
typedef void (*RsbSyncProgressFunc) (const char *message,
                                     double      fraction,
                                     gint64      activity_id,
                                     gpointer    user_data);

G_END_DECLS
