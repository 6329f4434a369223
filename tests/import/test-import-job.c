/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Many sources at once, as people bring them: folders, Strava bulk
 * exports (folder or zip), Spotify's zips, and hostile archives. */
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "rsb-import-error.h"
#include "rsb-import-job.h"
#include "rsb-test-dir.h"
#include "rsb-test-files.h"
#include "rsb-test-runs.h"

typedef struct {
  char *dir;
  char *library;
} Fixture;

static const char *activities_csv =
  "\xEF\xBB\xBF" "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename\r\n"
  "9001,\"Oct 18, 2026, 8:30:00 AM\",\"Sunday Loop, with \"\"friends\"\"\",Run,\"Legs heavy,\nmusic great\",2700,8.48,activities/9001.gpx.gz\r\n"
  "9002,\"Aug 5, 2010, 2:23:59 PM\",Lake ride,Ride,,7190,13.67,activities/9002.gpx\r\n"
  "9003,\"Jan 2, 2026, 7:00:00 AM\",Treadmill (manual),Run,,1800,5.0,\r\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rsb_test_dir_new ("job");
  f->library = g_build_filename (f->dir, "library", "library.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rsb_test_dir_remove (f->dir);
  g_free (f->library);
}

static GBytes *
sample_bytes (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static GBytes *
shared_bytes (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (g_getenv ("RSB_SHARED_DIR") == NULL)
    return NULL;
  path = g_build_filename (g_getenv ("RSB_SHARED_DIR"), "testdata", "activities", name, NULL);
  file = g_file_new_for_path (path);
  return g_file_load_bytes (file, NULL, NULL, NULL);
}

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

static RsbActivityInfo *
activity_by_strava_id (Fixture    *f,
                       const char *id)
{
  g_autoptr(RsbStore) store = rsb_store_open (f->library, NULL);
  g_autoptr(GPtrArray) list = rsb_store_list_activities (store, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      RsbActivityInfo *info = g_ptr_array_index (list, i);

      if (g_str_equal (info->source, "strava") && g_str_equal (info->source_id, id))
        return rsb_activity_info_copy (info);
    }
  return NULL;
}

static gboolean
make_export (Fixture    *f,
             const char *root)
{
  g_autoptr(GBytes) csv = g_bytes_new_static (activities_csv, strlen (activities_csv));
  g_autoptr(GBytes) run = sample_bytes ("sample-run.gpx");
  g_autoptr(GBytes) run_gz = rsb_test_gzip_bytes (run);
  g_autoptr(GBytes) ride = shared_bytes ("cerknicko-jezero.gpx");

  if (ride == NULL)
    return FALSE;
  g_free (rsb_test_write_bytes (root, "activities.csv", csv));
  g_free (rsb_test_write_bytes (root, "activities/9001.gpx.gz", run_gz));
  g_free (rsb_test_write_bytes (root, "activities/9002.gpx", ride));
  return TRUE;
}

static void
check_export_landed (Fixture      *f,
                     RsbImportJob *job)
{
  g_autoptr(RsbActivityInfo) run = activity_by_strava_id (f, "9001");
  g_autoptr(RsbActivityInfo) ride = activity_by_strava_id (f, "9002");
  g_autoptr(RsbActivityInfo) manual = activity_by_strava_id (f, "9003");
  RsbImportTotals totals;

  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.activities, ==, 3);
  g_assert_cmpuint (totals.failed, ==, 0);

  /* The export's names and sports win; the gzip was read in passing. */
  g_assert_nonnull (run);
  g_assert_cmpstr (run->name, ==, "Sunday Loop, with \"friends\"");
  g_assert_cmpstr (run->sport, ==, "run");
  g_assert_cmpuint (run->n_points, ==, 2701);
  g_assert_nonnull (ride);
  g_assert_cmpstr (ride->sport, ==, "ride");
  g_assert_cmpuint (ride->n_points, ==, 296);
  /* Entered by hand on Strava: kept, without a route. */
  g_assert_nonnull (manual);
  g_assert_cmpuint (manual->n_points, ==, 0);
  g_assert_cmpfloat (manual->distance_m, ==, 5000);
  g_assert_cmpint (manual->start_ms, ==, G_GINT64_CONSTANT (1767337200000));
}

static void
test_strava_export_folder (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "export_1234", NULL);
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(RsbImportJob) again = NULL;
  RsbImportTotals totals;

  if (!make_export (f, root))
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  job = run_job (f, root);
  check_export_landed (f, job);

  /* Running it again finds everything there already. */
  again = run_job (f, root);
  rsb_import_job_get_totals (again, &totals);
  g_assert_cmpuint (totals.activities, ==, 0);
  g_assert_cmpuint (totals.duplicates, ==, 3);
}

static void
test_strava_export_zip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "export_1234.zip", NULL);
  g_autoptr(GBytes) csv = g_bytes_new_static (activities_csv, strlen (activities_csv));
  g_autoptr(GBytes) run = sample_bytes ("sample-run.gpx");
  g_autoptr(GBytes) run_gz = rsb_test_gzip_bytes (run);
  g_autoptr(GBytes) ride = shared_bytes ("cerknicko-jezero.gpx");
  g_autoptr(RsbImportJob) job = NULL;

  if (ride == NULL)
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  /* The list after the files it names, all below a top folder. */
  rsb_test_write_zip (zip, "export_1234/activities/9001.gpx.gz", run_gz,
             "export_1234/activities/9002.gpx", ride,
             "export_1234/activities.csv", csv, NULL);
  job = run_job (f, zip);
  check_export_landed (f, job);
}

/* An export is a download like any other: its activities.csv must not
 * make the import read a file beside or above it. */
static void
test_export_file_outside (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "export", NULL);
  g_autofree char *outside = g_build_filename (f->dir, "outside.gpx", NULL);
  g_autoptr(GBytes) run = sample_bytes ("sample-run.gpx");
  g_autoptr(GString) csv = g_string_new ("Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n");
  g_autoptr(GBytes) csv_bytes = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  const char *names[] = { "../outside.gpx", outside };
  RsbImportTotals totals;

  g_string_append (csv, "9101,\"Oct 18, 2026, 8:30:00 AM\",Up a level,Run,2700,8.48,../outside.gpx\n");
  g_string_append_printf (csv, "9102,\"Oct 19, 2026, 8:30:00 AM\",Absolute,Run,2700,8.48,%s\n", outside);
  g_string_append (csv, "9103,\"Oct 20, 2026, 8:30:00 AM\",Inside,Run,2700,8.48,activities/9103.gpx\n");
  csv_bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  g_free (rsb_test_write_bytes (f->dir, "outside.gpx", run));
  g_free (rsb_test_write_bytes (root, "activities.csv", csv_bytes));
  g_free (rsb_test_write_bytes (root, "activities/9103.gpx", run));

  job = run_job (f, root);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const RsbImportResult *refused = result_named (job, names[i]);

      g_assert_cmpint (refused->status, ==, RSB_IMPORT_FAILED);
      g_assert_nonnull (strstr (refused->error->message, "activities.csv"));
      g_assert_nonnull (strstr (refused->error->message, names[i]));
      g_assert_nonnull (strstr (refused->error->message, "outside the export"));
    }
  /* Refused for where it is, not after a read: nothing of it landed. */
  g_assert_null (activity_by_strava_id (f, "9101"));
  g_assert_null (activity_by_strava_id (f, "9102"));
  g_assert_cmpint (result_named (job, "activities/9103.gpx")->status, ==, RSB_IMPORT_ADDED);
  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.activities, ==, 1);
  g_assert_cmpuint (totals.failed, ==, 2);
}

static void
test_missing_export_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "export", NULL);
  g_autofree char *gone = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *missing;

  if (!make_export (f, root))
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  gone = g_build_filename (root, "activities", "9002.gpx", NULL);
  g_assert_cmpint (g_remove (gone), ==, 0);
  job = run_job (f, root);
  missing = result_named (job, "activities/9002.gpx");
  g_assert_cmpint (missing->status, ==, RSB_IMPORT_FAILED);
  g_assert_nonnull (strstr (missing->error->message, "9002.gpx"));
  g_assert_cmpint (result_named (job, "activities/9001.gpx.gz")->status, ==, RSB_IMPORT_ADDED);
}

typedef struct {
  char    *name;
  GArray  *done;    /* goffset per report */
  goffset  total;
} Reports;

static void
on_file_progress (const char *name,
                  goffset     done,
                  goffset     total,
                  gpointer    user_data)
{
  Reports *reports = user_data;

  g_free (reports->name);
  reports->name = g_strdup (name);
  g_array_append_val (reports->done, done);
  reports->total = total;
}

/* A listening history of years takes seconds: its reading is reported
 * as it goes, in order, up to the whole file. */
static void
test_history_read_progress (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = rsb_test_shared_file ("spotify", "StreamingHistory0.json");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  Reports reports = { NULL, g_array_new (FALSE, FALSE, sizeof (goffset)), 0 };

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  job = rsb_import_job_new (f->library, &file, 1);
  rsb_import_job_set_file_progress_func (job, on_file_progress, &reports);
  g_assert_true (rsb_import_job_run (job, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (reports.name, ==, "StreamingHistory0.json");
  g_assert_cmpint (reports.total, ==, g_file_info_get_size (info));
  g_assert_cmpuint (reports.done->len, >=, 3);
  for (guint i = 1; i < reports.done->len; i++)
    g_assert_cmpint (g_array_index (reports.done, goffset, i), >=, g_array_index (reports.done, goffset, i - 1));
  g_assert_cmpint (g_array_index (reports.done, goffset, reports.done->len - 1), ==, reports.total);
  g_array_unref (reports.done);
  g_free (reports.name);
}

static void
test_spotify_zip (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "my_spotify_extended_streaming_history.zip", NULL);
  g_autoptr(GBytes) history = sample_bytes ("Streaming_History_Audio_Sample.json");
  g_autoptr(GBytes) readme = g_bytes_new_static ("read me", 7);
  g_autoptr(RsbImportJob) job = NULL;
  RsbImportTotals totals;

  rsb_test_write_zip (zip, "Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf", readme,
             "Spotify Extended Streaming History/Streaming_History_Audio_2026.json", history, NULL);
  job = run_job (f, zip);
  rsb_import_job_get_totals (job, &totals);
  /* The PDF is not ours and is passed over silently. */
  g_assert_cmpuint (totals.sources, ==, 1);
  g_assert_cmpuint (totals.plays, ==, 13);
}

static void
test_unsafe_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "evil.zip", NULL);
  g_autoptr(GBytes) run = sample_bytes ("sample-run.gpx");
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *evil;

  rsb_test_write_zip (zip, "../../evil.gpx", run, "fine.gpx", run, NULL);
  job = run_job (f, zip);
  evil = result_named (job, "../../evil.gpx");
  g_assert_cmpint (evil->status, ==, RSB_IMPORT_FAILED);
  g_assert_nonnull (strstr (evil->error->message, "unsafe path"));
  g_assert_cmpint (result_named (job, "fine.gpx")->status, ==, RSB_IMPORT_ADDED);
}

static void
put_le32 (guint8 *p,
          guint32 v)
{
  p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

/* A stored zip entry whose headers claim 2 GB for 5 bytes of data. */
static void
write_lying_zip (const char *path)
{
  const char *name = "huge.gpx";
  guint8 local[30] = { 'P', 'K', 3, 4, 10, 0 };
  guint8 central[46] = { 'P', 'K', 1, 2, 10, 0, 10, 0 };
  guint8 end[22] = { 'P', 'K', 5, 6 };
  g_autoptr(GByteArray) zip = g_byte_array_new ();
  guint32 name_len = strlen (name), central_at;

  put_le32 (local + 18, 5);
  put_le32 (local + 22, G_GUINT64_CONSTANT (2147483648) & 0xffffffff);
  local[26] = name_len;
  g_byte_array_append (zip, local, sizeof local);
  g_byte_array_append (zip, (const guint8 *) name, name_len);
  g_byte_array_append (zip, (const guint8 *) "<gpx>", 5);
  central_at = zip->len;
  put_le32 (central + 20, 5);
  put_le32 (central + 24, 2147483648u);
  central[28] = name_len;
  g_byte_array_append (zip, central, sizeof central);
  g_byte_array_append (zip, (const guint8 *) name, name_len);
  end[8] = end[10] = 1;
  put_le32 (end + 12, sizeof central + name_len);
  put_le32 (end + 16, central_at);
  g_byte_array_append (zip, end, sizeof end);
  g_assert_true (g_file_set_contents (path, (const char *) zip->data, zip->len, NULL));
}

static void
test_entry_claiming_2gb (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "liar.zip", NULL);
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *huge;
  gint64 start = g_get_monotonic_time ();

  write_lying_zip (zip);
  job = run_job (f, zip);
  huge = result_named (job, "huge.gpx");
  g_assert_cmpint (huge->status, ==, RSB_IMPORT_FAILED);
  g_assert_error (huge->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static guint
get_le16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

static guint32
get_le32 (const guint8 *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24;
}

/* Makes the central directory claim `claimed` unpacked bytes for the
 * entry `name`, as a hostile zip would to slip past a size check. */
static void
lie_about_size (const char *path,
                const char *name,
                guint32     claimed)
{
  g_autofree char *contents = NULL;
  guint8 *zip, *end = NULL;
  gboolean patched = FALSE;
  gsize len;
  guint32 at;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  zip = (guint8 *) contents;
  for (gsize i = len - 22; end == NULL && i > 0; i--)
    if (memcmp (zip + i, "PK\5\6", 4) == 0)
      end = zip + i;
  g_assert_nonnull (end);
  at = get_le32 (end + 16);
  while (memcmp (zip + at, "PK\1\2", 4) == 0)
    {
      guint name_len = get_le16 (zip + at + 28);

      if (name_len == strlen (name) && memcmp (zip + at + 46, name, name_len) == 0)
        {
          /* A Zip64 entry would keep its real size elsewhere. */
          g_assert_cmpuint (get_le32 (zip + at + 24), !=, G_MAXUINT32);
          put_le32 (zip + at + 24, claimed);
          patched = TRUE;
        }
      at += 46 + name_len + get_le16 (zip + at + 30) + get_le16 (zip + at + 32);
    }
  g_assert_true (patched);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* 1 GiB of one byte, deflated to about 1 MB, written a chunk at a time,
 * then a good workout. */
static void
write_bomb_zip (const char *path,
                GBytes     *good)
{
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char *chunk = g_malloc (1 << 20);
  gsize size;
  gconstpointer data = g_bytes_get_data (good, &size);

  memset (chunk, 'x', 1 << 20);
  archive_write_set_format_zip (zip);
  archive_write_zip_set_compression_deflate (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "activities/1.gpx");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_write_header (zip, entry);
  for (guint i = 0; i < 1024; i++)
    g_assert_cmpint (archive_write_data (zip, chunk, 1 << 20), ==, 1 << 20);
  archive_entry_clear (entry);
  archive_entry_set_pathname (entry, "activities/2.gpx");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_write_header (zip, entry);
  archive_write_data (zip, data, size);
  archive_entry_free (entry);
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
}

/* Linux counts the most memory a process held since it last was told
 * to forget: the peak of just what follows. FALSE elsewhere. */
static gboolean
forget_peak_rss (void)
{
  FILE *clear_refs = fopen ("/proc/self/clear_refs", "w");
  gboolean done;

  if (clear_refs == NULL)
    return FALSE;
  done = fputs ("5", clear_refs) >= 0;
  return fclose (clear_refs) == 0 && done;
}

static glong
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

/* A zip bomb whose headers claim a small file: what it unpacks to
 * gives it away long before a gigabyte lands in memory. */
static void
test_zip_bomb (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "bomb.zip", NULL);
  g_autoptr(GBytes) run = sample_bytes ("sample-run.gpx");
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *bomb;
  gint64 start, took;
  gboolean measured;
  glong rss_before, rss_grew = 0;

  write_bomb_zip (zip, run);
  lie_about_size (zip, "activities/1.gpx", 20000);
  measured = forget_peak_rss ();
  rss_before = measured ? peak_rss_kib () : 0;
  start = g_get_monotonic_time ();
  job = run_job (f, zip);
  took = g_get_monotonic_time () - start;
  if (measured)
    rss_grew = peak_rss_kib () - rss_before;
  g_test_message ("bomb refused in %.3f s; peak memory grew by %ld KiB%s", took / 1e6, rss_grew,
                  measured ? "" : " (not measured here)");

  bomb = result_named (job, "activities/1.gpx");
  g_assert_cmpint (bomb->status, ==, RSB_IMPORT_FAILED);
  g_assert_error (bomb->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (bomb->error->message, "activities/1.gpx"));
  g_assert_nonnull (strstr (bomb->error->message, "bomb.zip"));
  g_assert_cmpint (result_named (job, "activities/2.gpx")->status, ==, RSB_IMPORT_ADDED);
  g_assert_cmpint (took, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (rss_grew, <, 100 * 1024);
}

/* A file in a folder larger than any workout is refused from its size,
 * before it is read into memory. */
static void
test_huge_file_in_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "rides", NULL);
  g_autofree char *huge = g_build_filename (folder, "huge.gpx", NULL);
  g_autoptr(GBytes) run = sample_bytes ("sample-run.gpx");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *refused;
  gint64 start;

  g_free (rsb_test_write_bytes (folder, "fine.gpx", run));
  file = g_file_new_for_path (huge);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
  /* Sparse: 3 GB that take no room on the disk. */
  g_assert_true (g_seekable_truncate (G_SEEKABLE (out), G_GINT64_CONSTANT (3) << 30, NULL, NULL));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));

  start = g_get_monotonic_time ();
  job = run_job (f, folder);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  refused = result_named (job, "huge.gpx");
  g_assert_cmpint (refused->status, ==, RSB_IMPORT_FAILED);
  g_assert_error (refused->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (refused->error->message, "huge.gpx"));
  g_assert_cmpint (result_named (job, "fine.gpx")->status, ==, RSB_IMPORT_ADDED);
}

static void
test_not_a_zip (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "broken.zip", NULL);
  g_autoptr(RsbImportJob) job = NULL;
  const RsbImportResult *broken;

  g_assert_true (g_file_set_contents (zip, "PK\3\4 this is not really a zip", -1, NULL));
  job = run_job (f, zip);
  broken = result_named (job, "broken.zip");
  g_assert_cmpint (broken->status, ==, RSB_IMPORT_FAILED);
  g_assert_nonnull (strstr (broken->error->message, "broken.zip"));
}

static void
test_cancelled_before_start (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "export", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  RsbImportTotals totals;

  if (!make_export (f, root))
    {
      g_test_skip ("../shared/testdata is not beside the checkout");
      return;
    }
  file = g_file_new_for_path (root);
  job = rsb_import_job_new (f->library, &file, 1);
  g_cancellable_cancel (cancellable);
  g_assert_true (rsb_import_job_run (job, cancellable, &error));
  rsb_import_job_get_totals (job, &totals);
  g_assert_cmpuint (totals.activities, ==, 0);
}

/* The library's only activity. */
static RsbActivityInfo *
only_activity (Fixture *f)
{
  g_autoptr(RsbStore) store = rsb_store_open (f->library, NULL);
  g_autoptr(GPtrArray) list = rsb_store_list_activities (store, NULL);

  g_assert_cmpuint (list->len, ==, 1);
  return rsb_activity_info_copy (list->pdata[0]);
}

static gboolean
has_heart_rate (const RsbActivityInfo *info)
{
  return (info->channels & RSB_STREAM_BIT (RSB_STREAM_HEART_RATE)) != 0;
}

/* test.tcx (heart rate) and no_hr.tcx, one run, as --import and the
 * window bring them: in either order test.tcx stays, the second file's
 * result says so, and the poorer one again is known by its hash. */
static void
test_richer_recording_by_job (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *with_hr = rsb_test_shared_file ("activities", "test.tcx");
  g_autofree char *without_hr = rsb_test_shared_file ("activities", "no_hr.tcx");

  if (with_hr == NULL || without_hr == NULL)
    return;
  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(RsbImportJob) first = run_job (f, order == 0 ? without_hr : with_hr);
      g_autoptr(RsbImportJob) second = run_job (f, order == 0 ? with_hr : without_hr);
      g_autoptr(RsbImportJob) again = run_job (f, without_hr);
      g_autoptr(RsbActivityInfo) info = only_activity (f);
      const RsbImportResult *told = result_named (second, order == 0 ? "test.tcx" : "no_hr.tcx");
      RsbImportTotals totals;

      rsb_import_job_get_totals (second, &totals);
      if (order == 0)
        {
          g_assert_cmpint (told->status, ==, RSB_IMPORT_ADDED);
          g_assert_cmpuint (totals.replaced, ==, 1);
          g_assert_cmpstr (told->note, ==, "“test.tcx” replaced “no_hr.tcx”: it has heart rate");
        }
      else
        {
          g_assert_cmpint (told->status, ==, RSB_IMPORT_DUPLICATE);
          g_assert_cmpuint (totals.replaced, ==, 0);
          g_assert_cmpstr (told->note, ==,
                           "“no_hr.tcx” is the same workout as “test.tcx”, which has heart rate: kept “test.tcx”");
        }
      g_assert_cmpuint (totals.activities, ==, 0);
      g_assert_true (has_heart_rate (info));
      g_assert_cmpuint (info->n_points, ==, 384);
      g_assert_cmpstr (info->file_name, ==, "test.tcx");

      rsb_import_job_get_totals (again, &totals);
      g_assert_cmpuint (totals.duplicates, ==, 1);
      g_assert_cmpuint (totals.activities + totals.replaced, ==, 0);

      fixture_tear_down (f, data);
      fixture_set_up (f, data);
    }
}

/* Both in one import: whichever parser finishes first, one activity,
 * with heart rate, and one note naming test.tcx. */
static void
test_richer_recording_same_job (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *with_hr = rsb_test_shared_file ("activities", "test.tcx");
  g_autofree char *without_hr = rsb_test_shared_file ("activities", "no_hr.tcx");
  g_autoptr(GFile) poorer = NULL;
  g_autoptr(GFile) richer = NULL;
  g_autoptr(RsbImportJob) job = NULL;
  g_autoptr(RsbActivityInfo) info = NULL;
  GPtrArray *results;
  guint notes = 0;

  if (with_hr == NULL || without_hr == NULL)
    return;
  poorer = g_file_new_for_path (without_hr);
  richer = g_file_new_for_path (with_hr);
  job = rsb_import_job_new (f->library, (GFile *[]) { poorer, richer }, 2);
  g_assert_true (rsb_import_job_run (job, NULL, NULL));
  results = rsb_import_job_get_results (job);
  for (guint i = 0; i < results->len; i++)
    {
      const RsbImportResult *r = g_ptr_array_index (results, i);

      if (r->note != NULL)
        {
          g_assert_nonnull (strstr (r->note, "“test.tcx”"));
          g_assert_nonnull (strstr (r->note, "heart rate"));
          notes++;
        }
    }
  g_assert_cmpuint (notes, ==, 1);
  info = only_activity (f);
  g_assert_true (has_heart_rate (info));
}

static const char *club_csv =
  "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n"
  "9201,\"Feb 5, 2026, 7:00:00 AM\",Club run,Run,600,1.2,activities/9201.gpx\n";

/* A Strava export whose one activity is the recorded workout without
 * heart rate; and the same workout with it, as a plain file. */
static void
make_club_run (Fixture  *f,
               char    **export,
               char    **plain)
{
  char *poor = rsb_test_run_recording (1, FALSE);
  char *rich = rsb_test_run_recording (1, TRUE);
  g_autoptr(GBytes) csv = g_bytes_new_static (club_csv, strlen (club_csv));
  g_autoptr(GBytes) poor_bytes = g_bytes_new_take (poor, strlen (poor));
  g_autoptr(GBytes) rich_bytes = g_bytes_new_take (rich, strlen (rich));

  *export = g_build_filename (f->dir, "export", NULL);
  g_free (rsb_test_write_bytes (*export, "activities.csv", csv));
  g_free (rsb_test_write_bytes (*export, "activities/9201.gpx", poor_bytes));
  *plain = rsb_test_write_bytes (f->dir, "rich.gpx", rich_bytes);
}

/* Strava's identity (id, name, sport) belongs to the workout: it stays
 * on the activity whichever recording is kept, so the export run again
 * is recognised by its id and adds nothing. */
static void
check_club_run (Fixture    *f,
                const char *export)
{
  g_autoptr(RsbActivityInfo) club = activity_by_strava_id (f, "9201");
  g_autoptr(RsbImportJob) again = NULL;
  RsbImportTotals totals;

  g_assert_nonnull (club);
  g_assert_cmpstr (club->name, ==, "Club run");
  g_assert_cmpstr (club->sport, ==, "run");
  g_assert_true (has_heart_rate (club));
  g_assert_cmpuint (club->n_points, ==, RSB_TEST_RECORDING_S + 1);

  again = run_job (f, export);
  rsb_import_job_get_totals (again, &totals);
  g_assert_cmpuint (totals.duplicates, ==, 1);
  g_assert_null (result_named (again, "activities/9201.gpx")->note);
  g_clear_pointer (&club, rsb_activity_info_free);
  club = only_activity (f);
  g_assert_true (has_heart_rate (club));
}

static void
test_richer_file_keeps_strava_identity (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *export = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(RsbImportJob) from_strava = NULL;
  g_autoptr(RsbImportJob) richer = NULL;

  make_club_run (f, &export, &plain);
  from_strava = run_job (f, export);
  richer = run_job (f, plain);
  g_assert_cmpint (result_named (richer, "rich.gpx")->status, ==, RSB_IMPORT_ADDED);
  g_assert_cmpstr (result_named (richer, "rich.gpx")->note, ==,
                   "“rich.gpx” replaced “activities/9201.gpx”: it has heart rate");
  check_club_run (f, export);
}

static void
test_poorer_strava_file_gives_identity (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *export = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(RsbImportJob) richer = NULL;
  g_autoptr(RsbImportJob) from_strava = NULL;
  const RsbImportResult *told;

  make_club_run (f, &export, &plain);
  richer = run_job (f, plain);
  from_strava = run_job (f, export);
  told = result_named (from_strava, "activities/9201.gpx");
  g_assert_cmpint (told->status, ==, RSB_IMPORT_DUPLICATE);
  g_assert_cmpstr (told->note, ==,
                   "“activities/9201.gpx” is the same workout as “rich.gpx”, which has heart rate: kept “rich.gpx”");
  check_club_run (f, export);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/import-job/strava-export-folder", test_strava_export_folder);
  ADD ("/import-job/strava-export-zip", test_strava_export_zip);
  ADD ("/import-job/missing-export-file", test_missing_export_file);
  ADD ("/import-job/export-file-outside", test_export_file_outside);
  ADD ("/import-job/spotify-zip", test_spotify_zip);
  ADD ("/import-job/history-read-progress", test_history_read_progress);
  ADD ("/import-job/unsafe-entry", test_unsafe_entry);
  ADD ("/import-job/entry-claiming-2gb", test_entry_claiming_2gb);
  ADD ("/import-job/zip-bomb", test_zip_bomb);
  ADD ("/import-job/huge-file-in-folder", test_huge_file_in_folder);
  ADD ("/import-job/not-a-zip", test_not_a_zip);
  ADD ("/import-job/cancelled-before-start", test_cancelled_before_start);
  ADD ("/import-job/richer-recording", test_richer_recording_by_job);
  ADD ("/import-job/richer-recording-same-job", test_richer_recording_same_job);
  ADD ("/import-job/richer-file-keeps-strava-identity", test_richer_file_keeps_strava_identity);
  ADD ("/import-job/poorer-strava-file-gives-identity", test_poorer_strava_file_gives_identity);

  return g_test_run ();
}
