#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RSB_EARTH_RADIUS_M 6371008.8

double rsb_geo_distance_m (double lat1,
                           double lon1,
                           double lat2,
                           double lon2);

/* Distance along a route from its first position, into distance[i] for
 * each of n points; a point without a position gets NAN and the route
 * goes on from the last one that had it. */
void   rsb_geo_cumulative_distance (const double *lat,
                                    const double *lon,
                                    guint         n,
                                    double       *distance);

/* Squared distance from (px, py) to the segment (ax, ay)-(bx, by), in the
 * units of the arguments: used for hit-testing in screen pixels. */
double rsb_geo_segment_distance_sq (double px,
                                    double py,
                                    double ax,
                                    double ay,
                                    double bx,
                                    double by);

G_END_DECLS
