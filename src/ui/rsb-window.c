/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window.c: the library window, a sidebar of activities beside the
 * selected one. A window opened on the sample has an in-memory library
 * of its own. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-window-private.h"
#include "rsb-window-export.h"
#include "rsb-activity-item.h"
#include "rsb-activity-row.h"
#include "rsb-deferred-menu.h"
#include "rsb-format.h"
#include "rsb-message.h"
#include "rsb-offline-banner.h"

/* New activities go into the list this many per main-loop turn: the
 * list view builds a row for each (up to a couple of hundred, some
 * 0.1 ms apiece), and a turn must stay far below a frame's budget. At
 * launch the first step is more than a tall window shows. */
#define ITEMS_PER_STEP 40


G_DEFINE_FINAL_TYPE (RsbWindow, rsb_window, ADW_TYPE_APPLICATION_WINDOW)

gboolean
rsb_window_is_sample (RsbWindow *self)
{
  return self->is_sample;
}

RsbStore *
rsb_window_get_store (RsbWindow *self)
{
  return self->store;
}

static gboolean
save_clock_offset (gpointer data)
{
  RsbWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->offset_timeout = 0;
  if (!rsb_store_set_clock_offset (self->store, self->offset_activity, self->offset_ms, &error))
    rsb_window_show_error (self, _("Clock Offset Not Saved"), error);
  else
    rsb_window_reload (self, 0);
  return G_SOURCE_REMOVE;
}

/* Saved once the spinning stops: one write, not one per step. */
static void
on_clock_offset_changed (RsbActivityView *view,
                         gint64           activity_id,
                         gint64           offset_ms,
                         RsbWindow       *self)
{
  if (self->offset_timeout != 0 && self->offset_activity != activity_id)
    save_clock_offset (self);
  g_clear_handle_id (&self->offset_timeout, g_source_remove);
  self->offset_activity = activity_id;
  self->offset_ms = offset_ms;
  self->offset_timeout = g_timeout_add (400, save_clock_offset, self);
}

/* The replay's "Play the songs" asks the desktop's music players on
 * the session bus; the library finds the files the scan matched. */
static void
listen_along (RsbWindow *self)
{
  g_autoptr(RsbListenAlong) along = rsb_listen_along_new (self->store);

  self->replay_listen = rsb_replay_listen_new (rsb_activity_view_get_replay_bar (self->activity_view), along);
}

RsbActivityView *
rsb_window_get_activity_view (RsbWindow *self)
{
  if (self->activity_view == NULL)
    {
      self->activity_view = g_object_new (RSB_TYPE_ACTIVITY_VIEW, "vexpand", TRUE, NULL);
      g_signal_connect (self->activity_view, "clock-offset-changed", G_CALLBACK (on_clock_offset_changed), self);
      gtk_box_append (self->activity_slot, GTK_WIDGET (self->activity_view));
      rsb_activity_view_set_narrow (self->activity_view, adw_leaflet_get_folded (self->leaflet));
      listen_along (self);
    }
  return self->activity_view;
}

/* Text too long for a toast is a click away, whole, in a dialog. */
void
rsb_window_toast (RsbWindow  *self,
                  const char *text)
{
  AdwToast *toast = rsb_message_toast_new (GTK_WIDGET (self->toast_overlay), NULL, text, NULL);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The toast says heading, or the message when it fits; Details has the
 * whole message and what to do about it. It stays longer than news:
 * there is more to read. */
void
rsb_window_show_error (RsbWindow    *self,
                       const char   *heading,
                       const GError *error)
{
  AdwToast *toast = rsb_message_toast_new (GTK_WIDGET (self->toast_overlay), heading, error->message,
                                           rsb_message_advice (error));

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_page (RsbWindow    *self,
                 const GError *error)
{
  const char *advice = rsb_message_advice (error);
  g_autofree char *text = advice != NULL ? g_strconcat (error->message, "\n\n", advice, NULL)
                                         : g_strdup (error->message);
  /* Descriptions are markup; the message quotes a path. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_status_page_set_title (self->welcome_page, _("The Library Could Not Be Opened"));
  adw_status_page_set_icon_name (self->welcome_page, "dialog-error-symbolic");
  adw_status_page_set_description (self->welcome_page, escaped);
  gtk_widget_set_visible (adw_status_page_get_child (self->welcome_page), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

/* The activity's name over its date; folded to a phone's width, the
 * date without its weekday, so that it shows whole. */
static void
show_title (RsbWindow             *self,
            const RsbActivityInfo *info)
{
  g_autofree char *date = !rsb_activity_info_has_times (info) ? g_strdup ("")
                          : adw_leaflet_get_folded (self->leaflet) ? rsb_format_local_date_short (info->start_ms)
                          : rsb_format_local_date (info->start_ms);

  adw_window_title_set_title (self->content_title, info->name);
  adw_window_title_set_subtitle (self->content_title, date);
}

static void
show_activity (RsbWindow             *self,
               const RsbActivityInfo *info)
{
  g_autoptr(GError) error = NULL;
  RsbActivity *activity;

  if (info != NULL && info->id == self->shown_id)
    return;
  self->shown_id = info ? info->id : 0;
  if (info == NULL)
    {
      if (self->activity_view != NULL)
        rsb_activity_view_set_activity (self->activity_view, NULL);
      rsb_window_export_update (self);
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      return;
    }

  activity = rsb_activity_load (self->store, info->id, &error);
  if (activity == NULL)
    {
      rsb_window_show_error (self, _("Activity Could Not Be Opened"), error);
      return;
    }
  show_title (self, info);
  rsb_activity_view_set_activity (rsb_window_get_activity_view (self), activity);
  rsb_window_export_update (self);
}

/* The activity shown, read again: a history imported, a sync, a saved
 * offset or an edit may have changed its songs, and the view follows
 * at once. An offset still waiting to be saved stays applied. */
static void
refresh_shown (RsbWindow *self)
{
  g_autoptr(GError) error = NULL;
  RsbActivity *fresh;

  if (self->shown_id == 0 || self->activity_view == NULL)
    return;
  fresh = rsb_activity_load (self->store, self->shown_id, &error);
  if (fresh == NULL)
    {
      /* Gone from the library, or unreadable: show nothing rather than
       * what is no longer there. */
      show_activity (self, NULL);
      return;
    }
  if (self->offset_timeout != 0 && self->offset_activity == self->shown_id)
    rsb_activity_set_clock_offset (fresh, self->offset_ms);
  show_title (self, fresh->info);
  rsb_activity_view_refresh (self->activity_view, fresh);
  rsb_window_export_update (self);
}

static void
show_selected (RsbWindow *self)
{
  RsbActivityItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    show_activity (self, rsb_activity_item_get_info (item));
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      guint               position,
                      guint               n_items,
                      RsbWindow          *self)
{
  RsbActivityItem *item = gtk_single_selection_get_selected_item (selection);

  /* No row: the search hid it, and its activity stays shown. */
  if (item != NULL)
    show_activity (self, rsb_activity_item_get_info (item));
}

/* Enter (or a double click) on a row opens it, even when only the
 * keyboard focus, not the selection, was on it. */
static void
on_list_activate (GtkListView *list,
                  guint        position,
                  RsbWindow   *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* A click selected the row (and so showed its activity) as it went
 * down; folded, the activity page must also come forward. */
static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 gpointer         user_data)
{
  gtk_widget_activate_action (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)),
                              "win.show-content", NULL);
}

static void
show_content_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RsbWindow *self = RSB_WINDOW (widget);

  if (self->shown_id != 0)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_back_clicked (GtkButton *button,
                 RsbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
show_selected_later (gpointer data)
{
  RsbWindow *self = data;

  self->show_idle = 0;
  show_selected (self);
  return G_SOURCE_REMOVE;
}

static void add_in_steps (RsbWindow *self,
                          GPtrArray *added);

static gboolean
add_next_step (gpointer data)
{
  RsbWindow *self = data;

  self->remaining_idle = 0;
  add_in_steps (self, g_steal_pointer (&self->remaining_items));
  return G_SOURCE_REMOVE;
}

/* Appends the first of added (which it takes, with its references) and
 * keeps the rest for a later turn; the sort model orders them. Low
 * priority: frames are drawn between the steps. */
static void
add_in_steps (RsbWindow *self,
              GPtrArray *added)
{
  guint now = MIN (added->len, ITEMS_PER_STEP);

  if (now > 0)
    g_list_store_splice (self->activities, g_list_model_get_n_items (G_LIST_MODEL (self->activities)), 0,
                         added->pdata, now);
  g_ptr_array_remove_range (added, 0, now);
  if (added->len > 0)
    {
      self->remaining_items = added;
      self->remaining_idle = g_idle_add_full (G_PRIORITY_LOW, add_next_step, self, NULL);
    }
  else
    g_ptr_array_unref (added);
  rsb_window_library_update_page (self);
}

/* For a caller that needs a row now (a stretch clicked in the Songs
 * page): what is still waiting for its step goes in at once. */
void
rsb_window_add_waiting_rows (RsbWindow *self)
{
  g_clear_handle_id (&self->remaining_idle, g_source_remove);
  if (self->remaining_items == NULL)
    return;
  g_list_store_splice (self->activities, g_list_model_get_n_items (G_LIST_MODEL (self->activities)), 0,
                       self->remaining_items->pdata, self->remaining_items->len);
  g_clear_pointer (&self->remaining_items, g_ptr_array_unref);
  rsb_window_library_update_page (self);
}

static gboolean
same_row (const RsbActivityInfo *a,
          const RsbActivityInfo *b)
{
  return a->id == b->id && a->n_points == b->n_points && a->n_songs == b->n_songs &&
         a->coverage == b->coverage && a->distance_m == b->distance_m &&
         g_strcmp0 (a->name, b->name) == 0;
}

/* Brings the list store to items touching only what changed, so the
 * list view keeps its rows: rebuilding a thousand of them stalls the
 * window for a tenth of a second. The sort model puts rows in order,
 * so new activities are appended (a splice per run of them in date
 * order cost the sort model a pass each), the one to select first.
 * Items still waiting for their step are simply added again. */
static void
fill_list (RsbWindow *self,
           GPtrArray *items,
           gint64     select_id)
{
  GListModel *model = G_LIST_MODEL (self->activities);
  g_autoptr(GHashTable) incoming = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *added = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_handle_id (&self->remaining_idle, g_source_remove);
  g_clear_pointer (&self->remaining_items, g_ptr_array_unref);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (incoming, (gpointer) &rsb_activity_item_get_info (items->pdata[i])->id,
                         items->pdata[i]);

  for (guint pos = g_list_model_get_n_items (model); pos-- > 0; )
    {
      g_autoptr(RsbActivityItem) shown = g_list_model_get_item (model, pos);
      const RsbActivityInfo *info = rsb_activity_item_get_info (shown);
      gpointer next = g_hash_table_lookup (incoming, &info->id);

      if (next == NULL)
        g_list_store_remove (self->activities, pos);
      else if (!same_row (info, rsb_activity_item_get_info (next)))
        {
          self->shown_changed |= info->id == self->shown_id;
          g_list_store_splice (self->activities, pos, 1, &next, 1);
        }
      g_hash_table_remove (incoming, &info->id);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const RsbActivityInfo *info = rsb_activity_item_get_info (items->pdata[i]);

      if (!g_hash_table_contains (incoming, &info->id))
        continue;
      g_ptr_array_add (added, g_object_ref (items->pdata[i]));
      if (info->id == select_id)
        {
          added->pdata[added->len - 1] = added->pdata[0];
          added->pdata[0] = items->pdata[i];
        }
    }
  add_in_steps (self, added);
}

/* Re-reads the activity list and the activity shown; select_id becomes
 * the selected activity (0: the one shown stays, or the newest when
 * none is). */
void
rsb_window_reload (RsbWindow *self,
                   gint64     select_id)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 was_shown = self->shown_id;

  if ((list = rsb_store_list_activities (self->store, &error)) == NULL)
    {
      rsb_window_show_error (self, _("Library Could Not Be Read"), error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (items, rsb_activity_item_new (g_steal_pointer (&list->pdata[i])));

  fill_list (self, items, select_id);
  rsb_window_library_reloaded (self);
  gtk_stack_set_visible_child_name (self->main_stack, items->len > 0 ? "library" : "welcome");
  if (items->len > 0)
    {
      gtk_single_selection_set_selected (self->selection,
                                         rsb_window_position_of (self, select_id ? select_id : self->shown_id,
                                                                 select_id != 0));
      /* Autoselection after the splice does not always signal a change:
       * show the selected activity (a no-op when it is shown already). */
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          /* At launch the list comes first; the route follows the first frame. */
          g_clear_handle_id (&self->show_idle, g_source_remove);
          self->show_idle = g_idle_add_full (G_PRIORITY_LOW, show_selected_later, self, NULL);
          return;
        }
      show_selected (self);
    }
  /* While an import runs, only a row that changed is worth reading its
   * route again for; once it is done (or a sync, an offset), always. */
  if (self->shown_id == was_shown && (self->shown_changed || !rsb_window_is_importing (self)))
    refresh_shown (self);
  self->shown_changed = FALSE;
}

RsbImportProgress *
rsb_window_show_import_progress (RsbWindow *self,
                                 gboolean   visible)
{
  gtk_revealer_set_reveal_child (self->import_revealer, visible);
  return self->import_progress;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = rsb_activity_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* Only watches: the list item's own gesture selects. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_row_released), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  /* For the keyboard to find the row of a position (the list item
   * outlives its child). */
  g_object_set_data (G_OBJECT (row), "rsb-list-item", list_item);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  rsb_activity_row_set_item (RSB_ACTIVITY_ROW (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item));
}

static void
setup_list (RsbWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->activities = g_list_store_new (RSB_TYPE_ACTIVITY_ITEM);
  /* Searching must not switch the activity shown: no autoselection. */
  self->selection = gtk_single_selection_new (rsb_window_library_init (self));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  gtk_list_view_set_factory (self->activity_list, factory);
  gtk_list_view_set_model (self->activity_list, GTK_SELECTION_MODEL (self->selection));
  /* Single-click activation would select whatever the pointer rests
   * on or the wheel scrolls under it: hover only highlights, a click
   * or Enter opens. */
  gtk_list_view_set_single_click_activate (self->activity_list, FALSE);
  g_signal_connect (self->activity_list, "activate", G_CALLBACK (on_list_activate), self);
}

/* A window too narrow for the sidebar is too narrow for map and songs
 * side by side. */
static void
on_folded_changed (RsbWindow *self)
{
  const RsbActivity *activity;

  if (self->activity_view == NULL)
    return;
  rsb_activity_view_set_narrow (self->activity_view, adw_leaflet_get_folded (self->leaflet));
  if ((activity = rsb_activity_view_get_activity (self->activity_view)) != NULL)
    show_title (self, activity->info);
}

/* Whether a key would do something where the focus is: there it is
 * the focused widget's, not the window's. */
static gboolean
focus_uses_key (GtkWidget *focus,
                guint      keyval)
{
  if (focus == NULL)
    return FALSE;
  /* Text being typed, and menus and popovers, which move and pick with
   * these keys. */
  if (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return TRUE;
  switch (keyval)
    {
    case GDK_KEY_space:
      /* Space presses the button with the focus and picks rows, as
       * anywhere in GNOME; on the replay bar's own buttons, and
       * elsewhere in the window, it plays and pauses. */
      if (gtk_widget_get_ancestor (focus, RSB_TYPE_REPLAY_BAR) != NULL)
        return FALSE;
      return GTK_IS_BUTTON (focus) || GTK_IS_SWITCH (focus) || GTK_IS_CHECK_BUTTON (focus) ||
             gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX) != NULL ||
             gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) != NULL;
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      /* The profile chart moves its crosshair with them. */
      return RSB_IS_PROFILE_CHART (focus) || GTK_IS_RANGE (focus);
    case GDK_KEY_Home:
    case GDK_KEY_End:
      return gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX) != NULL ||
             gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) != NULL ||
             RSB_IS_PROFILE_CHART (focus);
    default:
      return FALSE;
    }
}

/* The replay's keys: Space, Left/Right (with Shift a minute), Home, End. */
static gboolean
activate_replay_key (RsbWindow       *self,
                     guint            keyval,
                     GdkModifierType  state)
{
  RsbReplayBar *bar = rsb_activity_view_get_replay_bar (self->activity_view);
  int step = (state & GDK_SHIFT_MASK) ? 60 : 10;

  if (!rsb_replay_bar_can_replay (bar))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_space:
      return gtk_widget_activate_action (GTK_WIDGET (bar), "replay.toggle", NULL);
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      return gtk_widget_activate_action (GTK_WIDGET (bar), "replay.seek-by", "i",
                                         keyval == GDK_KEY_Left ? -step : step);
    case GDK_KEY_Home:
      return gtk_widget_activate_action (GTK_WIDGET (bar), "replay.seek-start", NULL);
    case GDK_KEY_End:
      return gtk_widget_activate_action (GTK_WIDGET (bar), "replay.seek-end", NULL);
    default:
      return FALSE;
    }
}

/* [ and ] step through the songs of the activity shown wherever the
 * focus is, T taps its tempo, and the replay's keys play it back,
 * unless the focus is in text being typed (the sidebar's search would
 * otherwise take them for the start of a search) or in a widget that
 * uses the key itself. */
static gboolean
on_window_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               RsbWindow             *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  const char *action = keyval == GDK_KEY_bracketright ? "activity.next-song"
                       : keyval == GDK_KEY_bracketleft ? "activity.previous-song"
                       : keyval == GDK_KEY_t || keyval == GDK_KEY_T ? "activity.tap-tempo" : NULL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || focus_uses_key (focus, keyval) ||
      self->activity_view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->activity_view)))
    return FALSE;
  if (action == NULL)
    {
      /* Not on the Songs and Tempo pages, whose lists and charts use
       * these keys themselves. */
      if (focus != NULL && (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->songs_slot)) ||
                            gtk_widget_is_ancestor (focus, GTK_WIDGET (self->tempo_slot))))
        return FALSE;
      return activate_replay_key (self, keyval, state);
    }
  return gtk_widget_activate_action (GTK_WIDGET (self->activity_view), action, NULL);
}

static void
restore_size (RsbWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
rsb_window_close_request (GtkWindow *window)
{
  RsbWindow *self = RSB_WINDOW (window);
  int width, height;

  rsb_window_cancel_import (self);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  return GTK_WINDOW_CLASS (rsb_window_parent_class)->close_request (window);
}

static gboolean
open_library (RsbWindow *self)
{
  g_autofree char *path = rsb_store_default_path ();
  g_autoptr(GError) error = NULL;

  self->store = rsb_store_open (path, &error);
  if (self->store == NULL)
    {
      show_error_page (self, error);
      return FALSE;
    }
  return TRUE;
}

RsbWindow *
rsb_window_new (RsbApplication *app,
                RsbStore       *sample_store)
{
  RsbWindow *self = g_object_new (RSB_TYPE_WINDOW, "application", app, NULL);

  self->is_sample = sample_store != NULL;
  gtk_revealer_set_reveal_child (self->sample_revealer, self->is_sample);
  if (self->is_sample)
    {
      self->store = g_object_ref (sample_store);
      gtk_window_set_title (GTK_WINDOW (self), _("Sample Run — Run Sous BPM"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "sample");
    }
  else if (!open_library (self))
    return self;

  rsb_window_actions_init (self);
  if (!self->is_sample)
    rsb_window_sync_init (self);
  rsb_window_reload (self, 0);
  return self;
}

static void
rsb_window_dispose (GObject *object)
{
  RsbWindow *self = RSB_WINDOW (object);

  /* An offset chosen just before closing is still saved. */
  if (self->offset_timeout != 0)
    {
      g_clear_handle_id (&self->offset_timeout, g_source_remove);
      rsb_store_set_clock_offset (self->store, self->offset_activity, self->offset_ms, NULL);
    }
  rsb_window_library_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_WINDOW);
  g_clear_object (&self->replay_listen);
  g_clear_object (&self->selection);
  g_clear_object (&self->activities);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->waiting_files, g_ptr_array_unref);
  g_clear_pointer (&self->import_summary, g_free);
  g_clear_pointer (&self->import_details, g_free);
  g_clear_pointer (&self->import_advice, g_free);
  g_clear_handle_id (&self->remaining_idle, g_source_remove);
  g_clear_handle_id (&self->show_idle, g_source_remove);
  g_clear_handle_id (&self->sync_reload, g_source_remove);
  g_clear_pointer (&self->remaining_items, g_ptr_array_unref);
  G_OBJECT_CLASS (rsb_window_parent_class)->dispose (object);
}

static GObject *
template_object (RsbWindow  *self,
                 const char *id)
{
  return gtk_widget_get_template_child (GTK_WIDGET (self), RSB_TYPE_WINDOW, id);
}

static const struct { const char *button, *menu; } menus[] = {
  { "welcome_menu_button", "primary_menu" },
  { "sidebar_menu_button", "primary_menu" },
  { "activity_sort_button", "activity_sort_menu" },
  { "activity_menu_button", "activity_menu" },
};

/* Looked up by name, not kept in the instance. */
static void
bind_menus (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, menus[i].button, FALSE, 0);
      if (i == 0 || g_strcmp0 (menus[i].menu, menus[i - 1].menu) != 0)
        gtk_widget_class_bind_template_child_full (widget_class, menus[i].menu, FALSE, 0);
    }
}

static void
attach_menus (RsbWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    rsb_deferred_menu_attach (GTK_MENU_BUTTON (template_object (self, menus[i].button)),
                              G_MENU_MODEL (template_object (self, menus[i].menu)));
}

static void
rsb_window_class_init (RsbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = rsb_window_close_request;

  g_type_ensure (RSB_TYPE_IMPORT_PROGRESS);
  g_type_ensure (RSB_TYPE_OFFLINE_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, sample_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, activity_list);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, activity_slot);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, sync_stack);

  bind_menus (widget_class);
  rsb_window_library_class_init (widget_class);
  rsb_window_export_class_init (widget_class);
  rsb_window_tempo_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, rsb_window_import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, rsb_window_import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-guide", NULL, rsb_window_import_guide_activated);
  gtk_widget_class_install_action (widget_class, "win.sample", NULL, rsb_window_sample_activated);
  gtk_widget_class_install_action (widget_class, "win.import-details", NULL, rsb_window_import_details_activated);
  gtk_widget_class_install_action (widget_class, "win.show-content", NULL, show_content_activated);
}

static void
rsb_window_init (RsbWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  attach_menus (self);
  self->settings = g_settings_new (APP_ID);
  restore_size (self);
  setup_list (self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed), self);
}

/* For rsb-window-library.c: an activity the list may not show. */
void
rsb_window_show_activity_info (RsbWindow             *self,
                               const RsbActivityInfo *info)
{
  show_activity (self, info);
}
