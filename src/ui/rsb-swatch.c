/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-swatch.c: the dot that ties a song to its colour on the map. */
#include "rsb-swatch.h"

#define SIZE 12

struct _RsbSwatch
{
  GtkWidget  parent_instance;
  GdkRGBA    colour;
};

G_DEFINE_FINAL_TYPE (RsbSwatch, rsb_swatch, GTK_TYPE_WIDGET)

void
rsb_swatch_set_colour (RsbSwatch     *self,
                       const GdkRGBA *colour)
{
  self->colour = *colour;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rsb_swatch_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  RsbSwatch *self = RSB_SWATCH (widget);
  float size = MIN (gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  GskRoundedRect dot;

  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (0, 0, size, size), size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &self->colour, &dot.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
rsb_swatch_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = *natural = SIZE;
}

static void
rsb_swatch_class_init (RsbSwatchClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = rsb_swatch_snapshot;
  widget_class->measure = rsb_swatch_measure;
  gtk_widget_class_set_css_name (widget_class, "swatch");
}

static void
rsb_swatch_init (RsbSwatch *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}
