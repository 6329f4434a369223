/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-types.h: the plain data the layers hand to each other.
 *
 * These are boxed structs rather than GObjects: importers produce
 * hundreds of thousands of them and the matcher walks them in tight
 * loops, so they stay cheap to allocate and copy.
 */
#pragma once

#include <glib.h>

#include "rsb-tempo.h"

G_BEGIN_DECLS

/* Columns of an activity's recorded samples. Every present column holds
 * n_points values; a column the source did not record is NULL. Missing
 * single values inside a present column are NAN. */
typedef enum {
  RSB_STREAM_TIME,      /* seconds since the activity start (pauses included) */
  RSB_STREAM_LAT,       /* degrees */
  RSB_STREAM_LON,       /* degrees */
  RSB_STREAM_ALTITUDE,  /* metres */
  RSB_STREAM_HEART_RATE,/* beats per minute */
  RSB_STREAM_CADENCE,   /* as the source reports it (per foot pair for runs) */
  RSB_STREAM_DISTANCE,  /* metres from the start */
  RSB_STREAM_SPEED,     /* metres per second */
  RSB_N_STREAMS
} RsbStreamKind;

#define RSB_STREAM_BIT(kind) (1u << (kind))

typedef struct {
  guint    n_points;
  double  *columns[RSB_N_STREAMS];
  /* private: columns of rsb_streams_new_with share one allocation */
  double  *block;
  guint32  in_block;
} RsbStreams;

RsbStreams *rsb_streams_new        (guint              n_points);
/* With the columns of kinds (RSB_STREAM_BIT), all NAN, in one
 * allocation: for readers that know their columns before filling them. */
RsbStreams *rsb_streams_new_with   (guint              n_points,
                                    guint32            kinds);
/* Removes a column, however it was allocated. */
void        rsb_streams_drop       (RsbStreams        *streams,
                                    RsbStreamKind      kind);
void        rsb_streams_free       (RsbStreams        *streams);
double     *rsb_streams_ensure     (RsbStreams        *streams,
                                    RsbStreamKind      kind);
gboolean    rsb_streams_has        (const RsbStreams  *streams,
                                    RsbStreamKind      kind);
gboolean    rsb_streams_has_route  (const RsbStreams  *streams);
gboolean    rsb_streams_equal      (const RsbStreams  *a,
                                    const RsbStreams  *b);
/* RSB_STREAM_BIT of each column held; 0 for no streams at all. */
guint32     rsb_streams_channels   (const RsbStreams  *streams);
const char *rsb_stream_kind_name   (RsbStreamKind      kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbStreams, rsb_streams_free)

#define RSB_NO_TIME G_MININT64

/* Device clocks that disagree by more than this are not a clock problem. */
#define RSB_MAX_CLOCK_OFFSET_MS (10 * 60 * 1000)

typedef struct {
  gint64      id;            /* 0 until stored */
  char       *source;        /* "file" or "strava" */
  char       *source_id;     /* content hash for files, Strava id otherwise */
  char       *name;
  char       *sport;         /* "run", "ride", ... or NULL when unknown */
  gint64      start_ms;      /* UTC ms, RSB_NO_TIME when the route has no times */
  double      elapsed_s;
  double      moving_s;
  double      distance_m;
  double      min_lat, min_lon, max_lat, max_lon;
  gint64      clock_offset_ms;
  char       *file_name;     /* what the user imported, for messages */
  guint       n_points;
  guint32     channels;      /* RSB_STREAM_BIT of each column recorded */
  /* Cached result of matching, refreshed whenever plays or the offset change. */
  guint       n_songs;
  double      coverage;      /* 0..1 share of moving time with a song */
  /* Read from a damaged file: the warning that says what was lost
   * ("“ride.fit” ends early: 473 records recovered"); NULL when whole. */
  char       *recovered;
} RsbActivityInfo;

RsbActivityInfo *rsb_activity_info_new  (void);
RsbActivityInfo *rsb_activity_info_copy (const RsbActivityInfo *info);
void             rsb_activity_info_free (RsbActivityInfo       *info);
gboolean         rsb_activity_info_has_times (const RsbActivityInfo *info);
/* Its name, or "Workout" when it has none, for titles and file names. */
const char      *rsb_activity_info_display_name (const RsbActivityInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbActivityInfo, rsb_activity_info_free)

typedef enum {
  RSB_PLAY_SOURCE_API,       /* recently-played endpoint */
  RSB_PLAY_SOURCE_EXTENDED,  /* Extended Streaming History export */
  RSB_PLAY_SOURCE_ACCOUNT,   /* account-data export, minute precision */
  RSB_PLAY_SOURCE_LISTENBRAINZ, /* export or API: when it started, to the second */
  RSB_PLAY_SOURCE_LASTFM,    /* scrobbles: when it started, to the second */
  RSB_PLAY_SOURCE_APPLE,     /* Apple Music Play Activity: start, end and time played */
  RSB_PLAY_SOURCE_YOUTUBE,   /* Takeout watch history: when it started; the end is guessed */
} RsbPlaySource;

/* How well a source tells a listen's time (RsbPlay.precision_ms):
 * timestamps to the second, and the coarse ones (minutes, or an end
 * that is only guessed), which any finer source of the same listen
 * replaces. */
#define RSB_PRECISION_SECOND_MS 1000
#define RSB_PRECISION_LOW_MS    60000

typedef struct {
  char   *uri;          /* spotify:track:..., NULL when the source has none */
  char   *title;
  char   *artists;      /* display string, ", "-joined */
  char   *album;
  gint64  duration_ms;  /* 0 when unknown */
  char   *isrc;
  char   *artwork_url;
  /* The winning tempo (rsb-tempo.h): bpm_source NONE when none is
   * known; confidence 0..1. energy is ReccoBeats' 0..1, NAN unknown. */
  double          bpm;
  RsbTempoSource  bpm_source;
  double          bpm_confidence;
  double          energy;
} RsbTrack;

typedef struct {
  gint64         id;
  gint64         track_id;
  RsbTrack       track;
  gint64         start_ms;   /* UTC */
  gint64         end_ms;     /* UTC, exclusive */
  gint64         ms_played;
  RsbPlaySource  source;
  gint64         precision_ms;
  gboolean       skipped;
  gboolean       offline;
} RsbPlay;

void     rsb_track_clear     (RsbTrack      *track);
/* The track's open.spotify.com page, or NULL when its URI is not a
 * plain Spotify track id (local files, podcasts, mangled data). */
char    *rsb_track_web_url   (const RsbTrack *track);
void     rsb_track_copy_into (const RsbTrack *src,
                              RsbTrack       *dest);
RsbPlay *rsb_play_new        (void);
RsbPlay *rsb_play_copy       (const RsbPlay *play);
void     rsb_play_free       (RsbPlay       *play);
const char   *rsb_play_source_to_string   (RsbPlaySource source);
/* Whether a source's time is the listen's end (Spotify's played_at and
 * ts, Apple's end timestamp) or only its start (a scrobble). */
gboolean      rsb_play_source_knows_end   (RsbPlaySource source);
/* Whether a source says how long a listen played, rather than this
 * being worked out from the next listen or a track's length. */
gboolean      rsb_play_source_knows_ms_played (RsbPlaySource source);
gboolean      rsb_play_source_from_string (const char    *str,
                                           RsbPlaySource *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbPlay, rsb_play_free)

/* A maximal run of points that heard the same play, or none. */
typedef struct {
  guint   index;
  guint   first_point;
  guint   last_point;   /* inclusive */
  int     play_index;   /* into the plays array given to the matcher, -1 = no music */
  double  start_s;      /* time of first_point */
  double  end_s;        /* time where the next segment begins (or of last_point) */
  double  start_m;
  double  end_m;
} RsbSegment;

static inline gboolean
rsb_segment_has_music (const RsbSegment *segment)
{
  return segment->play_index >= 0;
}

G_END_DECLS
