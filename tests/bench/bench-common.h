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
const char *rsb_bench_yes_no             (gboolean               value);

gboolean  rsb_bench_write_gpx            (const char            *path,
                                          const RsbBenchGpx     *spec,
                                          GError               **error);
gboolean  rsb_bench_write_history        (const char            *path,
                                          const RsbBenchHistory *spec,
                                          GError               **error);

G_END_DECLS
