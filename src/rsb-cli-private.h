/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli-private.h: for the command line's own files only (rsb-cli.c,
 * rsb-cli-accounts.c, rsb-cli-playlist.c and rsb-cli-music.c); main.c sees rsb-cli.h. */
#pragma once

#include "rsb-store.h"

G_BEGIN_DECLS

/* Exit status of a command used wrongly (bad option or argument), as
 * --help promises; EXIT_SUCCESS and EXIT_FAILURE mean what they say. */
#define EXIT_USAGE 2

/* Exit status when a rate window is spent: "temporary failure, try
 * again later" (sysexits.h EX_TEMPFAIL), so scripts can retry. */
#define RSB_CLI_EXIT_TEMPFAIL 75

/* The user's library, or NULL after saying why on stderr. */
RsbStore *rsb_cli_open_library (void);

/* rsb-cli-accounts.c: --connect, --disconnect and --sync. */
int       rsb_cli_connect    (const char  *service_id,
                              const char  *user);
int       rsb_cli_disconnect (const char  *service_id);
/* service_id NULL syncs every connected service. */
int       rsb_cli_sync       (const char  *service_id);

/* rsb-cli-tempo.c: --lookup-tempo [deezer|reccobeats]…; names NULL or
 * empty asks the services turned on in Preferences. */
int       rsb_cli_lookup_tempo (const char * const *names);
/* rsb-cli-playlist.c: --export-playlist and --songs-for-cadence. */
int       rsb_cli_export_playlist   (gint64       activity_id,
                                     const char  *output);
int       rsb_cli_songs_for_cadence (double       cadence_spm,
                                     const char  *output);
/* rsb-cli-share.c: --export-image ID -o FILE.png [--size WxH]. */
int       rsb_cli_export_image (gint64       activity_id,
                                const char  *output,
                                const char  *size);
/* rsb-cli-share-video.c: --export-video ID -o FILE.webm [--duration S] [--size WxH]. */
int       rsb_cli_export_video (gint64       activity_id,
                                const char  *output,
                                const char  *duration,
                                const char  *size);
/* rsb-cli-music.c: --scan-music. */
int       rsb_cli_scan_music (const char * const *dirs);

G_END_DECLS
