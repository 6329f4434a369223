/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli-accounts.c: --connect, --sync and --disconnect, for people
 * who script their syncs or run the app on a machine without a
 * desktop session. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rsb-cli-private.h"
#include "rsb-accounts.h"
#include "rsb-format.h"
#include "rsb-history-accounts.h"
#include "rsb-oauth-listener.h"
#include "rsb-sync-error.h"

static gboolean
parse_service (const char *id,
               RsbService *out_service)
{
  if (rsb_service_from_id (id, out_service))
    return TRUE;
  g_printerr (_("Unknown service “%s”: use strava, spotify, listenbrainz or lastfm\n"), id ? id : "");
  return FALSE;
}

static guint
callback_port (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_uint (settings, "oauth-port");
}

static void
show_url (const char *url,
          gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  g_print (_("Sign in with your browser; if it does not open, visit:\n%s\n"), url);
  if (!g_app_info_launch_default_for_uri (url, NULL, &error))
    g_printerr (_("No browser could be opened (%s): open the address above yourself.\n"), error->message);
}

/* One line from the standard input, without its line break: a key
 * typed or piped in never shows in the process list or the history,
 * and, typed at a terminal, not on the screen either. */
static char *
read_secret_line (void)
{
  char buffer[512];
  struct termios saved, quiet;
  gboolean hidden = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char *line = NULL;

  if (hidden)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      hidden = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  if (fgets (buffer, sizeof buffer, stdin) != NULL)
    {
      buffer[strcspn (buffer, "\r\n")] = '\0';
      line = g_strdup (buffer);
    }
  if (hidden)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      /* The Enter that ended the key was not echoed either. */
      g_print ("\n");
    }
  /* The key leaves no copy on the stack. */
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

/* ListenBrainz and Last.fm: checked with one request, then kept. */
static int
connect_history (RsbStore   *store,
                 RsbService  service,
                 const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *figure = NULL;
  const char *name = rsb_service_display_name (service);
  gint64 count = 0;

  if (user == NULL)
    {
      /* Translators: %s is a service, "--connect listenbrainz NAME" */
      g_printerr (_("Give your %s user name after the service: --connect %s NAME\n"), name,
                  rsb_service_id (service));
      return EXIT_USAGE;
    }
  if (service == RSB_SERVICE_LASTFM)
    {
      g_printerr (_("Last.fm API key (made at https://www.last.fm/api/account/create): "));
      key = read_secret_line ();
    }
  if (!rsb_history_accounts_connect (store, service, user, key, &count, NULL, &error))
    {
      g_printerr (_("Could not connect %s: %s\n"), name, error->message);
      if (key != NULL)
        memset (key, 0, strlen (key));
      return EXIT_FAILURE;
    }
  if (key != NULL)
    memset (key, 0, strlen (key));
  figure = rsb_format_count ((guint) CLAMP (count, 0, G_MAXUINT));
  if (service == RSB_SERVICE_LASTFM)
    /* Translators: "Connected to Last.fm as runner42 (12,345 scrobbles)." */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Connected to %s as %s (%s scrobble).\n",
                          "Connected to %s as %s (%s scrobbles).\n", (gulong) CLAMP (count, 0, (gint64) G_MAXUINT)),
             name, user, figure);
  else
    /* Translators: "Connected to ListenBrainz as runner42 (12,345 listens)." */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Connected to %s as %s (%s listen).\n",
                          "Connected to %s as %s (%s listens).\n", (gulong) CLAMP (count, 0, (gint64) G_MAXUINT)),
             name, user, figure);
  return EXIT_SUCCESS;
}

int
rsb_cli_connect (const char *service_id,
                 const char *user)
{
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RsbService service;

  if (!parse_service (service_id, &service))
    return EXIT_USAGE;
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  if (!rsb_service_uses_oauth (service))
    return connect_history (store, service, user);
  if (!rsb_accounts_connect (store, service, callback_port (), RSB_OAUTH_TIMEOUT_MS,
                             show_url, NULL, NULL, &error))
    {
      g_printerr (_("Could not connect %s: %s\n"), rsb_service_display_name (service), error->message);
      return EXIT_FAILURE;
    }
  g_print (_("Connected to %s.\n"), rsb_service_display_name (service));
  return EXIT_SUCCESS;
}

int
rsb_cli_disconnect (const char *service_id)
{
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RsbService service;

  if (!parse_service (service_id, &service))
    return EXIT_USAGE;
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  if (!rsb_accounts_disconnect (store, service, NULL, &error))
    {
      g_printerr (_("Could not disconnect %s: %s\n"), rsb_service_display_name (service), error->message);
      return EXIT_FAILURE;
    }
  g_print (_("Disconnected from %s; the activities and plays it brought stay in the library.\n"),
           rsb_service_display_name (service));
  return EXIT_SUCCESS;
}

static void
print_progress (const char *message,
                double      fraction,
                gint64      activity_id,
                gpointer    user_data)
{
  RsbService service = GPOINTER_TO_UINT (user_data);

  if (fraction >= 0)
    g_print ("%s: [%3.0f%%] %s\n", rsb_service_display_name (service), fraction * 100, message);
  else
    g_print ("%s: %s\n", rsb_service_display_name (service), message);
}

static char *
local_clock (gint64 utc_ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (utc_ms / 1000);

  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* "3 new activities, 1 new play": each count with its own plural form. */
static char *
new_items (const RsbSyncSummary *summary)
{
  g_autofree char *activities = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new activity", "%u new activities",
                                                              summary->n_activities),
                                                 summary->n_activities);
  g_autofree char *plays = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new play", "%u new plays", summary->n_plays),
                                            summary->n_plays);

  /* Translators: joins "%u new activities" and "%u new plays" */
  return g_strdup_printf (_("%s, %s"), activities, plays);
}

/* 0 on success, the exit status otherwise. Services nobody connected
 * are skipped when syncing them all. */
static int
sync_one (RsbStore   *store,
          RsbService  service,
          gboolean    named)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resume = NULL;
  RsbSyncSummary summary = { 0, };
  const char *name = rsb_service_display_name (service);

  if (rsb_accounts_sync (store, service, print_progress, GUINT_TO_POINTER (service), &summary, NULL, &error))
    {
      g_autofree char *news = new_items (&summary);

      /* Translators: "Strava: 3 new activities, 1 new play" */
      g_print (_("%s: %s\n"), name, news);
      return EXIT_SUCCESS;
    }
  if (!named && g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_NOT_CONNECTED))
    return EXIT_SUCCESS;
  if (g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED))
    {
      g_autofree char *news = new_items (&summary);

      resume = local_clock (summary.paused_until_ms);
      /* Translators: "Strava: <why it paused>; 3 new activities, 1 new play kept. Run again after 14:45." */
      g_printerr (_("%s: %s; %s kept. Run again after %s.\n"), name, error->message, news, resume);
      return RSB_CLI_EXIT_TEMPFAIL;
    }
  g_printerr (_("%s: sync failed: %s\n"), name, error->message);
  return EXIT_FAILURE;
}

int
rsb_cli_sync (const char *service_id)
{
  g_autoptr(RsbStore) store = NULL;
  RsbService service;
  int status = EXIT_SUCCESS;

  if (service_id != NULL && !parse_service (service_id, &service))
    return EXIT_USAGE;
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  if (service_id != NULL)
    return sync_one (store, service, TRUE);
  /* A paused or failed service does not keep the other from syncing. */
  for (service = 0; service < RSB_N_SERVICES; service++)
    {
      int one = sync_one (store, service, FALSE);
      if (one != EXIT_SUCCESS && status != EXIT_FAILURE)
        status = one;
    }
  return status;
}
