/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-lastfm.c: Last.fm's recent tracks on 127.0.0.1. */
#include <json-glib/json-glib.h>

#include "rsb-fake-lastfm.h"

#define PER_SECOND 5

typedef struct {
  gint64  uts;
  char   *artist;
  char   *title;
  char   *album;
} FakeScrobble;

typedef struct {
  GPtrArray *scrobbles;   /* FakeScrobble, oldest first */
  gboolean   private_history;
  char      *now_artist;
  char      *now_title;
} FakeUser;

struct _RsbFakeLastfm
{
  RsbFakeCatalogue *server;
  char             *api_key;

  GMutex            mutex;
  GHashTable       *users;     /* name → FakeUser */
  GHashTable       *counts;
  GArray           *arrivals;  /* gint64 monotonic ms of every request */
  GString          *queries;
  int               next_error;
  guint             next_error_status;
};

static void
fake_scrobble_free (gpointer data)
{
  FakeScrobble *scrobble = data;

  g_free (scrobble->artist);
  g_free (scrobble->title);
  g_free (scrobble->album);
  g_free (scrobble);
}

static void
fake_user_free (gpointer data)
{
  FakeUser *user = data;

  g_ptr_array_unref (user->scrobbles);
  g_free (user->now_artist);
  g_free (user->now_title);
  g_free (user);
}

static void
count_locked (RsbFakeLastfm *self,
              const char    *what)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));

  g_hash_table_insert (self->counts, g_strdup (what), GUINT_TO_POINTER (n + 1));
}

static gint64
now_ms (void)
{
  return g_get_monotonic_time () / 1000;
}

static char *
error_json (int         code,
            const char *message,
            guint       http_status,
            guint      *status)
{
  *status = http_status;
  return g_strdup_printf ("{\"error\": %d, \"message\": \"%s\", \"links\": []}", code, message);
}

/* More than PER_SECOND in the last second, this one included? */
static gboolean
over_rate_locked (RsbFakeLastfm *self)
{
  gint64 now = now_ms ();
  guint recent = 0;

  g_array_append_val (self->arrivals, now);
  for (guint i = self->arrivals->len; i-- > 0;)
    {
      if (g_array_index (self->arrivals, gint64, i) <= now - 1000)
        break;
      recent++;
    }
  return recent > PER_SECOND;
}

static void
add_text_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *text)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mbid");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "#text");
  json_builder_add_string_value (builder, text != NULL ? text : "");
  json_builder_end_object (builder);
}

static void
add_track (JsonBuilder *builder,
           const char  *artist,
           const char  *title,
           const char  *album,
           gint64       uts)
{
  json_builder_begin_object (builder);
  add_text_member (builder, "artist", artist);
  json_builder_set_member_name (builder, "streamable");
  json_builder_add_string_value (builder, "0");
  json_builder_set_member_name (builder, "mbid");
  json_builder_add_string_value (builder, "");
  add_text_member (builder, "album", album);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, "https://www.last.fm/music/x/_/y");
  if (uts > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, uts);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (uts);
      g_autofree char *shown = g_date_time_format (when, "%d %b %Y, %H:%M");

      json_builder_set_member_name (builder, "date");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uts");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "#text");
      json_builder_add_string_value (builder, shown);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_set_member_name (builder, "@attr");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "nowplaying");
      json_builder_add_string_value (builder, "true");
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static gint64
query_number (GHashTable *query,
              const char *name,
              gint64      fallback)
{
  const char *value = g_hash_table_lookup (query, name);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   gint64       value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static char *
recent_tracks_locked (RsbFakeLastfm *self,
                      const char    *name,
                      FakeUser      *user,
                      GHashTable    *query)
{
  gint64 from = query_number (query, "from", 0), to = query_number (query, "to", G_MAXINT64);
  gint64 limit = CLAMP (query_number (query, "limit", 50), 1, 200);
  gint64 page = MAX (query_number (query, "page", 1), 1);
  g_autoptr(GPtrArray) range = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 total_pages;

  /* Newest first. */
  for (guint i = user->scrobbles->len; i-- > 0;)
    {
      FakeScrobble *scrobble = g_ptr_array_index (user->scrobbles, i);

      if (scrobble->uts >= from && scrobble->uts <= to)
        g_ptr_array_add (range, scrobble);
    }
  total_pages = (range->len + limit - 1) / limit;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "recenttracks");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "track");
  json_builder_begin_array (builder);
  if (page == 1 && user->now_title != NULL)
    add_track (builder, user->now_artist, user->now_title, "Now Album", 0);
  for (gint64 i = (page - 1) * limit; i < page * limit && i < range->len; i++)
    {
      FakeScrobble *scrobble = g_ptr_array_index (range, i);

      add_track (builder, scrobble->artist, scrobble->title, scrobble->album, scrobble->uts);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "@attr");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, name);
  add_string_member (builder, "page", page);
  add_string_member (builder, "perPage", limit);
  add_string_member (builder, "totalPages", total_pages);
  add_string_member (builder, "total", range->len);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
remember_query_locked (RsbFakeLastfm *self,
                       GHashTable    *query)
{
  const char *keys[] = { "page", "from", "to" };
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = g_hash_table_lookup (query, keys[i]);

      if (value == NULL)
        continue;
      g_string_append_printf (self->queries, "%s%s=%s", first ? "" : "&", keys[i], value);
      first = FALSE;
    }
  g_string_append_c (self->queries, '\n');
}

static char *
answer (const char *path,
        GHashTable *query,
        guint      *status,
        gpointer    user_data)
{
  RsbFakeLastfm *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  const char *name, *key;
  FakeUser *user;

  if (over_rate_locked (self))
    {
      count_locked (self, "spent");
      return error_json (29, "Rate Limit Exceeded", 429, status);
    }
  if (self->next_error != 0)
    {
      int code = self->next_error;

      self->next_error = 0;
      count_locked (self, "injected");
      return error_json (code, "Injected failure", self->next_error_status, status);
    }
  if (query == NULL || !g_str_equal (path, "/") ||
      g_strcmp0 (g_hash_table_lookup (query, "method"), "user.getrecenttracks") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "format"), "json") != 0)
    return error_json (3, "Invalid Method - No method with that name in this package", 400, status);
  key = g_hash_table_lookup (query, "api_key");
  if (g_strcmp0 (key, self->api_key) != 0)
    return error_json (10, "Invalid API key - You must be granted a valid key by last.fm", 403, status);
  name = g_hash_table_lookup (query, "user");
  user = name != NULL ? g_hash_table_lookup (self->users, name) : NULL;
  if (user == NULL)
    return error_json (6, "User not found", 404, status);
  if (user->private_history)
    return error_json (17, "Login: User required to be logged in", 403, status);
  count_locked (self, "tracks");
  remember_query_locked (self, query);
  return recent_tracks_locked (self, name, user, query);
}

RsbFakeLastfm *
rsb_fake_lastfm_new (const char  *api_key,
                     GError     **error)
{
  RsbFakeLastfm *self = g_new0 (RsbFakeLastfm, 1);

  g_mutex_init (&self->mutex);
  self->api_key = g_strdup (api_key);
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, fake_user_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->queries = g_string_new (NULL);
  self->server = rsb_fake_catalogue_new ("/lastfm", answer, self, error);
  if (self->server == NULL)
    {
      rsb_fake_lastfm_free (self);
      return NULL;
    }
  return self;
}

void
rsb_fake_lastfm_free (RsbFakeLastfm *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->server, rsb_fake_catalogue_free);
  g_hash_table_unref (self->users);
  g_hash_table_unref (self->counts);
  g_array_unref (self->arrivals);
  g_string_free (self->queries, TRUE);
  g_free (self->api_key);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

RsbFakeCatalogue *
rsb_fake_lastfm_get_server (RsbFakeLastfm *self)
{
  return self->server;
}

char *
rsb_fake_lastfm_dup_url (RsbFakeLastfm *self)
{
  return rsb_fake_catalogue_dup_url (self->server);
}

static FakeUser *
user_locked (RsbFakeLastfm *self,
             const char    *name)
{
  FakeUser *user = g_hash_table_lookup (self->users, name);

  if (user == NULL)
    {
      user = g_new0 (FakeUser, 1);
      user->scrobbles = g_ptr_array_new_with_free_func (fake_scrobble_free);
      g_hash_table_insert (self->users, g_strdup (name), user);
    }
  return user;
}

void
rsb_fake_lastfm_add_user (RsbFakeLastfm *self,
                          const char    *name,
                          gboolean       private_history)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  user_locked (self, name)->private_history = private_history;
}

static int
compare_uts (gconstpointer a,
             gconstpointer b)
{
  const FakeScrobble *sa = *(FakeScrobble * const *) a;
  const FakeScrobble *sb = *(FakeScrobble * const *) b;

  return (sa->uts > sb->uts) - (sa->uts < sb->uts);
}

void
rsb_fake_lastfm_add_scrobble (RsbFakeLastfm *self,
                              const char    *name,
                              gint64         uts,
                              const char    *artist,
                              const char    *title,
                              const char    *album)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  FakeUser *user = user_locked (self, name);
  FakeScrobble *scrobble = g_new0 (FakeScrobble, 1);

  scrobble->uts = uts;
  scrobble->artist = g_strdup (artist);
  scrobble->title = g_strdup (title);
  scrobble->album = g_strdup (album);
  g_ptr_array_add (user->scrobbles, scrobble);
  g_ptr_array_sort (user->scrobbles, compare_uts);
}

void
rsb_fake_lastfm_add_series (RsbFakeLastfm *self,
                            const char    *user,
                            guint          n,
                            gint64         start_s,
                            gint64         gap_s)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *artist = g_strdup_printf ("Band %u", i % 5);
      g_autofree char *title = g_strdup_printf ("Track %u", i);

      rsb_fake_lastfm_add_scrobble (self, user, start_s + (gint64) i * gap_s, artist, title, "Record");
    }
}

void
rsb_fake_lastfm_set_now_playing (RsbFakeLastfm *self,
                                 const char    *name,
                                 const char    *artist,
                                 const char    *title)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  FakeUser *user = user_locked (self, name);

  g_free (user->now_artist);
  g_free (user->now_title);
  user->now_artist = g_strdup (artist);
  user->now_title = g_strdup (title);
}

void
rsb_fake_lastfm_inject_error (RsbFakeLastfm *self,
                              int            code,
                              guint          http_status)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->next_error = code;
  self->next_error_status = http_status;
}

guint
rsb_fake_lastfm_count (RsbFakeLastfm *self,
                       const char    *what)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (g_str_equal (what, "total") || g_str_equal (what, "faults"))
    return rsb_fake_catalogue_count (self->server, what);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));
}

guint
rsb_fake_lastfm_max_in_window (RsbFakeLastfm *self,
                               gint64         window_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  guint most = 0, first = 0;

  /* Arrivals are in order: slide a window over them. */
  for (guint last = 0; last < self->arrivals->len; last++)
    {
      while (g_array_index (self->arrivals, gint64, first) <= g_array_index (self->arrivals, gint64, last) - window_ms)
        first++;
      most = MAX (most, last - first + 1);
    }
  return most;
}

char *
rsb_fake_lastfm_take_queries (RsbFakeLastfm *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  char *queries = g_strdup (self->queries->str);

  g_string_truncate (self->queries, 0);
  return queries;
}
