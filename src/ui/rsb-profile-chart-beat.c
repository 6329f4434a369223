/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-profile-chart-beat.c: the chart's tempo layer. Over each song's
 * band, the song's beat as a dashed line on the cadence scale (its
 * BPM, or half or double it, whichever the cadence was nearest), and
 * at the band's top a mark where the runner was in step with it
 * (filled) or near it (a ring). The cadence line itself is one of the
 * chart's series, drawn once a song's tempo is known; this file adds
 * what makes it read against the music. */
#include "config.h"

#include <math.h>

#include "rsb-profile-chart-private.h"
#include "rsb-song-stats.h"

#define MARK_RADIUS 4.0
#define MARK_TOP    9.0

/* The beat compared with on each segment (NAN: none) and the verdict,
 * from the same song stats the card shows. The cadence scale widens to
 * show the beats that are near the cadence; a beat far off it (a song
 * run out of step) would only squash the line, and is left undrawn.
 * The cadence line is drawn against the songs' beats: with no song's
 * tempo known there is nothing to read it against (the card tells each
 * song's cadence), and the chart keeps its three lines and their cost. */
void
rsb_profile_chart_load_beats (RsbProfileChart *self)
{
  guint n = rsb_activity_n_segments (self->activity);
  RsbRange seen = self->profile.cadence_range;
  gboolean compared = FALSE;

  g_clear_pointer (&self->beats, g_array_unref);
  if (self->profile.cadence == NULL)
    return;
  self->beats = g_array_sized_new (FALSE, FALSE, sizeof (RsbBeatMark), n);
  for (guint s = 0; s < n; s++)
    {
      RsbBeatMark mark = { NAN, RSB_STEP_UNKNOWN };
      RsbSongStats stats;

      rsb_activity_song_stats (self->activity, s, &stats);
      if (stats.step != RSB_STEP_UNKNOWN)
        {
          double beat = stats.bpm * stats.step_ratio;

          compared = TRUE;
          mark.step = stats.step;
          if (beat > seen.lo * 0.9 && beat < seen.hi * 1.1)
            {
              mark.target = beat;
              rsb_profile_range_include (&self->profile.cadence_range, beat);
            }
        }
      g_array_append_val (self->beats, mark);
    }
  if (!compared)
    {
      g_clear_pointer (&self->beats, g_array_unref);
      g_clear_pointer (&self->profile.cadence, g_free);
    }
}

gboolean
rsb_profile_chart_has_beats (RsbProfileChart *self)
{
  for (guint s = 0; self->beats != NULL && s < self->beats->len; s++)
    if (!isnan (g_array_index (self->beats, RsbBeatMark, s).target))
      return TRUE;
  return FALSE;
}

static void
trace_mark (cairo_t        *cr,
            double          x,
            double          y,
            RsbStepVerdict  step,
            const GdkRGBA  *colour)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, step == RSB_STEP_IN ? MARK_RADIUS : MARK_RADIUS - 0.75, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, colour);
  if (step == RSB_STEP_IN)
    cairo_fill (cr);
  else
    {
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

void
rsb_profile_chart_draw_beats (RsbProfileChart       *self,
                              cairo_t               *cr,
                              const graphene_rect_t *plot,
                              const GdkRGBA         *beat,
                              const GdkRGBA         *in_step,
                              const GdkRGBA         *near)
{
  static const double dash[] = { 5, 3 };

  if (self->beats == NULL)
    return;
  for (guint s = 0; s < self->beats->len; s++)
    {
      const RsbBeatMark *mark = &g_array_index (self->beats, RsbBeatMark, s);
      double x0, x1;

      if (mark->step == RSB_STEP_UNKNOWN)
        continue;
      rsb_profile_chart_segment_x_range (self, plot, s, &x0, &x1);
      if (!isnan (mark->target) && x1 - x0 >= 2)
        {
          double y = round (rsb_profile_chart_value_to_y (plot, &self->profile.cadence_range, mark->target, FALSE)) + 0.5;

          cairo_save (cr);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_set_line_width (cr, 1.5);
          gdk_cairo_set_source_rgba (cr, beat);
          cairo_move_to (cr, x0 + 1, y);
          cairo_line_to (cr, x1 - 1, y);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      if ((mark->step == RSB_STEP_IN || mark->step == RSB_STEP_NEAR) && x1 - x0 >= 2 * MARK_RADIUS)
        trace_mark (cr, (x0 + x1) / 2, plot->origin.y + MARK_TOP, mark->step,
                    mark->step == RSB_STEP_IN ? in_step : near);
    }
}
