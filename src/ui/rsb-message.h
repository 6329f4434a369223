/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Messages a person can read whole. A toast cuts its title short when
 * it does not fit; a message that would not fit becomes a toast with a
 * short title whose Details button opens a dialog holding the whole
 * text, wrapped and selectable. Nothing here reads markup: file names,
 * service answers and user input are shown as they are. */

/* Whether text shows whole as a toast's title beside a button labelled
 * button_label (NULL: none), with area (the toast overlay, or the
 * window holding it) as wide as it is now. */
gboolean          rsb_message_fits_toast (GtkWidget    *area,
                                          const char   *text,
                                          const char   *button_label);

/* A dialog over parent with heading (may be NULL), body (what to do;
 * may be NULL) and details, the whole text, wrapped, selectable and
 * scrolled when long (may be NULL). It has one response, "close". */
AdwMessageDialog *rsb_message_dialog_new (GtkWindow    *parent,
                                          const char   *heading,
                                          const char   *body,
                                          const char   *details);

/* A toast for text: the text itself when it fits, else heading (or
 * text's first words) with a Details button opening the dialog of
 * heading, advice and text. advice, what the person can do (may be
 * NULL), also earns the button. area as for rsb_message_fits_toast;
 * the dialog opens over its window. */
AdwToast         *rsb_message_toast_new  (GtkWidget    *area,
                                          const char   *heading,
                                          const char   *text,
                                          const char   *advice);

/* What the person can do about error, where the app knows; else NULL. */
const char       *rsb_message_advice     (const GError *error);

G_END_DECLS
