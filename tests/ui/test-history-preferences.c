/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences → Accounts → ListenBrainz and Last.fm as a person uses
 * them, against the fake services: Connect waits for what it needs,
 * a wrong name or key is said under the status and nothing is kept, a
 * good one connects, shows the user's name as text, and the first sync
 * runs; Disconnect takes the Last.fm key out of the keyring. Runs under
 * with-keyring.sh and xvfb-run. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rsb-fake-lastfm.h"
#include "rsb-fake-listenbrainz.h"
#include "rsb-preferences-window.h"
#include "rsb-secrets.h"
#include "rsb-store.h"
#include "rsb-test-dir.h"
#include "rsb-test-ui.h"

#define KEY "c0ffee00c0ffee00c0ffee00c0ffee00"
#define LB_USER "amélie <3"
#define T0 G_GINT64_CONSTANT (1715666400)

typedef struct {
  char                 *dir;
  char                 *path;
  RsbFakeListenBrainz  *lb;
  RsbFakeLastfm        *lastfm;
  RsbSyncScheduler     *scheduler;
  RsbPreferencesWindow *window;
} Fixture;

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_for (Fixture   *f,
          Condition  condition,
          guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (f) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return condition (f);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0 &&
      gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_group (Fixture    *f,
            const char *title)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, f->window);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);
      if (ADW_IS_PREFERENCES_GROUP (widget) &&
          g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }
  return NULL;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lb_url = NULL, *lastfm_url = NULL;

  f->dir = rsb_test_dir_new ("history-preferences");
  g_setenv ("RSB_DATA_DIR", f->dir, TRUE);
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->lb = rsb_fake_listenbrainz_new (&error);
  g_assert_no_error (error);
  f->lastfm = rsb_fake_lastfm_new (KEY, &error);
  g_assert_no_error (error);
  lb_url = rsb_fake_listenbrainz_dup_url (f->lb);
  lastfm_url = rsb_fake_lastfm_dup_url (f->lastfm);
  g_setenv ("RSB_LISTENBRAINZ_API_URL", lb_url, TRUE);
  g_setenv ("RSB_LASTFM_API_URL", lastfm_url, TRUE);
  rsb_fake_listenbrainz_add_series (f->lb, LB_USER, 1200, T0, 200);
  rsb_fake_lastfm_add_series (f->lastfm, "amelie_fm", 300, T0 + 400000, 200);

  f->scheduler = rsb_sync_scheduler_new (f->path);
  f->window = rsb_preferences_window_new (NULL, f->scheduler, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  rsb_test_wait_ms (300);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (find_group (f, "ListenBrainz"),
                                                                                          ADW_TYPE_PREFERENCES_PAGE)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rsb_test_wait_ms (50);
  g_clear_object (&f->scheduler);
  g_clear_pointer (&f->lb, rsb_fake_listenbrainz_free);
  g_clear_pointer (&f->lastfm, rsb_fake_lastfm_free);
  rsb_secrets_clear (RSB_SERVICE_LASTFM, RSB_SECRET_API_KEY, NULL, NULL);
  rsb_test_dir_remove (f->dir);
  g_free (f->path);
}

static const char *
status_subtitle (GtkWidget *group)
{
  GtkWidget *row = find_row (group, "Not connected");

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
lb_refused (Fixture *f)
{
  GtkWidget *row = find_row (find_group (f, "ListenBrainz"), "Not connected");

  return row != NULL && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "has no user") != NULL;
}

/* Connected, and the sync that connecting starts has run. */
static gboolean
lb_synced (Fixture *f)
{
  GtkWidget *group = find_group (f, "ListenBrainz");
  GtkWidget *row = find_row (group, "Connected");

  return row != NULL && g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Last synced") &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (find_row (group, "User Name"))), LB_USER) == 0 &&
         !rsb_sync_scheduler_get_busy (f->scheduler);
}

static gint64
plays_in_library (Fixture *f)
{
  g_autoptr(RsbStore) store = rsb_store_open (f->path, NULL);

  return store != NULL ? rsb_store_count_plays (store) : -1;
}

static void
test_listenbrainz (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *group = find_group (f, "ListenBrainz");
  GtkEditable *user = GTK_EDITABLE (find_row (group, "User Name"));
  GtkWidget *connect = GTK_WIDGET (find_button (group, "_Connect"));
  GtkWidget *status, *sync;

  /* No key to ask for, and Connect waits for a name. */
  g_assert_null (find_row (group, "API Key"));
  g_assert_false (gtk_widget_get_sensitive (connect));
  g_assert_cmpstr (status_subtitle (group), ==, "Enter your user name above to connect");

  gtk_editable_set_text (user, "nobody-by-that-name");
  g_assert_true (gtk_widget_get_sensitive (connect));
  gtk_widget_activate (connect);
  g_assert_true (wait_for (f, lb_refused, 20));
  g_assert_cmpstr (status_subtitle (group), ==, "ListenBrainz has no user “nobody-by-that-name”");
  g_assert_nonnull (find_button (group, "_Connect"));

  gtk_editable_set_text (user, LB_USER);
  g_assert_cmpstr (status_subtitle (group), ==, "");
  gtk_widget_activate (connect);
  g_assert_true (wait_for (f, lb_synced, 60));
  /* The name as typed (an entry: never read as markup), kept fixed. */
  status = find_row (group, "Connected");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (status)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (user)));
  g_assert_cmpint (plays_in_library (f), ==, 1200);
  g_assert_nonnull (find_button (group, "_Disconnect"));
  /* Sync Now is an icon, named for screen readers. */
  sync = rsb_test_find_widget (status, GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sync), ==, "Sync Now");
  g_signal_emit_by_name (sync, "clicked");
  g_assert_true (rsb_sync_scheduler_get_busy (f->scheduler));
  g_assert_true (wait_for (f, lb_synced, 30));
  g_assert_cmpint (plays_in_library (f), ==, 1200);
}

static gboolean
lastfm_refused (Fixture *f)
{
  GtkWidget *row = find_row (find_group (f, "Last.fm"), "Not connected");

  return row != NULL && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "API key") != NULL &&
         gtk_widget_get_sensitive (GTK_WIDGET (find_button (find_group (f, "Last.fm"), "_Connect")));
}

static gboolean
lastfm_synced (Fixture *f)
{
  GtkWidget *row = find_row (find_group (f, "Last.fm"), "Connected");

  return row != NULL && g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Last synced") &&
         !rsb_sync_scheduler_get_busy (f->scheduler);
}

static gboolean
lastfm_disconnected (Fixture *f)
{
  return find_row (find_group (f, "Last.fm"), "Not connected") != NULL;
}

static char *
kept_key (void)
{
  return rsb_secrets_lookup (RSB_SERVICE_LASTFM, RSB_SECRET_API_KEY, NULL, NULL);
}

static void
test_lastfm (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *group = find_group (f, "Last.fm");
  GtkEditable *user = GTK_EDITABLE (find_row (group, "User Name"));
  GtkEditable *key = GTK_EDITABLE (find_row (group, "API Key"));
  GtkWidget *connect = GTK_WIDGET (find_button (group, "_Connect"));
  GtkLinkButton *link = GTK_LINK_BUTTON (rsb_test_find_widget (group, GTK_TYPE_LINK_BUTTON));
  g_autofree char *stored = NULL;
  AdwMessageDialog *dialog;

  /* Where a key is made, and that the key is needed too. */
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_link_button_get_uri (link), ==, "https://www.last.fm/api/account/create");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), "five requests"));
  gtk_editable_set_text (user, "amelie_fm");
  g_assert_false (gtk_widget_get_sensitive (connect));
  g_assert_cmpstr (status_subtitle (group), ==, "Enter your user name and API key above to connect");

  gtk_editable_set_text (key, "0000not0the0key0000");
  gtk_widget_activate (connect);
  g_assert_true (wait_for (f, lastfm_refused, 20));
  g_assert_cmpstr (status_subtitle (group), ==, "Last.fm does not accept the API key");
  stored = kept_key ();
  g_assert_null (stored);

  gtk_editable_set_text (key, KEY);
  gtk_widget_activate (connect);
  g_assert_true (wait_for (f, lastfm_synced, 60));
  stored = kept_key ();
  g_assert_cmpstr (stored, ==, KEY);
  g_clear_pointer (&stored, g_free);
  /* Connected, the key is not shown again, nor kept in the row. */
  g_assert_null (find_row (group, "API Key"));
  g_assert_cmpstr (gtk_editable_get_text (key), ==, "");
  g_assert_cmpint (plays_in_library (f), ==, 300);

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (find_button (group, "_Disconnect"))));
  g_signal_emit_by_name (find_button (group, "_Disconnect"), "clicked");
  rsb_test_wait_ms (100);
  dialog = ADW_MESSAGE_DIALOG (rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "disconnect");
  g_assert_true (wait_for (f, lastfm_disconnected, 20));
  stored = kept_key ();
  g_assert_null (stored);
  g_assert_nonnull (find_row (group, "API Key"));
  /* What was synced stays. */
  g_assert_cmpint (plays_in_library (f), ==, 300);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/history-preferences/listenbrainz", Fixture, NULL, fixture_set_up, test_listenbrainz,
              fixture_tear_down);
  g_test_add ("/history-preferences/lastfm", Fixture, NULL, fixture_set_up, test_lastfm, fixture_tear_down);
  return g_test_run ();
}
