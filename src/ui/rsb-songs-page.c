/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-songs-page.c: every song heard during workouts ("power songs"),
 * and for one song the workouts where it played.
 *
 * Reading every route takes a while on a large library: it happens on
 * a thread of its own with its own connection, only when the page is
 * shown, and again only after the library changed. */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "rsb-deferred-menu.h"
#include "rsb-format.h"
#include "rsb-units-setting.h"
#include "rsb-search.h"
#include "rsb-songs-page.h"
#include "rsb-tempo-offer.h"

/* ---- a song as an entry of the list model ----------------------------- */

#define RSB_TYPE_SONG_ITEM (rsb_song_item_get_type ())
G_DECLARE_FINAL_TYPE (RsbSongItem, rsb_song_item, RSB, SONG_ITEM, GObject)

struct _RsbSongItem
{
  GObject         parent_instance;
  RsbSongSummary *summary;
  char           *search_text;
};

G_DEFINE_FINAL_TYPE (RsbSongItem, rsb_song_item, G_TYPE_OBJECT)

static void
rsb_song_item_finalize (GObject *object)
{
  RsbSongItem *self = RSB_SONG_ITEM (object);

  rsb_song_summary_free (self->summary);
  g_free (self->search_text);
  G_OBJECT_CLASS (rsb_song_item_parent_class)->finalize (object);
}

static void
rsb_song_item_class_init (RsbSongItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rsb_song_item_finalize;
}

static void
rsb_song_item_init (RsbSongItem *self)
{
}

/* Takes ownership of summary. */
static RsbSongItem *
rsb_song_item_new (RsbSongSummary *summary)
{
  RsbSongItem *self = g_object_new (RSB_TYPE_SONG_ITEM, NULL);
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s", summary->track.title ? summary->track.title : "",
                                           summary->track.artists ? summary->track.artists : "",
                                           summary->track.album ? summary->track.album : "");

  self->summary = summary;
  self->search_text = rsb_search_fold (text);
  return self;
}

/* ---- the page ---------------------------------------------------------- */

struct _RsbSongsPage
{
  GtkBox              parent_instance;

  GtkStack           *pages;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *song_list;
  GtkSpinner         *spinner;
  GtkButton          *back_button;
  GtkLabel           *song_title;
  GtkLabel           *song_artists;
  GtkLabel           *song_summary;
  GtkListBox         *stretch_list;
  RsbTempoOffer      *tempo_offer;

  RsbStore           *store;
  GSettings          *settings;
  GListStore         *songs;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkCustomSorter    *sorter;
  GtkCustomFilter    *filter;
  char              **terms;
  char               *sort_key;
  GCancellable       *loading;    /* a read in progress */
  gboolean            stale;      /* the library changed since the last read */
  gint64              shown_track;  /* the song whose workouts are listed, or 0 */
};

enum { STRETCH_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsbSongsPage, rsb_songs_page, GTK_TYPE_BOX)

static int
compare_changes (double a,
                 double b)
{
  /* Songs that cannot be compared go last whichever way. */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return a > b ? -1 : a < b;
}

static int
compare_songs (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  RsbSongsPage *self = user_data;
  const RsbSongSummary *x = RSB_SONG_ITEM ((gpointer) a)->summary;
  const RsbSongSummary *y = RSB_SONG_ITEM ((gpointer) b)->summary;
  int order = 0;

  if (g_strcmp0 (self->sort_key, "workouts") == 0)
    order = x->n_workouts > y->n_workouts ? -1 : x->n_workouts < y->n_workouts;
  else if (g_strcmp0 (self->sort_key, "pace") == 0)
    order = compare_changes (x->speed_change, y->speed_change);
  else if (g_strcmp0 (self->sort_key, "heart-rate") == 0)
    order = compare_changes (x->heart_rate_change, y->heart_rate_change);
  if (order == 0 && x->heard_s != y->heard_s)
    order = x->heard_s > y->heard_s ? -1 : 1;
  if (order == 0)
    order = g_utf8_collate (x->track.title ? x->track.title : "", y->track.title ? y->track.title : "");
  return order;
}

static gboolean
song_matches (gpointer item,
              gpointer user_data)
{
  RsbSongsPage *self = user_data;

  return rsb_search_matches_all (RSB_SONG_ITEM (item)->search_text, self->terms);
}

/* "4 % faster" / "6 % slower" / "usual pace", or NULL when unknown. */
static char *
speed_text (double change)
{
  int percent;

  if (isnan (change))
    return NULL;
  percent = (int) lround (change * 100);
  if (percent > 0)
    return g_strdup_printf (_("%d %% faster"), percent);
  if (percent < 0)
    return g_strdup_printf (_("%d %% slower"), -percent);
  return g_strdup (_("usual pace"));
}

static char *
heart_text (double change)
{
  if (isnan (change))
    return NULL;
  if (lround (change) == 0)
    return g_strdup (_("usual heart rate"));
  return rsb_format_heart_rate_change (change);
}

/* "4 % faster · ♥ +3", or NULL when there is nothing to compare. */
static char *
power_text (double speed_change,
            double heart_rate_change)
{
  g_autofree char *speed = speed_text (speed_change);
  g_autofree char *heart = heart_text (heart_rate_change);

  if (speed && heart)
    return g_strdup_printf ("%s · %s", speed, heart);
  return g_strdup (speed ? speed : heart);
}

static char *
heard_text (const RsbSongSummary *summary)
{
  g_autofree char *time = rsb_format_duration (summary->heard_s);

  g_autofree char *heard = NULL;
  g_autofree char *tempo = NULL;

  /* Translators: "3 workouts · 12 min heard": how long it was listened
   * to during workouts */
  heard = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workout · %s heard", "%u workouts · %s heard",
                                        summary->n_workouts),
                           summary->n_workouts, time);
  if (summary->track.bpm_source == RSB_TEMPO_SOURCE_NONE)
    return g_steal_pointer (&heard);
  tempo = rsb_format_bpm (summary->track.bpm);
  /* Translators: the line above and the song's tempo, "3 workouts · 12 min heard · 128 BPM" */
  return g_strdup_printf (_("%s · %s"), heard, tempo);
}

static void
setup_song_row (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *classes[][3] = {
    { "heading", NULL }, { "caption", "dim-label", NULL }, { "caption", "numeric", NULL }, { "caption", "numeric", NULL },
  };

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 4);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      for (guint c = 0; classes[i][c] != NULL; c++)
        gtk_widget_add_css_class (label, classes[i][c]);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_item_set_child (list_item, box);
}

static void
bind_song_row (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const RsbSongSummary *summary = RSB_SONG_ITEM (gtk_list_item_get_item (list_item))->summary;
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *artists = gtk_widget_get_next_sibling (title);
  GtkWidget *heard = gtk_widget_get_next_sibling (artists);
  GtkWidget *power = gtk_widget_get_next_sibling (heard);
  g_autofree char *heard_str = heard_text (summary);
  g_autofree char *power_str = power_text (summary->speed_change, summary->heart_rate_change);
  g_autofree char *description = NULL;

  /* Plain text: titles come from the user's files. */
  gtk_label_set_text (GTK_LABEL (title), summary->track.title);
  gtk_label_set_text (GTK_LABEL (artists), summary->track.artists ? summary->track.artists : "");
  gtk_label_set_text (GTK_LABEL (heard), heard_str);
  gtk_label_set_text (GTK_LABEL (power), power_str ? power_str : "");
  gtk_widget_set_visible (power, power_str != NULL);
  /* Faster while it played: the songs a runner is looking for. */
  if (!isnan (summary->speed_change) && summary->speed_change >= 0.03)
    gtk_widget_add_css_class (power, "success");
  else
    gtk_widget_remove_css_class (power, "success");
  description = power_str
    ? g_strdup_printf (_("%s. Compared with the workout average: %s"), heard_str, power_str)
    : g_strdup (heard_str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
update_list_page (RsbSongsPage *self)
{
  const char *page = "list";

  if (self->loading != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->songs)) == 0)
    page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->songs)) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0)
    page = "no-match";
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

static char *
stretch_subtitle (const RsbSongStretch *stretch)
{
  g_autofree char *date = rsb_format_local_date (stretch->activity_start_ms);
  g_autofree char *at = rsb_format_clock (stretch->start_s);
  g_autofree char *heard = rsb_format_clock (stretch->heard_s);
  g_autofree char *power = power_text (stretch->speed_change, stretch->heart_rate_change);
  g_autofree char *speed = NULL;
  GString *text = g_string_new (date);

  g_string_append_c (text, '\n');
  /* Translators: "at 12:30 into the workout, heard for 3:45" */
  g_string_append_printf (text, _("at %s, heard for %s"), at, heard);
  if (stretch->speed_ms > 0)
    {
      speed = stretch->on_foot ? rsb_format_pace (stretch->speed_ms, rsb_units_current ())
                               : rsb_format_speed (stretch->speed_ms, rsb_units_current ());
      g_string_append_printf (text, " · %s", speed);
    }
  if (power != NULL)
    g_string_append_printf (text, " (%s)", power);
  return g_string_free (text, FALSE);
}

static void
on_stretch_activated (AdwActionRow *row,
                      RsbSongsPage *self)
{
  const RsbSongStretch *stretch = g_object_get_data (G_OBJECT (row), "stretch");

  g_signal_emit (self, signals[STRETCH_ACTIVATED], 0, stretch->activity_id, stretch->play_id);
}

static void
fill_song (RsbSongsPage   *self,
           RsbSongItem    *item)
{
  const RsbSongSummary *summary = item->summary;
  g_autofree char *heard = heard_text (summary);
  g_autofree char *power = power_text (summary->speed_change, summary->heart_rate_change);
  g_autofree char *line = power ? g_strdup_printf (_("%s\n%s, compared with each workout’s average"), heard, power) : g_strdup (heard);
  GtkWidget *child;

  self->shown_track = summary->track_id;
  gtk_label_set_text (self->song_title, summary->track.title);
  gtk_label_set_text (self->song_artists, summary->track.artists ? summary->track.artists : "");
  gtk_label_set_text (self->song_summary, line);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stretch_list))) != NULL)
    gtk_list_box_remove (self->stretch_list, child);
  for (guint i = 0; i < summary->stretches->len; i++)
    {
      const RsbSongStretch *stretch = g_ptr_array_index (summary->stretches, i);
      g_autofree char *subtitle = stretch_subtitle (stretch);
      GtkWidget *row = adw_action_row_new ();

      /* Rows read their text as markup unless told otherwise. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     stretch->activity_name && *stretch->activity_name ? stretch->activity_name : _("Untitled Activity"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      /* The item owns the summary and outlives the rows it fills. */
      g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
      g_object_set_data (G_OBJECT (row), "stretch", (gpointer) stretch);
      g_signal_connect (row, "activated", G_CALLBACK (on_stretch_activated), self);
      gtk_list_box_append (self->stretch_list, row);
    }
}

void
rsb_songs_page_show_song (RsbSongsPage *self,
                          guint         position)
{
  g_autoptr(RsbSongItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  g_return_if_fail (item != NULL);
  fill_song (self, item);
  gtk_stack_set_visible_child_name (self->pages, "song");
  gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

static void
on_song_activate (GtkListView  *list,
                  guint         position,
                  RsbSongsPage *self)
{
  rsb_songs_page_show_song (self, position);
}

static void
on_back_clicked (GtkButton    *button,
                 RsbSongsPage *self)
{
  self->shown_track = 0;
  gtk_stack_set_visible_child_name (self->pages, "songs");
  gtk_widget_grab_focus (GTK_WIDGET (self->song_list));
}

/* After a new read, the song shown stays (with its new numbers) if it
 * is still there. */
static void
refresh_shown_song (RsbSongsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->songs));

  if (self->shown_track == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RsbSongItem) item = g_list_model_get_item (G_LIST_MODEL (self->songs), i);

      if (item->summary->track_id == self->shown_track)
        {
          fill_song (self, item);
          return;
        }
    }
  on_back_clicked (NULL, self);
}

static void
set_songs (RsbSongsPage *self,
           GPtrArray    *summaries)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (items, rsb_song_item_new (g_steal_pointer (&summaries->pdata[i])));
  g_list_store_splice (self->songs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->songs)),
                       items->pdata, items->len);
  refresh_shown_song (self);
}

static void
collect_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(RsbStore) store = NULL;
  GError *error = NULL;
  GPtrArray *summaries;

  /* A connection of its own: the window's stays free for the UI. */
  if ((store = rsb_store_open (task_data, &error)) == NULL ||
      (summaries = rsb_song_tally_collect (store, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, summaries, (GDestroyNotify) g_ptr_array_unref);
}

static void load (RsbSongsPage *self);

static void
collected (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RsbSongsPage *self = RSB_SONGS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (summaries != NULL)
    set_songs (self, summaries);
  else
    g_warning ("Could not read the songs of the library: %s", error->message);
  update_list_page (self);
  /* The library changed during the read. */
  if (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
load (RsbSongsPage *self)
{
  const char *path;

  if (self->store == NULL || self->loading != NULL)
    return;
  self->stale = FALSE;
  path = rsb_store_get_path (self->store);
  /* An in-memory library (the sample) is small and has no other
   * connection to read it from. */
  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) summaries = rsb_song_tally_collect (self->store, NULL, &error);

      if (summaries != NULL)
        set_songs (self, summaries);
      else
        g_warning ("Could not read the songs of the library: %s", error->message);
      update_list_page (self);
      return;
    }
  {
    g_autoptr(GTask) task = NULL;

    self->loading = g_cancellable_new ();
    task = g_task_new (self, self->loading, collected, NULL);
    g_task_set_task_data (task, g_strdup (path), g_free);
    g_task_set_priority (task, G_PRIORITY_LOW);
    g_task_run_in_thread (task, collect_in_thread);
    update_list_page (self);
  }
}

void
rsb_songs_page_set_store (RsbSongsPage *self,
                          RsbStore     *store)
{
  g_return_if_fail (RSB_IS_SONGS_PAGE (self));

  g_set_object (&self->store, store);
  rsb_songs_page_reload (self);
}

void
rsb_songs_page_reload (RsbSongsPage *self)
{
  g_return_if_fail (RSB_IS_SONGS_PAGE (self));

  self->stale = TRUE;
  rsb_tempo_offer_refresh (self->tempo_offer, self->store);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

gboolean
rsb_songs_page_is_loading (RsbSongsPage *self)
{
  return self->loading != NULL || self->stale;
}

guint
rsb_songs_page_get_n_songs (RsbSongsPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

const RsbSongSummary *
rsb_songs_page_get_song (RsbSongsPage *self,
                         guint         position)
{
  g_autoptr(RsbSongItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  /* The list model keeps the item alive. */
  return item ? item->summary : NULL;
}

GtkSearchEntry *
rsb_songs_page_get_search_entry (RsbSongsPage *self)
{
  return self->search_entry;
}

GtkListBox *
rsb_songs_page_get_stretch_list (RsbSongsPage *self)
{
  return self->stretch_list;
}

static void
on_search_changed (GtkSearchEntry *entry,
                   RsbSongsPage   *self)
{
  g_strfreev (self->terms);
  self->terms = rsb_search_terms (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_page (self);
}

static void
on_sort_changed (GSettings    *settings,
                 const char   *key,
                 RsbSongsPage *self)
{
  g_free (self->sort_key);
  self->sort_key = g_settings_get_string (settings, "song-sort");
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
rsb_songs_page_map (GtkWidget *widget)
{
  RsbSongsPage *self = RSB_SONGS_PAGE (widget);

  GTK_WIDGET_CLASS (rsb_songs_page_parent_class)->map (widget);
  if (self->stale)
    load (self);
}

static void
rsb_songs_page_dispose (GObject *object)
{
  RsbSongsPage *self = RSB_SONGS_PAGE (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_SONGS_PAGE);
  g_clear_object (&self->sorted);
  g_clear_object (&self->songs);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->sort_key, g_free);
  G_OBJECT_CLASS (rsb_songs_page_parent_class)->dispose (object);
}

static void
rsb_songs_page_class_init (RsbSongsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_songs_page_dispose;
  widget_class->map = rsb_songs_page_map;

  /* The user chose a workout of the song: open it at the song. */
  signals[STRETCH_ACTIVATED] = g_signal_new ("stretch-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  g_type_ensure (RSB_TYPE_TEMPO_OFFER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-songs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, pages);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, song_list);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, song_title);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, song_artists);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, song_summary);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, stretch_list);
  gtk_widget_class_bind_template_child (widget_class, RsbSongsPage, tempo_offer);
  gtk_widget_class_bind_template_child_full (widget_class, "sort_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "sort_menu", FALSE, 0);
}

static void
setup_models (RsbSongsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  self->songs = g_list_store_new (RSB_TYPE_SONG_ITEM);
  self->filter = gtk_custom_filter_new (song_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->songs)), GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (compare_songs, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (self->sorter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_song_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_song_row), NULL);
  gtk_list_view_set_factory (self->song_list, factory);
  gtk_list_view_set_model (self->song_list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (self->song_list, "activate", G_CALLBACK (on_song_activate), self);
}

static void
rsb_songs_page_init (RsbSongsPage *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) sort = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->sort_key = g_settings_get_string (self->settings, "song-sort");
  setup_models (self);
  sort = g_settings_create_action (self->settings, "song-sort");
  g_action_map_add_action (G_ACTION_MAP (group), sort);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "songs", G_ACTION_GROUP (group));
  g_signal_connect_object (self->settings, "changed::song-sort", G_CALLBACK (on_sort_changed), self, 0);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  /* The song shown tells its stretches' pace again in the new units. */
  rsb_units_watch (self, G_CALLBACK (refresh_shown_song));
  rsb_deferred_menu_attach (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), RSB_TYPE_SONGS_PAGE, "sort_button")),
                            G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), RSB_TYPE_SONGS_PAGE, "sort_menu")));
  update_list_page (self);
}
