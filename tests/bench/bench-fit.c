/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-fit: rsb_fit_read of a generated 120,000-record FIT activity
 * (33 hours at 1 Hz, 4.6 MB, the fields of a running watch),
 * against `gpsbabel -i garmin_fit -f big.fit -o unicsv -F /dev/null`
 * on the same file.
 *
 * Usage: bench-fit GPSBABEL   (an empty GPSBABEL skips the bench)
 *
 * The file is written by the small encoder in bench-common.c, with valid
 * header and file checksums, like a watch's: a normal header with a full
 * timestamp every 16th record and compressed-timestamp headers in
 * between, plus the file_id, timer events, a lap and a session around
 * them.
 */
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "bench-common.h"
#include "rsb-fit-reader.h"

#define BENCH          "fit_decode"
#define N_RECORDS      120000
#define FULL_EVERY     16
#define TARGET_RATIO   10.0
#define DEFAULT_REPS   7
#define FIRST_TIME     1000000000u      /* 2021-09-08, FIT seconds */

/* ---- the activity ----------------------------------------------------- */

/* Short for the many fields below. */
static inline void
put (GByteArray *out,
     guint64     value,
     guint       size)
{
  rsb_bench_fit_put (out, value, size);
}

/* A 1 Hz run around a lake, the heart rate and cadence drifting. The
 * fields are those a running watch writes (a Fenix 5's record with the
 * enhanced altitude and speed of newer models): running dynamics and
 * temperature ride along although the reader skips them. */
static const guint8 record_fields[] = {
  253, 4, 0x86, 0, 4, 0x85, 1, 4, 0x85, 5, 4, 0x86, 78, 4, 0x86, 73, 4, 0x86,
  39, 2, 0x84, 40, 2, 0x84, 41, 2, 0x84, 83, 2, 0x84, 84, 2, 0x84, 85, 2, 0x84,
  3, 1, 0x02, 4, 1, 0x02, 13, 1, 0x01, 42, 1, 0x00, 53, 1, 0x02,
};
#define N_RECORD_FIELDS (sizeof record_fields / 3)

static void
write_record_body (GByteArray *out,
                   guint       i,
                   double      distance_m)
{
  double angle = i * 2 * G_PI / 1800;
  double lat = 46.05 + 0.01 * sin (angle);
  double lon = 14.50 + 0.015 * cos (angle);

  put (out, (guint32) (gint32) lround (lat * (2147483648.0 / 180)), 4);
  put (out, (guint32) (gint32) lround (lon * (2147483648.0 / 180)), 4);
  put (out, (guint32) lround (distance_m * 100), 4);
  put (out, (guint32) lround ((300 + 20 * sin (i / 300.0) + 500) * 5), 4);  /* enhanced_altitude */
  put (out, 2900 + i % 200, 4);                                            /* enhanced_speed */
  put (out, 950 + i % 40, 2);         /* vertical oscillation */
  put (out, 3400, 2);                 /* stance time percent */
  put (out, 2450 + i % 30, 2);        /* stance time */
  put (out, 820, 2);                  /* vertical ratio */
  put (out, 5010, 2);                 /* stance time balance */
  put (out, 1150 + i % 20, 2);        /* step length */
  put (out, 130 + i % 37, 1);
  put (out, 84 + i % 5, 1);
  put (out, 21, 1);                   /* temperature */
  put (out, 1, 1);                    /* activity type: running */
  put (out, i % 128, 1);              /* fractional cadence */
}

static GBytes *
encode_activity (void)
{
  GByteArray *out = rsb_bench_fit_begin (N_RECORDS * 46, FIRST_TIME);
  guint32 time = FIRST_TIME;
  double distance_m = 0;

  rsb_bench_fit_define (out, 0, 20, record_fields, N_RECORD_FIELDS);           /* full timestamp */
  rsb_bench_fit_define (out, 1, 20, record_fields + 3, N_RECORD_FIELDS - 1);   /* compressed header */
  for (guint i = 0; i < N_RECORDS; i++, time++)
    {
      if (i % FULL_EVERY == 0)
        {
          put (out, 0, 1);
          put (out, time, 4);
        }
      else
        put (out, 0x80 | (1 << 5) | (time & 0x1f), 1);
      write_record_body (out, i, distance_m);
      distance_m += 2.9 + (i % 200) / 1000.0;
    }
  return rsb_bench_fit_end (out, FIRST_TIME, time - 1, distance_m, 1);   /* running */
}

/* ---- timing ---------------------------------------------------------- */

static double
time_gpsbabel (const char *gpsbabel,
               const char *path)
{
  const char *argv[] = { gpsbabel, "-i", "garmin_fit", "-f", path, "-o", "unicsv",
                         "-F", "/dev/null", NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    rsb_bench_fail (BENCH, "gpsbabel", error);
  return rsb_bench_seconds_since (start);
}

/* From the file, as gpsbabel reads it: opening it is part of the work. */
static double
time_decode (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(RsbActivityInfo) info = NULL;
  g_autoptr(RsbStreams) streams = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  stream = g_file_read (file, NULL, &error);
  if (stream == NULL ||
      !rsb_fit_read (G_INPUT_STREAM (stream), "big.fit", &info, &streams, NULL, &error))
    rsb_bench_fail (BENCH, "decoding", error);
  seconds = rsb_bench_seconds_since (start);

  if (streams->n_points != N_RECORDS || !rsb_streams_has_route (streams) ||
      streams->columns[RSB_STREAM_TIME][N_RECORDS - 1] != N_RECORDS - 1)
    {
      g_printerr ("bench=%s: expected %d timed points with a route, got %u\n",
                  BENCH, N_RECORDS, streams->n_points);
      exit (EXIT_FAILURE);
    }
  return seconds;
}

/* The same decodes once the allocator keeps freed memory, as it does in
 * a long-running process that has freed a few large blocks already:
 * glibc's own dynamic thresholds climb to 32 MiB / 64 MiB there. A
 * short-lived benchmark process instead hands every fresh decode new
 * pages from the kernel, and on some virtual machines the first touch
 * of a page costs tens of microseconds: then that, not decoding, is
 * most of median_s. Informational only: pass= uses median_s. */
static double
warm_median (const char *path,
             guint       reps)
{
#ifdef __GLIBC__
  g_autoptr(GArray) decodes = g_array_new (FALSE, FALSE, sizeof (double));

  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  time_decode (path);
  for (guint i = 0; i < reps; i++)
    rsb_bench_add_sample (decodes, time_decode (path));
  return rsb_bench_median (decodes);
#else
  return NAN;
#endif
}

static int
report (gsize   bytes,
        GArray *decodes,
        GArray *baselines,
        double  warm)
{
  double median = rsb_bench_median (decodes);
  double baseline = rsb_bench_median (baselines);
  double ratio = baseline / median;   /* throughput ratio: ours / gpsbabel's */

  g_print ("bench=%s median_s=%.4f baseline=gpsbabel median_s=%.4f ratio=%.1f"
           " target=>=%.0f pass=%s records=%d bytes=%" G_GSIZE_FORMAT " mb_per_s=%.1f"
           " baseline_mb_per_s=%.1f warm_median_s=%.4f warm_ratio=%.1f repetitions=%u\n",
           BENCH, median, baseline, ratio, TARGET_RATIO, rsb_bench_yes_no (ratio >= TARGET_RATIO),
           N_RECORDS, bytes, bytes / median / 1e6, bytes / baseline / 1e6,
           warm, baseline / warm, decodes->len);
  return ratio >= TARGET_RATIO ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scratch = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) fit = NULL;
  g_autoptr(GArray) decodes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  guint reps = rsb_bench_repetitions (DEFAULT_REPS);
  const char *gpsbabel = argc > 1 ? argv[1] : "";
  double warm;

  if (*gpsbabel == '\0')
    rsb_bench_skip (BENCH, "gpsbabel-not-found");

  scratch = rsb_bench_make_tmpdir ();
  path = g_build_filename (scratch, "big.fit", NULL);
  fit = encode_activity ();
  if (!g_file_set_contents (path, g_bytes_get_data (fit, NULL), g_bytes_get_size (fit), &error))
    rsb_bench_fail (BENCH, "writing the activity", error);

  /* A warm-up of each fills the page cache and the allocators. */
  time_gpsbabel (gpsbabel, path);
  time_decode (path);
  for (guint i = 0; i < reps; i++)
    {
      rsb_bench_add_sample (baselines, time_gpsbabel (gpsbabel, path));
      rsb_bench_add_sample (decodes, time_decode (path));
    }

  warm = warm_median (path, reps);

  rsb_bench_remove_tree (scratch);
  return report (g_bytes_get_size (fit), decodes, baselines, warm);
}
