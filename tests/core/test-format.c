/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-format.c: every figure in both unit systems, at the edges a
 * runner meets: nothing yet, a few strides, a marathon, a sprint, a
 * walk, a descent, a value the watch did not record. */
#include <locale.h>
#include <math.h>

#include "rsb-format.h"

#define MILE 1609.344

typedef char *(*Format) (double value, RsbUnits units);

typedef struct {
  Format      format;
  double      value;
  RsbUnits    units;
  const char *expected;
} Case;

#define METRIC   RSB_UNITS_METRIC
#define IMPERIAL RSB_UNITS_IMPERIAL

static void
assert_cases (const Case *cases,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = cases[i].format (cases[i].value, cases[i].units);

      g_test_message ("case %u: %g", i, cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_distance (void)
{
  const Case cases[] = {
    { rsb_format_distance, 0, METRIC, "0 m" },
    { rsb_format_distance, 0, IMPERIAL, "0 ft" },
    /* 0.05 mi: a few strides, in the small unit of each system. */
    { rsb_format_distance, 0.05 * MILE, METRIC, "80 m" },
    { rsb_format_distance, 0.05 * MILE, IMPERIAL, "264 ft" },
    /* From a tenth of a mile, and from a kilometre, the long unit. */
    { rsb_format_distance, 0.1 * MILE, IMPERIAL, "0.10 mi" },
    { rsb_format_distance, 999.4, METRIC, "999 m" },
    { rsb_format_distance, 999.6, METRIC, "1.00 km" },
    /* A marathon. */
    { rsb_format_distance, 26.2 * MILE, IMPERIAL, "26.20 mi" },
    { rsb_format_distance, 26.2 * MILE, METRIC, "42.16 km" },
    { rsb_format_distance, NAN, METRIC, "—" },
    { rsb_format_distance, NAN, IMPERIAL, "—" },
    /* Along the route, always the long unit. */
    { rsb_format_distance_along, 0.05 * MILE, IMPERIAL, "0.05 mi" },
    { rsb_format_distance_along, 450, METRIC, "0.45 km" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_pace (void)
{
  const Case cases[] = {
    /* 2:50 a kilometre and 2:50 a mile: faster than 3:00 in each. */
    { rsb_format_pace, 1000 / 170.0, METRIC, "2:50 /km" },
    { rsb_format_pace, MILE / 170.0, IMPERIAL, "2:50 /mi" },
    /* The same speed in the other system. */
    { rsb_format_pace, 1000 / 170.0, IMPERIAL, "4:34 /mi" },
    /* Slower than 20:00: a walk uphill, still told as it is. */
    { rsb_format_pace, 1000 / 1500.0, METRIC, "25:00 /km" },
    { rsb_format_pace, MILE / 1500.0, IMPERIAL, "25:00 /mi" },
    /* Seconds that round up carry into the minute, never "4:60". */
    { rsb_format_pace, 1000 / 299.6, METRIC, "5:00 /km" },
    /* A crawl is capped rather than overflowing the field. */
    { rsb_format_pace, 0.05, METRIC, "99:59 /km" },
    /* Standing still or not recorded: no pace. */
    { rsb_format_pace, 0, METRIC, "—" },
    { rsb_format_pace, NAN, IMPERIAL, "—" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_speed_and_elevation (void)
{
  const Case cases[] = {
    { rsb_format_speed, 0, METRIC, "0.0 km/h" },
    { rsb_format_speed, 0, IMPERIAL, "0.0 mph" },
    { rsb_format_speed, 10, METRIC, "36.0 km/h" },
    { rsb_format_speed, 10, IMPERIAL, "22.4 mph" },
    { rsb_format_speed, NAN, IMPERIAL, "—" },
    { rsb_format_elevation, 0, METRIC, "0 m" },
    { rsb_format_elevation, 0, IMPERIAL, "0 ft" },
    { rsb_format_elevation, 120, IMPERIAL, "394 ft" },
    /* A descent: a real minus sign, and never "-0". */
    { rsb_format_elevation, -12, METRIC, "−12 m" },
    { rsb_format_elevation, -12, IMPERIAL, "−39 ft" },
    { rsb_format_elevation, -0.3, METRIC, "0 m" },
    { rsb_format_elevation, NAN, METRIC, "—" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
  g_assert_cmpstr (rsb_units_symbol (METRIC, RSB_UNIT_SPEED), ==, "km/h");
  g_assert_cmpstr (rsb_units_symbol (IMPERIAL, RSB_UNIT_ELEVATION), ==, "ft");
}

/* Heart rate never says "bpm": that is a song's tempo. */
static void
test_heart_rate (void)
{
  g_autofree char *compact = rsb_format_heart_rate (153.4, RSB_HEART_RATE_COMPACT);
  g_autofree char *full = rsb_format_heart_rate (153.4, RSB_HEART_RATE_LONG);
  g_autofree char *unknown = rsb_format_heart_rate (NAN, RSB_HEART_RATE_LONG);
  g_autofree char *up = rsb_format_heart_rate_change (3.2);
  g_autofree char *down = rsb_format_heart_rate_change (-6);

  g_assert_cmpstr (compact, ==, "\u2665\uFE0E 153");
  g_assert_cmpstr (full, ==, "153 beats/min");
  g_assert_cmpstr (unknown, ==, "—");
  g_assert_cmpstr (up, ==, "\u2665\uFE0E +3");
  g_assert_cmpstr (down, ==, "\u2665\uFE0E −6");
  /* The heart is the text symbol (U+FE0E), not an emoji. */
  g_assert_cmpstr (rsb_format_heart_rate_unit (), ==, "\u2665\uFE0E /min");
}

static void
test_cadence (void)
{
  g_autofree char *steps = rsb_format_cadence (175.6, TRUE);
  g_autofree char *pedals = rsb_format_cadence (90, FALSE);
  g_autofree char *unknown = rsb_format_cadence (NAN, TRUE);

  g_assert_cmpstr (steps, ==, "176 spm");
  g_assert_cmpstr (pedals, ==, "90 rpm");
  g_assert_cmpstr (unknown, ==, "—");
}

static void
test_units_from_locale (void)
{
  g_assert_cmpint (rsb_units_for_locale ("en_US.UTF-8"), ==, RSB_UNITS_IMPERIAL);
  g_assert_cmpint (rsb_units_for_locale ("en_LR"), ==, RSB_UNITS_IMPERIAL);
  g_assert_cmpint (rsb_units_for_locale ("my_MM.UTF-8"), ==, RSB_UNITS_IMPERIAL);
  g_assert_cmpint (rsb_units_for_locale ("en_GB.UTF-8"), ==, RSB_UNITS_METRIC);
  g_assert_cmpint (rsb_units_for_locale ("de_DE@euro"), ==, RSB_UNITS_METRIC);
  g_assert_cmpint (rsb_units_for_locale ("en_USX"), ==, RSB_UNITS_METRIC);
  g_assert_cmpint (rsb_units_for_locale ("C"), ==, RSB_UNITS_METRIC);
  g_assert_cmpint (rsb_units_for_locale (NULL), ==, RSB_UNITS_METRIC);

  /* Automatic reads LC_ALL before LC_MEASUREMENT before LANG (this
   * test never calls setlocale, so the process is still "C"). */
  g_setenv ("LC_ALL", "", TRUE);
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  g_setenv ("LC_MEASUREMENT", "en_US.UTF-8", TRUE);
  g_assert_cmpint (rsb_units_from_setting ("automatic"), ==, RSB_UNITS_IMPERIAL);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  g_assert_cmpint (rsb_units_from_setting ("automatic"), ==, RSB_UNITS_METRIC);
  g_assert_cmpint (rsb_units_from_setting ("imperial"), ==, RSB_UNITS_IMPERIAL);
  g_setenv ("LC_ALL", "", TRUE);
  g_unsetenv ("LC_MEASUREMENT");
  g_setenv ("LANG", "en_LR.UTF-8", TRUE);
  g_assert_cmpint (rsb_units_from_setting ("automatic"), ==, RSB_UNITS_IMPERIAL);
  g_assert_cmpint (rsb_units_from_setting ("metric"), ==, RSB_UNITS_METRIC);
}

/* When a pause ends, to the minute, rounded up: 14:44:30 says 14:45. */
static void
test_local_clock (void)
{
  g_autoptr(GDateTime) at = g_date_time_new_local (2026, 12, 7, 14, 44, 30);
  g_autoptr(GDateTime) on = g_date_time_new_local (2026, 12, 7, 14, 45, 0);
  g_autofree char *rounded = rsb_format_local_clock (g_date_time_to_unix (at) * 1000);
  g_autofree char *exact = rsb_format_local_clock (g_date_time_to_unix (on) * 1000);

  g_assert_cmpstr (rounded, ==, "14:45");
  g_assert_cmpstr (exact, ==, "14:45");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/distance", test_distance);
  g_test_add_func ("/format/pace", test_pace);
  g_test_add_func ("/format/speed-and-elevation", test_speed_and_elevation);
  g_test_add_func ("/format/heart-rate", test_heart_rate);
  g_test_add_func ("/format/cadence", test_cadence);
  g_test_add_func ("/format/units-from-locale", test_units_from_locale);
  g_test_add_func ("/format/local-clock", test_local_clock);
  return g_test_run ();
}
