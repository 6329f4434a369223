/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-reccobeats.c: ReccoBeats on 127.0.0.1 for tests. */
#include "rsb-fake-reccobeats.h"

#define MAX_IDS 40

typedef struct {
  double tempo;
  double energy;
  guint  serial;
} Features;

struct _RsbFakeReccoBeats
{
  RsbFakeCatalogue *server;
  GMutex            mutex;
  GHashTable       *tracks;   /* Spotify id -> Features */
  guint             n_ids;
};

static char *
answer (const char *path,
        GHashTable *query,
        guint      *status,
        gpointer    user_data)
{
  RsbFakeReccoBeats *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  const char *ids_text = query != NULL ? g_hash_table_lookup (query, "ids") : NULL;
  g_auto(GStrv) ids = NULL;
  GString *json;
  guint n = 0;

  if (!g_str_equal (path, "/audio-features"))
    return NULL;
  ids = g_strsplit (ids_text != NULL ? ids_text : "", ",", -1);
  if (ids_text == NULL || *ids_text == '\0' || g_strv_length (ids) > MAX_IDS)
    {
      *status = SOUP_STATUS_BAD_REQUEST;
      return g_strdup ("{\"timestamp\":\"2026-12-07T12:00:00Z\",\"error\":\"Bad Request\","
                       "\"message\":\"ids: size must be between 1 and 40\"}");
    }
  json = g_string_new ("{\"content\":[");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const Features *features = g_hash_table_lookup (self->tracks, ids[i]);
      char tempo[G_ASCII_DTOSTR_BUF_SIZE], energy[G_ASCII_DTOSTR_BUF_SIZE];

      self->n_ids++;
      if (features == NULL)
        continue;
      g_string_append_printf (json,
                              "%s{\"id\":\"%08x-5911-48a0-b177-24923ef2329a\","
                              "\"href\":\"https://open.spotify.com/track/%s\","
                              "\"acousticness\":0.174,\"danceability\":0.6,\"energy\":%s,"
                              "\"instrumentalness\":0.03,\"liveness\":0.12,\"loudness\":-6.04,"
                              "\"speechiness\":0.056,\"tempo\":%s,\"valence\":0.27}",
                              n++ > 0 ? "," : "", features->serial, ids[i],
                              g_ascii_dtostr (energy, sizeof energy, features->energy),
                              g_ascii_dtostr (tempo, sizeof tempo, features->tempo));
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

RsbFakeReccoBeats *
rsb_fake_reccobeats_new (GError **error)
{
  RsbFakeReccoBeats *self = g_new0 (RsbFakeReccoBeats, 1);

  g_mutex_init (&self->mutex);
  self->tracks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->server = rsb_fake_catalogue_new ("/v1", answer, self, error);
  if (self->server == NULL)
    {
      rsb_fake_reccobeats_free (self);
      return NULL;
    }
  return self;
}

void
rsb_fake_reccobeats_free (RsbFakeReccoBeats *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->server, rsb_fake_catalogue_free);
  g_hash_table_unref (self->tracks);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

RsbFakeCatalogue *
rsb_fake_reccobeats_get_server (RsbFakeReccoBeats *self)
{
  return self->server;
}

char *
rsb_fake_reccobeats_dup_url (RsbFakeReccoBeats *self)
{
  return rsb_fake_catalogue_dup_url (self->server);
}

void
rsb_fake_reccobeats_add_track (RsbFakeReccoBeats *self,
                               const char        *spotify_id,
                               double             tempo,
                               double             energy)
{
  Features *features = g_new0 (Features, 1);

  features->tempo = tempo;
  features->energy = energy;
  g_mutex_lock (&self->mutex);
  features->serial = g_hash_table_size (self->tracks) + 1;
  g_hash_table_replace (self->tracks, g_strdup (spotify_id), features);
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_reccobeats_count (RsbFakeReccoBeats *self,
                           const char        *what)
{
  guint n;

  if (!g_str_equal (what, "ids"))
    return rsb_fake_catalogue_count (self->server, what);
  g_mutex_lock (&self->mutex);
  n = self->n_ids;
  g_mutex_unlock (&self->mutex);
  return n;
}
