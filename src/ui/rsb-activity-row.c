/* rsb-activity-row.c: one activity in the sidebar. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-activity-row.h"
#include "rsb-coverage-bar.h"
#include "rsb-format.h"

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
  text = percent > 0 ? g_strdup_printf (_("%d %% with music"), percent) : g_strdup (_("No music"));
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
  g_autofree char *distance = rsb_format_distance (info->distance_m);
  g_autofree char *duration = rsb_format_duration (info->elapsed_s);
  g_autofree char *songs = songs_text (info);
  g_autofree char *stats = NULL;

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
rsb_activity_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RSB_TYPE_ACTIVITY_ROW);
  G_OBJECT_CLASS (rsb_activity_row_parent_class)->dispose (object);
}

static void
rsb_activity_row_class_init (RsbActivityRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rsb_activity_row_dispose;
  g_type_ensure (RSB_TYPE_COVERAGE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-activity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbActivityRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityRow, stats_label);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityRow, coverage_box);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityRow, coverage_bar);
  gtk_widget_class_bind_template_child (widget_class, RsbActivityRow, coverage_label);
}

static void
rsb_activity_row_init (RsbActivityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
