/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay-listen.c: the replay bar's "Play the songs".
 *
 * While the switch is on and the replay plays (at 1×, which the bar
 * enforces), each song is asked of the player as the replay enters its
 * stretch, from as far into it as the runner was; a stretch without
 * music pauses the player, as does pausing the replay. A jump (the
 * scrubber, the keys) asks again from the new place. Whether a player
 * can do it, and why not, is shown on the bar's switch.
 */
#include "config.h"

#include <math.h>

#include "rsb-replay-listen.h"
#include "rsb-song-offset.h"

/* At 1× a frame moves the replay by a sixtieth of a second: a move of
 * more than this, or backwards, is a jump. */
#define JUMP_S 1.5

struct _RsbReplayListen
{
  GObject         parent_instance;
  RsbReplayBar   *bar;        /* weak */
  RsbListenAlong *along;
  int             segment;    /* the stretch last asked for, -1: none */
  double          position;   /* where the replay was at the last move */
};

G_DEFINE_FINAL_TYPE (RsbReplayListen, rsb_replay_listen, G_TYPE_OBJECT)

static gboolean
listening (RsbReplayListen *self)
{
  gboolean on = FALSE;

  if (self->bar != NULL)
    g_object_get (self->bar, "listen-along", &on, NULL);
  return on && rsb_replay_bar_get_playing (self->bar);
}

/* Asks for the song of the stretch the replay is in, from where the
 * runner was in it; nothing to hear there pauses the player. */
static void
ask (RsbReplayListen *self,
     int              segment)
{
  const RsbActivity *activity = rsb_replay_bar_get_activity (self->bar);
  const RsbPlay *play = segment >= 0 ? rsb_activity_segment_play (activity, segment) : NULL;

  self->segment = segment;
  if (play == NULL)
    {
      rsb_listen_along_pause (self->along);
      return;
    }
  rsb_listen_along_play (self->along, play,
                         rsb_song_offset_at (play, activity->info->start_ms, activity->info->clock_offset_ms,
                                             rsb_replay_bar_get_position (self->bar)));
}

static int
segment_now (RsbReplayListen *self)
{
  return rsb_activity_segment_at_point (rsb_replay_bar_get_activity (self->bar),
                                        rsb_replay_bar_get_point (self->bar));
}

static void
on_position (RsbReplayListen *self)
{
  double position = rsb_replay_bar_get_position (self->bar);
  gboolean jumped = position < self->position || position - self->position > JUMP_S;
  int segment;

  self->position = position;
  if (!listening (self))
    return;
  segment = segment_now (self);
  if (segment != self->segment || jumped)
    ask (self, segment);
}

/* Play, pause, and the switch itself. */
static void
on_state (RsbReplayListen *self)
{
  gboolean on = FALSE;

  g_object_get (self->bar, "listen-along", &on, NULL);
  self->position = rsb_replay_bar_get_position (self->bar);
  if (listening (self))
    ask (self, segment_now (self));
  else if (on)
    rsb_listen_along_pause (self->along);
  else if (self->segment != -1)
    rsb_listen_along_stop (self->along);
  if (!listening (self))
    self->segment = -1;
}

static void
on_availability (RsbReplayListen *self)
{
  if (self->bar != NULL)
    rsb_replay_bar_set_listen_state (self->bar, rsb_listen_along_get_available (self->along),
                                     rsb_listen_along_get_player_name (self->along),
                                     rsb_listen_along_get_reason (self->along),
                                     rsb_listen_along_get_last_error (self->along));
}

static void
rsb_replay_listen_dispose (GObject *object)
{
  RsbReplayListen *self = RSB_REPLAY_LISTEN (object);

  if (self->along != NULL)
    rsb_listen_along_stop (self->along);
  g_clear_weak_pointer (&self->bar);
  g_clear_object (&self->along);
  G_OBJECT_CLASS (rsb_replay_listen_parent_class)->dispose (object);
}

static void
rsb_replay_listen_class_init (RsbReplayListenClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rsb_replay_listen_dispose;
}

static void
rsb_replay_listen_init (RsbReplayListen *self)
{
  self->segment = -1;
}

RsbReplayListen *
rsb_replay_listen_new (RsbReplayBar   *bar,
                       RsbListenAlong *along)
{
  RsbReplayListen *self = g_object_new (RSB_TYPE_REPLAY_LISTEN, NULL);

  g_set_weak_pointer (&self->bar, bar);
  self->along = g_object_ref (along);
  g_signal_connect_object (bar, "notify::position", G_CALLBACK (on_position), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bar, "notify::playing", G_CALLBACK (on_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bar, "notify::listen-along", G_CALLBACK (on_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (along, "notify", G_CALLBACK (on_availability), self, G_CONNECT_SWAPPED);
  on_availability (self);
  return self;
}
