/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-rate-limit.c: Strava's request budget, read from its answers. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-rate-limit.h"
#include "rsb-format.h"
#include "rsb-sync-error.h"

typedef enum {
  WINDOW_SHORT,  /* 15 minutes */
  WINDOW_DAY,
  N_WINDOWS
} Window;

typedef enum {
  BUDGET_ALL,    /* X-RateLimit-* */
  BUDGET_READ,   /* X-ReadRateLimit-* */
  N_BUDGETS
} Budget;

typedef struct {
  gint64 limit;    /* 0 = unknown */
  gint64 usage;
  gint64 seen_ms;  /* when the answer saying so arrived */
} Count;

struct _RsbRateLimit
{
  Count  counts[N_BUDGETS][N_WINDOWS];
  gint64 paused_until_ms;
};

static const struct {
  const char *limit;
  const char *usage;
} headers_of[N_BUDGETS] = {
  [BUDGET_ALL]  = { "X-RateLimit-Limit", "X-RateLimit-Usage" },
  [BUDGET_READ] = { "X-ReadRateLimit-Limit", "X-ReadRateLimit-Usage" },
};

static const gint64 window_ms[N_WINDOWS] = {
  [WINDOW_SHORT] = RSB_RATE_WINDOW_MS,
  [WINDOW_DAY] = RSB_RATE_DAY_MS,
};

RsbRateLimit *
rsb_rate_limit_new (void)
{
  return g_new0 (RsbRateLimit, 1);
}

void
rsb_rate_limit_free (RsbRateLimit *self)
{
  g_free (self);
}

/* Floors toward minus infinity, so that times before 1970 (only ever
 * seen in tests) still fall into the right window. */
static gint64
window_start (gint64 now_ms,
              Window window)
{
  gint64 length = window_ms[window];
  gint64 q = now_ms / length;

  if (now_ms % length < 0)
    q--;
  return q * length;
}

gint64
rsb_rate_limit_next_window (gint64 now_ms)
{
  return window_start (now_ms, WINDOW_SHORT) + RSB_RATE_WINDOW_MS;
}

gint64
rsb_rate_limit_next_day (gint64 now_ms)
{
  return window_start (now_ms, WINDOW_DAY) + RSB_RATE_DAY_MS;
}

/* "200,2000" into its two numbers. */
static gboolean
parse_pair (const char *text,
            gint64      values[N_WINDOWS])
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != N_WINDOWS)
    return FALSE;
  for (guint i = 0; i < N_WINDOWS; i++)
    {
      g_strstrip (parts[i]);
      if (!g_ascii_string_to_signed (parts[i], 10, 0, G_MAXINT64, &values[i], NULL))
        return FALSE;
    }
  return TRUE;
}

void
rsb_rate_limit_update (RsbRateLimit       *self,
                       SoupMessageHeaders *headers,
                       gint64              now_ms)
{
  g_return_if_fail (self != NULL);

  for (guint b = 0; b < N_BUDGETS; b++)
    {
      gint64 limits[N_WINDOWS], usages[N_WINDOWS];

      if (!parse_pair (soup_message_headers_get_one (headers, headers_of[b].limit), limits) ||
          !parse_pair (soup_message_headers_get_one (headers, headers_of[b].usage), usages))
        continue;
      for (guint w = 0; w < N_WINDOWS; w++)
        self->counts[b][w] = (Count) { limits[w], usages[w], now_ms };
    }
}

void
rsb_rate_limit_pause_until (RsbRateLimit *self,
                            gint64        until_ms)
{
  g_return_if_fail (self != NULL);

  self->paused_until_ms = MAX (self->paused_until_ms, until_ms);
}

/* A count read in an earlier window says nothing of this one: Strava
 * starts each window from zero. */
static gboolean
count_blocks (const Count *count,
              Window       window,
              gint64       now_ms)
{
  if (count->limit <= 0)
    return FALSE;
  if (window_start (count->seen_ms, window) != window_start (now_ms, window))
    return FALSE;
  return count->usage + 1 >= count->limit;
}

gboolean
rsb_rate_limit_may_send (RsbRateLimit *self,
                         gint64        now_ms,
                         gint64       *out_reset_ms)
{
  gint64 reset_ms = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->paused_until_ms > now_ms)
    reset_ms = self->paused_until_ms;
  for (guint b = 0; b < N_BUDGETS; b++)
    {
      for (guint w = 0; w < N_WINDOWS; w++)
        {
          if (count_blocks (&self->counts[b][w], w, now_ms))
            reset_ms = MAX (reset_ms, window_start (now_ms, w) + window_ms[w]);
        }
    }
  if (out_reset_ms != NULL)
    *out_reset_ms = reset_ms;
  return reset_ms == 0;
}

void
rsb_rate_limit_set_error (GError     **error,
                          const char  *service_name,
                          gint64       reset_ms)
{
  g_autofree char *clock = rsb_format_local_clock (reset_ms);

  /* Translators: "Paused until 14:45 (Strava rate limit)" */
  g_set_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED,
               _("Paused until %s (%s rate limit)"), clock, service_name);
}
