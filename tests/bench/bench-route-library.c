/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-route-library.c: see bench-route-library.h. */
#include "bench-route-library.h"
#include "bench-common.h"
#include "rsb-importer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define START_MS G_GINT64_CONSTANT (1682920800000)  /* 2023-05-01T06:00:00Z */
#define SHOW_TIMEOUT_US (30 * G_USEC_PER_SEC)

static gint64
import_one (const char *bench,
            RsbStore   *store,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RsbImportResult result = { 0 };
  gint64 id;

  if (!rsb_import_file (store, file, &result, NULL))
    rsb_bench_fail (bench, "importing", result.error);
  id = result.activity_id;
  rsb_import_result_clear (&result);
  return id;
}

/* 150 back-to-back songs of about four minutes from half a minute into
 * the run: all of them land on the route. */
gint64
rsb_bench_route_library (const char  *bench,
                         const char  *scratch,
                         RsbStore   **store)
{
  const RsbBenchGpx gpx = { START_MS, RSB_BENCH_ROUTE_POINTS, 42 };
  const RsbBenchHistory history = {
    .first_start_ms = START_MS + 30000,
    .n_plays = RSB_BENCH_ROUTE_SONGS,
    .n_tracks = RSB_BENCH_ROUTE_SONGS,
    .mean_ms = 230000,
    .seed = 11,
  };
  g_autofree char *db_path = g_build_filename (scratch, "library", "library.db", NULL);
  g_autofree char *gpx_path = g_build_filename (scratch, "ten-hours.gpx", NULL);
  g_autofree char *history_path = g_build_filename (scratch, "Streaming_History_Audio_2023.json", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if ((*store = rsb_store_open (db_path, &error)) == NULL)
    rsb_bench_fail (bench, "opening the library", error);
  if (!rsb_bench_write_gpx (gpx_path, &gpx, &error) ||
      !rsb_bench_write_history (history_path, &history, &error))
    rsb_bench_fail (bench, "writing the input files", error);
  id = import_one (bench, *store, gpx_path);
  import_one (bench, *store, history_path);
  return id;
}

void
rsb_bench_show (const char *bench,
                GtkWindow  *window,
                GtkWidget  *widget)
{
  gint64 start = g_get_monotonic_time ();

  gtk_window_present (window);
  while (gtk_widget_get_width (widget) == 0 || !gtk_widget_get_mapped (widget) ||
         g_get_monotonic_time () - start < 500000)
    {
      if (g_get_monotonic_time () - start > SHOW_TIMEOUT_US)
        rsb_bench_fail (bench, "waiting for the window", NULL);
      g_main_context_iteration (NULL, FALSE);
    }
}

double rsb_bench_last_snapshot_s;

/* The widget's own snapshot, as the frame clock's paint asks for it:
 * children whose drawing is still valid give their kept nodes, what
 * changed draws afresh. (A GtkWidgetPaintable would only hand back the
 * image of the last frame.) */
double
rsb_bench_frame (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_matrix_t matrix;
  g_autoptr(GskTransform) transform = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Layout first, as a frame does: a widget whose view moved needs its
   * children placed again before they can draw. */
  /* gtk_widget_allocate() places the margin box. */
  if (parent != NULL && gtk_widget_compute_transform (widget, parent, &matrix))
    transform = gsk_transform_translate (gsk_transform_matrix (NULL, &matrix),
                                         &GRAPHENE_POINT_INIT (-gtk_widget_get_margin_start (widget),
                                                               -gtk_widget_get_margin_top (widget)));
  gtk_widget_allocate (widget, width + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget),
                       height + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget),
                       -1, g_steal_pointer (&transform));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  rsb_bench_last_snapshot_s = rsb_bench_seconds_since (start);
  if (node != NULL)
    texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return rsb_bench_seconds_since (start);
}
