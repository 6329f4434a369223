/* rsb-store-private.h: for the store's own files only. The store's
 * tables are split by subject across rsb-store*.c; they share the one
 * connection and its statement cache. */
#pragma once

#include <sqlite3.h>

#include "rsb-store.h"

G_BEGIN_DECLS

/* A cached statement, reset and unbound. sql must be a string literal:
 * its address is the cache key. */
sqlite3_stmt *rsb_store_statement (RsbStore      *self,
                                   const char    *sql,
                                   GError       **error);
/* Steps a statement that returns no rows of interest, then resets it. */
gboolean      rsb_store_step_done (RsbStore      *self,
                                   sqlite3_stmt  *stmt,
                                   GError       **error);

gboolean      rsb_store_in_transaction (RsbStore *self);

G_END_DECLS
