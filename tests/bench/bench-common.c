/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-common.c: what every benchmark program needs.
 *
 * The input files are generated here, deterministically from a seed, so
 * every run and every machine measures the same bytes. */
#include "bench-common.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- timing ---------------------------------------------------------- */

/* $RSB_BENCH_REPETITIONS overrides the default (an odd number keeps the
 * median a real sample). */
guint
rsb_bench_repetitions (guint fallback)
{
  const char *text = g_getenv ("RSB_BENCH_REPETITIONS");
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 1000, &value, NULL))
    return fallback;
  return (guint) value;
}

double
rsb_bench_seconds_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / (double) G_USEC_PER_SEC;
}

void
rsb_bench_add_sample (GArray *seconds,
                      double  value)
{
  g_array_append_val (seconds, value);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

double
rsb_bench_median (GArray *seconds)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = seconds->len;

  if (n == 0)
    return NAN;
  sorted = g_array_copy (seconds);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

const char *
rsb_bench_yes_no (gboolean value)
{
  return value ? "yes" : "no";
}

/* ---- scratch folders ------------------------------------------------- */

/* The latest scratch folder, removed too when a bench gives up. */
static char *scratch_dir;

char *
rsb_bench_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rsb-bench-XXXXXX", &error);

  if (dir == NULL)
    rsb_bench_fail ("setup", "making a scratch folder", error);
  g_free (scratch_dir);
  scratch_dir = g_strdup (dir);
  return dir;
}

static void
remove_file_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

  while (children != NULL &&
         g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    remove_file_tree (child);
  g_file_delete (file, NULL, NULL);
}

void
rsb_bench_remove_tree (const char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  remove_file_tree (file);
  if (g_strcmp0 (path, scratch_dir) == 0)
    g_clear_pointer (&scratch_dir, g_free);
}

/* ---- outcomes -------------------------------------------------------- */

void
rsb_bench_skip (const char *bench,
                const char *reason)
{
  g_print ("bench=%s skip=yes reason=%s\n", bench, reason);
  rsb_bench_remove_tree (scratch_dir);
  exit (RSB_BENCH_EXIT_SKIP);
}

void
rsb_bench_fail (const char   *bench,
                const char   *what,
                const GError *error)
{
  if (error != NULL)
    g_printerr ("bench=%s: %s: %s\n", bench, what, error->message);
  else
    g_printerr ("bench=%s: %s\n", bench, what);
  rsb_bench_remove_tree (scratch_dir);
  exit (EXIT_FAILURE);
}

/* ---- shared formatting ----------------------------------------------- */

static void
append_iso_utc (GString *out,
                gint64   utc_ms)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (utc_ms / 1000);
  g_autofree char *text = g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%SZ");

  g_string_append (out, text);
}

/* Locale-proof: gtk_init() may have switched LC_NUMERIC. */
static void
append_fixed (GString    *out,
              const char *format,
              double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* ---- GPX ------------------------------------------------------------- */

#define GPX_ORIGIN_LAT 46.0500
#define GPX_ORIGIN_LON 14.5000
#define METRES_PER_DEGREE 111320.0

/* A jogger wandering around a city: steady pace with slow turns, a
 * traffic-light stop now and then, GPS jitter on top. */
typedef struct {
  GRand  *rand;
  double  x_m;
  double  y_m;
  double  heading;
} GpxWalker;

static double
walker_speed (guint second)
{
  if (second % 1200 >= 1180)
    return 0.0;
  return 2.9 + 0.4 * sin (second / 97.0);
}

static void
walker_step (GpxWalker *walker,
             guint      second)
{
  double speed = walker_speed (second);

  walker->heading += 0.02 * sin (second / 311.0) + g_rand_double_range (walker->rand, -0.01, 0.01);
  walker->x_m += speed * cos (walker->heading);
  walker->y_m += speed * sin (walker->heading);
}

static void
append_gpx_point (GString   *out,
                  GpxWalker *walker,
                  gint64     utc_ms,
                  guint      second)
{
  double jitter_x = g_rand_double_range (walker->rand, -1.5, 1.5);
  double jitter_y = g_rand_double_range (walker->rand, -1.5, 1.5);
  double lat = GPX_ORIGIN_LAT + (walker->y_m + jitter_y) / METRES_PER_DEGREE;
  double lon = GPX_ORIGIN_LON + (walker->x_m + jitter_x) /
               (METRES_PER_DEGREE * cos (GPX_ORIGIN_LAT * G_PI / 180.0));
  int hr = 140 + (int) (15 * sin (second / 900.0)) + g_rand_int_range (walker->rand, -3, 4);
  int cad = walker_speed (second) > 0 ? 86 + g_rand_int_range (walker->rand, -2, 3) : 0;

  g_string_append (out, "   <trkpt lat=\"");
  append_fixed (out, "%.7f", lat);
  g_string_append (out, "\" lon=\"");
  append_fixed (out, "%.7f", lon);
  g_string_append (out, "\"><ele>");
  append_fixed (out, "%.1f", 295.0 + 12.0 * sin (second / 1500.0));
  g_string_append (out, "</ele><time>");
  append_iso_utc (out, utc_ms);
  g_string_append_printf (out, "</time><extensions><gpxtpx:TrackPointExtension>"
                          "<gpxtpx:hr>%d</gpxtpx:hr><gpxtpx:cad>%d</gpxtpx:cad>"
                          "</gpxtpx:TrackPointExtension></extensions></trkpt>\n",
                          hr, cad);
}

static void
append_gpx_head (GString *out,
                 gint64   start_ms)
{
  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gpx creator=\"rsb-bench\" version=\"1.1\"\n"
    "  xmlns=\"http://www.topografix.com/GPX/1/1\"\n"
    "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "  xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\"\n"
    "  xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd\">\n"
    " <metadata>\n  <time>");
  append_iso_utc (out, start_ms);
  g_string_append (out,
    "</time>\n </metadata>\n"
    " <trk>\n  <name>Benchmark run</name>\n  <type>running</type>\n  <trkseg>\n");
}

gboolean
rsb_bench_write_gpx (const char         *path,
                     const RsbBenchGpx  *spec,
                     GError            **error)
{
  g_autoptr(GString) out = g_string_sized_new (spec->n_points * 240 + 1024);
  GpxWalker walker = { g_rand_new_with_seed (spec->seed), 0, 0, 0 };
  gboolean ok;

  append_gpx_head (out, spec->start_ms);
  for (guint i = 0; i < spec->n_points; i++)
    {
      append_gpx_point (out, &walker, spec->start_ms + i * G_GINT64_CONSTANT (1000), i);
      walker_step (&walker, i);
    }
  g_string_append (out, "  </trkseg>\n </trk>\n</gpx>\n");
  g_rand_free (walker.rand);

  ok = g_file_set_contents (path, out->str, out->len, error);
  return ok;
}

/* ---- Spotify history ------------------------------------------------- */

typedef struct {
  char *uri;
  char *title;
  char *artist;
  char *album;
} HistoryTrack;

static const char *words[] = {
  "Midnight", "Run", "Golden", "Heart", "City", "Lights", "Fire", "Ocean",
  "Dream", "Summer", "Road", "Echo", "Wild", "Blue", "River", "Shadow",
  "Café", "Noël", "Fjäril", "夜明け", "Ðorđe", "Señorita", "Über", "Sky",
  "\"Live\"", "Don't", "Stop", "Tonight", "Forever", "Young", "Neon", "Rain",
};

static char *
random_words (GRand *rand,
              guint  min,
              guint  max)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min, max + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (text, FALSE);
}

static char *
random_track_uri (GRand *rand)
{
  static const char base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  char id[23];

  for (guint i = 0; i < 22; i++)
    id[i] = base62[g_rand_int_range (rand, 0, 62)];
  id[22] = '\0';
  return g_strconcat ("spotify:track:", id, NULL);
}

static HistoryTrack *
make_catalogue (GRand *rand,
                guint  n_tracks)
{
  HistoryTrack *tracks = g_new0 (HistoryTrack, n_tracks);
  guint n_artists = MAX (n_tracks / 5, 1);
  g_auto(GStrv) artists = g_new0 (char *, n_artists + 1);

  for (guint i = 0; i < n_artists; i++)
    artists[i] = random_words (rand, 1, 2);
  for (guint i = 0; i < n_tracks; i++)
    {
      g_autofree char *title = random_words (rand, 1, 4);

      tracks[i].uri = random_track_uri (rand);
      /* The number keeps titles distinct, like a real catalogue. */
      tracks[i].title = g_strdup_printf ("%s %u", title, i);
      tracks[i].artist = g_strdup (artists[g_rand_int_range (rand, 0, n_artists)]);
      tracks[i].album = random_words (rand, 1, 3);
    }
  return tracks;
}

static void
free_catalogue (HistoryTrack *tracks,
                guint         n_tracks)
{
  for (guint i = 0; i < n_tracks; i++)
    {
      g_free (tracks[i].uri);
      g_free (tracks[i].title);
      g_free (tracks[i].artist);
      g_free (tracks[i].album);
    }
  g_free (tracks);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_printf (out, "    \"%s\": ", name);
  append_json_string (out, value);
  g_string_append (out, ",\n");
}

/* Favourites come up more often: a square skews the pick to the front. */
static const HistoryTrack *
pick_track (GRand              *rand,
            const HistoryTrack *tracks,
            guint               n_tracks)
{
  double r = g_rand_double (rand);

  return &tracks[MIN ((guint) (r * r * n_tracks), n_tracks - 1)];
}

static void
append_history_entry (GString            *out,
                      GRand              *rand,
                      const HistoryTrack *track,
                      gint64              start_ms,
                      gint64              ms_played,
                      gboolean            skipped)
{
  static const char *starts[] = { "trackdone", "clickrow", "fwdbtn", "playbtn" };

  g_string_append (out, "  {\n    \"ts\": \"");
  append_iso_utc (out, start_ms + ms_played);
  g_string_append (out, "\",\n    \"platform\": \"android\",\n");
  g_string_append_printf (out, "    \"ms_played\": %" G_GINT64_FORMAT ",\n", ms_played);
  g_string_append (out, "    \"conn_country\": \"SI\",\n    \"ip_addr\": \"192.0.2.1\",\n");
  append_member (out, "master_metadata_track_name", track->title);
  append_member (out, "master_metadata_album_artist_name", track->artist);
  append_member (out, "master_metadata_album_album_name", track->album);
  append_member (out, "spotify_track_uri", track->uri);
  g_string_append (out,
    "    \"episode_name\": null,\n    \"episode_show_name\": null,\n"
    "    \"spotify_episode_uri\": null,\n    \"audiobook_title\": null,\n"
    "    \"audiobook_uri\": null,\n    \"audiobook_chapter_uri\": null,\n"
    "    \"audiobook_chapter_title\": null,\n");
  append_member (out, "reason_start", starts[g_rand_int_range (rand, 0, G_N_ELEMENTS (starts))]);
  append_member (out, "reason_end", skipped ? "fwdbtn" : "trackdone");
  g_string_append_printf (out,
    "    \"shuffle\": %s,\n    \"skipped\": %s,\n    \"offline\": false,\n"
    "    \"offline_timestamp\": %" G_GINT64_FORMAT ",\n    \"incognito_mode\": false\n  }",
    g_rand_boolean (rand) ? "true" : "false", skipped ? "true" : "false", start_ms / 1000);
}

static gint64
play_length (GRand                 *rand,
             const RsbBenchHistory *spec,
             gboolean               skipped)
{
  if (skipped)
    return g_rand_int_range (rand, 2000, 30000);
  return spec->mean_ms + (gint64) (g_rand_double_range (rand, -0.25, 0.25) * spec->mean_ms);
}

static gboolean
write_chunk (FILE     *file,
             GString  *chunk,
             GError  **error)
{
  if (fwrite (chunk->str, 1, chunk->len, file) != chunk->len)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Writing the history failed: %s", g_strerror (saved_errno));
      return FALSE;
    }
  g_string_truncate (chunk, 0);
  return TRUE;
}

static gboolean
write_history_entries (FILE                  *file,
                       const RsbBenchHistory *spec,
                       GError               **error)
{
  GRand *rand = g_rand_new_with_seed (spec->seed);
  HistoryTrack *tracks = make_catalogue (rand, spec->n_tracks);
  g_autoptr(GString) chunk = g_string_new ("[\n");
  gint64 start_ms = spec->first_start_ms;
  gboolean ok = TRUE;

  for (guint i = 0; i < spec->n_plays && ok; i++)
    {
      gboolean skipped = g_rand_double (rand) < spec->skip_share;
      gint64 ms_played = play_length (rand, spec, skipped);

      append_history_entry (chunk, rand, pick_track (rand, tracks, spec->n_tracks),
                            start_ms, ms_played, skipped);
      g_string_append (chunk, i + 1 < spec->n_plays ? ",\n" : "\n");
      start_ms += ms_played;
      if (spec->max_gap_ms > 0)
        start_ms += g_rand_int_range (rand, 0, spec->max_gap_ms);
      if (chunk->len > 256 * 1024)
        ok = write_chunk (file, chunk, error);
    }
  g_string_append (chunk, "]\n");
  ok = ok && write_chunk (file, chunk, error);

  free_catalogue (tracks, spec->n_tracks);
  g_rand_free (rand);
  return ok;
}

gboolean
rsb_bench_write_history (const char             *path,
                         const RsbBenchHistory  *spec,
                         GError                **error)
{
  FILE *file = fopen (path, "wb");
  gboolean ok;

  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s could not be created: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  ok = write_history_entries (file, spec, error);
  if (fclose (file) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s could not be written: %s", path, g_strerror (saved_errno));
      ok = FALSE;
    }
  return ok;
}

/* ---- FIT ------------------------------------------------------------- */

#define FIT_HEADER_SIZE 14
#define FIT_LOCAL_OTHER 3   /* file_id, events and summaries share it */

static guint16
fit_crc16 (const guint8 *data,
           gsize         len)
{
  guint16 crc = 0;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint bit = 0; bit < 8; bit++)
        crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
    }
  return crc;
}

void
rsb_bench_fit_put (GByteArray *out,
                   guint64     value,
                   guint       size)
{
  for (guint i = 0; i < size; i++)
    {
      guint8 byte = (value >> (8 * i)) & 0xff;

      g_byte_array_append (out, &byte, 1);
    }
}

/* fields: (number, size, base type) triples. */
void
rsb_bench_fit_define (GByteArray   *out,
                      guint8        local,
                      guint16       global,
                      const guint8 *fields,
                      guint         n_fields)
{
  rsb_bench_fit_put (out, 0x40 | local, 1);
  rsb_bench_fit_put (out, 0, 1);
  rsb_bench_fit_put (out, 0, 1);   /* little-endian */
  rsb_bench_fit_put (out, global, 2);
  rsb_bench_fit_put (out, n_fields, 1);
  g_byte_array_append (out, fields, 3 * n_fields);
}

static void
fit_event (GByteArray *out,
           guint32     time,
           guint8      event_type)
{
  static const guint8 fields[] = { 253, 4, 0x86, 0, 1, 0x00, 1, 1, 0x00 };

  rsb_bench_fit_define (out, FIT_LOCAL_OTHER, 21, fields, 3);
  rsb_bench_fit_put (out, FIT_LOCAL_OTHER, 1);
  rsb_bench_fit_put (out, time, 4);
  rsb_bench_fit_put (out, 0, 1);            /* timer */
  rsb_bench_fit_put (out, event_type, 1);   /* 0 start, 4 stop_all */
}

/* A lap (19) or a session (18) spanning the whole activity. */
static void
fit_summary (GByteArray *out,
             guint16     global,
             guint32     start_time,
             guint32     end_time,
             double      distance_m,
             guint8      sport)
{
  static const guint8 fields[] = {
    253, 4, 0x86, 2, 4, 0x86, 7, 4, 0x86, 8, 4, 0x86, 9, 4, 0x86, 5, 1, 0x00,
  };
  guint32 elapsed_ms = (end_time - start_time) * 1000;

  rsb_bench_fit_define (out, FIT_LOCAL_OTHER, global, fields, 6);
  rsb_bench_fit_put (out, FIT_LOCAL_OTHER, 1);
  rsb_bench_fit_put (out, end_time, 4);
  rsb_bench_fit_put (out, start_time, 4);
  rsb_bench_fit_put (out, elapsed_ms, 4);
  rsb_bench_fit_put (out, elapsed_ms, 4);
  rsb_bench_fit_put (out, (guint32) lround (distance_m * 100), 4);
  rsb_bench_fit_put (out, sport, 1);
}

/* The header's room, the file_id of a Garmin watch and the timer start. */
GByteArray *
rsb_bench_fit_begin (gsize   reserve,
                     guint32 time_created)
{
  static const guint8 file_id_fields[] = { 0, 1, 0x00, 1, 2, 0x84, 2, 2, 0x84, 4, 4, 0x86 };
  GByteArray *out = g_byte_array_sized_new (reserve + 256);

  g_byte_array_set_size (out, FIT_HEADER_SIZE);
  rsb_bench_fit_define (out, 0, 0, file_id_fields, 4);
  rsb_bench_fit_put (out, 0, 1);
  rsb_bench_fit_put (out, 4, 1);        /* activity */
  rsb_bench_fit_put (out, 1, 2);        /* Garmin */
  rsb_bench_fit_put (out, 2697, 2);
  rsb_bench_fit_put (out, time_created, 4);
  fit_event (out, time_created, 0);
  return out;
}

/* The timer stop, a lap and a session (sport: 1 running, 2 cycling),
 * then the header and the checksums. Takes out. */
GBytes *
rsb_bench_fit_end (GByteArray *out,
                   guint32     start_time,
                   guint32     end_time,
                   double      distance_m,
                   guint8      sport)
{
  guint32 data_size;
  guint8 *header;
  guint16 crc;

  fit_event (out, end_time, 4);
  fit_summary (out, 19, start_time, end_time, distance_m, 0xff);
  fit_summary (out, 18, start_time, end_time, distance_m, sport);

  header = out->data;
  data_size = out->len - FIT_HEADER_SIZE;
  header[0] = FIT_HEADER_SIZE;
  header[1] = 0x20;                     /* protocol 2.0 */
  header[2] = 2132 & 0xff;              /* profile 21.32 */
  header[3] = 2132 >> 8;
  for (guint i = 0; i < 4; i++)
    header[4 + i] = (data_size >> (8 * i)) & 0xff;
  memcpy (header + 8, ".FIT", 4);
  crc = fit_crc16 (header, 12);
  header[12] = crc & 0xff;
  header[13] = crc >> 8;
  rsb_bench_fit_put (out, fit_crc16 (out->data, out->len), 2);
  return g_byte_array_free_to_bytes (out);
}

/* A VmRSS-style field of /proc/PID/status, in MB. */
double
rsb_bench_resident_mb (GPid        pid,
                       const char *field)
{
  g_autofree char *path = pid > 0 ? g_strdup_printf ("/proc/%d/status", pid) : g_strdup ("/proc/self/status");
  g_autofree char *status = NULL;
  g_autofree char *key = g_strdup_printf ("\n%s:", field);
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (line = strstr (status, key)) == NULL)
    return NAN;
  return g_ascii_strtod (line + strlen (key), NULL) / 1024.0;
}

/* Makes VmHWM start again from the present VmRSS, so a peak can be
 * measured for one stretch of a longer process. */
gboolean
rsb_bench_reset_peak (void)
{
  FILE *clear_refs = fopen ("/proc/self/clear_refs", "w");
  gboolean written;

  if (clear_refs == NULL)
    return FALSE;
  written = fputs ("5", clear_refs) >= 0;
  return fclose (clear_refs) == 0 && written;
}
