#pragma once

#include <gio/gio.h>

#include "rsb-store.h"

G_BEGIN_DECLS

typedef enum {
  RSB_FILE_KIND_UNKNOWN,
  RSB_FILE_KIND_GPX,
  RSB_FILE_KIND_SPOTIFY_EXTENDED,
  RSB_FILE_KIND_SPOTIFY_ACCOUNT,
} RsbFileKind;

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
  gint64           activity_id;    /* the activity a workout file became */
  char            *note;           /* a caveat worth telling, or NULL */
  GError          *error;
} RsbImportResult;

void         rsb_import_result_clear   (RsbImportResult *result);

RsbFileKind  rsb_file_kind_guess       (const char      *basename);
GPtrArray   *rsb_import_collect_files  (GFile          **paths,
                                        guint            n_paths,
                                        GPtrArray       *errors);
gboolean     rsb_import_stream         (RsbStore        *store,
                                        GInputStream    *stream,
                                        const char      *display_name,
                                        RsbImportResult *result,
                                        GCancellable    *cancellable);
gboolean     rsb_import_file           (RsbStore        *store,
                                        GFile           *file,
                                        RsbImportResult *result,
                                        GCancellable    *cancellable);

G_END_DECLS
