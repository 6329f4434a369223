/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-import-guide-steps.c: one source's numbered steps in the import
 * dialog, with the page where they begin and, for the services that
 * need an account rather than a file, a way to Preferences.
 *
 * The steps come as one translatable text, a step a line, so that a
 * translator sees them whole; they are numbered here.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-import-guide-steps.h"
#include "rsb-format.h"

struct _RsbImportGuideSteps
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *steps_box;
  GtkWidget *link;
  GtkWidget *accounts_button;
  char      *steps;
  char      *uri;
};

G_DEFINE_FINAL_TYPE (RsbImportGuideSteps, rsb_import_guide_steps, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STEPS,
  PROP_URI,
  PROP_SHOW_ACCOUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
step_new (guint       number,
          const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *figure = rsb_format_count (number);
  GtkWidget *number_label = gtk_label_new (figure);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (number_label, "numeric");
  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_label_set_yalign (GTK_LABEL (number_label), 0);
  gtk_label_set_width_chars (GTK_LABEL (number_label), 2);
  gtk_label_set_xalign (GTK_LABEL (number_label), 1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), number_label);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

static void
set_steps (RsbImportGuideSteps *self,
           const char          *steps)
{
  g_auto(GStrv) lines = NULL;
  GtkWidget *child;
  guint number = 0;

  if (g_strcmp0 (self->steps, steps) == 0)
    return;
  g_free (self->steps);
  self->steps = g_strdup (steps);
  while ((child = gtk_widget_get_first_child (self->steps_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->steps_box), child);
  lines = g_strsplit (steps != NULL ? steps : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        gtk_box_append (GTK_BOX (self->steps_box), step_new (++number, lines[i]));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEPS]);
}

static void
set_uri (RsbImportGuideSteps *self,
         const char          *uri)
{
  if (g_strcmp0 (self->uri, uri) == 0)
    return;
  g_free (self->uri);
  self->uri = g_strdup (uri);
  gtk_link_button_set_uri (GTK_LINK_BUTTON (self->link), uri != NULL ? uri : "");
  gtk_widget_set_visible (self->link, uri != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
}

static void
set_show_accounts (RsbImportGuideSteps *self,
                   gboolean             show)
{
  if (gtk_widget_get_visible (self->accounts_button) == show)
    return;
  gtk_widget_set_visible (self->accounts_button, show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ACCOUNTS]);
}

const char *
rsb_import_guide_steps_get_steps (RsbImportGuideSteps *self)
{
  g_return_val_if_fail (RSB_IS_IMPORT_GUIDE_STEPS (self), NULL);
  return self->steps;
}

const char *
rsb_import_guide_steps_get_uri (RsbImportGuideSteps *self)
{
  g_return_val_if_fail (RSB_IS_IMPORT_GUIDE_STEPS (self), NULL);
  return self->uri;
}

static void
rsb_import_guide_steps_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RsbImportGuideSteps *self = RSB_IMPORT_GUIDE_STEPS (object);

  switch (prop_id)
    {
    case PROP_STEPS:
      g_value_set_string (value, self->steps);
      break;
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_SHOW_ACCOUNTS:
      g_value_set_boolean (value, gtk_widget_get_visible (self->accounts_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_import_guide_steps_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RsbImportGuideSteps *self = RSB_IMPORT_GUIDE_STEPS (object);

  switch (prop_id)
    {
    case PROP_STEPS:
      set_steps (self, g_value_get_string (value));
      break;
    case PROP_URI:
      set_uri (self, g_value_get_string (value));
      break;
    case PROP_SHOW_ACCOUNTS:
      set_show_accounts (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_import_guide_steps_dispose (GObject *object)
{
  RsbImportGuideSteps *self = RSB_IMPORT_GUIDE_STEPS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (rsb_import_guide_steps_parent_class)->dispose (object);
}

static void
rsb_import_guide_steps_finalize (GObject *object)
{
  RsbImportGuideSteps *self = RSB_IMPORT_GUIDE_STEPS (object);

  g_free (self->steps);
  g_free (self->uri);
  G_OBJECT_CLASS (rsb_import_guide_steps_parent_class)->finalize (object);
}

static void
rsb_import_guide_steps_class_init (RsbImportGuideStepsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rsb_import_guide_steps_get_property;
  object_class->set_property = rsb_import_guide_steps_set_property;
  object_class->dispose = rsb_import_guide_steps_dispose;
  object_class->finalize = rsb_import_guide_steps_finalize;

  /* One step a line. */
  properties[PROP_STEPS] =
    g_param_spec_string ("steps", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The page where the steps begin, or NULL. */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the source is also an account in Preferences. */
  properties[PROP_SHOW_ACCOUNTS] =
    g_param_spec_boolean ("show-accounts", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rsb_import_guide_steps_init (RsbImportGuideSteps *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->steps_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->box), self->steps_box);

  /* GtkLinkButton opens the page through the OpenURI portal inside
   * Flatpak; its tooltip shows where it leads. */
  self->link = gtk_link_button_new_with_label ("", _("Open the Web Page"));
  gtk_widget_set_visible (self->link, FALSE);
  self->accounts_button = gtk_button_new_with_mnemonic (_("Open _Accounts"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accounts_button), "app.accounts");
  gtk_widget_add_css_class (self->accounts_button, "flat");
  gtk_widget_set_visible (self->accounts_button, FALSE);
  gtk_box_append (GTK_BOX (buttons), self->link);
  gtk_box_append (GTK_BOX (buttons), self->accounts_button);
  gtk_widget_set_halign (buttons, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->box), buttons);
}
