/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a Spotify streaming history. Besides not crashing, every
 * play must be what the header promises for its source, and the count
 * reported must be the plays handed out. */
#include <stdint.h>

#include "rsb-import-error.h"
#include "rsb-spotify-history.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_MS_PLAYED (G_GINT64_CONSTANT (366) * 24 * 3600 * 1000)

static void
check_extended (const RsbPlay *play)
{
  g_assert (play->precision_ms == 1000);
  g_assert (play->track.uri != NULL);
}

static void
check_account (const RsbPlay *play)
{
  g_assert (play->precision_ms == 60000);
  g_assert (play->track.uri == NULL);
  g_assert (play->track.album == NULL);
  g_assert (!play->skipped && !play->offline);
}

static gboolean
check_play (const RsbPlay  *play,
            gpointer        user_data,
            GError        **error)
{
  guint *n_seen = user_data;

  g_assert (play->track.title != NULL);
  g_assert (g_utf8_validate (play->track.title, -1, NULL));
  g_assert (play->track.artists == NULL || g_utf8_validate (play->track.artists, -1, NULL));
  g_assert (play->ms_played >= 0 && play->ms_played <= MAX_MS_PLAYED);
  g_assert (play->end_ms - play->start_ms == play->ms_played);

  if (play->source == RSB_PLAY_SOURCE_EXTENDED)
    check_extended (play);
  else if (play->source == RSB_PLAY_SOURCE_ACCOUNT)
    check_account (play);
  else
    g_assert_not_reached ();

  (*n_seen)++;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GError) error = NULL;
  guint n_plays = 0, n_seen = 0;

  if (!rsb_spotify_history_parse (stream, "fuzz.json", check_play, &n_seen, &n_plays, NULL, &error))
    {
      g_assert (error != NULL && error->domain == RSB_IMPORT_ERROR);
      g_assert (error->code == RSB_IMPORT_ERROR_CORRUPT ||
                error->code == RSB_IMPORT_ERROR_UNSUPPORTED);
      g_assert (g_str_has_prefix (error->message, "“fuzz.json” "));
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  g_assert (n_plays == n_seen);
  return 0;
}
