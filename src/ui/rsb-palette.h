/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

/* Song colours for a light background (light theme, light map tiles)
 * or a dark one (dark style). */
typedef enum {
  RSB_PALETTE_LIGHT,
  RSB_PALETTE_DARK,
} RsbPaletteStyle;

/* One colour per segment: songs cycle through a colour-blind-safe
 * qualitative palette so neighbours differ; "no music" is grey. The
 * style is the app's (AdwStyleManager:dark) at the time of the call:
 * whoever keeps the colours asks again on its "notify::dark". */
GArray          *rsb_palette_for_activity          (const RsbActivity *activity);
GArray          *rsb_palette_for_activity_in_style (const RsbActivity *activity,
                                                    RsbPaletteStyle    style);
RsbPaletteStyle  rsb_palette_current_style         (void);
guint            rsb_palette_n_song_colours        (RsbPaletteStyle    style);
void             rsb_palette_song_colour           (RsbPaletteStyle    style,
                                                    guint              index,
                                                    GdkRGBA           *colour);
void             rsb_palette_no_music              (GdkRGBA           *colour);
/* The edge drawn under the route so it reads on any map. */
void             rsb_palette_casing                (RsbPaletteStyle    style,
                                                    GdkRGBA           *colour);
char            *rsb_palette_to_css                (const GdkRGBA     *colour);

G_END_DECLS
