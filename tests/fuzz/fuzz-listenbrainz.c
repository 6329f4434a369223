/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a ListenBrainz listen file. */
#include <stdint.h>

#include "fuzz-history-check.h"
#include "rsb-listenbrainz-export.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzHistory check = { RSB_PLAY_SOURCE_LISTENBRAINZ, RSB_PRECISION_SECOND_MS, TRUE };

  fuzz_history_run (rsb_listenbrainz_export_parse, data, size, &check);
  return 0;
}
