/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rsb-test-ui.h"

void
rsb_test_wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

GtkEventController *
rsb_test_find_controller (GtkWidget *widget,
                          GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      /* The widget keeps it alive after the list is gone. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

GtkWidget *
rsb_test_find_widget (GtkWidget *widget,
                      GType      type)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rsb_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWindow *
rsb_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static void
collect_toasts (GtkWidget *widget,
                GPtrArray *toasts)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") == 0)
    {
      g_ptr_array_add (toasts, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toasts (child, toasts);
}

GtkWidget *
rsb_test_shown_toast (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) toasts = g_ptr_array_new ();

  do
    {
      g_ptr_array_set_size (toasts, 0);
      g_main_context_iteration (NULL, FALSE);
      collect_toasts (widget, toasts);
    }
  while (toasts->len != 1 && g_get_monotonic_time () < deadline);
  g_assert_cmpuint (toasts->len, ==, 1);
  return toasts->pdata[0];
}

/* The title label of a toast, below its widget: not a button's. */
static GtkLabel *
title_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = GTK_IS_LABEL (child) ? GTK_LABEL (child)
                        : GTK_IS_BUTTON (child) ? NULL : title_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

const char *
rsb_test_toast_title (GtkWidget *toast)
{
  GtkLabel *label = title_label (toast);
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  g_assert_nonnull (label);
  /* Laid out at the width the toast got. */
  while (gtk_widget_get_width (GTK_WIDGET (label)) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  return gtk_label_get_text (label);
}

GtkButton *
rsb_test_toast_button (GtkWidget *toast)
{
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && gtk_widget_get_visible (child) &&
        g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") != 0)
      return GTK_BUTTON (child);
  return NULL;
}

GtkLabel *
rsb_test_message_details (AdwMessageDialog *dialog)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *label;
  GtkAdjustment *scroll;

  if (extra == NULL)
    return NULL;
  g_assert_true (GTK_IS_SCROLLED_WINDOW (extra));
  label = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (extra));
  /* What cannot scroll by itself sits in a viewport. */
  if (GTK_IS_VIEWPORT (label))
    label = gtk_viewport_get_child (GTK_VIEWPORT (label));
  g_assert_true (GTK_IS_LABEL (label));
  rsb_test_wait_ms (100);
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (extra));
  g_assert_true (gtk_adjustment_get_upper (scroll) <= gtk_adjustment_get_page_size (scroll) + 1 ||
                 gtk_scrolled_window_get_max_content_height (GTK_SCROLLED_WINDOW (extra)) <=
                 gtk_widget_get_height (extra));
  return GTK_LABEL (label);
}

void
rsb_test_collect_labels (GtkWidget *widget,
                         GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    rsb_test_collect_labels (child, text);
}
