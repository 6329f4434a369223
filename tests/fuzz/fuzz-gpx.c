/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a GPX file: the reader must refuse or accept them without
 * crashing, leaking or reading out of bounds. */
#include <stdint.h>

#include "rsb-gpx-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GError) error = NULL;

  if (rsb_gpx_read (stream, "fuzz.gpx", &info, &streams, NULL, &error))
    g_assert (streams->n_points > 0 && info->n_points == streams->n_points);
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
