/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-activity.h"

G_BEGIN_DECLS

typedef enum {
  RSB_SEGMENTS_CSV,
  RSB_SEGMENTS_JSON,
} RsbSegmentsFormat;

/* The columns of a CSV export, in order; JSON objects use the same keys. */
#define RSB_SEGMENTS_CSV_HEADER \
  "index,first_point,last_point,start_s,end_s,start_m,end_m,title,artist,album,uri," \
  "heard_ms,skipped,moving_s,pace_s_per_km,speed_kmh,heart_rate,cadence_spm,cadence_rpm," \
  "elevation_gain_m,bpm,bpm_source,cadence,in_step,step_verdict"

/* "csv" or "json"; FALSE for anything else. */
gboolean rsb_segments_format_parse (const char        *name,
                                    RsbSegmentsFormat *format);

/* One row (CSV, RFC 4180) or object (JSON array) per segment in route
 * order, with the stats the song card shows. Unknown values are empty
 * fields in CSV and null in JSON; so are the song fields of "no music". */
char    *rsb_segments_write        (const RsbActivity *activity,
                                    RsbSegmentsFormat  format,
                                    gsize             *length);

G_END_DECLS
