/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-history-accounts.c: connecting, syncing and disconnecting
 * ListenBrainz and Last.fm end to end, with a real keyring
 * (gnome-keyring on a private bus: run through with-keyring.sh) and
 * the fake services. */
#define _GNU_SOURCE
#include <gio/gio.h>
#include <string.h>

#include "rsb-accounts.h"
#include "rsb-fake-lastfm.h"
#include "rsb-fake-listenbrainz.h"
#include "rsb-history-accounts.h"
#include "rsb-secrets.h"
#include "rsb-sync-error.h"
#include "rsb-test-dir.h"

#define KEY "a1b2c3d4e5f60718293a4b5c6d7e8f90"
#define T0 G_GINT64_CONSTANT (1715666400)

typedef struct {
  char                *dir;
  char                *path;
  RsbStore            *store;
  RsbFakeListenBrainz *lb;
  RsbFakeLastfm       *lastfm;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lb_url = NULL, *lastfm_url = NULL;

  fixture->dir = rsb_test_dir_new ("history-accounts");
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = rsb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->lb = rsb_fake_listenbrainz_new (&error);
  g_assert_no_error (error);
  fixture->lastfm = rsb_fake_lastfm_new (KEY, &error);
  g_assert_no_error (error);
  lb_url = rsb_fake_listenbrainz_dup_url (fixture->lb);
  lastfm_url = rsb_fake_lastfm_dup_url (fixture->lastfm);
  g_setenv ("RSB_LISTENBRAINZ_API_URL", lb_url, TRUE);
  g_setenv ("RSB_LASTFM_API_URL", lastfm_url, TRUE);
  rsb_fake_listenbrainz_add_series (fixture->lb, "amelie", 1200, T0, 200);
  rsb_fake_lastfm_add_series (fixture->lastfm, "amelie_fm", 300, T0 + 400000, 200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rsb_secrets_clear (RSB_SERVICE_LASTFM, RSB_SECRET_API_KEY, NULL, NULL);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->lb, rsb_fake_listenbrainz_free);
  g_clear_pointer (&fixture->lastfm, rsb_fake_lastfm_free);
  g_free (fixture->path);
  rsb_test_dir_remove (fixture->dir);
}

static char *
stored_key (void)
{
  g_autoptr(GError) error = NULL;
  char *key = rsb_secrets_lookup (RSB_SERVICE_LASTFM, RSB_SECRET_API_KEY, NULL, &error);

  g_assert_no_error (error);
  return key;
}

static void
assert_not_in_library (Fixture    *fixture,
                       const char *secret)
{
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_assert_null (memmem (contents, length, secret, strlen (secret)));
    }
}

static void
test_listenbrainz (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbAccount) account = NULL;
  RsbSyncSummary summary = { 0, };
  gint64 count = -1;

  /* A name ListenBrainz does not know: said, and nothing kept. */
  g_assert_false (rsb_history_accounts_connect (fixture->store, RSB_SERVICE_LISTENBRAINZ, "amelei", NULL,
                                                &count, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NO_SUCH_USER);
  g_assert_nonnull (strstr (error->message, "amelei"));
  g_assert_null (rsb_store_get_account (fixture->store, "listenbrainz", NULL));
  g_clear_error (&error);

  /* Blank: not even asked. */
  g_assert_false (rsb_history_accounts_connect (fixture->store, RSB_SERVICE_LISTENBRAINZ, "  ", NULL,
                                                &count, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED);
  g_assert_cmpuint (rsb_fake_listenbrainz_count (fixture->lb, "total"), ==, 1);
  g_clear_error (&error);

  g_assert_true (rsb_history_accounts_connect (fixture->store, RSB_SERVICE_LISTENBRAINZ, " amelie ", NULL,
                                               &count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 1200);
  account = rsb_store_get_account (fixture->store, "listenbrainz", NULL);
  g_assert_cmpstr (account->account_id, ==, "amelie");

  /* The app's one sync entry point reaches it. */
  g_assert_true (rsb_accounts_sync (fixture->store, RSB_SERVICE_LISTENBRAINZ, NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 1200);

  g_assert_true (rsb_accounts_disconnect (fixture->store, RSB_SERVICE_LISTENBRAINZ, NULL, &error));
  g_assert_null (rsb_store_get_account (fixture->store, "listenbrainz", NULL));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 1200);
  g_assert_false (rsb_accounts_sync (fixture->store, RSB_SERVICE_LISTENBRAINZ, NULL, NULL, &summary, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED);
}

static void
test_lastfm (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  RsbSyncSummary summary = { 0, };
  gint64 count = -1;

  /* A wrong key: refused by Last.fm, kept nowhere. */
  g_assert_false (rsb_history_accounts_connect (fixture->store, RSB_SERVICE_LASTFM, "amelie_fm",
                                                "0000wrong0000key0000", &count, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_BAD_KEY);
  g_assert_null (strstr (error->message, "0000wrong0000key0000"));
  key = stored_key ();
  g_assert_null (key);
  g_assert_null (rsb_store_get_account (fixture->store, "lastfm", NULL));
  g_clear_error (&error);

  g_assert_false (rsb_history_accounts_connect (fixture->store, RSB_SERVICE_LASTFM, "amelie_fm", "",
                                                &count, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  g_assert_true (rsb_history_accounts_connect (fixture->store, RSB_SERVICE_LASTFM, "amelie_fm", KEY "\n",
                                               &count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 300);
  key = stored_key ();
  g_assert_cmpstr (key, ==, KEY);
  g_clear_pointer (&key, g_free);

  /* Synced with the key from the keyring, which the library never holds. */
  g_assert_true (rsb_accounts_sync (fixture->store, RSB_SERVICE_LASTFM, NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_plays, ==, 300);
  assert_not_in_library (fixture, KEY);

  /* Disconnect forgets the key too; the scrobbles stay. */
  g_assert_true (rsb_accounts_disconnect (fixture->store, RSB_SERVICE_LASTFM, NULL, &error));
  key = stored_key ();
  g_assert_null (key);
  g_assert_null (rsb_store_get_account (fixture->store, "lastfm", NULL));
  g_assert_cmpint (rsb_store_count_plays (fixture->store), ==, 300);
}

/* Connected, but the key went from the keyring (another tool removed
 * it): the sync says what to do instead of asking Last.fm without it. */
static void
test_lastfm_key_gone (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RsbSyncSummary summary = { 0, };
  gint64 count;

  g_assert_true (rsb_history_accounts_connect (fixture->store, RSB_SERVICE_LASTFM, "amelie_fm", KEY,
                                               &count, NULL, &error));
  g_assert_true (rsb_secrets_clear (RSB_SERVICE_LASTFM, RSB_SECRET_API_KEY, NULL, &error));
  g_assert_false (rsb_accounts_sync (fixture->store, RSB_SERVICE_LASTFM, NULL, NULL, &summary, NULL, &error));
  g_assert_error (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "Last.fm"));
  g_assert_cmpuint (rsb_fake_lastfm_count (fixture->lastfm, "tracks"), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history-accounts/listenbrainz", Fixture, NULL, fixture_set_up, test_listenbrainz, fixture_tear_down);
  g_test_add ("/history-accounts/lastfm", Fixture, NULL, fixture_set_up, test_lastfm, fixture_tear_down);
  g_test_add ("/history-accounts/lastfm-key-gone", Fixture, NULL, fixture_set_up, test_lastfm_key_gone,
              fixture_tear_down);
  return g_test_run ();
}
