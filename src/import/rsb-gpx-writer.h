/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-activity.h"

G_BEGIN_DECLS

#define RSB_GPX_TPX_NAMESPACE "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"

/* The activity as a GPX 1.1 document: one track with time, elevation
 * and Garmin TrackPointExtension heart rate and cadence where recorded,
 * and a waypoint where each song starts, named "Artist – Title". Points
 * without a position are left out (GPX requires one). */
char *rsb_gpx_write             (const RsbActivity *activity,
                                 gsize             *length);

/* "Artist – Title", or the title alone when the artist is unknown. */
char *rsb_gpx_song_name         (const RsbPlay     *play);

/* Appends text as XML character data: escaped, invalid UTF-8 repaired,
 * and control characters XML 1.0 cannot carry dropped. */
void  rsb_xml_append_escaped    (GString           *out,
                                 const char        *text);

G_END_DECLS
