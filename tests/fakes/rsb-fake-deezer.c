/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-deezer.c: Deezer's public catalogue on 127.0.0.1 for tests. */
#include <json-glib/json-glib.h>

#include "rsb-fake-deezer.h"

typedef struct {
  gint64  id;
  char   *isrc;
  char   *artist;
  char   *title;
  guint   duration_s;
  double  bpm;
} FakeTrack;

struct _RsbFakeDeezer
{
  RsbFakeCatalogue *server;

  GMutex            mutex;
  GPtrArray        *tracks;      /* FakeTrack */
  guint             limit;
  gint64            window_ms;
  GQueue            arrivals;    /* gint64 ms as pointers, oldest first */
  gint64            blocked_until_ms;
  gboolean          told;        /* a code 4 went out in this spell */
  GHashTable       *counts;
};

static void
fake_track_free (gpointer data)
{
  FakeTrack *track = data;

  g_free (track->isrc);
  g_free (track->artist);
  g_free (track->title);
  g_free (track);
}

static void
count_locked (RsbFakeDeezer *self,
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

/* Over the quota? Every request that arrives is counted, refused or
 * not, as Deezer counts per address. */
static gboolean
over_quota_locked (RsbFakeDeezer *self)
{
  gint64 now = now_ms ();
  gboolean over;

  while (!g_queue_is_empty (&self->arrivals) &&
         GPOINTER_TO_SIZE (g_queue_peek_head (&self->arrivals)) + self->window_ms <= (gsize) now)
    g_queue_pop_head (&self->arrivals);
  over = now < self->blocked_until_ms || g_queue_get_length (&self->arrivals) >= self->limit;
  if (!over)
    {
      g_queue_push_tail (&self->arrivals, GSIZE_TO_POINTER ((gsize) now));
      self->told = FALSE;
      return FALSE;
    }
  count_locked (self, "quota");
  if (self->told)
    count_locked (self, "spent");
  self->told = TRUE;
  return TRUE;
}

static char *
error_json (int         code,
            const char *type,
            const char *message)
{
  return g_strdup_printf ("{\"error\":{\"type\":\"%s\",\"message\":\"%s\",\"code\":%d}}", type, message, code);
}

static JsonObject *
artist_object (const FakeTrack *track)
{
  JsonObject *artist = json_object_new ();

  json_object_set_int_member (artist, "id", 1000 + track->id);
  json_object_set_string_member (artist, "name", track->artist);
  json_object_set_string_member (artist, "type", "artist");
  return artist;
}

/* The fields of a track in search results; full adds what only
 * /track gives (isrc, bpm, gain, release date). */
static char *
track_json (const FakeTrack *track,
            gboolean         full)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autofree char *link = g_strdup_printf ("https://www.deezer.com/track/%" G_GINT64_FORMAT, track->id);

  json_object_set_int_member (object, "id", track->id);
  json_object_set_boolean_member (object, "readable", TRUE);
  json_object_set_string_member (object, "title", track->title);
  json_object_set_string_member (object, "link", link);
  json_object_set_int_member (object, "duration", track->duration_s);
  json_object_set_int_member (object, "rank", 500000);
  json_object_set_object_member (object, "artist", artist_object (track));
  json_object_set_string_member (object, "type", "track");
  if (full)
    {
      if (track->isrc != NULL)
        json_object_set_string_member (object, "isrc", track->isrc);
      json_object_set_double_member (object, "bpm", track->bpm);
      json_object_set_double_member (object, "gain", -9.1);
      json_object_set_string_member (object, "release_date", "2019-05-17");
    }
  json_node_take_object (node, object);
  return json_to_string (node, FALSE);
}

static const FakeTrack *
find_locked (RsbFakeDeezer *self,
             const char    *isrc,
             gint64         id)
{
  for (guint i = 0; i < self->tracks->len; i++)
    {
      const FakeTrack *track = g_ptr_array_index (self->tracks, i);

      if ((isrc != NULL && g_strcmp0 (track->isrc, isrc) == 0) || (isrc == NULL && track->id == id))
        return track;
    }
  return NULL;
}

/* The value of key:"…" in an advanced search query. */
static char *
query_term (const char *q,
            const char *key)
{
  g_autofree char *needle = g_strconcat (key, ":\"", NULL);
  const char *start = strstr (q, needle);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  end = strchr (start, '"');
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

static char *
search_locked (RsbFakeDeezer *self,
               const char    *q)
{
  g_autofree char *artist = q != NULL ? query_term (q, "artist") : NULL;
  g_autofree char *title = q != NULL ? query_term (q, "track") : NULL;
  GString *json = g_string_new ("{\"data\":[");
  guint n = 0;

  if (title == NULL)
    return error_json (501, "MissingParameterException", "Missing parameters: q");
  for (guint i = 0; i < self->tracks->len; i++)
    {
      const FakeTrack *track = g_ptr_array_index (self->tracks, i);
      g_autofree char *one = NULL;

      if (g_ascii_strcasecmp (track->title, title) != 0 ||
          (artist != NULL && g_ascii_strcasecmp (track->artist, artist) != 0))
        continue;
      one = track_json (track, FALSE);
      g_string_append_printf (json, "%s%s", n++ > 0 ? "," : "", one);
    }
  g_string_append_printf (json, "],\"total\":%u}", n);
  return g_string_free (json, FALSE);
}

static char *
answer (const char *path,
        GHashTable *query,
        guint      *status,
        gpointer    user_data)
{
  RsbFakeDeezer *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  const FakeTrack *track;
  gint64 id;

  if (over_quota_locked (self))
    return error_json (4, "Exception", "Quota limit exceeded");
  if (g_str_equal (path, "/search"))
    {
      count_locked (self, "search");
      return search_locked (self, query != NULL ? g_hash_table_lookup (query, "q") : NULL);
    }
  if (g_str_has_prefix (path, "/track/isrc:"))
    {
      count_locked (self, "isrc");
      track = find_locked (self, path + strlen ("/track/isrc:"), 0);
      return track != NULL ? track_json (track, TRUE) : error_json (800, "DataException", "no data");
    }
  if (g_str_has_prefix (path, "/track/"))
    {
      count_locked (self, "track");
      if (!g_ascii_string_to_signed (path + strlen ("/track/"), 10, 1, G_MAXINT64, &id, NULL) ||
          (track = find_locked (self, NULL, id)) == NULL)
        return error_json (800, "DataException", "no data");
      return track_json (track, TRUE);
    }
  return NULL;
}

RsbFakeDeezer *
rsb_fake_deezer_new (guint    limit,
                     gint64   window_ms,
                     GError **error)
{
  RsbFakeDeezer *self = g_new0 (RsbFakeDeezer, 1);

  g_mutex_init (&self->mutex);
  self->tracks = g_ptr_array_new_with_free_func (fake_track_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->limit = MAX (limit, 1);
  self->window_ms = MAX (window_ms, 1);
  g_queue_init (&self->arrivals);
  self->server = rsb_fake_catalogue_new ("/deezer", answer, self, error);
  if (self->server == NULL)
    {
      rsb_fake_deezer_free (self);
      return NULL;
    }
  return self;
}

void
rsb_fake_deezer_free (RsbFakeDeezer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->server, rsb_fake_catalogue_free);
  g_ptr_array_unref (self->tracks);
  g_hash_table_unref (self->counts);
  g_queue_clear (&self->arrivals);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

RsbFakeCatalogue *
rsb_fake_deezer_get_server (RsbFakeDeezer *self)
{
  return self->server;
}

char *
rsb_fake_deezer_dup_url (RsbFakeDeezer *self)
{
  return rsb_fake_catalogue_dup_url (self->server);
}

void
rsb_fake_deezer_add_track (RsbFakeDeezer *self,
                           gint64         id,
                           const char    *isrc,
                           const char    *artist,
                           const char    *title,
                           guint          duration_s,
                           double         bpm)
{
  FakeTrack *track = g_new0 (FakeTrack, 1);

  track->id = id;
  track->isrc = g_strdup (isrc);
  track->artist = g_strdup (artist);
  track->title = g_strdup (title);
  track->duration_s = duration_s;
  track->bpm = bpm;
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->tracks, track);
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_deezer_spend_quota (RsbFakeDeezer *self)
{
  gint64 now = now_ms ();

  g_mutex_lock (&self->mutex);
  g_queue_clear (&self->arrivals);
  for (guint i = 0; i < self->limit; i++)
    g_queue_push_tail (&self->arrivals, GSIZE_TO_POINTER ((gsize) now));
  g_mutex_unlock (&self->mutex);
}

void
rsb_fake_deezer_block (RsbFakeDeezer *self,
                       gint64         ms)
{
  g_mutex_lock (&self->mutex);
  self->blocked_until_ms = now_ms () + ms;
  g_mutex_unlock (&self->mutex);
}

guint
rsb_fake_deezer_count (RsbFakeDeezer *self,
                       const char    *what)
{
  guint n;

  if (g_str_equal (what, "total") || g_str_equal (what, "faults"))
    return rsb_fake_catalogue_count (self->server, what);
  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, what));
  g_mutex_unlock (&self->mutex);
  return n;
}
