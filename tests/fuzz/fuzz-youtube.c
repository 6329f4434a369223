/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a Google Takeout YouTube watch history. */
#include <stdint.h>

#include "fuzz-history-check.h"
#include "rsb-youtube-history.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzHistory check = { RSB_PLAY_SOURCE_YOUTUBE, RSB_PRECISION_LOW_MS, TRUE };

  fuzz_history_run (rsb_youtube_history_parse, data, size, &check);
  return 0;
}
