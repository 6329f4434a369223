/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-importer.h"
#include "rsb-limited-stream.h"

G_BEGIN_DECLS

/* Importing many sources at once: files, folders, zip archives, Strava
 * bulk exports. Workouts are parsed on every core; one writer stores
 * each source in its own transaction, so whatever has landed stays when
 * the job is cancelled or the process is killed, and running the same
 * job again finishes the rest without duplicates. */
typedef struct _RsbImportJob RsbImportJob;

/* Called from the thread running the job after each source lands (or
 * fails); found is how many sources are known so far. */
typedef void (*RsbImportProgressFunc) (const RsbImportResult *result,
                                       guint                  done,
                                       guint                  found,
                                       gpointer               user_data);

typedef struct {
  guint activities;
  guint plays;
  guint replaced;     /* activities given a richer recording */
  guint sources;
  guint failed;
  guint duplicates;
} RsbImportTotals;

RsbImportJob *rsb_import_job_new               (const char            *library_path,
                                                GFile                **paths,
                                                guint                  n_paths);
void          rsb_import_job_free              (RsbImportJob          *job);
void          rsb_import_job_set_progress_func (RsbImportJob          *job,
                                                RsbImportProgressFunc  func,
                                                gpointer               user_data);
/* How far the reading of a long file (a listening history) has come,
 * from whichever of the job's threads reads it: func must only hand the
 * news on (rsb_idle_invoke), never touch shared state unlocked. */
void          rsb_import_job_set_file_progress_func (RsbImportJob   *job,
                                                RsbReadProgressFunc    func,
                                                gpointer               user_data);
void          rsb_import_job_set_workers       (RsbImportJob          *job,
                                                guint                  n_workers);
gboolean      rsb_import_job_run               (RsbImportJob          *job,
                                                GCancellable          *cancellable,
                                                GError               **error);
GPtrArray    *rsb_import_job_get_results       (RsbImportJob          *job);
void          rsb_import_job_get_totals        (RsbImportJob          *job,
                                                RsbImportTotals       *totals);

void          rsb_import_job_lower_thread_priority (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbImportJob, rsb_import_job_free)

G_END_DECLS
