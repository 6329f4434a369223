/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-request-window.c: at most N requests in any window of W ms. */
#include "config.h"

#include "rsb-request-window.h"

struct _RsbRequestWindow
{
  GMutex  mutex;   /* one window may pace several clients in turn */
  guint   limit;
  gint64  window_ms;
  gint64 *times;   /* ring of the last `limit` answers' times */
  guint   next;    /* the oldest slot, overwritten next */
  guint   n;
};

RsbRequestWindow *
rsb_request_window_new (guint  limit,
                        gint64 window_ms)
{
  RsbRequestWindow *self = g_new0 (RsbRequestWindow, 1);

  self->limit = MAX (limit, 1);
  self->window_ms = MAX (window_ms, 1);
  self->times = g_new0 (gint64, self->limit);
  g_mutex_init (&self->mutex);
  return self;
}

void
rsb_request_window_free (RsbRequestWindow *self)
{
  if (self == NULL)
    return;
  g_mutex_clear (&self->mutex);
  g_free (self->times);
  g_free (self);
}

guint
rsb_request_window_get_limit (RsbRequestWindow *self)
{
  return self->limit;
}

gint64
rsb_request_window_get_ms (RsbRequestWindow *self)
{
  return self->window_ms;
}

gint64
rsb_request_window_next (RsbRequestWindow *self,
                         gint64            now_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (self->n < self->limit)
    return now_ms;
  /* Full: the oldest of the last `limit` must leave the window first. */
  return MAX (now_ms, self->times[self->next] + self->window_ms);
}

void
rsb_request_window_record (RsbRequestWindow *self,
                           gint64            done_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->times[self->next] = done_ms;
  self->next = (self->next + 1) % self->limit;
  self->n = MIN (self->n + 1, self->limit);
}

void
rsb_request_window_fill (RsbRequestWindow *self,
                         gint64            now_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  for (guint i = 0; i < self->limit; i++)
    self->times[i] = now_ms;
  self->next = 0;
  self->n = self->limit;
}
