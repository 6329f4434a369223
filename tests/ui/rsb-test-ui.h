#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for ms milliseconds, as the window would while a
 * person looks at it. */
void                rsb_test_wait_ms         (guint      ms);
/* The widget's first event controller of type (a GtkDropTarget, a
 * GtkGestureClick…), to drive it as input would. Asserts there is one. */
GtkEventController *rsb_test_find_controller (GtkWidget *widget,
                                              GType      type);

/* The first widget of type (a GtkSpinButton, a GtkButton…) below
 * widget, depth first, or NULL. */
GtkWidget          *rsb_test_find_widget     (GtkWidget *widget,
                                              GType      type);

G_END_DECLS
