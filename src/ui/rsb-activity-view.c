/* rsb-activity-view.c: one workout told through its songs.
 *
 * The map, the song list and the card always show the same selection;
 * whichever the user touches, the others follow.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-activity-view.h"
#include "rsb-palette.h"
#include "rsb-song-row.h"

struct _RsbActivityView
{
  GtkBox        parent_instance;

  GtkRevealer  *note_revealer;
  GtkLabel     *note_label;
  RsbRouteMap  *route_map;
  GtkRevealer  *card_revealer;
  RsbSongCard  *song_card;
  GtkListBox   *songs_list;
  GtkSpinButton *offset_spin;

  RsbActivity  *activity;
  GArray       *colours;
  int           selected;
  gboolean      syncing_list;
  gboolean      setting_offset;
};

enum { OFFSET_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsbActivityView, rsb_activity_view, GTK_TYPE_BOX)

static void
clear_songs (RsbActivityView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->songs_list))) != NULL)
    gtk_list_box_remove (self->songs_list, child);
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
    note = _("No listening history covers this workout yet. Import your Spotify Extended Streaming History to see its songs.");

  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_revealer_set_reveal_child (self->note_revealer, note != NULL);
}

/* Takes ownership of activity (may be NULL). */
void
rsb_activity_view_set_activity (RsbActivityView *self,
                                RsbActivity     *activity)
{
  g_return_if_fail (RSB_IS_ACTIVITY_VIEW (self));

  rsb_route_map_set_activity (self->route_map, NULL, NULL);
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
  fill_songs (self);
  update_note (self);
  self->setting_offset = TRUE;
  gtk_spin_button_set_value (self->offset_spin, activity->info->clock_offset_ms / 1000.0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->offset_spin), rsb_activity_info_has_times (activity->info));
  self->setting_offset = FALSE;
}

/* Live: the route recolours as the offset changes; the window saves it. */
static void
on_offset_changed (GtkSpinButton   *spin,
                   RsbActivityView *self)
{
  gint64 offset_ms = (gint64) gtk_spin_button_get_value_as_int (spin) * 1000;

  if (self->setting_offset || self->activity == NULL)
    return;
  rsb_activity_set_clock_offset (self->activity, offset_ms);
  g_clear_pointer (&self->colours, g_array_unref);
  self->colours = rsb_palette_for_activity (self->activity);
  rsb_route_map_update_segments (self->route_map, self->colours);
  clear_songs (self);
  fill_songs (self);
  update_note (self);
  rsb_activity_view_select (self, -1);
  g_signal_emit (self, signals[OFFSET_CHANGED], 0, self->activity->info->id, offset_ms);
}

const RsbActivity *
rsb_activity_view_get_activity (RsbActivityView *self)
{
  return self->activity;
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
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else
    gtk_list_box_unselect_all (self->songs_list);
  self->syncing_list = FALSE;
}

/* segment -1 clears the selection. */
void
rsb_activity_view_select (RsbActivityView *self,
                          int              segment)
{
  g_return_if_fail (RSB_IS_ACTIVITY_VIEW (self));

  if (self->activity == NULL || segment >= (int) rsb_activity_n_segments (self->activity))
    segment = -1;
  self->selected = segment;
  rsb_route_map_select (self->route_map, segment);
  select_row (self, segment);
  if (segment >= 0)
    rsb_song_card_show_segment (self->song_card, self->activity, segment,
                                &g_array_index (self->colours, GdkRGBA, segment));
  gtk_revealer_set_reveal_child (self->card_revealer, segment >= 0);
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

RsbSongCard *
rsb_activity_view_get_card (RsbActivityView *self)
{
  return self->song_card;
}

static void
on_segment_clicked (RsbRouteMap     *map,
                    guint            segment,
                    RsbActivityView *self)
{
  rsb_activity_view_select (self, segment);
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

static void
clear_selection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  rsb_activity_view_select (RSB_ACTIVITY_VIEW (widget), -1);
}

static void
rsb_activity_view_dispose (GObject *object)
{
  RsbActivityView *self = RSB_ACTIVITY_VIEW (object);

  /* The map goes with the template, before the activity it borrows. */
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_ACTIVITY_VIEW);
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
  g_type_ensure (RSB_TYPE_SONG_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-activity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, note_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, note_label);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityView, route_map);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "activity.next-song", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "activity.previous-song", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "activity.clear-selection", NULL);
}

static void
rsb_activity_view_init (RsbActivityView *self)
{
  self->selected = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->route_map, "segment-clicked", G_CALLBACK (on_segment_clicked), self);
  g_signal_connect (self->songs_list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->offset_spin, "value-changed", G_CALLBACK (on_offset_changed), self);
}
