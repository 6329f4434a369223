/* rsb-spotify-history.c: Spotify Extended Streaming History -> plays.
 *
 * Exports run to tens of megabytes, so the file is fed to yajl in
 * chunks and each entry is turned into a play as soon as its object
 * closes. Nothing is allocated per key or per entry: keys are matched
 * on yajl's own buffer and the string fields reuse their GStrings.
 */
#include "rsb-spotify-history.h"

#include "rsb-import-error.h"
#include "rsb-time.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#define CHUNK_SIZE (64 * 1024)

/* Extended history timestamps carry whole seconds. */
#define EXTENDED_PRECISION_MS 1000

/* Depth of the JSON containers: [ entries { fields ... } ] */
#define DEPTH_TOP   1
#define DEPTH_ENTRY 2

typedef enum {
  FIELD_TS,
  FIELD_TITLE,
  FIELD_ARTISTS,
  FIELD_ALBUM,
  FIELD_TRACK_URI,
  FIELD_REASON_END,
  N_STRING_FIELDS,
} StringField;

typedef enum {
  KEY_OTHER,
  KEY_STRING,        /* one of StringField, in key_field */
  KEY_MS_PLAYED,
  KEY_SKIPPED,
  KEY_OFFLINE,
  KEY_OTHER_MEDIA,   /* episode / audiobook URIs: set means not music */
  KEY_END_TIME,      /* account-data format */
  KEY_MS_PLAYED_ACCOUNT,
} EntryKey;

typedef struct {
  const char  *display_name;
  RsbPlayFunc  func;
  gpointer     user_data;
  GError      *error;      /* set by a callback that stops the parse */

  int          depth;
  EntryKey     key;
  StringField  key_field;
  guint        n_entries;
  guint        n_plays;

  /* The entry being read. */
  GString     *strings[N_STRING_FIELDS];
  gboolean     has_string[N_STRING_FIELDS];
  gboolean     has_ms_played;
  gboolean     bad_ms_played;
  gint64       ms_played;
  int          skipped;    /* -1 when null or absent */
  gboolean     offline;
  gboolean     other_media;
  gboolean     account_format;
} SpotifyParser;

/* ---- keys ------------------------------------------------------------ */

#define KEY_IS(literal) \
  (len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

static EntryKey
classify_key (const unsigned char *key,
              size_t               len,
              StringField         *field)
{
  if (KEY_IS ("ts"))
    return (*field = FIELD_TS, KEY_STRING);
  if (KEY_IS ("ms_played"))
    return KEY_MS_PLAYED;
  if (KEY_IS ("spotify_track_uri"))
    return (*field = FIELD_TRACK_URI, KEY_STRING);
  if (KEY_IS ("master_metadata_track_name"))
    return (*field = FIELD_TITLE, KEY_STRING);
  if (KEY_IS ("master_metadata_album_artist_name"))
    return (*field = FIELD_ARTISTS, KEY_STRING);
  if (KEY_IS ("master_metadata_album_album_name"))
    return (*field = FIELD_ALBUM, KEY_STRING);
  if (KEY_IS ("reason_end"))
    return (*field = FIELD_REASON_END, KEY_STRING);
  if (KEY_IS ("skipped"))
    return KEY_SKIPPED;
  if (KEY_IS ("offline"))
    return KEY_OFFLINE;
  if (KEY_IS ("spotify_episode_uri") || KEY_IS ("audiobook_uri") ||
      KEY_IS ("audiobook_chapter_uri"))
    return KEY_OTHER_MEDIA;
  if (KEY_IS ("endTime"))
    return KEY_END_TIME;
  if (KEY_IS ("msPlayed"))
    return KEY_MS_PLAYED_ACCOUNT;
  return KEY_OTHER;
}

#undef KEY_IS

/* ---- timestamps ------------------------------------------------------ */

static gboolean
parse_ts (const GString *ts,
          gint64        *out_ms)
{
  gint64 us;

  if (!rsb_time_parse_iso8601 (ts->str, &us))
    return FALSE;
  *out_ms = us / 1000;
  return TRUE;
}

/* ---- entries --------------------------------------------------------- */

static void
entry_reset (SpotifyParser *self)
{
  for (guint i = 0; i < N_STRING_FIELDS; i++)
    self->has_string[i] = FALSE;
  self->has_ms_played = FALSE;
  self->bad_ms_played = FALSE;
  self->ms_played = 0;
  self->skipped = -1;
  self->offline = FALSE;
  self->other_media = FALSE;
  self->account_format = FALSE;
  self->key = KEY_OTHER;
}

static gboolean
set_unsupported (SpotifyParser *self)
{
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               "“%s” is not a Spotify streaming history", self->display_name);
  return FALSE;
}

static gboolean
set_bad_entry (SpotifyParser *self,
               const char    *problem)
{
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               "“%s” is damaged: entry %u %s",
               self->display_name, self->n_entries, problem);
  return FALSE;
}

static gboolean
entry_is_music (SpotifyParser *self)
{
  return self->has_string[FIELD_TRACK_URI] &&
         self->has_string[FIELD_TITLE] &&
         !self->other_media;
}

/* The first entry decides whether this is a history we read at all. */
static gboolean
check_format (SpotifyParser *self)
{
  if (self->account_format && !self->has_string[FIELD_TS])
    {
      g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   "“%s” is a Spotify account-data history (StreamingHistory*.json), "
                   "not an extended streaming history", self->display_name);
      return FALSE;
    }
  if (!self->has_string[FIELD_TS] && !self->has_ms_played &&
      !self->has_string[FIELD_TRACK_URI] && !self->other_media)
    return set_unsupported (self);
  return TRUE;
}

static gboolean
entry_emit (SpotifyParser *self)
{
  const char *reason_end = self->strings[FIELD_REASON_END]->str;
  RsbPlay play = {
    .source = RSB_PLAY_SOURCE_EXTENDED,
    .precision_ms = EXTENDED_PRECISION_MS,
    .ms_played = self->ms_played,
    .offline = self->offline,
  };

  if (!parse_ts (self->strings[FIELD_TS], &play.end_ms))
    {
      g_autofree char *problem = g_strdup_printf ("has the invalid ts “%s”",
                                                  self->strings[FIELD_TS]->str);
      return set_bad_entry (self, problem);
    }
  play.start_ms = play.end_ms - play.ms_played;

  /* Old endsong files leave skipped null; a forward-button end is a skip. */
  if (self->skipped >= 0)
    play.skipped = self->skipped;
  else
    play.skipped = self->has_string[FIELD_REASON_END] && strcmp (reason_end, "fwdbtn") == 0;

  play.track.uri = self->strings[FIELD_TRACK_URI]->str;
  play.track.title = self->strings[FIELD_TITLE]->str;
  play.track.artists = self->has_string[FIELD_ARTISTS] ? self->strings[FIELD_ARTISTS]->str : NULL;
  play.track.album = self->has_string[FIELD_ALBUM] ? self->strings[FIELD_ALBUM]->str : NULL;

  if (!self->func (&play, self->user_data, &self->error))
    {
      if (self->error == NULL)
        g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                     "Reading “%s” was stopped", self->display_name);
      return FALSE;
    }
  self->n_plays++;
  return TRUE;
}

static gboolean
entry_end (SpotifyParser *self)
{
  self->n_entries++;
  if (self->n_entries == 1 && !check_format (self))
    return FALSE;
  if (!entry_is_music (self))
    return TRUE;

  if (!self->has_string[FIELD_TS])
    return set_bad_entry (self, "has no ts");
  if (!self->has_ms_played)
    return set_bad_entry (self, self->bad_ms_played ? "has an invalid ms_played"
                                                    : "has no ms_played");
  if (self->ms_played < 0)
    return set_bad_entry (self, "has a negative ms_played");
  return entry_emit (self);
}

/* ---- yajl callbacks -------------------------------------------------- */

/* Scalars: only the members of an entry matter; a scalar where an
 * array or an entry belongs means this is some other JSON file. */
static gboolean
scalar_at_top (SpotifyParser *self)
{
  return self->depth < DEPTH_ENTRY;
}

static int
on_null (void *ctx)
{
  SpotifyParser *self = ctx;

  if (scalar_at_top (self))
    return set_unsupported (self);
  if (self->depth != DEPTH_ENTRY)
    return TRUE;

  if (self->key == KEY_STRING)
    self->has_string[self->key_field] = FALSE;
  else if (self->key == KEY_SKIPPED)
    self->skipped = -1;
  return TRUE;
}

static int
on_boolean (void *ctx,
            int   value)
{
  SpotifyParser *self = ctx;

  if (scalar_at_top (self))
    return set_unsupported (self);
  if (self->depth != DEPTH_ENTRY)
    return TRUE;

  if (self->key == KEY_SKIPPED)
    self->skipped = value ? 1 : 0;
  else if (self->key == KEY_OFFLINE)
    self->offline = value != 0;
  return TRUE;
}

static gboolean
parse_ms (const char *text,
          size_t      len,
          gint64     *out)
{
  char buffer[64];
  char *end;
  double value;

  if (len == 0 || len >= sizeof buffer)
    return FALSE;
  memcpy (buffer, text, len);
  buffer[len] = '\0';

  *out = g_ascii_strtoll (buffer, &end, 10);
  if (*end == '\0')
    return TRUE;

  /* yajl hands over the literal; "1.5e3" is still a number. */
  value = g_ascii_strtod (buffer, &end);
  if (*end != '\0' || value > (double) G_MAXINT64 || value < (double) G_MININT64)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static int
on_number (void       *ctx,
           const char *text,
           size_t      len)
{
  SpotifyParser *self = ctx;

  if (scalar_at_top (self))
    return set_unsupported (self);
  if (self->depth != DEPTH_ENTRY)
    return TRUE;

  if (self->key == KEY_MS_PLAYED)
    {
      self->has_ms_played = parse_ms (text, len, &self->ms_played);
      self->bad_ms_played = !self->has_ms_played;
    }
  else if (self->key == KEY_MS_PLAYED_ACCOUNT)
    self->account_format = TRUE;
  return TRUE;
}

static int
on_string (void                *ctx,
           const unsigned char *text,
           size_t               len)
{
  SpotifyParser *self = ctx;

  if (scalar_at_top (self))
    return set_unsupported (self);
  if (self->depth != DEPTH_ENTRY)
    return TRUE;

  switch (self->key)
    {
    case KEY_STRING:
      g_string_truncate (self->strings[self->key_field], 0);
      g_string_append_len (self->strings[self->key_field], (const char *) text, len);
      self->has_string[self->key_field] = TRUE;
      break;
    case KEY_OTHER_MEDIA:
      self->other_media = TRUE;
      break;
    case KEY_END_TIME:
      self->account_format = TRUE;
      break;
    default:
      break;
    }
  return TRUE;
}

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               len)
{
  SpotifyParser *self = ctx;

  if (self->depth == DEPTH_ENTRY)
    self->key = classify_key (key, len, &self->key_field);
  return TRUE;
}

static int
on_start_map (void *ctx)
{
  SpotifyParser *self = ctx;

  /* A lone object rather than a list of entries. */
  if (self->depth == 0)
    return set_unsupported (self);

  self->depth++;
  if (self->depth == DEPTH_ENTRY)
    entry_reset (self);
  return TRUE;
}

static int
on_end_map (void *ctx)
{
  SpotifyParser *self = ctx;

  self->depth--;
  if (self->depth == DEPTH_TOP)
    return entry_end (self);
  return TRUE;
}

static int
on_start_array (void *ctx)
{
  SpotifyParser *self = ctx;

  /* An array where an entry belongs. */
  if (self->depth == DEPTH_TOP)
    return set_unsupported (self);
  self->depth++;
  return TRUE;
}

static int
on_end_array (void *ctx)
{
  SpotifyParser *self = ctx;

  self->depth--;
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

/* ---- driving the parse ----------------------------------------------- */

/* yajl's message without its "parse error: " style prefix. */
static char *
json_error_detail (yajl_handle handle)
{
  unsigned char *message = yajl_get_error (handle, 0, NULL, 0);
  const char *text = (const char *) message;
  const char *colon = strstr (text, "error: ");
  char *detail;

  if (colon != NULL)
    text = colon + strlen ("error: ");
  detail = g_strstrip (g_strdup (text));
  yajl_free_error (handle, message);
  return detail;
}

static void
set_json_error (SpotifyParser  *self,
                yajl_handle     handle,
                guint64         offset,
                gboolean        at_eof,
                GError        **error)
{
  g_autofree char *detail = NULL;

  if (offset == 0)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   "“%s” is empty", self->display_name);
      return;
    }

  detail = json_error_detail (handle);
  if (at_eof && strcmp (detail, "premature EOF") == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 "“%s” is damaged: the JSON ends early (byte %" G_GUINT64_FORMAT ")",
                 self->display_name, offset);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 "“%s” is damaged at byte %" G_GUINT64_FORMAT ": %s",
                 self->display_name, offset, detail);
}

/* Turns a yajl status into a GError; TRUE when parsing may go on. */
static gboolean
check_status (SpotifyParser  *self,
              yajl_handle     handle,
              yajl_status     status,
              guint64         offset,
              gboolean        at_eof,
              GError        **error)
{
  if (status == yajl_status_ok)
    return TRUE;

  if (status == yajl_status_client_canceled && self->error != NULL)
    g_propagate_error (error, g_steal_pointer (&self->error));
  else
    set_json_error (self, handle, offset, at_eof, error);
  return FALSE;
}

static gboolean
read_chunk (GInputStream  *stream,
            guint8        *buffer,
            gssize        *n_read,
            const char    *display_name,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *n_read = 0;
  /* Memory streams never look at the cancellable themselves. */
  if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    *n_read = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable, &local_error);

  if (local_error == NULL)
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                 "Reading “%s” was cancelled", display_name);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                "Could not read “%s”: ", display_name);
  return FALSE;
}

static gboolean
feed_stream (SpotifyParser  *self,
             yajl_handle     handle,
             GInputStream   *stream,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  guint64 offset = 0;
  gssize n_read;

  for (;;)
    {
      yajl_status status;

      if (!read_chunk (stream, buffer, &n_read, self->display_name, cancellable, error))
        return FALSE;
      if (n_read == 0)
        break;

      status = yajl_parse (handle, buffer, n_read);
      if (!check_status (self, handle, status,
                         offset + yajl_get_bytes_consumed (handle), FALSE, error))
        return FALSE;
      offset += n_read;
    }

  return check_status (self, handle, yajl_complete_parse (handle), offset, TRUE, error);
}

gboolean
rsb_spotify_history_parse (GInputStream  *stream,
                           const char    *display_name,
                           RsbPlayFunc    func,
                           gpointer       user_data,
                           guint         *n_plays,
                           GCancellable  *cancellable,
                           GError       **error)
{
  SpotifyParser self = {
    .display_name = display_name,
    .func = func,
    .user_data = user_data,
  };
  yajl_handle handle;
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < N_STRING_FIELDS; i++)
    self.strings[i] = g_string_sized_new (64);

  handle = yajl_alloc (&callbacks, NULL, &self);
  ok = feed_stream (&self, handle, stream, cancellable, error);
  yajl_free (handle);

  /* Also on failure: the caller may want to say how far it got. */
  if (n_plays != NULL)
    *n_plays = self.n_plays;

  g_clear_error (&self.error);
  for (guint i = 0; i < N_STRING_FIELDS; i++)
    g_string_free (self.strings[i], TRUE);
  return ok;
}
