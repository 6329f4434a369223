/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-spotify.c: a Spotify on 127.0.0.1 for tests. */
#include "rsb-fake-spotify.h"

#include <json-glib/json-glib.h>

#define N_TRACKS      30
#define DEFAULT_LIMIT 20
#define MAX_LIMIT     50

typedef struct {
  gint64 end_ms;
  guint  track;
} FakePlay;

struct _RsbFakeSpotify
{
  RsbFakeApi *api;
  char       *api_url;

  GMutex      mutex;
  GArray     *plays;     /* FakePlay, oldest first */
  gint64      now_ms;
  GPtrArray  *playlists; /* RsbFakePlaylist, in creation order */
  gboolean    no_playlist_scope;
};

#define MAX_ITEMS_PER_REQUEST 100

/* ---- the catalogue ------------------------------------------------------- */

/* A base-62 id of 22 characters, like Spotify's, fixed for each number. */
static char *
spotify_id (guint salt,
            guint number)
{
  static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  guint64 state = (guint64) salt * 0x9E3779B97F4A7C15u + number * 0xBF58476D1CE4E5B9u + 1;
  char id[23];

  for (guint i = 0; i < 22; i++)
    {
      state = state * 6364136223846793005u + 1442695040888963407u;
      id[i] = alphabet[(state >> 33) % 62];
    }
  id[22] = '\0';
  return g_strdup (id);
}

static gint64
track_duration_ms (guint track)
{
  return 90000 + track * 5000 + track * 37;
}

static JsonObject *
artist_object (guint artist)
{
  JsonObject *object = json_object_new ();
  JsonObject *urls = json_object_new ();
  g_autofree char *id = spotify_id (2, artist);
  g_autofree char *name = g_strdup_printf ("Fake Artist %c", 'A' + artist);
  g_autofree char *uri = g_strconcat ("spotify:artist:", id, NULL);
  g_autofree char *href = g_strconcat ("https://api.spotify.com/v1/artists/", id, NULL);
  g_autofree char *web = g_strconcat ("https://open.spotify.com/artist/", id, NULL);

  json_object_set_string_member (urls, "spotify", web);
  json_object_set_object_member (object, "external_urls", urls);
  json_object_set_string_member (object, "href", href);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "type", "artist");
  json_object_set_string_member (object, "uri", uri);
  return object;
}

static JsonArray *
artists_array (guint track)
{
  JsonArray *artists = json_array_new ();

  json_array_add_object_element (artists, artist_object (track % 7));
  if (track % 4 == 0)
    json_array_add_object_element (artists, artist_object (7 + track % 3));
  return artists;
}

static JsonObject *
image_object (const char *id,
              guint       size)
{
  JsonObject *image = json_object_new ();
  g_autofree char *url = g_strdup_printf ("https://i.scdn.co/image/fake%u%s", size, id);

  json_object_set_string_member (image, "url", url);
  json_object_set_int_member (image, "height", size);
  json_object_set_int_member (image, "width", size);
  return image;
}

static JsonObject *
album_object (guint track)
{
  guint album = track / 3;
  JsonObject *object = json_object_new ();
  JsonArray *images = json_array_new ();
  g_autofree char *id = spotify_id (3, album);
  g_autofree char *name = g_strdup_printf ("Fake Album %u", album + 1);
  g_autofree char *uri = g_strconcat ("spotify:album:", id, NULL);
  g_autofree char *href = g_strconcat ("https://api.spotify.com/v1/albums/", id, NULL);

  /* Largest first, as Spotify lists them. */
  json_array_add_object_element (images, image_object (id, 640));
  json_array_add_object_element (images, image_object (id, 300));
  json_array_add_object_element (images, image_object (id, 64));
  json_object_set_string_member (object, "album_type", "album");
  json_object_set_int_member (object, "total_tracks", 3);
  json_object_set_array_member (object, "available_markets", json_array_new ());
  json_object_set_string_member (object, "href", href);
  json_object_set_string_member (object, "id", id);
  json_object_set_array_member (object, "images", images);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "release_date", "2021-06-04");
  json_object_set_string_member (object, "release_date_precision", "day");
  json_object_set_string_member (object, "type", "album");
  json_object_set_string_member (object, "uri", uri);
  json_object_set_array_member (object, "artists", artists_array (track));
  return object;
}

static char *
track_uri (guint track)
{
  g_autofree char *id = spotify_id (1, track);

  return g_strconcat ("spotify:track:", id, NULL);
}

static JsonObject *
track_object (guint track)
{
  JsonObject *object = json_object_new ();
  JsonObject *ids = json_object_new ();
  g_autofree char *id = spotify_id (1, track);
  g_autofree char *uri = track_uri (track);
  g_autofree char *href = g_strconcat ("https://api.spotify.com/v1/tracks/", id, NULL);
  g_autofree char *name = g_strdup_printf ("Fake Song %u", track + 1);
  g_autofree char *isrc = g_strdup_printf ("QZFAK21%05u", track + 1);

  json_object_set_string_member (ids, "isrc", isrc);
  json_object_set_object_member (object, "album", album_object (track));
  json_object_set_array_member (object, "artists", artists_array (track));
  json_object_set_array_member (object, "available_markets", json_array_new ());
  json_object_set_int_member (object, "disc_number", 1);
  json_object_set_int_member (object, "duration_ms", track_duration_ms (track));
  json_object_set_boolean_member (object, "explicit", FALSE);
  json_object_set_object_member (object, "external_ids", ids);
  json_object_set_string_member (object, "href", href);
  json_object_set_string_member (object, "id", id);
  json_object_set_boolean_member (object, "is_local", FALSE);
  json_object_set_string_member (object, "name", name);
  json_object_set_int_member (object, "popularity", 40 + track);
  json_object_set_null_member (object, "preview_url");
  json_object_set_int_member (object, "track_number", track % 3 + 1);
  json_object_set_string_member (object, "type", "track");
  json_object_set_string_member (object, "uri", uri);
  return object;
}

static char *
played_at (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, (int) (ms % 1000));
}

static JsonObject *
history_item (const FakePlay *play)
{
  JsonObject *item = json_object_new ();
  g_autofree char *when = played_at (play->end_ms);

  json_object_set_object_member (item, "track", track_object (play->track));
  json_object_set_string_member (item, "played_at", when);
  if (play->track % 2 == 0)
    {
      JsonObject *context = json_object_new ();

      json_object_set_string_member (context, "type", "playlist");
      json_object_set_string_member (context, "uri", "spotify:playlist:37i9dQZF1DX76Wlfdnj7AP");
      json_object_set_string_member (context, "href", "https://api.spotify.com/v1/playlists/37i9dQZF1DX76Wlfdnj7AP");
      json_object_set_object_member (item, "context", context);
    }
  else
    json_object_set_null_member (item, "context");
  return item;
}

/* ---- endpoints ----------------------------------------------------------- */

static gint64
query_int (GHashTable *query,
           const char *name,
           gint64      fallback)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

static char *
page_url (RsbFakeSpotify *self,
          const char     *cursor_name,
          gint64          cursor,
          gint64          limit)
{
  return g_strdup_printf ("%s/me/player/recently-played?%s=%" G_GINT64_FORMAT "&limit=%" G_GINT64_FORMAT,
                          self->api_url, cursor_name, cursor, limit);
}

/* Of the last 50 plays that ended by now: after= gives the oldest
 * `limit` after the cursor, before= (or neither) the newest `limit`
 * before it; the items always newest first. */
static char *
answer_recently_played (RsbFakeSpotify *self,
                        GHashTable     *query,
                        guint          *status)
{
  gint64 after = query_int (query, "after", -1);
  gint64 before = query_int (query, "before", -1);
  gint64 limit = query_int (query, "limit", DEFAULT_LIMIT);
  JsonObject *root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), root);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *items = json_array_new ();
  guint played = 0, first, from, to;
  gboolean more;
  g_autofree char *href = NULL;

  if (limit < 1 || limit > MAX_LIMIT || (after >= 0 && before >= 0))
    {
      json_array_unref (items);
      *status = SOUP_STATUS_BAD_REQUEST;
      return g_strdup ("{\"error\":{\"status\":400,\"message\":\"Invalid limit or cursors\"}}");
    }

  g_mutex_lock (&self->mutex);
  while (played < self->plays->len && g_array_index (self->plays, FakePlay, played).end_ms <= self->now_ms)
    played++;
  first = played > RSB_FAKE_SPOTIFY_WINDOW ? played - RSB_FAKE_SPOTIFY_WINDOW : 0;
  /* [from, to) of the plays that pass the cursor */
  from = first;
  to = played;
  while (after >= 0 && from < to && g_array_index (self->plays, FakePlay, from).end_ms <= after)
    from++;
  while (before >= 0 && to > from && g_array_index (self->plays, FakePlay, to - 1).end_ms >= before)
    to--;
  more = (gint64) (to - from) > limit;
  if (after >= 0)
    to = MIN (to, from + limit);
  else
    from = MAX (from, to > limit ? to - limit : 0);
  for (guint i = to; i > from; i--)
    json_array_add_object_element (items, history_item (&g_array_index (self->plays, FakePlay, i - 1)));

  href = after >= 0 ? page_url (self, "after", after, limit)
                    : before >= 0 ? page_url (self, "before", before, limit)
                                  : g_strdup_printf ("%s/me/player/recently-played?limit=%" G_GINT64_FORMAT,
                                                     self->api_url, limit);
  json_object_set_string_member (root, "href", href);
  json_object_set_int_member (root, "limit", limit);
  if (to > from)
    {
      JsonObject *cursors = json_object_new ();
      g_autofree char *newest = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (self->plays, FakePlay, to - 1).end_ms);
      g_autofree char *oldest = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (self->plays, FakePlay, from).end_ms);

      json_object_set_string_member (cursors, "after", newest);
      json_object_set_string_member (cursors, "before", oldest);
      json_object_set_object_member (root, "cursors", cursors);
      if (more)
        {
          g_autofree char *next = after >= 0
            ? page_url (self, "after", g_array_index (self->plays, FakePlay, to - 1).end_ms, limit)
            : page_url (self, "before", g_array_index (self->plays, FakePlay, from).end_ms, limit);

          json_object_set_string_member (root, "next", next);
        }
      else
        json_object_set_null_member (root, "next");
    }
  else
    {
      json_object_set_null_member (root, "cursors");
      json_object_set_null_member (root, "next");
    }
  g_mutex_unlock (&self->mutex);

  json_object_set_array_member (root, "items", items);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static const char *
classify (const char *path,
          gpointer    user_data)
{
  if (g_str_equal (path, "/me"))
    return "me";
  if (g_str_equal (path, "/me/player/recently-played"))
    return "recently-played";
  if (g_str_has_prefix (path, "/tracks/") && strchr (path + strlen ("/tracks/"), '/') == NULL)
    return "track";
  if (g_str_equal (path, "/me/playlists"))
    return "create-playlist";
  if (g_str_has_prefix (path, "/playlists/") && g_str_has_suffix (path, "/items"))
    return "playlist-items";
  return NULL;
}

/* GET /tracks/{id}: one TrackObject (Development Mode apps have no
 * batch endpoint any more); NULL (404) for an id it does not know. */
static char *
answer_track (const char *path)
{
  const char *id = path + strlen ("/tracks/");

  for (guint track = 0; track < N_TRACKS; track++)
    {
      g_autofree char *known = spotify_id (1, track);

      if (g_str_equal (id, known))
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

          json_node_take_object (node, track_object (track));

          return json_to_string (node, FALSE);
        }
    }
  return NULL;
}

/* ---- playlists ----------------------------------------------------------- */

void
rsb_fake_playlist_free (RsbFakePlaylist *playlist)
{
  if (playlist == NULL)
    return;
  g_free (playlist->id);
  g_free (playlist->name);
  g_free (playlist->description);
  g_ptr_array_unref (playlist->uris);
  g_array_unref (playlist->batch_sizes);
  g_free (playlist);
}

static char *
spotify_error (guint      *status,
               guint       code,
               const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  *status = code;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static JsonObject *
parse_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;

  if (data == NULL || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root)) : NULL;
}

static gboolean
has_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* SimplifiedPlaylistObject as POST /me/playlists answers it (201). */
static char *
playlist_json (RsbFakeSpotify  *self,
               RsbFakePlaylist *playlist)
{
  JsonObject *root = json_object_new ();
  JsonObject *urls = json_object_new ();
  JsonObject *owner = json_object_new ();
  JsonObject *tracks = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), root);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *web = g_strconcat ("https://open.spotify.com/playlist/", playlist->id, NULL);
  g_autofree char *href = g_strconcat (self->api_url, "/playlists/", playlist->id, NULL);
  g_autofree char *items = g_strconcat (href, "/items", NULL);
  g_autofree char *uri = g_strconcat ("spotify:playlist:", playlist->id, NULL);

  json_object_set_boolean_member (root, "collaborative", FALSE);
  json_object_set_string_member (root, "description", playlist->description);
  json_object_set_string_member (urls, "spotify", web);
  json_object_set_object_member (root, "external_urls", urls);
  json_object_set_string_member (root, "href", href);
  json_object_set_string_member (root, "id", playlist->id);
  json_object_set_array_member (root, "images", json_array_new ());
  json_object_set_string_member (root, "name", playlist->name);
  json_object_set_string_member (owner, "display_name", "Fake Listener");
  json_object_set_string_member (owner, "id", "fake-listener");
  json_object_set_string_member (owner, "type", "user");
  json_object_set_string_member (owner, "uri", "spotify:user:fake-listener");
  json_object_set_object_member (root, "owner", owner);
  json_object_set_boolean_member (root, "public", playlist->is_public);
  json_object_set_string_member (root, "snapshot_id", "MSxmYWtlc25hcHNob3Q=");
  json_object_set_string_member (tracks, "href", items);
  json_object_set_int_member (tracks, "total", 0);
  json_object_set_object_member (root, "tracks", tracks);
  json_object_set_string_member (root, "type", "playlist");
  json_object_set_string_member (root, "uri", uri);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Called with the mutex held. */
static char *
create_playlist (RsbFakeSpotify *self,
                 GBytes         *body,
                 guint          *status)
{
  g_autoptr(JsonObject) object = parse_body (body);
  RsbFakePlaylist *playlist;
  JsonNode *public;

  if (object == NULL)
    return spotify_error (status, SOUP_STATUS_BAD_REQUEST, "Error parsing JSON.");
  if (!has_string (object, "name"))
    return spotify_error (status, SOUP_STATUS_BAD_REQUEST, "Missing required field: name");
  playlist = g_new0 (RsbFakePlaylist, 1);
  playlist->id = spotify_id (4, self->playlists->len);
  playlist->name = g_strdup (json_object_get_string_member (object, "name"));
  playlist->description = g_strdup (has_string (object, "description")
                                     ? json_object_get_string_member (object, "description") : NULL);
  /* Spotify's default is a public playlist. */
  public = json_object_get_member (object, "public");
  playlist->is_public = public == NULL || !JSON_NODE_HOLDS_VALUE (public) || json_node_get_boolean (public);
  playlist->uris = g_ptr_array_new_with_free_func (g_free);
  playlist->batch_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (self->playlists, playlist);
  *status = SOUP_STATUS_CREATED;
  return playlist_json (self, playlist);
}

/* Called with the mutex held. */
static char *
add_items (RsbFakeSpotify *self,
           const char     *path,
           GBytes         *body,
           guint          *status)
{
  g_autofree char *id = g_strndup (path + strlen ("/playlists/"),
                                   strlen (path) - strlen ("/playlists/") - strlen ("/items"));
  g_autoptr(JsonObject) object = parse_body (body);
  RsbFakePlaylist *playlist = NULL;
  JsonArray *uris;
  guint n;

  for (guint i = 0; i < self->playlists->len; i++)
    if (g_str_equal (((RsbFakePlaylist *) self->playlists->pdata[i])->id, id))
      playlist = self->playlists->pdata[i];
  if (playlist == NULL)
    return spotify_error (status, SOUP_STATUS_NOT_FOUND, "Resource not found");
  if (object == NULL || !json_object_has_member (object, "uris") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "uris")))
    return spotify_error (status, SOUP_STATUS_BAD_REQUEST, "Error parsing JSON.");
  uris = json_object_get_array_member (object, "uris");
  n = json_array_get_length (uris);
  if (n > MAX_ITEMS_PER_REQUEST)
    return spotify_error (status, SOUP_STATUS_BAD_REQUEST, "Too many ids requested");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (uris, i);
      const char *uri = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
        ? json_node_get_string (element) : NULL;

      if (uri == NULL || (!g_str_has_prefix (uri, "spotify:track:") && !g_str_has_prefix (uri, "spotify:episode:")))
        return spotify_error (status, SOUP_STATUS_BAD_REQUEST, "Invalid base62 id");
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (playlist->uris, g_strdup (json_array_get_string_element (uris, i)));
  g_array_append_val (playlist->batch_sizes, n);
  *status = SOUP_STATUS_CREATED;
  return g_strdup ("{\"snapshot_id\":\"MixmYWtlc25hcHNob3Q=\"}");
}

static char *
answer_post (const char *endpoint,
             const char *path,
             GBytes     *body,
             guint      *status,
             gpointer    user_data)
{
  RsbFakeSpotify *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  /* A token granted without playlist-modify-private, as Spotify words it. */
  if (self->no_playlist_scope)
    return spotify_error (status, SOUP_STATUS_FORBIDDEN, "Insufficient client scope");
  if (g_str_equal (endpoint, "create-playlist"))
    return create_playlist (self, body, status);
  if (g_str_equal (endpoint, "playlist-items"))
    return add_items (self, path, body, status);
  return NULL;
}

static char *
answer (const char *endpoint,
        const char *path,
        GHashTable *query,
        guint      *status,
        gpointer    user_data)
{
  RsbFakeSpotify *self = user_data;

  if (g_str_equal (endpoint, "me"))
    return g_strdup ("{\"country\":\"SE\",\"display_name\":\"Fake Listener\",\"email\":\"listener@example.com\","
                     "\"external_urls\":{\"spotify\":\"https://open.spotify.com/user/fake-listener\"},"
                     "\"followers\":{\"href\":null,\"total\":3},\"href\":\"https://api.spotify.com/v1/users/fake-listener\","
                     "\"id\":\"fake-listener\",\"images\":[],\"product\":\"premium\",\"type\":\"user\","
                     "\"uri\":\"spotify:user:fake-listener\"}");
  if (g_str_equal (endpoint, "track"))
    return answer_track (path);
  if (g_str_equal (endpoint, "recently-played"))
    return answer_recently_played (self, query, status);
  return NULL;
}

char *
rsb_fake_spotify_dup_track_uri (guint index)
{
  return track_uri (index);
}

char *
rsb_fake_spotify_dup_track_isrc (guint index)
{
  return g_strdup_printf ("QZFAK21%05u", index + 1);
}

/* ---- life ---------------------------------------------------------------- */

RsbFakeSpotify *
rsb_fake_spotify_new (GError **error)
{
  g_autoptr(RsbFakeSpotify) self = g_new0 (RsbFakeSpotify, 1);

  g_mutex_init (&self->mutex);
  self->plays = g_array_new (FALSE, FALSE, sizeof (FakePlay));
  self->playlists = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_fake_playlist_free);
  self->api = rsb_fake_api_new ("spotify", "/accounts", "/v1", classify, answer, self, error);
  if (self->api == NULL)
    return NULL;
  rsb_fake_api_set_post (self->api, answer_post);
  g_mutex_lock (&self->mutex);
  self->api_url = rsb_fake_api_dup_api_url (self->api);
  g_mutex_unlock (&self->mutex);
  return g_steal_pointer (&self);
}

void
rsb_fake_spotify_free (RsbFakeSpotify *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->api, rsb_fake_api_free);
  g_array_unref (self->plays);
  g_ptr_array_unref (self->playlists);
  g_free (self->api_url);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

RsbFakeApi *
rsb_fake_spotify_get_api (RsbFakeSpotify *self)
{
  return self->api;
}

char *
rsb_fake_spotify_dup_auth_url (RsbFakeSpotify *self)
{
  return rsb_fake_api_dup_auth_url (self->api);
}

char *
rsb_fake_spotify_dup_api_url (RsbFakeSpotify *self)
{
  return rsb_fake_api_dup_api_url (self->api);
}

void
rsb_fake_spotify_schedule_plays (RsbFakeSpotify *self,
                                 guint           n,
                                 gint64          first_end_ms,
                                 gint64          span_ms,
                                 guint32         seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *offsets = g_new (double, MAX (n, 1));
  double total = 0;

  /* Uneven gaps (0.5 to 1.5 times the mean), scaled to fill the span. */
  for (guint i = 0; i < n; i++)
    {
      offsets[i] = total;
      total += g_rand_double_range (rand, 0.5, 1.5);
    }
  total = offsets[MAX (n, 1) - 1];
  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < n; i++)
    {
      FakePlay play = {
        .end_ms = first_end_ms + (total > 0 ? (gint64) (span_ms * offsets[i] / total) : 0),
        .track = g_rand_int_range (rand, 0, N_TRACKS),
      };

      g_array_append_val (self->plays, play);
    }
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_spotify_get_n_plays (RsbFakeSpotify *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->plays->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

gint64
rsb_fake_spotify_get_play_end (RsbFakeSpotify *self,
                               guint           index)
{
  gint64 end;

  g_mutex_lock (&self->mutex);
  g_assert (index < self->plays->len);
  end = g_array_index (self->plays, FakePlay, index).end_ms;
  g_mutex_unlock (&self->mutex);
  return end;
}

char *
rsb_fake_spotify_dup_play_uri (RsbFakeSpotify *self,
                               guint           index)
{
  guint track;

  g_mutex_lock (&self->mutex);
  g_assert (index < self->plays->len);
  track = g_array_index (self->plays, FakePlay, index).track;
  g_mutex_unlock (&self->mutex);
  return track_uri (track);
}

void
rsb_fake_spotify_set_now (RsbFakeSpotify *self,
                          gint64          now_ms)
{
  g_mutex_lock (&self->mutex);
  self->now_ms = now_ms;
  g_mutex_unlock (&self->mutex);
}

gint64
rsb_fake_spotify_get_now (RsbFakeSpotify *self)
{
  gint64 now;

  g_mutex_lock (&self->mutex);
  now = self->now_ms;
  g_mutex_unlock (&self->mutex);
  return now;
}

void
rsb_fake_spotify_set_playlist_scope (RsbFakeSpotify *self,
                                     gboolean        granted)
{
  g_mutex_lock (&self->mutex);
  self->no_playlist_scope = !granted;
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_spotify_get_n_playlists (RsbFakeSpotify *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->playlists->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

RsbFakePlaylist *
rsb_fake_spotify_dup_playlist (RsbFakeSpotify *self,
                               guint           index)
{
  RsbFakePlaylist *copy = g_new0 (RsbFakePlaylist, 1);
  const RsbFakePlaylist *playlist;

  g_mutex_lock (&self->mutex);
  g_assert (index < self->playlists->len);
  playlist = self->playlists->pdata[index];
  copy->id = g_strdup (playlist->id);
  copy->name = g_strdup (playlist->name);
  copy->description = g_strdup (playlist->description);
  copy->is_public = playlist->is_public;
  copy->uris = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < playlist->uris->len; i++)
    g_ptr_array_add (copy->uris, g_strdup (playlist->uris->pdata[i]));
  copy->batch_sizes = g_array_copy (playlist->batch_sizes);
  g_mutex_unlock (&self->mutex);
  return copy;
}
