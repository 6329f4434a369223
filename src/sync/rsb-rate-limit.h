/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-rate-limit.h: Strava's request budget, read from its answers.
 *
 * Strava counts requests in 15-minute windows (starting at :00, :15,
 * :30 and :45 UTC) and daily windows (starting at midnight UTC), for all
 * requests (X-RateLimit-Limit/Usage) and for reads (X-ReadRateLimit-*),
 * each header "<15-minute>,<daily>". The client asks before every
 * request whether it may go and stops one short of a spent window, so
 * it never sends a request Strava would refuse.
 *
 * Times are UTC milliseconds passed in by the caller, so decisions can
 * be tested without waiting for a clock.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define RSB_RATE_WINDOW_MS  (15 * 60 * 1000)
#define RSB_RATE_DAY_MS     (24 * 60 * 60 * 1000)

typedef struct _RsbRateLimit RsbRateLimit;

RsbRateLimit *rsb_rate_limit_new               (void);
void          rsb_rate_limit_free              (RsbRateLimit       *self);

/* Reads the four headers of an answer received at now_ms; headers that
 * are absent or do not parse leave what was known. */
void          rsb_rate_limit_update            (RsbRateLimit       *self,
                                                SoupMessageHeaders *headers,
                                                gint64              now_ms);

/* Not before until_ms, whatever the headers say (a 429). */
void          rsb_rate_limit_pause_until       (RsbRateLimit       *self,
                                                gint64              until_ms);

/* TRUE when one more request at now_ms leaves every window unspent.
 * Otherwise FALSE and *out_reset_ms is when the blocking windows
 * reset (the latest of them). */
gboolean      rsb_rate_limit_may_send          (RsbRateLimit       *self,
                                                gint64              now_ms,
                                                gint64             *out_reset_ms);

/* Start of the next 15-minute window / UTC day after now_ms. */
gint64        rsb_rate_limit_next_window       (gint64              now_ms);
gint64        rsb_rate_limit_next_day          (gint64              now_ms);

/* RSB_SYNC_ERROR_RATE_LIMITED: "Paused until 14:45 (Strava rate limit)",
 * in local time. */
void          rsb_rate_limit_set_error         (GError            **error,
                                                const char         *service_name,
                                                gint64              reset_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbRateLimit, rsb_rate_limit_free)

G_END_DECLS
