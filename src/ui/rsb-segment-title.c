/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-segment-title.c: what a stretch of the route is called, the same
 * in the song list, on the card and in the chart's readout. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-segment-title.h"

/* The song's title; for a stretch without one, "No music" only where
 * the history shows the music was off, since that claims silence. */
const char *
rsb_segment_title (const RsbActivity *activity,
                   guint              segment)
{
  const RsbPlay *play = rsb_activity_segment_play (activity, segment);

  if (play != NULL)
    return play->track.title ? play->track.title : _("Unknown song");
  if (rsb_activity_segment_is_silence (activity, segment))
    return _("No music");
  return _("No listening history for this time");
}
