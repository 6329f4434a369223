/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The profile chart under the map and the selection shared by map,
 * chart and song list, on the sample run in a real window; and the
 * map's simplified paths, which must keep every segment's ends and
 * still be hit where they are drawn. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rsb-fake-tile-server.h"
#include "rsb-importer.h"
#include "rsb-palette.h"
#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"
#include "rsb-activity-row.h"
#include "rsb-song-card.h"
#include "rsb-window.h"

static RsbFakeTileServer *tiles;

typedef struct {
  RsbWindow       *window;
  RsbActivityView *view;
  RsbRouteMap     *map;
  RsbProfileChart *chart;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  f->window = rsb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view = rsb_window_get_activity_view (f->window);
  f->map = rsb_activity_view_get_map (f->view);
  f->chart = rsb_activity_view_get_chart (f->view);
  while (g_get_monotonic_time () < deadline &&
         (rsb_activity_view_get_activity (f->view) == NULL ||
          gtk_widget_get_width (GTK_WIDGET (f->chart)) == 0 ||
          gtk_widget_get_width (GTK_WIDGET (f->map)) == 0))
    g_main_context_iteration (NULL, FALSE);
  rsb_test_wait_ms (400);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
}

static const RsbActivity *
activity_of (Fixture *f)
{
  const RsbActivity *activity = rsb_activity_view_get_activity (f->view);

  g_assert_nonnull (activity);
  return activity;
}

static guint
segment_titled (const RsbActivity *activity,
                const char        *title)
{
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);

      if (play != NULL && g_str_equal (play->track.title, title))
        return i;
    }
  g_assert_not_reached ();
}

static guint
middle_point (const RsbActivity *activity,
              guint              segment)
{
  const RsbSegment *seg = rsb_activity_segment (activity, segment);

  return (seg->first_point + seg->last_point) / 2;
}

/* The chart rendered on its own, as the window's renderer draws it. */
static guchar *
render_chart (Fixture *f,
              int     *width,
              int     *height)
{
  g_autoptr(GdkTexture) texture = rsb_test_render (GTK_WIDGET (f->chart), "test-profile-chart.png");

  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  return rsb_test_pixels (texture);
}

static gboolean
colours_close (const GdkRGBA *a,
               const GdkRGBA *b)
{
  return rsb_test_colours_close (a, b, 0.04);
}

/* The strip under the plot: y of its middle row. */
static double
strip_y (Fixture *f)
{
  graphene_rect_t plot;

  rsb_profile_chart_get_plot_area (f->chart, &plot);
  return plot.origin.y + plot.size.height + 3 + 3;
}

/* Each song's stretch shows in the chart in its map colour, between
 * the x of its first point and the x of the next song's first point. */
static void
test_bands_in_segment_colours (Fixture       *f,
                               gconstpointer  data)
{
  const RsbActivity *activity = activity_of (f);
  g_autoptr(GArray) colours = rsb_palette_for_activity (activity);
  GdkRGBA grey;
  g_autofree guchar *pixels = NULL;
  int width, height;
  guint checked = 0, greys = 0;

  rsb_palette_no_music (&grey);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->chart)));
  g_assert_true (rsb_profile_chart_has_profile (f->chart));
  pixels = render_chart (f, &width, &height);
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbSegment *seg = rsb_activity_segment (activity, i);
      const GdkRGBA *colour = &g_array_index (colours, GdkRGBA, i);
      guint end = i + 1 < rsb_activity_n_segments (activity) ? rsb_activity_segment (activity, i + 1)->first_point
                                                             : seg->last_point;
      double x0, x1;
      GdkRGBA before, inside, after;

      g_assert_true (rsb_profile_chart_x_for_point (f->chart, seg->first_point, &x0));
      g_assert_true (rsb_profile_chart_x_for_point (f->chart, end, &x1));
      if (x1 - x0 < 12)
        continue;
      if (!rsb_segment_has_music (seg))
        {
          /* Dashed grey, as on the map: grey somewhere, not everywhere. */
          guint seen = 0, total = 0;

          for (double x = x0 + 1; x < x1 - 1; x++, total++)
            {
              GdkRGBA p = rsb_test_pixel (pixels, width, x, strip_y (f));

              seen += colours_close (&p, &grey);
            }
          g_assert_cmpuint (seen, >, 0);
          g_assert_cmpuint (seen, <, total);
          greys++;
          continue;
        }
      inside = rsb_test_pixel (pixels, width, (x0 + x1) / 2, strip_y (f));
      g_assert_true (colours_close (&inside, colour));
      /* The band ends where the segment does: a few pixels beyond, the
       * neighbour's colour (when it differs). */
      before = rsb_test_pixel (pixels, width, x0 - 3, strip_y (f));
      after = rsb_test_pixel (pixels, width, x1 + 3, strip_y (f));
      if (i > 0 && !colours_close (colour, &g_array_index (colours, GdkRGBA, i - 1)))
        g_assert_false (colours_close (&before, colour));
      if (i + 1 < rsb_activity_n_segments (activity) && !colours_close (colour, &g_array_index (colours, GdkRGBA, i + 1)))
        g_assert_false (colours_close (&after, colour));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 8);
  g_assert_cmpuint (greys, ==, 1);
}

static double
plot_middle_y (Fixture *f)
{
  graphene_rect_t plot;

  rsb_profile_chart_get_plot_area (f->chart, &plot);
  return plot.origin.y + plot.size.height / 2;
}

/* Moving the pointer over the chart shows that point's values and puts
 * a dot on the map there. */
static void
test_hover_readout (Fixture       *f,
                    gconstpointer  data)
{
  const RsbActivity *activity = activity_of (f);
  guint target = segment_titled (activity, "Sweat Equity");
  guint point = middle_point (activity, target);
  const RsbStreams *streams = activity->streams;
  GtkEventController *motion = rsb_test_find_controller (GTK_WIDGET (f->chart), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_autofree char *text = NULL;
  g_autofree char *distance = NULL;
  g_autofree char *elevation = NULL;
  g_autofree char *heart_rate = NULL;
  RsbProfileReadout readout;
  double x, mx, my;
  int hovered;

  g_assert_true (rsb_profile_chart_x_for_point (f->chart, point, &x));
  g_signal_emit_by_name (motion, "motion", x, plot_middle_y (f));
  hovered = rsb_profile_chart_get_hover_point (f->chart);
  /* A pixel column holds a few points at 1 Hz: the nearest one. */
  g_assert_cmpint (ABS (hovered - (int) point), <=, 3);
  g_assert_true (rsb_profile_chart_get_readout (f->chart, &readout));
  g_assert_cmpuint (readout.point, ==, hovered);
  g_assert_cmpint (readout.segment, ==, target);
  g_assert_cmpfloat_with_epsilon (readout.time_s, streams->columns[RSB_STREAM_TIME][hovered], 1e-9);
  g_assert_cmpfloat_with_epsilon (readout.altitude_m, streams->columns[RSB_STREAM_ALTITUDE][hovered], 1e-9);
  g_assert_cmpfloat_with_epsilon (readout.heart_rate, streams->columns[RSB_STREAM_HEART_RATE][hovered], 1e-9);
  g_assert_true (readout.distance_m > rsb_activity_segment (activity, target)->start_m - 1);
  g_assert_true (readout.distance_m < rsb_activity_segment (activity, target)->end_m + 1);
  g_assert_true (readout.speed_mps > 1.5 && readout.speed_mps < 6);

  text = rsb_profile_chart_get_readout_text (f->chart);
  distance = g_strdup_printf ("%.2f km", readout.distance_m / 1000);
  elevation = g_strdup_printf ("Elevation %.0f m", readout.altitude_m);
  /* Heart rate is never "bpm", a song's tempo. */
  heart_rate = g_strdup_printf ("Heart rate %.0f beats/min", readout.heart_rate);
  g_test_message ("readout: %s", text);
  g_assert_true (g_str_has_prefix (text, "Sweat Equity — Lactic Acid Lovers\n"));
  g_assert_nonnull (strstr (text, distance));
  g_assert_nonnull (strstr (text, elevation));
  g_assert_nonnull (strstr (text, heart_rate));
  g_assert_nonnull (strstr (text, "Pace "));
  g_assert_null (strstr (text, "bpm"));

  /* The map's dot is on the route at that point. */
  g_assert_cmpint (rsb_route_map_get_shown_position (f->map), ==, hovered);
  g_assert_true (rsb_route_map_point_position (f->map, hovered, &mx, &my));

  /* Leaving the chart takes the crosshair and the dot away. */
  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpint (rsb_profile_chart_get_hover_point (f->chart), ==, -1);
  g_assert_cmpint (rsb_route_map_get_shown_position (f->map), ==, -1);
}

static void
click_chart (Fixture *f,
             double   x)
{
  GtkEventController *click = rsb_test_find_controller (GTK_WIDGET (f->chart), GTK_TYPE_GESTURE_CLICK);

  g_signal_emit_by_name (click, "pressed", 1, x, plot_middle_y (f));
  g_signal_emit_by_name (click, "released", 1, x, plot_middle_y (f));
  rsb_test_wait_ms (100);
}

static int
selected_row (Fixture *f)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (rsb_activity_view_get_song_list (f->view));

  return row ? gtk_list_box_row_get_index (row) : -1;
}

/* The song list shows the selected row inside its scrolled window. */
static gboolean
row_in_view (Fixture *f,
             int      index)
{
  GtkListBox *list = rsb_activity_view_get_song_list (f->view);
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, index));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (row, scroller, &bounds));
  {
    GtkAdjustment *a = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    g_test_message ("row %d at %.0f+%.0f in a list %d high; value %.0f upper %.0f page %.0f", index, bounds.origin.y, bounds.size.height,
                    gtk_widget_get_height (scroller), gtk_adjustment_get_value (a), gtk_adjustment_get_upper (a), gtk_adjustment_get_page_size (a));
  }
  return bounds.origin.y >= -1 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) + 1;
}

/* Clicking a band selects its song everywhere. */
static void
test_click_selects (Fixture       *f,
                    gconstpointer  data)
{
  const RsbActivity *activity = activity_of (f);
  guint target = segment_titled (activity, "Runner's High Noon");
  RsbSongCard *card = rsb_activity_view_get_card (f->view);
  guint last = rsb_activity_n_segments (activity) - 1;
  double x;

  g_assert_true (rsb_profile_chart_x_for_point (f->chart, middle_point (activity, target), &x));
  click_chart (f, x);
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, target);
  g_assert_cmpint (selected_row (f), ==, target);
  g_assert_cmpstr (rsb_song_card_get_title (card), ==, "Runner's High Noon");

  /* The last song: its row scrolls into view. */
  g_assert_true (rsb_profile_chart_x_for_point (f->chart, middle_point (activity, last), &x));
  click_chart (f, x);
  rsb_test_wait_ms (300);
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, last);
  g_assert_cmpint (selected_row (f), ==, last);
  g_assert_true (row_in_view (f, last));

  /* Below the strip, outside the plot: nothing changes. */
  {
    GtkEventController *click = rsb_test_find_controller (GTK_WIDGET (f->chart), GTK_TYPE_GESTURE_CLICK);
    double below = gtk_widget_get_height (GTK_WIDGET (f->chart)) - 1;

    g_assert_true (rsb_profile_chart_x_for_point (f->chart, middle_point (activity, target), &x));
    g_signal_emit_by_name (click, "pressed", 1, x, below);
    g_signal_emit_by_name (click, "released", 1, x, below);
    g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, last);
  }
}

static gboolean
press_key (GtkEventController *controller,
           guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

/* Activates what the view binds to a key, as a key press that nothing
 * inside the view took would. */
static gboolean
view_key (Fixture *f,
          guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (f->view),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Down and Up step through the songs; list, map and chart agree. */
static void
test_up_down_steps (Fixture       *f,
                    gconstpointer  data)
{
  const RsbActivity *activity = activity_of (f);
  GtkEventController *keys = rsb_test_find_controller (GTK_WIDGET (f->chart), GTK_TYPE_EVENT_CONTROLLER_KEY);
  guint n = rsb_activity_n_segments (activity);

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->chart)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->chart)));
  /* The chart leaves Up and Down to the view... */
  g_assert_false (press_key (keys, GDK_KEY_Down));
  g_assert_true (view_key (f, GDK_KEY_Down));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 0);
  g_assert_true (view_key (f, GDK_KEY_Down));
  g_assert_true (view_key (f, GDK_KEY_Down));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 2);
  g_assert_cmpint (selected_row (f), ==, 2);
  g_assert_true (view_key (f, GDK_KEY_Up));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 1);
  g_assert_cmpint (selected_row (f), ==, 1);
  /* ...and keeps the focus while they do. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->chart)));

  /* To the end: the list scrolls along and the map pans to each song. */
  for (guint i = 0; i < n; i++)
    view_key (f, GDK_KEY_Down);
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, n - 1);
  rsb_test_wait_ms (600);
  g_assert_true (row_in_view (f, n - 1));
  g_assert_true (rsb_route_map_segment_is_visible (f->map, n - 1));

  /* Left, Right and Enter on the chart walk the crosshair and pick. */
  g_assert_true (press_key (keys, GDK_KEY_Home));
  g_assert_cmpint (rsb_profile_chart_get_hover_point (f->chart), ==, 0);
  g_assert_true (press_key (keys, GDK_KEY_Right));
  g_assert_cmpint (rsb_profile_chart_get_hover_point (f->chart), >, 0);
  g_assert_cmpint (rsb_route_map_get_shown_position (f->map), ==, rsb_profile_chart_get_hover_point (f->chart));
  g_assert_true (press_key (keys, GDK_KEY_Return));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 0);
  g_assert_true (view_key (f, GDK_KEY_Escape));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, -1);
  g_assert_cmpint (selected_row (f), ==, -1);
}

/* Zoomed in on the start, selecting the last song in the list pans the
 * map to it; the chart draws its band highlighted. */
static void
test_select_reveals_on_map (Fixture       *f,
                            gconstpointer  data)
{
  const RsbActivity *activity = activity_of (f);
  ShumateViewport *viewport = rsb_route_map_get_viewport (f->map);
  const RsbStreams *streams = activity->streams;
  guint target = segment_titled (activity, "Tempo Tantrum");
  GtkListBox *list = rsb_activity_view_get_song_list (f->view);

  shumate_viewport_set_zoom_level (viewport, 18);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), streams->columns[RSB_STREAM_LAT][0],
                                 streams->columns[RSB_STREAM_LON][0]);
  rsb_test_wait_ms (100);
  g_assert_false (rsb_route_map_segment_is_visible (f->map, target));
  g_signal_emit_by_name (list, "row-selected", gtk_list_box_get_row_at_index (list, target));
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, target);
  rsb_test_wait_ms (800);
  g_assert_true (rsb_route_map_segment_is_visible (f->map, target));
}

/* ---- units ----------------------------------------------------------- */

/* What the open views say about distance, pace and climb: the first
 * row of the sidebar, the song card, the chart's readout. */
static char *
figures_shown (Fixture *f)
{
  GtkWidget *row = rsb_test_find_widget (GTK_WIDGET (f->window), RSB_TYPE_ACTIVITY_ROW);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *card = rsb_song_card_get_details (rsb_activity_view_get_card (f->view));
  g_autofree char *readout = rsb_profile_chart_get_readout_text (f->chart);

  g_assert_nonnull (row);
  rsb_test_collect_labels (row, text);
  g_string_append_printf (text, "\n%s\n%s", card, readout);
  g_test_message ("%s", text->str);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Choosing miles in Preferences tells the open run in miles at once:
 * no view needs reopening, and nothing is left in kilometres. */
static void
test_units_switch (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ShumateScale *scale = SHUMATE_SCALE (rsb_test_find_widget (GTK_WIDGET (f->map), SHUMATE_TYPE_SCALE));
  g_autofree char *metric = NULL;
  g_autofree char *imperial = NULL;
  g_autofree char *back = NULL;

  g_settings_set_string (settings, "units", "metric");
  rsb_activity_view_select (f->view, 1);
  rsb_profile_chart_hover_point (f->chart, 1200);
  metric = figures_shown (f);
  g_assert_nonnull (strstr (metric, " km ·"));       /* the row */
  g_assert_nonnull (strstr (metric, "Pace: "));      /* the card */
  g_assert_nonnull (strstr (metric, " /km\n"));
  g_assert_nonnull (strstr (metric, "Climb: "));
  g_assert_null (strstr (metric, " mi ·"));  /* " min" is no mile */
  g_assert_null (strstr (metric, " /mi\n"));
  g_assert_null (strstr (metric, " ft"));
  g_assert_cmpint (shumate_scale_get_unit (scale), ==, SHUMATE_UNIT_METRIC);

  g_settings_set_string (settings, "units", "imperial");
  imperial = figures_shown (f);
  g_assert_nonnull (strstr (imperial, " mi ·"));
  g_assert_nonnull (strstr (imperial, " /mi\n"));
  g_assert_nonnull (strstr (imperial, " ft\n"));            /* the climb */
  g_assert_nonnull (strstr (imperial, "\nElevation "));
  g_assert_null (strstr (imperial, "km"));
  g_assert_null (strstr (imperial, " m\n"));
  g_assert_null (strstr (imperial, " m |"));
  g_assert_cmpint (shumate_scale_get_unit (scale), ==, SHUMATE_UNIT_IMPERIAL);
  /* The same song and point, only the units changed. */
  g_assert_cmpint (rsb_activity_view_get_selected (f->view), ==, 1);
  g_assert_cmpint (rsb_profile_chart_get_hover_point (f->chart), ==, 1200);

  g_settings_set_string (settings, "units", "metric");
  back = figures_shown (f);
  g_assert_cmpstr (back, ==, metric);
  g_settings_reset (settings, "units");
}

/* ---- the map's simplified paths -------------------------------------- */

/* Every zoom level keeps each segment's first point and its join with
 * the next, and draws fewer points zoomed out than in. */
static void
test_simplify_keeps_ends (Fixture       *f,
                          gconstpointer  data)
{
  const RsbActivity *activity = activity_of (f);
  guint n_points = activity->streams->n_points;

  for (int zoom = 2; zoom <= 19; zoom++)
    {
      guint total = 0;

      for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
        {
          const RsbSegment *seg = rsb_activity_segment (activity, i);
          guint first = 0, last = 0, kept;

          kept = rsb_route_map_simplified_points (f->map, i, zoom, &first, &last);
          g_assert_cmpuint (kept, >=, 2);
          g_assert_cmpuint (first, ==, seg->first_point);
          g_assert_cmpuint (last, ==, MIN (seg->last_point + 1, n_points - 1));
          total += kept;
        }
      if (zoom == 10)
        g_assert_cmpuint (total, <, n_points / 4);
      if (zoom == 19)
        g_assert_cmpuint (total, >, n_points / 4);
    }
}

/* The segment nearest to (x, y) over every recorded point, and how much
 * farther the runner-up is. */
static int
nearest_segment (Fixture *f,
                 double   x,
                 double   y,
                 double  *margin)
{
  const RsbActivity *activity = activity_of (f);
  double best = G_MAXDOUBLE, second = G_MAXDOUBLE;
  int hit = -1;

  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbSegment *seg = rsb_activity_segment (activity, i);
      double d = G_MAXDOUBLE, px = 0, py = 0;

      for (guint p = seg->first_point; p <= MIN (seg->last_point + 1, activity->streams->n_points - 1); p++)
        {
          double qx, qy;

          g_assert_true (rsb_route_map_point_position (f->map, p, &qx, &qy));
          if (p > seg->first_point)
            {
              double dx = qx - px, dy = qy - py, len = dx * dx + dy * dy;
              double t = len > 0 ? CLAMP (((x - px) * dx + (y - py) * dy) / len, 0, 1) : 0;
              double ex = px + t * dx - x, ey = py + t * dy - y;

              d = MIN (d, sqrt (ex * ex + ey * ey));
            }
          px = qx;
          py = qy;
        }
      if (d < best)
        second = best, best = d, hit = i;
      else if (d < second)
        second = d;
    }
  *margin = second - best;
  return hit;
}

static void
check_hits (Fixture *f,
            int      zoom)
{
  const RsbActivity *activity = activity_of (f);
  ShumateViewport *viewport = rsb_route_map_get_viewport (f->map);
  const RsbStreams *streams = activity->streams;
  guint checked = 0;

  shumate_viewport_set_zoom_level (viewport, zoom);
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      guint point = middle_point (activity, i);
      double x, y, margin;
      int expected;

      shumate_location_set_location (SHUMATE_LOCATION (viewport), streams->columns[RSB_STREAM_LAT][point],
                                     streams->columns[RSB_STREAM_LON][point]);
      /* Beside the route, not on it: simplification moves lines a
       * little, so only clear cases count. */
      g_assert_true (rsb_route_map_point_position (f->map, point, &x, &y));
      x += 5;
      y += 3;
      expected = nearest_segment (f, x, y, &margin);
      if (margin < 2)
        continue;
      g_assert_cmpint (rsb_route_map_hit_test (f->map, x, y), ==, expected);
      checked++;
    }
  g_test_message ("zoom %d: %u segments hit-tested", zoom, checked);
  g_assert_cmpuint (checked, >=, rsb_activity_n_segments (activity) / 2);
}

static void
test_hit_test_zoomed (Fixture       *f,
                      gconstpointer  data)
{
  check_hits (f, 12);
  check_hits (f, 18);
  /* Far from the route, nothing. */
  g_assert_cmpint (rsb_route_map_hit_test (f->map, 2, 2), ==, -1);
}

/* ---- activities missing columns -------------------------------------- */

static RsbActivity *
make_activity (gboolean with_time,
               gboolean with_route,
               gboolean with_altitude,
               gboolean with_heart_rate)
{
  RsbActivity *activity = g_new0 (RsbActivity, 1);
  guint n = 600;
  RsbPlay *play = rsb_play_new ();

  activity->info = rsb_activity_info_new ();
  activity->info->name = g_strdup ("Treadmill");
  activity->info->sport = g_strdup ("run");
  activity->info->start_ms = with_time ? G_GINT64_CONSTANT (1700000000000) : RSB_NO_TIME;
  activity->streams = rsb_streams_new (n);
  for (guint i = 0; i < n; i++)
    {
      if (with_time)
        rsb_streams_ensure (activity->streams, RSB_STREAM_TIME)[i] = i;
      if (with_route)
        {
          rsb_streams_ensure (activity->streams, RSB_STREAM_LAT)[i] = 48.85 + i * 1e-5;
          rsb_streams_ensure (activity->streams, RSB_STREAM_LON)[i] = 2.35;
        }
      if (with_altitude)
        rsb_streams_ensure (activity->streams, RSB_STREAM_ALTITUDE)[i] = 30 + (i % 100) / 10.0;
      if (with_heart_rate)
        rsb_streams_ensure (activity->streams, RSB_STREAM_HEART_RATE)[i] = 120 + i / 20.0;
    }
  play->track.title = g_strdup ("Song & <Dance>");
  play->start_ms = G_GINT64_CONSTANT (1700000000000) + 60000;
  play->end_ms = play->start_ms + 200000;
  play->ms_played = 200000;
  activity->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_ptr_array_add (activity->plays, play);
  activity->match = rsb_match_new (activity->streams, activity->info->start_ms, 0, activity->plays);
  return activity;
}

/* No position and no altitude (a treadmill with a chest strap): the
 * chart runs over time with heart rate only; the map has nothing. */
static void
test_missing_columns (Fixture       *f,
                      gconstpointer  data)
{
  RsbActivity *activity = make_activity (TRUE, FALSE, FALSE, TRUE);
  RsbProfileReadout readout;
  g_autofree char *text = NULL;
  double x;

  rsb_activity_view_set_activity (f->view, activity);
  rsb_test_wait_ms (200);
  g_assert_true (rsb_profile_chart_has_profile (f->chart));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (f->chart)));
  g_assert_false (rsb_profile_chart_axis_available (f->chart, RSB_PROFILE_AXIS_DISTANCE));
  g_assert_cmpint (rsb_profile_chart_get_axis (f->chart), ==, RSB_PROFILE_AXIS_TIME);
  g_assert_false (rsb_profile_chart_shows_pace (f->chart));

  g_assert_true (rsb_profile_chart_x_for_point (f->chart, 150, &x));
  rsb_profile_chart_hover_point (f->chart, rsb_profile_chart_point_at (f->chart, x));
  g_assert_true (rsb_profile_chart_get_readout (f->chart, &readout));
  g_assert_cmpuint (readout.point, ==, 150);
  g_assert_true (isnan (readout.altitude_m));
  g_assert_true (isnan (readout.distance_m));
  g_assert_cmpfloat_with_epsilon (readout.heart_rate, 127.5, 1e-9);
  g_assert_cmpint (readout.segment, ==, 1);
  text = rsb_profile_chart_get_readout_text (f->chart);
  g_assert_cmpstr (text, ==, "Song & <Dance>\n2:30\nHeart rate 128 beats/min");
  /* No route: no dot, and no complaint. */
  g_assert_cmpint (rsb_route_map_get_shown_position (f->map), ==, -1);
  {
    int w, h;

    /* Draws without the missing lines. */
    rsb_test_wait_ms (300);
    g_free (render_chart (f, &w, &h));
  }

  /* Positions only, without times or anything else: a profile of
   * nothing but distance has nothing to draw; the chart steps aside. */
  rsb_activity_view_set_activity (f->view, make_activity (FALSE, TRUE, FALSE, FALSE));
  rsb_test_wait_ms (100);
  g_assert_true (rsb_profile_chart_has_profile (f->chart));
  g_assert_false (rsb_profile_chart_axis_available (f->chart, RSB_PROFILE_AXIS_TIME));
  rsb_activity_view_set_activity (f->view, make_activity (FALSE, FALSE, TRUE, FALSE));
  rsb_test_wait_ms (100);
  g_assert_false (rsb_profile_chart_has_profile (f->chart));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (f->chart)));
}

/* ---- sparse recordings ----------------------------------------------- */

#define SPARSE_POINTS      100
#define SPARSE_PAUSE_AFTER 59     /* the 5-minute stop follows this point */
#define SPARSE_PAUSE_S     300.0

/* 100 fixes 8 to 20 s apart, as a watch on smart recording logs them,
 * with altitude, speed and heart rate, and a 5-minute pause after the
 * 60th (the watch stopped recording). Heart rate climbs from rest
 * in the first minute, then stays high, above the pace line, so neither
 * line hides the other; one long play covers it all. */
static RsbActivity *
make_sparse_activity (void)
{
  RsbActivity *activity = g_new0 (RsbActivity, 1);
  RsbPlay *play = rsb_play_new ();
  RsbStreams *streams = rsb_streams_new (SPARSE_POINTS);
  double time = 0, distance = 0;

  activity->info = rsb_activity_info_new ();
  activity->info->name = g_strdup ("Smart recording");
  activity->info->sport = g_strdup ("run");
  activity->info->start_ms = G_GINT64_CONSTANT (1700000000000);
  activity->streams = streams;
  for (guint i = 0; i < SPARSE_POINTS; i++)
    {
      double speed = 3.0 + 0.05 * sin (i / 5.0);

      if (i > 0)
        {
          double step = 8 + (i * 7) % 13;

          time += step + (i == SPARSE_PAUSE_AFTER + 1 ? SPARSE_PAUSE_S : 0);
          distance += speed * step;
        }
      rsb_streams_ensure (streams, RSB_STREAM_TIME)[i] = time;
      rsb_streams_ensure (streams, RSB_STREAM_DISTANCE)[i] = distance;
      rsb_streams_ensure (streams, RSB_STREAM_SPEED)[i] = speed;
      rsb_streams_ensure (streams, RSB_STREAM_LAT)[i] = 48.85 + distance / 111000;
      rsb_streams_ensure (streams, RSB_STREAM_LON)[i] = 2.35;
      rsb_streams_ensure (streams, RSB_STREAM_ALTITUDE)[i] = 100 + 20 * sin (i / 15.0);
      rsb_streams_ensure (streams, RSB_STREAM_HEART_RATE)[i] = i < 5 ? 95 + i * 12 : 150 + 6 * sin (i / 7.0);
    }
  play->track.title = g_strdup ("Long Mix");
  play->start_ms = activity->info->start_ms - 60000;
  play->end_ms = activity->info->start_ms + (gint64) (time + 60) * 1000;
  play->ms_played = play->end_ms - play->start_ms;
  activity->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_play_free);
  g_ptr_array_add (activity->plays, play);
  activity->match = rsb_match_new (streams, activity->info->start_ms, 0, activity->plays);
  g_assert_cmpuint (rsb_activity_n_segments (activity), ==, 1);
  return activity;
}

/* The chart alone in an undecorated window, width pixels wide. */
static RsbProfileChart *
show_chart (const RsbActivity *activity,
            int                width,
            GtkWindow        **window)
{
  RsbProfileChart *chart = RSB_PROFILE_CHART (rsb_profile_chart_new ());
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (*window, FALSE);
  gtk_window_set_default_size (*window, width, 190);
  gtk_window_set_child (*window, GTK_WIDGET (chart));
  rsb_profile_chart_set_activity (chart, activity, NULL);
  gtk_window_present (*window);
  while (g_get_monotonic_time () < deadline && gtk_widget_get_width (GTK_WIDGET (chart)) != width)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), ==, width);
  rsb_test_wait_ms (100);
  return chart;
}

/* A chart as its window's renderer drew it, and its plot area. */
typedef struct {
  guchar          *pixels;
  int              width;
  graphene_rect_t  plot;
} Rendered;

/* The chart's window as its renderer draws it: the chart alone has no
 * background of its own, the window gives it the one it has in the app.
 * The chart fills the window, so their pixels are the same. */
static void
render_alone (RsbProfileChart *chart,
              const char      *name,
              Rendered        *rendered)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (chart)));
  g_autoptr(GdkTexture) texture = rsb_test_render (window, name);
  graphene_point_t origin;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (chart), window, &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_assert_cmpfloat (origin.x, ==, 0);
  g_assert_cmpfloat (origin.y, ==, 0);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (chart)));
  rendered->pixels = rsb_test_pixels (texture);
  rendered->width = gdk_texture_get_width (texture);
  rsb_profile_chart_get_plot_area (chart, &rendered->plot);
}

/* The light style's line colours, as the legend shows them. */
static void
line_colours (GdkRGBA *pace,
              GdkRGBA *heart_rate)
{
  gdk_rgba_parse (pace, "#1a5fb4");
  gdk_rgba_parse (heart_rate, "#c01c28");
}

/* How much of a line's colour a pixel holds: its tint (its colour less
 * its grey) projected on the line's. An antialiased line's pixels hold
 * a share of it over the background; the bands behind are pale and
 * hold little of any tint, the hatching and elevation none. */
static double
tint_share (const GdkRGBA *seen,
            const GdkRGBA *line)
{
  double seen_grey = (seen->red + seen->green + seen->blue) / 3;
  double line_grey = (line->red + line->green + line->blue) / 3;
  double s[3] = { seen->red - seen_grey, seen->green - seen_grey, seen->blue - seen_grey };
  double l[3] = { line->red - line_grey, line->green - line_grey, line->blue - line_grey };

  return (s[0] * l[0] + s[1] * l[1] + s[2] * l[2]) / (l[0] * l[0] + l[1] * l[1] + l[2] * l[2]);
}

/* Whether the plot's pixel column x holds a line of this colour
 * between rows y0 and y1, and its first and last rows there. A 1.5 px
 * line covers at least half of some pixel in every column it crosses,
 * not always a whole one. */
static gboolean
rows_with (const Rendered *r,
           int             x,
           double          y0,
           double          y1,
           const GdkRGBA  *colour,
           int            *top,
           int            *bottom)
{
  int first = -1, last = -1;

  y0 = MAX (y0, r->plot.origin.y);
  y1 = MIN (y1, r->plot.origin.y + r->plot.size.height);
  for (int y = (int) y0; y < y1; y++)
    {
      GdkRGBA seen = rsb_test_pixel (r->pixels, r->width, x, y);

      if (tint_share (&seen, colour) >= 0.5)
        last = y, first = first < 0 ? y : first;
    }
  if (top != NULL)
    *top = first, *bottom = last;
  return first >= 0;
}

/* What a pixel column must show; above is the line drawn over colour's,
 * where that matters. */
typedef gboolean (*ColumnTest) (const Rendered *r,
                                int             x,
                                const GdkRGBA  *colour,
                                const GdkRGBA  *above);

static gboolean
line_seen (const Rendered *r,
           int             x,
           const GdkRGBA  *colour,
           const GdkRGBA  *above)
{
  return rows_with (r, x, 0, G_MAXINT, colour, NULL, NULL);
}

/* The nearest pixel column from x, a step at a time, within 20, that
 * shows the line, and its rows there. */
static gboolean
nearest_rows (const Rendered *r,
              int             x,
              int             step,
              const GdkRGBA  *colour,
              int            *top,
              int            *bottom)
{
  for (int i = 1; i <= 20; i++)
    if (rows_with (r, x + i * step, 0, G_MAXINT, colour, top, bottom))
      return TRUE;
  return FALSE;
}

/* For a line drawn under another: where the two cross or run together
 * it hides under the one above, which then lies between the heights it
 * shows at on either side. */
static gboolean
line_seen_or_hidden (const Rendered *r,
                     int             x,
                     const GdkRGBA  *colour,
                     const GdkRGBA  *above)
{
  int left_top, left_bottom, right_top, right_bottom;

  return line_seen (r, x, colour, NULL) ||
         (nearest_rows (r, x, -1, colour, &left_top, &left_bottom) &&
          nearest_rows (r, x, 1, colour, &right_top, &right_bottom) &&
          rows_with (r, x, MIN (left_top, right_top) - 3, MAX (left_bottom, right_bottom) + 4, above, NULL, NULL));
}

/* The elevation area's fill, on the plot's bottom row at x. */
static GdkRGBA
floor_pixel (const Rendered *r,
             double          x)
{
  return rsb_test_pixel (r->pixels, r->width, x, r->plot.origin.y + r->plot.size.height - 2);
}

/* The bottom row is filled as colour, a filled column's. */
static gboolean
floor_like (const Rendered *r,
            int             x,
            const GdkRGBA  *colour,
            const GdkRGBA  *above)
{
  GdkRGBA seen = floor_pixel (r, x);

  return colours_close (&seen, colour);
}

/* The pixel column a point at x falls in: the plot's right edge is in
 * its last column. */
static int
column_at (const Rendered *r,
           double          x)
{
  return MIN ((int) floor (x), (int) (r->plot.origin.x + r->plot.size.width) - 1);
}

/* Pixel columns strictly between x0 and x1, their own columns left out
 * (a line ends half-way across them), that fail the test. */
static guint
holes_between (const Rendered *r,
               double          x0,
               double          x1,
               ColumnTest      test,
               const GdkRGBA  *colour,
               const GdkRGBA  *above)
{
  g_autofree char *name = gdk_rgba_to_string (colour);
  guint holes = 0;

  for (int x = column_at (r, x0) + 1; x < column_at (r, x1); x++)
    if (!test (r, x, colour, above) && holes++ < 5)
      g_test_message ("no %s at x = %d", name, x);
  return holes;
}

static guint
columns_between (const Rendered *r,
                 double          x0,
                 double          x1)
{
  return column_at (r, x1) - column_at (r, x0) - 1;
}

static double
point_x (RsbProfileChart *chart,
         guint            point)
{
  double x;

  g_assert_true (rsb_profile_chart_x_for_point (chart, point, &x));
  return x;
}

/* Before and after the pause the lines and the elevation area run
 * through every pixel column, however few points fall in them; on the
 * time axis, where the pause is wide, they break over it. */
static void
check_sparse_chart (RsbProfileChart *chart,
                    RsbProfileAxis   axis,
                    int              width)
{
  g_autofree char *name = g_strdup_printf ("test-profile-chart-sparse-%d-%s.png", width,
                                           axis == RSB_PROFILE_AXIS_TIME ? "time" : "distance");
  double first, before_pause, after_pause, last;
  GdkRGBA pace, heart_rate, filled;
  Rendered r;

  rsb_profile_chart_set_axis (chart, axis);
  g_assert_cmpint (rsb_profile_chart_get_axis (chart), ==, axis);
  rsb_test_wait_ms (50);
  render_alone (chart, name, &r);
  line_colours (&pace, &heart_rate);
  first = point_x (chart, 0);
  before_pause = point_x (chart, SPARSE_PAUSE_AFTER);
  after_pause = point_x (chart, SPARSE_PAUSE_AFTER + 1);
  last = point_x (chart, SPARSE_POINTS - 1);

  g_assert_cmpuint (holes_between (&r, first, before_pause, line_seen, &pace, NULL), ==, 0);
  g_assert_cmpuint (holes_between (&r, after_pause, last, line_seen, &pace, NULL), ==, 0);
  g_assert_cmpuint (holes_between (&r, first, before_pause, line_seen, &heart_rate, NULL), ==, 0);
  g_assert_cmpuint (holes_between (&r, after_pause, last, line_seen, &heart_rate, NULL), ==, 0);
  filled = floor_pixel (&r, (first + before_pause) / 2);
  g_assert_cmpuint (holes_between (&r, first, before_pause, floor_like, &filled, NULL), ==, 0);
  g_assert_cmpuint (holes_between (&r, after_pause, last, floor_like, &filled, NULL), ==, 0);

  if (axis == RSB_PROFILE_AXIS_TIME)
    {
      GdkRGBA bare = floor_pixel (&r, (before_pause + after_pause) / 2);
      double x0 = before_pause + 2, x1 = after_pause - 2;

      /* Wide enough to see, and empty: no line, no area. */
      g_assert_cmpfloat (after_pause - before_pause, >, 30);
      g_assert_cmpuint (holes_between (&r, x0, x1, line_seen, &pace, NULL), ==, columns_between (&r, x0, x1));
      g_assert_cmpuint (holes_between (&r, x0, x1, line_seen, &heart_rate, NULL), ==, columns_between (&r, x0, x1));
      g_assert_false (colours_close (&bare, &filled));
      g_assert_cmpuint (holes_between (&r, x0, x1, floor_like, &bare, NULL), ==, 0);
    }
  g_free (r.pixels);
}

/* A sparse recording draws whole lines at a wide and at a narrow size,
 * over distance and over time, while the readout still reads each
 * point. */
static void
test_sparse_lines (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  g_autoptr(RsbActivity) activity = make_sparse_activity ();
  GtkWindow *window;
  RsbProfileChart *chart = show_chart (activity, width, &window);
  RsbProfileReadout readout;

  g_assert_true (rsb_profile_chart_has_profile (chart));
  g_assert_true (rsb_profile_chart_shows_pace (chart));
  check_sparse_chart (chart, RSB_PROFILE_AXIS_DISTANCE, width);
  check_sparse_chart (chart, RSB_PROFILE_AXIS_TIME, width);

  rsb_profile_chart_hover_point (chart, rsb_profile_chart_point_at (chart, point_x (chart, 30)));
  g_assert_true (rsb_profile_chart_get_readout (chart, &readout));
  g_assert_cmpuint (readout.point, ==, 30);
  g_assert_cmpfloat_with_epsilon (readout.heart_rate, activity->streams->columns[RSB_STREAM_HEART_RATE][30], 1e-9);
  gtk_window_destroy (window);
}

/* Narrow, the legend (elevation, pace, heart rate) takes a second row
 * over the plot rather than running over the axes' units beside it. */
static void
test_legend_wraps (void)
{
  g_autoptr(RsbActivity) activity = make_sparse_activity ();
  GtkWindow *wide_window, *narrow_window;
  RsbProfileChart *wide = show_chart (activity, 1280, &wide_window);
  RsbProfileChart *narrow = show_chart (activity, 330, &narrow_window);
  graphene_rect_t wide_plot, narrow_plot;

  rsb_profile_chart_get_plot_area (wide, &wide_plot);
  rsb_profile_chart_get_plot_area (narrow, &narrow_plot);
  g_assert_cmpfloat (narrow_plot.size.width, <, 250);
  g_assert_cmpfloat (narrow_plot.origin.y, >=, wide_plot.origin.y + 20);
  gtk_window_destroy (wide_window);
  gtk_window_destroy (narrow_window);
}

/* A real TCX, logged every few seconds (test.tcx from ../shared), in a
 * chart as wide as a full-screen window: pace and heart rate are lines
 * from the first point that has them to the last. */
static void
test_sparse_tcx (void)
{
  g_autofree char *path = rsb_test_shared_file ("activities", "test.tcx");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GFile) file = NULL;
  RsbImportResult result = { 0 };
  RsbProfileChart *chart;
  GtkWindow *window;
  GdkRGBA pace, heart_rate;
  Rendered r;
  int first_pace = -1, last_pace = -1, first_heart = -1, last_heart = -1;

  if (path == NULL)
    return;
  store = rsb_store_open_memory (&error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  g_assert_true (rsb_import_file (store, file, &result, NULL));
  activity = rsb_activity_load (store, result.activity_id, &error);
  g_assert_no_error (error);
  rsb_import_result_clear (&result);
  /* A point every few seconds: fewer points than pixel columns. */
  g_assert_cmpuint (activity->streams->n_points, <, 1280 - 3 * 46);

  chart = show_chart (activity, 1280, &window);
  g_assert_true (rsb_profile_chart_shows_pace (chart));
  for (guint i = 0; i < activity->streams->n_points; i++)
    {
      RsbProfileReadout readout;
      g_autofree char *text = NULL;

      rsb_profile_chart_hover_point (chart, i);
      g_assert_true (rsb_profile_chart_get_readout (chart, &readout));
      text = rsb_profile_chart_get_readout_text (chart);
      if (strstr (text, "Pace ") != NULL && strstr (text, "standing") == NULL)
        last_pace = i, first_pace = first_pace < 0 ? (int) i : first_pace;
      if (!isnan (readout.heart_rate))
        last_heart = i, first_heart = first_heart < 0 ? (int) i : first_heart;
    }
  rsb_profile_chart_hover_point (chart, -1);
  rsb_test_wait_ms (100);
  g_assert_cmpint (last_pace - first_pace, >, 300);
  g_assert_cmpint (last_heart - first_heart, >, 300);

  render_alone (chart, "test-profile-chart-tcx.png", &r);
  line_colours (&pace, &heart_rate);
  g_assert_cmpuint (holes_between (&r, point_x (chart, first_pace), point_x (chart, last_pace), line_seen, &pace, NULL), ==, 0);
  /* Heart rate runs under the pace line in places. */
  g_assert_cmpuint (holes_between (&r, point_x (chart, first_heart), point_x (chart, last_heart),
                                   line_seen_or_hidden, &heart_rate, &pace), ==, 0);
  g_free (r.pixels);
  gtk_window_destroy (window);
}

/* The axis toggle switches the chart and is remembered. */
static void
test_axis_toggle_remembered (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const RsbActivity *activity = activity_of (f);
  guint point = middle_point (activity, 3);
  double x_distance, x_time;

  g_assert_cmpint (rsb_profile_chart_get_axis (f->chart), ==, RSB_PROFILE_AXIS_DISTANCE);
  g_assert_true (rsb_profile_chart_x_for_point (f->chart, point, &x_distance));
  g_settings_set_string (settings, "profile-axis", "distance");
  rsb_profile_chart_set_axis (f->chart, RSB_PROFILE_AXIS_TIME);
  g_assert_true (rsb_profile_chart_x_for_point (f->chart, point, &x_time));
  g_assert_cmpfloat (fabs (x_time - x_distance), >, 0.5);

  /* Through the view's toggle, as a person would. */
  rsb_profile_chart_set_axis (f->chart, RSB_PROFILE_AXIS_DISTANCE);
  {
    GtkWidget *widget = GTK_WIDGET (f->view);
    GtkToggleButton *time_toggle = NULL;
    GtkWidget *stack[64];
    int top = 0;

    stack[top++] = widget;
    while (top > 0 && time_toggle == NULL)
      {
        GtkWidget *w = stack[--top];

        if (GTK_IS_TOGGLE_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Time") == 0)
          time_toggle = GTK_TOGGLE_BUTTON (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c && top < 64; c = gtk_widget_get_next_sibling (c))
          stack[top++] = c;
      }
    g_assert_nonnull (time_toggle);
    gtk_toggle_button_set_active (time_toggle, TRUE);
  }
  g_assert_cmpint (rsb_profile_chart_get_axis (f->chart), ==, RSB_PROFILE_AXIS_TIME);
  {
    g_autofree char *saved = g_settings_get_string (settings, "profile-axis");
    g_assert_cmpstr (saved, ==, "time");
  }
  g_settings_set_string (settings, "profile-axis", "distance");
}

/* Screen readers hear what the chart shows. */
static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->chart)), ==, GTK_ACCESSIBLE_ROLE_SLIDER);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, "Workout profile");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Over distance: elevation as an area, pace as a blue line, faster higher, "
                                       "heart rate as a red line, and 12 songs as coloured bands. Left and Right "
                                       "move along the route and read the values there; Enter selects the song there.");
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  tiles = rsb_fake_tile_server_new (&error);
  g_assert_no_error (error);
  url = rsb_fake_tile_server_url_template (tiles);
  g_setenv ("RSB_TILE_URL", url, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/chart/bands-in-segment-colours", test_bands_in_segment_colours);
  ADD ("/chart/hover-readout", test_hover_readout);
  ADD ("/chart/click-selects", test_click_selects);
  ADD ("/chart/up-down-steps", test_up_down_steps);
  ADD ("/chart/select-reveals-on-map", test_select_reveals_on_map);
  ADD ("/chart/missing-columns", test_missing_columns);
  ADD ("/chart/axis-toggle-remembered", test_axis_toggle_remembered);
  ADD ("/chart/accessible", test_accessible);
  ADD ("/chart/units-switch", test_units_switch);
  g_test_add_data_func ("/chart/sparse-lines-1280", GINT_TO_POINTER (1280), test_sparse_lines);
  g_test_add_func ("/chart/legend-wraps", test_legend_wraps);
  g_test_add_data_func ("/chart/sparse-lines-360", GINT_TO_POINTER (360), test_sparse_lines);
  g_test_add_func ("/chart/sparse-tcx", test_sparse_tcx);
  ADD ("/map/simplify-keeps-ends", test_simplify_keeps_ends);
  ADD ("/map/hit-test-zoomed", test_hit_test_zoomed);

  return g_test_run ();
}
