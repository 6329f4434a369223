/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-window-library.c: the sidebar's search and order, and the songs
 * page beside the activity list.
 *
 * The list the user sees is the window's list store seen through a
 * filter and a sorter: the store keeps rows in the order they arrived,
 * and the sorter puts them in the order chosen (by date too). */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-window-private.h"
#include "rsb-activity-item.h"
#include "rsb-search.h"

static gboolean
activity_matches (gpointer item,
                  gpointer user_data)
{
  RsbWindow *self = user_data;
  const RsbActivityInfo *info = rsb_activity_item_get_info (item);

  return rsb_search_matches_all (rsb_activity_item_get_search_text (item), self->search_terms) ||
         (self->song_matches != NULL && g_hash_table_contains (self->song_matches, &info->id));
}

/* The store's order: newest first, routes without times last. */
static int
compare_dates (const RsbActivityInfo *a,
               const RsbActivityInfo *b)
{
  gboolean a_timed = rsb_activity_info_has_times (a), b_timed = rsb_activity_info_has_times (b);

  if (a_timed != b_timed)
    return a_timed ? -1 : 1;
  if (a_timed && a->start_ms != b->start_ms)
    return a->start_ms > b->start_ms ? -1 : 1;
  return a->id > b->id ? -1 : a->id < b->id;
}

static int
larger_first (double a,
              double b)
{
  return a > b ? -1 : a < b;
}

static int
compare_activities (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  RsbWindow *self = user_data;
  const RsbActivityInfo *x = rsb_activity_item_get_info ((gpointer) a);
  const RsbActivityInfo *y = rsb_activity_item_get_info ((gpointer) b);
  int order = 0;

  if (g_strcmp0 (self->sort_key, "distance") == 0)
    order = larger_first (x->distance_m, y->distance_m);
  else if (g_strcmp0 (self->sort_key, "duration") == 0)
    order = larger_first (x->elapsed_s, y->elapsed_s);
  else if (g_strcmp0 (self->sort_key, "coverage") == 0)
    order = larger_first (rsb_activity_info_has_times (x) ? x->coverage : -1,
                          rsb_activity_info_has_times (y) ? y->coverage : -1);
  return order != 0 ? order : compare_dates (x, y);
}

/* "No match" only once every row has had its step: a match may be
 * among those still waiting. */
void
rsb_window_library_update_page (RsbWindow *self)
{
  gboolean none = g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0 &&
                  g_list_model_get_n_items (G_LIST_MODEL (self->activities)) > 0 &&
                  self->remaining_items == NULL;

  gtk_stack_set_visible_child_name (self->activity_stack, none ? "no-match" : "list");
}

/* Activities where a song or artist matching the whole query played. */
static void
find_song_matches (RsbWindow  *self,
                   const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_clear_pointer (&self->song_matches, g_hash_table_unref);
  if (self->search_terms == NULL)
    return;
  ids = rsb_store_activities_with_song (self->store, query, &error);
  if (ids == NULL)
    {
      rsb_window_show_error (self, _("Songs Could Not Be Searched"), error);
      return;
    }
  self->song_matches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->song_matches, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
}

static void
apply_search (RsbWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->activity_search));

  g_strfreev (self->search_terms);
  self->search_terms = rsb_search_terms (query);
  find_song_matches (self, query);
  if (self->search_terms == NULL)
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  else
    {
      gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  rsb_window_library_update_page (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   RsbWindow      *self)
{
  apply_search (self);
}

/* Escape in the entry clears the search first, as in GNOME's lists. */
static void
on_stop_search (GtkSearchEntry *entry,
                RsbWindow      *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  apply_search (self);
}

/* Keyboard focus to a row of the results, the selected one or the
 * first, without selecting it: Enter opens it. GTK 4.8's list view has
 * no call for that, so the row is found among the list's children. */
static void
focus_results (RsbWindow *self,
               gboolean   first)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  if (first || position == GTK_INVALID_LIST_POSITION)
    position = 0;
  gtk_widget_activate_action (GTK_WIDGET (self->activity_list), "list.scroll-to-item", "u", position);
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->activity_list)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      GtkListItem *list_item = row ? g_object_get_data (G_OBJECT (row), "rsb-list-item") : NULL;

      if (list_item != NULL && gtk_list_item_get_position (list_item) == position)
        {
          gtk_widget_grab_focus (item);
          return;
        }
    }
  gtk_widget_child_focus (GTK_WIDGET (self->activity_list), GTK_DIR_TAB_FORWARD);
}

/* Escape empties the search and leaves the entry for the results. */
static void
on_search_escaped (GtkSearchEntry *entry,
                   RsbWindow      *self)
{
  focus_results (self, FALSE);
}

/* Enter in the search opens the first result. */
static void
on_search_activate (GtkSearchEntry *entry,
                    RsbWindow      *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    g_signal_emit_by_name (self->activity_list, "activate", 0);
}

/* Down from the search goes to the first result, as in a list of
 * search results anywhere on the desktop. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               RsbWindow             *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  focus_results (self, TRUE);
  return TRUE;
}

static void
apply_sort (RsbWindow *self)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_activities, self, NULL));

  g_free (self->sort_key);
  self->sort_key = g_settings_get_string (self->settings, "activity-sort");
  /* By date too: the list store keeps rows in the order they arrived. */
  gtk_sort_list_model_set_sorter (self->sorted, sorter);
}

static void
on_sort_changed (GSettings  *settings,
                 const char *key,
                 RsbWindow  *self)
{
  apply_sort (self);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  RsbWindow  *self)
{
  rsb_window_library_update_page (self);
}

guint
rsb_window_position_of (RsbWindow *self,
                        gint64     id,
                        gboolean   reveal)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RsbActivityItem) item = g_list_model_get_item (model, i);

      if (rsb_activity_item_get_info (item)->id == id)
        return i;
    }
  /* An activity the user asked for is shown even if the search hid it. */
  if (reveal && self->search_terms != NULL)
    {
      on_stop_search (self->activity_search, self);
      return rsb_window_position_of (self, id, FALSE);
    }
  /* Nothing shown yet: the first row. */
  return id == 0 ? 0 : GTK_INVALID_LIST_POSITION;
}

static RsbActivityItem *
find_item (RsbWindow *self,
           gint64     id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RsbActivityItem) item = g_list_model_get_item (G_LIST_MODEL (self->activities), i);

      if (rsb_activity_item_get_info (item)->id == id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

/* Opens an activity with the stretch where a play was heard selected. */
void
rsb_window_open_stretch (RsbWindow *self,
                         gint64     activity_id,
                         gint64     play_id)
{
  g_autoptr(RsbActivityItem) item = NULL;
  RsbActivityView *view;
  const RsbActivity *activity;
  guint position;

  if ((item = find_item (self, activity_id)) == NULL)
    {
      rsb_window_add_waiting_rows (self);
      if ((item = find_item (self, activity_id)) == NULL)
        return;
    }
  position = rsb_window_position_of (self, activity_id, FALSE);
  gtk_single_selection_set_selected (self->selection, position);
  rsb_window_show_activity_info (self, rsb_activity_item_get_info (item));
  view = rsb_window_get_activity_view (self);
  activity = rsb_activity_view_get_activity (view);
  for (guint i = 0; activity != NULL && i < rsb_activity_n_segments (activity); i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);

      if (play != NULL && play->id == play_id)
        {
          rsb_activity_view_select (view, i);
          break;
        }
    }
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_stretch_activated (RsbSongsPage *page,
                      gint64        activity_id,
                      gint64        play_id,
                      RsbWindow    *self)
{
  rsb_window_open_stretch (self, activity_id, play_id);
}

/* Made when first shown: launch does not wait for a page of its own
 * that most visits never open. */
static RsbSongsPage *
ensure_songs_page (RsbWindow *self)
{
  if (self->songs_page != NULL)
    return self->songs_page;
  self->songs_page = g_object_new (RSB_TYPE_SONGS_PAGE, NULL);
  adw_bin_set_child (self->songs_slot, GTK_WIDGET (self->songs_page));
  g_signal_connect (self->songs_page, "stretch-activated", G_CALLBACK (on_stretch_activated), self);
  rsb_songs_page_set_store (self->songs_page, self->store);
  return self->songs_page;
}

static void
on_tempo_stretch_activated (RsbTempoPage *page,
                            gint64        activity_id,
                            gint64        play_id,
                            RsbWindow    *self)
{
  rsb_window_open_stretch (self, activity_id, play_id);
}

/* Made when first shown, like the Songs page. */
static RsbTempoPage *
ensure_tempo_page (RsbWindow *self)
{
  if (self->tempo_page != NULL)
    return self->tempo_page;
  self->tempo_page = g_object_new (RSB_TYPE_TEMPO_PAGE, NULL);
  adw_bin_set_child (self->tempo_slot, GTK_WIDGET (self->tempo_page));
  g_signal_connect (self->tempo_page, "stretch-activated", G_CALLBACK (on_tempo_stretch_activated), self);
  rsb_tempo_page_set_store (self->tempo_page, self->store);
  return self->tempo_page;
}

/* Typing in the sidebar searches the page it shows; elsewhere keys
 * belong to the map and the song list. */
static void
on_page_changed (AdwViewStack *stack,
                 GParamSpec   *pspec,
                 RsbWindow    *self)
{
  gboolean songs = g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "songs") == 0;
  GtkSearchEntry *songs_entry = NULL;

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "tempo") == 0)
    ensure_tempo_page (self);
  if (songs || self->songs_page != NULL)
    songs_entry = rsb_songs_page_get_search_entry (ensure_songs_page (self));
  if (songs_entry != NULL)
    gtk_search_entry_set_key_capture_widget (songs ? self->activity_search : songs_entry, NULL);
  gtk_search_entry_set_key_capture_widget (songs ? songs_entry : self->activity_search,
                                           GTK_WIDGET (self->library_stack));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RsbWindow *self = RSB_WINDOW (widget);
  gboolean songs = g_strcmp0 (adw_view_stack_get_visible_child_name (self->library_stack), "songs") == 0;

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (songs ? GTK_WIDGET (rsb_songs_page_get_search_entry (ensure_songs_page (self)))
                               : GTK_WIDGET (self->activity_search));
}

void
rsb_window_library_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (RSB_TYPE_SONGS_PAGE);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, library_stack);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, activity_search);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, activity_stack);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, songs_slot);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, tempo_slot);
  gtk_widget_class_bind_template_child (widget_class, RsbWindow, view_switcher);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

/* The model the selection shows: the list store, searched and sorted. */
GListModel *
rsb_window_library_init (RsbWindow *self)
{
  g_autoptr(GAction) sort = g_settings_create_action (self->settings, "activity-sort");
  GtkEventController *keys;

  self->filter = gtk_custom_filter_new (activity_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->activities)), NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), NULL);
  apply_sort (self);
  g_action_map_add_action (G_ACTION_MAP (self), sort);
  g_signal_connect_object (self->settings, "changed::activity-sort", G_CALLBACK (on_sort_changed), self, 0);
  g_signal_connect (self->sorted, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect (self->activity_search, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->activity_search, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_after (self->activity_search, "stop-search", G_CALLBACK (on_search_escaped), self);
  g_signal_connect (self->activity_search, "activate", G_CALLBACK (on_search_activate), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->activity_search), keys);
  g_signal_connect (self->library_stack, "notify::visible-child", G_CALLBACK (on_page_changed), self);
  /* Three pages do not fit a phone's header: folded, the switcher bar
   * at the bottom of the sidebar takes over. */
  g_object_bind_property (self->leaflet, "folded", self->view_switcher, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  on_page_changed (self->library_stack, NULL, self);
  return g_object_ref (G_LIST_MODEL (self->sorted));
}

/* The list store was refreshed: songs heard may have changed too. */
void
rsb_window_library_reloaded (RsbWindow *self)
{
  if (self->search_terms != NULL)
    apply_search (self);
  if (self->songs_page != NULL)
    rsb_songs_page_set_store (self->songs_page, self->store);
  if (self->tempo_page != NULL)
    rsb_tempo_page_set_store (self->tempo_page, self->store);
  rsb_window_library_update_page (self);
}

void
rsb_window_library_dispose (RsbWindow *self)
{
  /* The page belongs to its slot, which the template disposes. */
  if (self->songs_page != NULL)
    g_signal_handlers_disconnect_by_data (self->songs_page, self);
  self->songs_page = NULL;
  if (self->tempo_page != NULL)
    g_signal_handlers_disconnect_by_data (self->tempo_page, self);
  self->tempo_page = NULL;
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search_terms, g_strfreev);
  g_clear_pointer (&self->song_matches, g_hash_table_unref);
  g_clear_pointer (&self->sort_key, g_free);
}
