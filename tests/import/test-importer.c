/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A file lands whole or not at all, once: what the user sees after
 * importing the real files in ../shared, damaged ones included. */
#include "rsb-test-dir.h"
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rsb-import-error.h"
#include "rsb-digest.h"
#include "rsb-importer.h"
#include "rsb-test-runs.h"

typedef struct {
  char     *dir;
  char     *path;
  RsbStore *store;
} Fixture;

static char *
shared_path (const char *subdir,
             const char *name)
{
  const char *shared = g_getenv ("RSB_SHARED_DIR");
  char *path;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "testdata", subdir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("RSB_SAMPLE_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rsb_test_dir_new ("importer");
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->store = rsb_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rsb_test_dir_remove (f->dir);
  g_free (f->path);
}

/* Every row of every table, as text: equal dumps mean an unchanged library. */
static char *
dump_library (Fixture *f)
{
  static const char *tables[] = { "activities", "streams", "tracks", "plays", "imported_files" };
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          g_string_append_printf (dump, "%s|", sqlite3_column_text (stmt, c));
      sqlite3_finalize (stmt);
      g_string_append_c (dump, '\n');
    }
  sqlite3_close (db);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, dump->str, dump->len);
}

static RsbImportStatus
import_path (Fixture         *f,
             const char      *path,
             RsbImportResult *result)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rsb_import_file (f->store, file, result, NULL);
  return result->status;
}

/* A copy of a file cut to a fraction of its length, in the fixture's dir. */
static char *
truncated_copy (Fixture    *f,
                const char *path,
                double      fraction)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  char *copy = g_build_filename (f->dir, base, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) (length * fraction), NULL));
  return copy;
}

static void
test_gpx_once (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = shared_path ("activities", "cerknicko-jezero.gpx");
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) list = NULL;
  RsbImportResult first = { 0 }, second = { 0 };

  if (path == NULL)
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  g_assert_cmpint (import_path (f, path, &first), ==, RSB_IMPORT_ADDED);
  g_assert_cmpuint (first.n_activities, ==, 1);
  g_assert_null (first.note);
  before = dump_library (f);

  g_assert_cmpint (import_path (f, path, &second), ==, RSB_IMPORT_DUPLICATE);
  g_assert_cmpint (second.activity_id, ==, first.activity_id);
  g_assert_cmpstr (dump_library (f), ==, before);

  list = rsb_store_list_activities (f->store, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((RsbActivityInfo *) list->pdata[0])->n_points, ==, 296);
  rsb_import_result_clear (&first);
  rsb_import_result_clear (&second);
}

static void
test_history_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = shared_path ("spotify", "Streaming_History_Audio_2022.json");
  g_autofree char *before = NULL;
  RsbImportResult first = { 0 }, second = { 0 };

  if (path == NULL)
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  /* 35 entries, two of them the same zero-length play logged twice. */
  g_assert_cmpint (import_path (f, path, &first), ==, RSB_IMPORT_ADDED);
  g_assert_cmpuint (first.n_plays, ==, 34);
  g_assert_cmpint (rsb_store_count_plays (f->store), ==, 34);
  before = dump_library (f);

  g_assert_cmpint (import_path (f, path, &second), ==, RSB_IMPORT_DUPLICATE);
  g_assert_cmpuint (second.n_plays, ==, 0);
  g_assert_cmpstr (dump_library (f), ==, before);
  rsb_import_result_clear (&first);
  rsb_import_result_clear (&second);
}

/* Damaged files are refused by name and leave the library as it was. */
static void
check_refused_unchanged (Fixture    *f,
                         const char *path,
                         int         code)
{
  g_autofree char *before = dump_library (f);
  g_autofree char *base = g_path_get_basename (path);
  RsbImportResult result = { 0 };

  g_assert_cmpint (import_path (f, path, &result), ==, RSB_IMPORT_FAILED);
  g_assert_error (result.error, RSB_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (result.error->message, base));
  g_assert_cmpuint (result.n_activities + result.n_plays, ==, 0);
  g_assert_cmpstr (dump_library (f), ==, before);
  rsb_import_result_clear (&result);
}

/* A workout cut off keeps its points before the cut: imported, with a
 * note naming the file, and marked recovered in the library. */
static void
check_recovered (Fixture    *f,
                 const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(RsbActivityInfo) info = NULL;
  RsbImportResult result = { 0 };

  g_assert_cmpint (import_path (f, path, &result), ==, RSB_IMPORT_ADDED);
  g_assert_nonnull (result.note);
  g_assert_nonnull (strstr (result.note, base));
  g_assert_nonnull (strstr (result.note, "points before it were recovered"));
  info = rsb_store_get_activity (f->store, result.activity_id, NULL);
  g_assert_nonnull (info);
  g_assert_cmpuint (info->n_points, >, 100);
  g_assert_cmpstr (info->recovered, ==, result.note);
  rsb_import_result_clear (&result);
}

static void
test_damaged_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *gpx = shared_path ("activities", "cerknicko-jezero.gpx");
  g_autofree char *history = shared_path ("spotify", "Streaming_History_Audio_2022.json");
  g_autofree char *waypoints = shared_path ("activities", "unicode_with_bom.gpx");
  g_autofree char *notes = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *cut_gpx = NULL;
  g_autofree char *cut_history = NULL;
  RsbImportResult seed = { 0 };

  if (gpx == NULL || history == NULL || waypoints == NULL)
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  /* Something in the library first, so "unchanged" is not "empty". */
  g_autofree char *sample = sample_path ("sample-run.gpx");
  g_assert_cmpint (import_path (f, sample, &seed), ==, RSB_IMPORT_ADDED);
  rsb_import_result_clear (&seed);

  cut_gpx = truncated_copy (f, gpx, 0.6);
  cut_history = truncated_copy (f, history, 0.7);
  check_recovered (f, cut_gpx);
  /* Plays before the cut were already parsed: they must roll back too. */
  check_refused_unchanged (f, cut_history, RSB_IMPORT_ERROR_CORRUPT);
  check_refused_unchanged (f, waypoints, RSB_IMPORT_ERROR_NO_DATA);
  g_assert_true (g_file_set_contents (notes, "Ran 5k, felt good", -1, NULL));
  check_refused_unchanged (f, notes, RSB_IMPORT_ERROR_UNSUPPORTED);
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "gone.gpx", NULL);
  RsbImportResult result = { 0 };

  g_assert_cmpint (import_path (f, path, &result), ==, RSB_IMPORT_FAILED);
  g_assert_nonnull (strstr (result.error->message, "gone.gpx"));
  rsb_import_result_clear (&result);
}

static void
test_route_without_times (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = shared_path ("activities", "cerknicko-without-times.gpx");
  g_autoptr(RsbActivityInfo) info = NULL;
  RsbImportResult result = { 0 };

  if (path == NULL)
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  g_assert_cmpint (import_path (f, path, &result), ==, RSB_IMPORT_ADDED);
  g_assert_nonnull (result.note);
  g_assert_nonnull (strstr (result.note, "songs cannot be placed"));
  info = rsb_store_get_activity (f->store, result.activity_id, NULL);
  g_assert_false (rsb_activity_info_has_times (info));
  g_assert_cmpuint (info->n_points, ==, 296);
  rsb_import_result_clear (&result);
}

static guint
sample_songs (Fixture    *f,
              const char *first,
              const char *second)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *a = sample_path (first);
  g_autofree char *b = sample_path (second);
  RsbImportResult ra = { 0 }, rb = { 0 };

  g_assert_cmpint (import_path (f, a, &ra), ==, RSB_IMPORT_ADDED);
  g_assert_cmpint (import_path (f, b, &rb), ==, RSB_IMPORT_ADDED);
  rsb_import_result_clear (&ra);
  rsb_import_result_clear (&rb);
  list = rsb_store_list_activities (f->store, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpfloat (((RsbActivityInfo *) list->pdata[0])->coverage, >, 0.8);
  return ((RsbActivityInfo *) list->pdata[0])->n_songs;
}

/* Songs land on the workout whichever file comes first. */
static void
test_order_independent (Fixture       *f,
                        gconstpointer  data)
{
  guint workout_first = sample_songs (f, "sample-run.gpx", "Streaming_History_Audio_Sample.json");

  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  g_assert_cmpuint (workout_first, ==, 12);
  g_assert_cmpuint (sample_songs (f, "Streaming_History_Audio_Sample.json", "sample-run.gpx"), ==, 12);
}

/* The one activity in the library, with its streams. */
static RsbActivityInfo *
only_activity (Fixture     *f,
               RsbStreams **streams)
{
  g_autoptr(GPtrArray) list = rsb_store_list_activities (f->store, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (list->len, ==, 1);
  *streams = rsb_store_load_streams (f->store, ((RsbActivityInfo *) list->pdata[0])->id, &error);
  g_assert_no_error (error);
  return rsb_activity_info_copy (list->pdata[0]);
}

/* Imports first, then second, another recording of the same workout;
 * richer is the one that must stay, whatever the order, and the second
 * file's note must say so: replaced when it is the richer, kept
 * otherwise. Returns the second file's note. */
static char *
import_pair (Fixture    *f,
             const char *first,
             const char *second,
             const char *richer)
{
  g_autofree char *first_name = g_path_get_basename (first);
  g_autofree char *second_name = g_path_get_basename (second);
  RsbImportResult a = { 0 }, b = { 0 };
  char *note;

  g_assert_cmpint (import_path (f, first, &a), ==, RSB_IMPORT_ADDED);
  g_assert_null (a.note);
  if (g_str_equal (richer, second_name))
    {
      g_assert_cmpint (import_path (f, second, &b), ==, RSB_IMPORT_ADDED);
      g_assert_cmpuint (b.n_replaced, ==, 1);
    }
  else
    {
      g_assert_cmpint (import_path (f, second, &b), ==, RSB_IMPORT_DUPLICATE);
      g_assert_cmpuint (b.n_replaced, ==, 0);
    }
  /* Still one activity, under the same id. */
  g_assert_cmpuint (b.n_activities, ==, 0);
  g_assert_cmpint (b.activity_id, ==, a.activity_id);
  note = g_steal_pointer (&b.note);
  g_test_message ("%s then %s: %s", first_name, second_name, note);
  rsb_import_result_clear (&a);
  rsb_import_result_clear (&b);
  return note;
}

/* Importing the poorer file again changes nothing, and says which
 * recording the library has. */
static void
check_poorer_again (Fixture    *f,
                    const char *poorer,
                    const char *expected_note)
{
  g_autofree char *before = dump_library (f);
  RsbImportResult again = { 0 };

  g_assert_cmpint (import_path (f, poorer, &again), ==, RSB_IMPORT_DUPLICATE);
  g_assert_cmpuint (again.n_activities + again.n_replaced, ==, 0);
  g_assert_cmpstr (again.note, ==, expected_note);
  g_assert_cmpstr (dump_library (f), ==, before);
  rsb_import_result_clear (&again);
}

/* test.tcx and no_hr.tcx are one run, one with heart rate: that one
 * stays, whichever file comes first. */
static void
test_richer_recording_wins (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *with_hr = shared_path ("activities", "test.tcx");
  g_autofree char *without_hr = shared_path ("activities", "no_hr.tcx");
  const char *kept_note = "“no_hr.tcx” is the same workout as “test.tcx”, which has heart rate: kept “test.tcx”";

  if (with_hr == NULL || without_hr == NULL)
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  for (guint order = 0; order < 2; order++)
    {
      g_autofree char *note = NULL;
      g_autoptr(RsbActivityInfo) info = NULL;
      g_autoptr(RsbStreams) streams = NULL;

      if (order == 0)
        {
          note = import_pair (f, without_hr, with_hr, "test.tcx");
          g_assert_cmpstr (note, ==, "“test.tcx” replaced “no_hr.tcx”: it has heart rate");
        }
      else
        {
          note = import_pair (f, with_hr, without_hr, "test.tcx");
          g_assert_cmpstr (note, ==, kept_note);
        }
      info = only_activity (f, &streams);
      g_assert_cmpstr (info->file_name, ==, "test.tcx");
      g_assert_cmpuint (info->n_points, ==, 384);
      g_assert_cmpuint (streams->n_points, ==, 384);
      g_assert_nonnull (streams->columns[RSB_STREAM_HEART_RATE]);
      g_assert_cmpfloat (streams->columns[RSB_STREAM_HEART_RATE][0], ==, 62);
      check_poorer_again (f, without_hr, kept_note);

      fixture_tear_down (f, data);
      fixture_set_up (f, data);
    }
}

static char *
write_recording (Fixture    *f,
                 const char *name,
                 guint       step_s,
                 gboolean    heart_rate)
{
  g_autofree char *text = rsb_test_run_recording (step_s, heart_rate);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Same start, same channels, a fix every second against one every five
 * seconds: the denser stays, keeping the clock offset set on the
 * sparser. */
static void
test_denser_recording_wins (Fixture       *f,
                            gconstpointer  data)
{
  const char *replaced_note = "“dense.gpx” replaced “sparse.gpx”: it records more often (601 points against 121 points)";
  const char *kept_note = "“sparse.gpx” is the same workout as “dense.gpx”, "
                          "which records more often (601 points against 121 points): kept “dense.gpx”";

  for (guint order = 0; order < 2; order++)
    {
      g_autofree char *dense = write_recording (f, "dense.gpx", 1, FALSE);
      g_autofree char *sparse = write_recording (f, "sparse.gpx", 5, FALSE);
      g_autofree char *note = NULL;
      g_autoptr(RsbActivityInfo) info = NULL;
      g_autoptr(RsbStreams) streams = NULL;
      RsbImportResult first = { 0 }, second = { 0 };

      g_assert_cmpint (import_path (f, order == 0 ? sparse : dense, &first), ==, RSB_IMPORT_ADDED);
      g_assert_true (rsb_store_set_clock_offset (f->store, first.activity_id, 30000, NULL));
      g_assert_cmpint (import_path (f, order == 0 ? dense : sparse, &second), ==,
                       order == 0 ? RSB_IMPORT_ADDED : RSB_IMPORT_DUPLICATE);
      g_assert_cmpstr (second.note, ==, order == 0 ? replaced_note : kept_note);

      info = only_activity (f, &streams);
      g_assert_cmpint (info->id, ==, first.activity_id);
      g_assert_cmpstr (info->file_name, ==, "dense.gpx");
      g_assert_cmpuint (info->n_points, ==, 601);
      g_assert_cmpuint (streams->n_points, ==, 601);
      g_assert_null (streams->columns[RSB_STREAM_HEART_RATE]);
      g_assert_cmpint (info->clock_offset_ms, ==, 30000);
      check_poorer_again (f, sparse, kept_note);

      rsb_import_result_clear (&first);
      rsb_import_result_clear (&second);
      fixture_tear_down (f, data);
      fixture_set_up (f, data);
    }
}

/* Heart rate outweighs five times the points. */
static void
test_channels_before_density (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *dense = write_recording (f, "dense.gpx", 1, FALSE);
  g_autofree char *sparse_hr = write_recording (f, "sparse-hr.gpx", 5, TRUE);
  g_autofree char *note = import_pair (f, sparse_hr, dense, "sparse-hr.gpx");
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;

  g_assert_cmpstr (note, ==, "“dense.gpx” is the same workout as “sparse-hr.gpx”, which has heart rate: kept “sparse-hr.gpx”");
  info = only_activity (f, &streams);
  g_assert_cmpuint (info->n_points, ==, 121);
  g_assert_nonnull (streams->columns[RSB_STREAM_HEART_RATE]);
}

/* Another file with the same recording (renamed inside, exported again)
 * changes nothing: the first stays, and the note says why. */
static void
test_as_rich_keeps_first (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *one = write_recording (f, "one.gpx", 1, TRUE);
  g_autofree char *text = rsb_test_run_recording (1, TRUE);
  g_autofree char *renamed = g_strjoinv ("<name>Renamed", g_strsplit (text, "<name>Run", 2));
  g_autofree char *two = g_build_filename (f->dir, "two.gpx", NULL);
  g_autofree char *note = NULL;
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;

  g_assert_true (g_file_set_contents (two, renamed, -1, NULL));
  note = import_pair (f, one, two, "one.gpx");
  g_assert_cmpstr (note, ==, "“two.gpx” is the same workout as “one.gpx”, which records as much: kept “one.gpx”");
  info = only_activity (f, &streams);
  g_assert_cmpstr (info->file_name, ==, "one.gpx");
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* Files are recognised by their SHA-256 as GLib spells it, so a
 * library filled before the hashing moved to Nettle still recognises
 * every file it holds. */
static void
test_digest_is_sha256 (void)
{
  g_autoptr(GBytes) abc = g_bytes_new_static ("abc", 3);
  g_autoptr(GBytes) big = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *glib = NULL;
  g_autofree char *abc_digest = rsb_digest_of_bytes (abc);
  guint8 *data = g_malloc (3 * 1024 * 1024 + 7);

  g_assert_cmpstr (abc_digest, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  for (gsize i = 0; i < 3 * 1024 * 1024 + 7; i++)
    data[i] = (guint8) (i * 131 + (i >> 9));
  big = g_bytes_new_take (data, 3 * 1024 * 1024 + 7);
  ours = rsb_digest_of_bytes (big);
  glib = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, big);
  g_assert_cmpstr (ours, ==, glib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/importer/gpx-once", test_gpx_once);
  ADD ("/importer/history-once", test_history_once);
  ADD ("/importer/damaged-files", test_damaged_files);
  ADD ("/importer/missing-file", test_missing_file);
  ADD ("/importer/route-without-times", test_route_without_times);
  ADD ("/importer/order-independent", test_order_independent);
  ADD ("/importer/richer-recording-wins", test_richer_recording_wins);
  ADD ("/importer/denser-recording-wins", test_denser_recording_wins);
  ADD ("/importer/channels-before-density", test_channels_before_density);
  ADD ("/importer/as-rich-keeps-first", test_as_rich_keeps_first);
  g_test_add_func ("/importer/digest-is-sha256", test_digest_is_sha256);

  return g_test_run ();
}
