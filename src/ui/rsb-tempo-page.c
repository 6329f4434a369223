/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-page.c: the Tempo page. The points are read in a thread of
 * its own with its own connection (rsb_tempo_library_collect measures
 * the workouts matched since last time); the filters then only
 * re-analyse what is in memory. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "rsb-tempo-page.h"
#include "rsb-tempo-collect.h"
#include "rsb-tempo-fit-chart.h"
#include "rsb-format.h"
#include "rsb-units-setting.h"

#define DAY_MS G_GINT64_CONSTANT (86400000)
#define MAX_ROWS 10

enum { RANGE_ALL, RANGE_30, RANGE_90, RANGE_YEAR, RANGE_CUSTOM };

struct _RsbTempoPage
{
  GtkBox            parent_instance;

  GtkDropDown      *sport_dropdown;
  GtkDropDown      *range_dropdown;
  GtkRevealer      *custom_revealer;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkStack         *stack;
  RsbTempoScatter  *scatter;
  GtkLabel         *point_label;
  GtkLabel         *pace_tempo_heading;
  GtkLabel         *pace_energy_heading;
  RsbTempoFitChart *tempo_chart;
  RsbTempoFitChart *energy_chart;
  GtkLabel         *tempo_fit_label;
  GtkLabel         *energy_fit_label;
  GtkListBox       *movers_list;
  GtkWidget        *playlist_button;
  GtkListBox       *few_list;

  RsbStore         *store;
  RsbTempoLibrary  *library;
  RsbTempoAnalysis *analysis;
  GCancellable     *loading;
  gboolean          stale;
  gboolean          filling_sports;
};

enum { STRETCH_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RsbTempoPage, rsb_tempo_page, GTK_TYPE_BOX)

static char *
sport_label (const char *sport)
{
  g_autofree char *first = NULL;

  if (sport == NULL || *sport == '\0')
    /* Translators: workouts recorded without a sport */
    return g_strdup (_("Other"));
  first = g_utf8_strup (sport, g_utf8_next_char (sport) - sport);
  return g_strconcat (first, g_utf8_next_char (sport), NULL);
}

/* Midnight (local) of a typed YYYY-MM-DD, in UTC ms; RSB_NO_TIME when
 * empty or not a date. */
static gint64
typed_date (GtkEntry *entry,
            int       add_days)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) later = NULL;

  if (sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 ||
      (date = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL)
    return RSB_NO_TIME;
  later = g_date_time_add_days (date, add_days);
  return g_date_time_to_unix (later) * 1000;
}

/* A typed date that is not one is marked, not silently ignored. */
static void
mark_date (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*text != '\0' && typed_date (entry, 0) == RSB_NO_TIME)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
filter_of (RsbTempoPage   *self,
           RsbTempoFilter *filter)
{
  guint sport = gtk_drop_down_get_selected (self->sport_dropdown);
  guint range = gtk_drop_down_get_selected (self->range_dropdown);
  gint64 now = g_get_real_time () / 1000;

  filter->sport = sport == 0 || sport == GTK_INVALID_LIST_POSITION ? G_MAXUINT : sport - 1;
  filter->from_ms = RSB_NO_TIME;
  filter->to_ms = RSB_NO_TIME;
  switch (range)
    {
    case RANGE_30:
      filter->from_ms = now - 30 * DAY_MS;
      break;
    case RANGE_90:
      filter->from_ms = now - 90 * DAY_MS;
      break;
    case RANGE_YEAR:
      filter->from_ms = now - 365 * DAY_MS;
      break;
    case RANGE_CUSTOM:
      filter->from_ms = typed_date (self->from_entry, 0);
      filter->to_ms = typed_date (self->to_entry, 1);
      mark_date (self->from_entry);
      mark_date (self->to_entry);
      break;
    default:
      break;
    }
}

/* A row of the songs-that-move list: rank, title over artists, gain
 * over the number of workouts. Plain labels rather than an
 * AdwActionRow: a tenth of the widgets to style and lay out when the
 * page opens. Titles are escaped: they are the user's data. */
static GtkWidget *
mover_row (RsbTempoPage        *self,
           const RsbTempoMover *mover,
           guint                rank)
{
  const RsbTempoTrack *track = rsb_tempo_library_track (self->library, mover->track_id);
  g_autofree char *gain = self->analysis->on_foot
    ? rsb_format_pace_gain (mover->pace_gain_s_per_m, rsb_units_current ())
    : rsb_format_speed_gain (mover->speed_gain_ms, rsb_units_current ());
  g_autofree char *workouts = g_strdup_printf (ngettext ("%u workout", "%u workouts", mover->n_workouts),
                                               mover->n_workouts);
  g_autofree char *rank_text = g_strdup_printf ("%u", rank);
  g_autofree char *song = g_markup_printf_escaped ("%s\n<small>%s</small>",
                                                   track && track->title ? track->title : _("Unknown song"),
                                                   track && track->artists ? track->artists : "");
  g_autofree char *figures = g_markup_printf_escaped ("%s\n<small>%s</small>", gain, workouts);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *rank_label = gtk_label_new (rank_text);
  GtkWidget *song_label = gtk_label_new (NULL);
  GtkWidget *figures_label = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *spoken = g_strdup_printf ("%u. %s, %s. %s, %s", rank,
                                             track && track->title ? track->title : _("Unknown song"),
                                             track && track->artists ? track->artists : "", gain, workouts);

  gtk_widget_add_css_class (rank_label, "dim-label");
  gtk_widget_add_css_class (rank_label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (rank_label), 2);
  gtk_label_set_markup (GTK_LABEL (song_label), song);
  gtk_label_set_xalign (GTK_LABEL (song_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (song_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (song_label, TRUE);
  gtk_label_set_markup (GTK_LABEL (figures_label), figures);
  gtk_label_set_xalign (GTK_LABEL (figures_label), 1);
  gtk_label_set_justify (GTK_LABEL (figures_label), GTK_JUSTIFY_RIGHT);
  gtk_box_append (GTK_BOX (box), rank_label);
  gtk_box_append (GTK_BOX (box), song_label);
  gtk_box_append (GTK_BOX (box), figures_label);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return row;
}

static void
fill_list (RsbTempoPage *self,
           GtkListBox   *list,
           GArray       *movers)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < MIN (movers->len, MAX_ROWS); i++)
    gtk_list_box_append (list, mover_row (self, &g_array_index (movers, RsbTempoMover, i), i + 1));
  if (movers->len == 0)
    {
      /* Translators: the songs-that-move-you list is empty */
      GtkWidget *none = gtk_label_new (_("None yet"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (list, none);
    }
}

static void
show_point (RsbTempoPage *self)
{
  int hovered = rsb_tempo_scatter_get_hovered (self->scatter);
  int point = hovered >= 0 ? hovered : rsb_tempo_scatter_get_selected (self->scatter);
  g_autofree char *text = rsb_tempo_scatter_describe (self->analysis, point);

  if (text == NULL)
    text = g_strdup (_("Point at a dot to name its song; click it, or press Enter, to open that stretch."));
  gtk_label_set_text (self->point_label, text);
}

static void
analyse (RsbTempoPage *self)
{
  RsbTempoFilter filter;
  g_autofree char *tempo_fit = NULL, *energy_fit = NULL;
  gboolean on_foot;

  if (self->library == NULL)
    return;
  filter_of (self, &filter);
  rsb_tempo_scatter_set_analysis (self->scatter, NULL);
  rsb_tempo_fit_chart_set_analysis (self->tempo_chart, NULL);
  rsb_tempo_fit_chart_set_analysis (self->energy_chart, NULL);
  g_clear_pointer (&self->analysis, rsb_tempo_analysis_free);
  self->analysis = rsb_tempo_analysis_new (self->library, &filter);
  on_foot = self->analysis->on_foot;
  rsb_tempo_scatter_set_analysis (self->scatter, self->analysis);
  rsb_tempo_fit_chart_set_analysis (self->tempo_chart, self->analysis);
  rsb_tempo_fit_chart_set_analysis (self->energy_chart, self->analysis);
  gtk_label_set_text (self->pace_tempo_heading, on_foot ? _("Pace and Song Tempo") : _("Speed and Song Tempo"));
  gtk_label_set_text (self->pace_energy_heading, on_foot ? _("Pace and Song Energy") : _("Speed and Song Energy"));
  tempo_fit = rsb_tempo_fit_chart_describe (self->analysis, FALSE);
  energy_fit = rsb_tempo_fit_chart_describe (self->analysis, TRUE);
  /* Without any energy known there is nothing to draw: the line below
   * says so. */
  gtk_widget_set_visible (GTK_WIDGET (self->energy_chart), self->analysis->pace_vs_energy.n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tempo_chart), self->analysis->pace_vs_tempo.n > 0);
  gtk_label_set_text (self->tempo_fit_label, tempo_fit);
  gtk_label_set_text (self->energy_fit_label, energy_fit);
  fill_list (self, self->movers_list, self->analysis->movers);
  gtk_widget_set_sensitive (self->playlist_button, self->analysis->movers->len > 0);
  fill_list (self, self->few_list, self->analysis->few);
  show_point (self);
  /* No tempo anywhere in the library: say where tempi come from. */
  {
    gboolean any = FALSE;

    for (guint i = 0; i < self->library->points->len && !any; i++)
      any = !isnan (g_array_index (self->library->points, RsbTempoPoint, i).bpm);
    gtk_stack_set_visible_child_name (self->stack, any ? "content" : "empty");
  }
}

/* The sports the library's workouts have, the most frequent chosen. */
static void
fill_sports (RsbTempoPage *self)
{
  g_autoptr(GtkStringList) sports = gtk_string_list_new (NULL);
  g_autofree guint *counts = g_new0 (guint, self->library->sports->len + 1);
  guint best = 0;

  gtk_string_list_append (sports, _("All Sports"));
  for (guint i = 0; i < self->library->sports->len; i++)
    {
      g_autofree char *label = sport_label (g_ptr_array_index (self->library->sports, i));

      gtk_string_list_append (sports, label);
    }
  for (guint i = 0; i < self->library->points->len; i++)
    counts[g_array_index (self->library->points, RsbTempoPoint, i).sport]++;
  for (guint i = 1; i < self->library->sports->len; i++)
    best = counts[i] > counts[best] ? i : best;
  self->filling_sports = TRUE;
  gtk_drop_down_set_model (self->sport_dropdown, G_LIST_MODEL (sports));
  gtk_drop_down_set_selected (self->sport_dropdown, self->library->sports->len > 0 ? best + 1 : 0);
  self->filling_sports = FALSE;
}

void
rsb_tempo_page_set_library (RsbTempoPage    *self,
                            RsbTempoLibrary *library)
{
  g_return_if_fail (RSB_IS_TEMPO_PAGE (self));

  rsb_tempo_scatter_set_analysis (self->scatter, NULL);
  rsb_tempo_fit_chart_set_analysis (self->tempo_chart, NULL);
  rsb_tempo_fit_chart_set_analysis (self->energy_chart, NULL);
  g_clear_pointer (&self->analysis, rsb_tempo_analysis_free);
  g_clear_pointer (&self->library, rsb_tempo_library_free);
  self->library = library;
  fill_sports (self);
  analyse (self);
}

static void
collect_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(RsbStore) store = NULL;
  GError *error = NULL;
  RsbTempoLibrary *library;

  /* A connection of its own: the window's stays free for the UI. */
  if ((store = rsb_store_open (task_data, &error)) == NULL ||
      (library = rsb_tempo_library_collect (store, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, library, (GDestroyNotify) rsb_tempo_library_free);
}

static void load (RsbTempoPage *self);

static void
collected (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RsbTempoPage *self = RSB_TEMPO_PAGE (source);
  g_autoptr(GError) error = NULL;
  RsbTempoLibrary *library = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (library != NULL)
    rsb_tempo_page_set_library (self, library);
  else
    g_warning ("Could not read the tempo of the library's songs: %s", error->message);
  if (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
load (RsbTempoPage *self)
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
      RsbTempoLibrary *library = rsb_tempo_library_collect (self->store, NULL, &error);

      if (library != NULL)
        rsb_tempo_page_set_library (self, library);
      else
        g_warning ("Could not read the tempo of the library's songs: %s", error->message);
      return;
    }
  {
    g_autoptr(GTask) task = NULL;

    self->loading = g_cancellable_new ();
    if (self->library == NULL)
      gtk_stack_set_visible_child_name (self->stack, "loading");
    task = g_task_new (self, self->loading, collected, NULL);
    g_task_set_task_data (task, g_strdup (path), g_free);
    g_task_set_priority (task, G_PRIORITY_LOW);
    g_task_run_in_thread (task, collect_in_thread);
  }
}

void
rsb_tempo_page_set_store (RsbTempoPage *self,
                          RsbStore     *store)
{
  g_return_if_fail (RSB_IS_TEMPO_PAGE (self));

  g_set_object (&self->store, store);
  rsb_tempo_page_reload (self);
}

void
rsb_tempo_page_reload (RsbTempoPage *self)
{
  g_return_if_fail (RSB_IS_TEMPO_PAGE (self));

  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

gboolean
rsb_tempo_page_is_loading (RsbTempoPage *self)
{
  return self->loading != NULL || self->stale;
}

const RsbTempoAnalysis *
rsb_tempo_page_get_analysis (RsbTempoPage *self)
{
  return self->analysis;
}

RsbTempoScatter *
rsb_tempo_page_get_scatter (RsbTempoPage *self)
{
  return self->scatter;
}

GtkListBox *
rsb_tempo_page_get_movers (RsbTempoPage *self,
                           gboolean      few)
{
  return few ? self->few_list : self->movers_list;
}

static void
on_map (RsbTempoPage *self)
{
  if (self->stale)
    load (self);
}

static void
on_filter_changed (RsbTempoPage *self)
{
  gtk_revealer_set_reveal_child (self->custom_revealer,
                                 gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM);
  if (!self->filling_sports)
    analyse (self);
}

static void
on_point_activated (RsbTempoScatter *scatter,
                    int              point,
                    RsbTempoPage    *self)
{
  const RsbTempoPoint *p;

  if (self->analysis == NULL || point < 0 || (guint) point >= self->analysis->points->len)
    return;
  p = rsb_tempo_analysis_point (self->analysis, point);
  g_signal_emit (self, signals[STRETCH_ACTIVATED], 0, p->activity_id, p->play_id);
}

static void
rsb_tempo_page_dispose (GObject *object)
{
  RsbTempoPage *self = RSB_TEMPO_PAGE (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->scatter != NULL)
    rsb_tempo_scatter_set_analysis (self->scatter, NULL);
  if (self->tempo_chart != NULL)
    rsb_tempo_fit_chart_set_analysis (self->tempo_chart, NULL);
  if (self->energy_chart != NULL)
    rsb_tempo_fit_chart_set_analysis (self->energy_chart, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_TEMPO_PAGE);
  self->scatter = NULL;
  self->tempo_chart = NULL;
  self->energy_chart = NULL;
  g_clear_pointer (&self->analysis, rsb_tempo_analysis_free);
  g_clear_pointer (&self->library, rsb_tempo_library_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rsb_tempo_page_parent_class)->dispose (object);
}

/* The songs that move you, best first, to the window's playlist
 * actions (rsb-window-playlists.c), which save or create them. */
static void
movers_to_playlist (RsbTempoPage *self,
                    const char   *window_action)
{
  g_autoptr(GVariantBuilder) ids = g_variant_builder_new (G_VARIANT_TYPE ("at"));
  GArray *movers = self->analysis != NULL ? self->analysis->movers : NULL;

  if (movers == NULL || movers->len == 0)
    return;
  for (guint i = 0; i < movers->len; i++)
    g_variant_builder_add (ids, "t", (guint64) g_array_index (movers, RsbTempoMover, i).track_id);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), window_action, g_variant_builder_end (ids));
}

static void
save_playlist_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  movers_to_playlist (RSB_TEMPO_PAGE (widget), "win.save-playlist-tracks");
}

static void
spotify_playlist_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  movers_to_playlist (RSB_TEMPO_PAGE (widget), "win.spotify-playlist-tracks");
}

static void
rsb_tempo_page_class_init (RsbTempoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rsb_tempo_page_dispose;
  g_type_ensure (RSB_TYPE_TEMPO_SCATTER);
  g_type_ensure (RSB_TYPE_TEMPO_FIT_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-tempo-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, sport_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, scatter);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, point_label);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, pace_tempo_heading);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, pace_energy_heading);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, tempo_chart);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, energy_chart);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, tempo_fit_label);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, energy_fit_label);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, movers_list);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, playlist_button);
  gtk_widget_class_install_action (widget_class, "tempo-page.save-playlist", NULL, save_playlist_activated);
  gtk_widget_class_install_action (widget_class, "tempo-page.spotify-playlist", NULL, spotify_playlist_activated);
  gtk_widget_class_bind_template_child (widget_class, RsbTempoPage, few_list);
  signals[STRETCH_ACTIVATED] = g_signal_new ("stretch-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
rsb_tempo_page_init (RsbTempoPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect_swapped (self->sport_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->range_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->scatter, "notify::hovered", G_CALLBACK (show_point), self);
  g_signal_connect_swapped (self->scatter, "notify::selected", G_CALLBACK (show_point), self);
  g_signal_connect (self->scatter, "point-activated", G_CALLBACK (on_point_activated), self);
  /* Gains and slopes are told again in the new units. */
  rsb_units_watch (self, G_CALLBACK (analyse));
}
