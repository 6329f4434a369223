/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-picture.h: a workout drawn as a PNG to share, without a display. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rsb-activity.h"
#include "rsb-format.h"

G_BEGIN_DECLS

#define RSB_SHARE_PICTURE_WIDTH         1080
#define RSB_SHARE_PICTURE_HEIGHT        1350
#define RSB_SHARE_PICTURE_STORY_HEIGHT  1920
#define RSB_SHARE_PICTURE_MIN_SIDE      320
#define RSB_SHARE_PICTURE_MAX_SIDE      4096

typedef struct {
  int       width;
  int       height;
  double    privacy_m;   /* left out around start and finish */
  RsbUnits  units;
  char     *tiles_dir;   /* cached tiles as z/x/y.png; NULL: none */
} RsbSharePictureOptions;

/* Everything read on the main thread (units, Preferences, the tile
 * cache's folder), so the drawing can run on a worker. */
RsbSharePictureOptions *rsb_share_picture_options_new_default (void);
void                    rsb_share_picture_options_free        (RsbSharePictureOptions *options);

/* "1080x1920" → width, height; FALSE for anything else or a side
 * outside MIN_SIDE..MAX_SIDE. */
gboolean         rsb_share_picture_parse_size (const char                   *text,
                                               int                          *width,
                                               int                          *height);

/* Draws on an image surface; reads tiles from disk only, never the
 * network. Safe on any thread. */
cairo_surface_t *rsb_share_picture_render    (const RsbActivity            *activity,
                                               const RsbSharePictureOptions *options);

/* Where route point falls on the picture; FALSE when the picture draws
 * no route (none recorded, or all of it left out for privacy). */
gboolean         rsb_share_picture_project   (const RsbActivity            *activity,
                                               const RsbSharePictureOptions *options,
                                               guint                         point,
                                               double                       *x,
                                               double                       *y);

/* Writes the surface to a temporary file beside path and renames it, so
 * a failure leaves no partial file; errors name the file. */
gboolean         rsb_share_picture_save      (cairo_surface_t              *surface,
                                               const char                   *path,
                                               GError                      **error);

/* "Morning Run.png": a file name from the workout's name. */
char            *rsb_share_picture_suggested_name (const RsbActivityInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbSharePictureOptions, rsb_share_picture_options_free)

G_END_DECLS
