/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listen-along.c: which player gets each song, and the sequence of
 * calls that plays it from the right moment: OpenUri, then — once the
 * player reports the new song's track id — SetPosition, or a relative
 * Seek when it never does. Nothing leaves the machine: the calls go to
 * a program on the user's own session bus. */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rsb-listen-along.h"
#include "rsb-mpris.h"

/* Closer to the start than this, a song is simply opened. */
#define MIN_SEEK_US      G_GINT64_CONSTANT (500000)
/* How long a player has to report the song it opened before the offset
 * is reached by a relative Seek instead. */
#define TRACK_WAIT_MS    1500

typedef enum {
  STEP_OPEN,        /* OpenUri sent */
  STEP_WAIT_TRACK,  /* waiting for the player's new mpris:trackid */
  STEP_SEEK,        /* SetPosition or Seek sent */
  STEP_RESUME,      /* Play sent after moving in a paused song */
} Step;

/* One song being asked for. Freed by whoever holds it last: the
 * listener while no call is out, else the call's callback. */
typedef struct {
  RsbListenAlong *self;          /* NULL once superseded */
  RsbMprisPlayer *player;
  GCancellable   *cancellable;
  Step            step;
  gboolean        in_call;
  gboolean        resume;        /* the song was paused: Play after moving */
  gint64          play_id;
  char           *title;
  gint64          offset_us;     /* into the song when asked */
  gint64          asked_us;      /* g_get_monotonic_time () then */
  char           *old_track_id;  /* the player's before OpenUri */
  char           *track_id;      /* sent with SetPosition */
  gulong          changed_id;
  guint           wait_id;
} Request;

struct _RsbListenAlong
{
  GObject          parent_instance;
  RsbStore        *store;
  GCancellable    *cancellable;       /* reaching the bus */
  RsbMpris        *mpris;
  char            *bus_problem;
  gboolean         available;
  char            *reason;
  char            *player_name;
  char            *last_error;
  Request         *request;
  RsbMprisPlayer  *current;           /* the player last sent a song */
  gint64           current_play_id;   /* the song it was sent, once it plays */
  char            *current_track_id;  /* and its mpris:trackid, when known */
};

enum {
  PROP_0,
  PROP_AVAILABLE,
  PROP_REASON,
  PROP_PLAYER_NAME,
  PROP_LAST_ERROR,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE (RsbListenAlong, rsb_listen_along, G_TYPE_OBJECT)

static void request_step (Request *request);

/* ------------------------------------------------------------------ */
/* Properties                                                           */

static void
set_string (RsbListenAlong *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_last_error (RsbListenAlong *self,
                const char     *message)
{
  if (message != NULL)
    g_message ("Listening along: %s", message);
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  /* Every failure is news, even one worded like the last. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
clear_last_error (RsbListenAlong *self)
{
  set_string (self, &self->last_error, NULL, PROP_LAST_ERROR);
}

/* ------------------------------------------------------------------ */
/* Choosing a player                                                    */

static gboolean
player_is_usable (RsbMprisPlayer *player)
{
  return rsb_mpris_player_is_ready (player) &&
         rsb_mpris_player_get_problem (player) == NULL &&
         rsb_mpris_player_get_can_control (player) &&
         (rsb_mpris_player_supports_scheme (player, "spotify") ||
          rsb_mpris_player_supports_scheme (player, "file"));
}

static RsbMprisPlayer *
usable_player_for (RsbListenAlong *self,
                   const char     *scheme)
{
  GPtrArray *players;

  if (self->mpris == NULL)
    return NULL;
  players = rsb_mpris_get_players (self->mpris);
  for (guint i = 0; i < players->len; i++)
    {
      RsbMprisPlayer *player = g_ptr_array_index (players, i);

      if (player_is_usable (player) && (scheme == NULL || rsb_mpris_player_supports_scheme (player, scheme)))
        return player;
    }
  return NULL;
}

/* The favourite: Spotify's client (it opens the history's own songs),
 * else any player that opens files. */
static RsbMprisPlayer *
preferred_player (RsbListenAlong *self)
{
  RsbMprisPlayer *player = usable_player_for (self, "spotify");

  return player != NULL ? player : usable_player_for (self, NULL);
}

/* Why no player will do, naming the first one found. */
static char *
unavailable_reason (RsbListenAlong *self)
{
  GPtrArray *players;
  RsbMprisPlayer *player;
  const char *name;

  if (self->bus_problem != NULL)
    return g_strdup (self->bus_problem);
  if (self->mpris == NULL || !rsb_mpris_is_ready (self->mpris))
    return g_strdup (_("Looking for music players…"));
  players = rsb_mpris_get_players (self->mpris);
  if (players->len == 0)
    return g_strdup (_("No music player is running that can open songs. "
                       "Start Spotify or another player and try again."));
  player = g_ptr_array_index (players, 0);
  name = rsb_mpris_player_get_name (player);
  if (!rsb_mpris_player_is_ready (player))
    /* Translators: %s is a music player's name, e.g. "Spotify". */
    return g_strdup_printf (_("Asking %s what it can do…"), name);
  if (rsb_mpris_player_get_problem (player) != NULL)
    return g_strdup (rsb_mpris_player_get_problem (player));
  if (!rsb_mpris_player_get_can_control (player))
    /* Translators: %s is a music player's name. */
    return g_strdup_printf (_("%s does not let other apps control it."), name);
  /* Translators: %s is a music player's name. */
  return g_strdup_printf (_("%s can open neither Spotify songs nor music files."), name);
}

static void
update_availability (RsbListenAlong *self)
{
  RsbMprisPlayer *player = self->bus_problem == NULL ? preferred_player (self) : NULL;
  g_autofree char *reason = player == NULL ? unavailable_reason (self) : NULL;

  set_string (self, &self->reason, reason, PROP_REASON);
  set_string (self, &self->player_name, player != NULL ? rsb_mpris_player_get_name (player) : NULL,
              PROP_PLAYER_NAME);
  if (self->available != (player != NULL))
    {
      self->available = player != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }
}

/* The URI of the user's file matched to the song, when it is there. */
static char *
file_uri_for (RsbListenAlong *self,
              const RsbPlay  *play)
{
  g_autofree char *path = NULL;

  if (play->track_id <= 0 || self->store == NULL)
    return NULL;
  path = rsb_store_track_file (self->store, play->track_id);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_filename_to_uri (path, NULL, NULL);
}

static const char *
title_of (const RsbPlay *play)
{
  if (play->track.title != NULL && *play->track.title != '\0')
    return play->track.title;
  return _("this song");
}

/* The player and URI for play, or NULL with *message saying why none. */
static RsbMprisPlayer *
choose_target (RsbListenAlong  *self,
               const RsbPlay   *play,
               char           **uri,
               char           **message)
{
  const char *spotify_uri = NULL;
  g_autofree char *file_uri = file_uri_for (self, play);
  RsbMprisPlayer *player;
  const char *title = title_of (play);

  if (play->track.uri != NULL && g_str_has_prefix (play->track.uri, "spotify:track:"))
    spotify_uri = play->track.uri;
  if (spotify_uri != NULL && (player = usable_player_for (self, "spotify")) != NULL)
    {
      *uri = g_strdup (spotify_uri);
      return player;
    }
  if (file_uri != NULL && (player = usable_player_for (self, "file")) != NULL)
    {
      *uri = g_steal_pointer (&file_uri);
      return player;
    }

  player = preferred_player (self);
  if (player == NULL)
    *message = unavailable_reason (self);
  else if (spotify_uri == NULL && file_uri == NULL)
    /* Translators: %s is a song's title. */
    *message = g_strdup_printf (_("“%s” has no Spotify link, and no music file of yours matches it."), title);
  else if (spotify_uri != NULL)
    /* Translators: the first %s is a music player's name, the second a song's title. */
    *message = g_strdup_printf (_("%s cannot open Spotify songs, and no music file of yours matches “%s”."),
                                rsb_mpris_player_get_name (player), title);
  else
    /* Translators: the first %s is a music player's name, the second a song's title. */
    *message = g_strdup_printf (_("%s cannot open music files, so “%s” cannot be played."),
                                rsb_mpris_player_get_name (player), title);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Asking for one song                                                  */

static void
request_free (Request *request)
{
  g_clear_signal_handler (&request->changed_id, request->player);
  g_clear_handle_id (&request->wait_id, g_source_remove);
  g_clear_object (&request->player);
  g_clear_object (&request->cancellable);
  g_free (request->title);
  g_free (request->old_track_id);
  g_free (request->track_id);
  g_free (request);
}

/* Superseded: nothing more is sent for it. */
static void
request_cancel (Request *request)
{
  g_cancellable_cancel (request->cancellable);
  g_clear_signal_handler (&request->changed_id, request->player);
  g_clear_handle_id (&request->wait_id, g_source_remove);
  request->self = NULL;
  if (!request->in_call)
    request_free (request);
}

static void
cancel_request (RsbListenAlong *self)
{
  if (self->request != NULL)
    request_cancel (g_steal_pointer (&self->request));
}

static void
request_finish (Request *request)
{
  if (request->self != NULL && request->self->request == request)
    request->self->request = NULL;
  request_free (request);
}

static void
request_fail (Request      *request,
              const GError *error)
{
  /* Translators: the first %s is a song's title, the second what went
   * wrong (a sentence naming the player). */
  g_autofree char *message = g_strdup_printf (_("Could not play “%s”: %s"), request->title, error->message);

  set_last_error (request->self, message);
  request_finish (request);
}

static void
on_call_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = rsb_mpris_player_call_finish (RSB_MPRIS_PLAYER (source), result, &error);

  request->in_call = FALSE;
  if (request->self == NULL || g_cancellable_is_cancelled (request->cancellable))
    {
      request_free (request);
      return;
    }
  if (!ok)
    {
      request_fail (request, error);
      return;
    }
  request_step (request);
}

static gboolean
track_has_changed (Request *request)
{
  const char *now = rsb_mpris_player_get_track_id (request->player);

  return now != NULL && g_strcmp0 (now, request->old_track_id) != 0;
}

/* Where the replay is in the song now: listening along runs the replay
 * at 1x, so the time the player took to open the song is added. */
static gint64
position_now (Request *request)
{
  return request->offset_us + (g_get_monotonic_time () - request->asked_us);
}

static void
send_seek (Request *request)
{
  const char *track_id = rsb_mpris_player_get_track_id (request->player);

  g_clear_signal_handler (&request->changed_id, request->player);
  g_clear_handle_id (&request->wait_id, g_source_remove);
  request->step = STEP_SEEK;
  request->in_call = TRUE;
  /* SetPosition needs the new song's id; without one, a relative Seek
   * from the start the song was opened at (which already counts the
   * time since). */
  if (track_has_changed (request))
    {
      request->track_id = g_strdup (track_id);
      if (request->self != NULL)
        {
          g_free (request->self->current_track_id);
          request->self->current_track_id = g_strdup (track_id);
        }
      rsb_mpris_player_set_position (request->player, track_id, position_now (request),
                                     request->cancellable, on_call_done, request);
    }
  else
    rsb_mpris_player_seek (request->player, request->offset_us,
                           request->cancellable, on_call_done, request);
}

static void
on_player_changed (RsbMprisPlayer *player,
                   gpointer        user_data)
{
  Request *request = user_data;

  if (track_has_changed (request))
    send_seek (request);
}

static gboolean
on_track_wait_over (gpointer user_data)
{
  Request *request = user_data;

  request->wait_id = 0;
  g_debug ("%s reported no new track id: seeking from the start", rsb_mpris_player_get_bus_name (request->player));
  send_seek (request);
  return G_SOURCE_REMOVE;
}

/* The player has the song: a resume may move in it rather than open it
 * again, once its track id is known (set as SetPosition is sent). */
static void
remember_song (Request *request)
{
  RsbListenAlong *self = request->self;

  self->current_play_id = request->play_id;
  g_clear_pointer (&self->current_track_id, g_free);
}

/* Moves the request on once its last call succeeded. */
static void
request_step (Request *request)
{
  RsbListenAlong *self = request->self;

  switch (request->step)
    {
    case STEP_OPEN:
      clear_last_error (self);
      remember_song (request);
      if (request->offset_us < MIN_SEEK_US || !rsb_mpris_player_get_can_seek (request->player))
        {
          request_finish (request);
          return;
        }
      if (track_has_changed (request))
        {
          send_seek (request);
          return;
        }
      request->step = STEP_WAIT_TRACK;
      request->changed_id = g_signal_connect (request->player, "changed",
                                              G_CALLBACK (on_player_changed), request);
      request->wait_id = g_timeout_add (MIN (TRACK_WAIT_MS, rsb_mpris_call_timeout_ms ()),
                                        on_track_wait_over, request);
      return;
    case STEP_SEEK:
      if (request->resume)
        {
          /* Play on a playing player does nothing: no need to know
           * whether its Paused status has arrived yet. */
          request->step = STEP_RESUME;
          request->in_call = TRUE;
          rsb_mpris_player_play (request->player, request->cancellable, on_call_done, request);
          return;
        }
      request_finish (request);
      return;
    case STEP_RESUME:
      clear_last_error (self);
      request_finish (request);
      return;
    case STEP_WAIT_TRACK:
    default:
      g_assert_not_reached ();
    }
}

static Request *
request_new (RsbListenAlong *self,
             RsbMprisPlayer *player,
             const RsbPlay  *play,
             double          offset_s)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->player = g_object_ref (player);
  request->cancellable = g_cancellable_new ();
  request->play_id = play->id;
  request->title = g_strdup (title_of (play));
  request->offset_us = isfinite (offset_s) && offset_s > 0 ? llround (offset_s * G_USEC_PER_SEC) : 0;
  request->asked_us = g_get_monotonic_time ();
  request->old_track_id = g_strdup (rsb_mpris_player_get_track_id (player));
  return request;
}

static void
on_pause_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RsbListenAlong) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rsb_mpris_player_call_finish (RSB_MPRIS_PLAYER (source), result, &error))
    set_last_error (self, error->message);
}

static void
pause_player (RsbListenAlong *self,
              RsbMprisPlayer *player)
{
  rsb_mpris_player_pause (player, NULL, on_pause_done, g_object_ref (self));
}

/* The same song, paused where the player still has it: move in it and
 * play on, rather than open it again from the start. */
static gboolean
can_resume (RsbListenAlong *self,
            const RsbPlay  *play)
{
  return self->current != NULL && play->id != 0 && play->id == self->current_play_id &&
         self->current_track_id != NULL &&
         g_strcmp0 (rsb_mpris_player_get_track_id (self->current), self->current_track_id) == 0 &&
         player_is_usable (self->current);
}

void
rsb_listen_along_play (RsbListenAlong *self,
                       const RsbPlay  *play,
                       double          offset_s)
{
  g_autofree char *uri = NULL;
  g_autofree char *message = NULL;
  RsbMprisPlayer *player;
  Request *request;

  g_return_if_fail (RSB_IS_LISTEN_ALONG (self));
  g_return_if_fail (play != NULL);

  cancel_request (self);
  if (can_resume (self, play))
    {
      request = request_new (self, self->current, play, offset_s);
      self->request = request;
      request->resume = TRUE;
      request->in_call = TRUE;
      if (rsb_mpris_player_get_can_seek (self->current))
        {
          request->step = STEP_SEEK;
          request->track_id = g_strdup (self->current_track_id);
          rsb_mpris_player_set_position (self->current, self->current_track_id, position_now (request),
                                         request->cancellable, on_call_done, request);
        }
      else
        {
          request->step = STEP_RESUME;
          rsb_mpris_player_play (self->current, request->cancellable, on_call_done, request);
        }
      return;
    }

  player = choose_target (self, play, &uri, &message);
  if (player == NULL)
    {
      set_last_error (self, message);
      return;
    }
  /* Two players must not play at once. */
  if (self->current != NULL && self->current != player)
    pause_player (self, self->current);
  g_set_object (&self->current, player);
  self->current_play_id = 0;
  g_clear_pointer (&self->current_track_id, g_free);

  request = request_new (self, player, play, offset_s);
  self->request = request;
  request->step = STEP_OPEN;
  request->in_call = TRUE;
  g_debug ("Asking %s to open %s at %.1f s", rsb_mpris_player_get_bus_name (player), uri, offset_s);
  rsb_mpris_player_open_uri (player, uri, request->cancellable, on_call_done, request);
}

void
rsb_listen_along_pause (RsbListenAlong *self)
{
  g_return_if_fail (RSB_IS_LISTEN_ALONG (self));
  cancel_request (self);
  if (self->current != NULL)
    pause_player (self, self->current);
}

void
rsb_listen_along_stop (RsbListenAlong *self)
{
  g_return_if_fail (RSB_IS_LISTEN_ALONG (self));
  rsb_listen_along_pause (self);
  g_clear_object (&self->current);
  self->current_play_id = 0;
  g_clear_pointer (&self->current_track_id, g_free);
}

/* ------------------------------------------------------------------ */
/* The bus                                                              */

static void
on_players_changed (RsbListenAlong *self)
{
  update_availability (self);
}

static void
on_player_removed (RsbMpris       *mpris,
                   RsbMprisPlayer *player,
                   RsbListenAlong *self)
{
  if (self->request != NULL && self->request->player == player)
    {
      /* Translators: the first %s is a song's title, the second a music
       * player's name. */
      g_autofree char *message = g_strdup_printf (_("Could not play “%s”: %s has closed."),
                                                  self->request->title, rsb_mpris_player_get_name (player));

      set_last_error (self, message);
    }
  if (self->current == player)
    {
      cancel_request (self);
      g_clear_object (&self->current);
      self->current_play_id = 0;
      g_clear_pointer (&self->current_track_id, g_free);
    }
  update_availability (self);
}

static void
watch_bus (RsbListenAlong  *self,
           GDBusConnection *connection)
{
  self->mpris = rsb_mpris_new (connection);
  g_signal_connect_swapped (self->mpris, "notify::ready", G_CALLBACK (on_players_changed), self);
  g_signal_connect_swapped (self->mpris, "player-added", G_CALLBACK (on_players_changed), self);
  g_signal_connect_swapped (self->mpris, "player-changed", G_CALLBACK (on_players_changed), self);
  g_signal_connect (self->mpris, "player-removed", G_CALLBACK (on_player_removed), self);
  update_availability (self);
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = g_bus_get_finish (result, &error);
  RsbListenAlong *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RSB_LISTEN_ALONG (user_data);
  if (connection == NULL)
    {
      /* Translators: %s says why the desktop's message bus cannot be reached. */
      self->bus_problem = g_strdup_printf (_("Music players cannot be reached: %s"), error->message);
      update_availability (self);
      return;
    }
  watch_bus (self, connection);
}

static void
rsb_listen_along_dispose (GObject *object)
{
  RsbListenAlong *self = RSB_LISTEN_ALONG (object);

  g_cancellable_cancel (self->cancellable);
  cancel_request (self);
  if (self->mpris != NULL)
    g_signal_handlers_disconnect_by_data (self->mpris, self);
  g_clear_object (&self->mpris);
  g_clear_object (&self->current);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rsb_listen_along_parent_class)->dispose (object);
}

static void
rsb_listen_along_finalize (GObject *object)
{
  RsbListenAlong *self = RSB_LISTEN_ALONG (object);

  g_clear_object (&self->cancellable);
  g_free (self->bus_problem);
  g_free (self->reason);
  g_free (self->player_name);
  g_free (self->last_error);
  g_free (self->current_track_id);
  G_OBJECT_CLASS (rsb_listen_along_parent_class)->finalize (object);
}

static void
rsb_listen_along_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RsbListenAlong *self = RSB_LISTEN_ALONG (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_PLAYER_NAME:
      g_value_set_string (value, self->player_name);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_listen_along_class_init (RsbListenAlongClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rsb_listen_along_dispose;
  object_class->finalize = rsb_listen_along_finalize;
  object_class->get_property = rsb_listen_along_get_property;

  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, FALSE, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_PLAYER_NAME] = g_param_spec_string ("player-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rsb_listen_along_init (RsbListenAlong *self)
{
  self->cancellable = g_cancellable_new ();
  self->reason = g_strdup (_("Looking for music players…"));
}

RsbListenAlong *
rsb_listen_along_new (RsbStore *store)
{
  RsbListenAlong *self;

  g_return_val_if_fail (store == NULL || RSB_IS_STORE (store), NULL);
  self = g_object_new (RSB_TYPE_LISTEN_ALONG, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_bus, self);
  return self;
}

RsbListenAlong *
rsb_listen_along_new_for_connection (RsbStore        *store,
                                     GDBusConnection *connection)
{
  RsbListenAlong *self;

  g_return_val_if_fail (store == NULL || RSB_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  self = g_object_new (RSB_TYPE_LISTEN_ALONG, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  watch_bus (self, connection);
  return self;
}

gboolean
rsb_listen_along_get_available (RsbListenAlong *self)
{
  g_return_val_if_fail (RSB_IS_LISTEN_ALONG (self), FALSE);
  return self->available;
}

const char *
rsb_listen_along_get_reason (RsbListenAlong *self)
{
  g_return_val_if_fail (RSB_IS_LISTEN_ALONG (self), NULL);
  return self->reason;
}

const char *
rsb_listen_along_get_player_name (RsbListenAlong *self)
{
  g_return_val_if_fail (RSB_IS_LISTEN_ALONG (self), NULL);
  return self->player_name;
}

const char *
rsb_listen_along_get_last_error (RsbListenAlong *self)
{
  g_return_val_if_fail (RSB_IS_LISTEN_ALONG (self), NULL);
  return self->last_error;
}
