/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ListenBrainz, Apple Music and YouTube Music histories through the
 * real import path: recognised by content, found inside the exports'
 * (nested) zips, one transaction a file, and the same listen from two
 * services counted once. */
#include <string.h>

#include "rsb-file-sniff.h"
#include "rsb-import-error.h"
#include "rsb-import-job.h"
#include "rsb-importer.h"
#include "rsb-test-dir.h"
#include "rsb-test-files.h"

typedef struct {
  char *dir;
  char *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("histories");
  f->library = g_build_filename (f->dir, "library.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_dir_remove (f->dir);
  g_free (f->library);
}

/* 2024-03-01T08:00:00Z */
#define T0 G_GINT64_CONSTANT (1709280000)

static const char lb_listens[] =
  "{\"listened_at\":1709280000,\"track_metadata\":{\"artist_name\":\"The Runners\",\"track_name\":\"First\","
  "\"additional_info\":{\"duration_ms\":200000,\"spotify_id\":\"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC\"}}}\n"
  "{\"listened_at\":1709280200,\"track_metadata\":{\"artist_name\":\"The Runners\",\"track_name\":\"Second\"}}\n";

static const char lb_march[] =
  "{\"listened_at\":1709290000,\"track_metadata\":{\"artist_name\":\"B\",\"track_name\":\"Third\"}}\n";

static const char apple_csv[] =
  "Album Name,Artist Name,Event End Timestamp,Event Start Timestamp,Event Type,Media Type,"
  "Play Duration Milliseconds,Song Name,UTC Offset In Seconds\r\n"
  ",The Runners,2024-03-01T08:03:20Z,2024-03-01T08:00:00Z,PLAY_END,AUDIO,200000,First,3600\r\n"
  ",Others,2024-03-01T09:03:20Z,2024-03-01T09:00:00Z,PLAY_END,AUDIO,200000,Apple only,3600\r\n"
  ",Others,2024-03-01T09:05:00Z,2024-03-01T09:04:00Z,PLAY_START,AUDIO,0,Apple only,3600\r\n";

static const char youtube_json[] =
  "[{\"header\":\"YouTube Music\",\"title\":\"Watched Loud\",\"titleUrl\":\"https://music.youtube.com/watch?v\\u003da\","
  "\"subtitles\":[{\"name\":\"Band - Topic\"}],\"time\":\"2024-03-02T08:05:00Z\"},"
  "{\"header\":\"YouTube\",\"title\":\"Watched A video\",\"time\":\"2024-03-02T08:01:00Z\"},"
  "{\"header\":\"YouTube Music\",\"title\":\"Watched Quiet\",\"titleUrl\":\"https://music.youtube.com/watch?v=q\",\"time\":\"2024-03-02T08:00:00Z\"}]";

/* The first play the Extended history and ListenBrainz both heard. */
static const char spotify_json[] =
  "[{\"ts\":\"2024-03-01T08:03:20Z\",\"platform\":\"android\",\"ms_played\":200000,"
  "\"master_metadata_track_name\":\"First\",\"master_metadata_album_artist_name\":\"The Runners\","
  "\"master_metadata_album_album_name\":\"Long Road\",\"spotify_track_uri\":\"spotify:track:4uLU6hMCjMI75M1A2tKUQC\","
  "\"reason_start\":\"trackdone\",\"reason_end\":\"trackdone\",\"shuffle\":false,\"skipped\":false,\"offline\":false}]";

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static char *
write_text (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GBytes) bytes = text_bytes (text);

  return rsb_test_write_bytes (f->dir, name, bytes);
}

static RsbFileKind
sniff (const char  *name,
       const char  *text,
       GError     **why)
{
  gboolean gzipped;

  return rsb_file_sniff ((const guint8 *) text, strlen (text), name, &gzipped, why);
}

static void
test_recognised_by_content (void)
{
  g_autoptr(GError) why = NULL;
  g_autofree char *lb_array = g_strdup_printf ("[%.*s]", (int) strcspn (lb_listens, "\n"), lb_listens);

  g_assert_cmpint (sniff ("listens", lb_listens, NULL), ==, RSB_FILE_KIND_LISTENBRAINZ);
  g_assert_cmpint (sniff ("old export.json", lb_array, NULL), ==, RSB_FILE_KIND_LISTENBRAINZ);
  g_assert_cmpint (sniff ("plays.csv", apple_csv, NULL), ==, RSB_FILE_KIND_APPLE_MUSIC);
  g_assert_cmpint (sniff ("history (1).json", youtube_json, NULL), ==, RSB_FILE_KIND_YOUTUBE_MUSIC);
  g_assert_true (rsb_file_kind_is_history (RSB_FILE_KIND_LISTENBRAINZ));
  g_assert_true (rsb_file_kind_is_history (RSB_FILE_KIND_APPLE_MUSIC));
  g_assert_true (rsb_file_kind_is_history (RSB_FILE_KIND_YOUTUBE_MUSIC));

  /* ListenBrainz's feedback file is JSON lines too, but no listens. */
  g_assert_cmpint (sniff ("feedback.jsonl", "{\"recording_mbid\":\"x\",\"score\":1}\n", &why), ==,
                   RSB_FILE_KIND_UNKNOWN);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why->message, "feedback.jsonl"));
  g_assert_nonnull (strstr (why->message, "ListenBrainz"));
  g_assert_nonnull (strstr (why->message, "YouTube"));
}

static RsbImportResult *
import_file (Fixture    *f,
             RsbStore   *store,
             const char *name,
             const char *text)
{
  g_autofree char *path = write_text (f, name, text);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RsbImportResult *result = g_new0 (RsbImportResult, 1);

  rsb_import_file (store, file, result, NULL);
  return result;
}

static void
test_each_file_imports (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (f->library, &error);
  g_autoptr(RsbImportResult) lb = import_file (f, store, "listens.txt", lb_listens);
  g_autoptr(RsbImportResult) apple = import_file (f, store, "export.csv", apple_csv);
  g_autoptr(RsbImportResult) youtube = import_file (f, store, "history.json", youtube_json);
  g_autoptr(RsbImportResult) again = import_file (f, store, "listens again.jsonl", lb_listens);

  g_assert_no_error (lb->error);
  g_assert_cmpint (lb->kind, ==, RSB_FILE_KIND_LISTENBRAINZ);
  g_assert_cmpint (lb->status, ==, RSB_IMPORT_ADDED);
  g_assert_cmpuint (lb->n_plays, ==, 2);

  /* "First" is the same listen as ListenBrainz's: only one is new. */
  g_assert_no_error (apple->error);
  g_assert_cmpint (apple->kind, ==, RSB_FILE_KIND_APPLE_MUSIC);
  g_assert_cmpuint (apple->n_plays, ==, 1);

  g_assert_no_error (youtube->error);
  g_assert_cmpint (youtube->kind, ==, RSB_FILE_KIND_YOUTUBE_MUSIC);
  g_assert_cmpuint (youtube->n_plays, ==, 2);

  g_assert_cmpint (again->status, ==, RSB_IMPORT_DUPLICATE);
  g_assert_cmpint (rsb_store_count_plays (store), ==, 5);
}

static void
test_same_listen_counted_once (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (f->library, &error);
  g_autoptr(RsbImportResult) spotify = import_file (f, store, "Streaming_History_Audio_2024.json", spotify_json);
  g_autoptr(RsbImportResult) lb = import_file (f, store, "03.jsonl", lb_listens);
  g_autoptr(GPtrArray) plays = NULL;
  const RsbPlay *first;

  g_assert_cmpuint (spotify->n_plays, ==, 1);
  /* Only "Second" is new. */
  g_assert_no_error (lb->error);
  g_assert_cmpuint (lb->n_plays, ==, 1);
  g_assert_cmpint (rsb_store_count_plays (store), ==, 2);

  /* The Extended history knows more; it is what stays. */
  plays = rsb_store_plays_between (store, T0 * 1000, (T0 + 100) * 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 1);
  first = g_ptr_array_index (plays, 0);
  g_assert_cmpint (first->source, ==, RSB_PLAY_SOURCE_EXTENDED);
  g_assert_cmpint (first->ms_played, ==, 200000);
}

static void
test_no_artists_noted (Fixture       *f,
                       gconstpointer  data)
{
  const char *csv = "Content Name,Play Duration Milliseconds,Event Start Timestamp,Event Type\n"
                    "Song,120000,2024-03-01T08:00:00Z,PLAY_END\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (f->library, &error);
  g_autoptr(RsbImportResult) apple = import_file (f, store, "Apple Music Play Activity.csv", csv);

  g_assert_no_error (apple->error);
  g_assert_cmpuint (apple->n_plays, ==, 1);
  g_assert_nonnull (apple->note);
  g_assert_nonnull (strstr (apple->note, "Apple Music Play Activity.csv"));
  g_assert_nonnull (strstr (apple->note, "no artist"));
}

static void
test_wrong_file_named (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_store_open (f->library, &error);
  g_autoptr(RsbImportResult) odd = import_file (f, store, "notes.json", "[{\"note\":\"hello\"}]");
  g_autoptr(RsbImportResult) cut = import_file (f, store, "cut.jsonl",
                                                "{\"listened_at\":1709280000,\"track_metadata\":{\"track_na");

  g_assert_cmpint (odd->status, ==, RSB_IMPORT_FAILED);
  g_assert_nonnull (strstr (odd->error->message, "notes.json"));
  g_assert_cmpint (cut->status, ==, RSB_IMPORT_FAILED);
  g_assert_error (cut->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (cut->error->message, "cut.jsonl"));
  g_assert_cmpint (rsb_store_count_plays (store), ==, 0);
}

/* ---- through the job, zips and all ---- */

static RsbImportJob *
run_job (Fixture    *f,
         const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RsbImportJob *job = rsb_import_job_new (f->library, &file, 1);

  g_assert_true (rsb_import_job_run (job, NULL, &error));
  g_assert_no_error (error);
  return job;
}

static const RsbImportResult *
result_named (RsbImportJob *job,
              const char   *name)
{
  GPtrArray *results = rsb_import_job_get_results (job);

  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *r = g_ptr_array_index (results, i);

      if (g_str_equal (r->display_name, name))
        return r;
    }
  g_error ("no result for %s", name);
}

static GBytes *
zip_bytes (Fixture    *f,
           const char *name,
           const char *entry,
           GBytes     *content)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GBytes *bytes;

  rsb_test_write_zip (path, entry, content, NULL);
  bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_nonnull (bytes);
  g_assert_true (g_file_delete (file, NULL, NULL));
  return bytes;
}

static void
test_listenbrainz_export_zip (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "listenbrainz_runner_1709.zip", NULL);
  g_autoptr(GBytes) user = text_bytes ("{\"user_id\":1,\"username\":\"runner\"}");
  g_autoptr(GBytes) feedback = text_bytes ("{\"recording_mbid\":\"x\",\"score\":1}\n");
  g_autoptr(GBytes) feb = text_bytes (lb_listens);
  g_autoptr(GBytes) march = text_bytes (lb_march);
  g_autoptr(RsbImportJob) job = NULL;
  RsbImportTotals totals;

  rsb_test_write_zip (path, "user.json", user, "feedback.jsonl", feedback,
                      "listens/2024/2.jsonl", feb, "listens/2024/3.jsonl", march, NULL);
  job = run_job (f, path);
  rsb_import_job_get_totals (job, &totals);
  /* Each month its own source; the other files are not ours, quietly. */
  g_assert_cmpuint (totals.sources, ==, 2);
  g_assert_cmpuint (totals.failed, ==, 0);
  g_assert_cmpuint (totals.plays, ==, 3);
  g_assert_cmpint (result_named (job, "listens/2024/2.jsonl")->kind, ==, RSB_FILE_KIND_LISTENBRAINZ);
  g_assert_cmpuint (result_named (job, "listens/2024/3.jsonl")->n_plays, ==, 1);
}

/* Apple_Media_Services.zip holds "Apple Music Activity.zip", which
 * holds the CSV. */
static void
test_apple_nested_zip (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "Apple_Media_Services.zip", NULL);
  g_autoptr(GBytes) csv = text_bytes (apple_csv);
  g_autoptr(GBytes) inner = zip_bytes (f, "inner.zip", "Apple Music Activity/Apple Music Play Activity.csv", csv);
  g_autoptr(GBytes) other = text_bytes ("{\"Apple ID\":1}");
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *result;
  RsbImportTotals totals;

  rsb_test_write_zip (path, "Apple_Media_Services/Stores Activity/Other.json", other,
                      "Apple_Media_Services/Apple Music Activity/Apple Music Activity.zip", inner, NULL);
  job = run_job (f, path);
  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.failed, ==, 0);
  result = result_named (job, "Apple Music Activity/Apple Music Play Activity.csv");
  g_assert_no_error (result->error);
  g_assert_cmpint (result->kind, ==, RSB_FILE_KIND_APPLE_MUSIC);
  g_assert_cmpuint (result->n_plays, ==, 2);
}

/* Garmin Connect's account export keeps the uploaded FIT files in
 * zips inside its zip: the workouts are found there too. */
static void
test_garmin_export_nested_workouts (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "garmin-export.zip", NULL);
  g_autofree char *fit_path = rsb_test_shared_file ("activities", "garmin-fenix-5-run.fit");
  g_autoptr(GFile) fit_file = NULL;
  g_autoptr(GBytes) fit = NULL;
  g_autoptr(GBytes) uploaded = NULL;
  g_autoptr(GBytes) profile = text_bytes ("{\"userName\":\"runner\"}");
  g_autoptr(RsbImportJob) job = NULL;
  RsbImportTotals totals;

  if (fit_path == NULL)
    return;
  fit_file = g_file_new_for_path (fit_path);
  fit = g_file_load_bytes (fit_file, NULL, NULL, NULL);
  g_assert_nonnull (fit);
  uploaded = zip_bytes (f, "uploaded.zip", "12345678_ACTIVITY.fit", fit);
  rsb_test_write_zip (path, "DI_CONNECT/DI-Connect-User/user_profile.json", profile,
                      "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", uploaded, NULL);
  job = run_job (f, path);
  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.failed, ==, 0);
  g_assert_cmpuint (totals.activities, ==, 1);
  g_assert_cmpint (result_named (job, "12345678_ACTIVITY.fit")->kind, ==, RSB_FILE_KIND_FIT);
}

/* Years of Apple Music make a Play Activity CSV larger than any
 * workout: inside Apple's zip it is still read whole. */
static void
test_apple_csv_larger_than_workouts (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "Apple_Media_Services.zip", NULL);
  g_autoptr(GString) csv = g_string_sized_new (RSB_IMPORT_MAX_WORKOUT_BYTES + (16 << 20));
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  g_autofree char *filler = g_strnfill (1000, 'x');
  const RsbImportResult *result;
  guint n_rows = 0;

  g_string_append (csv, "Client Notes,Artist Name,Event End Timestamp,Event Start Timestamp,Event Type,"
                        "Play Duration Milliseconds,Song Name\r\n");
  /* Each row carries a kilobyte of other columns, as Apple's ~50 do;
   * it packs well, though not like a bomb. */
  while (csv->len <= RSB_IMPORT_MAX_WORKOUT_BYTES + (8 << 20))
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (1420070400 + (gint64) n_rows * 200);
      g_autoptr(GDateTime) end = g_date_time_add_seconds (start, 180);
      g_autofree char *start_text = g_date_time_format_iso8601 (start);
      g_autofree char *end_text = g_date_time_format_iso8601 (end);

      g_string_append_printf (csv, "%08x%s,Band %u,%s,%s,PLAY_END,180000,Song %u\r\n",
                              g_rand_int (rand), filler, n_rows % 50, end_text, start_text, n_rows % 2000);
      n_rows++;
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  rsb_test_write_zip (path, "Apple_Media_Services/Apple Music Activity/Apple Music Play Activity.csv", bytes, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  job = run_job (f, path);
  result = result_named (job, "Apple_Media_Services/Apple Music Activity/Apple Music Play Activity.csv");
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->n_plays, ==, n_rows);
}

/* A zip's entries are read up to a history's size, but a workout that
 * large is refused, saying so. */
static void
test_huge_workout_in_zip_refused (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.zip", NULL);
  g_autoptr(GString) gpx = g_string_sized_new (RSB_IMPORT_MAX_WORKOUT_BYTES + (16 << 20));
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autofree char *filler = g_strnfill (1000, 'x');
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *result;
  RsbImportTotals totals;

  g_string_append (gpx, "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\">\n<!--\n");
  while (gpx->len <= RSB_IMPORT_MAX_WORKOUT_BYTES + (4 << 20))
    g_string_append_printf (gpx, "%08x%s\n", g_rand_int (rand), filler);
  g_string_append (gpx, "-->\n</gpx>\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&gpx));
  rsb_test_write_zip (path, "activities/huge.gpx", bytes, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  job = run_job (f, path);
  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.failed, ==, 1);
  g_assert_cmpuint (totals.activities, ==, 0);
  result = result_named (job, "activities/huge.gpx");
  g_assert_error (result->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (result->error->message, "more than any real workout"));
}

/* Zips in zips five deep: no export nests so; refused, saying so. */
static void
test_nest_too_deep (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nest.zip", NULL);
  g_autoptr(GBytes) level = text_bytes (lb_listens);
  g_autoptr(RsbImportJob) job = NULL;
  RsbImportTotals totals;
  gboolean refused = FALSE;
  GPtrArray *results;

  level = zip_bytes (f, "l.zip", "listens/2024/2.jsonl", level);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("level%u.zip", i);
      GBytes *outer = zip_bytes (f, "l.zip", name, level);

      g_bytes_unref (level);
      level = outer;
    }
  rsb_test_write_zip (path, "top.zip", level, NULL);
  job = run_job (f, path);
  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.plays, ==, 0);
  results = rsb_import_job_get_results (job);
  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *r = g_ptr_array_index (results, i);

      refused |= r->error != NULL && strstr (r->error->message, "deeper than any export") != NULL;
    }
  g_assert_true (refused);
}

/* A bomb inside a zip inside the zip is refused like one at the top. */
static void
test_nested_bomb (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "Apple_Media_Services.zip", NULL);
  gsize size = 32 << 20;
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(GBytes) inner = zip_bytes (f, "inner.zip", "Streaming_History_Audio_2024.json", zeros);
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *result;

  g_assert_cmpuint (g_bytes_get_size (inner), <, size / 200);
  rsb_test_write_zip (path, "Apple Music Activity.zip", inner, NULL);
  job = run_job (f, path);
  result = result_named (job, "Streaming_History_Audio_2024.json");
  g_assert_cmpint (result->status, ==, RSB_IMPORT_FAILED);
  g_assert_error (result->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (result->error->message, "Apple Music Activity.zip"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/histories/recognised-by-content", test_recognised_by_content);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/histories/each-file-imports", test_each_file_imports);
  ADD ("/histories/same-listen-once", test_same_listen_counted_once);
  ADD ("/histories/no-artists-noted", test_no_artists_noted);
  ADD ("/histories/wrong-file-named", test_wrong_file_named);
  ADD ("/histories/listenbrainz-zip", test_listenbrainz_export_zip);
  ADD ("/histories/apple-nested-zip", test_apple_nested_zip);
  ADD ("/histories/garmin-export-nested-workouts", test_garmin_export_nested_workouts);
  ADD ("/histories/apple-csv-larger-than-workouts", test_apple_csv_larger_than_workouts);
  ADD ("/histories/huge-workout-in-zip-refused", test_huge_workout_in_zip_refused);
  ADD ("/histories/nest-too-deep", test_nest_too_deep);
  ADD ("/histories/nested-bomb", test_nested_bomb);
#undef ADD
  return g_test_run ();
}
