/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-coverage-bar.c: the small bar on an activity row that shows how
 * much of the workout had music.
 *
 * Drawn by hand rather than with a GtkLevelBar: the sidebar makes a
 * couple of hundred rows at once (at launch, and when an import lands
 * a batch), and a level bar's nodes and offsets cost more than the
 * rest of the row together. The colour comes from CSS (coveragebar). */
#include "config.h"

#include "rsb-coverage-bar.h"

#define WIDTH  48
#define HEIGHT 6

struct _RsbCoverageBar
{
  GtkWidget  parent_instance;
  double     fraction;
};

G_DEFINE_FINAL_TYPE (RsbCoverageBar, rsb_coverage_bar, GTK_TYPE_WIDGET)

void
rsb_coverage_bar_set_fraction (RsbCoverageBar *self,
                               double          fraction)
{
  g_return_if_fail (RSB_IS_COVERAGE_BAR (self));

  fraction = CLAMP (fraction, 0, 1);
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
append_bar (GtkSnapshot   *snapshot,
            float          width,
            float          height,
            const GdkRGBA *colour)
{
  GskRoundedRect bar;

  gsk_rounded_rect_init_from_rect (&bar, &GRAPHENE_RECT_INIT (0, 0, width, height), height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, colour, &bar.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
rsb_coverage_bar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RsbCoverageBar *self = RSB_COVERAGE_BAR (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GdkRGBA colour, trough;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  trough = (GdkRGBA) { colour.red, colour.green, colour.blue, colour.alpha * 0.2f };
  append_bar (snapshot, width, height, &trough);
  if (self->fraction > 0)
    append_bar (snapshot, MAX (height, width * self->fraction), height, &colour);
}

static void
rsb_coverage_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH : HEIGHT;
}

static void
rsb_coverage_bar_class_init (RsbCoverageBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = rsb_coverage_bar_snapshot;
  widget_class->measure = rsb_coverage_bar_measure;
  gtk_widget_class_set_css_name (widget_class, "coveragebar");
  /* The label beside it says the same in words. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
rsb_coverage_bar_init (RsbCoverageBar *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}
