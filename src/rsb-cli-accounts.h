#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status when a rate window is spent: "temporary failure, try
 * again later" (sysexits.h EX_TEMPFAIL), so scripts can retry. */
#define RSB_CLI_EXIT_TEMPFAIL 75

int rsb_cli_connect    (const char  *service_id);
int rsb_cli_disconnect (const char  *service_id);
/* service_id NULL syncs every connected service. */
int rsb_cli_sync       (const char  *service_id);

G_END_DECLS
