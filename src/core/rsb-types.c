/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-types.h"
#include "rsb-memory.h"

#include <math.h>
#include <string.h>

RsbStreams *
rsb_streams_new (guint n_points)
{
  RsbStreams *streams = g_new0 (RsbStreams, 1);

  streams->n_points = n_points;
  return streams;
}

/* One allocation rather than one per column: on virtual machines a
 * block large enough for huge pages fills several times faster than
 * the same bytes spread over column-sized blocks. */
RsbStreams *
rsb_streams_new_with (guint   n_points,
                      guint32 kinds)
{
  RsbStreams *streams = rsb_streams_new (n_points);
  gsize stride = MAX (n_points, 1);
  guint n_columns = 0;

  g_return_val_if_fail (kinds < RSB_STREAM_BIT (RSB_N_STREAMS), streams);

  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    n_columns += (kinds & RSB_STREAM_BIT (kind)) != 0;
  if (n_columns == 0)
    return streams;

  streams->block = rsb_malloc_filled (n_columns * stride * sizeof (double));
  for (gsize i = 0; i < n_columns * stride; i++)
    streams->block[i] = NAN;
  streams->in_block = kinds;
  for (guint kind = 0, at = 0; kind < RSB_N_STREAMS; kind++)
    {
      if (kinds & RSB_STREAM_BIT (kind))
        streams->columns[kind] = streams->block + stride * at++;
    }
  return streams;
}

void
rsb_streams_drop (RsbStreams    *streams,
                  RsbStreamKind  kind)
{
  g_return_if_fail (kind < RSB_N_STREAMS);

  if (!(streams->in_block & RSB_STREAM_BIT (kind)))
    g_free (streams->columns[kind]);
  streams->in_block &= ~RSB_STREAM_BIT (kind);
  streams->columns[kind] = NULL;
}

void
rsb_streams_free (RsbStreams *streams)
{
  if (streams == NULL)
    return;
  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    rsb_streams_drop (streams, kind);
  g_free (streams->block);
  g_free (streams);
}

/* Returns the column, creating it filled with NAN when absent. */
double *
rsb_streams_ensure (RsbStreams    *streams,
                    RsbStreamKind  kind)
{
  g_return_val_if_fail (kind < RSB_N_STREAMS, NULL);

  if (streams->columns[kind] == NULL)
    {
      streams->columns[kind] = rsb_malloc_filled (MAX (streams->n_points, 1) * sizeof (double));
      for (guint i = 0; i < streams->n_points; i++)
        streams->columns[kind][i] = NAN;
    }
  return streams->columns[kind];
}

gboolean
rsb_streams_has (const RsbStreams *streams,
                 RsbStreamKind     kind)
{
  return streams != NULL && kind < RSB_N_STREAMS && streams->columns[kind] != NULL;
}

/* The same recording: the same columns holding the same values (NAN
 * alike, bit for bit). */
gboolean
rsb_streams_equal (const RsbStreams *a,
                   const RsbStreams *b)
{
  if (a->n_points != b->n_points)
    return FALSE;
  for (guint k = 0; k < RSB_N_STREAMS; k++)
    {
      if ((a->columns[k] == NULL) != (b->columns[k] == NULL))
        return FALSE;
      if (a->columns[k] != NULL && memcmp (a->columns[k], b->columns[k], sizeof (double) * a->n_points) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
rsb_streams_has_route (const RsbStreams *streams)
{
  return rsb_streams_has (streams, RSB_STREAM_LAT) &&
         rsb_streams_has (streams, RSB_STREAM_LON) &&
         streams->n_points > 0;
}

guint32
rsb_streams_channels (const RsbStreams *streams)
{
  guint32 channels = 0;

  for (guint kind = 0; kind < RSB_N_STREAMS; kind++)
    {
      if (rsb_streams_has (streams, kind))
        channels |= RSB_STREAM_BIT (kind);
    }
  return channels;
}

const char *
rsb_stream_kind_name (RsbStreamKind kind)
{
  static const char *names[RSB_N_STREAMS] = {
    "time", "lat", "lon", "altitude", "heart_rate", "cadence", "distance", "speed",
  };

  g_return_val_if_fail (kind < RSB_N_STREAMS, NULL);
  return names[kind];
}

RsbActivityInfo *
rsb_activity_info_new (void)
{
  RsbActivityInfo *info = g_new0 (RsbActivityInfo, 1);

  info->start_ms = RSB_NO_TIME;
  info->min_lat = info->min_lon = info->max_lat = info->max_lon = NAN;
  return info;
}

RsbActivityInfo *
rsb_activity_info_copy (const RsbActivityInfo *info)
{
  RsbActivityInfo *copy = g_memdup2 (info, sizeof *info);

  copy->source = g_strdup (info->source);
  copy->source_id = g_strdup (info->source_id);
  copy->name = g_strdup (info->name);
  copy->sport = g_strdup (info->sport);
  copy->file_name = g_strdup (info->file_name);
  copy->recovered = g_strdup (info->recovered);
  return copy;
}

void
rsb_activity_info_free (RsbActivityInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->source);
  g_free (info->source_id);
  g_free (info->name);
  g_free (info->sport);
  g_free (info->file_name);
  g_free (info->recovered);
  g_free (info);
}

const char *
rsb_activity_info_display_name (const RsbActivityInfo *info)
{
  return info->name != NULL && info->name[0] != '\0' ? info->name : _("Workout");
}

gboolean
rsb_activity_info_has_times (const RsbActivityInfo *info)
{
  return info->start_ms != RSB_NO_TIME;
}

void
rsb_track_clear (RsbTrack *track)
{
  g_clear_pointer (&track->uri, g_free);
  g_clear_pointer (&track->title, g_free);
  g_clear_pointer (&track->artists, g_free);
  g_clear_pointer (&track->album, g_free);
  g_clear_pointer (&track->isrc, g_free);
  g_clear_pointer (&track->artwork_url, g_free);
  track->duration_ms = 0;
  track->bpm = 0;
  track->bpm_source = RSB_TEMPO_SOURCE_NONE;
  track->bpm_confidence = 0;
  track->energy = NAN;
}

void
rsb_track_copy_into (const RsbTrack *src,
                     RsbTrack       *dest)
{
  dest->uri = g_strdup (src->uri);
  dest->title = g_strdup (src->title);
  dest->artists = g_strdup (src->artists);
  dest->album = g_strdup (src->album);
  dest->duration_ms = src->duration_ms;
  dest->isrc = g_strdup (src->isrc);
  dest->artwork_url = g_strdup (src->artwork_url);
  dest->bpm = src->bpm;
  dest->bpm_source = src->bpm_source;
  dest->bpm_confidence = src->bpm_confidence;
  dest->energy = src->energy;
}

RsbPlay *
rsb_play_new (void)
{
  RsbPlay *play = g_new0 (RsbPlay, 1);

  play->track.energy = NAN;
  return play;
}

RsbPlay *
rsb_play_copy (const RsbPlay *play)
{
  RsbPlay *copy = g_memdup2 (play, sizeof *play);

  rsb_track_copy_into (&play->track, &copy->track);
  return copy;
}

void
rsb_play_free (RsbPlay *play)
{
  if (play == NULL)
    return;
  rsb_track_clear (&play->track);
  g_free (play);
}

static const char *play_source_names[] = {
  "api", "extended", "account", "listenbrainz", "lastfm", "apple", "youtube",
};

const char *
rsb_play_source_to_string (RsbPlaySource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (play_source_names), NULL);
  return play_source_names[source];
}

gboolean
rsb_play_source_knows_end (RsbPlaySource source)
{
  return source == RSB_PLAY_SOURCE_API || source == RSB_PLAY_SOURCE_EXTENDED ||
         source == RSB_PLAY_SOURCE_ACCOUNT || source == RSB_PLAY_SOURCE_APPLE;
}

gboolean
rsb_play_source_knows_ms_played (RsbPlaySource source)
{
  return source == RSB_PLAY_SOURCE_EXTENDED || source == RSB_PLAY_SOURCE_ACCOUNT ||
         source == RSB_PLAY_SOURCE_APPLE;
}

gboolean
rsb_play_source_from_string (const char    *str,
                             RsbPlaySource *source)
{
  for (guint i = 0; i < G_N_ELEMENTS (play_source_names); i++)
    {
      if (g_strcmp0 (str, play_source_names[i]) == 0)
        {
          *source = i;
          return TRUE;
        }
    }
  return FALSE;
}

char *
rsb_track_web_url (const RsbTrack *track)
{
  const char *id;

  if (track->uri == NULL || !g_str_has_prefix (track->uri, "spotify:track:"))
    return NULL;
  id = track->uri + strlen ("spotify:track:");
  if (*id == '\0')
    return NULL;
  /* The URI is user data: only a base-62 id may reach a link. */
  for (const char *c = id; *c; c++)
    {
      if (!g_ascii_isalnum (*c))
        return NULL;
    }
  return g_strconcat ("https://open.spotify.com/track/", id, NULL);
}
