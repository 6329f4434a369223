/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Real input, as a person gives it: the X server's pointer and keyboard
 * driven through XTest by xdotool, so GTK receives genuine events
 * (hover, wheel, clicks, keys) and decides what they do itself. The
 * window must be shown on the test's Xvfb display. */

/* Focuses the widget's window (there is no window manager to do it). */
void rsb_test_input_focus_window (GtkWidget  *widget);
/* Moves the pointer to (x, y) in the widget's coordinates. */
void rsb_test_input_pointer_to   (GtkWidget  *widget,
                                  double      x,
                                  double      y);
/* Presses and releases a button (1 left, 4 and 5 the wheel) where the
 * pointer is. */
void rsb_test_input_click        (int         button);
/* Presses (down) or releases a button where the pointer is: with
 * rsb_test_input_pointer_to between, a drag. */
void rsb_test_input_button       (int         button,
                                  gboolean    down);
/* Types a key combination in xdotool's words: "Down", "Return",
 * "bracketright", "shift+Tab". */
void rsb_test_input_key          (const char *keys);

G_END_DECLS
