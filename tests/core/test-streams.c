/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for RsbStreams' columns: made together or one by one, every
 * column starts with no values and can be removed on its own. */
#include <math.h>

#include "rsb-types.h"

static void
assert_no_values (const double *column,
                  guint         n)
{
  g_assert_nonnull (column);
  for (guint i = 0; i < n; i++)
    g_assert_true (isnan (column[i]));
}

static void
test_new_with (void)
{
  g_autoptr(RsbStreams) streams =
    rsb_streams_new_with (1000, RSB_STREAM_BIT (RSB_STREAM_TIME) | RSB_STREAM_BIT (RSB_STREAM_LAT) |
                                RSB_STREAM_BIT (RSB_STREAM_LON) | RSB_STREAM_BIT (RSB_STREAM_HEART_RATE));

  g_assert_cmpuint (streams->n_points, ==, 1000);
  assert_no_values (streams->columns[RSB_STREAM_TIME], 1000);
  assert_no_values (streams->columns[RSB_STREAM_HEART_RATE], 1000);
  g_assert_true (rsb_streams_has_route (streams));
  g_assert_false (rsb_streams_has (streams, RSB_STREAM_ALTITUDE));
  g_assert_false (rsb_streams_has (streams, RSB_STREAM_SPEED));

  /* Columns never overlap: a write to one shows in no other. */
  streams->columns[RSB_STREAM_LAT][999] = 52.5;
  streams->columns[RSB_STREAM_LON][0] = 13.4;
  g_assert_true (isnan (streams->columns[RSB_STREAM_TIME][999]));
  g_assert_true (isnan (streams->columns[RSB_STREAM_HEART_RATE][0]));
  g_assert_true (isnan (streams->columns[RSB_STREAM_LAT][0]));
  g_assert_true (isnan (streams->columns[RSB_STREAM_LON][999]));
}

/* Dropping block columns and separately made ones alike, then freeing
 * the rest, must neither leak nor free twice (the sanitizer build
 * checks both). */
static void
test_drop_and_add (void)
{
  RsbStreams *streams =
    rsb_streams_new_with (50, RSB_STREAM_BIT (RSB_STREAM_TIME) | RSB_STREAM_BIT (RSB_STREAM_CADENCE));
  double *speed = rsb_streams_ensure (streams, RSB_STREAM_SPEED);

  assert_no_values (speed, 50);
  rsb_streams_drop (streams, RSB_STREAM_CADENCE);
  rsb_streams_drop (streams, RSB_STREAM_SPEED);
  rsb_streams_drop (streams, RSB_STREAM_ALTITUDE);  /* never there */
  g_assert_false (rsb_streams_has (streams, RSB_STREAM_CADENCE));
  g_assert_false (rsb_streams_has (streams, RSB_STREAM_SPEED));
  assert_no_values (streams->columns[RSB_STREAM_TIME], 50);

  /* A column dropped from the block can come back on its own. */
  assert_no_values (rsb_streams_ensure (streams, RSB_STREAM_CADENCE), 50);
  rsb_streams_free (streams);
}

static void
test_empty (void)
{
  g_autoptr(RsbStreams) none = rsb_streams_new_with (0, RSB_STREAM_BIT (RSB_STREAM_TIME));
  g_autoptr(RsbStreams) no_columns = rsb_streams_new_with (10, 0);

  g_assert_nonnull (none->columns[RSB_STREAM_TIME]);
  g_assert_false (rsb_streams_has_route (none));
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    g_assert_false (rsb_streams_has (no_columns, kind));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/streams/new-with", test_new_with);
  g_test_add_func ("/streams/drop-and-add", test_drop_and_add);
  g_test_add_func ("/streams/empty", test_empty);

  return g_test_run ();
}
