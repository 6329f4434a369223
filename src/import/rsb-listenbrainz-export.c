/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-listenbrainz-export.c: ListenBrainz listen files -> plays.
 *
 * An export holds a file per month, each up to a few hundred thousand
 * listens, so the file goes through yajl as a stream (JSON Lines are
 * read as yajl's "multiple values"). Each listen object is turned into
 * a play when it closes; the nesting is
 *   listen { listened_at, track_metadata { track_name, artist_name,
 *            release_name, additional_info { duration_ms, ... } } }
 * and everything else (mbid_mapping, user_name, ...) is passed over.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "rsb-listenbrainz-export.h"

#include "rsb-import-error.h"
#include "rsb-json-feed.h"
#include "rsb-start-only-plays.h"
#include "rsb-time.h"

/* Deeper nesting is passed over without keeping track of it. */
#define MAX_DEPTH 32

/* No song lasts a day; a longer duration is damage and is dropped. */
#define MAX_DURATION_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

typedef enum {
  CTX_OTHER,
  CTX_LIST,             /* the older export's top-level array */
  CTX_LISTEN,
  CTX_TRACK_METADATA,
  CTX_ADDITIONAL_INFO,
} Context;

typedef enum {
  F_LISTENED_AT,
  F_TITLE,
  F_ARTISTS,
  F_ALBUM,
  F_SPOTIFY_ID,
  F_ISRC,
  N_FIELDS,
} Field;

typedef enum {
  KEY_NONE,
  KEY_FIELD,
  KEY_DURATION_MS,
  KEY_DURATION_S,
  KEY_TRACK_METADATA,
  KEY_ADDITIONAL_INFO,
} Key;

typedef struct {
  const char        *display_name;
  GError            *error;
  RsbStartOnlyPlays *plays;

  int                depth;
  Context            context[MAX_DEPTH + 1];
  Key                key;
  Field              key_field;
  guint              n_listens;

  GString           *fields[N_FIELDS];
  gboolean           has[N_FIELDS];
  double             listened_at_s;   /* when given as a number */
  gboolean           listened_at_number;
  gint64             duration_ms;
} LbParser;

static Context
context_at (LbParser *self,
            int       depth)
{
  return depth >= 0 && depth <= MAX_DEPTH ? self->context[depth] : CTX_OTHER;
}

#define KEY_IS(literal) \
  (len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

static Key
classify_key (Context              context,
              const unsigned char *key,
              size_t               len,
              Field               *field)
{
  switch (context)
    {
    case CTX_LISTEN:
      if (KEY_IS ("listened_at"))
        return (*field = F_LISTENED_AT, KEY_FIELD);
      if (KEY_IS ("track_metadata"))
        return KEY_TRACK_METADATA;
      return KEY_NONE;
    case CTX_TRACK_METADATA:
      if (KEY_IS ("track_name"))
        return (*field = F_TITLE, KEY_FIELD);
      if (KEY_IS ("artist_name"))
        return (*field = F_ARTISTS, KEY_FIELD);
      if (KEY_IS ("release_name"))
        return (*field = F_ALBUM, KEY_FIELD);
      if (KEY_IS ("additional_info"))
        return KEY_ADDITIONAL_INFO;
      return KEY_NONE;
    case CTX_ADDITIONAL_INFO:
      if (KEY_IS ("duration_ms"))
        return KEY_DURATION_MS;
      if (KEY_IS ("duration"))
        return KEY_DURATION_S;
      if (KEY_IS ("spotify_id"))
        return (*field = F_SPOTIFY_ID, KEY_FIELD);
      if (KEY_IS ("isrc"))
        return (*field = F_ISRC, KEY_FIELD);
      return KEY_NONE;
    case CTX_OTHER:
    case CTX_LIST:
    default:
      return KEY_NONE;
    }
}

#undef KEY_IS

/* ---- spotify links --------------------------------------------------- */

static gboolean
is_base62 (const char *id,
           gsize       len)
{
  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]))
      return FALSE;
  return TRUE;
}

char *
rsb_listenbrainz_spotify_uri (const char *spotify_id)
{
  static const char *const prefixes[] = {
    "https://open.spotify.com/track/", "http://open.spotify.com/track/", "spotify:track:",
  };
  const char *id = NULL;
  gsize len;

  if (spotify_id == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes) && id == NULL; i++)
    if (g_str_has_prefix (spotify_id, prefixes[i]))
      id = spotify_id + strlen (prefixes[i]);
  if (id == NULL)
    return NULL;
  len = strcspn (id, "?#/");
  if (!is_base62 (id, len))
    return NULL;
  return g_strdup_printf ("spotify:track:%.*s", (int) len, id);
}

/* ---- one listen ------------------------------------------------------ */

static void
listen_reset (LbParser *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    self->has[i] = FALSE;
  self->listened_at_number = FALSE;
  self->duration_ms = 0;
}

static gboolean
set_bad_listen (LbParser *self,
                char     *problem)
{
  /* Translators: the second %s says what is wrong, e.g. "listen 7 has no listened_at". */
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” is damaged: %s"), self->display_name, problem);
  g_free (problem);
  return FALSE;
}

static gboolean
set_missing (LbParser   *self,
             const char *key)
{
  /* Translators: %s is a JSON key such as listened_at: keep it as is. */
  return set_bad_listen (self, g_strdup_printf (_("listen %u has no %s"), self->n_listens, key));
}

static gboolean
check_text (LbParser   *self,
            Field       field,
            const char *key)
{
  if (!self->has[field] || g_utf8_validate (self->fields[field]->str, -1, NULL))
    return TRUE;
  /* Translators: %s is a JSON key such as track_name: keep it as is. */
  return set_bad_listen (self, g_strdup_printf (_("listen %u has a %s that is not UTF-8"),
                                                self->n_listens, key));
}

/* Seconds since 1970 as a number, a string of digits, or ISO 8601. */
static gboolean
listened_at_ms (LbParser *self,
                gint64   *out_ms)
{
  const char *text = self->fields[F_LISTENED_AT]->str;
  double seconds = self->listened_at_s;
  gint64 us;
  char *end;

  if (!self->listened_at_number)
    {
      seconds = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        {
          if (!rsb_time_parse_iso8601 (text, &us))
            return FALSE;
          *out_ms = us / 1000;
          return TRUE;
        }
    }
  /* Year 1970 to 9999: anything else is damage, and the cast below
   * must stay defined. */
  if (!(seconds >= 0 && seconds < 253402300800.0))
    return FALSE;
  *out_ms = (gint64) (seconds * 1000);
  return TRUE;
}

void
rsb_listenbrainz_listen_to_play (const RsbListenBrainzListen *listen,
                                 RsbPlay                     *play,
                                 char                       **uri)
{
  *play = (RsbPlay) {
    .source = RSB_PLAY_SOURCE_LISTENBRAINZ,
    .precision_ms = RSB_PRECISION_SECOND_MS,
    .start_ms = listen->listened_at_ms,
    .end_ms = listen->listened_at_ms,
  };
  play->track.title = (char *) listen->track_name;
  play->track.artists = (char *) listen->artist_name;
  play->track.album = (char *) listen->release_name;
  play->track.isrc = listen->isrc != NULL && *listen->isrc != '\0' ? (char *) listen->isrc : NULL;
  play->track.duration_ms = listen->duration_ms > 0 && listen->duration_ms <= MAX_DURATION_MS ? listen->duration_ms : 0;
  *uri = rsb_listenbrainz_spotify_uri (listen->spotify_id);
  play->track.uri = *uri;
}

static const char *
field_or_null (LbParser *self,
               Field     field)
{
  return self->has[field] ? self->fields[field]->str : NULL;
}

static gboolean
listen_end (LbParser *self)
{
  g_autofree char *uri = NULL;
  RsbListenBrainzListen listen = { 0 };
  RsbPlay play;

  self->n_listens++;
  if (!self->has[F_LISTENED_AT])
    return set_missing (self, "listened_at");
  if (!self->has[F_TITLE] || self->fields[F_TITLE]->len == 0)
    return set_missing (self, "track_name");
  if (!listened_at_ms (self, &listen.listened_at_ms))
    {
      g_autofree char *shown = rsb_json_quote (self->fields[F_LISTENED_AT]->str);

      /* Translators: %s after listened_at is its value. */
      return set_bad_listen (self, g_strdup_printf (_("listen %u has the invalid listened_at “%s”"),
                                                    self->n_listens, shown));
    }
  if (!check_text (self, F_TITLE, "track_name") ||
      !check_text (self, F_ARTISTS, "artist_name") ||
      !check_text (self, F_ALBUM, "release_name") ||
      !check_text (self, F_ISRC, "isrc") ||
      !check_text (self, F_SPOTIFY_ID, "spotify_id"))
    return FALSE;

  listen.track_name = field_or_null (self, F_TITLE);
  listen.artist_name = field_or_null (self, F_ARTISTS);
  listen.release_name = field_or_null (self, F_ALBUM);
  listen.isrc = field_or_null (self, F_ISRC);
  listen.spotify_id = field_or_null (self, F_SPOTIFY_ID);
  listen.duration_ms = self->duration_ms;
  rsb_listenbrainz_listen_to_play (&listen, &play, &uri);
  rsb_start_only_plays_add (self->plays, &play);
  return TRUE;
}

/* ---- yajl callbacks -------------------------------------------------- */

static gboolean
set_unsupported (LbParser *self)
{
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               _("“%s” is not a ListenBrainz listen file"), self->display_name);
  return FALSE;
}

/* A scalar where a listen belongs: some other JSON. */
static gboolean
scalar_outside_listen (LbParser *self)
{
  return self->depth == 0 || context_at (self, self->depth) == CTX_LIST;
}

static void
keep_string (LbParser   *self,
             const char *text,
             size_t      len)
{
  GString *field = self->fields[self->key_field];

  g_string_truncate (field, 0);
  g_string_append_len (field, text, len);
  self->has[self->key_field] = TRUE;
}

static void
set_duration (LbParser   *self,
              const char *text,
              size_t      len)
{
  char buffer[64];
  double value;

  if (len == 0 || len >= sizeof buffer)
    return;
  memcpy (buffer, text, len);
  buffer[len] = '\0';
  value = g_ascii_strtod (buffer, NULL);
  if (self->key == KEY_DURATION_S)
    value *= 1000;
  /* duration_ms wins over duration whichever comes first. */
  if (value > 0 && value <= MAX_DURATION_MS &&
      (self->key == KEY_DURATION_MS || self->duration_ms == 0))
    self->duration_ms = (gint64) value;
}

static int
on_null (void *ctx)
{
  LbParser *self = ctx;

  if (scalar_outside_listen (self))
    return set_unsupported (self);
  if (self->key == KEY_FIELD)
    self->has[self->key_field] = FALSE;
  self->key = KEY_NONE;
  return TRUE;
}

static int
on_boolean (void *ctx,
            int   value)
{
  LbParser *self = ctx;

  if (scalar_outside_listen (self))
    return set_unsupported (self);
  self->key = KEY_NONE;
  return TRUE;
}

static int
on_number (void       *ctx,
           const char *text,
           size_t      len)
{
  LbParser *self = ctx;

  if (scalar_outside_listen (self))
    return set_unsupported (self);
  if (self->key == KEY_FIELD && self->key_field == F_LISTENED_AT)
    {
      char buffer[64];

      keep_string (self, text, len);
      if (len < sizeof buffer)
        {
          memcpy (buffer, text, len);
          buffer[len] = '\0';
          self->listened_at_s = g_ascii_strtod (buffer, NULL);
          self->listened_at_number = TRUE;
        }
    }
  else if (self->key == KEY_DURATION_MS || self->key == KEY_DURATION_S)
    set_duration (self, text, len);
  self->key = KEY_NONE;
  return TRUE;
}

static int
on_string (void                *ctx,
           const unsigned char *text,
           size_t               len)
{
  LbParser *self = ctx;

  if (scalar_outside_listen (self))
    return set_unsupported (self);
  if (self->key == KEY_FIELD)
    {
      keep_string (self, (const char *) text, len);
      if (self->key_field == F_LISTENED_AT)
        self->listened_at_number = FALSE;
    }
  else if (self->key == KEY_DURATION_MS || self->key == KEY_DURATION_S)
    set_duration (self, (const char *) text, len);
  self->key = KEY_NONE;
  return TRUE;
}

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               len)
{
  LbParser *self = ctx;

  self->key = classify_key (context_at (self, self->depth), key, len, &self->key_field);
  return TRUE;
}

/* What the container opening at depth + 1 is, from where it opens. */
static Context
child_context (LbParser *self,
               gboolean  is_map)
{
  Context parent = context_at (self, self->depth);

  if (self->depth == 0)
    return is_map ? CTX_LISTEN : CTX_LIST;
  if (parent == CTX_LIST)
    return is_map ? CTX_LISTEN : CTX_OTHER;
  if (!is_map)
    return CTX_OTHER;
  if (parent == CTX_LISTEN && self->key == KEY_TRACK_METADATA)
    return CTX_TRACK_METADATA;
  if (parent == CTX_TRACK_METADATA && self->key == KEY_ADDITIONAL_INFO)
    return CTX_ADDITIONAL_INFO;
  return CTX_OTHER;
}

static int
open_container (LbParser *self,
                gboolean  is_map)
{
  Context context = child_context (self, is_map);

  if (self->depth > 0 && context_at (self, self->depth) == CTX_LIST && !is_map)
    return set_unsupported (self);
  self->key = KEY_NONE;
  self->depth++;
  if (self->depth <= MAX_DEPTH)
    self->context[self->depth] = context;
  if (context == CTX_LISTEN)
    listen_reset (self);
  return TRUE;
}

static int
on_start_map (void *ctx)
{
  return open_container (ctx, TRUE);
}

static int
on_start_array (void *ctx)
{
  return open_container (ctx, FALSE);
}

static int
close_container (LbParser *self)
{
  Context closing = context_at (self, self->depth);

  self->depth--;
  self->key = KEY_NONE;
  if (closing == CTX_LISTEN)
    return listen_end (self);
  return TRUE;
}

static int
on_end_map (void *ctx)
{
  return close_container (ctx);
}

static int
on_end_array (void *ctx)
{
  return close_container (ctx);
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end_map,
  .yajl_start_array = on_start_array,
  .yajl_end_array = on_end_array,
};

gboolean
rsb_listenbrainz_export_parse (GInputStream  *stream,
                               const char    *display_name,
                               RsbPlayFunc    func,
                               gpointer       user_data,
                               guint         *n_plays,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(RsbStartOnlyPlays) plays = rsb_start_only_plays_new ();
  LbParser self = { .display_name = display_name, .plays = plays };
  guint n_emitted = 0;
  yajl_handle handle;
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < N_FIELDS; i++)
    self.fields[i] = g_string_sized_new (64);
  handle = yajl_alloc (&callbacks, NULL, &self);
  /* One listen a line. */
  yajl_config (handle, yajl_allow_multiple_values, 1);
  /* The strings kept are checked in full by check_text(); the many
   * passed over (MusicBrainz ids, artist credits) need no check. */
  yajl_config (handle, yajl_dont_validate_strings, 1);
  ok = rsb_json_feed (handle, stream, display_name, &self.error, cancellable, error);
  yajl_free (handle);
  if (ok)
    ok = rsb_start_only_plays_emit (plays, display_name, func, user_data, &n_emitted, error);
  if (n_plays != NULL)
    *n_plays = n_emitted;

  g_clear_error (&self.error);
  for (guint i = 0; i < N_FIELDS; i++)
    g_string_free (self.fields[i], TRUE);
  return ok;
}
