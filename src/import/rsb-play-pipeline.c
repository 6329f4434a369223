/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-play-pipeline.c: parse a listening history on one core, store it
 * from another.
 *
 * The worker copies each play into a batch; full batches go to the
 * caller through one queue and come back empty through another. A fixed
 * set of batches circulates, so memory stays bounded however far the
 * parser runs ahead; a batch's strings share a few large blocks.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-play-pipeline.h"

#include "rsb-import-error.h"

#define BATCH_SIZE 1024
#define N_BATCHES  4

typedef struct {
  RsbPlay       plays[BATCH_SIZE];
  guint         len;
  GStringChunk *strings;
  gboolean      last;        /* the worker sends nothing after this one */
} PlayBatch;

typedef struct {
  RsbHistoryParseFunc parse;
  GInputStream  *stream;
  const char    *display_name;
  GCancellable  *cancellable;

  GAsyncQueue   *full;       /* worker -> caller */
  GAsyncQueue   *empty;      /* caller -> worker */
  PlayBatch     *filling;    /* the worker's */
  gint           stop;       /* set by the caller when func fails */

  guint          n_delivered;
  gboolean       parsed;
  GError        *parse_error;
} Pipeline;

static PlayBatch *
batch_new (void)
{
  PlayBatch *batch = g_new0 (PlayBatch, 1);

  batch->strings = g_string_chunk_new (64 * 1024);
  return batch;
}

static void
batch_free (PlayBatch *batch)
{
  g_string_chunk_free (batch->strings);
  g_free (batch);
}

static char *
keep (PlayBatch  *batch,
      const char *text)
{
  return text != NULL ? g_string_chunk_insert (batch->strings, text) : NULL;
}

static void
batch_add (PlayBatch     *batch,
           const RsbPlay *play)
{
  RsbPlay *copy = &batch->plays[batch->len++];

  *copy = *play;
  copy->track.uri = keep (batch, play->track.uri);
  copy->track.title = keep (batch, play->track.title);
  copy->track.artists = keep (batch, play->track.artists);
  copy->track.album = keep (batch, play->track.album);
  copy->track.isrc = keep (batch, play->track.isrc);
  copy->track.artwork_url = keep (batch, play->track.artwork_url);
}

static PlayBatch *
take_empty (Pipeline *self)
{
  PlayBatch *batch = g_async_queue_pop (self->empty);

  batch->len = 0;
  batch->last = FALSE;
  g_string_chunk_clear (batch->strings);
  return batch;
}

/* ---- the worker ------------------------------------------------------ */

static gboolean
collect_play (const RsbPlay  *play,
              gpointer        user_data,
              GError        **error)
{
  Pipeline *self = user_data;

  if (g_atomic_int_get (&self->stop))
    {
      /* Only to end the parse: the caller keeps its own error. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
      return FALSE;
    }
  batch_add (self->filling, play);
  if (self->filling->len == BATCH_SIZE)
    {
      g_async_queue_push (self->full, self->filling);
      self->filling = take_empty (self);
    }
  return TRUE;
}

static gpointer
parse_in_worker (gpointer data)
{
  Pipeline *self = data;

  self->filling = take_empty (self);
  self->parsed = self->parse (self->stream, self->display_name, collect_play, self, NULL,
                              self->cancellable, &self->parse_error);
  self->filling->last = TRUE;
  g_async_queue_push (self->full, g_steal_pointer (&self->filling));
  return NULL;
}

/* ---- the caller ------------------------------------------------------ */

/* The same contract as the plain parse: a func that fails without
 * saying why still leaves an error, and only plays func took count. */
static gboolean
deliver (Pipeline         *self,
         const PlayBatch  *batch,
         RsbPlayFunc       func,
         gpointer          user_data,
         GError          **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      GError *local_error = NULL;

      if (!func (&batch->plays[i], user_data, &local_error))
        {
          if (local_error == NULL)
            g_set_error (&local_error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                         _("Reading “%s” was stopped"), self->display_name);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      self->n_delivered++;
    }
  return TRUE;
}

/* Hands every batch to func until the worker's last one; after a
 * failure it only drains, so the worker never waits on a full queue. */
static gboolean
consume (Pipeline    *self,
         RsbPlayFunc  func,
         gpointer     user_data,
         GError     **error)
{
  gboolean ok = TRUE;
  gboolean last = FALSE;

  while (!last)
    {
      PlayBatch *batch = g_async_queue_pop (self->full);

      if (ok && !deliver (self, batch, func, user_data, error))
        {
          ok = FALSE;
          g_atomic_int_set (&self->stop, TRUE);
        }
      last = batch->last;
      g_async_queue_push (self->empty, batch);
    }
  return ok;
}

gboolean
rsb_play_pipeline_parse (GInputStream  *stream,
                         const char    *display_name,
                         RsbPlayFunc    func,
                         gpointer       user_data,
                         guint         *n_plays,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return rsb_play_pipeline_run (rsb_spotify_history_parse, stream, display_name, func,
                                user_data, n_plays, cancellable, error);
}

gboolean
rsb_play_pipeline_run (RsbHistoryParseFunc  parse,
                       GInputStream        *stream,
                       const char          *display_name,
                       RsbPlayFunc          func,
                       gpointer             user_data,
                       guint               *n_plays,
                       GCancellable        *cancellable,
                       GError             **error)
{
  Pipeline self = { parse, stream, display_name, cancellable };
  GThread *worker;
  gboolean consumed;

  self.full = g_async_queue_new ();
  self.empty = g_async_queue_new_full ((GDestroyNotify) batch_free);
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (self.empty, batch_new ());

  worker = g_thread_new ("rsb-history", parse_in_worker, &self);
  consumed = consume (&self, func, user_data, error);
  g_thread_join (worker);

  g_async_queue_unref (self.full);
  g_async_queue_unref (self.empty);
  if (consumed && !self.parsed)
    g_propagate_error (error, g_steal_pointer (&self.parse_error));
  g_clear_error (&self.parse_error);
  if (n_plays != NULL)
    *n_plays = self.n_delivered;
  return consumed && self.parsed;
}
