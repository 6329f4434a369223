#pragma once

/* The window's fields, shared with rsb-window-actions.c. */

#include "rsb-window.h"

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
  GtkRevealer          *import_revealer;
  RsbImportProgress    *import_progress;

  GSettings            *settings;
  RsbStore             *store;
  GListStore           *activities;
  GtkSingleSelection   *selection;
  gint64                shown_id;
  gboolean              is_sample;
  GPtrArray            *remaining_items;  /* list items still to add */
  guint                 remaining_idle;
  guint                 show_idle;
  guint                 offset_timeout;   /* a clock offset waiting to be saved */
  gint64                offset_activity;
  gint64                offset_ms;

  /* rsb-window-actions.c */
  GCancellable         *import_cancellable;
  char                 *import_details;
};

G_END_DECLS
