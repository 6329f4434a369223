/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-digest.c: the content hash that recognises an imported file. */
#include "config.h"

#include "rsb-digest.h"

void
rsb_digest_init (RsbDigest *digest)
{
  sha256_init (&digest->ctx);
}

void
rsb_digest_update (RsbDigest     *digest,
                   gconstpointer  data,
                   gsize          length)
{
  sha256_update (&digest->ctx, length, data);
}

char *
rsb_digest_finish (RsbDigest *digest)
{
  static const char hex[] = "0123456789abcdef";
  guint8 raw[SHA256_DIGEST_SIZE];
  char *text = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_digest (&digest->ctx, sizeof raw, raw);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      text[2 * i] = hex[raw[i] >> 4];
      text[2 * i + 1] = hex[raw[i] & 0xf];
    }
  text[2 * SHA256_DIGEST_SIZE] = '\0';
  return text;
}

char *
rsb_digest_of_bytes (GBytes *bytes)
{
  RsbDigest digest;
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  rsb_digest_init (&digest);
  rsb_digest_update (&digest, data, length);
  return rsb_digest_finish (&digest);
}
