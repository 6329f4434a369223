/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-profile.c: the numbers behind the profile chart, without a display.
 *
 * A profile holds, for every route point, the distance (the file's own
 * column, or measured along the positions), the time, the elevation,
 * the heart rate and a smoothed speed, plus each series' plotted range
 * (between percentiles, so one spike does not flatten the line), and
 * the x each point sits at on the chosen axis, made never to decrease
 * so that a binary search finds the point under a pixel.
 *
 * A 10-hour route has tens of thousands of points for a thousand pixel
 * columns, so for a width the series are reduced once to one mean per
 * column, each column marked empty, joined to the one before, or
 * resumed after a pause: drawing then costs the width, not the route.
 * The chart widget (src/ui/rsb-profile-chart.c) only draws these. */
#include "rsb-profile.h"

#include <math.h>
#include <string.h>

#include "rsb-geo.h"

static const double *
column_or_null (const RsbStreams *streams,
                RsbStreamKind     kind)
{
  return rsb_streams_has (streams, kind) ? streams->columns[kind] : NULL;
}

/* The distance column, or the distance along the route when the file
 * gave positions only; NULL with neither. */
double *
rsb_profile_distance (const RsbStreams *streams)
{
  double *distance;

  if (rsb_streams_has (streams, RSB_STREAM_DISTANCE))
    return g_memdup2 (streams->columns[RSB_STREAM_DISTANCE], sizeof (double) * streams->n_points);
  if (!rsb_streams_has_route (streams))
    return NULL;
  distance = g_new (double, streams->n_points);
  rsb_geo_cumulative_distance (streams->columns[RSB_STREAM_LAT], streams->columns[RSB_STREAM_LON],
                               streams->n_points, distance);
  return distance;
}

/* Moving average over radius points either side, skipping missing
 * values: a watch's 1 Hz speed jitters far more than the runner's pace
 * does. A missing value stays missing. */
void
rsb_profile_smooth (double *values,
                    guint   n,
                    guint   radius)
{
  g_autofree double *raw = g_memdup2 (values, sizeof (double) * n);
  double sum = 0;
  guint count = 0;

  for (guint i = 0; i < n + radius; i++)
    {
      if (i < n && !isnan (raw[i]))
        sum += raw[i], count++;
      if (i >= 2 * radius + 1 && !isnan (raw[i - 2 * radius - 1]))
        sum -= raw[i - 2 * radius - 1], count--;
      if (i >= radius)
        values[i - radius] = count > 0 && !isnan (raw[i - radius]) ? sum / count : NAN;
    }
}

/* The speed column, or the distance over the time across each point's
 * neighbours; smoothed. */
static double *
compute_speed (const RsbProfile *profile)
{
  const RsbStreams *streams = profile->streams;
  guint n = profile->n;
  double *speed;

  if (rsb_streams_has (streams, RSB_STREAM_SPEED))
    speed = g_memdup2 (streams->columns[RSB_STREAM_SPEED], sizeof (double) * n);
  else if (profile->distance != NULL && profile->time != NULL)
    {
      speed = g_new (double, n);
      for (guint i = 0; i < n; i++)
        {
          guint a = i > 0 ? i - 1 : i, b = MIN (i + 1, n - 1);
          double dt = profile->time[b] - profile->time[a];

          speed[i] = dt > 0 ? (profile->distance[b] - profile->distance[a]) / dt : NAN;
        }
    }
  else
    return NULL;
  rsb_profile_smooth (speed, n, RSB_PROFILE_SMOOTH_RADIUS);
  return speed;
}

/* What the pace/speed axis plots for a speed: seconds per km (runs) or
 * km/h (rides); NAN while standing, when a pace means nothing. The
 * chart scales these to the user's units when it labels them. */
double
rsb_profile_speed_value (const RsbProfile *profile,
                         double            mps)
{
  if (isnan (mps))
    return NAN;
  if (profile->pace)
    return mps >= RSB_PROFILE_STOPPED_MPS ? 1000.0 / mps : NAN;
  return mps * 3.6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The range between two percentiles of the values that are known,
 * widened to min_span and padded by 8 % each way. FALSE when no value
 * is known. */
gboolean
rsb_profile_percentile_range (const double *values,
                              guint         n,
                              double        low,
                              double        high,
                              double        min_span,
                              RsbRange     *range)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));
  double lo, hi, pad;

  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      g_array_append_val (sorted, values[i]);
  if (sorted->len == 0)
    return FALSE;
  g_array_sort (sorted, compare_doubles);
  lo = g_array_index (sorted, double, (guint) (low * (sorted->len - 1)));
  hi = g_array_index (sorted, double, (guint) (high * (sorted->len - 1)));
  if (hi - lo < min_span)
    {
      double middle = (hi + lo) / 2;

      lo = middle - min_span / 2;
      hi = middle + min_span / 2;
    }
  pad = (hi - lo) * 0.08;
  range->lo = lo - pad;
  range->hi = hi + pad;
  return TRUE;
}

static gboolean
speed_range (RsbProfile *profile)
{
  g_autofree double *values = g_new (double, profile->n);

  for (guint i = 0; i < profile->n; i++)
    values[i] = rsb_profile_speed_value (profile, profile->speed[i]);
  return rsb_profile_percentile_range (values, profile->n, 0.03, 0.97, profile->pace ? 60 : 5,
                                       &profile->speed_range);
}

static double *
compute_cadence (const RsbProfile *profile)
{
  const double *raw = profile->streams->columns[RSB_STREAM_CADENCE];
  double *cadence;

  if (raw == NULL)
    return NULL;
  cadence = g_new (double, profile->n);
  for (guint i = 0; i < profile->n; i++)
    cadence[i] = raw[i] > 0 ? raw[i] * (profile->pace ? 2 : 1) : NAN;
  rsb_profile_smooth (cadence, profile->n, RSB_PROFILE_SMOOTH_RADIUS);
  return cadence;
}

void
rsb_profile_range_include (RsbRange *range,
                           double    value)
{
  if (!isfinite (value) || value <= 0)
    return;
  range->lo = MIN (range->lo, value - 2);
  range->hi = MAX (range->hi, value + 2);
}

/* Reads the series of streams (borrowed until rsb_profile_clear());
 * a series without any known value is dropped. */
void
rsb_profile_load (RsbProfile       *profile,
                  const RsbStreams *streams,
                  gboolean          pace)
{
  rsb_profile_clear (profile);
  profile->streams = streams;
  profile->n = streams->n_points;
  profile->time = column_or_null (streams, RSB_STREAM_TIME);
  profile->altitude = column_or_null (streams, RSB_STREAM_ALTITUDE);
  profile->heart_rate = column_or_null (streams, RSB_STREAM_HEART_RATE);
  profile->distance = rsb_profile_distance (streams);
  profile->pace = pace;
  profile->speed = compute_speed (profile);
  profile->cadence = compute_cadence (profile);

  if (!rsb_profile_percentile_range (profile->altitude, profile->n, 0, 1, 20, &profile->altitude_range))
    profile->altitude = NULL;
  if (!rsb_profile_percentile_range (profile->heart_rate, profile->n, 0.01, 0.99, 20, &profile->heart_rate_range))
    profile->heart_rate = NULL;
  if (profile->cadence != NULL &&
      !rsb_profile_percentile_range (profile->cadence, profile->n, 0.02, 0.98, 10, &profile->cadence_range))
    g_clear_pointer (&profile->cadence, g_free);
  if (profile->speed != NULL && !speed_range (profile))
    g_clear_pointer (&profile->speed, g_free);
  if (profile->speed != NULL && !profile->pace)
    profile->speed_range.lo = MAX (profile->speed_range.lo, 0);
}

void
rsb_profile_clear_columns (RsbProfile *profile)
{
  profile->columns_width = 0;
  g_clear_pointer (&profile->column_kind, g_free);
  g_clear_pointer (&profile->column_altitude, g_free);
  g_clear_pointer (&profile->column_speed, g_free);
  g_clear_pointer (&profile->column_heart_rate, g_free);
  g_clear_pointer (&profile->column_cadence, g_free);
}

void
rsb_profile_clear (RsbProfile *profile)
{
  rsb_profile_clear_columns (profile);
  g_clear_pointer (&profile->distance, g_free);
  g_clear_pointer (&profile->speed, g_free);
  g_clear_pointer (&profile->cadence, g_free);
  g_clear_pointer (&profile->x, g_free);
  profile->time = profile->altitude = profile->heart_rate = NULL;
  profile->streams = NULL;
  profile->n = 0;
}

static const double *
axis_source (const RsbProfile *profile,
             gboolean          over_time)
{
  return over_time ? profile->time : profile->distance;
}

/* Whether the axis has a span to draw over. */
gboolean
rsb_profile_axis_available (const RsbProfile *profile,
                            gboolean          over_time)
{
  const double *source = axis_source (profile, over_time);
  double lo = INFINITY, hi = -INFINITY;

  if (source == NULL)
    return FALSE;
  for (guint i = 0; i < profile->n; i++)
    if (!isnan (source[i]))
      lo = MIN (lo, source[i]), hi = MAX (hi, source[i]);
  return hi > lo;
}

/* A monotonic x for every point: gaps, and steps back, take the value
 * before them. Returns whether there is one (x stays NULL otherwise). */
gboolean
rsb_profile_compute_x (RsbProfile *profile,
                       gboolean    over_time)
{
  const double *source = axis_source (profile, over_time);
  double last = NAN;

  g_clear_pointer (&profile->x, g_free);
  rsb_profile_clear_columns (profile);
  if (source == NULL || profile->n == 0)
    return FALSE;
  profile->x = g_new (double, profile->n);
  for (guint i = 0; i < profile->n; i++)
    if (!isnan (source[i]))
      {
        last = source[i];
        break;
      }
  for (guint i = 0; i < profile->n; i++)
    {
      if (!isnan (source[i]) && source[i] > last)
        last = source[i];
      profile->x[i] = last;
    }
  if (isnan (last) || !(profile->x[profile->n - 1] > profile->x[0]))
    g_clear_pointer (&profile->x, g_free);
  return profile->x != NULL;
}

/* The pixel column, of width, that a point falls in. */
int
rsb_profile_column_of_point (const RsbProfile *profile,
                             guint             i,
                             int               width)
{
  double lo = profile->x[0], span = profile->x[profile->n - 1] - lo;

  return CLAMP ((int) ((profile->x[i] - lo) / span * width), 0, width - 1);
}

RsbProfileColumnKind
rsb_profile_kind_of_point (const RsbProfile *profile,
                           guint             i)
{
  return rsb_interval_is_pause (profile->streams, i) ? RSB_PROFILE_COLUMN_RESUMED : RSB_PROFILE_COLUMN_JOINED;
}

static void
average_into (double       *columns,
              guint        *counts,
              int           width,
              const double *values,
              const int    *column_of)
{
  memset (counts, 0, sizeof (guint) * width);
  for (int c = 0; c < width; c++)
    columns[c] = 0;
  for (guint i = 0; values != NULL && column_of[i] >= 0; i++)
    {
      if (isnan (values[i]))
        continue;
      columns[column_of[i]] += values[i];
      counts[column_of[i]]++;
    }
  for (int c = 0; c < width; c++)
    columns[c] = counts[c] > 0 ? columns[c] / counts[c] : NAN;
}

/* One value per pixel column: the mean of the points under it; NAN
 * where none falls, or the series is missing. Kept until the width or
 * the axis changes. */
void
rsb_profile_ensure_columns (RsbProfile *profile,
                            int         width)
{
  g_autofree guint *counts = NULL;
  g_autofree int *column_of = NULL;

  if (width == profile->columns_width || profile->x == NULL)
    return;
  rsb_profile_clear_columns (profile);
  profile->columns_width = width;
  profile->column_kind = g_new0 (guint8, width);
  profile->column_altitude = g_new (double, width);
  profile->column_speed = g_new (double, width);
  profile->column_heart_rate = g_new (double, width);
  profile->column_cadence = g_new (double, width);
  counts = g_new (guint, width);
  column_of = g_new (int, profile->n + 1);
  for (guint i = 0; i < profile->n; i++)
    {
      column_of[i] = rsb_profile_column_of_point (profile, i, width);
      /* A column joins or resumes as its first point does; a pause
       * inside one column is too short to see. */
      if (profile->column_kind[column_of[i]] == RSB_PROFILE_COLUMN_EMPTY)
        profile->column_kind[column_of[i]] = rsb_profile_kind_of_point (profile, i);
    }
  column_of[profile->n] = -1;

  average_into (profile->column_altitude, counts, width, profile->altitude, column_of);
  average_into (profile->column_heart_rate, counts, width, profile->heart_rate, column_of);
  average_into (profile->column_cadence, counts, width, profile->cadence, column_of);
  average_into (profile->column_speed, counts, width, profile->speed, column_of);
  for (int c = 0; c < width; c++)
    {
      if (profile->altitude == NULL)
        profile->column_altitude[c] = NAN;
      if (profile->heart_rate == NULL)
        profile->column_heart_rate[c] = NAN;
      if (profile->cadence == NULL)
        profile->column_cadence[c] = NAN;
      profile->column_speed[c] = profile->speed != NULL ? rsb_profile_speed_value (profile, profile->column_speed[c]) : NAN;
    }
}
