/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-history-files: 100,000 listens of a ListenBrainz export zip
 * (listens/YYYY/MM.jsonl, one month a file) through rsb_import_job_run,
 * or 100,000 rows of an Apple Music Play Activity.csv through
 * rsb_import_file, each into a fresh library. Target: at most 0.5 s.
 * The baseline, timed in the same run and interleaved, is the 100,000
 * play Spotify Extended Streaming History import of bench-spotify-import
 * (ratio = its time / ours).
 *
 * Usage: bench-history-files listenbrainz|apple
 */
#include "bench-common.h"
#include "rsb-import-job.h"
#include "rsb-importer.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#define N_LISTENS    100000
#define N_TRACKS     5000
#define TARGET_S     0.5
#define DEFAULT_REPS 5
/* 2022-01-01T00:00:00Z */
#define FIRST_S      G_GINT64_CONSTANT (1640995200)

typedef struct {
  const char *bench;
  GString    *scratch_text;
} Bench;

/* The n-th listen's start: a song every 3–4 minutes, runs of them with
 * hours of silence between. */
static gint64
listen_start_s (guint i)
{
  return FIRST_S + (gint64) i * 215 + (gint64) (i / 12) * 3 * 3600;
}

static guint
track_of (guint i)
{
  return (i * 2654435761u) % N_TRACKS;
}

/* ---- ListenBrainz ---------------------------------------------------- */

static void
append_listen (GString *out,
               guint    i)
{
  guint t = track_of (i);
  gint64 at = listen_start_s (i);

  g_string_append_printf (out,
    "{\"inserted_at\":%" G_GINT64_FORMAT ",\"listened_at\":%" G_GINT64_FORMAT ","
    "\"recording_msid\":\"2f3d1a7c-%04x-4b1e-9c1d-%012x\",\"user_name\":\"runner\","
    "\"track_metadata\":{\"artist_name\":\"Artist %u\",\"track_name\":\"Song %u of the road\","
    "\"release_name\":\"Album %u\",\"additional_info\":{\"duration_ms\":%u,"
    "\"spotify_id\":\"https://open.spotify.com/track/%022u\",\"isrc\":\"GBAYE%07u\","
    "\"artist_names\":[\"Artist %u\"],\"media_player\":\"Spotify\",\"submission_client\":\"listenbrainz\","
    "\"music_service\":\"spotify.com\"},"
    "\"mbid_mapping\":{\"recording_mbid\":\"7a1b2c3d-0000-4000-8000-%012x\","
    "\"release_mbid\":\"8a1b2c3d-0000-4000-8000-%012x\",\"artist_mbids\":[\"9a1b2c3d-0000-4000-8000-%012x\"],"
    "\"artists\":[{\"artist_credit_name\":\"Artist %u\",\"join_phrase\":\"\",\"artist_mbid\":\"9a1b2c3d-0000-4000-8000-%012x\"}],"
    "\"recording_name\":\"Song %u of the road\"}}}\n",
    at + 3, at, i & 0xffff, i, t % 900, t, t % 600, 150000 + (t * 37) % 150000, t, t, t % 900,
    t, t % 600, t % 900, t % 900, t % 900, t);
}

static void
zip_add (struct archive *zip,
         const char     *name,
         const GString  *text)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, text->len);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  if (archive_write_header (zip, entry) != ARCHIVE_OK ||
      archive_write_data (zip, text->str, text->len) != (la_ssize_t) text->len)
    rsb_bench_fail ("listenbrainz_export_import", archive_error_string (zip), NULL);
  archive_entry_free (entry);
}

/* The export as ListenBrainz writes it: user.json, feedback.jsonl, and
 * the listens a file per month. */
static void
write_listenbrainz_zip (const char *path)
{
  struct archive *zip = archive_write_new ();
  g_autoptr(GString) month = g_string_sized_new (8 << 20);
  g_autoptr(GString) small = g_string_new ("{\"user_id\":1,\"username\":\"runner\"}");
  int current = -1;
  g_autofree char *name = NULL;

  archive_write_set_format_zip (zip);
  if (archive_write_open_filename (zip, path) != ARCHIVE_OK)
    rsb_bench_fail ("listenbrainz_export_import", archive_error_string (zip), NULL);
  zip_add (zip, "user.json", small);
  g_string_assign (small, "{\"recording_mbid\":\"7a1b2c3d-0000-4000-8000-000000000001\",\"score\":1}\n");
  zip_add (zip, "feedback.jsonl", small);
  for (guint i = 0; i <= N_LISTENS; i++)
    {
      g_autoptr(GDateTime) when = i < N_LISTENS ? g_date_time_new_from_unix_utc (listen_start_s (i)) : NULL;
      int key = when ? g_date_time_get_year (when) * 12 + g_date_time_get_month (when) - 1 : -2;

      if (key != current && month->len > 0)
        {
          zip_add (zip, name, month);
          g_string_truncate (month, 0);
        }
      if (when == NULL)
        break;
      if (key != current)
        {
          g_free (name);
          name = g_strdup_printf ("listens/%d/%d.jsonl", key / 12, key % 12 + 1);
          current = key;
        }
      append_listen (month, i);
    }
  archive_write_close (zip);
  archive_write_free (zip);
}

static double
time_job (const char *path,
          const char *db_path,
          const char *bench,
          guint      *n_added)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RsbImportJob *job = rsb_import_job_new (db_path, &file, 1);
  RsbImportTotals totals;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (!rsb_import_job_run (job, NULL, &error))
    rsb_bench_fail (bench, "importing", error);
  seconds = rsb_bench_seconds_since (start);
  rsb_import_job_get_totals (job, &totals);
  if (totals.failed > 0)
    rsb_bench_fail (bench, "a source failed", NULL);
  *n_added = totals.plays;
  rsb_import_job_free (job);
  return seconds;
}

/* ---- Apple Music ----------------------------------------------------- */

/* Apple's columns (most of them, in its order); the reader looks at a
 * dozen. */
static const char apple_header[] =
  "Apple Id Number,Apple Music Subscription,Album Name,Artist Name,Build Version,Client IP Address,"
  "Container Album Name,Container Artist Name,Container Global Playlist ID,Container Name,"
  "Container Origin Type,Container Playlist ID,Container Type,Content Name,Content Provider,"
  "Content Specific Type,Device Identifier,Device OS Name,Device OS Version,Device Type,"
  "End Position In Milliseconds,End Reason Type,Event End Timestamp,Event Reason Hint Type,"
  "Event Received Timestamp,Event Start Timestamp,Event Timestamp,Event Type,Feature Name,Genre,"
  "IP City,IP Country Code,IP Latitude,IP Longitude,IP Network Type,Item Type,"
  "Media Duration In Milliseconds,Media Type,Metrics Bucket Id,Metrics Client Id,"
  "Milliseconds Since Play,Offline,Play Duration Milliseconds,Song Name,Source Type,"
  "Start Position In Milliseconds,Store Country Name,UTC Offset In Seconds\r\n";

static void
iso (char   *out,
     gsize   size,
     gint64  ms)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (ms / 1000);

  g_snprintf (out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
              g_date_time_get_year (t), g_date_time_get_month (t), g_date_time_get_day_of_month (t),
              g_date_time_get_hour (t), g_date_time_get_minute (t), g_date_time_get_second (t),
              (int) (ms % 1000));
}

static void
write_apple_csv (const char *path)
{
  g_autoptr(GString) csv = g_string_sized_new (64 << 20);
  g_autoptr(GError) error = NULL;

  g_string_append (csv, apple_header);
  for (guint i = 0; i < N_LISTENS; i++)
    {
      guint t = track_of (i);
      gint64 start_ms = listen_start_s (i) * 1000 + 250;
      gint64 media_ms = 150000 + (t * 37) % 150000;
      gint64 played_ms = i % 7 == 0 ? 20000 : MIN (media_ms, 214000);
      char start[40], end[40];

      iso (start, sizeof start, start_ms);
      iso (end, sizeof end, start_ms + played_ms);
      g_string_append_printf (csv,
        "1234567890,true,\"Album %u, deluxe\",Artist %u,5.1.2,0.0.0.0,\"Album %u, deluxe\",Artist %u,"
        "pl.u-abc,My Running Mix,Library,p.abc,PLAYLIST,,,Song,ABCDEF0123456789,iOS,17.2,iPhone,"
        "%" G_GINT64_FORMAT ",%s,%s,PLAYBACK_ENDED,%s,%s,%s,PLAY_END,library / playlist-detail,Pop,"
        "Berlin,DE,52.5,13.4,WIFI,ITUNES_STORE_CONTENT,%" G_GINT64_FORMAT ",AUDIO,abc,def,"
        "%" G_GINT64_FORMAT ",false,%" G_GINT64_FORMAT ",\"Song %u of the road\",ORIGINATING_DEVICE,0,Germany,3600\r\n",
        t % 900, t % 600, t % 900, t % 600, played_ms,
        i % 7 == 0 ? "TRACK_SKIPPED_FORWARDS" : "NATURAL_END_OF_TRACK", end, end, start, end,
        media_ms, played_ms, played_ms, t);
    }
  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    rsb_bench_fail ("apple_music_import", "writing the CSV", error);
}

/* ---- timing ---------------------------------------------------------- */

static char *
fresh_library (const char *scratch,
               const char *bench)
{
  g_autofree char *dir = g_build_filename (scratch, "library", NULL);
  char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;

  rsb_bench_remove_tree (dir);
  store = rsb_store_open (db_path, &error);
  if (store == NULL)
    rsb_bench_fail (bench, "opening a fresh library", error);
  return db_path;
}

static double
time_file (const char *path,
           const char *db_path,
           const char *bench,
           guint      *n_added)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (db_path, &error);
  RsbImportResult result = { 0 };
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (store == NULL)
    rsb_bench_fail (bench, "opening the library", error);
  start = g_get_monotonic_time ();
  if (!rsb_import_file (store, file, &result, NULL))
    rsb_bench_fail (bench, "importing", result.error);
  seconds = rsb_bench_seconds_since (start);
  *n_added = result.n_plays;
  rsb_import_result_clear (&result);
  return seconds;
}

static double
time_subject (gboolean    listenbrainz,
              const char *path,
              const char *scratch,
              const char *bench,
              guint      *n_added)
{
  g_autofree char *db_path = fresh_library (scratch, bench);

  if (listenbrainz)
    return time_job (path, db_path, bench, n_added);
  return time_file (path, db_path, bench, n_added);
}

static double
time_spotify (const char *path,
              const char *scratch,
              const char *bench)
{
  g_autofree char *db_path = fresh_library (scratch, bench);
  guint n_added;

  return time_file (path, db_path, bench, &n_added);
}

int
main (int   argc,
      char *argv[])
{
  const RsbBenchHistory spotify_spec = {
    .first_start_ms = FIRST_S * 1000,
    .n_plays = N_LISTENS,
    .n_tracks = N_TRACKS,
    .mean_ms = 200000,
    .skip_share = 0.15,
    .max_gap_ms = 20 * 60000,
    .seed = 7,
  };
  gboolean listenbrainz = argc > 1 && g_str_equal (argv[1], "listenbrainz");
  const char *bench = listenbrainz ? "listenbrainz_export_import" : "apple_music_import";
  g_autofree char *scratch = rsb_bench_make_tmpdir ();
  g_autofree char *spotify_path = g_build_filename (scratch, "Streaming_History_Audio_2022.json", NULL);
  g_autofree char *path = g_build_filename (scratch, listenbrainz ? "listenbrainz_runner.zip"
                                                                  : "Apple Music Play Activity.csv", NULL);
  g_autoptr(GArray) subject = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  guint n_added = 0;
  double median, base;
  gboolean pass;

  if (argc < 2 || (!listenbrainz && !g_str_equal (argv[1], "apple")))
    {
      g_printerr ("usage: %s listenbrainz|apple\n", argv[0]);
      return EXIT_FAILURE;
    }
  if (!rsb_bench_write_history (spotify_path, &spotify_spec, &error))
    rsb_bench_fail (bench, "writing the Spotify history", error);
  if (listenbrainz)
    write_listenbrainz_zip (path);
  else
    write_apple_csv (path);

  /* Warm-ups, then interleaved. */
  time_subject (listenbrainz, path, scratch, bench, &n_added);
  time_spotify (spotify_path, scratch, bench);
  for (guint i = 0; i < reps; i++)
    {
      rsb_bench_add_sample (baseline, time_spotify (spotify_path, scratch, bench));
      rsb_bench_add_sample (subject, time_subject (listenbrainz, path, scratch, bench, &n_added));
    }
  rsb_bench_remove_tree (scratch);

  median = rsb_bench_median (subject);
  base = rsb_bench_median (baseline);
  pass = median <= TARGET_S && n_added == N_LISTENS;
  g_print ("bench=%s median_s=%.4f plays_per_s=%.0f baseline=spotify_import median_s=%.4f ratio=%.2f"
           " target=median_s<=%.1f pass=%s listens=%d plays_added=%u repetitions=%u\n",
           bench, median, N_LISTENS / median, base, base / median, TARGET_S,
           rsb_bench_yes_no (pass), N_LISTENS, n_added, subject->len);
  return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}
