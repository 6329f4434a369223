/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-recording.c: which of two recordings of one workout is richer. */
#include "rsb-recording.h"

/* Two exports of one recording differ by a few points at most; one
 * sampled every second against one every few seconds ("smart
 * recording") differ several times over. A tenth tells them apart. */
#define DENSER_FACTOR 1.1

/* What a person can see on the chart or the card: positions (latitude
 * and longitude together), altitude, heart rate, cadence, distance,
 * speed. Every timed recording has times; they are the axis, not news. */
static guint32
visible_channels (guint32 channels)
{
  guint32 visible = channels & ~(RSB_STREAM_BIT (RSB_STREAM_TIME) | RSB_STREAM_BIT (RSB_STREAM_LON));

  if (!(channels & RSB_STREAM_BIT (RSB_STREAM_LON)))
    visible &= ~RSB_STREAM_BIT (RSB_STREAM_LAT);
  return visible;
}

guint32
rsb_recording_extra_channels (guint32 a,
                              guint32 b)
{
  return visible_channels (a) & ~visible_channels (b);
}

static guint
count_channels (guint32 channels)
{
  return (guint) __builtin_popcount (visible_channels (channels));
}

/* Points per second, compared without dividing: a route without a
 * duration compares by its point count alone. */
static gboolean
denser (const RsbActivityInfo *a,
        const RsbActivityInfo *b)
{
  if (a->elapsed_s <= 0 || b->elapsed_s <= 0)
    return a->n_points > b->n_points * DENSER_FACTOR;
  return a->n_points * b->elapsed_s > b->n_points * a->elapsed_s * DENSER_FACTOR;
}

/* More channels win; between as many, denser sampling; a tie keeps
 * what is there, so importing the same workout again changes nothing. */
RsbRicher
rsb_recording_richer (const RsbActivityInfo *candidate,
                      const RsbActivityInfo *kept)
{
  guint n_candidate = count_channels (candidate->channels);
  guint n_kept = count_channels (kept->channels);

  if (n_candidate != n_kept)
    return n_candidate > n_kept ? RSB_RICHER_CHANNELS : RSB_RICHER_NOT;
  return denser (candidate, kept) ? RSB_RICHER_DENSER : RSB_RICHER_NOT;
}
