/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-store-accounts.c: who is connected, and where each sync stands.
 *
 * Only what the window must show and what a resumed sync needs: no
 * token or secret ever reaches these tables (they live in the keyring).
 */
#include "config.h"

#include "rsb-store-private.h"

RsbAccount *
rsb_account_new (const char *service)
{
  RsbAccount *account = g_new0 (RsbAccount, 1);

  account->service = g_strdup (service);
  return account;
}

void
rsb_account_free (RsbAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->service);
  g_free (account->account_id);
  g_free (account->display_name);
  g_free (account->cursor);
  g_free (account->scopes);
  g_free (account);
}

gboolean
rsb_account_has_scope (const RsbAccount *account,
                       const char       *scope)
{
  g_auto(GStrv) granted = NULL;

  if (account == NULL || account->scopes == NULL)
    return FALSE;
  granted = g_strsplit_set (account->scopes, " ,", -1);
  return g_strv_contains ((const char * const *) granted, scope);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

RsbAccount *
rsb_store_get_account (RsbStore    *self,
                       const char  *service,
                       GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT a.account_id, a.display_name, a.connected_at, a.needs_reconnect,"
    "       s.cursor, s.last_sync_at, s.rate_window_resets_at, a.scopes"
    " FROM accounts a LEFT JOIN sync_state s ON s.service = a.service"
    " WHERE a.service = ?", error);
  RsbAccount *account = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, service, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      account = rsb_account_new (service);
      account->account_id = column_text (stmt, 0);
      account->display_name = column_text (stmt, 1);
      account->connected_at_ms = sqlite3_column_int64 (stmt, 2);
      account->needs_reconnect = sqlite3_column_int (stmt, 3) != 0;
      account->cursor = column_text (stmt, 4);
      account->last_sync_ms = sqlite3_column_int64 (stmt, 5);
      account->paused_until_ms = sqlite3_column_int64 (stmt, 6);
      account->scopes = column_text (stmt, 7);
    }
  sqlite3_reset (stmt);
  return account;
}

static gboolean
save_account_row (RsbStore          *self,
                  const RsbAccount  *account,
                  GError           **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT INTO accounts (service, account_id, display_name, connected_at, needs_reconnect, scopes)"
    " VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (service) DO UPDATE SET account_id = excluded.account_id,"
    "   display_name = excluded.display_name, connected_at = excluded.connected_at,"
    "   needs_reconnect = excluded.needs_reconnect, scopes = excluded.scopes", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account->service);
  bind_text (stmt, 2, account->account_id);
  bind_text (stmt, 3, account->display_name);
  sqlite3_bind_int64 (stmt, 4, account->connected_at_ms);
  sqlite3_bind_int (stmt, 5, account->needs_reconnect ? 1 : 0);
  bind_text (stmt, 6, account->scopes);
  return rsb_store_step_done (self, stmt, error);
}

static gboolean
save_sync_state_row (RsbStore          *self,
                     const RsbAccount  *account,
                     GError           **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "INSERT OR REPLACE INTO sync_state (service, cursor, last_sync_at, rate_window_resets_at)"
    " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account->service);
  bind_text (stmt, 2, account->cursor);
  sqlite3_bind_int64 (stmt, 3, account->last_sync_ms);
  sqlite3_bind_int64 (stmt, 4, account->paused_until_ms);
  return rsb_store_step_done (self, stmt, error);
}

gboolean
rsb_store_save_account (RsbStore          *self,
                        const RsbAccount  *account,
                        GError           **error)
{
  gboolean own_transaction;

  g_return_val_if_fail (account != NULL && account->service != NULL, FALSE);

  /* A sync saves its cursor in the same transaction as the data it
   * covers; on its own, the account is a transaction of its own. */
  own_transaction = !rsb_store_in_transaction (self);
  if (!own_transaction)
    return save_account_row (self, account, error) && save_sync_state_row (self, account, error);
  if (!rsb_store_begin (self, error))
    return FALSE;
  if (!save_account_row (self, account, error) ||
      !save_sync_state_row (self, account, error) ||
      !rsb_store_commit (self, error))
    {
      rsb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
rsb_store_remove_account (RsbStore    *self,
                          const char  *service,
                          GError     **error)
{
  sqlite3_stmt *stmt = rsb_store_statement (self, "DELETE FROM accounts WHERE service = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, service, -1, SQLITE_STATIC);
  return rsb_store_step_done (self, stmt, error);
}

static gint64
single_int64 (sqlite3_stmt *stmt)
{
  gint64 value = RSB_NO_TIME;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gint64
rsb_store_newest_activity_start (RsbStore   *self,
                                 const char *source)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT max(start_ms) FROM activities WHERE source = ?", NULL);

  if (stmt == NULL)
    return RSB_NO_TIME;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  return single_int64 (stmt);
}

gint64
rsb_store_newest_play_end (RsbStore      *self,
                           RsbPlaySource  source)
{
  sqlite3_stmt *stmt = rsb_store_statement (self,
    "SELECT max(end_ms) FROM plays WHERE source = ?", NULL);

  if (stmt == NULL)
    return RSB_NO_TIME;
  sqlite3_bind_text (stmt, 1, rsb_play_source_to_string (source), -1, SQLITE_STATIC);
  return single_int64 (stmt);
}
