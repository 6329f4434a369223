/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-units-setting.c: the units the window speaks, as one observable
 * value.
 *
 * The "units" key says automatic, metric or imperial; this resolves it
 * (automatic: the locale's LC_MEASUREMENT) into the RsbUnits that the
 * core's formatting takes, and tells every view that shows a figure
 * when it changes, so that a choice in Preferences reaches the open
 * card, chart, rows and map at once. One per process: the setting is
 * the user's, not a window's. */
#include "config.h"

#include "rsb-units-setting.h"

struct _RsbUnitsSetting
{
  GObject    parent_instance;
  GSettings *settings;
  RsbUnits   units;
};

G_DEFINE_FINAL_TYPE (RsbUnitsSetting, rsb_units_setting, G_TYPE_OBJECT)

enum { PROP_0, PROP_UNITS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
on_units_changed (RsbUnitsSetting *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "units");
  RsbUnits units = rsb_units_from_setting (setting);

  if (units == self->units)
    return;
  self->units = units;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNITS]);
}

RsbUnitsSetting *
rsb_units_setting_get_default (void)
{
  static RsbUnitsSetting *instance;

  if (instance == NULL)
    instance = g_object_new (RSB_TYPE_UNITS_SETTING, NULL);
  return instance;
}

RsbUnits
rsb_units_setting_get_units (RsbUnitsSetting *self)
{
  g_return_val_if_fail (RSB_IS_UNITS_SETTING (self), RSB_UNITS_METRIC);
  return self->units;
}

/* The units to format in now. */
RsbUnits
rsb_units_current (void)
{
  return rsb_units_setting_get_default ()->units;
}

/* Calls refresh (instance) whenever the units change, for as long as
 * instance lives. */
void
rsb_units_watch (gpointer  instance,
                 GCallback refresh)
{
  g_signal_connect_object (rsb_units_setting_get_default (), "notify::units",
                           refresh, instance, G_CONNECT_SWAPPED);
}

static void
update_scale (ShumateScale *scale)
{
  shumate_scale_set_unit (scale, rsb_units_current () == RSB_UNITS_IMPERIAL
                                 ? SHUMATE_UNIT_IMPERIAL : SHUMATE_UNIT_METRIC);
}

/* A map's scale bar shows the one system chosen, never both. */
void
rsb_units_bind_scale (ShumateScale *scale)
{
  update_scale (scale);
  rsb_units_watch (scale, G_CALLBACK (update_scale));
}

static void
rsb_units_setting_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RsbUnitsSetting *self = RSB_UNITS_SETTING (object);

  switch (prop_id)
    {
    case PROP_UNITS:
      g_value_set_int (value, self->units);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_units_setting_finalize (GObject *object)
{
  g_clear_object (&RSB_UNITS_SETTING (object)->settings);
  G_OBJECT_CLASS (rsb_units_setting_parent_class)->finalize (object);
}

static void
rsb_units_setting_class_init (RsbUnitsSettingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rsb_units_setting_get_property;
  object_class->finalize = rsb_units_setting_finalize;
  /* An RsbUnits; an int, as core has no GType for it. */
  properties[PROP_UNITS] = g_param_spec_int ("units", NULL, NULL,
                                             RSB_UNITS_METRIC, RSB_UNITS_IMPERIAL, RSB_UNITS_METRIC,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rsb_units_setting_init (RsbUnitsSetting *self)
{
  g_autofree char *setting = NULL;

  self->settings = g_settings_new (APP_ID);
  setting = g_settings_get_string (self->settings, "units");
  self->units = rsb_units_from_setting (setting);
  g_signal_connect_swapped (self->settings, "changed::units", G_CALLBACK (on_units_changed), self);
}
