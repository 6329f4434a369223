/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sample.c: the bundled sample run, imported through the same code
 * as the user's files into a library that lives only in memory. */
#include "config.h"

#include <gio/gio.h>

#include "rsb-sample.h"
#include "rsb-importer.h"

#define SAMPLE_PREFIX "/io/github/runsousbpm/RunSousBpm/"

static gboolean
import_resource (RsbStore    *store,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_strconcat (SAMPLE_PREFIX, name, NULL);
  g_autoptr(GInputStream) stream = g_resources_open_stream (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  RsbImportResult result = { 0 };
  gboolean ok;

  if (stream == NULL)
    return FALSE;
  ok = rsb_import_stream (store, stream, name, &result, NULL);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&result.error));
  rsb_import_result_clear (&result);
  return ok;
}

RsbStore *
rsb_sample_open_store (GError **error)
{
  g_autoptr(RsbStore) store = rsb_store_open_memory (error);

  if (store == NULL ||
      !import_resource (store, "Streaming_History_Audio_Sample.json", error) ||
      !import_resource (store, "sample-run.gpx", error))
    return NULL;
  return g_steal_pointer (&store);
}
