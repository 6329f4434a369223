/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as Apple Music Play Activity.csv. */
#include <stdint.h>

#include "fuzz-history-check.h"
#include "rsb-apple-music-history.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzHistory check = { RSB_PLAY_SOURCE_APPLE, RSB_PRECISION_SECOND_MS, FALSE };

  fuzz_history_run (rsb_apple_music_history_parse, data, size, &check);
  return 0;
}
