/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accounts and sync state: what the Preferences window shows and what a
 * resumed sync starts from must survive a restart, and disconnecting
 * must forget it. */
#include "rsb-test-dir.h"

#include "rsb-store.h"

typedef struct {
  char     *dir;
  char     *path;
  RsbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rsb_test_dir_new ("accounts");
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->store = rsb_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rsb_test_dir_remove (f->dir);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = rsb_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
test_absent (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_store_get_account (f->store, "strava", &error);

  g_assert_no_error (error);
  g_assert_null (account);
}

static void
test_round_trip_survives_restart (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_account_new ("strava");
  g_autoptr(RsbAccount) back = NULL;

  account->account_id = g_strdup ("1513");
  account->display_name = g_strdup ("Jo <b>Runner</b>");
  account->connected_at_ms = 1700000000000;
  account->last_sync_ms = 1700000100000;
  account->paused_until_ms = 1700000900000;
  account->cursor = g_strdup ("1699999999000");
  g_assert_true (rsb_store_save_account (f->store, account, &error));
  g_assert_no_error (error);

  reopen (f);
  back = rsb_store_get_account (f->store, "strava", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->account_id, ==, "1513");
  g_assert_cmpstr (back->display_name, ==, "Jo <b>Runner</b>");
  g_assert_cmpint (back->connected_at_ms, ==, 1700000000000);
  g_assert_cmpint (back->last_sync_ms, ==, 1700000100000);
  g_assert_cmpint (back->paused_until_ms, ==, 1700000900000);
  g_assert_cmpstr (back->cursor, ==, "1699999999000");
  g_assert_false (back->needs_reconnect);
}

static void
test_update_and_reconnect_flag (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_account_new ("spotify");
  g_autoptr(RsbAccount) back = NULL;

  g_assert_true (rsb_store_save_account (f->store, account, &error));
  account->needs_reconnect = TRUE;
  account->cursor = g_strdup ("42");
  g_assert_true (rsb_store_save_account (f->store, account, &error));
  g_assert_no_error (error);

  back = rsb_store_get_account (f->store, "spotify", &error);
  g_assert_true (back->needs_reconnect);
  g_assert_cmpstr (back->cursor, ==, "42");
}

static void
test_remove_forgets_sync_state (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_account_new ("strava");
  g_autoptr(RsbAccount) back = NULL;

  account->cursor = g_strdup ("7");
  g_assert_true (rsb_store_save_account (f->store, account, &error));
  g_assert_true (rsb_store_remove_account (f->store, "strava", &error));
  g_assert_no_error (error);

  back = rsb_store_get_account (f->store, "strava", &error);
  g_assert_null (back);
  /* Reconnecting starts a fresh sync state, not the old cursor. */
  g_clear_pointer (&account->cursor, g_free);
  g_assert_true (rsb_store_save_account (f->store, account, &error));
  back = rsb_store_get_account (f->store, "strava", &error);
  g_assert_null (back->cursor);
}

static void
test_save_joins_open_transaction (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = rsb_account_new ("spotify");
  g_autoptr(RsbAccount) back = NULL;

  /* A sync's cursor lands with its plays or not at all. */
  g_assert_true (rsb_store_begin (f->store, &error));
  account->cursor = g_strdup ("99");
  g_assert_true (rsb_store_save_account (f->store, account, &error));
  g_assert_no_error (error);
  rsb_store_rollback (f->store);

  back = rsb_store_get_account (f->store, "spotify", &error);
  g_assert_no_error (error);
  g_assert_null (back);
}

static void
test_newest_from_source (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbActivityInfo) info = rsb_activity_info_new ();
  g_autoptr(RsbPlay) play = rsb_play_new ();
  gboolean added = FALSE;

  g_assert_cmpint (rsb_store_newest_activity_start (f->store, "strava"), ==, RSB_NO_TIME);
  g_assert_cmpint (rsb_store_newest_play_end (f->store, RSB_PLAY_SOURCE_API), ==, RSB_NO_TIME);

  info->source = g_strdup ("strava");
  info->source_id = g_strdup ("123");
  info->name = g_strdup ("Morning Run");
  info->start_ms = 1700000000000;
  g_assert_true (rsb_store_begin (f->store, &error));
  g_assert_cmpint (rsb_store_add_activity (f->store, info, NULL, &error), >, 0);
  play->track.title = g_strdup ("Song");
  play->track.artists = g_strdup ("Band");
  play->start_ms = 1700000000000;
  play->end_ms = 1700000180000;
  play->ms_played = 180000;
  play->source = RSB_PLAY_SOURCE_API;
  play->precision_ms = 1000;
  g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
  g_assert_true (rsb_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rsb_store_newest_activity_start (f->store, "strava"), ==, 1700000000000);
  g_assert_cmpint (rsb_store_newest_activity_start (f->store, "file"), ==, RSB_NO_TIME);
  g_assert_cmpint (rsb_store_newest_play_end (f->store, RSB_PLAY_SOURCE_API), ==, 1700000180000);
  g_assert_cmpint (rsb_store_newest_play_end (f->store, RSB_PLAY_SOURCE_EXTENDED), ==, RSB_NO_TIME);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/accounts/absent", test_absent);
  ADD ("/store/accounts/round-trip-survives-restart", test_round_trip_survives_restart);
  ADD ("/store/accounts/update-and-reconnect-flag", test_update_and_reconnect_flag);
  ADD ("/store/accounts/remove-forgets-sync-state", test_remove_forgets_sync_state);
  ADD ("/store/accounts/save-joins-open-transaction", test_save_joins_open_transaction);
  ADD ("/store/accounts/newest-from-source", test_newest_from_source);

  return g_test_run ();
}
