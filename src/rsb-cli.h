#pragma once

#include <gio/gio.h>

#include "rsb-store.h"

G_BEGIN_DECLS

void      rsb_cli_install      (GApplication *app);
/* The user's library, or NULL after saying why on stderr. */
RsbStore *rsb_cli_open_library (void);

G_END_DECLS
