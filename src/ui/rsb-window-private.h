/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The window's fields and the hooks between its own files
 * (rsb-window*.c); nothing else includes this. */

#include "rsb-window.h"
#include "rsb-replay-listen.h"
#include "rsb-sync-scheduler.h"
#include "rsb-import-progress.h"
#include "rsb-songs-page.h"
#include "rsb-tempo-page.h"

G_BEGIN_DECLS

struct _RsbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  GtkWidget            *back_button;
  GtkRevealer          *sample_revealer;
  GtkListView          *activity_list;
  AdwWindowTitle       *content_title;
  GtkBox               *activity_slot;
  RsbActivityView      *activity_view;   /* made on first use */
  RsbReplayListen      *replay_listen;   /* with it: its replay's "Play the songs" */
  GtkRevealer          *import_revealer;
  RsbImportProgress    *import_progress;

  GSettings            *settings;
  RsbStore             *store;
  GListStore           *activities;
  GtkSingleSelection   *selection;
  gint64                shown_id;
  gboolean              shown_changed;    /* its row changed in this reload */
  gboolean              is_sample;
  GPtrArray            *remaining_items;  /* list items still to add */
  guint                 remaining_idle;
  guint                 show_idle;
  guint                 offset_timeout;   /* a clock offset waiting to be saved */
  gint64                offset_activity;
  gint64                offset_ms;

  /* rsb-window-sync.c */
  GtkButton            *sync_button;
  GtkStack             *sync_stack;
  guint                 sync_reload;      /* a list refresh waiting */

  /* rsb-window-library.c: search and sort of the sidebar, songs page */
  AdwViewStack         *library_stack;
  GtkSearchEntry       *activity_search;
  GtkStack             *activity_stack;
  AdwBin               *songs_slot;
  RsbSongsPage         *songs_page;   /* NULL until the Songs page is first shown */
  AdwBin               *tempo_slot;
  GtkWidget            *view_switcher;  /* in the header; the bar at the bottom when folded */
  RsbTempoPage         *tempo_page;   /* NULL until the Tempo page is first shown */
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;
  GtkCustomFilter      *filter;
  char                **search_terms;
  GHashTable           *song_matches;     /* ids of activities with a matching song */
  char                 *sort_key;

  /* rsb-window-actions.c */
  GCancellable         *import_cancellable;
  GPtrArray            *waiting_files;    /* GFiles to import once this one ends */
  char                 *import_summary;   /* of the last import, NULL before one */
  char                 *import_details;   /* the files it skipped and notes, NULL when none */
  char                 *import_advice;    /* what to do about them, NULL when unknown */
};

/* rsb-window.c */
void     rsb_window_toast                (RsbWindow             *self,
                                          const char            *text);
RsbImportProgress *rsb_window_show_import_progress (RsbWindow   *self,
                                          gboolean               visible);
void     rsb_window_show_activity_info   (RsbWindow             *self,
                                          const RsbActivityInfo *info);
void     rsb_window_add_waiting_rows     (RsbWindow             *self);

/* rsb-window-library.c */
void       rsb_window_library_class_init (GtkWidgetClass        *widget_class);
GListModel *rsb_window_library_init      (RsbWindow             *self);
void       rsb_window_library_dispose    (RsbWindow             *self);
void       rsb_window_library_reloaded   (RsbWindow             *self);
void       rsb_window_library_update_page (RsbWindow           *self);
guint      rsb_window_position_of        (RsbWindow             *self,
                                          gint64                 id,
                                          gboolean               reveal);

/* rsb-window-tempo.c */
void     rsb_window_tempo_class_init     (GtkWidgetClass        *widget_class);
void     rsb_window_match_music_files    (RsbWindow             *self);

/* rsb-window-sync.c */
void     rsb_window_sync_init            (RsbWindow             *self);

/* rsb-window-actions.c */
void     rsb_window_actions_init         (RsbWindow             *self);
void     rsb_window_import_activated     (GtkWidget             *widget,
                                          const char            *action_name,
                                          GVariant              *parameter);
void     rsb_window_import_guide_activated (GtkWidget           *widget,
                                            const char          *action_name,
                                            GVariant            *parameter);
void     rsb_window_sample_activated     (GtkWidget             *widget,
                                          const char            *action_name,
                                          GVariant              *parameter);
void     rsb_window_import_details_activated (GtkWidget         *widget,
                                          const char            *action_name,
                                          GVariant              *parameter);
void     rsb_window_cancel_import        (RsbWindow             *self);

G_END_DECLS
