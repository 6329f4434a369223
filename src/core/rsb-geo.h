/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* Web Mercator at zoom 0, in pixels of RSB_GEO_TILE_SIZE-pixel tiles:
 * the plane the map projects onto, y growing southwards. */
#define RSB_GEO_TILE_SIZE 256.0

void   rsb_geo_mercator (double  lat,
                         double  lon,
                         double *x,
                         double *y);
void   rsb_geo_inverse_mercator (double  x,
                                 double  y,
                                 double *lat,
                                 double *lon);

/* Ranks the n points (indices into x and y) of a path the
 * Douglas–Peucker way, once for every tolerance: importance[i] is the
 * squared deviation at which the simplification keeps point i, so the
 * points whose importance is above tolerance² are exactly what
 * Douglas–Peucker keeps at that tolerance. The ends rank INFINITY. */
void   rsb_geo_rank_path (const double *x,
                          const double *y,
                          const guint  *points,
                          guint         n,
                          double       *importance);

G_END_DECLS
