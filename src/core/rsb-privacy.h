/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-privacy.h: which part of a route a shared picture or video shows. */
#pragma once

#include "rsb-types.h"

G_BEGIN_DECLS

#define RSB_PRIVACY_DEFAULT_M 200.0
#define RSB_PRIVACY_MAX_M     1000.0

/* The points to keep when the first and last metres of the route are
 * left out, because a shared start and finish often show where someone
 * lives: *first..*last (inclusive) are the points at least metres along
 * from the start and from the finish. Uses the distance column, else the
 * distance between positions. FALSE when nothing is left: a route not
 * longer than twice metres, or one without distances or positions. With
 * metres 0 every point is kept. */
gboolean rsb_privacy_trim (const RsbStreams *streams,
                           double            metres,
                           guint            *first,
                           guint            *last);

G_END_DECLS
