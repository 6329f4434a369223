/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-listenbrainz.c: ListenBrainz's listens API on 127.0.0.1. */
#include <json-glib/json-glib.h>

#include "rsb-fake-listenbrainz.h"

typedef struct {
  gint64  listened_at;
  char   *artist;
  char   *title;
  char   *release;
  gint64  duration_ms;
  char   *spotify_id;
  char   *isrc;
} FakeListen;

struct _RsbFakeListenBrainz
{
  RsbFakeCatalogue *server;

  GMutex            mutex;
  GHashTable       *users;         /* name → GPtrArray of FakeListen, oldest first */
  GHashTable       *counts;
  GString          *queries;
  guint             limit;
  guint             window_s;
  gint64            window_start_ms;
  guint             used;
  gboolean          send_headers;  /* this answer carries the window's headers */
};

static void
fake_listen_free (gpointer data)
{
  FakeListen *listen = data;

  g_free (listen->artist);
  g_free (listen->title);
  g_free (listen->release);
  g_free (listen->spotify_id);
  g_free (listen->isrc);
  g_free (listen);
}

static void
count_locked (RsbFakeListenBrainz *self,
              const char          *what)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));

  g_hash_table_insert (self->counts, g_strdup (what), GUINT_TO_POINTER (n + 1));
}

static gint64
now_ms (void)
{
  return g_get_monotonic_time () / 1000;
}

/* FALSE when the window is spent: every request that arrives counts. */
static gboolean
take_from_window_locked (RsbFakeListenBrainz *self)
{
  gint64 now = now_ms ();

  if (self->limit == 0)
    return TRUE;
  self->send_headers = TRUE;
  if (now >= self->window_start_ms + (gint64) self->window_s * 1000)
    {
      self->window_start_ms = now;
      self->used = 0;
    }
  if (self->used >= self->limit)
    {
      count_locked (self, "spent");
      return FALSE;
    }
  self->used++;
  return TRUE;
}

static void
add_headers (SoupMessageHeaders *headers,
             gpointer            user_data)
{
  RsbFakeListenBrainz *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  gint64 reset_ms;
  g_autofree char *limit = NULL, *remaining = NULL, *reset_in = NULL, *reset = NULL;

  if (!self->send_headers)
    return;
  self->send_headers = FALSE;
  reset_ms = MAX (self->window_start_ms + (gint64) self->window_s * 1000 - now_ms (), 0);
  limit = g_strdup_printf ("%u", self->limit);
  remaining = g_strdup_printf ("%u", self->limit - MIN (self->used, self->limit));
  reset_in = g_strdup_printf ("%" G_GINT64_FORMAT, (reset_ms + 999) / 1000);
  reset = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC + (reset_ms + 999) / 1000);
  soup_message_headers_replace (headers, "X-RateLimit-Limit", limit);
  soup_message_headers_replace (headers, "X-RateLimit-Remaining", remaining);
  soup_message_headers_replace (headers, "X-RateLimit-Reset-In", reset_in);
  soup_message_headers_replace (headers, "X-RateLimit-Reset", reset);
}

static JsonNode *
listen_node (const FakeListen *listen,
             const char       *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "listened_at");
  json_builder_add_int_value (builder, listen->listened_at);
  json_builder_set_member_name (builder, "recording_msid");
  json_builder_add_string_value (builder, "d23f4719-9212-49f0-ad08-ddbfbfc50d6f");
  json_builder_set_member_name (builder, "user_name");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "track_metadata");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "artist_name");
  json_builder_add_string_value (builder, listen->artist);
  json_builder_set_member_name (builder, "track_name");
  json_builder_add_string_value (builder, listen->title);
  if (listen->release != NULL)
    {
      json_builder_set_member_name (builder, "release_name");
      json_builder_add_string_value (builder, listen->release);
    }
  json_builder_set_member_name (builder, "additional_info");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "submission_client");
  json_builder_add_string_value (builder, "fake scrobbler");
  if (listen->duration_ms > 0)
    {
      json_builder_set_member_name (builder, "duration_ms");
      json_builder_add_int_value (builder, listen->duration_ms);
    }
  if (listen->spotify_id != NULL)
    {
      g_autofree char *url = g_strconcat ("https://open.spotify.com/track/", listen->spotify_id, NULL);

      json_builder_set_member_name (builder, "spotify_id");
      json_builder_add_string_value (builder, url);
    }
  if (listen->isrc != NULL)
    {
      json_builder_set_member_name (builder, "isrc");
      json_builder_add_string_value (builder, listen->isrc);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gint64
query_ts (GHashTable *query,
          const char *name)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* ListenBrainz's own choice: min_ts reads up from it, else down from
 * max_ts (or the newest). */
static char *
listens_locked (RsbFakeListenBrainz *self,
                const char          *user,
                GPtrArray           *listens,
                GHashTable          *query,
                guint               *status)
{
  gint64 min_ts = query_ts (query, "min_ts"), max_ts = query_ts (query, "max_ts");
  gint64 count = query_ts (query, "count");
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (min_ts > 0 && max_ts > 0)
    {
      *status = SOUP_STATUS_BAD_REQUEST;
      return g_strdup ("{\"code\": 400, \"error\": \"You may only specify max_ts or min_ts, not both.\"}");
    }
  count = count <= 0 ? 25 : MIN (count, 1000);
  if (min_ts > 0)
    {
      for (guint i = 0; i < listens->len && page->len < count; i++)
        if (((FakeListen *) g_ptr_array_index (listens, i))->listened_at > min_ts)
          g_ptr_array_add (page, g_ptr_array_index (listens, i));
      /* Newest first, as always. */
      for (guint i = 0; i < page->len / 2; i++)
        {
          gpointer swap = page->pdata[i];

          page->pdata[i] = page->pdata[page->len - 1 - i];
          page->pdata[page->len - 1 - i] = swap;
        }
    }
  else
    for (guint i = listens->len; i-- > 0 && page->len < count;)
      if (max_ts <= 0 || ((FakeListen *) g_ptr_array_index (listens, i))->listened_at < max_ts)
        g_ptr_array_add (page, g_ptr_array_index (listens, i));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "payload");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, page->len);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "latest_listen_ts");
  json_builder_add_int_value (builder, listens->len > 0 ? ((FakeListen *) g_ptr_array_index (listens, listens->len - 1))->listened_at : 0);
  json_builder_set_member_name (builder, "oldest_listen_ts");
  json_builder_add_int_value (builder, listens->len > 0 ? ((FakeListen *) g_ptr_array_index (listens, 0))->listened_at : 0);
  json_builder_set_member_name (builder, "listens");
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    json_builder_add_value (builder, listen_node (g_ptr_array_index (page, i), user));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* "/1/user/{name}/{what}": the name and what, or FALSE. The server
 * hands the path over decoded, so a name may hold a "/": "what" is
 * what follows the last one. */
static gboolean
split_path (const char  *path,
            char       **out_user,
            char       **out_what)
{
  const char *prefix = "/1/user/";
  const char *last = strrchr (path, '/');

  if (!g_str_has_prefix (path, prefix) || last == NULL || last <= path + strlen (prefix))
    return FALSE;
  *out_user = g_strndup (path + strlen (prefix), last - (path + strlen (prefix)));
  *out_what = g_strdup (last + 1);
  return TRUE;
}

static void
remember_query_locked (RsbFakeListenBrainz *self,
                       GHashTable          *query)
{
  const char *keys[] = { "count", "min_ts", "max_ts" };
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = query != NULL ? g_hash_table_lookup (query, keys[i]) : NULL;

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
  RsbFakeListenBrainz *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autofree char *user = NULL, *what = NULL;
  GPtrArray *listens;

  if (!take_from_window_locked (self))
    {
      *status = 429;
      return g_strdup ("{\"code\": 429, \"error\": \"Too Many Requests\"}");
    }
  if (!split_path (path, &user, &what))
    return NULL;
  listens = g_hash_table_lookup (self->users, user);
  if (listens == NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *message = g_strdup_printf ("Cannot find user: %s", user);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_int_value (builder, 404);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      *status = SOUP_STATUS_NOT_FOUND;
      return json_generator_to_data (generator, NULL);
    }
  if (g_str_equal (what, "listen-count"))
    {
      count_locked (self, "count");
      return g_strdup_printf ("{\"payload\": {\"count\": %u}}", listens->len);
    }
  if (!g_str_equal (what, "listens"))
    return NULL;
  count_locked (self, "listens");
  remember_query_locked (self, query);
  return listens_locked (self, user, listens, query, status);
}

RsbFakeListenBrainz *
rsb_fake_listenbrainz_new (GError **error)
{
  RsbFakeListenBrainz *self = g_new0 (RsbFakeListenBrainz, 1);

  g_mutex_init (&self->mutex);
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->queries = g_string_new (NULL);
  self->server = rsb_fake_catalogue_new ("/listenbrainz", answer, self, error);
  if (self->server == NULL)
    {
      rsb_fake_listenbrainz_free (self);
      return NULL;
    }
  rsb_fake_catalogue_set_headers (self->server, add_headers);
  return self;
}

void
rsb_fake_listenbrainz_free (RsbFakeListenBrainz *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->server, rsb_fake_catalogue_free);
  g_hash_table_unref (self->users);
  g_hash_table_unref (self->counts);
  g_string_free (self->queries, TRUE);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

RsbFakeCatalogue *
rsb_fake_listenbrainz_get_server (RsbFakeListenBrainz *self)
{
  return self->server;
}

char *
rsb_fake_listenbrainz_dup_url (RsbFakeListenBrainz *self)
{
  return rsb_fake_catalogue_dup_url (self->server);
}

static GPtrArray *
user_locked (RsbFakeListenBrainz *self,
             const char          *user)
{
  GPtrArray *listens = g_hash_table_lookup (self->users, user);

  if (listens == NULL)
    {
      listens = g_ptr_array_new_with_free_func (fake_listen_free);
      g_hash_table_insert (self->users, g_strdup (user), listens);
    }
  return listens;
}

void
rsb_fake_listenbrainz_add_user (RsbFakeListenBrainz *self,
                                const char          *user)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  user_locked (self, user);
}

static int
compare_listened_at (gconstpointer a,
                     gconstpointer b)
{
  const FakeListen *la = *(FakeListen * const *) a;
  const FakeListen *lb = *(FakeListen * const *) b;

  return (la->listened_at > lb->listened_at) - (la->listened_at < lb->listened_at);
}

void
rsb_fake_listenbrainz_add_listen (RsbFakeListenBrainz *self,
                                  const char          *user,
                                  gint64               listened_at,
                                  const char          *artist,
                                  const char          *title,
                                  const char          *release,
                                  gint64               duration_ms,
                                  const char          *spotify_id,
                                  const char          *isrc)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  GPtrArray *listens = user_locked (self, user);
  FakeListen *listen = g_new0 (FakeListen, 1);

  listen->listened_at = listened_at;
  listen->artist = g_strdup (artist);
  listen->title = g_strdup (title);
  listen->release = g_strdup (release);
  listen->duration_ms = duration_ms;
  listen->spotify_id = g_strdup (spotify_id);
  listen->isrc = g_strdup (isrc);
  g_ptr_array_add (listens, listen);
  g_ptr_array_sort (listens, compare_listened_at);
}

void
rsb_fake_listenbrainz_add_series (RsbFakeListenBrainz *self,
                                  const char          *user,
                                  guint                n,
                                  gint64               start_s,
                                  gint64               gap_s)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *artist = g_strdup_printf ("Artist %u", i % 7);
      g_autofree char *title = g_strdup_printf ("Song %u", i);

      rsb_fake_listenbrainz_add_listen (self, user, start_s + (gint64) i * gap_s, artist, title, "Album",
                                        200000, NULL, NULL);
    }
}

void
rsb_fake_listenbrainz_set_rate_limit (RsbFakeListenBrainz *self,
                                      guint                limit,
                                      guint                window_s)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->limit = limit;
  self->window_s = MAX (window_s, 1);
  self->window_start_ms = now_ms ();
  self->used = 0;
}

guint
rsb_fake_listenbrainz_count (RsbFakeListenBrainz *self,
                             const char          *what)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (g_str_equal (what, "total") || g_str_equal (what, "faults"))
    return rsb_fake_catalogue_count (self->server, what);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));
}

char *
rsb_fake_listenbrainz_take_queries (RsbFakeListenBrainz *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  char *queries = g_strdup (self->queries->str);

  g_string_truncate (self->queries, 0);
  return queries;
}
