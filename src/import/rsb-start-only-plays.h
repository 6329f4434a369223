/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-start-only-plays.h: plays of histories that only say when a listen began. */
#pragma once

#include "rsb-spotify-history.h"

G_BEGIN_DECLS

/* ListenBrainz and YouTube Music say when a listen started, never when
 * it ended: a play's end depends on the next one. Their parsers copy
 * each play here (end_ms = start_ms) as they read, and when the file is
 * read hand them on, ends closed by rsb_plays_close_open_ends, in start
 * order. */
typedef struct _RsbStartOnlyPlays RsbStartOnlyPlays;

RsbStartOnlyPlays *rsb_start_only_plays_new  (void);
void               rsb_start_only_plays_free (RsbStartOnlyPlays *plays);
void               rsb_start_only_plays_add  (RsbStartOnlyPlays *plays,
                                              const RsbPlay     *play);
guint              rsb_start_only_plays_len  (RsbStartOnlyPlays *plays);
/* Closes the ends and calls func on each play in start order; stops at
 * the first func that fails (error then set, naming display_name when
 * func did not say why). *n_emitted counts the plays func took. */
gboolean           rsb_start_only_plays_emit (RsbStartOnlyPlays *plays,
                                              const char        *display_name,
                                              RsbPlayFunc        func,
                                              gpointer           user_data,
                                              guint             *n_emitted,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbStartOnlyPlays, rsb_start_only_plays_free)

G_END_DECLS
