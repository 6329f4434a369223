/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-share-video.h: a workout replayed as a WebM video to share, without a display. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rsb-activity.h"
#include "rsb-share-picture.h"

G_BEGIN_DECLS

#define RSB_SHARE_VIDEO_WIDTH      1080
#define RSB_SHARE_VIDEO_HEIGHT     1920
#define RSB_SHARE_VIDEO_FPS        30
#define RSB_SHARE_VIDEO_DURATION_S 30

typedef struct _RsbShareVideo RsbShareVideo;

/* Called on the rendering thread after each frame: fraction 0..1. */
typedef void (*RsbShareVideoProgress) (double   fraction,
                                       gpointer user_data);

/* "15", "30" or "60" → seconds; FALSE for anything else. */
gboolean       rsb_share_video_parse_duration (const char                   *text,
                                               guint                        *seconds);

/* FALSE with the error rsb_share_video_new would give: a workout
 * without a route or times to replay, or not longer than what
 * privacy_m leaves out at both ends. Quick: for the window to ask first. */
gboolean       rsb_share_video_check          (const RsbActivity            *activity,
                                               double                        privacy_m,
                                               GError                      **error);

/* The frames of the video of activity, duration_s long at
 * RSB_SHARE_VIDEO_FPS, in options' size (its tiles_dir, privacy_m and
 * units as the picture uses them). NULL with an error naming the
 * workout when it has no route or no times to replay, or nothing is
 * left of it once start and finish are left out. activity must outlive
 * the result. */
RsbShareVideo *rsb_share_video_new            (const RsbActivity            *activity,
                                               const RsbSharePictureOptions *options,
                                               guint                         duration_s,
                                               GError                      **error);
void           rsb_share_video_free           (RsbShareVideo                *video);
guint          rsb_share_video_n_frames       (RsbShareVideo                *video);

/* Draws frame into target, an RGB24 image surface of the video's size.
 * Quickest in order: the route drawn so far is kept between frames. */
void           rsb_share_video_draw_frame     (RsbShareVideo                *video,
                                               guint                         frame,
                                               cairo_surface_t              *target);
/* Where the marker stands in frame. */
void           rsb_share_video_marker         (RsbShareVideo                *video,
                                               guint                         frame,
                                               double                       *x,
                                               double                       *y);

/* Renders and encodes the whole video (VP8 in WebM, no sound) into a
 * temporary file beside path and renames it at the end, so a failure or
 * cancellation leaves no file; errors name the file. Runs on any thread. */
gboolean       rsb_share_video_save           (RsbShareVideo                *video,
                                               const char                   *path,
                                               RsbShareVideoProgress         progress,
                                               gpointer                      user_data,
                                               GCancellable                 *cancellable,
                                               GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbShareVideo, rsb_share_video_free)

G_END_DECLS
