/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-youtube-history.c: Google Takeout's YouTube watch history -> plays.
 *
 * The file is a JSON array of entries:
 *   { "header": "YouTube Music", "title": "Watched <song>",
 *     "titleUrl": "https://music.youtube.com/watch?v=…",
 *     "subtitles": [ { "name": "<artist> - Topic", "url": … } ],
 *     "time": "2024-05-01T07:12:03.123Z", "products": […], … }
 * streamed through yajl; years of videos make it tens of megabytes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "rsb-youtube-history.h"

#include "rsb-import-error.h"
#include "rsb-json-feed.h"
#include "rsb-start-only-plays.h"
#include "rsb-time.h"

/* [ entries { fields, subtitles [ { name } ] } ] */
#define DEPTH_LIST     1
#define DEPTH_ENTRY    2
#define DEPTH_SUBTITLES 3
#define DEPTH_SUBTITLE 4

typedef enum {
  F_HEADER,
  F_TITLE,
  F_TIME,
  F_ARTIST,
  F_URL,
  N_FIELDS,
} Field;

typedef enum {
  KEY_NONE,
  KEY_FIELD,
  KEY_SUBTITLES,
} Key;

typedef struct {
  const char        *display_name;
  GError            *error;
  RsbStartOnlyPlays *plays;

  int                depth;
  Key                key;
  Field              key_field;
  gboolean           in_subtitles;
  guint              n_subtitles;
  guint              n_entries;

  GString           *fields[N_FIELDS];
  gboolean           has[N_FIELDS];
} YtParser;

/* ---- titles ---------------------------------------------------------- */

/* How Takeout words "Watched X" in the languages most of our users'
 * exports come in. A title in another language is kept whole. */
static const struct { const char *prefix; const char *suffix; } watched[] = {
  { "Watched ", NULL },              /* en */
  { NULL, " angesehen" },            /* de: "X angesehen" */
  { "Has visto ", NULL },            /* es */
  { "Vous avez regardé ", NULL },    /* fr */
  { "Hai guardato ", NULL },         /* it */
  { "Assistiu a ", NULL },           /* pt */
  { "Assistiu ", NULL },
  { NULL, " bekeken" },              /* nl */
};

char *
rsb_youtube_title_from_entry (const char *title)
{
  gsize len = strlen (title);

  for (gsize i = 0; i < G_N_ELEMENTS (watched); i++)
    {
      const char *prefix = watched[i].prefix;
      const char *suffix = watched[i].suffix;

      if (prefix != NULL && g_str_has_prefix (title, prefix) && len > strlen (prefix))
        return g_strdup (title + strlen (prefix));
      if (suffix != NULL && g_str_has_suffix (title, suffix) && len > strlen (suffix))
        return g_strndup (title, len - strlen (suffix));
    }
  return g_strdup (title);
}

static char *
artist_from_channel (const char *name)
{
  if (g_str_has_suffix (name, " - Topic") && strlen (name) > strlen (" - Topic"))
    return g_strndup (name, strlen (name) - strlen (" - Topic"));
  return g_strdup (name);
}

/* ---- entries --------------------------------------------------------- */

static gboolean
set_unsupported (YtParser *self)
{
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               _("“%s” is not a YouTube watch history"), self->display_name);
  return FALSE;
}

static gboolean
set_bad_entry (YtParser *self,
               char     *problem)
{
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” is damaged: %s"), self->display_name, problem);
  g_free (problem);
  return FALSE;
}

static gboolean
is_music (YtParser *self)
{
  return self->has[F_HEADER] && strcmp (self->fields[F_HEADER]->str, "YouTube Music") == 0;
}

/* A song still on YouTube links to it; one since removed keeps only a
 * title such as "Watched a video that has been removed". */
static gboolean
links_to_song (YtParser *self)
{
  return self->has[F_URL] && strstr (self->fields[F_URL]->str, "watch?v=") != NULL;
}

static gboolean
entry_end (YtParser *self)
{
  g_autofree char *title = NULL;
  g_autofree char *artist = NULL;
  gint64 us;
  RsbPlay play = {
    .source = RSB_PLAY_SOURCE_YOUTUBE,
    .precision_ms = RSB_PRECISION_LOW_MS,
  };

  self->n_entries++;
  /* Videos, searches, and songs since removed. */
  if (!is_music (self) || !self->has[F_TITLE] || !links_to_song (self))
    return TRUE;
  if (!self->has[F_TIME])
    /* Translators: "time" is a JSON key: keep it as is. */
    return set_bad_entry (self, g_strdup_printf (_("entry %u has no time"), self->n_entries));
  if (!rsb_time_parse_iso8601 (self->fields[F_TIME]->str, &us))
    {
      g_autofree char *shown = rsb_json_quote (self->fields[F_TIME]->str);

      return set_bad_entry (self, g_strdup_printf (_("entry %u has the invalid time “%s”"),
                                                   self->n_entries, shown));
    }
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->has[i] && !g_utf8_validate (self->fields[i]->str, -1, NULL))
      return set_bad_entry (self, g_strdup_printf (_("entry %u holds text that is not UTF-8"),
                                                   self->n_entries));

  title = rsb_youtube_title_from_entry (self->fields[F_TITLE]->str);
  if (self->has[F_ARTIST])
    artist = artist_from_channel (self->fields[F_ARTIST]->str);
  play.start_ms = play.end_ms = us / 1000;
  play.track.title = title;
  play.track.artists = artist;
  rsb_start_only_plays_add (self->plays, &play);
  return TRUE;
}

/* ---- yajl callbacks -------------------------------------------------- */

static int
on_scalar (YtParser   *self,
           const char *text,
           size_t      len)
{
  if (self->depth < DEPTH_ENTRY)
    return set_unsupported (self);
  if (self->key == KEY_FIELD && text != NULL)
    {
      g_string_truncate (self->fields[self->key_field], 0);
      g_string_append_len (self->fields[self->key_field], text, len);
      self->has[self->key_field] = TRUE;
    }
  self->key = KEY_NONE;
  return TRUE;
}

static int
on_null (void *ctx)
{
  return on_scalar (ctx, NULL, 0);
}

static int
on_boolean (void *ctx,
            int   value)
{
  return on_scalar (ctx, NULL, 0);
}

static int
on_number (void       *ctx,
           const char *text,
           size_t      len)
{
  return on_scalar (ctx, NULL, 0);
}

static int
on_string (void                *ctx,
           const unsigned char *text,
           size_t               len)
{
  return on_scalar (ctx, (const char *) text, len);
}

#define KEY_IS(literal) \
  (len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               len)
{
  YtParser *self = ctx;

  self->key = KEY_NONE;
  if (self->depth == DEPTH_ENTRY)
    {
      if (KEY_IS ("header"))
        self->key = KEY_FIELD, self->key_field = F_HEADER;
      else if (KEY_IS ("title"))
        self->key = KEY_FIELD, self->key_field = F_TITLE;
      else if (KEY_IS ("time"))
        self->key = KEY_FIELD, self->key_field = F_TIME;
      else if (KEY_IS ("titleUrl"))
        self->key = KEY_FIELD, self->key_field = F_URL;
      else if (KEY_IS ("subtitles"))
        self->key = KEY_SUBTITLES;
    }
  /* Only the first subtitle names the artist. */
  else if (self->depth == DEPTH_SUBTITLE && self->in_subtitles && self->n_subtitles == 1 &&
           KEY_IS ("name"))
    self->key = KEY_FIELD, self->key_field = F_ARTIST;
  return TRUE;
}

#undef KEY_IS

static int
on_start_map (void *ctx)
{
  YtParser *self = ctx;

  if (self->depth == 0 || self->depth == DEPTH_ENTRY)
    {
      /* A lone object, or an object where a field's value belongs is
       * passed over below; at the top it is some other JSON. */
      if (self->depth == 0)
        return set_unsupported (self);
    }
  self->depth++;
  if (self->depth == DEPTH_ENTRY)
    {
      for (guint i = 0; i < N_FIELDS; i++)
        self->has[i] = FALSE;
      self->in_subtitles = FALSE;
      self->n_subtitles = 0;
    }
  else if (self->depth == DEPTH_SUBTITLE && self->in_subtitles)
    self->n_subtitles++;
  self->key = KEY_NONE;
  return TRUE;
}

static int
on_end_map (void *ctx)
{
  YtParser *self = ctx;

  self->depth--;
  self->key = KEY_NONE;
  if (self->depth == DEPTH_LIST)
    return entry_end (self);
  return TRUE;
}

static int
on_start_array (void *ctx)
{
  YtParser *self = ctx;

  if (self->depth == DEPTH_LIST)
    return set_unsupported (self);
  if (self->depth == DEPTH_ENTRY)
    self->in_subtitles = self->key == KEY_SUBTITLES;
  self->depth++;
  self->key = KEY_NONE;
  return TRUE;
}

static int
on_end_array (void *ctx)
{
  YtParser *self = ctx;

  self->depth--;
  if (self->depth == DEPTH_ENTRY)
    self->in_subtitles = FALSE;
  self->key = KEY_NONE;
  return TRUE;
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
rsb_youtube_history_parse (GInputStream  *stream,
                           const char    *display_name,
                           RsbPlayFunc    func,
                           gpointer       user_data,
                           guint         *n_plays,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(RsbStartOnlyPlays) plays = rsb_start_only_plays_new ();
  YtParser self = { .display_name = display_name, .plays = plays };
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
  /* entry_end() checks the strings kept; the rest need no check. */
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
