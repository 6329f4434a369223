/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-format.c: how every figure reads, the same in the window and on
 * the command line.
 *
 * The one place that knows units: the views hand it SI values (metres,
 * seconds, metres per second) and the user's RsbUnits and get the text
 * back, unit word included, so that no view can say "km" to someone who
 * chose miles. The words are translated here, with the app's domain,
 * because a unit word and the number it follows are one phrase in most
 * languages ("5,2 km", "8 h 05 min"). Numbers go through printf in the
 * user's LC_NUMERIC (decimal comma, digit grouping with %'); nothing here
 * forces the "C" locale. Unknown (NAN) values read as an em dash. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-format.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#define METRES_PER_MILE  1609.344
#define FEET_PER_METRE   (1 / 0.3048)
/* Under a tenth of a mile a distance reads in feet, as under a
 * kilometre it reads in metres: "0.00 mi" would hide the stretch. */
#define FEET_BELOW_MILES 0.1
#define LONGEST_PACE_S   (99 * 60 + 59)
#define UNKNOWN          "—"
/* A heart, U+2665, with U+FE0E: the text symbol in the line's own font.
 * As a bare emoji character Pango lays it out in a run of its own with
 * a font fallback search, which cost the profile chart 1.3 ms a frame. */
#define HEART            "\u2665\uFE0E"

/* Where LC_MEASUREMENT says miles: glibc's locales measure in imperial
 * units only for these three. */
RsbUnits
rsb_units_for_locale (const char *locale)
{
  static const char *imperial[] = { "en_US", "en_LR", "my_MM" };
  gsize length;

  if (locale == NULL)
    return RSB_UNITS_METRIC;
  /* "en_US.UTF-8", "en_US@euro": the territory is what matters. */
  length = strcspn (locale, ".@");
  for (guint i = 0; i < G_N_ELEMENTS (imperial); i++)
    if (length == strlen (imperial[i]) && strncmp (locale, imperial[i], length) == 0)
      return RSB_UNITS_IMPERIAL;
  return RSB_UNITS_METRIC;
}

static const char *
nonempty_env (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* The process's LC_MEASUREMENT once setlocale() has read the
 * environment; a program that has not (still "C") reads the variables
 * in the order the C library would. */
RsbUnits
rsb_units_from_environment (void)
{
  const char *locale = NULL;

#ifdef LC_MEASUREMENT
  locale = setlocale (LC_MEASUREMENT, NULL);
#endif
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    locale = nonempty_env ("LC_ALL");
  if (locale == NULL)
    locale = nonempty_env ("LC_MEASUREMENT");
  if (locale == NULL)
    locale = nonempty_env ("LANG");
  return rsb_units_for_locale (locale);
}

/* The "units" setting: "metric", "imperial", or anything else
 * ("automatic") for the locale's. */
RsbUnits
rsb_units_from_setting (const char *setting)
{
  if (g_strcmp0 (setting, "metric") == 0)
    return RSB_UNITS_METRIC;
  if (g_strcmp0 (setting, "imperial") == 0)
    return RSB_UNITS_IMPERIAL;
  return rsb_units_from_environment ();
}

/* Metres in the distance unit: a kilometre or a mile. */
double
rsb_units_distance_metres (RsbUnits units)
{
  return units == RSB_UNITS_IMPERIAL ? METRES_PER_MILE : 1000;
}

/* Elevation units in a metre: 1, or about 3.28 feet. */
double
rsb_units_elevation_per_metre (RsbUnits units)
{
  return units == RSB_UNITS_IMPERIAL ? FEET_PER_METRE : 1;
}

/* The unit words of each system, in RsbUnitSymbol's order; marked for
 * translation here, translated when asked for. */
static const char *const symbols[][RSB_N_UNIT_SYMBOLS] = {
  /* Translators: the symbols of kilometres, minutes per kilometre (a
   * pace's unit), kilometres per hour and metres */
  [RSB_UNITS_METRIC] = { N_("km"), N_("/km"), N_("km/h"), N_("m") },
  /* Translators: the symbols of miles, minutes per mile (a pace's
   * unit), miles per hour and feet */
  [RSB_UNITS_IMPERIAL] = { N_("mi"), N_("/mi"), N_("mph"), N_("ft") },
};

/* The word for a quantity's unit, "km" or "mi", for labels that carry
 * the unit apart from the numbers (a chart's axes). */
const char *
rsb_units_symbol (RsbUnits      units,
                  RsbUnitSymbol symbol)
{
  return _(symbols[units][symbol]);
}

/* "4:05" or "1:02:03": a position in the workout. */
char *
rsb_format_clock (double seconds)
{
  gint64 total = (gint64) llround (MAX (seconds, 0));

  if (total >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d",
                            total / 3600, (int) (total / 60 % 60), (int) (total % 60));
  return g_strdup_printf ("%d:%02d", (int) (total / 60), (int) (total % 60));
}

/* A whole number with a typographic minus, never "-0". */
static char *
signed_whole (double value)
{
  double rounded = round (value);

  if (rounded == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%s%'.0f", rounded < 0 ? "−" : "", fabs (rounded));
}

/* "850 m", "12.34 km"; "264 ft", "26.22 mi". */
char *
rsb_format_distance (double   metres,
                     RsbUnits units)
{
  gboolean small = units == RSB_UNITS_IMPERIAL ? metres < FEET_BELOW_MILES * METRES_PER_MILE
                                               : round (metres) < 1000;

  if (isnan (metres))
    return g_strdup (UNKNOWN);
  /* A short way reads in the small unit, as a height does. */
  if (small)
    return rsb_format_elevation (metres, units);
  return rsb_format_distance_along (metres, units);
}

/* A point's distance from the start, always in the long unit so that
 * moving along the route reads as one count: "0.45 km", "0.28 mi". */
char *
rsb_format_distance_along (double   metres,
                           RsbUnits units)
{
  if (isnan (metres))
    return g_strdup (UNKNOWN);
  /* Translators: a distance in miles, or in kilometres */
  return g_strdup_printf (units == RSB_UNITS_IMPERIAL ? _("%.2f mi") : _("%.2f km"),
                          metres / rsb_units_distance_metres (units));
}

/* "5:12": minutes and seconds, for a pace axis's ticks. */
char *
rsb_format_pace_value (double seconds_per_unit)
{
  int total;

  if (isnan (seconds_per_unit) || seconds_per_unit <= 0)
    return g_strdup (UNKNOWN);
  total = (int) MIN (llround (seconds_per_unit), LONGEST_PACE_S);
  return g_strdup_printf ("%d:%02d", total / 60, total % 60);
}

/* "5:12 /km" or "8:22 /mi"; standing still has no pace. */
char *
rsb_format_pace (double   speed_mps,
                 RsbUnits units)
{
  g_autofree char *value = NULL;

  if (isnan (speed_mps) || speed_mps <= 0)
    return g_strdup (UNKNOWN);
  value = rsb_format_pace_value (rsb_units_distance_metres (units) / speed_mps);
  /* Translators: a pace, "5:12 /km": minutes:seconds, then the unit */
  return g_strdup_printf (C_("pace", "%s %s"), value, rsb_units_symbol (units, RSB_UNIT_PACE));
}

/* "24.5 km/h" or "15.2 mph". */
char *
rsb_format_speed (double   speed_mps,
                  RsbUnits units)
{
  if (isnan (speed_mps))
    return g_strdup (UNKNOWN);
  /* Translators: a speed in miles, or in kilometres, per hour */
  return g_strdup_printf (units == RSB_UNITS_IMPERIAL ? _("%.1f mph") : _("%.1f km/h"),
                          speed_mps * 3600 / rsb_units_distance_metres (units));
}

/* An elevation or a climb: "120 m", "−12 m", "394 ft". */
char *
rsb_format_elevation (double   metres,
                      RsbUnits units)
{
  g_autofree char *value = NULL;

  if (isnan (metres))
    return g_strdup (UNKNOWN);
  value = signed_whole (metres * rsb_units_elevation_per_metre (units));
  if (units == RSB_UNITS_IMPERIAL)
    /* Translators: a height or a short distance in feet */
    return g_strdup_printf (_("%s ft"), value);
  /* Translators: a height or a short distance in metres */
  return g_strdup_printf (_("%s m"), value);
}

char *
rsb_format_heart_rate (double            beats_per_minute,
                       RsbHeartRateStyle style)
{
  if (isnan (beats_per_minute))
    return g_strdup (UNKNOWN);
  if (style == RSB_HEART_RATE_COMPACT)
    /* Translators: a heart rate where room is short, "♥ 153": %s is
     * the heart symbol; never "bpm", which is a song's tempo */
    return g_strdup_printf (C_("heart rate", "%s %.0f"), HEART, beats_per_minute);
  /* Translators: a heart rate, "153 beats/min"; never "bpm", which is
   * a song's tempo */
  return g_strdup_printf (_("%.0f beats/min"), beats_per_minute);
}

/* A heart rate above or below an average: "♥ +3", "♥ −6". */
char *
rsb_format_heart_rate_change (double change)
{
  long beats;

  if (isnan (change))
    return g_strdup (UNKNOWN);
  beats = lround (change);
  /* Translators: heart rate above (+) or below (−) an average, in
   * beats per minute, "♥ +3": the first %s is the heart symbol */
  return g_strdup_printf (C_("heart rate change", "%s %s%ld"), HEART,
                          beats > 0 ? "+" : beats < 0 ? "−" : "±", labs (beats));
}

/* The heart-rate axis's unit: "♥ /min". */
const char *
rsb_format_heart_rate_unit (void)
{
  static char *unit;

  /* Translators: the unit over a chart's heart-rate axis, "♥ /min":
   * %s is the heart symbol; not "bpm", which is a song's tempo */
  if (unit == NULL)
    unit = g_strdup_printf (C_("heart rate axis", "%s /min"), HEART);
  return unit;
}

/* Steps a minute on foot, pedal turns a minute on a bike. */
char *
rsb_format_cadence (double   per_minute,
                    gboolean on_foot)
{
  if (isnan (per_minute))
    return g_strdup (UNKNOWN);
  /* Translators: steps per minute / revolutions per minute */
  return g_strdup_printf (on_foot ? _("%.0f spm") : _("%.0f rpm"), per_minute);
}

/* "45 min" or "2 h 05 min": how long something lasted. */
char *
rsb_format_duration (double seconds)
{
  int minutes = (int) MIN (llround (MAX (seconds, 0) / 60.0), G_MAXINT);

  if (minutes < 60)
    /* Translators: a duration under an hour */
    return g_strdup_printf (_("%d min"), minutes);
  /* Translators: a duration of hours and minutes */
  return g_strdup_printf (_("%d h %02d min"), minutes / 60, minutes % 60);
}

/* "128 BPM": a song's tempo, never a heart rate. Whole beats unless
 * the tempo has a fraction that matters (tapped or halved: 87.5). */
char *
rsb_format_bpm (double bpm)
{
  double tenths = round (bpm * 10) / 10;

  if (isnan (bpm))
    return g_strdup (UNKNOWN);
  if (fabs (tenths - round (tenths)) < 0.05)
    /* Translators: a song's tempo in beats per minute */
    return g_strdup_printf (_("%.0f BPM"), tenths);
  /* Translators: a song's tempo in beats per minute, with a decimal */
  return g_strdup_printf (_("%.1f BPM"), tenths);
}

/* "128 BPM · Deezer": the tempo and where it came from. */
char *
rsb_format_tempo (double      bpm,
                  const char *source)
{
  g_autofree char *value = rsb_format_bpm (bpm);

  if (source == NULL || *source == '\0')
    return g_steal_pointer (&value);
  /* Translators: a song's tempo and its source, "128 BPM · Deezer" */
  return g_strdup_printf (_("%s · %s"), value, source);
}

/* "In step with the beat for 14 of 52 min". */
char *
rsb_format_in_step (double in_step_s,
                    double total_s)
{
  int total = (int) MIN (llround (MAX (total_s, 0) / 60.0), G_MAXINT);
  int in_step = (int) MIN (llround (MAX (in_step_s, 0) / 60.0), total);

  /* Translators: minutes of a workout run in step with the songs' beat,
     of its moving minutes; the plural follows the second number */
  return g_strdup_printf (ngettext ("In step with the beat for %d of %d min",
                                    "In step with the beat for %d of %d min", total),
                          in_step, total);
}

char *
rsb_format_iso_utc (gint64 utc_ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc_ms / 1000);

  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* g_date_time_format() names the days and months in the user's
 * LC_TIME; the order is the translator's. */
static char *
local_date (gint64      utc_ms,
            const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, format) : g_strdup ("");
}

char *
rsb_format_local_date (gint64 utc_ms)
{
  /* Translators: a workout's start, "Sun 3 Mar 2024, 07:15", as
   * g_date_time_format() takes it */
  return local_date (utc_ms, _("%a %-d %b %Y, %H:%M"));
}

/* Without the weekday: for a phone-wide header. */
char *
rsb_format_local_date_short (gint64 utc_ms)
{
  /* Translators: a workout's start without the weekday, as
   * g_date_time_format() takes it */
  return local_date (utc_ms, _("%-d %b %Y, %H:%M"));
}

/* "14:45": when a pause ends, rounded up to the minute so that one
 * ending at 14:44:30 does not promise 14:44. */
char *
rsb_format_local_clock (gint64 utc_ms)
{
  /* Translators: a time of day, as g_date_time_format() takes it;
   * "%l:%M %p" for a 12-hour clock */
  return local_date ((utc_ms + 59999) / 60000 * 60000, _("%H:%M"));
}

char *
rsb_format_count (guint n)
{
  /* The ' flag groups thousands by LC_NUMERIC, as people read them. */
  return g_strdup_printf ("%'u", n);
}

/* A replay's speed against life: "60×". */
char *
rsb_format_speed_factor (double factor)
{
  return g_strdup_printf ("%'.0f×", factor);
}

/* How much sooner a stretch ran than its workout: "12 s/km faster",
 * "4 s/mi slower". s_per_m is seconds per metre, positive when faster. */
char *
rsb_format_pace_gain (double   s_per_m,
                      RsbUnits units)
{
  double seconds;

  if (isnan (s_per_m))
    return g_strdup (UNKNOWN);
  seconds = fabs (s_per_m) * rsb_units_distance_metres (units);
  if (units == RSB_UNITS_IMPERIAL)
    return g_strdup_printf (s_per_m >= 0 ? _("%.0f s/mi faster") : _("%.0f s/mi slower"), seconds);
  return g_strdup_printf (s_per_m >= 0 ? _("%.0f s/km faster") : _("%.0f s/km slower"), seconds);
}

/* "1.2 km/h faster", "0.5 mph slower". */
char *
rsb_format_speed_gain (double   mps,
                       RsbUnits units)
{
  double value;

  if (isnan (mps))
    return g_strdup (UNKNOWN);
  value = fabs (mps) * 3600 / rsb_units_distance_metres (units);
  if (units == RSB_UNITS_IMPERIAL)
    return g_strdup_printf (mps >= 0 ? _("%.1f mph faster") : _("%.1f mph slower"), value);
  return g_strdup_printf (mps >= 0 ? _("%.1f km/h faster") : _("%.1f km/h slower"), value);
}

/* A fitted slope of pace (seconds per metre, on foot) or speed (m/s)
 * against tempo, per BPM: "−0.8 s/km per BPM", "+0.05 km/h per BPM";
 * or against energy, over its whole 0–1 scale. */
char *
rsb_format_tempo_slope (double   slope,
                        gboolean on_foot,
                        gboolean per_energy,
                        RsbUnits units)
{
  double value;
  const char *sign;

  if (isnan (slope))
    return g_strdup (UNKNOWN);
  value = on_foot ? slope * rsb_units_distance_metres (units)
                  : slope * 3600 / rsb_units_distance_metres (units);
  sign = value < 0 ? "−" : "+";
  value = fabs (value);
  if (per_energy)
    {
      if (on_foot)
        return g_strdup_printf (units == RSB_UNITS_IMPERIAL
                                /* Translators: how pace changes from the calmest song to the most energetic */
                                ? _("%s%.0f s/mi from low to high energy")
                                : _("%s%.0f s/km from low to high energy"), sign, value);
      return g_strdup_printf (units == RSB_UNITS_IMPERIAL
                              ? _("%s%.1f mph from low to high energy")
                              : _("%s%.1f km/h from low to high energy"), sign, value);
    }
  if (on_foot)
    return g_strdup_printf (units == RSB_UNITS_IMPERIAL
                            /* Translators: how pace changes with each beat per minute of the song */
                            ? _("%s%.1f s/mi per BPM") : _("%s%.1f s/km per BPM"), sign, value);
  return g_strdup_printf (units == RSB_UNITS_IMPERIAL
                          ? _("%s%.2f mph per BPM") : _("%s%.2f km/h per BPM"), sign, value);
}
