/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-offline-banner.c: says so when the map background cannot be had.
 *
 * The route draws without tiles, so nothing is broken, but a blank map
 * needs a word of why. libadwaita 1.2 has no AdwBanner: this is the
 * same idea, a revealer under the header bar. It holds nothing to click
 * (it goes away by itself once tiles load again), and as an alert it is
 * read out by screen readers when it appears.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-offline-banner.h"

struct _RsbOfflineBanner
{
  GtkWidget      parent_instance;
  GtkRevealer   *revealer;
  GtkLabel      *label;
  RsbTileSource *source;
};

G_DEFINE_FINAL_TYPE (RsbOfflineBanner, rsb_offline_banner, GTK_TYPE_WIDGET)

static void
update (RsbOfflineBanner *self)
{
  gboolean show = self->source != NULL && !rsb_tile_source_get_available (self->source);

  /* Shown before it slides in, hidden once it has slid out: a hidden
   * widget is out of the accessibility tree, and appearing is what makes
   * an alert heard. */
  if (show)
    gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, show);
}

static void
on_child_revealed (RsbOfflineBanner *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer) && !gtk_revealer_get_reveal_child (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
rsb_offline_banner_set_source (RsbOfflineBanner *self,
                               RsbTileSource    *source)
{
  g_return_if_fail (RSB_IS_OFFLINE_BANNER (self));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect_object (source, "notify::available", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

RsbTileSource *
rsb_offline_banner_get_source (RsbOfflineBanner *self)
{
  g_return_val_if_fail (RSB_IS_OFFLINE_BANNER (self), NULL);
  return self->source;
}

/* Whether the notice is up (or on its way up). */
gboolean
rsb_offline_banner_is_shown (RsbOfflineBanner *self)
{
  g_return_val_if_fail (RSB_IS_OFFLINE_BANNER (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self)) && gtk_revealer_get_reveal_child (self->revealer);
}

static void
rsb_offline_banner_dispose (GObject *object)
{
  RsbOfflineBanner *self = RSB_OFFLINE_BANNER (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  gtk_widget_dispose_template (GTK_WIDGET (self), RSB_TYPE_OFFLINE_BANNER);
  G_OBJECT_CLASS (rsb_offline_banner_parent_class)->dispose (object);
}

static void
rsb_offline_banner_class_init (RsbOfflineBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rsb_offline_banner_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-offline-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbOfflineBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, RsbOfflineBanner, label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "offlinebanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
rsb_offline_banner_init (RsbOfflineBanner *self)
{
  const char *text = _("Map background unavailable — showing the route without it");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The map tiles could not be downloaded. The notice goes away once they load again."),
                                  -1);
  g_signal_connect_swapped (self->revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed), self);
  rsb_offline_banner_set_source (self, rsb_tile_source_get_default ());
}
