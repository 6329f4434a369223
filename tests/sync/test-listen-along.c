/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-listen-along.c: "Play the songs" against fake MPRIS players on a
 * private session bus (GTestDBus): which player gets which song, the
 * calls it receives, and players that vanish or misbehave. */
#include "config.h"

#include "rsb-fake-mpris.h"
#include "rsb-listen-along.h"
#include "rsb-store-music.h"
#include "rsb-test-dir.h"

#define SPOTIFY_URI "spotify:track:4uLU6hMCjMI75M1A2tKUQC"
#define OTHER_URI   "spotify:track:7GhIk7Il098yCjg4BQjzvb"
/* Generous: only a broken player or listener ever reaches it. */
#define WAIT_LIMIT_S 20

typedef struct {
  GTestDBus       *bus;
  GDBusConnection *connection;
  RsbStore        *store;
  char            *dir;
  RsbListenAlong  *listen;
  GPtrArray       *fakes;
  guint            n_errors;    /* last-error notifications with a message */
} Fixture;

static void
on_last_error (RsbListenAlong *listen,
               GParamSpec     *pspec,
               Fixture        *f)
{
  if (rsb_listen_along_get_last_error (listen) != NULL)
    f->n_errors++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  f->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  f->store = rsb_store_open_memory (&error);
  g_assert_no_error (error);
  f->dir = rsb_test_dir_new ("listen-along");
  f->fakes = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_fake_mpris_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->listen != NULL)
    g_signal_handlers_disconnect_by_data (f->listen, f);
  g_clear_object (&f->listen);
  g_clear_pointer (&f->fakes, g_ptr_array_unref);
  g_dbus_connection_close_sync (f->connection, NULL, NULL);
  g_clear_object (&f->connection);
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, rsb_test_dir_remove);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
}

static RsbFakeMpris *
start_player (Fixture            *f,
              const char         *name,
              const char         *identity,
              const char * const *schemes,
              RsbFakeMprisFaults  faults)
{
  RsbFakeMprisSpec spec = { name, identity, schemes, TRUE, TRUE, faults };
  g_autoptr(GError) error = NULL;
  RsbFakeMpris *fake = rsb_fake_mpris_new (g_test_dbus_get_bus_address (f->bus), &spec, &error);

  g_assert_no_error (error);
  g_ptr_array_add (f->fakes, fake);
  return fake;
}

static const char * const spotify_schemes[] = { "spotify", NULL };
static const char * const file_schemes[] = { "file", "http", NULL };

static RsbFakeMpris *
start_spotify (Fixture            *f,
               RsbFakeMprisFaults  faults)
{
  return start_player (f, "spotify", "Spotify", spotify_schemes, faults);
}

static void
listen (Fixture *f)
{
  f->listen = rsb_listen_along_new_for_connection (f->store, f->connection);
  g_signal_connect (f->listen, "notify::last-error", G_CALLBACK (on_last_error), f);
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static gboolean
on_wait_limit (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until condition holds; fails after WAIT_LIMIT_S.
 * The fakes record calls in GDBus's thread, which does not wake this
 * one: a tick looks again every few milliseconds. */
static void
wait_for (Fixture       *f,
          Condition      condition,
          gconstpointer  data,
          const char    *what)
{
  gboolean over = FALSE;
  guint limit = g_timeout_add_seconds (WAIT_LIMIT_S, on_wait_limit, &over);
  guint tick = g_timeout_add (5, on_tick, NULL);

  while (!condition (f, data) && !over)
    g_main_context_iteration (NULL, TRUE);
  if (over)
    g_error ("Still waiting for %s", what);
  g_source_remove (limit);
  g_source_remove (tick);
}

static gboolean
has_looked (Fixture *f, gconstpointer data)
{
  const char *reason = rsb_listen_along_get_reason (f->listen);

  return rsb_listen_along_get_available (f->listen) ||
         (reason != NULL && !g_str_has_suffix (reason, "…"));
}

static gboolean
is_available (Fixture *f, gconstpointer data)
{
  return rsb_listen_along_get_available (f->listen);
}

static gboolean
chose_spotify (Fixture *f, gconstpointer data)
{
  return g_strcmp0 (rsb_listen_along_get_player_name (f->listen), "Spotify") == 0;
}

static gboolean
is_unavailable (Fixture *f, gconstpointer data)
{
  return !rsb_listen_along_get_available (f->listen) && has_looked (f, NULL);
}

typedef struct {
  RsbFakeMpris *fake;
  const char   *method;
  guint         n;
} CallCount;

static gboolean
has_calls (Fixture *f, gconstpointer data)
{
  const CallCount *count = data;

  return rsb_fake_mpris_count_calls (count->fake, count->method) >= count->n;
}

static void
wait_for_call (Fixture      *f,
               RsbFakeMpris *fake,
               const char   *method,
               guint         n)
{
  CallCount count = { fake, method, n };

  wait_for (f, has_calls, &count, method);
}

static gboolean
has_errors (Fixture *f, gconstpointer data)
{
  return f->n_errors >= GPOINTER_TO_UINT (data);
}

/* "OpenUri ('spotify:track:…',)" and the like, in order. */
static char *
describe_calls (RsbFakeMpris *fake)
{
  g_autoptr(GPtrArray) calls = rsb_fake_mpris_dup_calls (fake, FALSE);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < calls->len; i++)
    {
      RsbFakeMprisCall *call = g_ptr_array_index (calls, i);

      g_string_append_printf (text, "%s%s %s", i > 0 ? "\n" : "", call->method, call->args);
    }
  return g_string_free (text, FALSE);
}

/* SetPosition moved the player to offset_s plus the time it took to
 * open the song (the replay runs on meanwhile): well under a second. */
static void
assert_position (RsbFakeMpris *fake,
                 double        offset_s)
{
  double position_s = rsb_fake_mpris_position_us (fake) / (double) G_USEC_PER_SEC;

  g_assert_cmpfloat (position_s, >=, offset_s);
  g_assert_cmpfloat (position_s, <, offset_s + 1.0);
}

/* A stored play of a 200 s song, as the matcher hands it over. */
static RsbPlay *
add_play (Fixture    *f,
          const char *uri,
          const char *title,
          gint64      start_ms)
{
  g_autoptr(RsbPlay) play = rsb_play_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  gboolean added;

  play->track.uri = g_strdup (uri);
  play->track.title = g_strdup (title);
  play->track.artists = g_strdup ("The Band");
  play->track.duration_ms = 200000;
  play->start_ms = start_ms;
  play->end_ms = start_ms + 200000;
  play->ms_played = 200000;
  play->source = RSB_PLAY_SOURCE_EXTENDED;
  play->precision_ms = 1;
  g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
  g_assert_no_error (error);
  plays = rsb_store_plays_between (f->store, play->end_ms - 1, play->end_ms - 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < plays->len; i++)
    {
      RsbPlay *stored = g_ptr_array_index (plays, i);

      if (g_strcmp0 (stored->track.title, title) == 0)
        return rsb_play_copy (stored);
    }
  g_assert_not_reached ();
}

/* The music scan found the user's own file of play's song; returns its
 * file:// URI. */
static char *
add_matching_file (Fixture       *f,
                   const RsbPlay *play)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "The Band - Song.ogg", NULL);
  g_autoptr(RsbMusicFile) file = rsb_music_file_new (path);
  g_autoptr(RsbMusicMatcher) matcher = NULL;

  g_assert_true (g_file_set_contents (path, "OggS", -1, &error));
  file->size = 4;
  file->mtime = 1;
  file->title = g_strdup (play->track.title);
  file->artists = g_strdup (play->track.artists);
  file->duration_ms = play->track.duration_ms;
  matcher = rsb_music_matcher_new (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (rsb_store_save_music_file (f->store, matcher, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file->track_id, ==, play->track_id);
  return g_filename_to_uri (path, NULL, NULL);
}

/* ------------------------------------------------------------------ */

static void
test_no_player (Fixture       *f,
                gconstpointer  data)
{
  listen (f);
  wait_for (f, has_looked, NULL, "the first look at the bus");
  g_assert_false (rsb_listen_along_get_available (f->listen));
  g_assert_cmpstr (rsb_listen_along_get_reason (f->listen), ==,
                   "No music player is running that can open songs. Start Spotify or another player and try again.");
  g_assert_null (rsb_listen_along_get_player_name (f->listen));
}

/* Spotify's client gets the Spotify URI, then SetPosition with the id
 * of the track it reported for it. */
static void
test_spotify_from_offset (Fixture       *f,
                          gconstpointer  data)
{
  RsbFakeMpris *spotify = start_spotify (f, RSB_FAKE_MPRIS_WELL_BEHAVED);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);
  g_autofree char *calls = NULL;

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  g_assert_cmpstr (rsb_listen_along_get_player_name (f->listen), ==, "Spotify");
  g_assert_null (rsb_listen_along_get_reason (f->listen));

  rsb_listen_along_play (f->listen, play, 42.5);
  wait_for_call (f, spotify, "SetPosition", 1);
  calls = describe_calls (spotify);
  g_assert_true (g_str_has_prefix (calls,
                                   "OpenUri ('" SPOTIFY_URI "',)\n"
                                   "SetPosition (objectpath '/org/mpris/MediaPlayer2/Track/1', int64 "));
  assert_position (spotify, 42.5);
  g_assert_null (rsb_listen_along_get_last_error (f->listen));
}

/* A player without Spotify opens the user's own file of the song. */
static void
test_local_file (Fixture       *f,
                 gconstpointer  data)
{
  RsbFakeMpris *rhythmbox = start_player (f, "rhythmbox", "Rhythmbox", file_schemes, 0);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);
  g_autofree char *uri = add_matching_file (f, play);
  g_autofree char *opened = NULL;

  listen (f);
  wait_for (f, is_available, NULL, "Rhythmbox to be available");
  g_assert_cmpstr (rsb_listen_along_get_player_name (f->listen), ==, "Rhythmbox");
  rsb_listen_along_play (f->listen, play, 10.0);
  wait_for_call (f, rhythmbox, "SetPosition", 1);
  opened = rsb_fake_mpris_dup_uri (rhythmbox);
  g_assert_cmpstr (opened, ==, uri);
  g_assert_true (g_str_has_prefix (opened, "file:///"));
  assert_position (rhythmbox, 10);
}

/* With both running, Spotify songs go to Spotify and a song only the
 * user's file has goes to the other player, Spotify being paused so
 * the two do not play at once. */
static void
test_prefers_the_player_of_the_song (Fixture       *f,
                                     gconstpointer  data)
{
  RsbFakeMpris *rhythmbox = start_player (f, "rhythmbox", "Rhythmbox", file_schemes, 0);
  RsbFakeMpris *spotify = NULL;
  g_autoptr(RsbPlay) first = add_play (f, SPOTIFY_URI, "Song", 1700000000000);
  g_autoptr(RsbPlay) second = add_play (f, "spotify:local:The+Band::Home+Made:200", "Home Made", 1700000200000);
  g_autofree char *uri = add_matching_file (f, second);
  g_autofree char *spotify_uri = NULL;
  g_autofree char *rhythmbox_uri = NULL;

  listen (f);
  wait_for (f, is_available, NULL, "Rhythmbox to be available");
  spotify = start_spotify (f, 0);
  wait_for (f, chose_spotify, NULL, "Spotify to be chosen");
  rsb_listen_along_play (f->listen, first, 0);
  wait_for_call (f, spotify, "OpenUri", 1);
  rsb_listen_along_play (f->listen, second, 0);
  wait_for_call (f, rhythmbox, "OpenUri", 1);
  wait_for_call (f, spotify, "Pause", 1);
  spotify_uri = rsb_fake_mpris_dup_uri (spotify);
  rhythmbox_uri = rsb_fake_mpris_dup_uri (rhythmbox);
  g_assert_cmpstr (spotify_uri, ==, SPOTIFY_URI);
  g_assert_cmpstr (rhythmbox_uri, ==, uri);
  g_assert_cmpstr (rsb_listen_along_get_player_name (f->listen), ==, "Spotify");
}

/* A song nothing can play says so, and the next one is still asked for. */
static void
test_unplayable_song_then_next (Fixture       *f,
                                gconstpointer  data)
{
  RsbFakeMpris *rhythmbox = start_player (f, "rhythmbox", "Rhythmbox", file_schemes, 0);
  g_autoptr(RsbPlay) stranger = add_play (f, OTHER_URI, "Stranger", 1700000000000);
  g_autoptr(RsbPlay) nothing = add_play (f, NULL, "Lost Song", 1700000200000);
  g_autoptr(RsbPlay) own = add_play (f, SPOTIFY_URI, "Song", 1700000400000);
  g_autofree char *uri = add_matching_file (f, own);
  g_autofree char *opened = NULL;

  listen (f);
  wait_for (f, is_available, NULL, "Rhythmbox to be available");
  rsb_listen_along_play (f->listen, stranger, 5);
  g_assert_cmpstr (rsb_listen_along_get_last_error (f->listen), ==,
                   "Rhythmbox cannot open Spotify songs, and no music file of yours matches “Stranger”.");
  rsb_listen_along_play (f->listen, nothing, 5);
  g_assert_cmpstr (rsb_listen_along_get_last_error (f->listen), ==,
                   "“Lost Song” has no Spotify link, and no music file of yours matches it.");
  g_assert_cmpuint (f->n_errors, ==, 2);

  rsb_listen_along_play (f->listen, own, 0);
  wait_for_call (f, rhythmbox, "OpenUri", 1);
  opened = rsb_fake_mpris_dup_uri (rhythmbox);
  g_assert_cmpstr (opened, ==, uri);
  g_assert_cmpuint (rsb_fake_mpris_count_calls (rhythmbox, "OpenUri"), ==, 1);
}

/* Pause pauses; playing the same song again resumes it in place. */
static void
test_pause_and_resume (Fixture       *f,
                       gconstpointer  data)
{
  RsbFakeMpris *spotify = start_spotify (f, 0);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);
  g_autofree char *paused = NULL;
  g_autofree char *playing = NULL;

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 30);
  wait_for_call (f, spotify, "SetPosition", 1);
  rsb_listen_along_pause (f->listen);
  wait_for_call (f, spotify, "Pause", 1);
  paused = rsb_fake_mpris_dup_status (spotify);
  g_assert_cmpstr (paused, ==, "Paused");

  rsb_listen_along_play (f->listen, play, 31);
  wait_for_call (f, spotify, "Play", 1);
  playing = rsb_fake_mpris_dup_status (spotify);
  g_assert_cmpstr (playing, ==, "Playing");
  g_assert_cmpuint (rsb_fake_mpris_count_calls (spotify, "OpenUri"), ==, 1);
  assert_position (spotify, 31);

  rsb_listen_along_stop (f->listen);
  wait_for_call (f, spotify, "Pause", 2);
}

/* The player quits while a song is being opened. */
static void
test_player_vanishes (Fixture       *f,
                      gconstpointer  data)
{
  RsbFakeMpris *spotify = start_spotify (f, RSB_FAKE_MPRIS_SILENT_METHODS);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 10);
  wait_for_call (f, spotify, "OpenUri", 1);
  rsb_fake_mpris_vanish (spotify);
  wait_for (f, is_unavailable, NULL, "Spotify to be gone");
  g_assert_cmpstr (rsb_listen_along_get_reason (f->listen), ==,
                   "No music player is running that can open songs. Start Spotify or another player and try again.");
  g_assert_cmpstr (rsb_listen_along_get_last_error (f->listen), ==, "Could not play “Song”: Spotify has closed.");
  g_assert_null (rsb_listen_along_get_player_name (f->listen));

  /* Asking again is harmless and says why. */
  rsb_listen_along_play (f->listen, play, 20);
  g_assert_cmpstr (rsb_listen_along_get_last_error (f->listen), ==,
                   "No music player is running that can open songs. Start Spotify or another player and try again.");
  rsb_listen_along_pause (f->listen);
}

static void
test_player_refuses (Fixture       *f,
                     gconstpointer  data)
{
  start_spotify (f, RSB_FAKE_MPRIS_REFUSE_OPEN);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 10);
  wait_for (f, has_errors, GUINT_TO_POINTER (1), "the refusal");
  g_assert_cmpstr (rsb_listen_along_get_last_error (f->listen), ==,
                   "Could not play “Song”: Spotify refused: This player cannot open that");
}

/* Answers a Player method never: the time limit speaks for it. */
static void
test_player_never_answers_a_call (Fixture       *f,
                                  gconstpointer  data)
{
  start_spotify (f, RSB_FAKE_MPRIS_SILENT_METHODS);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 10);
  wait_for (f, has_errors, GUINT_TO_POINTER (1), "the time limit");
  g_assert_cmpstr (rsb_listen_along_get_last_error (f->listen), ==,
                   "Could not play “Song”: Spotify did not answer in time.");
}

/* Not even its properties: it is not offered. */
static void
test_player_never_answers_at_all (Fixture       *f,
                                  gconstpointer  data)
{
  start_spotify (f, RSB_FAKE_MPRIS_SILENT);
  listen (f);
  wait_for (f, is_unavailable, NULL, "the time limit");
  g_assert_cmpstr (rsb_listen_along_get_reason (f->listen), ==, "spotify does not answer.");
}

static void
test_player_sends_wrong_types (Fixture       *f,
                               gconstpointer  data)
{
  start_player (f, "FakePlayer", "Fake Player", spotify_schemes, RSB_FAKE_MPRIS_WRONG_TYPES);
  listen (f);
  wait_for (f, is_unavailable, NULL, "the player's properties");
  /* Its Identity was not a string either: the bus name stands in. */
  g_assert_cmpstr (rsb_listen_along_get_reason (f->listen), ==,
                   "FakePlayer sent information about itself that makes no sense.");
}

/* 4 MB of title and 20,000 keys around the track id: read, not choked on. */
static void
test_huge_metadata (Fixture       *f,
                    gconstpointer  data)
{
  RsbFakeMpris *spotify = start_spotify (f, RSB_FAKE_MPRIS_HUGE_METADATA);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 12);
  wait_for_call (f, spotify, "SetPosition", 1);
  assert_position (spotify, 12);
}

/* A player that never says which track it opened gets a Seek. */
static void
test_no_track_id_seeks (Fixture       *f,
                        gconstpointer  data)
{
  RsbFakeMpris *spotify = start_spotify (f, RSB_FAKE_MPRIS_NO_TRACK_ID);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);
  g_autofree char *calls = NULL;

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 12);
  wait_for_call (f, spotify, "Seek", 1);
  calls = describe_calls (spotify);
  g_assert_cmpstr (calls, ==, "OpenUri ('" SPOTIFY_URI "',)\nSeek (int64 12000000,)");
  g_assert_cmpint (rsb_fake_mpris_position_us (spotify), ==, 12000000);
  g_assert_null (rsb_listen_along_get_last_error (f->listen));
}

/* A player whose news is garbage after a good start: the song still
 * opens and is reached by Seek, no track id ever having come; then the
 * player is no longer trusted, and the switch says why. */
static void
test_garbled_news (Fixture       *f,
                   gconstpointer  data)
{
  RsbFakeMpris *spotify = start_spotify (f, RSB_FAKE_MPRIS_GARBLED_NEWS);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 12);
  wait_for_call (f, spotify, "Seek", 1);
  g_assert_cmpint (rsb_fake_mpris_position_us (spotify), ==, 12000000);
  wait_for (f, is_unavailable, NULL, "Spotify to be distrusted");
  g_assert_cmpstr (rsb_listen_along_get_reason (f->listen), ==,
                   "Spotify sent information about itself that makes no sense.");
}

/* Listening along switched off for good (the window closed) while the
 * player keeps a call unanswered: nothing is left to fire later. */
static void
test_dropped_while_waiting (Fixture       *f,
                            gconstpointer  data)
{
  RsbFakeMpris *spotify = start_spotify (f, RSB_FAKE_MPRIS_SILENT_METHODS);
  g_autoptr(RsbPlay) play = add_play (f, SPOTIFY_URI, "Song", 1700000000000);
  g_autoptr(RsbPlay) again = add_play (f, OTHER_URI, "Other", 1700000200000);
  GWeakRef gone;
  RsbListenAlong *listen_along;

  listen (f);
  wait_for (f, is_available, NULL, "Spotify to be available");
  rsb_listen_along_play (f->listen, play, 12);
  rsb_listen_along_play (f->listen, again, 0);
  rsb_listen_along_pause (f->listen);
  wait_for_call (f, spotify, "Pause", 1);
  g_weak_ref_init (&gone, f->listen);
  g_signal_handlers_disconnect_by_data (f->listen, f);
  g_clear_object (&f->listen);
  /* The pause still pending holds it until it times out. */
  while ((listen_along = g_weak_ref_get (&gone)) != NULL)
    {
      g_object_unref (listen_along);
      g_main_context_iteration (NULL, TRUE);
    }
  g_weak_ref_clear (&gone);
  g_assert_cmpuint (rsb_fake_mpris_count_calls (spotify, "OpenUri"), ==, 2);
}

/* A player that opens nothing Run Sous BPM has. */
static void
test_player_without_schemes (Fixture       *f,
                             gconstpointer  data)
{
  const char * const http_only[] = { "http", "https", NULL };

  start_player (f, "radio", "Radio", http_only, 0);
  listen (f);
  wait_for (f, is_unavailable, NULL, "the player's properties");
  g_assert_cmpstr (rsb_listen_along_get_reason (f->listen), ==,
                   "Radio can open neither Spotify songs nor music files.");
}

/* A player that turns up later makes listening along available. */
static void
test_player_appears (Fixture       *f,
                     gconstpointer  data)
{
  listen (f);
  wait_for (f, is_unavailable, NULL, "the first look");
  start_spotify (f, 0);
  wait_for (f, is_available, NULL, "Spotify to be available");
  g_assert_cmpstr (rsb_listen_along_get_player_name (f->listen), ==, "Spotify");
}

int
main (int argc, char **argv)
{
  g_autofree char *daemon = NULL;

  g_test_init (&argc, &argv, NULL);
  /* Players that never answer are given up on quickly. */
  g_setenv ("RSB_MPRIS_TIMEOUT_MS", "1500", TRUE);
  daemon = g_find_program_in_path ("dbus-daemon");
  if (daemon == NULL)
    {
      g_test_skip ("dbus-daemon is not installed (build-aux/dev.sh test installs it)");
      return 77;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/listen-along/no-player", test_no_player);
  ADD ("/listen-along/spotify-from-offset", test_spotify_from_offset);
  ADD ("/listen-along/local-file", test_local_file);
  ADD ("/listen-along/prefers-the-player-of-the-song", test_prefers_the_player_of_the_song);
  ADD ("/listen-along/unplayable-song-then-next", test_unplayable_song_then_next);
  ADD ("/listen-along/pause-and-resume", test_pause_and_resume);
  ADD ("/listen-along/player-vanishes", test_player_vanishes);
  ADD ("/listen-along/player-refuses", test_player_refuses);
  ADD ("/listen-along/player-never-answers-a-call", test_player_never_answers_a_call);
  ADD ("/listen-along/player-never-answers-at-all", test_player_never_answers_at_all);
  ADD ("/listen-along/player-sends-wrong-types", test_player_sends_wrong_types);
  ADD ("/listen-along/huge-metadata", test_huge_metadata);
  ADD ("/listen-along/no-track-id-seeks", test_no_track_id_seeks);
  ADD ("/listen-along/garbled-news", test_garbled_news);
  ADD ("/listen-along/dropped-while-waiting", test_dropped_while_waiting);
  ADD ("/listen-along/player-without-schemes", test_player_without_schemes);
  ADD ("/listen-along/player-appears", test_player_appears);
#undef ADD
  return g_test_run ();
}
