/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-file-kind.h"
#include "rsb-store.h"

G_BEGIN_DECLS

/* What one file may unpack to, well above any real one. A 24-hour
 * 1 Hz GPX is ~20 MB, a 100,000-record FIT ~5 MB (the FIT reader stops
 * at 128 MiB too); an export holds several of these in memory per core
 * at once. Spotify splits histories into files of ~12 MB, but Apple's
 * one Play Activity CSV grows with the years; in a zip a history is
 * held whole up to the history cap (zip entries are read to that size,
 * workouts among them then refused past theirs), while a history on
 * disk is streamed. Strava's
 * activities.csv takes a few hundred bytes an activity: 64 MiB is over
 * 100,000 of them. */
#define RSB_IMPORT_MAX_WORKOUT_BYTES       (G_GINT64_CONSTANT (128) << 20)
#define RSB_IMPORT_MAX_HISTORY_BYTES       (G_GINT64_CONSTANT (1) << 30)
#define RSB_IMPORT_MAX_ACTIVITY_LIST_BYTES (G_GINT64_CONSTANT (64) << 20)

typedef enum {
  RSB_IMPORT_ADDED,      /* new data landed */
  RSB_IMPORT_DUPLICATE,  /* everything in it was already in the library */
  RSB_IMPORT_FAILED,     /* nothing changed; error says why */
} RsbImportStatus;

typedef struct {
  char            *display_name;
  RsbFileKind      kind;
  RsbImportStatus  status;
  guint            n_activities;
  guint            n_plays;        /* plays the library gained */
  guint            n_read;         /* plays a history held, new or not */
  guint            n_replaced;     /* activities it gave a richer recording */
  gint64           activity_id;    /* the activity a workout file became */
  char            *note;           /* what is worth telling (a caveat, which
                                    * recording of a workout was kept), or NULL */
  GError          *error;
} RsbImportResult;

/* What a Strava bulk export says about one of its activities. */
typedef struct {
  char   *strava_id;
  char   *name;
  char   *sport;
  gint64  start_ms;      /* RSB_NO_TIME when the date did not parse */
  double  elapsed_s;
  double  distance_m;
  char   *file_name;     /* "activities/123.fit.gz", NULL for manual entries */
} RsbStravaEntry;

void          rsb_import_result_clear   (RsbImportResult  *result);
void          rsb_import_result_fail    (RsbImportResult  *result,
                                         GError           *error);
RsbImportResult *rsb_import_result_new  (const char       *display_name);
void          rsb_import_result_free    (RsbImportResult  *result);

GInputStream *rsb_import_decompress     (GInputStream     *stream,
                                         gboolean          gzipped,
                                         const char       *display_name);
gboolean      rsb_import_read_workout   (RsbFileKind       kind,
                                         GInputStream     *stream,
                                         const char       *display_name,
                                         RsbActivityInfo **out_info,
                                         RsbStreams      **out_streams,
                                         GCancellable     *cancellable,
                                         GError          **error);
void          rsb_import_apply_strava   (RsbActivityInfo  *info,
                                         const RsbStravaEntry *entry);
gboolean      rsb_import_store_workout  (RsbStore         *store,
                                         RsbActivityInfo  *info,
                                         RsbStreams       *streams,
                                         const char       *digest,
                                         RsbImportResult  *result);
gboolean      rsb_import_history        (RsbStore         *store,
                                         GInputStream     *stream,
                                         RsbImportResult  *result,
                                         GCancellable     *cancellable);
gboolean      rsb_import_history_plays  (RsbStore         *store,
                                         GPtrArray        *plays,
                                         const char       *digest,
                                         RsbImportResult  *result);

gboolean      rsb_import_stream         (RsbStore         *store,
                                         GInputStream     *stream,
                                         const char       *display_name,
                                         RsbImportResult  *result,
                                         GCancellable     *cancellable);
gboolean      rsb_import_file           (RsbStore         *store,
                                         GFile            *file,
                                         RsbImportResult  *result,
                                         GCancellable     *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbImportResult, rsb_import_result_free)

G_END_DECLS
