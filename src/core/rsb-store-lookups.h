/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-lookups.h: which tracks an online tempo service should be
 * asked about, and what it answered (table tempo_lookups), so that a
 * lookup stopped by a quota or a fault resumes where it stopped. */
#pragma once

#include "rsb-store.h"
#include "rsb-tempo.h"

G_BEGIN_DECLS

/* Services as tempo_lookups names them. */
#define RSB_LOOKUP_DEEZER     "deezer"
#define RSB_LOOKUP_RECCOBEATS "reccobeats"
#define RSB_LOOKUP_SPOTIFY    "spotify"   /* ISRCs through the user's account */

/* What a service said about a track. */
#define RSB_LOOKUP_FOUND   "found"     /* a tempo (or an ISRC) */
#define RSB_LOOKUP_UNKNOWN "unknown"   /* known to it, without a tempo */
#define RSB_LOOKUP_MISSING "missing"   /* not in its catalogue */

typedef struct {
  gint64    id;
  char     *uri;            /* NULL when none */
  char     *title;
  char     *artists;        /* ", "-joined, NULL when none */
  char     *isrc;           /* NULL when unknown */
  gint64    duration_ms;    /* 0 when unknown */
  gboolean  spotify_asked;  /* Spotify was already asked for its ISRC */
  gboolean  in_workout;     /* heard during a workout */
} RsbLookupTrack;

void       rsb_lookup_track_free             (RsbLookupTrack  *track);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbLookupTrack, rsb_lookup_track_free)

/* Tracks a service of rank source may still improve: no tempo from a
 * source ranked as high or higher, and not yet asked of service.
 * Tracks heard during workouts come first (those are the ones the
 * analysis needs), then the rest, each group in library order. With
 * spotify_uri_only, only tracks with a spotify:track: URI (ReccoBeats
 * takes Spotify ids), and then also the tracks whose tempo ranks higher
 * but whose energy is unknown: ReccoBeats is the only source of energy,
 * which the Tempo page's pace-against-energy needs. RsbLookupTrack items. */
GPtrArray *rsb_store_tracks_for_lookup       (RsbStore        *self,
                                              RsbTempoSource   source,
                                              const char      *service,
                                              gboolean         spotify_uri_only,
                                              GError         **error);

/* status: RSB_LOOKUP_FOUND, _UNKNOWN or _MISSING. */
gboolean   rsb_store_record_tempo_lookup     (RsbStore        *self,
                                              gint64           track_id,
                                              const char      *service,
                                              const char      *status,
                                              GError         **error);
/* The status recorded, NULL when the service was never asked. */
char      *rsb_store_dup_tempo_lookup        (RsbStore        *self,
                                              gint64           track_id,
                                              const char      *service);
/* Forgets every answer of a service: the next lookup asks again. */
gboolean   rsb_store_forget_tempo_lookups    (RsbStore        *self,
                                              const char      *service,
                                              GError         **error);

gboolean   rsb_store_set_track_isrc          (RsbStore        *self,
                                              gint64           track_id,
                                              const char      *isrc,
                                              GError         **error);

/* Tracks with no tempo at all, for the Songs page's offer. */
guint      rsb_store_count_tracks_without_tempo (RsbStore     *self);

G_END_DECLS
