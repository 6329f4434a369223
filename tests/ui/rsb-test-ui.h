/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Runs the main loop for ms milliseconds, as the window would while a
 * person looks at it. */
void                rsb_test_wait_ms         (guint      ms);
/* The widget's first event controller of type (a GtkDropTarget, a
 * GtkGestureClick…), to drive it as input would. Asserts there is one. */
GtkEventController *rsb_test_find_controller (GtkWidget *widget,
                                              GType      type);
/* The first visible widget of type under widget (itself included),
 * depth first, or NULL. */
GtkWidget          *rsb_test_find_widget     (GtkWidget *widget,
                                              GType      type);
/* A visible toplevel of type (a dialog, a file chooser), or NULL. */
GtkWindow          *rsb_test_find_window     (GType      type);

/* The toast shown under widget (a window, a toast overlay), once any it
 * replaced has gone: the overlay keeps no list of its toasts, so this is
 * the widget it made. Asserts there is exactly one. */
GtkWidget          *rsb_test_shown_toast     (GtkWidget *widget);
/* The toast's title, asserting it shows whole (not cut short). */
const char         *rsb_test_toast_title     (GtkWidget *toast);
/* The toast's own button (not its close button); NULL when it has none. */
GtkButton          *rsb_test_toast_button    (GtkWidget *toast);

/* The whole text a message dialog holds below its body (NULL: none),
 * asserting it shows whole: all of it in view, or scrolling at the
 * dialog's full height. */
GtkLabel           *rsb_test_message_details (AdwMessageDialog *dialog);

/* The text of every visible label under widget, each followed by "|",
 * depth first: what a person reads there. */
void                rsb_test_collect_labels  (GtkWidget *widget,
                                              GString   *text);

G_END_DECLS
