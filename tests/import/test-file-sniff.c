/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-file-sniff: files recognised by their bytes whatever they are
 * called, the refusals' messages, and renamed files imported whole. */
#include "rsb-test-dir.h"

#include <string.h>

#include "rsb-file-sniff.h"
#include "rsb-import-error.h"
#include "rsb-import-job.h"
#include "rsb-importer.h"
#include "rsb-test-files.h"

typedef enum { AS_IS, GZIPPED, ZIPPED } Wrap;

typedef struct {
  const char  *name;        /* what the file is called on disk */
  const char  *shared;      /* testdata/<shared>, or NULL for inline */
  const char  *inline_text;
  Wrap         wrap;
  RsbFileKind  kind;
  gboolean     gzipped;
  const char  *message[3];  /* fragments of the refusal, if refused */
} Case;

static const char bom_tcx[] =
  "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- exported by a watch, <gpx> mentioned in passing -->\n"
  "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">"
  "<Activities/></TrainingCenterDatabase>\n";

static const Case cases[] = {
  { "Streaming_History_Audio_2023 (1).json", "spotify/Streaming_History_Audio_2022.json", NULL, AS_IS,
    RSB_FILE_KIND_SPOTIFY_EXTENDED },
  { "history.JSON", "spotify/StreamingHistory0.json", NULL, AS_IS, RSB_FILE_KIND_SPOTIFY_ACCOUNT },
  { "my history.json", "spotify/Streaming_History_Video_2023.json", NULL, AS_IS,
    RSB_FILE_KIND_SPOTIFY_EXTENDED },
  { "ride.fit.bin", "activities/sample-activity.fit", NULL, AS_IS, RSB_FILE_KIND_FIT },
  { "track", "activities/cerknicko-jezero.gpx", NULL, AS_IS, RSB_FILE_KIND_GPX },
  { "run.gpx", "activities/test.tcx", NULL, AS_IS, RSB_FILE_KIND_TCX },
  { "bom.tcx.txt", NULL, bom_tcx, AS_IS, RSB_FILE_KIND_TCX },
  { "with-bom", "activities/unicode_with_bom.gpx", NULL, AS_IS, RSB_FILE_KIND_GPX },
  { "x.dat", "activities/cerknicko-jezero.gpx", NULL, GZIPPED, RSB_FILE_KIND_GPX, TRUE },
  { "export.bin", "activities/test.tcx", NULL, ZIPPED, RSB_FILE_KIND_ZIP },
  { "list.txt", NULL, "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n1,x,y,Run,\n", AS_IS,
    RSB_FILE_KIND_STRAVA_CSV },
  { "Minified.json", NULL, "[{\"endTime\":\"2023-01-01 10:00\",\"artistName\":\"A\",\"trackName\":\"T\",\"msPlayed\":1}]",
    AS_IS, RSB_FILE_KIND_SPOTIFY_ACCOUNT },
  { "listens", NULL, "{\"listened_at\":1709280000,\"track_metadata\":{\"track_name\":\"T\"}}\n", AS_IS,
    RSB_FILE_KIND_LISTENBRAINZ },
  { "Apple Music Play Activity (2).txt", NULL,
    "Album Name,Event End Timestamp,Event Start Timestamp,Event Type,Play Duration Milliseconds,Song Name\r\n",
    AS_IS, RSB_FILE_KIND_APPLE_MUSIC },
  { "verlauf.json", NULL, "[{\"header\":\"YouTube Music\",\"title\":\"T angesehen\",\"time\":\"2024-03-01T08:00:00Z\"}]",
    AS_IS, RSB_FILE_KIND_YOUTUBE_MUSIC },
  { "watch-history.json", NULL, "[]", AS_IS, RSB_FILE_KIND_YOUTUBE_MUSIC },
  /* Ties go to the name: an empty list called a history, and bytes
   * that match nothing under a workout's name (damaged, say). */
  { "StreamingHistory3.json", NULL, "[ ]", AS_IS, RSB_FILE_KIND_SPOTIFY_ACCOUNT },
  { "damaged.fit", NULL, "\x0c\x10garbled header", AS_IS, RSB_FILE_KIND_FIT },
  { "damaged.gpx.gz", NULL, "not gzip at all", AS_IS, RSB_FILE_KIND_GPX, TRUE },
  /* Refusals. */
  { "playlists.json", NULL, "[{\"name\":\"Running\",\"lastModifiedDate\":\"2023-01-01\",\"items\":[]}]",
    AS_IS, RSB_FILE_KIND_UNKNOWN, FALSE,
    { "“playlists.json” is JSON", "ts, ms_played", "listened_at, track_metadata" } },
  { "list.json", NULL, "[]", AS_IS, RSB_FILE_KIND_UNKNOWN, FALSE, { "“list.json” is JSON", "StreamingHistory" } },
  { "route.gpx", NULL, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", AS_IS, RSB_FILE_KIND_UNKNOWN, FALSE,
    { "“route.gpx” is a PNG image" } },
  { "empty.gpx", NULL, "", AS_IS, RSB_FILE_KIND_UNKNOWN, FALSE, { "“empty.gpx” is empty" } },
  { "notes.txt", NULL, "just some words", AS_IS, RSB_FILE_KIND_UNKNOWN },
};

static GBytes *
shared_bytes (const char *relative)
{
  const char *shared = g_getenv ("RSB_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "testdata", relative, NULL);
  file = g_file_new_for_path (path);
  return g_file_load_bytes (file, NULL, NULL, NULL);
}

/* Writes the case's file into dir; NULL when its shared file is absent. */
static char *
write_case (const Case *c,
            const char *dir)
{
  g_autoptr(GBytes) plain = c->shared != NULL ? shared_bytes (c->shared)
                            : g_bytes_new_static (c->inline_text, strlen (c->inline_text));
  g_autoptr(GBytes) gz = NULL;
  char *path;

  if (plain == NULL)
    return NULL;
  switch (c->wrap)
    {
    case GZIPPED:
      gz = rsb_test_gzip_bytes (plain);
      return rsb_test_write_bytes (dir, c->name, gz);
    case ZIPPED:
      path = g_build_filename (dir, c->name, NULL);
      rsb_test_write_zip (path, "workouts/a.tcx", plain, NULL);
      return path;
    case AS_IS:
    default:
      return rsb_test_write_bytes (dir, c->name, plain);
    }
}

static void
test_recognised (gconstpointer data)
{
  const Case *c = data;
  char *dir = rsb_test_dir_new ("file-sniff");
  g_autofree char *path = write_case (c, dir);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) why = NULL;
  gboolean gzipped = !c->gzipped;
  RsbFileKind kind;

  if (path == NULL)
    {
      g_test_skip ("RSB_SHARED_DIR's test files are absent");
      rsb_test_dir_remove (dir);
      return;
    }
  file = g_file_new_for_path (path);
  kind = rsb_file_sniff_file (file, c->name, &gzipped, NULL, &why);
  g_assert_cmpint (kind, ==, c->kind);
  g_assert_cmpint (gzipped, ==, c->gzipped);
  if (c->message[0] == NULL)
    g_assert_no_error (why);
  for (guint i = 0; i < G_N_ELEMENTS (c->message) && c->message[i] != NULL; i++)
    {
      g_assert_error (why, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (why->message, c->message[i]));
    }
  rsb_test_dir_remove (dir);
}

/* A first object longer than the peek still tells its shape by the
 * keys that came before the peek ended. */
static void
test_peek_is_bounded (void)
{
  GString *json = g_string_new ("[{\"ts\":\"2023-01-01T10:00:00Z\",\"conn_country\":\"");
  gboolean gzipped;
  RsbFileKind kind;

  for (guint i = 0; i < 2 * RSB_FILE_SNIFF_BYTES; i++)
    g_string_append_c (json, 'x');
  g_string_append (json, "\",\"ms_played\":1}]");
  kind = rsb_file_sniff ((const guint8 *) json->str, json->len, "big", &gzipped, NULL);
  g_assert_cmpint (kind, ==, RSB_FILE_KIND_SPOTIFY_EXTENDED);
  g_string_free (json, TRUE);
}

/* A gzipped workout whose root comes after a long comment is still
 * found: the unpacked peek grows past its first few KiB when needed. */
static void
test_gzip_long_preamble (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<!-- ");
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) gz = NULL;
  gboolean gzipped = FALSE;

  for (guint i = 0; i < 6000; i++)
    g_string_append_c (xml, "abcdefghij"[g_random_int_range (0, 10)]);
  g_string_append (xml, " -->\n<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>\n");
  plain = g_bytes_new_take (xml->str, xml->len);
  g_string_free (xml, FALSE);
  gz = rsb_test_gzip_bytes (plain);
  g_assert_cmpint (rsb_file_sniff_bytes (gz, "upload.bin", &gzipped, NULL), ==, RSB_FILE_KIND_TCX);
  g_assert_true (gzipped);
}

/* What --import runs: renamed files land, refusals are named. */
static void
test_renamed_files_import (void)
{
  char *dir = rsb_test_dir_new ("file-sniff-import");
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GBytes) history = shared_bytes ("spotify/Streaming_History_Audio_2022.json");
  g_autoptr(GBytes) fit = shared_bytes ("activities/sample-activity.fit");
  g_autoptr(GBytes) tcx = shared_bytes ("activities/test.tcx");
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  GFile *files[4] = { NULL };
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  RsbImportTotals totals;
  GPtrArray *results;
  gboolean refused = FALSE;

  if (history == NULL || fit == NULL || tcx == NULL)
    {
      g_test_skip ("RSB_SHARED_DIR's test files are absent");
      rsb_test_dir_remove (dir);
      return;
    }
  {
    g_autofree char *zip = g_build_filename (dir, "export.bin", NULL);
    g_autofree char *a = rsb_test_write_bytes (dir, "Streaming_History_Audio_2023 (1).json", history);
    g_autofree char *b = rsb_test_write_bytes (dir, "ride.fit.bin", fit);
    g_autofree char *c = rsb_test_write_bytes (dir, "route.gpx", png);

    files[0] = g_file_new_for_path (a);
    files[1] = g_file_new_for_path (b);
    files[2] = g_file_new_for_path (c);
    /* A zip by its bytes, its entry a workout by its bytes. */
    rsb_test_write_zip (zip, "workouts/morning", tcx, "photos/finish.jpg", png, NULL);
    files[3] = g_file_new_for_path (zip);
  }
  job = rsb_import_job_new (library, files, G_N_ELEMENTS (files));
  g_assert_true (rsb_import_job_run (job, NULL, &error));
  g_assert_no_error (error);
  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.activities, ==, 2);
  g_assert_cmpuint (totals.plays, >, 0);
  g_assert_cmpuint (totals.failed, ==, 1);
  results = rsb_import_job_get_results (job);
  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *result = g_ptr_array_index (results, i);

      if (result->error != NULL)
        {
          g_assert_cmpstr (result->display_name, ==, "route.gpx");
          g_assert_nonnull (strstr (result->error->message, "PNG image"));
          refused = TRUE;
        }
    }
  g_assert_true (refused);
  g_clear_pointer (&job, rsb_import_job_free);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  rsb_test_dir_remove (dir);
}

/* The one-file importer peeks through a buffer its reader reuses. */
static void
test_renamed_file_one_by_one (void)
{
  char *dir = rsb_test_dir_new ("file-sniff-one");
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GBytes) history = shared_bytes ("spotify/StreamingHistory0.json");
  g_autoptr(GBytes) fit = shared_bytes ("activities/sample-activity.fit");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = NULL;
  RsbImportResult result = { 0 };

  if (history == NULL || fit == NULL)
    {
      g_test_skip ("RSB_SHARED_DIR's test files are absent");
      rsb_test_dir_remove (dir);
      return;
    }
  store = rsb_store_open (library, &error);
  g_assert_no_error (error);
  {
    g_autofree char *a = rsb_test_write_bytes (dir, "my history", history);
    g_autofree char *b = rsb_test_write_bytes (dir, "watch-export", fit);
    g_autoptr(GFile) fa = g_file_new_for_path (a);
    g_autoptr(GFile) fb = g_file_new_for_path (b);

    g_assert_true (rsb_import_file (store, fa, &result, NULL));
    g_assert_cmpint (result.kind, ==, RSB_FILE_KIND_SPOTIFY_ACCOUNT);
    g_assert_cmpuint (result.n_plays, >, 0);
    rsb_import_result_clear (&result);
    g_assert_true (rsb_import_file (store, fb, &result, NULL));
    g_assert_cmpint (result.kind, ==, RSB_FILE_KIND_FIT);
    g_assert_cmpuint (result.n_activities, ==, 1);
    rsb_import_result_clear (&result);
  }
  g_clear_object (&store);
  rsb_test_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/file-sniff/%u", i);

      g_test_add_data_func (path, &cases[i], test_recognised);
    }
  g_test_add_func ("/file-sniff/peek-is-bounded", test_peek_is_bounded);
  g_test_add_func ("/file-sniff/gzip-long-preamble", test_gzip_long_preamble);
  g_test_add_func ("/file-sniff/renamed-files-import", test_renamed_files_import);
  g_test_add_func ("/file-sniff/renamed-file-one-by-one", test_renamed_file_one_by_one);
  return g_test_run ();
}
