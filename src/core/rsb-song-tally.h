/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

/* One stretch of one workout where a song played. */
typedef struct {
  gint64    activity_id;
  gint64    play_id;
  char     *activity_name;
  gint64    activity_start_ms;
  gboolean  on_foot;            /* pace, else speed */
  double    start_s;            /* into the workout */
  double    end_s;              /* end_s - start_s: how long it was on the road */
  double    heard_s;            /* how long it was listened to on this stretch */
  double    moving_s;
  double    speed_ms;           /* NAN when unknown */
  double    heart_rate;         /* NAN when unknown */
  double    speed_change;       /* speed over the workout's average, minus 1; NAN */
  double    heart_rate_change;  /* beats per minute over the workout's average; NAN */
} RsbSongStretch;

/* A song across the library's workouts ("power songs"). */
typedef struct {
  gint64     track_id;
  RsbTrack   track;
  guint      n_workouts;
  double     heard_s;            /* time it was listened to during workouts */
  double     road_s;             /* time its stretches lasted on the road, pauses included */
  double     speed_change;       /* the stretches' changes, weighted by moving time; NAN */
  double     heart_rate_change;  /* likewise, in beats per minute; NAN */
  GPtrArray *stretches;          /* RsbSongStretch, in the order the workouts were added */
} RsbSongSummary;

void rsb_song_summary_free (RsbSongSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbSongSummary, rsb_song_summary_free)

typedef struct _RsbSongTally RsbSongTally;

RsbSongTally *rsb_song_tally_new          (void);
void          rsb_song_tally_free         (RsbSongTally      *tally);
void          rsb_song_tally_add_activity (RsbSongTally      *tally,
                                           const RsbActivity *activity);
/* RsbSongSummary, the longest heard first. */
GPtrArray    *rsb_song_tally_summaries    (RsbSongTally      *tally);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbSongTally, rsb_song_tally_free)

/* Every song heard in the store's workouts, newest workouts first in
 * each song's stretches. Reads every route: call it off the main
 * thread on a large library. */
GPtrArray    *rsb_song_tally_collect      (RsbStore          *store,
                                           GCancellable      *cancellable,
                                           GError           **error);

G_END_DECLS
