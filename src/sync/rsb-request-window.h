/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-request-window.h: at most N requests in any window of W ms, a
 * sliding window (Deezer: 50 per 5 s, per IP address).
 *
 * A fixed budget that refills at once would send N at the end of one
 * window and N more at the start of the next: 2N inside 5 s. Here each
 * request is timed when its answer arrived (the latest the server can
 * have counted it), and the next may go only when the N-th previous one
 * is a full window old. Times are ms passed in by the caller, so the
 * rule is tested without a clock.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RsbRequestWindow RsbRequestWindow;

RsbRequestWindow *rsb_request_window_new       (guint              limit,
                                                gint64             window_ms);
void              rsb_request_window_free      (RsbRequestWindow  *self);
guint             rsb_request_window_get_limit (RsbRequestWindow  *self);
gint64            rsb_request_window_get_ms    (RsbRequestWindow  *self);

/* The earliest time at or after now_ms a request may be sent. */
gint64            rsb_request_window_next      (RsbRequestWindow  *self,
                                                gint64             now_ms);
/* A request's answer arrived at done_ms. */
void              rsb_request_window_record    (RsbRequestWindow  *self,
                                                gint64             done_ms);
/* The quota was found spent at now_ms (another program on the same
 * address spent it): nothing may go for a whole window. */
void              rsb_request_window_fill      (RsbRequestWindow  *self,
                                                gint64             now_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbRequestWindow, rsb_request_window_free)

G_END_DECLS
