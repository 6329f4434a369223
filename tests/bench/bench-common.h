/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-common.h: timing, medians, scratch folders and generated input
 * files shared by the benchmark programs. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* meson reads this exit status as "skipped". */
#define RSB_BENCH_EXIT_SKIP 77

/* A workout recorded once a second, with ele, time, heart rate and
 * cadence (Garmin TrackPointExtension), like a watch export. */
typedef struct {
  gint64   start_ms;   /* UTC of the first point */
  guint    n_points;
  guint32  seed;
} RsbBenchGpx;

/* A Spotify Extended Streaming History, plays in time order. */
typedef struct {
  gint64   first_start_ms;
  guint    n_plays;
  guint    n_tracks;      /* distinct songs the plays draw from */
  gint64   mean_ms;       /* full plays last mean_ms ± 25 % */
  double   skip_share;    /* share of plays cut short after a few seconds */
  gint64   max_gap_ms;    /* silence after each play: 0 .. max_gap_ms */
  guint32  seed;
} RsbBenchHistory;

guint     rsb_bench_repetitions          (guint                  fallback);
double    rsb_bench_seconds_since        (gint64                 start_us);
double    rsb_bench_median               (GArray                *seconds);
void      rsb_bench_add_sample           (GArray                *seconds,
                                          double                 value);
char     *rsb_bench_make_tmpdir          (void);
void      rsb_bench_remove_tree          (const char            *path);
void      rsb_bench_skip                 (const char            *bench,
                                          const char            *reason) G_GNUC_NORETURN;
void      rsb_bench_fail                 (const char            *bench,
                                          const char            *what,
                                          const GError          *error) G_GNUC_NORETURN;
/* A VmRSS-style field of /proc/PID/status (0: this process), in MB. */
double    rsb_bench_resident_mb          (GPid                   pid,
                                          const char            *field);
gboolean  rsb_bench_reset_peak           (void);
const char *rsb_bench_yes_no             (gboolean               value);

gboolean  rsb_bench_write_gpx            (const char            *path,
                                          const RsbBenchGpx     *spec,
                                          GError               **error);
gboolean  rsb_bench_write_history        (const char            *path,
                                          const RsbBenchHistory *spec,
                                          GError               **error);

/* A small FIT encoder, for activity files like a watch's: messages are
 * little-endian, the header and file checksums valid. Times are FIT
 * seconds, counted from RSB_BENCH_FIT_EPOCH_UNIX_S. Between begin and
 * end the caller defines its record messages and writes them with
 * rsb_bench_fit_put. */
#define RSB_BENCH_FIT_EPOCH_UNIX_S G_GINT64_CONSTANT (631065600)

GByteArray *rsb_bench_fit_begin          (gsize                  reserve,
                                          guint32                time_created);
void        rsb_bench_fit_put            (GByteArray            *out,
                                          guint64                value,
                                          guint                  size);
void        rsb_bench_fit_define         (GByteArray            *out,
                                          guint8                 local,
                                          guint16                global,
                                          const guint8          *fields,
                                          guint                  n_fields);
GBytes     *rsb_bench_fit_end            (GByteArray            *out,
                                          guint32                start_time,
                                          guint32                end_time,
                                          double                 distance_m,
                                          guint8                 sport);

G_END_DECLS
