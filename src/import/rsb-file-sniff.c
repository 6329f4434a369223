/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-file-sniff.c: what a file is, from a peek at its first bytes.
 *
 * Exports get renamed ("Streaming_History_Audio_2023 (1).json",
 * "ride.fit.bin", a file with no extension at all), so the bytes
 * decide and the name only breaks ties: it is trusted only when the
 * content is recognisably nothing else, so a damaged workout still
 * reaches its reader (which knows how to say what is wrong with it).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rsb-file-sniff.h"
#include "rsb-import-error.h"

typedef struct {
  const guint8 *p;
  const guint8 *end;
} Cursor;

static void
skip_space (Cursor *c)
{
  while (c->p < c->end && g_ascii_isspace (*c->p))
    c->p++;
}

static gboolean
has_prefix (const Cursor *c,
            const char   *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (c->end - c->p) >= n && memcmp (c->p, prefix, n) == 0;
}

static void
skip_bom (Cursor *c)
{
  if (has_prefix (c, "\xEF\xBB\xBF"))
    c->p += 3;
}

/* Moves past the next `until`; FALSE if the peek ends first. */
static gboolean
skip_past (Cursor     *c,
           const char *until)
{
  gsize n = strlen (until);

  for (; (gsize) (c->end - c->p) >= n; c->p++)
    if (memcmp (c->p, until, n) == 0)
      {
        c->p += n;
        return TRUE;
      }
  return FALSE;
}

/* ---- XML: the root element's name ---- */

static gboolean
root_is (Cursor     *c,
         const char *name)
{
  gsize n = strlen (name);
  Cursor local = *c;
  const guint8 *colon;

  /* A namespace prefix (<gpx:gpx>) does not change the element. */
  colon = memchr (local.p, ':', MIN ((gsize) (local.end - local.p), 64));
  if (colon != NULL && memchr (local.p, '>', colon - local.p) == NULL &&
      memchr (local.p, ' ', colon - local.p) == NULL)
    local.p = colon + 1;
  if (!has_prefix (&local, name) || (gsize) (local.end - local.p) == n)
    return (gsize) (local.end - local.p) == n && has_prefix (&local, name);
  return g_ascii_isspace (local.p[n]) || local.p[n] == '>' || local.p[n] == '/';
}

static RsbFileKind
sniff_xml (Cursor c)
{
  for (;;)
    {
      skip_space (&c);
      if (has_prefix (&c, "<?"))
        {
          if (!skip_past (&c, "?>"))
            return RSB_FILE_KIND_UNKNOWN;
        }
      else if (has_prefix (&c, "<!--"))
        {
          if (!skip_past (&c, "-->"))
            return RSB_FILE_KIND_UNKNOWN;
        }
      else if (has_prefix (&c, "<!"))
        {
          if (!skip_past (&c, ">"))
            return RSB_FILE_KIND_UNKNOWN;
        }
      else if (has_prefix (&c, "<"))
        break;
      else
        return RSB_FILE_KIND_UNKNOWN;
    }
  c.p++;
  if (root_is (&c, "gpx"))
    return RSB_FILE_KIND_GPX;
  if (root_is (&c, "TrainingCenterDatabase"))
    return RSB_FILE_KIND_TCX;
  return RSB_FILE_KIND_UNKNOWN;
}

/* ---- JSON: the first object's keys ---- */

/* Past a string whose opening quote c points at; copies up to
 * key_size - 1 bytes of it into key when key is given. */
static gboolean
read_string (Cursor *c,
             char   *key,
             gsize   key_size)
{
  gsize n = 0;

  for (c->p++; c->p < c->end; c->p++)
    {
      if (*c->p == '"')
        {
          c->p++;
          if (key != NULL)
            key[n] = '\0';
          return TRUE;
        }
      if (*c->p == '\\')
        c->p++;
      else if (key != NULL && n + 1 < key_size)
        key[n++] = *c->p;
    }
  return FALSE;
}

/* Past one value (nested or not), strings' brackets aside. */
static gboolean
skip_value (Cursor *c)
{
  int depth = 0;

  while (c->p < c->end)
    {
      guint8 b = *c->p;

      if (b == '"')
        {
          if (!read_string (c, NULL, 0))
            return FALSE;
          if (depth == 0)
            return TRUE;
          continue;
        }
      if (b == '{' || b == '[')
        depth++;
      else if (b == '}' || b == ']')
        {
          if (depth == 0)
            return TRUE;
          if (--depth == 0)
            {
              c->p++;
              return TRUE;
            }
        }
      else if (b == ',' && depth == 0)
        return TRUE;
      c->p++;
    }
  return FALSE;
}

static const char *const extended_keys[] = {
  "ts", "ms_played", "master_metadata_track_name", "master_metadata_album_artist_name",
  "master_metadata_album_album_name", "spotify_track_uri", "spotify_episode_uri", "reason_end",
};
static const char *const account_keys[] = {
  "endTime", "artistName", "trackName", "msPlayed", "podcastName", "episodeName",
};

/* A listen of ListenBrainz needs both; a Takeout entry all three. */
static const char *const listenbrainz_keys[] = { "listened_at", "track_metadata" };
static const char *const youtube_keys[] = { "header", "title", "time" };

static gboolean
key_in (const char        *key,
        const char *const *keys,
        gsize              n_keys)
{
  for (gsize i = 0; i < n_keys; i++)
    if (g_str_equal (key, keys[i]))
      return TRUE;
  return FALSE;
}

/* A history is a list of plays (or, for ListenBrainz, a line of JSON
 * each); the first play's keys tell its shape. A peek that ends inside
 * the object still counts the keys read. */
static RsbFileKind
sniff_json_list (Cursor c)
{
  guint extended = 0, account = 0, listenbrainz = 0, youtube = 0;
  char key[64];

  skip_space (&c);
  if (!has_prefix (&c, "{"))
    return RSB_FILE_KIND_UNKNOWN;
  c.p++;
  for (;;)
    {
      skip_space (&c);
      if (!has_prefix (&c, "\"") || !read_string (&c, key, sizeof key))
        break;
      extended += key_in (key, extended_keys, G_N_ELEMENTS (extended_keys));
      account += key_in (key, account_keys, G_N_ELEMENTS (account_keys));
      listenbrainz += key_in (key, listenbrainz_keys, G_N_ELEMENTS (listenbrainz_keys));
      youtube += key_in (key, youtube_keys, G_N_ELEMENTS (youtube_keys));
      skip_space (&c);
      if (!has_prefix (&c, ":"))
        break;
      c.p++;
      skip_space (&c);
      if (!skip_value (&c))
        break;
      skip_space (&c);
      if (!has_prefix (&c, ","))
        break;
      c.p++;
    }
  if (listenbrainz == G_N_ELEMENTS (listenbrainz_keys))
    return RSB_FILE_KIND_LISTENBRAINZ;
  if (youtube == G_N_ELEMENTS (youtube_keys))
    return RSB_FILE_KIND_YOUTUBE_MUSIC;
  if (extended > 0 && extended >= account)
    return RSB_FILE_KIND_SPOTIFY_EXTENDED;
  if (account > 0)
    return RSB_FILE_KIND_SPOTIFY_ACCOUNT;
  return RSB_FILE_KIND_UNKNOWN;
}

static gboolean
is_empty_list (Cursor c)
{
  c.p++;
  skip_space (&c);
  return has_prefix (&c, "]");
}

/* ---- Strava's activities.csv: its header row ---- */

static gboolean
is_activity_list (Cursor c)
{
  const guint8 *eol = memchr (c.p, '\n', c.end - c.p);
  g_autofree char *row = g_strndup ((const char *) c.p, (eol ? eol : c.end) - c.p);

  return g_str_has_prefix (row, "Activity ID,") && strstr (row, "Filename") != NULL;
}

/* ---- Apple Music Play Activity.csv: its header row ---- */

/* Apple names some hundred columns; these say what the file is
 * whichever of its versions wrote it. */
static gboolean
is_apple_play_activity (Cursor c)
{
  const guint8 *eol = memchr (c.p, '\n', c.end - c.p);
  g_autofree char *row = g_strndup ((const char *) c.p, (eol ? eol : c.end) - c.p);

  return strstr (row, "Event Start Timestamp") != NULL &&
         strstr (row, "Play Duration Milliseconds") != NULL &&
         (strstr (row, "Song Name") != NULL || strstr (row, "Content Name") != NULL);
}

/* ---- the whole peek ---- */

static gboolean
is_fit (const guint8 *data,
        gsize         len)
{
  return len >= 12 && (data[0] == 12 || data[0] == 14) && memcmp (data + 8, ".FIT", 4) == 0;
}

/* Files that are often misnamed for one of ours: worth naming. */
static const char *
foreign_kind (const guint8 *data,
              gsize         len)
{
  static const struct { const char *magic; gsize len; const char *what; } kinds[] = {
    /* Translators: what a file turned out to be. */
    { "\x89PNG\r\n\x1a\n", 8, N_("a PNG image") },
    { "\xff\xd8\xff", 3, N_("a JPEG image") },
    { "GIF8", 4, N_("a GIF image") },
    { "%PDF-", 5, N_("a PDF document") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (len >= kinds[i].len && memcmp (data, kinds[i].magic, kinds[i].len) == 0)
      return _(kinds[i].what);
  return NULL;
}

static RsbFileKind
refuse (GError     **why,
        const char  *display_name,
        const char  *format_why)
{
  g_set_error (why, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED, format_why, display_name);
  return RSB_FILE_KIND_UNKNOWN;
}

static RsbFileKind
refuse_json (GError     **why,
             const char  *display_name)
{
  return refuse (why, display_name,
                 /* Translators: keep the JSON keys (ts, ms_played…) as they are. */
                 _("“%s” is JSON but no listening history this app reads: it looked for "
                   "Spotify’s Extended Streaming History (a list of plays with ts, ms_played, "
                   "master_metadata_track_name), Spotify’s account data StreamingHistory "
                   "(a list of plays with endTime, artistName, trackName, msPlayed), "
                   "ListenBrainz listens (listened_at, track_metadata) and Google Takeout’s "
                   "YouTube watch history (a list of entries with header, title, time)"));
}

/* A history as a list of plays, told by the first play's keys; an
 * empty list is a history only if its name says so. */
static RsbFileKind
sniff_json (Cursor       c,
            const char  *display_name,
            GError     **why)
{
  gboolean name_gzipped;
  RsbFileKind by_name = rsb_file_kind_guess (display_name, &name_gzipped);
  RsbFileKind kind = RSB_FILE_KIND_UNKNOWN;

  if (has_prefix (&c, "["))
    {
      if (is_empty_list (c) && rsb_file_kind_is_history (by_name))
        return by_name;
      c.p++;
      kind = sniff_json_list (c);
    }
  /* A file of JSON lines: only ListenBrainz writes its listens so. */
  else if ((kind = sniff_json_list (c)) != RSB_FILE_KIND_LISTENBRAINZ)
    kind = RSB_FILE_KIND_UNKNOWN;
  if (kind == RSB_FILE_KIND_UNKNOWN)
    return refuse_json (why, display_name);
  return kind;
}

static RsbFileKind
sniff_plain (const guint8 *data,
             gsize         len,
             const char   *display_name,
             GError      **why)
{
  Cursor c = { data, data + len };
  RsbFileKind kind;
  const char *foreign;

  if (is_fit (data, len))
    return RSB_FILE_KIND_FIT;
  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return RSB_FILE_KIND_ZIP;
  skip_bom (&c);
  if (is_activity_list (c))
    return RSB_FILE_KIND_STRAVA_CSV;
  if (is_apple_play_activity (c))
    return RSB_FILE_KIND_APPLE_MUSIC;
  skip_space (&c);
  if (has_prefix (&c, "<") && (kind = sniff_xml (c)) != RSB_FILE_KIND_UNKNOWN)
    return kind;
  if (has_prefix (&c, "[") || has_prefix (&c, "{"))
    return sniff_json (c, display_name, why);
  if (c.p == c.end)
    return refuse (why, display_name, _("“%s” is empty"));
  if ((foreign = foreign_kind (data, len)) != NULL)
    {
      g_set_error (why, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   /* Translators: the second %s is e.g. “a PNG image”. */
                   _("“%s” is %s, neither a workout (GPX, TCX, FIT) nor a listening history"),
                   display_name, foreign);
      return RSB_FILE_KIND_UNKNOWN;
    }
  return RSB_FILE_KIND_UNKNOWN;
}

static RsbFileKind
sniff_gzip_into (const guint8 *data,
                 gsize         len,
                 gsize         out_size,
                 const char   *display_name,
                 gsize        *written,
                 GError      **why)
{
  g_autoptr(GConverter) gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autofree guint8 *out = g_malloc (out_size);
  gsize read = 0;

  *written = 0;
  g_converter_convert (gunzip, data, len, out, out_size, G_CONVERTER_NO_FLAGS, &read, written, NULL);
  return sniff_plain (out, *written, display_name, why);
}

/* Only the start of a gzip stream is unpacked to see what it holds:
 * 4 KiB tell a FIT header or an XML root (a thousand gzipped workouts
 * in a Strava export must not each be unpacked 64 KiB deep), and only
 * when they do not is the peek's full size tried. */
static RsbFileKind
sniff_gzip (const guint8 *data,
            gsize         len,
            const char   *display_name,
            GError      **why)
{
  g_autoptr(GError) first_why = NULL;
  gsize written;
  RsbFileKind kind = sniff_gzip_into (data, len, 4096, display_name, &written, &first_why);

  if (kind != RSB_FILE_KIND_UNKNOWN || written < 4096)
    {
      if (first_why != NULL)
        g_propagate_error (why, g_steal_pointer (&first_why));
      return kind;
    }
  return sniff_gzip_into (data, len, RSB_FILE_SNIFF_BYTES, display_name, &written, why);
}

/* display_name is only a hint: it decides an empty history list, and a
 * file whose bytes match nothing known (a damaged workout, say) goes to
 * the reader its name names. *gzipped: the content is gzip-compressed.
 * why (may be NULL) says what the file is instead when that is known:
 * empty, a JSON of another shape, an image. */
RsbFileKind
rsb_file_sniff (const guint8  *data,
                gsize          len,
                const char    *display_name,
                gboolean      *gzipped,
                GError       **why)
{
  g_autoptr(GError) reason = NULL;
  gboolean name_gzipped;
  RsbFileKind by_name = rsb_file_kind_guess (display_name, &name_gzipped);
  RsbFileKind kind;

  len = MIN (len, RSB_FILE_SNIFF_BYTES);
  *gzipped = len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  kind = *gzipped ? sniff_gzip (data, len, display_name, &reason)
                  : sniff_plain (data, len, display_name, &reason);
  /* Only workouts are read through gzip. */
  if (*gzipped && kind != RSB_FILE_KIND_UNKNOWN && !rsb_file_kind_is_workout (kind))
    kind = RSB_FILE_KIND_UNKNOWN;
  if (kind == RSB_FILE_KIND_UNKNOWN && reason == NULL && rsb_file_kind_is_workout (by_name))
    {
      /* A broken ".gpx.gz" is still unpacked, to hear zlib's complaint. */
      kind = by_name;
      *gzipped = *gzipped || name_gzipped;
    }
  if (kind == RSB_FILE_KIND_UNKNOWN && reason != NULL && why != NULL)
    *why = g_steal_pointer (&reason);
  return kind;
}

RsbFileKind
rsb_file_sniff_bytes (GBytes      *bytes,
                      const char  *display_name,
                      gboolean    *gzipped,
                      GError     **why)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return rsb_file_sniff (data, len, display_name, gzipped, why);
}

/* One read of at most RSB_FILE_SNIFF_BYTES. A file that cannot be
 * opened is UNKNOWN with why saying so. */
RsbFileKind
rsb_file_sniff_file (GFile         *file,
                     const char    *display_name,
                     gboolean      *gzipped,
                     GCancellable  *cancellable,
                     GError       **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &error);
  g_autofree guint8 *peek = NULL;
  gsize len = 0;

  *gzipped = FALSE;
  if (stream != NULL)
    {
      peek = g_malloc (RSB_FILE_SNIFF_BYTES);
      if (g_input_stream_read_all (G_INPUT_STREAM (stream), peek, RSB_FILE_SNIFF_BYTES, &len,
                                   cancellable, &error))
        return rsb_file_sniff (peek, len, display_name, gzipped, why);
    }
  g_set_error (why, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” could not be read: %s"), display_name, error->message);
  return RSB_FILE_KIND_UNKNOWN;
}

/* Files inside folders and archives not worth reading to look at:
 * photos and the like, which exports carry by the hundred. */
gboolean
rsb_file_sniff_skips (const char *name)
{
  static const char *const media[] = {
    ".jpg", ".jpeg", ".png", ".gif", ".heic", ".webp", ".mp4", ".mov", ".m4v",
    ".pdf", ".html", ".htm", ".css", ".js",
    /* Zips of other kinds, and music: never an export. */
    ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".jar", ".apk",
    ".mp3", ".flac", ".ogg", ".opus", ".m4a", ".wav",
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (media); i++)
    if (g_str_has_suffix (lower, media[i]))
      return TRUE;
  return FALSE;
}
