/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rsb-importer.h"

G_BEGIN_DECLS

/* The activities.csv of a Strava bulk export: one entry per activity,
 * found by the file it names. */
typedef struct _RsbStravaExport RsbStravaExport;

RsbStravaExport      *rsb_strava_export_parse     (GInputStream     *stream,
                                                   const char       *display_name,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
void                  rsb_strava_export_free      (RsbStravaExport  *export);
const RsbStravaEntry *rsb_strava_export_lookup    (RsbStravaExport  *export,
                                                   const char       *file_name);
GPtrArray            *rsb_strava_export_entries   (RsbStravaExport  *export);
gint64                rsb_strava_parse_date       (const char       *text);
char                 *rsb_strava_sport            (const char       *activity_type);
RsbActivityInfo      *rsb_strava_entry_to_info    (const RsbStravaEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbStravaExport, rsb_strava_export_free)

G_END_DECLS
