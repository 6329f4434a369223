/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-spotify-history.c: Spotify streaming histories -> plays.
 *
 * Exports run to tens of megabytes, so the file is fed to yajl in
 * chunks and each entry is turned into a play as soon as its object
 * closes. Nothing is allocated per key or per entry: keys are matched
 * on yajl's own buffer and the string fields reuse their GStrings.
 *
 * Two shapes of entry exist: the Extended Streaming History's ("ts",
 * "ms_played", "master_metadata_*", "spotify_track_uri") and the
 * account-data export's ("endTime", "msPlayed", "trackName",
 * "artistName"). File names say little once users unzip and rename
 * exports, so each entry is judged by its own keys.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-spotify-history.h"

#include "rsb-import-error.h"
#include "rsb-time.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#define CHUNK_SIZE (64 * 1024)

/* Extended history timestamps carry whole seconds, account-data ones
 * whole minutes. */
#define EXTENDED_PRECISION_MS 1000
#define ACCOUNT_PRECISION_MS  60000

/* No play lasts a year: a longer one is damage, and the bound keeps
 * start = end - ms_played from overflowing. */
#define MAX_MS_PLAYED (G_GINT64_CONSTANT (366) * 24 * 3600 * 1000)

/* Values quoted back in messages are cut to this many characters. */
#define MAX_QUOTED_CHARS 40

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
  FIELD_END_TIME,      /* account data from here on */
  FIELD_TRACK_NAME,
  FIELD_ARTIST_NAME,
  N_STRING_FIELDS,
} StringField;

typedef enum {
  MS_EXTENDED,         /* ms_played */
  MS_ACCOUNT,          /* msPlayed */
  N_MS_FIELDS,
} MsField;

typedef enum {
  KEY_OTHER,
  KEY_STRING,        /* one of StringField, in key_field */
  KEY_MS,            /* one of MsField, in key_ms */
  KEY_SKIPPED,
  KEY_OFFLINE,
  KEY_OTHER_MEDIA,   /* episode / audiobook / podcast names: set means not music */
} EntryKey;

typedef struct {
  gboolean present;
  gboolean bad;      /* there, but not a usable number */
  gint64   value;
} MsPlayed;

typedef struct {
  const char  *display_name;
  RsbPlayFunc  func;
  gpointer     user_data;
  GError      *error;      /* set by a callback that stops the parse */

  int          depth;
  EntryKey     key;
  StringField  key_field;
  MsField      key_ms;
  guint        n_entries;
  guint        n_plays;

  /* The entry being read. */
  GString     *strings[N_STRING_FIELDS];
  gboolean     has_string[N_STRING_FIELDS];
  MsPlayed     ms[N_MS_FIELDS];
  int          skipped;    /* -1 when null or absent */
  gboolean     offline;
  gboolean     other_media;
} SpotifyParser;

/* ---- keys ------------------------------------------------------------ */

#define KEY_IS(literal) \
  (len == sizeof (literal) - 1 && memcmp (key, literal, sizeof (literal) - 1) == 0)

static EntryKey
classify_key (const unsigned char *key,
              size_t               len,
              StringField         *field,
              MsField             *ms)
{
  if (KEY_IS ("ts"))
    return (*field = FIELD_TS, KEY_STRING);
  if (KEY_IS ("ms_played"))
    return (*ms = MS_EXTENDED, KEY_MS);
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
    return (*field = FIELD_END_TIME, KEY_STRING);
  if (KEY_IS ("msPlayed"))
    return (*ms = MS_ACCOUNT, KEY_MS);
  if (KEY_IS ("trackName"))
    return (*field = FIELD_TRACK_NAME, KEY_STRING);
  if (KEY_IS ("artistName"))
    return (*field = FIELD_ARTIST_NAME, KEY_STRING);
  /* Entries of StreamingHistory_podcast_*.json. */
  if (KEY_IS ("podcastName") || KEY_IS ("episodeName"))
    return KEY_OTHER_MEDIA;
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

/* "YYYY-MM-DD HH:MM" has exactly this shape; the digits and ranges are
 * rsb_time_parse_iso8601's to check. */
static gboolean
is_minute_time (const GString *text)
{
  static const char pattern[] = "dddd-dd-dd dd:dd";

  if (text->len != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (pattern[i] == 'd' ? !g_ascii_isdigit (c) : c != pattern[i])
        return FALSE;
    }
  return TRUE;
}

/* endTime is UTC to the minute. Spelling it out as a full UTC time keeps
 * the common case on rsb_time_parse_iso8601's fast path; anything else
 * gets the general ISO 8601 reading. */
static gboolean
parse_end_time (const GString *end_time,
                gint64        *out_ms)
{
  char full[sizeof "YYYY-MM-DDTHH:MM:00Z"];

  if (!is_minute_time (end_time))
    return parse_ts (end_time, out_ms);

  memcpy (full, end_time->str, end_time->len);
  full[10] = 'T';
  memcpy (full + end_time->len, ":00Z", sizeof ":00Z");
  if (!rsb_time_parse_iso8601 (full, out_ms))
    return FALSE;
  *out_ms /= 1000;
  return TRUE;
}

/* ---- entries --------------------------------------------------------- */

static void
entry_reset (SpotifyParser *self)
{
  for (guint i = 0; i < N_STRING_FIELDS; i++)
    self->has_string[i] = FALSE;
  for (guint i = 0; i < N_MS_FIELDS; i++)
    self->ms[i] = (MsPlayed) { FALSE, FALSE, 0 };
  self->skipped = -1;
  self->offline = FALSE;
  self->other_media = FALSE;
  self->key = KEY_OTHER;
}

static char *
string_or_null (SpotifyParser *self,
                StringField    field)
{
  return self->has_string[field] ? self->strings[field]->str : NULL;
}

static gboolean
set_unsupported (SpotifyParser *self)
{
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
               _("“%s” is not a Spotify streaming history"), self->display_name);
  return FALSE;
}

/* Takes ownership of problem, which says what is wrong with the entry
 * just read. */
static gboolean
set_bad_entry (SpotifyParser *self,
               char          *problem)
{
  /* Translators: the second %s says what is wrong, e.g. "entry 7 has no ts". */
  g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” is damaged: %s"), self->display_name, problem);
  g_free (problem);
  return FALSE;
}

static gboolean
set_missing (SpotifyParser *self,
             const char    *key)
{
  /* Translators: %s is a JSON key such as ts or endTime: keep it as is. */
  return set_bad_entry (self, g_strdup_printf (_("entry %u has no %s"),
                                               self->n_entries, key));
}

/* A bad timestamp is quoted back so the user can find it, but a fuzzed
 * or binary value must not turn the message into a wall of text. */
static gboolean
set_bad_time (SpotifyParser *self,
              const char    *key,
              StringField    field)
{
  /* Shown as far as it is UTF-8: yajl lets overlong forms through. */
  g_autofree char *valid = g_utf8_make_valid (self->strings[field]->str, -1);
  g_autofree char *shown = NULL;

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      shown = g_strconcat (head, "…", NULL);
    }
  else
    shown = g_steal_pointer (&valid);

  /* Translators: the first %s is a JSON key (ts, endTime), the second its value. */
  return set_bad_entry (self, g_strdup_printf (_("entry %u has the invalid %s “%s”"),
                                               self->n_entries, key, shown));
}

/* Reads a play's length, or says why the entry has none. */
static gboolean
check_ms_played (SpotifyParser *self,
                 MsField        field,
                 const char    *key)
{
  const MsPlayed *ms = &self->ms[field];

  if (ms->bad || ms->value > MAX_MS_PLAYED)
    return set_bad_entry (self, g_strdup_printf (_("entry %u has an invalid %s"),
                                                 self->n_entries, key));
  if (!ms->present)
    return set_missing (self, key);
  if (ms->value < 0)
    return set_bad_entry (self, g_strdup_printf (_("entry %u has a negative %s"),
                                                 self->n_entries, key));
  return TRUE;
}

/* Every kept string is checked here (yajl is told not to: it would
 * check only the shape of UTF-8 sequences, letting overlong forms and
 * surrogates through, and spend that time on strings we skip too). A
 * \u0000 escape merely cuts the text short. */
static gboolean
check_text (SpotifyParser *self,
            StringField    field,
            const char    *key)
{
  if (!self->has_string[field] || g_utf8_validate (self->strings[field]->str, -1, NULL))
    return TRUE;
  /* Translators: %s is a JSON key such as trackName: keep it as is. */
  return set_bad_entry (self, g_strdup_printf (_("entry %u has a %s that is not UTF-8"),
                                               self->n_entries, key));
}

/* Extended entries for music name a track URI and a title. */
static gboolean
entry_is_extended_music (SpotifyParser *self)
{
  return self->has_string[FIELD_TRACK_URI] &&
         self->has_string[FIELD_TITLE] &&
         !self->other_media;
}

/* Account-data entries for music name a track; podcast ones name a show
 * and an episode instead. Any extended key means the entry is not one. */
static gboolean
entry_is_account_music (SpotifyParser *self)
{
  return self->has_string[FIELD_TRACK_NAME] &&
         !self->other_media &&
         !self->has_string[FIELD_TS] &&
         !self->has_string[FIELD_TRACK_URI] &&
         !self->has_string[FIELD_TITLE];
}

/* The first entry decides whether this is a history we read at all. */
static gboolean
check_format (SpotifyParser *self)
{
  if (self->has_string[FIELD_TS] || self->has_string[FIELD_TRACK_URI] ||
      self->has_string[FIELD_END_TIME] || self->has_string[FIELD_TRACK_NAME] ||
      self->ms[MS_EXTENDED].present || self->ms[MS_ACCOUNT].present ||
      self->other_media)
    return TRUE;
  return set_unsupported (self);
}

static gboolean
emit (SpotifyParser *self,
      const RsbPlay *play)
{
  if (!self->func (play, self->user_data, &self->error))
    {
      if (self->error == NULL)
        g_set_error (&self->error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                     _("Reading “%s” was stopped"), self->display_name);
      return FALSE;
    }
  self->n_plays++;
  return TRUE;
}

static gboolean
emit_extended (SpotifyParser *self)
{
  RsbPlay play = {
    .source = RSB_PLAY_SOURCE_EXTENDED,
    .precision_ms = EXTENDED_PRECISION_MS,
    .ms_played = self->ms[MS_EXTENDED].value,
    .offline = self->offline,
  };

  if (!self->has_string[FIELD_TS])
    return set_missing (self, "ts");
  if (!check_ms_played (self, MS_EXTENDED, "ms_played"))
    return FALSE;
  if (!parse_ts (self->strings[FIELD_TS], &play.end_ms))
    return set_bad_time (self, "ts", FIELD_TS);
  play.start_ms = play.end_ms - play.ms_played;
  if (!check_text (self, FIELD_TITLE, "master_metadata_track_name") ||
      !check_text (self, FIELD_ARTISTS, "master_metadata_album_artist_name") ||
      !check_text (self, FIELD_ALBUM, "master_metadata_album_album_name") ||
      !check_text (self, FIELD_TRACK_URI, "spotify_track_uri"))
    return FALSE;

  /* Old endsong files leave skipped null; a forward-button end is a skip. */
  if (self->skipped >= 0)
    play.skipped = self->skipped;
  else
    play.skipped = self->has_string[FIELD_REASON_END] &&
                   strcmp (self->strings[FIELD_REASON_END]->str, "fwdbtn") == 0;

  play.track.uri = self->strings[FIELD_TRACK_URI]->str;
  play.track.title = self->strings[FIELD_TITLE]->str;
  play.track.artists = string_or_null (self, FIELD_ARTISTS);
  play.track.album = string_or_null (self, FIELD_ALBUM);
  return emit (self, &play);
}

/* The account data knows neither the track URI, the album, skips nor
 * offline plays. */
static gboolean
emit_account (SpotifyParser *self)
{
  RsbPlay play = {
    .source = RSB_PLAY_SOURCE_ACCOUNT,
    .precision_ms = ACCOUNT_PRECISION_MS,
    .ms_played = self->ms[MS_ACCOUNT].value,
  };

  if (!self->has_string[FIELD_END_TIME])
    return set_missing (self, "endTime");
  if (!check_ms_played (self, MS_ACCOUNT, "msPlayed"))
    return FALSE;
  if (!parse_end_time (self->strings[FIELD_END_TIME], &play.end_ms))
    return set_bad_time (self, "endTime", FIELD_END_TIME);
  play.start_ms = play.end_ms - play.ms_played;
  if (!check_text (self, FIELD_TRACK_NAME, "trackName") ||
      !check_text (self, FIELD_ARTIST_NAME, "artistName"))
    return FALSE;

  play.track.title = self->strings[FIELD_TRACK_NAME]->str;
  play.track.artists = string_or_null (self, FIELD_ARTIST_NAME);
  return emit (self, &play);
}

static gboolean
entry_end (SpotifyParser *self)
{
  self->n_entries++;
  if (self->n_entries == 1 && !check_format (self))
    return FALSE;
  if (entry_is_extended_music (self))
    return emit_extended (self);
  if (entry_is_account_music (self))
    return emit_account (self);
  return TRUE;
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

  /* yajl hands over the literal; "1.5e3" is still a number. Beyond the
   * bound it is out of any range a play has, and the cast below would
   * be undefined. */
  value = g_ascii_strtod (buffer, &end);
  if (*end != '\0' || !(value >= -MAX_MS_PLAYED && value <= MAX_MS_PLAYED))
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

  if (self->key == KEY_MS)
    {
      MsPlayed *ms = &self->ms[self->key_ms];

      ms->present = parse_ms (text, len, &ms->value);
      ms->bad = !ms->present;
    }
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
    self->key = classify_key (key, len, &self->key_field, &self->key_ms);
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
                   _("“%s” is empty"), self->display_name);
      return;
    }

  detail = json_error_detail (handle);
  if (at_eof && strcmp (detail, "premature EOF") == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: the JSON ends early (byte %llu)"),
                 self->display_name, (unsigned long long) offset);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged at byte %llu: %s"),
                 self->display_name, (unsigned long long) offset, detail);
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
                 _("Reading “%s” was cancelled"), display_name);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _("Could not read “%s”: "), display_name);
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
  /* The strings kept are checked in full by check_text(); the many the
   * parser skips (IP addresses, platforms, episode fields) need no
   * check at all. */
  yajl_config (handle, yajl_dont_validate_strings, 1);
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
