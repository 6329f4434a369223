/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-mpris.h: a desktop music player for tests, speaking MPRIS
 * (org.mpris.MediaPlayer2 and .Player on /org/mpris/MediaPlayer2) on a
 * bus given by address — always a private one.
 *
 * It runs on its own connection and answers from GDBus's worker thread
 * (a connection filter), so it needs no main loop, answers while the
 * test's thread is busy, and stamps each call with g_get_monotonic_time
 * as it arrives. Like a real player, OpenUri makes the opened URI the
 * current song (a new mpris:trackid, position 0, Playing) and announces
 * Metadata and PlaybackStatus with PropertiesChanged; Pause, Play,
 * SetPosition (for the current track id only) and Seek change its state
 * as the MPRIS specification says.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  RSB_FAKE_MPRIS_WELL_BEHAVED   = 0,
  /* OpenUri answers with an error. */
  RSB_FAKE_MPRIS_REFUSE_OPEN    = 1 << 0,
  /* Never answers anything, not even its properties. */
  RSB_FAKE_MPRIS_SILENT         = 1 << 1,
  /* Answers its properties, never a Player method. */
  RSB_FAKE_MPRIS_SILENT_METHODS = 1 << 2,
  /* Properties of the wrong types, Metadata not a dictionary. */
  RSB_FAKE_MPRIS_WRONG_TYPES    = 1 << 3,
  /* Metadata of 20,000 keys and a 4 MB title. */
  RSB_FAKE_MPRIS_HUGE_METADATA  = 1 << 4,
  /* Opens songs but never reports a track id (no SetPosition possible). */
  RSB_FAKE_MPRIS_NO_TRACK_ID    = 1 << 5,
  /* Properties as they should be, but every PropertiesChanged garbled:
   * a wrong signature, then Metadata that is not a dictionary. */
  RSB_FAKE_MPRIS_GARBLED_NEWS   = 1 << 6,
} RsbFakeMprisFaults;

typedef struct {
  char   *method;      /* "OpenUri", "SetPosition", "GetAll", … */
  char   *args;        /* the body, g_variant_print'ed with types */
  gint64  stamp_us;    /* g_get_monotonic_time () when it arrived */
} RsbFakeMprisCall;

typedef struct {
  const char         *name;      /* the bus name is org.mpris.MediaPlayer2.<name> */
  const char         *identity;  /* NULL: no Identity property */
  const char * const *schemes;   /* SupportedUriSchemes */
  gboolean            can_control;
  gboolean            can_seek;
  RsbFakeMprisFaults  faults;
} RsbFakeMprisSpec;

typedef struct _RsbFakeMpris RsbFakeMpris;

/* Connects to the bus at address and owns the player's name. */
RsbFakeMpris *rsb_fake_mpris_new         (const char              *address,
                                          const RsbFakeMprisSpec  *spec,
                                          GError                 **error);
/* Closes its connection if still open, dropping calls never answered. */
void          rsb_fake_mpris_free        (RsbFakeMpris            *self);
/* The player quits: its connection closes and its name goes. */
void          rsb_fake_mpris_vanish      (RsbFakeMpris            *self);

/* Copies of the calls so far (RsbFakeMprisCall, free with
 * rsb_fake_mpris_call_free). Only Player methods, unless with_properties. */
GPtrArray    *rsb_fake_mpris_dup_calls   (RsbFakeMpris            *self,
                                          gboolean                 with_properties);
guint         rsb_fake_mpris_count_calls (RsbFakeMpris            *self,
                                          const char              *method);
void          rsb_fake_mpris_call_free   (RsbFakeMprisCall        *call);
/* The last URI opened, NULL before any. */
char         *rsb_fake_mpris_dup_uri     (RsbFakeMpris            *self);
/* "Playing", "Paused" or "Stopped". */
char         *rsb_fake_mpris_dup_status  (RsbFakeMpris            *self);
gint64        rsb_fake_mpris_position_us (RsbFakeMpris            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbFakeMprisCall, rsb_fake_mpris_call_free)

G_END_DECLS
