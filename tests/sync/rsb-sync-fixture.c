/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-sync-fixture.c: what the API and sync tests share. */
#include "rsb-sync-fixture.h"

#include "rsb-fake-oauth.h"
#include "rsb-http.h"
#include "rsb-token-source.h"

RsbApiClient *
rsb_sync_fixture_client (RsbService  service,
                         RsbFakeApi *api)
{
  gboolean strava = service == RSB_SERVICE_STRAVA;
  g_autofree char *auth_url = rsb_fake_api_dup_auth_url (api);
  g_autofree char *api_url = rsb_fake_api_dup_api_url (api);
  g_autoptr(SoupSession) session = rsb_http_session_new ();
  g_autoptr(RsbTokenSource) source = NULL;
  g_autoptr(GError) error = NULL;
  RsbTokens tokens = { NULL, };
  RsbApiClient *client;

  g_setenv (strava ? "RSB_STRAVA_AUTH_URL" : "RSB_SPOTIFY_AUTH_URL", auth_url, TRUE);
  g_setenv (strava ? "RSB_STRAVA_API_URL" : "RSB_SPOTIFY_API_URL", api_url, TRUE);
  rsb_fake_oauth_issue (rsb_fake_api_get_oauth (api), &tokens.access_token,
                        &tokens.refresh_token, &tokens.expires_at_ms);
  source = rsb_token_source_new (service, session, RSB_FAKE_CLIENT_ID,
                                 strava ? RSB_FAKE_CLIENT_SECRET : NULL, &tokens);
  g_free (tokens.access_token);
  g_free (tokens.refresh_token);

  client = rsb_api_client_new_for_service (source, &error);
  g_assert_no_error (error);
  rsb_api_client_set_backoff_ms (client, 1);
  rsb_api_client_set_timeout (client, 1);
  return client;
}

static void
append_column_digests (GString          *dump,
                       const RsbStreams *streams)
{
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      g_autofree char *digest = NULL;

      if (streams == NULL || streams->columns[kind] == NULL)
        {
          g_string_append (dump, "\t-");
          continue;
        }
      digest = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (const guchar *) streams->columns[kind],
                                            streams->n_points * sizeof (double));
      g_string_append_printf (dump, "\t%s:%s", rsb_stream_kind_name (kind), digest);
    }
}

char *
rsb_sync_fixture_dump_activities (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = rsb_store_list_activities (store, &error);
  GString *dump = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < activities->len; i++)
    {
      const RsbActivityInfo *info = g_ptr_array_index (activities, i);
      g_autoptr(RsbStreams) streams = rsb_store_load_streams (store, info->id, NULL);

      g_string_append_printf (dump,
                              "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT
                              "\t%.3f\t%.3f\t%.3f\t%.6f\t%.6f\t%.6f\t%.6f\t%u",
                              info->id, info->source, info->source_id, info->name,
                              info->sport ? info->sport : "", info->start_ms,
                              info->elapsed_s, info->moving_s, info->distance_m,
                              info->min_lat, info->min_lon, info->max_lat, info->max_lon,
                              info->n_points);
      append_column_digests (dump, streams);
      g_string_append_c (dump, '\n');
    }
  return g_string_free (dump, FALSE);
}

char *
rsb_sync_fixture_dump_plays (RsbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = rsb_store_plays_between (store, G_MININT64 / 2, G_MAXINT64 / 2, &error);
  GString *dump = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < plays->len; i++)
    {
      const RsbPlay *play = g_ptr_array_index (plays, i);

      g_string_append_printf (dump, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                              "\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\n",
                              play->start_ms, play->end_ms, play->ms_played,
                              play->track.uri, play->track.title, play->track.artists,
                              play->track.album, play->track.duration_ms,
                              play->track.isrc, play->track.artwork_url);
    }
  return g_string_free (dump, FALSE);
}
