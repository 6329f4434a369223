/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-strava-export.c: what a Strava bulk export's activities.csv says
 * about each activity: its Strava id (so a later API sync knows it), the
 * name and sport the user gave it, and the file holding its route. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "rsb-strava-export.h"
#include "rsb-csv-reader.h"
#include "rsb-import-error.h"

/* Past these an amount is not an activity's: a year on the clock, two
 * and a half times round the earth. */
#define MAX_ELAPSED_S  (366.0 * 24 * 3600)
#define MAX_DISTANCE_M 1e8

enum {
  COL_ID, COL_DATE, COL_NAME, COL_TYPE, COL_ELAPSED, COL_DISTANCE, COL_FILENAME, N_COLS
};

struct _RsbStravaExport
{
  GPtrArray  *entries;   /* RsbStravaEntry, in file order */
  GHashTable *by_file;   /* file name -> borrowed entry */
  int         columns[N_COLS];
  gboolean    distance_in_metres;
};

static void
strava_entry_free (RsbStravaEntry *entry)
{
  g_free (entry->strava_id);
  g_free (entry->name);
  g_free (entry->sport);
  g_free (entry->file_name);
  g_free (entry);
}

void
rsb_strava_export_free (RsbStravaExport *export)
{
  g_ptr_array_unref (export->entries);
  g_hash_table_unref (export->by_file);
  g_free (export);
}

static const char *month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* "Feb 27, 2021, 10:06:53 AM", in UTC, as every export so far writes it;
 * ISO 8601 is accepted too. RSB_NO_TIME when neither. */
gint64
rsb_strava_parse_date (const char *text)
{
  char month[4] = "";
  char meridiem[3] = "";
  int day, year, hour, minute, second;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (sscanf (text, "%3s %d, %d, %d:%d:%d %2s", month, &day, &year, &hour, &minute, &second, meridiem) == 7)
    {
      for (int m = 0; m < 12; m++)
        {
          if (g_ascii_strcasecmp (month, month_names[m]) != 0)
            continue;
          hour = hour % 12 + (g_ascii_strcasecmp (meridiem, "PM") == 0 ? 12 : 0);
          time = g_date_time_new_utc (year, m + 1, day, hour, minute, second);
        }
    }
  else
    time = g_date_time_new_from_iso8601 (text, utc);
  return time ? g_date_time_to_unix (time) * 1000 : RSB_NO_TIME;
}

/* Strava's activity types, in our sport words. */
char *
rsb_strava_sport (const char *activity_type)
{
  static const struct { const char *type; const char *sport; } sports[] = {
    { "Run", "run" }, { "Trail Run", "run" }, { "Virtual Run", "run" },
    { "Ride", "ride" }, { "Virtual Ride", "ride" }, { "E-Bike Ride", "ride" },
    { "Mountain Bike Ride", "ride" }, { "Gravel Ride", "ride" },
    { "Walk", "walk" }, { "Hike", "hike" }, { "Swim", "swim" },
  };

  if (activity_type == NULL || *activity_type == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sports); i++)
    {
      if (g_ascii_strcasecmp (activity_type, sports[i].type) == 0)
        return g_strdup (sports[i].sport);
    }
  return g_utf8_strdown (activity_type, -1);
}

/* Exports repeat some headers: the first "Distance" is in the athlete's
 * unit (km here), the second in metres; the first "Elapsed Time" is in
 * seconds. */
static gboolean
find_columns (RsbStravaExport  *export,
              const char      **header,
              guint             n,
              const char       *display_name,
              GError          **error)
{
  static const char *names[N_COLS] = {
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Elapsed Time", "Distance", "Filename",
  };

  for (int c = 0; c < N_COLS; c++)
    export->columns[c] = -1;
  for (guint i = 0; i < n; i++)
    for (int c = 0; c < N_COLS; c++)
      {
        if (!g_str_equal (header[i], names[c]))
          continue;
        if (export->columns[c] < 0)
          export->columns[c] = i;
        else if (c == COL_DISTANCE)
          {
            export->columns[c] = i;
            export->distance_in_metres = TRUE;
          }
      }
  if (export->columns[COL_ID] < 0 || export->columns[COL_FILENAME] < 0)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is not a Strava export’s activity list: it has no “Activity ID” or “Filename” column"),
                   display_name);
      return FALSE;
    }
  return TRUE;
}

static const char *
field (RsbStravaExport  *export,
       const char      **row,
       guint             n,
       int               column)
{
  int index = export->columns[column];

  return index >= 0 && (guint) index < n ? row[index] : NULL;
}

/* An amount the list gives, scaled; 0 (unknown) for what no activity
 * has: "NaN", "1e999", negatives, absurd sizes. The store turns these
 * into whole milliseconds and the window into kilometres. */
static double
parse_amount (const char *text,
              double      scale,
              double      max)
{
  double value;

  if (text == NULL)
    return 0;
  value = g_ascii_strtod (text, NULL) * scale;
  return isfinite (value) && value >= 0 && value <= max ? value : 0;
}

static void
add_entry (RsbStravaExport  *export,
           const char      **row,
           guint             n)
{
  RsbStravaEntry *entry = g_new0 (RsbStravaEntry, 1);
  const char *date = field (export, row, n, COL_DATE);
  const char *elapsed = field (export, row, n, COL_ELAPSED);
  const char *distance = field (export, row, n, COL_DISTANCE);
  const char *file = field (export, row, n, COL_FILENAME);

  entry->strava_id = g_strdup (field (export, row, n, COL_ID));
  entry->name = g_strdup (field (export, row, n, COL_NAME));
  entry->sport = rsb_strava_sport (field (export, row, n, COL_TYPE));
  entry->start_ms = date ? rsb_strava_parse_date (date) : RSB_NO_TIME;
  entry->elapsed_s = parse_amount (elapsed, 1, MAX_ELAPSED_S);
  entry->distance_m = parse_amount (distance, export->distance_in_metres ? 1 : 1000, MAX_DISTANCE_M);
  entry->file_name = file && *file ? g_strdup (file) : NULL;
  g_ptr_array_add (export->entries, entry);
  if (entry->file_name != NULL)
    g_hash_table_insert (export->by_file, entry->file_name, entry);
}

RsbStravaExport *
rsb_strava_export_parse (GInputStream  *stream,
                         const char    *display_name,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(RsbCsvReader) reader = rsb_csv_reader_new (stream, display_name);
  g_autoptr(RsbStravaExport) export = g_new0 (RsbStravaExport, 1);
  const char **row;
  GError *local_error = NULL;
  guint n;

  export->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) strava_entry_free);
  export->by_file = g_hash_table_new (g_str_hash, g_str_equal);
  row = rsb_csv_reader_next_row (reader, &n, cancellable, &local_error);
  if (row == NULL && local_error == NULL)
    g_set_error (&local_error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                 _("“%s” is empty"), display_name);
  if (row == NULL || !find_columns (export, row, n, display_name, &local_error))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  while ((row = rsb_csv_reader_next_row (reader, &n, cancellable, &local_error)) != NULL)
    {
      const char *id = field (export, row, n, COL_ID);

      if (id != NULL && *id != '\0')
        add_entry (export, row, n);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&export);
}

const RsbStravaEntry *
rsb_strava_export_lookup (RsbStravaExport *export,
                          const char      *file_name)
{
  return g_hash_table_lookup (export->by_file, file_name);
}

GPtrArray *
rsb_strava_export_entries (RsbStravaExport *export)
{
  return export->entries;
}

/* An activity the export lists without a file (entered by hand): kept
 * with what the list says, without a route. */
RsbActivityInfo *
rsb_strava_entry_to_info (const RsbStravaEntry *entry)
{
  RsbActivityInfo *info = rsb_activity_info_new ();

  info->source = g_strdup ("strava");
  info->source_id = g_strdup (entry->strava_id);
  info->name = g_strdup (entry->name);
  info->sport = g_strdup (entry->sport);
  info->start_ms = entry->start_ms;
  info->elapsed_s = entry->elapsed_s;
  info->moving_s = entry->elapsed_s;
  info->distance_m = entry->distance_m;
  return info;
}
