/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-mpris.h: the media players on a D-Bus session bus, through the
 * MPRIS interfaces (org.mpris.MediaPlayer2 and its .Player): which are
 * running, what they say about themselves and their song, and asking
 * them to open, seek, pause and play. Everything is asynchronous with a
 * time limit, so a player that hangs never holds up the window; every
 * error names the player. Messages are plain text, never markup. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RSB_MPRIS_NAME_PREFIX "org.mpris.MediaPlayer2."
/* MPRIS's "no track" id, never a song to seek in. */
#define RSB_MPRIS_NO_TRACK    "/org/mpris/MediaPlayer2/TrackList/NoTrack"

#define RSB_MPRIS_ERROR (rsb_mpris_error_quark ())

typedef enum {
  RSB_MPRIS_ERROR_FAILED,     /* the player answered with an error */
  RSB_MPRIS_ERROR_TIMED_OUT,  /* no answer within the time limit */
  RSB_MPRIS_ERROR_GONE,       /* the player closed */
} RsbMprisError;

GQuark rsb_mpris_error_quark (void);

/* Milliseconds a player has to answer a call: 3000, or
 * $RSB_MPRIS_TIMEOUT_MS (for tests of players that never answer). */
int    rsb_mpris_call_timeout_ms (void);

#define RSB_TYPE_MPRIS_PLAYER (rsb_mpris_player_get_type ())
G_DECLARE_FINAL_TYPE (RsbMprisPlayer, rsb_mpris_player, RSB, MPRIS_PLAYER, GObject)

/* One player, by its bus name. Its properties are read once it appears
 * and kept up to date from PropertiesChanged; "changed" is emitted
 * whenever one of them changes (and once when they are first read). */
const char *rsb_mpris_player_get_bus_name        (RsbMprisPlayer *self);
/* Identity, else the bus name's last part ("vlc"): for messages. */
const char *rsb_mpris_player_get_name            (RsbMprisPlayer *self);
/* Its properties have been read (or reading them failed). */
gboolean    rsb_mpris_player_is_ready            (RsbMprisPlayer *self);
/* Why the player cannot be used at all (it does not answer, or it sent
 * properties of the wrong kind), NULL when it can. */
const char *rsb_mpris_player_get_problem         (RsbMprisPlayer *self);
gboolean    rsb_mpris_player_supports_scheme     (RsbMprisPlayer *self,
                                                  const char     *scheme);
gboolean    rsb_mpris_player_get_can_control     (RsbMprisPlayer *self);
gboolean    rsb_mpris_player_get_can_play        (RsbMprisPlayer *self);
gboolean    rsb_mpris_player_get_can_seek        (RsbMprisPlayer *self);
/* "Playing", "Paused", "Stopped", or NULL when not known. */
const char *rsb_mpris_player_get_playback_status (RsbMprisPlayer *self);
/* mpris:trackid of the current song, NULL when none (or NoTrack). */
const char *rsb_mpris_player_get_track_id        (RsbMprisPlayer *self);
/* The current song's metadata as sent (a{sv}), NULL when none; only
 * the types of the keys this module reads are checked. */
GVariant   *rsb_mpris_player_get_metadata        (RsbMprisPlayer *self);

/* Calls on org.mpris.MediaPlayer2.Player; finish each with
 * rsb_mpris_player_call_finish. */
void        rsb_mpris_player_open_uri            (RsbMprisPlayer      *self,
                                                  const char          *uri,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void        rsb_mpris_player_set_position        (RsbMprisPlayer      *self,
                                                  const char          *track_id,
                                                  gint64               position_us,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void        rsb_mpris_player_seek                (RsbMprisPlayer      *self,
                                                  gint64               offset_us,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void        rsb_mpris_player_pause               (RsbMprisPlayer      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void        rsb_mpris_player_play                (RsbMprisPlayer      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    rsb_mpris_player_call_finish         (RsbMprisPlayer      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

#define RSB_TYPE_MPRIS (rsb_mpris_get_type ())
G_DECLARE_FINAL_TYPE (RsbMpris, rsb_mpris, RSB, MPRIS, GObject)

/* Watches connection for players coming and going. Signals:
 * "player-added" (RsbMprisPlayer*), "player-removed" (RsbMprisPlayer*,
 * after which it answers no more) and "player-changed"
 * (RsbMprisPlayer*, any of its properties, or it became ready). */
RsbMpris   *rsb_mpris_new                        (GDBusConnection *connection);
/* The players on the bus now, in the order they appeared (borrowed). */
GPtrArray  *rsb_mpris_get_players                (RsbMpris        *self);
/* The first look at the bus is done (before, "none" means "not yet"). */
gboolean    rsb_mpris_is_ready                   (RsbMpris        *self);

G_END_DECLS
