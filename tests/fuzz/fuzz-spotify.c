/* Any bytes as a Spotify streaming history. */
#include <stdint.h>

#include "rsb-spotify-history.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
check_play (const RsbPlay  *play,
            gpointer        user_data,
            GError        **error)
{
  g_assert (play->track.title != NULL);
  g_assert (play->end_ms - play->start_ms == play->ms_played);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GError) error = NULL;
  guint n_plays = 0;

  if (!rsb_spotify_history_parse (stream, "fuzz.json", check_play, NULL, &n_plays, NULL, &error))
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
