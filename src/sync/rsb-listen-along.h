/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listen-along.h: "Play the songs" during a replay — asks a desktop
 * music player (MPRIS) to play each song as the replay reaches it, from
 * where the runner was in it. */
#pragma once

#include <gio/gio.h>

#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_TYPE_LISTEN_ALONG (rsb_listen_along_get_type ())
G_DECLARE_FINAL_TYPE (RsbListenAlong, rsb_listen_along, RSB, LISTEN_ALONG, GObject)

/* Properties (all notified only when they change, except last-error,
 * notified on every failure):
 *   available    a player on the bus can be asked to play songs
 *   reason       when not available, why, for people (plain text)
 *   player-name  the player songs go to by preference (Spotify's client
 *                for Spotify songs), NULL when none
 *   last-error   why the last song asked for could not be played, or
 *                NULL since the last song that could (plain text) */
/* On the session bus, reached asynchronously. */
RsbListenAlong *rsb_listen_along_new                 (RsbStore        *store);
RsbListenAlong *rsb_listen_along_new_for_connection  (RsbStore        *store,
                                                      GDBusConnection *connection);

gboolean        rsb_listen_along_get_available       (RsbListenAlong  *self);
const char     *rsb_listen_along_get_reason          (RsbListenAlong  *self);
const char     *rsb_listen_along_get_player_name     (RsbListenAlong  *self);
const char     *rsb_listen_along_get_last_error      (RsbListenAlong  *self);

/* Plays play's song from offset_s seconds into it (rsb_song_offset_at):
 * its Spotify URI where a player opens those, else the user's file the
 * music scan matched to it, then moves to the offset where the player
 * can seek — plus the time the player took, as the replay runs at 1x
 * while listening along. A song that cannot be played sets last-error; the next call
 * works as ever. Each call supersedes what the last one still had to
 * do. Playing the same play again after a pause resumes it in place. */
void            rsb_listen_along_play                (RsbListenAlong  *self,
                                                      const RsbPlay   *play,
                                                      double           offset_s);
/* The replay paused: pause the player. */
void            rsb_listen_along_pause               (RsbListenAlong  *self);
/* Listening along switched off: pause the player if a song was sent to
 * it, and forget it. */
void            rsb_listen_along_stop                (RsbListenAlong  *self);

G_END_DECLS
