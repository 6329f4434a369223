#pragma once

#include <adwaita.h>

#include "rsb-activity-view.h"
#include "rsb-application.h"
#include "rsb-import-progress.h"
#include "rsb-store.h"

G_BEGIN_DECLS

#define RSB_TYPE_WINDOW (rsb_window_get_type ())
G_DECLARE_FINAL_TYPE (RsbWindow, rsb_window, RSB, WINDOW, AdwApplicationWindow)

RsbWindow       *rsb_window_new               (RsbApplication *app,
                                               RsbStore       *sample_store);
gboolean         rsb_window_is_sample         (RsbWindow      *self);
RsbStore        *rsb_window_get_store         (RsbWindow      *self);
RsbActivityView *rsb_window_get_activity_view (RsbWindow      *self);
void             rsb_window_reload            (RsbWindow      *self,
                                               gint64          select_id);
void             rsb_window_toast             (RsbWindow      *self,
                                               const char     *text);
/* heading: what failed, short ("Export Failed"). */
void             rsb_window_show_error        (RsbWindow      *self,
                                               const char     *heading,
                                               const GError   *error);
void             rsb_window_import_files      (RsbWindow      *self,
                                               GPtrArray      *files);
RsbImportProgress *rsb_window_show_import_progress (RsbWindow  *self,
                                               gboolean        visible);
/* rsb-window-library.c */
void             rsb_window_open_stretch      (RsbWindow      *self,
                                               gint64          activity_id,
                                               gint64          play_id);

/* rsb-window-sync.c */
void             rsb_window_sync_init         (RsbWindow      *self);

/* rsb-window-actions.c */
void             rsb_window_actions_init      (RsbWindow      *self);
void             rsb_window_import_activated  (GtkWidget      *widget,
                                               const char     *action_name,
                                               GVariant       *parameter);
void             rsb_window_sample_activated  (GtkWidget      *widget,
                                               const char     *action_name,
                                               GVariant       *parameter);
void             rsb_window_import_details_activated (GtkWidget *widget,
                                               const char     *action_name,
                                               GVariant       *parameter);
void             rsb_window_cancel_import     (RsbWindow      *self);
gboolean         rsb_window_is_importing      (RsbWindow      *self);

G_END_DECLS
