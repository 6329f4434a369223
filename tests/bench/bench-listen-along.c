/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-listen-along.c: how soon after the replay reaches a song's
 * start the player is asked for it. The long benchmark workout (150
 * songs) is replayed at 1x by a 60 Hz clock (bench-replay-clock.h);
 * before each of the first song boundaries it jumps to 0.25 s ahead of
 * it, and the delay is from the exact moment the boundary is reached
 * to the moment a fake Spotify client on a private session bus
 * receives OpenUri (stamped in GDBus's worker thread, on its own
 * connection, as the message arrives).
 *
 * Baseline in the same run: an OpenUri sent straight to the fake over
 * the same bus, from sending to its arrival — the bus's own share.
 * Target: max <= 100 ms. No display needed; skipped without
 * dbus-daemon. */
#include "config.h"

#include <stdlib.h>

#include "bench-common.h"
#include "bench-replay-clock.h"
#include "bench-route-library.h"
#include "rsb-fake-mpris.h"
#include "rsb-listen-along.h"

#define BENCH "listen_along"
#define DEFAULT_BOUNDARIES 24
#define TARGET_S 0.100
#define LEAD_S 0.25
#define WAIT_US (5 * G_USEC_PER_SEC)

typedef struct {
  RsbListenAlong *listen;
  gint64          boundary_us;   /* of the last song entered */
  guint           n_entered;
} Run;

static void
on_song_entered (const RsbPlay *play,
                 double         offset_s,
                 gint64         boundary_us,
                 gpointer       user_data)
{
  Run *run = user_data;

  run->boundary_us = boundary_us;
  run->n_entered++;
  rsb_listen_along_play (run->listen, play, offset_s);
}

/* The arrival stamp of the fake's n-th OpenUri (1-based), iterating
 * the main loop until it is there. */
static gint64
wait_for_open (RsbFakeMpris *fake,
               guint         n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  g_autoptr(GPtrArray) calls = NULL;
  guint seen = 0;

  while (rsb_fake_mpris_count_calls (fake, "OpenUri") < n)
    {
      if (g_get_monotonic_time () > deadline)
        rsb_bench_fail (BENCH, "waiting for the player to be asked", NULL);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (200);
    }
  calls = rsb_fake_mpris_dup_calls (fake, FALSE);
  for (guint i = 0; i < calls->len; i++)
    {
      RsbFakeMprisCall *call = g_ptr_array_index (calls, i);

      if (g_str_equal (call->method, "OpenUri") && ++seen == n)
        return call->stamp_us;
    }
  g_assert_not_reached ();
}

/* Lets replies and PropertiesChanged of the last song come in. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

/* Segments that start a song other than the one before them. */
static GArray *
song_starts (const RsbActivity *activity)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 1; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbSegment *segment = rsb_activity_segment (activity, i);

      if (rsb_segment_has_music (segment) &&
          segment->play_index != rsb_activity_segment (activity, i - 1)->play_index &&
          segment->start_s - rsb_activity_segment (activity, i - 1)->start_s > 2 * LEAD_S)
        g_array_append_val (starts, segment->start_s);
    }
  return starts;
}

static double
max_of (GArray *values)
{
  double max = 0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  const char * const schemes[] = { "spotify", NULL };
  RsbFakeMprisSpec spec = { "spotify", "Spotify", schemes, TRUE, TRUE, 0 };
  RsbFakeMpris *fake;
  RsbBenchReplayClock *clock;
  Run run = { 0 };
  guint boundaries = rsb_bench_repetitions (DEFAULT_BOUNDARIES);
  guint n_opens = 0;
  double median, max;
  gboolean pass;
  gint64 id;
  g_autofree char *daemon = g_find_program_in_path ("dbus-daemon");

  if (daemon == NULL)
    rsb_bench_skip (BENCH, "dbus-daemon is not installed");
  scratch = rsb_bench_make_tmpdir ();
  id = rsb_bench_route_library (BENCH, scratch, &store);
  if ((activity = rsb_activity_load (store, id, &error)) == NULL)
    rsb_bench_fail (BENCH, "loading the activity", error);
  starts = song_starts (activity);
  boundaries = MIN (boundaries, starts->len);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if ((fake = rsb_fake_mpris_new (g_test_dbus_get_bus_address (bus), &spec, &error)) == NULL)
    rsb_bench_fail (BENCH, "starting the fake player", error);
  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  if (connection == NULL)
    rsb_bench_fail (BENCH, "connecting to the private bus", error);
  run.listen = rsb_listen_along_new_for_connection (store, connection);
  while (!rsb_listen_along_get_available (run.listen))
    g_main_context_iteration (NULL, TRUE);

  clock = rsb_bench_replay_clock_new (activity, on_song_entered, &run);
  for (guint i = 0; i < boundaries; i++)
    {
      gint64 sent;

      /* The replay, 0.25 s before a song starts. */
      rsb_bench_replay_clock_run (clock, g_array_index (starts, double, i) - LEAD_S, 1.0);
      rsb_bench_add_sample (delays, (wait_for_open (fake, ++n_opens) - run.boundary_us) / (double) G_USEC_PER_SEC);
      settle (100);

      /* The bus alone. */
      sent = g_get_monotonic_time ();
      g_dbus_connection_call (connection, "org.mpris.MediaPlayer2.spotify", "/org/mpris/MediaPlayer2",
                              "org.mpris.MediaPlayer2.Player", "OpenUri",
                              g_variant_new ("(s)", "spotify:track:0000000000000000000000"),
                              NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
      rsb_bench_add_sample (baselines, (wait_for_open (fake, ++n_opens) - sent) / (double) G_USEC_PER_SEC);
      settle (50);
    }
  rsb_bench_replay_clock_free (clock);

  median = rsb_bench_median (delays);
  max = max_of (delays);
  pass = boundaries >= 20 && max <= TARGET_S;
  g_print ("bench=%s median_s=%.4f max_s=%.4f baseline=direct_open_uri median_s=%.4f max_s=%.4f"
           " target=max<=%.3f pass=%s boundaries=%u songs_entered=%u tick_hz=60 speed=1\n",
           BENCH, median, max, rsb_bench_median (baselines), max_of (baselines), TARGET_S,
           rsb_bench_yes_no (pass), boundaries, run.n_entered);

  g_clear_object (&run.listen);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_clear_object (&connection);
  rsb_fake_mpris_free (fake);
  g_test_dbus_down (bus);
  g_clear_object (&store);
  rsb_bench_remove_tree (scratch);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
