/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a FIT file: the reader must refuse or accept them without
 * crashing, leaking, reading out of bounds or reserving memory for a
 * size the bytes merely claim.
 *
 * Nearly every mutation breaks a checksum, and the reader rightly stops
 * there; so each input is also read once more with its checksums made
 * right, which lets the fuzzer reach the message decoding. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "rsb-fit-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint16
crc16 (const guint8 *data,
       gsize         len)
{
  guint16 crc = 0;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint bit = 0; bit < 8; bit++)
        crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
    }
  return crc;
}

static void
put_le16 (guint8  *p,
          guint16  value)
{
  p[0] = value & 0xff;
  p[1] = value >> 8;
}

/* Rewrites the header and file checksums of each chained FIT file that
 * fits in the buffer; stops at the first that does not. */
static void
fix_checksums (guint8 *data,
               gsize   size)
{
  gsize pos = 0;

  while (size - pos >= 12 && data[pos] >= 12)
    {
      guint8 *header = data + pos;
      guint64 data_size = header[4] | (header[5] << 8) | (header[6] << 16) |
                          ((guint64) header[7] << 24);
      guint64 end = pos + (guint64) header[0] + data_size;

      if (end + 2 > size)
        return;
      if (header[0] >= 14)
        put_le16 (header + 12, crc16 (header, 12));
      put_le16 (data + end, crc16 (header, end - pos));
      pos = end + 2;
    }
}

static void
check_activity (const RsbActivityInfo *info,
                const RsbStreams      *streams)
{
  const double *lat = streams->columns[RSB_STREAM_LAT];
  const double *lon = streams->columns[RSB_STREAM_LON];

  g_assert (streams->n_points > 0 && info->n_points == streams->n_points);
  g_assert ((lat == NULL) == (lon == NULL));
  for (guint i = 0; lat != NULL && i < streams->n_points; i++)
    g_assert (isnan (lat[i]) || (fabs (lat[i]) <= 90 && fabs (lon[i]) <= 180));
  g_assert ((streams->columns[RSB_STREAM_TIME] == NULL) == (info->start_ms == RSB_NO_TIME));
}

static void
read_once (const guint8 *data,
           gsize         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GError) error = NULL;

  if (rsb_fit_read (stream, "fuzz.fit", &info, &streams, NULL, &error))
    check_activity (info, streams);
  else
    g_assert (error != NULL && error->message != NULL && info == NULL && streams == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *fixed = g_memdup2 (data, size);

  read_once (data, size);
  fix_checksums (fixed, size);
  if (size > 0 && memcmp (fixed, data, size) != 0)
    read_once (fixed, size);
  return 0;
}
