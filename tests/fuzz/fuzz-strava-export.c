/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a Strava export's activities.csv. Besides not crashing,
 * every activity handed out must be one the library can store and show
 * (an id, readable text, a real date or none, amounts that are numbers),
 * every file it names must be found again by that name, and a name that
 * passes the path rule must not lead out of the export's folder. */
#include <stdint.h>

#include "rsb-archive.h"
#include "rsb-import-error.h"
#include "rsb-strava-export.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A year and 100,000 km: no activity has more. */
#define MAX_ELAPSED_S  (366.0 * 24 * 3600)
#define MAX_DISTANCE_M 1e8
/* 0001-01-01 and 9999-12-31, the range GDateTime knows. */
#define FIRST_MS G_GINT64_CONSTANT (-62135596800000)
#define LAST_MS  G_GINT64_CONSTANT (253402300799000)

static void
check_text (const char *text)
{
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_file_name (RsbStravaExport      *export,
                 const RsbStravaEntry *entry)
{
  g_autoptr(GFile) root = NULL;
  g_autoptr(GFile) file = NULL;
  const RsbStravaEntry *found;

  if (entry->file_name == NULL)
    return;
  g_assert (*entry->file_name != '\0');
  found = rsb_strava_export_lookup (export, entry->file_name);
  g_assert (found != NULL && g_str_equal (found->file_name, entry->file_name));

  if (!rsb_archive_path_is_safe (entry->file_name))
    return;
  root = g_file_new_for_path ("/export");
  file = g_file_resolve_relative_path (root, entry->file_name);
  g_assert (g_file_equal (file, root) || g_file_has_prefix (file, root));
}

static void
check_entry (RsbStravaExport      *export,
             const RsbStravaEntry *entry)
{
  g_autoptr(RsbActivityInfo) info = NULL;

  g_assert (entry->strava_id != NULL && *entry->strava_id != '\0');
  check_text (entry->strava_id);
  check_text (entry->name);
  check_text (entry->sport);
  g_assert (entry->start_ms == RSB_NO_TIME || (entry->start_ms >= FIRST_MS && entry->start_ms <= LAST_MS));
  g_assert (entry->elapsed_s >= 0 && entry->elapsed_s <= MAX_ELAPSED_S);
  g_assert (entry->distance_m >= 0 && entry->distance_m <= MAX_DISTANCE_M);
  check_file_name (export, entry);

  info = rsb_strava_entry_to_info (entry);
  g_assert (g_str_equal (info->source_id, entry->strava_id));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(RsbStravaExport) export = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  export = rsb_strava_export_parse (stream, "activities.csv", NULL, &error);
  if (export == NULL)
    {
      g_assert (error != NULL && error->domain == RSB_IMPORT_ERROR);
      g_assert (strstr (error->message, "activities.csv") != NULL);
      return 0;
    }
  g_assert (error == NULL);
  entries = rsb_strava_export_entries (export);
  for (guint i = 0; i < entries->len; i++)
    check_entry (export, g_ptr_array_index (entries, i));
  return 0;
}
