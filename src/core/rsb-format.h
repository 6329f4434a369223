/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The units every figure the app shows is told in. Machine-readable
 * outputs (--list-activities, CSV, JSON, GPX) stay SI whatever this is. */
typedef enum {
  RSB_UNITS_METRIC,    /* km, min/km, km/h, m */
  RSB_UNITS_IMPERIAL,  /* mi, min/mi, mph, ft */
} RsbUnits;

/* The quantities that have a unit word of their own. */
typedef enum {
  RSB_UNIT_DISTANCE,   /* km, mi */
  RSB_UNIT_PACE,       /* /km, /mi */
  RSB_UNIT_SPEED,      /* km/h, mph */
  RSB_UNIT_ELEVATION,  /* m, ft */
  RSB_N_UNIT_SYMBOLS,
} RsbUnitSymbol;

/* How much room a heart rate has: "♥ 153" beside other figures, or
 * "153 beats/min" where it stands alone. Never "bpm": that is a song's
 * tempo. */
typedef enum {
  RSB_HEART_RATE_COMPACT,
  RSB_HEART_RATE_LONG,
} RsbHeartRateStyle;

RsbUnits    rsb_units_for_locale        (const char *locale);
RsbUnits    rsb_units_from_environment  (void);
RsbUnits    rsb_units_from_setting      (const char *setting);
double      rsb_units_distance_metres   (RsbUnits    units);
double      rsb_units_elevation_per_metre (RsbUnits  units);
const char *rsb_units_symbol            (RsbUnits      units,
                                         RsbUnitSymbol symbol);

char *rsb_format_clock     (double  seconds);
char *rsb_format_distance  (double  metres,
                            RsbUnits units);
char *rsb_format_distance_along (double metres,
                                 RsbUnits units);
char *rsb_format_pace_value (double seconds_per_unit);
char *rsb_format_pace      (double  speed_mps,
                            RsbUnits units);
char *rsb_format_speed     (double  speed_mps,
                            RsbUnits units);
char *rsb_format_elevation (double  metres,
                            RsbUnits units);
char *rsb_format_heart_rate (double beats_per_minute,
                             RsbHeartRateStyle style);
char *rsb_format_heart_rate_change (double change);
const char *rsb_format_heart_rate_unit (void);
char *rsb_format_cadence   (double  per_minute,
                            gboolean on_foot);
char *rsb_format_duration  (double  seconds);
char *rsb_format_bpm       (double  bpm);
char *rsb_format_tempo     (double  bpm,
                            const char *source);
char *rsb_format_in_step   (double  in_step_s,
                            double  total_s);
char *rsb_format_iso_utc   (gint64  utc_ms);
char *rsb_format_local_date (gint64 utc_ms);
char *rsb_format_local_date_short (gint64 utc_ms);
char *rsb_format_local_clock (gint64 utc_ms);
/* "2,340": a count of things, grouped as the user's locale groups digits. */
char *rsb_format_count     (guint   n);
char *rsb_format_speed_factor (double factor);
/* The Tempo page's figures. */
char *rsb_format_pace_gain (double  s_per_m,
                            RsbUnits units);
char *rsb_format_speed_gain (double mps,
                             RsbUnits units);
char *rsb_format_tempo_slope (double  slope,
                              gboolean on_foot,
                              gboolean per_energy,
                              RsbUnits units);

G_END_DECLS
