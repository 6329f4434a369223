/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Online tempo lookups as a person meets them: the Songs page's offer
 * ("Look up the tempo of 3 songs online?") saying what is sent, which
 * sends nothing until Turn On and is not shown again after an answer;
 * Preferences → Music's switches, Look Up Now, and a spent quota shown
 * with the time to try again. Against the fake Deezer and ReccoBeats. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rsb-fake-deezer.h"
#include "rsb-fake-reccobeats.h"
#include "rsb-songs-page.h"
#include "rsb-store.h"
#include "rsb-tempo-lookup-group.h"
#include "rsb-tempo-lookup-task.h"
#include "rsb-test-dir.h"
#include "rsb-test-render.h"
#include "rsb-test-ui.h"

#define T0 G_GINT64_CONSTANT (1750000000000)
#define N_SONGS 3

static RsbFakeDeezer *deezer;
static RsbFakeReccoBeats *reccobeats;

typedef struct {
  char      *dir;
  RsbStore  *store;
  GSettings *settings;
  GtkWindow *window;
  guint      finished;
} Fixture;

static void
on_finished (RsbTempoLookupTask *task,
             guint               n_found,
             Fixture            *f)
{
  f->finished++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = rsb_test_dir_new ("tempo-ui");
  g_setenv ("RSB_DATA_DIR", f->dir, TRUE);
  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = rsb_store_open (path, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "tempo-lookup-deezer");
  g_settings_reset (f->settings, "tempo-lookup-reccobeats");
  g_settings_reset (f->settings, "tempo-lookup-offered");
  rsb_tempo_lookup_forget_quota ();
  rsb_fake_deezer_block (deezer, 0);
  g_assert_true (rsb_store_begin (f->store, &error));
  for (guint i = 0; i < N_SONGS; i++)
    {
      g_autoptr(RsbPlay) play = rsb_play_new ();
      gboolean added;

      play->track.uri = g_strdup_printf ("spotify:track:ui%020u", i);
      play->track.isrc = g_strdup_printf ("QZU%09u", i);
      play->track.title = g_strdup_printf ("Tune %u", i);
      play->track.artists = g_strdup ("Band & <b>Friends</b>");
      play->track.duration_ms = 180000;
      play->start_ms = T0 + i * 600000;
      play->end_ms = play->start_ms + 180000;
      play->ms_played = 180000;
      play->source = RSB_PLAY_SOURCE_EXTENDED;
      play->precision_ms = 1000;
      g_assert_true (rsb_store_add_play (f->store, play, &added, &error));
    }
  g_assert_true (rsb_store_commit (f->store, &error));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 640);
  g_signal_connect (rsb_tempo_lookup_task_get_default (), "finished", G_CALLBACK (on_finished), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (rsb_tempo_lookup_task_get_default (), f);
  gtk_window_destroy (f->window);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  rsb_test_dir_remove (f->dir);
}

static guint
count_tempi (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = rsb_store_plays_between (f->store, T0 - 1, T0 + 100 * 600000, &error);
  guint n = 0;

  for (guint i = 0; i < plays->len; i++)
    if (((RsbPlay *) g_ptr_array_index (plays, i))->track.bpm_source != RSB_TEMPO_SOURCE_NONE)
      n++;
  return n;
}

static void
wait_finished (Fixture *f,
               guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (f->finished < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->finished, ==, n);
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
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

static char *
labels_of (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  rsb_test_collect_labels (widget, text);
  return g_string_free (text, FALSE);
}

static GtkWidget *
show_songs_page (Fixture *f)
{
  GtkWidget *page = g_object_new (RSB_TYPE_SONGS_PAGE, NULL);

  gtk_window_set_child (f->window, page);
  rsb_songs_page_set_store (RSB_SONGS_PAGE (page), f->store);
  gtk_window_present (f->window);
  rsb_test_wait_ms (200);
  return page;
}

static void
test_offer_turn_on (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = show_songs_page (f);
  g_autofree char *text = labels_of (page);
  g_autoptr(GdkTexture) shot = NULL;

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Look up the tempo of 3 songs online?"));
  g_assert_nonnull (strstr (text, "Titles, artists and ISRCs of your songs are sent to Deezer"));
  g_assert_nonnull (strstr (text, "Spotify track ids are sent to ReccoBeats"));
  shot = rsb_test_render (page, "tempo-offer.png");
  /* Offered, not yet accepted: nothing sent. */
  g_assert_cmpuint (rsb_fake_deezer_count (deezer, "total"), ==, 0);
  g_assert_cmpuint (rsb_fake_reccobeats_count (reccobeats, "total"), ==, 0);

  g_signal_emit_by_name (find_button (page, "_Turn On"), "clicked");
  g_assert_true (g_settings_get_boolean (f->settings, "tempo-lookup-deezer"));
  g_assert_true (g_settings_get_boolean (f->settings, "tempo-lookup-reccobeats"));
  g_assert_true (g_settings_get_boolean (f->settings, "tempo-lookup-offered"));
  wait_finished (f, 1);
  g_assert_cmpuint (count_tempi (f), ==, N_SONGS);
  g_assert_null (find_button (page, "_Turn On"));
}

static void
test_offer_no_thanks (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *page = show_songs_page (f);
  guint sent = rsb_fake_deezer_count (deezer, "total") + rsb_fake_reccobeats_count (reccobeats, "total");

  g_signal_emit_by_name (find_button (page, "_No Thanks"), "clicked");
  g_assert_true (g_settings_get_boolean (f->settings, "tempo-lookup-offered"));
  g_assert_false (g_settings_get_boolean (f->settings, "tempo-lookup-deezer"));
  rsb_songs_page_reload (RSB_SONGS_PAGE (page));
  rsb_test_wait_ms (300);
  g_assert_null (find_button (page, "_No Thanks"));
  g_assert_null (find_button (page, "_Turn On"));
  g_assert_cmpuint (rsb_fake_deezer_count (deezer, "total") + rsb_fake_reccobeats_count (reccobeats, "total"), ==, sent);
  g_assert_false (rsb_tempo_lookup_task_is_busy (rsb_tempo_lookup_task_get_default ()));
}

static GtkWidget *
show_group (Fixture *f)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = rsb_tempo_lookup_group_new (f->store);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_window_set_child (f->window, page);
  gtk_window_present (f->window);
  rsb_test_wait_ms (200);
  return group;
}

/* Off: Look Up Now does nothing; turning Deezer on starts it. */
static void
test_group_switches (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *group = show_group (f);
  g_autofree char *before = labels_of (group);
  g_autofree char *after = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  GtkButton *start = find_button (group, "_Look Up Now");
  guint sent = rsb_fake_deezer_count (deezer, "total");

  g_test_message ("%s", before);
  g_assert_nonnull (strstr (before, "Titles, artists and ISRCs of your songs are sent to Deezer"));
  g_assert_nonnull (strstr (before, "Turn on a service to look up tempi."));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (start)));
  shot = rsb_test_render (group, "tempo-lookup-group.png");

  g_settings_set_boolean (f->settings, "tempo-lookup-deezer", TRUE);
  wait_finished (f, 1);
  g_assert_cmpuint (rsb_fake_deezer_count (deezer, "total"), ==, sent + N_SONGS);
  g_assert_cmpuint (count_tempi (f), ==, N_SONGS);
  after = labels_of (group);
  g_assert_nonnull (strstr (after, "0 songs have no tempo yet"));
}

/* Deezer's quota spent for minutes: the lookup stops and says until when. */
static void
test_group_quota (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *group = show_group (f);
  g_autofree char *text = NULL;
  g_autoptr(GdkTexture) shot = NULL;

  rsb_fake_deezer_block (deezer, 10 * 60 * 1000);
  g_settings_set_boolean (f->settings, "tempo-lookup-deezer", TRUE);
  wait_finished (f, 1);
  text = labels_of (group);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Paused until "));
  g_assert_nonnull (strstr (text, "(Deezer rate limit). The songs left are looked up then."));
  g_assert_cmpuint (count_tempi (f), ==, 0);
  rsb_test_wait_ms (200);
  shot = rsb_test_render (group, "tempo-lookup-quota.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  rsb_test_wait_ms (200);
  g_clear_object (&shot);
  shot = rsb_test_render (GTK_WIDGET (f->window), "tempo-lookup-quota-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Turning Deezer off while a lookup waits out its quota stops it there:
 * nothing more goes to Deezer, then or when the quota is back. */
static void
test_group_switch_off_stops (Fixture       *f,
                             gconstpointer  data)
{
  RsbTempoLookupTask *task = rsb_tempo_lookup_task_get_default ();
  guint sent;

  show_group (f);
  rsb_fake_deezer_block (deezer, 1500);
  g_settings_set_boolean (f->settings, "tempo-lookup-deezer", TRUE);
  rsb_test_wait_ms (300);
  g_assert_true (rsb_tempo_lookup_task_is_busy (task));
  g_settings_set_boolean (f->settings, "tempo-lookup-deezer", FALSE);
  sent = rsb_fake_deezer_count (deezer, "total");
  rsb_test_wait_ms (3000);
  g_assert_false (rsb_tempo_lookup_task_is_busy (task));
  g_assert_cmpuint (rsb_fake_deezer_count (deezer, "total"), ==, sent);
  g_assert_cmpuint (count_tempi (f), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deezer_url = NULL;
  g_autofree char *reccobeats_url = NULL;
  int status;

  /* Before any thread: the client reads its window from here. */
  g_setenv ("RSB_DEEZER_QUOTA_WINDOW_MS", "100", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  deezer = rsb_fake_deezer_new (50, 100, &error);
  g_assert_no_error (error);
  reccobeats = rsb_fake_reccobeats_new (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_SONGS; i++)
    {
      g_autofree char *isrc = g_strdup_printf ("QZU%09u", i);
      g_autofree char *title = g_strdup_printf ("Tune %u", i);
      g_autofree char *id = g_strdup_printf ("ui%020u", i);

      rsb_fake_deezer_add_track (deezer, 700 + i, isrc, "Band & <b>Friends</b>", title, 180, 160 + i);
      rsb_fake_reccobeats_add_track (reccobeats, id, 80 + i, 0.6);
    }
  deezer_url = rsb_fake_deezer_dup_url (deezer);
  reccobeats_url = rsb_fake_reccobeats_dup_url (reccobeats);
  g_setenv ("RSB_DEEZER_API_URL", deezer_url, TRUE);
  g_setenv ("RSB_RECCOBEATS_API_URL", reccobeats_url, TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/tempo-lookup-ui/offer/turn-on", test_offer_turn_on);
  ADD ("/tempo-lookup-ui/offer/no-thanks", test_offer_no_thanks);
  ADD ("/tempo-lookup-ui/group/switches", test_group_switches);
  ADD ("/tempo-lookup-ui/group/quota", test_group_quota);
  ADD ("/tempo-lookup-ui/group/switch-off-stops", test_group_switch_off_stops);
#undef ADD
  status = g_test_run ();
  rsb_fake_deezer_free (deezer);
  rsb_fake_reccobeats_free (reccobeats);
  return status;
}
