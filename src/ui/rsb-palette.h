#pragma once

#include <gdk/gdk.h>

#include "rsb-activity.h"

G_BEGIN_DECLS

/* One colour per segment: songs cycle through a colour-blind-safe
 * qualitative palette so neighbours differ; "no music" is grey. */
GArray *rsb_palette_for_activity (const RsbActivity *activity);
void    rsb_palette_no_music     (GdkRGBA           *colour);
char   *rsb_palette_to_css       (const GdkRGBA     *colour);

G_END_DECLS
