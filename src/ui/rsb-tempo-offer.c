/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tempo-offer.c: the Songs page's one-time offer to look up tempi. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-tempo-offer.h"
#include "rsb-format.h"
#include "rsb-store-lookups.h"
#include "rsb-tempo-lookup-task.h"

struct _RsbTempoOffer
{
  GtkBox     parent_instance;

  GtkLabel  *question;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RsbTempoOffer, rsb_tempo_offer, GTK_TYPE_BOX)

static void
answer (RsbTempoOffer *self,
        gboolean       yes)
{
  g_settings_set_boolean (self->settings, "tempo-lookup-offered", TRUE);
  if (yes)
    {
      /* The line above the buttons named both services and what each
       * is sent: Turn On is the consent to both. */
      g_settings_set_boolean (self->settings, "tempo-lookup-deezer", TRUE);
      g_settings_set_boolean (self->settings, "tempo-lookup-reccobeats", TRUE);
      rsb_tempo_lookup_task_start (rsb_tempo_lookup_task_get_default ());
    }
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
on_turn_on (RsbTempoOffer *self)
{
  answer (self, TRUE);
}

static void
on_no_thanks (RsbTempoOffer *self)
{
  answer (self, FALSE);
}

void
rsb_tempo_offer_refresh (RsbTempoOffer *self,
                         RsbStore      *store)
{
  guint n = 0;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  /* The sample run's private library is not the one a lookup fills. */
  if (store != NULL && g_strcmp0 (rsb_store_get_path (store), ":memory:") != 0 &&
      !g_settings_get_boolean (self->settings, "tempo-lookup-offered") &&
      !g_settings_get_boolean (self->settings, "tempo-lookup-deezer") &&
      !g_settings_get_boolean (self->settings, "tempo-lookup-reccobeats"))
    n = rsb_store_count_tracks_without_tempo (store);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  if (n == 0)
    return;
  count = rsb_format_count (n);
  /* Translators: "Look up the tempo of 2,340 songs online?" */
  text = g_strdup_printf (ngettext ("Look up the tempo of %s song online?",
                                    "Look up the tempo of %s songs online?", n), count);
  gtk_label_set_text (self->question, text);
}

static void
rsb_tempo_offer_dispose (GObject *object)
{
  g_clear_object (&RSB_TEMPO_OFFER (object)->settings);
  G_OBJECT_CLASS (rsb_tempo_offer_parent_class)->dispose (object);
}

static void
rsb_tempo_offer_class_init (RsbTempoOfferClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rsb_tempo_offer_dispose;
}

static GtkWidget *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static void
rsb_tempo_offer_init (RsbTempoOffer *self)
{
  GtkWidget *detail, *buttons, *turn_on, *no_thanks;

  self->settings = g_settings_new (APP_ID);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  g_object_set (self, "margin-start", 12, "margin-end", 12, "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  self->question = GTK_LABEL (wrapping_label (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->question), "heading");
  g_object_set (self->question, "margin-start", 12, "margin-end", 12, "margin-top", 12, NULL);
  detail = wrapping_label (_("Titles, artists and ISRCs of your songs are sent to Deezer; "
                             "Spotify track ids are sent to ReccoBeats. You can turn either off "
                             "in Preferences → Music."));
  gtk_widget_add_css_class (detail, "dim-label");
  g_object_set (detail, "margin-start", 12, "margin-end", 12, NULL);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  g_object_set (buttons, "margin-end", 12, "margin-bottom", 12, NULL);
  no_thanks = gtk_button_new_with_mnemonic (_("_No Thanks"));
  turn_on = gtk_button_new_with_mnemonic (_("_Turn On"));
  gtk_widget_add_css_class (turn_on, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), no_thanks);
  gtk_box_append (GTK_BOX (buttons), turn_on);
  g_signal_connect_swapped (turn_on, "clicked", G_CALLBACK (on_turn_on), self);
  g_signal_connect_swapped (no_thanks, "clicked", G_CALLBACK (on_no_thanks), self);

  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->question));
  gtk_box_append (GTK_BOX (self), detail);
  gtk_box_append (GTK_BOX (self), buttons);
}
