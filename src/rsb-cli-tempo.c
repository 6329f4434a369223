/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli-tempo.c: --lookup-tempo, filling missing BPMs from Deezer and
 * ReccoBeats from a script or over SSH. Naming a service on the command
 * line is the user's consent to send it titles, artists and ids; with
 * none named, the services turned on in Preferences are asked. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-cli-private.h"
#include "rsb-sync-error.h"
#include "rsb-tempo-lookup.h"

/* A line every this many tracks, and on every pause. */
#define PROGRESS_EVERY 50

typedef struct {
  guint  last_done[RSB_TEMPO_N_SERVICES];
  gint64 last_pause[RSB_TEMPO_N_SERVICES];
} Progress;

static void
print_progress (const RsbTempoLookupProgress *progress,
                gpointer                      user_data)
{
  Progress *state = user_data;
  const char *name = rsb_tempo_service_display_name (progress->service);
  guint done = progress->n_done;

  if (progress->paused_until_ms != state->last_pause[progress->service])
    {
      state->last_pause[progress->service] = progress->paused_until_ms;
      if (progress->paused_until_ms > 0)
        /* Translators: "Deezer: quota spent, waiting 5 s" */
        g_print (_("%s: quota spent, waiting %lld s\n"), name,
                 (long long) ((progress->paused_until_ms - g_get_real_time () / 1000 + 999) / 1000));
    }
  if (done != progress->n_tracks && done < state->last_done[progress->service] + PROGRESS_EVERY)
    return;
  if (done == state->last_done[progress->service] && done != 0)
    return;
  state->last_done[progress->service] = done;
  /* Translators: "Deezer: 120 of 2000 tracks, 87 tempi found" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u track, %u found\n",
                        "%s: %u of %u tracks, %u tempi found\n", progress->n_tracks),
           name, done, progress->n_tracks, progress->n_found);
}

static char *
local_clock (gint64 utc_ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local ((utc_ms + 59999) / 60000 * 60);

  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* The services named, or those turned on in Preferences; FALSE after
 * saying why. */
static gboolean
choose_services (const char * const *names,
                 gboolean            chosen[RSB_TEMPO_N_SERVICES],
                 int                *status)
{
  gboolean any = FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      RsbTempoService service;

      if (!rsb_tempo_service_from_id (names[i], &service))
        {
          g_printerr (_("Unknown tempo service “%s”: use deezer or reccobeats\n"), names[i]);
          *status = EXIT_USAGE;
          return FALSE;
        }
      chosen[service] = any = TRUE;
    }
  if (!any)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      chosen[RSB_TEMPO_SERVICE_DEEZER] = g_settings_get_boolean (settings, "tempo-lookup-deezer");
      chosen[RSB_TEMPO_SERVICE_RECCOBEATS] = g_settings_get_boolean (settings, "tempo-lookup-reccobeats");
      any = chosen[RSB_TEMPO_SERVICE_DEEZER] || chosen[RSB_TEMPO_SERVICE_RECCOBEATS];
    }
  if (!any)
    {
      g_printerr (_("No tempo service is turned on: name one (--lookup-tempo deezer or --lookup-tempo reccobeats), "
                    "or turn one on in Preferences → Music. Nothing was sent.\n"));
      *status = EXIT_USAGE;
    }
  return any;
}

static int
report_end (RsbTempoLookup *lookup,
            const gboolean  chosen[RSB_TEMPO_N_SERVICES],
            GError         *error)
{
  gint64 resume = 0;

  for (guint i = 0; i < RSB_TEMPO_N_SERVICES; i++)
    if (chosen[i])
      resume = MAX (resume, rsb_tempo_lookup_get_paused_until (lookup, i));
  if (error == NULL)
    return EXIT_SUCCESS;
  if (g_error_matches (error, RSB_SYNC_ERROR, RSB_SYNC_ERROR_RATE_LIMITED) && resume > 0)
    {
      g_autofree char *when = local_clock (resume);

      /* Translators: "<why it paused>; the tempi found so far are kept. Run again after 2026-12-07 14:45." */
      g_printerr (_("%s; the tempi found so far are kept. Run again after %s.\n"), error->message, when);
      return RSB_CLI_EXIT_TEMPFAIL;
    }
  g_printerr (_("Tempo lookup stopped: %s. The songs not looked up are kept for the next run.\n"), error->message);
  return EXIT_FAILURE;
}

int
rsb_cli_lookup_tempo (const char * const *names)
{
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbTempoLookup) lookup = NULL;
  g_autoptr(RsbApiClient) spotify = NULL;
  g_autoptr(GError) error = NULL;
  gboolean chosen[RSB_TEMPO_N_SERVICES] = { FALSE, };
  Progress progress = { { 0, }, };
  int status = EXIT_SUCCESS;

  if (!choose_services (names, chosen, &status))
    return status;
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  lookup = rsb_tempo_lookup_new (store);
  for (guint i = 0; i < RSB_TEMPO_N_SERVICES; i++)
    {
      g_autoptr(RsbCatalogueClient) client = NULL;

      if (!chosen[i])
        continue;
      if ((client = rsb_tempo_lookup_new_client (i, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      rsb_tempo_lookup_set_client (lookup, i, client);
    }
  if (chosen[RSB_TEMPO_SERVICE_DEEZER] && (spotify = rsb_tempo_lookup_spotify_client (store, NULL)) != NULL)
    rsb_tempo_lookup_set_spotify (lookup, spotify);
  rsb_tempo_lookup_set_progress (lookup, print_progress, &progress);
  rsb_tempo_lookup_run (lookup, NULL, &error);
  return report_end (lookup, chosen, error);
}
