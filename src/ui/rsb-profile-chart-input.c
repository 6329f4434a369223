/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-profile-chart-input.c: how the profile chart is pointed at.
 *
 * The pointer moves the crosshair over the plot and a click there
 * selects the song under it; the keyboard walks the crosshair along the
 * route and Enter selects. Everything here ends in the chart's public
 * hover and selection calls, so mouse, keys and tests meet the same
 * state. */
#include "config.h"

#include "rsb-profile-chart-private.h"

static gboolean
over_plot (RsbProfileChart *self,
           double           x,
           double           y)
{
  graphene_rect_t plot;

  rsb_profile_chart_get_plot_area (self, &plot);
  return x >= plot.origin.x && x <= plot.origin.x + plot.size.width &&
         y >= plot.origin.y && y <= plot.origin.y + plot.size.height + STRIP_GAP + STRIP_HEIGHT;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           RsbProfileChart          *self)
{
  self->keyboard_cursor = FALSE;
  rsb_profile_chart_hover_point (self, over_plot (self, x, y) ? rsb_profile_chart_point_at (self, x) : -1);
}

static void
on_leave (GtkEventControllerMotion *controller,
          RsbProfileChart          *self)
{
  if (!self->keyboard_cursor)
    rsb_profile_chart_hover_point (self, -1);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RsbProfileChart *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             RsbProfileChart *self)
{
  int segment;

  if (n_press != 1 || !over_plot (self, x, y))
    return;
  segment = rsb_profile_chart_segment_at (self, x);
  if (segment >= 0)
    rsb_profile_chart_emit_segment_clicked (self, (guint) segment);
}

/* Left and Right walk the crosshair along the route, a hundredth of it
 * at a time (a tenth with Ctrl); Enter selects the song there. Up and
 * Down are left to the activity view, which steps through songs. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RsbProfileChart       *self)
{
  graphene_rect_t plot;
  double x, step;

  if (self->profile.x == NULL)
    return FALSE;
  self->keyboard_cursor = TRUE;
  rsb_profile_chart_get_plot_area (self, &plot);
  step = plot.size.width / ((state & GDK_CONTROL_MASK) ? 10 : 100);
  if (self->hover_point >= 0)
    x = rsb_profile_chart_x_to_pixel (self, &plot, self->profile.x[self->hover_point]);
  else if (self->selected >= 0)
    x = rsb_profile_chart_x_to_pixel (self, &plot, self->profile.x[rsb_activity_segment (self->activity, self->selected)->first_point]) - step;
  else
    x = plot.origin.x - step;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      rsb_profile_chart_hover_point (self, rsb_profile_chart_point_at (self, MAX (x - step, plot.origin.x)));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      rsb_profile_chart_hover_point (self, rsb_profile_chart_point_at (self, x + step));
      return TRUE;
    case GDK_KEY_Home:
      rsb_profile_chart_hover_point (self, 0);
      return TRUE;
    case GDK_KEY_End:
      rsb_profile_chart_hover_point (self, self->profile.n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->hover_point < 0)
        return FALSE;
      rsb_profile_chart_emit_segment_clicked (self, (guint) rsb_profile_chart_segment_of_point (self, self->hover_point));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                RsbProfileChart         *self)
{
  rsb_profile_chart_hover_point (self, -1);
}

void
rsb_profile_chart_add_controllers (RsbProfileChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
