/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Whole imports of the file names and packings people really have:
 * Spotify's newer account-data names, its account-data zip, and
 * gzipped workouts, each through an RsbImportJob into a library. */
#include <string.h>

#include "rsb-import-job.h"
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
  f->dir = rsb_test_dir_new ("formats");
  f->library = g_build_filename (f->dir, "library", "library.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_dir_remove (f->dir);
  g_free (f->library);
}

/* NULL, with the test skipped, when the shared data is not there. */
static GBytes *
shared_bytes (const char *subdir,
              const char *name)
{
  g_autofree char *path = rsb_test_shared_file (subdir, name);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (path == NULL)
    return NULL;
  file = g_file_new_for_path (path);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static RsbImportJob *
run_job (const char *library,
         const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RsbImportJob *job = rsb_import_job_new (library, &file, 1);

  g_assert_true (rsb_import_job_run (job, NULL, &error));
  g_assert_no_error (error);
  return job;
}

/* The one result of a job that was given one file. */
static const RsbImportResult *
only_result (RsbImportJob *job)
{
  GPtrArray *results = rsb_import_job_get_results (job);

  g_assert_cmpuint (results->len, ==, 1);
  return g_ptr_array_index (results, 0);
}

static RsbStore *
open_library (const char *library)
{
  g_autoptr(GError) error = NULL;
  RsbStore *store = rsb_store_open (library, &error);

  g_assert_no_error (error);
  return store;
}

/* ---- listening histories --------------------------------------------- */

/* Every play of the library, whatever its time. */
static GPtrArray *
all_plays (const char *library)
{
  g_autoptr(RsbStore) store = open_library (library);
  g_autoptr(GError) error = NULL;
  GPtrArray *plays = rsb_store_plays_between (store, G_MININT64 / 2, G_MAXINT64 / 2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, rsb_store_count_plays (store));
  return plays;
}

/* Account data gives end times to the minute only: matching must know
 * not to place these plays to the second. */
static void
assert_account_plays (const char *library,
                      guint       expected)
{
  g_autoptr(GPtrArray) plays = all_plays (library);

  g_assert_cmpuint (plays->len, ==, expected);
  for (guint i = 0; i < plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (plays, i);

      g_assert_cmpint (play->source, ==, RSB_PLAY_SOURCE_ACCOUNT);
      g_assert_cmpint (play->precision_ms, ==, 60000);
      g_assert_null (play->track.uri);
    }
}

/* How many plays the history lands under the name Spotify used first:
 * the newer name must be read no differently. Not simply the file's
 * 3489 entries: the library folds repeats of a track ending in the same
 * minute into one play, and that rule is not this test's business. */
static guint
plays_under_old_name (Fixture *f,
                      GBytes  *history)
{
  g_autofree char *library = g_build_filename (f->dir, "old-name", "library.db", NULL);
  g_autofree char *path = rsb_test_write_bytes (f->dir, "StreamingHistory0.json", history);
  g_autoptr(RsbImportJob) job = run_job (library, path);
  RsbImportTotals totals;

  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.failed, ==, 0);
  g_assert_cmpuint (totals.plays, >, 0);
  return totals.plays;
}

static void
test_account_music_name (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) history = shared_bytes ("spotify", "StreamingHistory0.json");
  g_autofree char *path = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *result;
  guint expected;

  if (history == NULL)
    return;
  expected = plays_under_old_name (f, history);
  path = rsb_test_write_bytes (f->dir, "StreamingHistory_music_0.json", history);
  job = run_job (f->library, path);
  result = only_result (job);
  g_assert_no_error (result->error);
  g_assert_cmpint (result->status, ==, RSB_IMPORT_ADDED);
  g_assert_cmpint (result->kind, ==, RSB_FILE_KIND_SPOTIFY_ACCOUNT);
  g_assert_cmpuint (result->n_plays, ==, expected);
  g_test_message ("StreamingHistory_music_0.json: %u plays landed", expected);
  assert_account_plays (f->library, expected);
}

static void
test_account_data_zip (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "my_spotify_data.zip", NULL);
  g_autoptr(GBytes) history = shared_bytes ("spotify", "StreamingHistory0.json");
  static const char *userdata_json = "{\"username\": \"runner\", \"country\": \"SI\"}";
  g_autoptr(GBytes) userdata = g_bytes_new_static (userdata_json, strlen (userdata_json));
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(RsbImportJob) again = NULL;
  const RsbImportResult *result;
  RsbImportTotals totals;
  guint expected;

  if (history == NULL)
    return;
  expected = plays_under_old_name (f, history);
  rsb_test_write_zip (zip, "MyData/Userdata.json", userdata,
             "MyData/StreamingHistory_music_0.json", history, NULL);

  job = run_job (f->library, zip);
  /* Userdata.json is not ours: passed over, not a failure to report. */
  result = only_result (job);
  g_assert_no_error (result->error);
  g_assert_cmpint (result->status, ==, RSB_IMPORT_ADDED);
  g_assert_cmpuint (result->n_plays, ==, expected);
  assert_account_plays (f->library, expected);

  /* People import the same download twice: nothing new, nothing failed. */
  again = run_job (f->library, zip);
  rsb_import_job_get_totals (again, &totals);
  g_assert_cmpuint (totals.sources, ==, 1);
  g_assert_cmpuint (totals.failed, ==, 0);
  g_assert_cmpuint (totals.plays, ==, 0);
  g_assert_cmpuint (totals.duplicates, ==, 1);
  assert_account_plays (f->library, expected);
}

/* ---- gzipped workouts ------------------------------------------------- */

static RsbActivityInfo *
only_activity (const char *library)
{
  g_autoptr(RsbStore) store = open_library (library);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = rsb_store_list_activities (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  return rsb_activity_info_copy (g_ptr_array_index (list, 0));
}

/* Imports name into a library of its own, as one activity. */
static RsbActivityInfo *
import_one (Fixture    *f,
            const char *name,
            GBytes     *bytes)
{
  g_autofree char *folder = g_strconcat ("library-", name, NULL);
  g_autofree char *library = g_build_filename (f->dir, folder, "library.db", NULL);
  g_autofree char *path = rsb_test_write_bytes (f->dir, name, bytes);
  g_autoptr(RsbImportJob) job = run_job (library, path);
  const RsbImportResult *result = only_result (job);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->status, ==, RSB_IMPORT_ADDED);
  g_assert_cmpuint (result->n_activities, ==, 1);
  return only_activity (library);
}

/* A gzipped workout is the same activity as the file itself: the same
 * points, the same start. */
static void
assert_gzip_same (Fixture    *f,
                  const char *name)
{
  g_autoptr(GBytes) plain = shared_bytes ("activities", name);
  g_autoptr(GBytes) packed = NULL;
  g_autofree char *packed_name = g_strconcat (name, ".gz", NULL);
  g_autoptr(RsbActivityInfo) from_plain = NULL;
  g_autoptr(RsbActivityInfo) from_packed = NULL;

  if (plain == NULL)
    return;
  packed = rsb_test_gzip_bytes (plain);
  g_assert_cmpuint (g_bytes_get_size (packed), !=, g_bytes_get_size (plain));
  from_plain = import_one (f, name, plain);
  from_packed = import_one (f, packed_name, packed);

  g_test_message ("%s: %u points, %s: %u points", name, from_plain->n_points,
                  packed_name, from_packed->n_points);
  g_assert_cmpuint (from_plain->n_points, >, 0);
  g_assert_cmpuint (from_packed->n_points, ==, from_plain->n_points);
  g_assert_cmpint (from_packed->start_ms, ==, from_plain->start_ms);
  g_assert_cmpfloat (from_packed->distance_m, ==, from_plain->distance_m);
}

static void
test_fit_gz (Fixture       *f,
             gconstpointer  data)
{
  assert_gzip_same (f, "activity-small-fenix2-run.fit");
}

static void
test_tcx_gz (Fixture       *f,
             gconstpointer  data)
{
  assert_gzip_same (f, "test.tcx");
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/import-formats/account-music-name", test_account_music_name);
  ADD ("/import-formats/account-data-zip", test_account_data_zip);
  ADD ("/import-formats/fit-gz", test_fit_gz);
  ADD ("/import-formats/tcx-gz", test_tcx_gz);

  return g_test_run ();
}
