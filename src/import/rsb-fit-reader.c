/* Placeholder until the reader lands: refuses every file. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-fit-reader.h"
#include "rsb-import-error.h"

gboolean
rsb_fit_read (GInputStream      *stream,
               const char        *display_name,
               RsbActivityInfo  **out_info,
               RsbStreams       **out_streams,
               GCancellable      *cancellable,
               GError           **error)
{
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               "“%s” cannot be read yet", display_name);
  return FALSE;
}
