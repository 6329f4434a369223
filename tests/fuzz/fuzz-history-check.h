/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-history-check.h: what every fuzzed history parse must hold to. */
#pragma once

#include "rsb-import-error.h"
#include "rsb-play-pipeline.h"

typedef struct {
  RsbPlaySource source;
  gint64        precision_ms;
  gboolean      start_order;   /* start-only sources hand plays over sorted */
  guint         n_seen;
  gint64        last_start;
} FuzzHistory;

static gboolean
fuzz_history_check_play (const RsbPlay  *play,
                         gpointer        user_data,
                         GError        **error)
{
  FuzzHistory *check = user_data;

  g_assert (play->source == check->source);
  g_assert (play->precision_ms == check->precision_ms);
  g_assert (play->track.title != NULL && g_utf8_validate (play->track.title, -1, NULL));
  g_assert (play->track.artists == NULL || g_utf8_validate (play->track.artists, -1, NULL));
  g_assert (play->track.album == NULL || g_utf8_validate (play->track.album, -1, NULL));
  g_assert (play->track.uri == NULL || g_str_has_prefix (play->track.uri, "spotify:track:"));
  g_assert (play->end_ms >= play->start_ms);
  g_assert (play->ms_played >= 0);
  g_assert (play->track.duration_ms >= 0);
  if (check->start_order)
    {
      g_assert (play->end_ms - play->start_ms == play->ms_played);
      g_assert (check->n_seen == 0 || play->start_ms >= check->last_start);
      check->last_start = play->start_ms;
    }
  check->n_seen++;
  return TRUE;
}

/* Runs parse over data; a refusal must name the file and say why. */
static inline void
fuzz_history_run (RsbHistoryParseFunc  parse,
                  const guint8        *data,
                  gsize                size,
                  FuzzHistory         *check)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GError) error = NULL;
  guint n_plays = 0;

  if (!parse (stream, "fuzz", fuzz_history_check_play, check, &n_plays, NULL, &error))
    {
      g_assert (error != NULL && error->domain == RSB_IMPORT_ERROR);
      g_assert (error->code == RSB_IMPORT_ERROR_CORRUPT ||
                error->code == RSB_IMPORT_ERROR_UNSUPPORTED ||
                error->code == RSB_IMPORT_ERROR_TOO_LARGE);
      g_assert (g_str_has_prefix (error->message, "“fuzz” "));
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  g_assert (n_plays == check->n_seen);
}
