/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-limited-stream.c: a read that stops at a size no real file of its
 * kind reaches, so a compression bomb fails fast instead of filling
 * memory or the parser's patience. Counting the bytes for that, it
 * also tells how far a long read has come. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-limited-stream.h"
#include "rsb-import-error.h"

struct _RsbLimitedStream
{
  GFilterInputStream  parent_instance;
  goffset             limit;
  goffset             read;
  char               *display_name;
  goffset             total;
  goffset             next_report;
  RsbReadProgressFunc progress;
  gpointer            progress_data;
};

static void
report (RsbLimitedStream *self,
        gboolean          at_end)
{
  if (self->progress == NULL || (!at_end && self->read < self->next_report))
    return;
  self->next_report = self->read + MAX (self->total / 100, 1);
  self->progress (self->display_name, MIN (self->read, self->total), self->total, self->progress_data);
}

G_DEFINE_FINAL_TYPE (RsbLimitedStream, rsb_limited_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
rsb_limited_stream_read (GInputStream  *stream,
                         void          *buffer,
                         gsize          count,
                         GCancellable  *cancellable,
                         GError       **error)
{
  RsbLimitedStream *self = RSB_LIMITED_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n = g_input_stream_read (base, buffer, count, cancellable, error);

  if (n > 0 && (self->read += n) > self->limit)
    {
      g_autofree char *size = g_format_size (self->limit);

      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” goes on past %s, longer than any real file of its kind: it was not read"),
                   self->display_name, size);
      return -1;
    }
  if (n >= 0)
    report (self, n == 0);
  return n;
}

static void
rsb_limited_stream_finalize (GObject *object)
{
  g_free (RSB_LIMITED_STREAM (object)->display_name);
  G_OBJECT_CLASS (rsb_limited_stream_parent_class)->finalize (object);
}

static void
rsb_limited_stream_class_init (RsbLimitedStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_limited_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = rsb_limited_stream_read;
}

static void
rsb_limited_stream_init (RsbLimitedStream *self)
{
}

GInputStream *
rsb_limited_stream_new (GInputStream *base,
                        goffset       limit,
                        const char   *display_name)
{
  RsbLimitedStream *self = g_object_new (RSB_TYPE_LIMITED_STREAM, "base-stream", base, NULL);

  self->limit = limit;
  self->display_name = g_strdup (display_name);
  return G_INPUT_STREAM (self);
}

void
rsb_limited_stream_set_progress (RsbLimitedStream    *self,
                                 goffset              total,
                                 RsbReadProgressFunc  func,
                                 gpointer             user_data)
{
  g_return_if_fail (RSB_IS_LIMITED_STREAM (self));

  self->total = total;
  self->progress = total > 0 ? func : NULL;
  self->progress_data = user_data;
  self->next_report = 0;
}
