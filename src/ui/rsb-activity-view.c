/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-activity-view.c: one workout told through its songs.
 *
 * The map, the profile chart, the song list and the card always show the
 * same selection; whichever the user touches, the others follow, and
 * scroll or pan to show it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "rsb-activity-view.h"
#include "rsb-palette.h"
#include "rsb-profile-chart.h"
#include "rsb-replay-bar.h"
#include "rsb-song-row.h"
#include "rsb-song-stats.h"
#include "rsb-format.h"

struct _RsbActivityView
{
  GtkBox        parent_instance;

  GtkPaned     *paned;
  GtkWidget    *songs_pane;
  GtkRevealer  *note_revealer;
  GtkLabel     *note_label;
  GtkLabel     *step_label;
  RsbRouteMap  *route_map;
  RsbReplayBar *replay_bar;
  GtkWidget    *profile_box;
  RsbProfileChart *profile_chart;
  GtkToggleButton *distance_toggle;
  GtkToggleButton *time_toggle;
  GtkRevealer  *card_revealer;
  RsbSongCard  *song_card;
  GtkScrolledWindow *songs_scroller;
  GtkListBox   *songs_list;
  GtkSpinButton *offset_spin;
  GSettings    *settings;

  RsbActivity  *activity;
  GArray       *colours;
  int           selected;
  gboolean      syncing_list;
  gboolean      setting_offset;
  gboolean      setting_axis;
  guint         scroll_idle;
  gint64        keep_row_shown_until;   /* monotonic µs */
  guint         keep_row_tick;
  int           replay_segment;         /* where the replay stands, -1 before it moves */
};

/* Where a selection came from: the map never pans under the pointer
 * that just clicked it. */
typedef enum {
  FROM_ELSEWHERE,
  FROM_MAP,
  FROM_REFRESH,   /* the songs were matched again: stay where the person is */
} SelectionOrigin;

/* A selection told so that it survives a new match (another clock
 * offset, a history imported, a sync): the play, or for a "no music"
 * stretch the point it starts at. Segment indices do not survive. */
typedef struct {
  gint64 play_id;
  int    first_point;   /* -1: nothing selected */
} KeptSelection;

enum { OFFSET_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* On a phone the map is a band across the page, tall enough to pan and
 * zoom with its buttons whole. */
#define NARROW_MAP_HEIGHT 280
#define NARROW_CHART_HEIGHT 180

G_DEFINE_FINAL_TYPE (RsbActivityView, rsb_activity_view, GTK_TYPE_BOX)

static void
clear_songs (RsbActivityView *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->songs_list, 0)) != NULL)
    gtk_list_box_remove (self->songs_list, GTK_WIDGET (row));
}

static void
fill_songs (RsbActivityView *self)
{
  for (guint i = 0; i < rsb_activity_n_segments (self->activity); i++)
    gtk_list_box_append (self->songs_list,
                         rsb_song_row_new (self->activity, i, &g_array_index (self->colours, GdkRGBA, i)));
}

static void
update_note (RsbActivityView *self)
{
  const RsbActivityInfo *info = self->activity->info;
  const char *note = NULL;

  if (!rsb_activity_info_has_times (info))
    note = _("This route has no timestamps, so songs cannot be placed on it.");
  else if (!rsb_streams_has_route (self->activity->streams))
    note = _("This activity was recorded without positions, so there is no route to draw.");
  else if (self->activity->match->n_songs == 0)
    note = _("No listening history covers this workout yet. Import your Spotify listening history to see its songs.");

  /* A workout read from a damaged file says so first; plain text, as
   * the warning holds the file's name. */
  if (info->recovered != NULL)
    {
      /* Translators: %s is the import's warning, e.g. “ride.fit” ends early: 473 records recovered */
      g_autofree char *recovered = g_strdup_printf (_("Recovered from a damaged file: %s"), info->recovered);
      g_autofree char *both = note != NULL ? g_strconcat (recovered, "\n", note, NULL) : g_strdup (recovered);

      gtk_label_set_text (self->note_label, both);
      gtk_revealer_set_reveal_child (self->note_revealer, TRUE);
      return;
    }
  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_revealer_set_reveal_child (self->note_revealer, note != NULL);
}

/* "In step with the beat for 14 of 52 min", once some song's tempo and
 * the cadence are both known. */
static void
update_step_summary (RsbActivityView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *known = NULL;
  g_autofree char *tooltip = NULL;
  RsbStepSummary summary;

  rsb_activity_step_summary (self->activity, &summary);
  gtk_widget_set_visible (GTK_WIDGET (self->step_label), summary.compared_s > 0);
  if (summary.compared_s <= 0)
    return;
  text = rsb_format_in_step (summary.in_step_s, summary.moving_s);
  known = rsb_format_duration (summary.compared_s);
  /* Translators: %s is a duration, "38 min": the moving time on songs whose tempo is known */
  tooltip = g_strdup_printf (_("Compared where both the song’s tempo and your cadence are known: %s"), known);
  gtk_label_set_text (self->step_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->step_label), tooltip);
}

/* The chart shows when there is something to draw; the axis toggle
 * offers what this activity recorded, keeping the person's choice. */
static void
update_profile (RsbActivityView *self)
{
  RsbProfileChart *chart = self->profile_chart;
  g_autofree char *wanted = g_settings_get_string (self->settings, "profile-axis");
  RsbProfileAxis axis = g_str_equal (wanted, "time") ? RSB_PROFILE_AXIS_TIME : RSB_PROFILE_AXIS_DISTANCE;

  if (rsb_profile_chart_axis_available (chart, axis))
    rsb_profile_chart_set_axis (chart, axis);
  gtk_widget_set_visible (self->profile_box, rsb_profile_chart_has_profile (chart));
  self->setting_axis = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->distance_toggle),
                            rsb_profile_chart_axis_available (chart, RSB_PROFILE_AXIS_DISTANCE));
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_toggle),
                            rsb_profile_chart_axis_available (chart, RSB_PROFILE_AXIS_TIME));
  gtk_toggle_button_set_active (rsb_profile_chart_get_axis (chart) == RSB_PROFILE_AXIS_TIME
                                ? self->time_toggle : self->distance_toggle, TRUE);
  self->setting_axis = FALSE;
}

static void
on_axis_toggled (GtkToggleButton *button,
                 RsbActivityView *self)
{
  RsbProfileAxis axis;

  if (!gtk_toggle_button_get_active (button) || self->setting_axis)
    return;
  axis = button == self->time_toggle ? RSB_PROFILE_AXIS_TIME : RSB_PROFILE_AXIS_DISTANCE;
  rsb_profile_chart_set_axis (self->profile_chart, axis);
  g_settings_set_string (self->settings, "profile-axis", axis == RSB_PROFILE_AXIS_TIME ? "time" : "distance");
}

/* Takes ownership of activity (may be NULL). */
void
rsb_activity_view_set_activity (RsbActivityView *self,
                                RsbActivity     *activity)
{
  g_return_if_fail (RSB_IS_ACTIVITY_VIEW (self));

  rsb_replay_bar_set_activity (self->replay_bar, NULL, NULL);
  rsb_route_map_show_replay (self->route_map, FALSE, 0, 0);
  self->replay_segment = -1;
  rsb_route_map_set_activity (self->route_map, NULL, NULL);
  rsb_profile_chart_set_activity (self->profile_chart, NULL, NULL);
  clear_songs (self);
  g_clear_pointer (&self->colours, g_array_unref);
  g_clear_pointer (&self->activity, rsb_activity_free);
  self->selected = -1;
  gtk_revealer_set_reveal_child (self->card_revealer, FALSE);
  if (activity == NULL)
    return;

  self->activity = activity;
  self->colours = rsb_palette_for_activity (activity);
  rsb_route_map_set_activity (self->route_map, activity, self->colours);
  rsb_profile_chart_set_activity (self->profile_chart, activity, self->colours);
  rsb_replay_bar_set_activity (self->replay_bar, activity, self->colours);
  update_profile (self);
  fill_songs (self);
  update_note (self);
  update_step_summary (self);
  self->setting_offset = TRUE;
  gtk_spin_button_set_value (self->offset_spin, activity->info->clock_offset_ms / 1000.0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->offset_spin), rsb_activity_info_has_times (activity->info));
  self->setting_offset = FALSE;
}

/* Segments changed (a new offset) or the palette did (dark style):
 * map, chart and list take the new colours together. */
static void
recolour (RsbActivityView *self)
{
  g_clear_pointer (&self->colours, g_array_unref);
  self->colours = rsb_palette_for_activity (self->activity);
  rsb_route_map_update_segments (self->route_map, self->colours);
  rsb_profile_chart_set_activity (self->profile_chart, self->activity, self->colours);
  rsb_replay_bar_update_songs (self->replay_bar, self->colours);
  self->replay_segment = -1;
  clear_songs (self);
  fill_songs (self);
}

static void
on_dark_changed (RsbActivityView *self)
{
  int selected = self->selected;

  if (self->activity == NULL)
    return;
  recolour (self);
  self->selected = -1;
  rsb_activity_view_select (self, selected);
}

static void select_from (RsbActivityView *self,
                         int              segment,
                         SelectionOrigin  origin);

static KeptSelection
keep_selection (RsbActivityView *self)
{
  KeptSelection kept = { 0, -1 };
  const RsbPlay *play;

  if (self->activity == NULL || self->selected < 0)
    return kept;
  play = rsb_activity_segment_play (self->activity, self->selected);
  kept.play_id = play ? play->id : 0;
  kept.first_point = rsb_activity_segment (self->activity, self->selected)->first_point;
  return kept;
}

/* The same play stays selected wherever it now lies; a "no music"
 * stretch stays selected while one still starts there. */
static void
restore_selection (RsbActivityView     *self,
                   const KeptSelection *kept)
{
  int segment = -1;

  if (kept->play_id != 0)
    segment = rsb_activity_segment_of_play (self->activity, kept->play_id);
  else if (kept->first_point >= 0)
    {
      segment = rsb_activity_segment_at_point (self->activity, kept->first_point);
      if (segment >= 0 && (rsb_activity_segment_play (self->activity, segment) != NULL ||
                           rsb_activity_segment (self->activity, segment)->first_point != (guint) kept->first_point))
        segment = -1;
    }
  self->selected = -1;
  select_from (self, segment, FROM_REFRESH);
}

/* The library changed under the activity shown (a history imported, a
 * sync, an offset saved, an edit): fresh is the same activity read
 * again, and every part of the view follows it at once, keeping the
 * map where the person left it and the song they chose. Another
 * recording (a richer one of the same workout) is shown afresh. Takes
 * fresh. */
void
rsb_activity_view_refresh (RsbActivityView *self,
                           RsbActivity     *fresh)
{
  KeptSelection kept;
  gboolean same;

  g_return_if_fail (RSB_IS_ACTIVITY_VIEW (self));
  g_return_if_fail (fresh != NULL);

  if (self->activity == NULL || self->activity->info->id != fresh->info->id ||
      !rsb_streams_equal (self->activity->streams, fresh->streams))
    {
      rsb_activity_view_set_activity (self, fresh);
      return;
    }
  same = rsb_activity_same_songs (self->activity, fresh);
  kept = keep_selection (self);
  rsb_activity_take_songs (self->activity, fresh);
  self->setting_offset = TRUE;
  gtk_spin_button_set_value (self->offset_spin, self->activity->info->clock_offset_ms / 1000.0);
  self->setting_offset = FALSE;
  if (same)
    return;
  recolour (self);
  update_note (self);
  update_step_summary (self);
  restore_selection (self, &kept);
}

/* Live: the route recolours as the offset changes; the window saves it. */
static void
on_offset_changed (GtkSpinButton   *spin,
                   RsbActivityView *self)
{
  gint64 offset_ms = (gint64) gtk_spin_button_get_value_as_int (spin) * 1000;

  KeptSelection kept;

  if (self->setting_offset || self->activity == NULL)
    return;
  kept = keep_selection (self);
  rsb_activity_set_clock_offset (self->activity, offset_ms);
  recolour (self);
  update_note (self);
  update_step_summary (self);
  restore_selection (self, &kept);
  g_signal_emit (self, signals[OFFSET_CHANGED], 0, self->activity->info->id, offset_ms);
}

/* On a phone-sized window the song list goes under the map, full width. */
void
rsb_activity_view_set_narrow (RsbActivityView *self,
                              gboolean         narrow)
{
  GtkOrientation orientation = narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  g_return_if_fail (RSB_IS_ACTIVITY_VIEW (self));

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->paned)) == orientation)
    return;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned), orientation);
  gtk_widget_set_size_request (self->songs_pane, narrow ? -1 : 300, -1);
  /* Stacked, nothing gives up its height to the card: the page scrolls
   * instead, the song list with it (a list scrolling inside a scrolling
   * page is hard to use on a phone). */
  gtk_paned_set_shrink_start_child (self->paned, !narrow);
  gtk_paned_set_shrink_end_child (self->paned, !narrow);
  gtk_widget_set_size_request (GTK_WIDGET (self->route_map), -1, narrow ? NARROW_MAP_HEIGHT : -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->profile_chart), -1, narrow ? NARROW_CHART_HEIGHT : -1);
  gtk_scrolled_window_set_policy (self->songs_scroller, GTK_POLICY_NEVER,
                                  narrow ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
  /* Unset: the panes find their natural split again. */
  gtk_paned_set_position (self->paned, -1);
}

gboolean
rsb_activity_view_get_narrow (RsbActivityView *self)
{
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (self->paned)) == GTK_ORIENTATION_VERTICAL;
}

const RsbActivity *
rsb_activity_view_get_activity (RsbActivityView *self)
{
  return self->activity;
}

/* Scrolls the song list just enough to show a row, without taking the
 * keyboard focus from wherever the person is. */
static gboolean
scroll_to_selected (gpointer data)
{
  RsbActivityView *self = data;
  GtkListBoxRow *row = self->selected >= 0 ? gtk_list_box_get_row_at_index (self->songs_list, self->selected) : NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->songs_scroller);
  double value = gtk_adjustment_get_value (adjustment), page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;

  self->scroll_idle = 0;
  /* In the viewport's coordinates: what shows is 0 to page. */
  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), gtk_scrolled_window_get_child (self->songs_scroller), &bounds))
    return G_SOURCE_REMOVE;
  if (bounds.size.height == 0)
    {
      /* Not laid out yet (a list just filled): once it is. */
      self->scroll_idle = g_timeout_add (50, scroll_to_selected, self);
      return G_SOURCE_REMOVE;
    }
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y + bounds.size.height - page);
  return G_SOURCE_REMOVE;
}

/* Each frame while the card settles, the row stays shown. */
static gboolean
keep_row_shown (GtkWidget     *scroller,
                GdkFrameClock *clock,
                gpointer       data)
{
  RsbActivityView *self = data;

  if (g_get_monotonic_time () >= self->keep_row_shown_until)
    {
      self->keep_row_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (self->scroll_idle == 0)
    scroll_to_selected (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
list_has_focus (RsbActivityView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->songs_list));
}

static void
select_row (RsbActivityView *self,
            int              segment)
{
  GtkListBoxRow *row = segment >= 0 ? gtk_list_box_get_row_at_index (self->songs_list, segment) : NULL;

  self->syncing_list = TRUE;
  if (row != NULL)
    {
      gtk_list_box_select_row (self->songs_list, row);
      /* Keyboard steps inside the list go on from the new row. */
      if (list_has_focus (self))
        gtk_widget_grab_focus (GTK_WIDGET (row));
      g_clear_handle_id (&self->scroll_idle, g_source_remove);
      /* The card above the list opens or changes height as it shows the
       * song: while it settles, keep the row in view. */
      self->keep_row_shown_until = g_get_monotonic_time () + G_USEC_PER_SEC;
      scroll_to_selected (self);
      if (self->keep_row_tick == 0)
        self->keep_row_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->songs_scroller), keep_row_shown,
                                                            self, NULL);
    }
  else
    gtk_list_box_unselect_all (self->songs_list);
  self->syncing_list = FALSE;
}

static void
select_from (RsbActivityView *self,
             int              segment,
             SelectionOrigin  origin)
{
  if (self->activity == NULL || segment >= (int) rsb_activity_n_segments (self->activity))
    segment = -1;
  self->selected = segment;
  rsb_route_map_select (self->route_map, segment);
  if (segment >= 0 && origin == FROM_ELSEWHERE)
    rsb_route_map_reveal_segment (self->route_map, segment);
  rsb_profile_chart_select (self->profile_chart, segment);
  select_row (self, segment);
  if (segment >= 0)
    rsb_song_card_show_segment (self->song_card, self->activity, segment,
                                &g_array_index (self->colours, GdkRGBA, segment));
  gtk_revealer_set_reveal_child (self->card_revealer, segment >= 0);
}

/* segment -1 clears the selection. */
void
rsb_activity_view_select (RsbActivityView *self,
                          int              segment)
{
  g_return_if_fail (RSB_IS_ACTIVITY_VIEW (self));
  select_from (self, segment, FROM_ELSEWHERE);
}

int
rsb_activity_view_get_selected (RsbActivityView *self)
{
  return self->selected;
}

RsbRouteMap *
rsb_activity_view_get_map (RsbActivityView *self)
{
  return self->route_map;
}

RsbReplayBar *
rsb_activity_view_get_replay_bar (RsbActivityView *self)
{
  return self->replay_bar;
}

RsbSongCard *
rsb_activity_view_get_card (RsbActivityView *self)
{
  return self->song_card;
}

RsbProfileChart *
rsb_activity_view_get_chart (RsbActivityView *self)
{
  return self->profile_chart;
}

GtkListBox *
rsb_activity_view_get_song_list (RsbActivityView *self)
{
  return self->songs_list;
}

static void
on_segment_clicked (RsbRouteMap     *map,
                    guint            segment,
                    RsbActivityView *self)
{
  select_from (self, segment, FROM_MAP);
}

static void
on_chart_segment_clicked (RsbProfileChart *chart,
                          guint            segment,
                          RsbActivityView *self)
{
  select_from (self, segment, FROM_ELSEWHERE);
}

/* The chart's crosshair shows on the route as a dot. */
static void
on_chart_hover_changed (RsbProfileChart *chart,
                        int              point,
                        RsbActivityView *self)
{
  rsb_route_map_show_position (self->route_map, point);
}

/* The replay moved (playing, or scrubbed): its marker on the map, and
 * as it enters a song, that song selected everywhere as a click on the
 * map would: the map stays where Follow or the person put it. */
static void
on_replay_position (RsbActivityView *self)
{
  double lat = 0, lon = 0;
  gboolean located = rsb_replay_bar_locate (self->replay_bar, &lat, &lon);
  int segment;

  if (self->activity == NULL)
    return;
  rsb_route_map_show_replay (self->route_map, located, lat, lon);
  segment = rsb_activity_segment_at_point (self->activity, rsb_replay_bar_get_point (self->replay_bar));
  if (segment == self->replay_segment)
    return;
  self->replay_segment = segment;
  if (segment != self->selected)
    select_from (self, segment, FROM_MAP);
}

static void
on_row_selected (GtkListBox      *list,
                 GtkListBoxRow   *row,
                 RsbActivityView *self)
{
  if (self->syncing_list || row == NULL)
    return;
  rsb_activity_view_select (self, rsb_song_row_get_segment (RSB_SONG_ROW (row)));
}

/* Steps through the route's stretches; from no selection, ] starts at
 * the first and [ at the last. */
static void
step (RsbActivityView *self,
      int              delta)
{
  int n;

  if (self->activity == NULL)
    return;
  n = rsb_activity_n_segments (self->activity);
  if (self->selected < 0)
    rsb_activity_view_select (self, delta > 0 ? 0 : n - 1);
  else
    rsb_activity_view_select (self, CLAMP (self->selected + delta, 0, n - 1));
}

static void
next_song_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step (RSB_ACTIVITY_VIEW (widget), 1);
}

static void
previous_song_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  step (RSB_ACTIVITY_VIEW (widget), -1);
}

/* T: a tap of tap tempo for the song selected, on its card. */
static void
tap_tempo_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RsbActivityView *self = RSB_ACTIVITY_VIEW (widget);

  if (self->selected >= 0)
    rsb_song_tempo_tap (rsb_song_card_get_tempo (self->song_card));
}

static void
clear_selection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  rsb_activity_view_select (RSB_ACTIVITY_VIEW (widget), -1);
}

/* The song list is one Tab stop, arrows move inside it: a list box
 * would walk Tab through every row. Tab (Shift+Tab) puts the focus on
 * the last (first) row and moves it on from there, out of the list;
 * the list does not scroll meanwhile. */
static gboolean
on_songs_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              RsbActivityView       *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->songs_scroller);
  double value = gtk_adjustment_get_value (adjustment);
  gboolean back = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  GtkListBoxRow *edge;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab) ||
      self->activity == NULL ||
      (edge = gtk_list_box_get_row_at_index (self->songs_list,
                                             back ? 0 : (int) rsb_activity_n_segments (self->activity) - 1)) == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (edge));
  gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))),
                          back ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  gtk_adjustment_set_value (adjustment, value);
  return TRUE;
}

static void
rsb_activity_view_dispose (GObject *object)
{
  RsbActivityView *self = RSB_ACTIVITY_VIEW (object);

  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  if (self->keep_row_tick != 0 && self->songs_scroller != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->songs_scroller), self->keep_row_tick);
  self->keep_row_tick = 0;
  /* The map goes with the template, before the activity it borrows. */
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_ACTIVITY_VIEW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->colours, g_array_unref);
  g_clear_pointer (&self->activity, rsb_activity_free);
  G_OBJECT_CLASS (rsb_activity_view_parent_class)->dispose (object);
}

static void
rsb_activity_view_class_init (RsbActivityViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_activity_view_dispose;

  g_type_ensure (RSB_TYPE_ROUTE_MAP);
  g_type_ensure (RSB_TYPE_REPLAY_BAR);
  g_type_ensure (RSB_TYPE_PROFILE_CHART);
  g_type_ensure (RSB_TYPE_SONG_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-activity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, paned);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, songs_pane);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, note_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, note_label);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, step_label);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, route_map);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, replay_bar);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, profile_box);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, profile_chart);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, distance_toggle);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, time_toggle);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, songs_scroller);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, card_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, song_card);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, songs_list);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, offset_spin);

  signals[OFFSET_CHANGED] = g_signal_new ("clock-offset-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  gtk_widget_class_install_action (widget_class, "activity.next-song", NULL, next_song_activated);
  gtk_widget_class_install_action (widget_class, "activity.previous-song", NULL, previous_song_activated);
  gtk_widget_class_install_action (widget_class, "activity.clear-selection", NULL, clear_selection_activated);
  gtk_widget_class_install_action (widget_class, "activity.tap-tempo", NULL, tap_tempo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "activity.next-song", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "activity.previous-song", NULL);
  /* Widgets that use Up and Down themselves (the song list, the offset)
   * get them first; everywhere else in the view they step through songs. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "activity.next-song", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "activity.previous-song", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "activity.clear-selection", NULL);
}

static void
rsb_activity_view_init (RsbActivityView *self)
{
  GtkEventController *keys;

  self->selected = -1;
  self->replay_segment = -1;
  self->settings = g_settings_new (APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->replay_bar, "follow", self->route_map, "follow",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_swapped (self->replay_bar, "notify::position", G_CALLBACK (on_replay_position), self);
  g_signal_connect (self->route_map, "segment-clicked", G_CALLBACK (on_segment_clicked), self);
  g_signal_connect (self->profile_chart, "segment-clicked", G_CALLBACK (on_chart_segment_clicked), self);
  g_signal_connect (self->profile_chart, "hover-changed", G_CALLBACK (on_chart_hover_changed), self);
  g_signal_connect (self->distance_toggle, "toggled", G_CALLBACK (on_axis_toggled), self);
  g_signal_connect (self->time_toggle, "toggled", G_CALLBACK (on_axis_toggled), self);
  g_signal_connect (self->songs_list, "row-selected", G_CALLBACK (on_row_selected), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_songs_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->songs_list), keys);
  g_signal_connect (self->offset_spin, "value-changed", G_CALLBACK (on_offset_changed), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}
