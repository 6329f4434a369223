/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-activity-row.c: one activity in the sidebar. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-activity-row.h"
#include "rsb-coverage-bar.h"
#include "rsb-format.h"
#include "rsb-units-setting.h"

#include <math.h>

struct _RsbActivityRow
{
  GtkBox     parent_instance;
  GtkLabel  *name_label;
  GtkLabel  *date_label;
  GtkLabel  *stats_label;
  GtkWidget *coverage_box;
  RsbCoverageBar *coverage_bar;
  GtkLabel  *coverage_label;
  RsbActivityItem *item;  /* shown, to tell again in other units */
};

G_DEFINE_FINAL_TYPE (RsbActivityRow, rsb_activity_row, GTK_TYPE_BOX)

GtkWidget *
rsb_activity_row_new (void)
{
  return g_object_new (RSB_TYPE_ACTIVITY_ROW, NULL);
}

static char *
songs_text (const RsbActivityInfo *info)
{
  if (!rsb_activity_info_has_times (info))
    return g_strdup (_("no times"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u song", "%u songs", info->n_songs),
                          info->n_songs);
}

/* How much of the workout had music, as a bar and in words; a route
 * without times cannot have any, so it says nothing. */
static void
show_coverage (RsbActivityRow        *self,
               const RsbActivityInfo *info)
{
  int percent = (int) lround (CLAMP (info->coverage, 0, 1) * 100);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (self->coverage_box, rsb_activity_info_has_times (info));
  if (!rsb_activity_info_has_times (info))
    return;
  /* Translators: share of the workout's moving time with a song playing */
  if (info->n_songs == 0)
    text = g_strdup (_("No listening history"));
  else
    /* A song heard for a moment still shows: never "0 %" beside songs. */
    text = g_strdup_printf (_("%d %% with music"), MAX (percent, 1));
  description = g_strdup_printf (_("Music during %d %% of the moving time"), percent);
  rsb_coverage_bar_set_fraction (self->coverage_bar, info->coverage);
  gtk_label_set_text (self->coverage_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

void
rsb_activity_row_set_item (RsbActivityRow  *self,
                           RsbActivityItem *item)
{
  const RsbActivityInfo *info = rsb_activity_item_get_info (item);
  g_autofree char *date = rsb_activity_info_has_times (info)
    ? rsb_format_local_date (info->start_ms) : g_strdup (_("Date unknown"));
  g_autofree char *distance = rsb_format_distance (info->distance_m, rsb_units_current ());
  g_autofree char *duration = rsb_format_duration (info->elapsed_s);
  g_autofree char *songs = songs_text (info);
  g_autofree char *stats = NULL;

  g_set_object (&self->item, item);
  /* Plain text, never markup: names come from the user's files. */
  gtk_label_set_text (self->name_label, info->name && *info->name ? info->name : _("Untitled Activity"));
  gtk_label_set_text (self->date_label, date);
  if (rsb_activity_info_has_times (info))
    stats = g_strdup_printf ("%s · %s · %s", distance, duration, songs);
  else
    stats = g_strdup_printf ("%s · %s", distance, songs);
  gtk_label_set_text (self->stats_label, stats);
  show_coverage (self, info);
}

static void
on_units_changed (RsbActivityRow *self)
{
  if (self->item != NULL)
    rsb_activity_row_set_item (self, self->item);
}

static void
rsb_activity_row_dispose (GObject *object)
{
  g_clear_object (&RSB_ACTIVITY_ROW (object)->item);
  G_OBJECT_CLASS (rsb_activity_row_parent_class)->dispose (object);
}

static void
rsb_activity_row_class_init (RsbActivityRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rsb_activity_row_dispose;
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *first_class,
           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *css_class = first_class;
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  va_start (args, first_class);
  for (; css_class != NULL; css_class = va_arg (args, const char *))
    gtk_widget_add_css_class (label, css_class);
  va_end (args);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

/* Built in code, not from a template: the sidebar makes a couple of
 * hundred rows at once (at launch, and when an import lands a batch),
 * and parsing a template per row cost as much as everything else the
 * row does. */
static void
rsb_activity_row_init (RsbActivityRow *self)
{
  GtkBox *box = GTK_BOX (self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (box, 2);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 4);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 4);
  self->name_label = add_label (box, "heading", NULL);
  self->date_label = add_label (box, "caption", "dim-label", NULL);
  self->stats_label = add_label (box, "caption", "numeric", NULL);

  self->coverage_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (self->coverage_box, 2);
  self->coverage_bar = g_object_new (RSB_TYPE_COVERAGE_BAR, NULL);
  gtk_box_append (GTK_BOX (self->coverage_box), GTK_WIDGET (self->coverage_bar));
  self->coverage_label = add_label (GTK_BOX (self->coverage_box), "caption", "dim-label", "numeric", NULL);
  gtk_box_append (box, self->coverage_box);
  rsb_units_watch (self, G_CALLBACK (on_units_changed));
}
