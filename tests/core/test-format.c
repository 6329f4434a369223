/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-format.c: every figure in both unit systems, at the edges a
 * runner meets: nothing yet, a few strides, a marathon, a sprint, a
 * walk, a descent, a value the watch did not record. */
#include <locale.h>
#include <math.h>

#include "rsb-format.h"

#define MILE 1609.344

typedef char *(*Format) (double value, RsbUnits units);

static void
assert_format (Format      format,
               double      value,
               RsbUnits    units,
               const char *expected)
{
  g_autofree char *text = format (value, units);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_distance (void)
{
  assert_format (rsb_format_distance, 0, RSB_UNITS_METRIC, "0 m");
  assert_format (rsb_format_distance, 0, RSB_UNITS_IMPERIAL, "0 ft");
  /* 0.05 mi: a few strides, in the small unit of each system. */
  assert_format (rsb_format_distance, 0.05 * MILE, RSB_UNITS_METRIC, "80 m");
  assert_format (rsb_format_distance, 0.05 * MILE, RSB_UNITS_IMPERIAL, "264 ft");
  /* From a tenth of a mile, and from a kilometre, the long unit. */
  assert_format (rsb_format_distance, 0.1 * MILE, RSB_UNITS_IMPERIAL, "0.10 mi");
  assert_format (rsb_format_distance, 999.4, RSB_UNITS_METRIC, "999 m");
  assert_format (rsb_format_distance, 999.6, RSB_UNITS_METRIC, "1.00 km");
  /* A marathon. */
  assert_format (rsb_format_distance, 26.2 * MILE, RSB_UNITS_IMPERIAL, "26.20 mi");
  assert_format (rsb_format_distance, 26.2 * MILE, RSB_UNITS_METRIC, "42.16 km");
  assert_format (rsb_format_distance, NAN, RSB_UNITS_METRIC, "—");
  assert_format (rsb_format_distance, NAN, RSB_UNITS_IMPERIAL, "—");
  /* Along the route, always the long unit. */
  assert_format (rsb_format_distance_along, 0.05 * MILE, RSB_UNITS_IMPERIAL, "0.05 mi");
  assert_format (rsb_format_distance_along, 450, RSB_UNITS_METRIC, "0.45 km");
}

static void
test_pace (void)
{
  /* 2:50 a kilometre and 2:50 a mile: faster than 3:00 in each. */
  assert_format (rsb_format_pace, 1000 / 170.0, RSB_UNITS_METRIC, "2:50 /km");
  assert_format (rsb_format_pace, MILE / 170.0, RSB_UNITS_IMPERIAL, "2:50 /mi");
  /* The same speed in the other system. */
  assert_format (rsb_format_pace, 1000 / 170.0, RSB_UNITS_IMPERIAL, "4:34 /mi");
  /* Slower than 20:00: a walk uphill, still told as it is. */
  assert_format (rsb_format_pace, 1000 / 1500.0, RSB_UNITS_METRIC, "25:00 /km");
  assert_format (rsb_format_pace, MILE / 1500.0, RSB_UNITS_IMPERIAL, "25:00 /mi");
  /* Seconds that round up carry into the minute, never "4:60". */
  assert_format (rsb_format_pace, 1000 / 299.6, RSB_UNITS_METRIC, "5:00 /km");
  /* A crawl is capped rather than overflowing the field. */
  assert_format (rsb_format_pace, 0.05, RSB_UNITS_METRIC, "99:59 /km");
  /* Standing still or not recorded: no pace. */
  assert_format (rsb_format_pace, 0, RSB_UNITS_METRIC, "—");
  assert_format (rsb_format_pace, NAN, RSB_UNITS_IMPERIAL, "—");
}

static void
test_speed (void)
{
  assert_format (rsb_format_speed, 0, RSB_UNITS_METRIC, "0.0 km/h");
  assert_format (rsb_format_speed, 0, RSB_UNITS_IMPERIAL, "0.0 mph");
  assert_format (rsb_format_speed, 10, RSB_UNITS_METRIC, "36.0 km/h");
  assert_format (rsb_format_speed, 10, RSB_UNITS_IMPERIAL, "22.4 mph");
  assert_format (rsb_format_speed, NAN, RSB_UNITS_IMPERIAL, "—");
}

static void
test_elevation (void)
{
  assert_format (rsb_format_elevation, 0, RSB_UNITS_METRIC, "0 m");
  assert_format (rsb_format_elevation, 0, RSB_UNITS_IMPERIAL, "0 ft");
  assert_format (rsb_format_elevation, 120, RSB_UNITS_IMPERIAL, "394 ft");
  /* A descent: a real minus sign, and never "-0". */
  assert_format (rsb_format_elevation, -12, RSB_UNITS_METRIC, "−12 m");
  assert_format (rsb_format_elevation, -12, RSB_UNITS_IMPERIAL, "−39 ft");
  assert_format (rsb_format_elevation, -0.3, RSB_UNITS_METRIC, "0 m");
  assert_format (rsb_format_elevation, NAN, RSB_UNITS_METRIC, "—");
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

  g_assert_cmpstr (compact, ==, "♥ 153");
  g_assert_cmpstr (full, ==, "153 beats/min");
  g_assert_cmpstr (unknown, ==, "—");
  g_assert_cmpstr (up, ==, "♥ +3");
  g_assert_cmpstr (down, ==, "♥ −6");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/distance", test_distance);
  g_test_add_func ("/format/pace", test_pace);
  g_test_add_func ("/format/speed", test_speed);
  g_test_add_func ("/format/elevation", test_elevation);
  g_test_add_func ("/format/heart-rate", test_heart_rate);
  g_test_add_func ("/format/cadence", test_cadence);
  g_test_add_func ("/format/units-from-locale", test_units_from_locale);
  return g_test_run ();
}
