/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-checksum-stream.c: hashes a file while a parser reads it, so a
 * large export is read once, not once to hash and once to parse. With
 * the CPU's SHA instructions (rsb-digest.c) hashing keeps pace with
 * reading: it runs inline, on the parser's thread. */
#include "config.h"

#include "rsb-checksum-stream.h"
#include "rsb-digest.h"

struct _RsbChecksumStream
{
  GFilterInputStream  parent_instance;
  RsbDigest           sum;
  char               *digest;
};

G_DEFINE_TYPE (RsbChecksumStream, rsb_checksum_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
rsb_checksum_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  RsbChecksumStream *self = RSB_CHECKSUM_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n = g_input_stream_read (base, buffer, count, cancellable, error);

  g_return_val_if_fail (self->digest == NULL, -1);
  if (n > 0)
    rsb_digest_update (&self->sum, buffer, n);
  return n;
}

static void
rsb_checksum_stream_finalize (GObject *object)
{
  g_free (RSB_CHECKSUM_STREAM (object)->digest);
  G_OBJECT_CLASS (rsb_checksum_stream_parent_class)->finalize (object);
}

static void
rsb_checksum_stream_class_init (RsbChecksumStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_checksum_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = rsb_checksum_stream_read;
}

static void
rsb_checksum_stream_init (RsbChecksumStream *self)
{
  rsb_digest_init (&self->sum);
}

GInputStream *
rsb_checksum_stream_new (GInputStream *base)
{
  return g_object_new (RSB_TYPE_CHECKSUM_STREAM, "base-stream", base, NULL);
}

/* SHA-256 of everything read so far; reading further after this call
 * is a programming error. */
const char *
rsb_checksum_stream_get_digest (RsbChecksumStream *self)
{
  if (self->digest == NULL)
    self->digest = rsb_digest_finish (&self->sum);
  return self->digest;
}
