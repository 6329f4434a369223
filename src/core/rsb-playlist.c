/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-playlist.c: playlists of the library's songs, their builders,
 * and the M3U8 and XSPF writers and readers. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rsb-activity.h"
#include "rsb-format.h"
#include "rsb-playlist.h"

G_DEFINE_QUARK (rsb-playlist-error-quark, rsb_playlist_error)

static void
entry_free (RsbPlaylistEntry *entry)
{
  g_free (entry->title);
  g_free (entry->artists);
  g_free (entry->album);
  g_free (entry->location);
  g_free (entry->spotify_uri);
  g_free (entry);
}

RsbPlaylist *
rsb_playlist_new (const char *title)
{
  RsbPlaylist *playlist = g_new0 (RsbPlaylist, 1);

  playlist->title = g_strdup (title);
  playlist->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  return playlist;
}

void
rsb_playlist_free (RsbPlaylist *playlist)
{
  if (playlist == NULL)
    return;
  g_free (playlist->title);
  g_ptr_array_unref (playlist->entries);
  g_free (playlist);
}

/* Only a track URI can go into a Spotify playlist; "spotify:local:…"
 * names a file on someone's computer. */
static gboolean
is_spotify_track_uri (const char *uri)
{
  return uri != NULL && g_str_has_prefix (uri, "spotify:track:") && uri[strlen ("spotify:track:")] != '\0';
}

void
rsb_playlist_add_track (RsbPlaylist    *playlist,
                        gint64          track_id,
                        const RsbTrack *track,
                        const char     *file_path)
{
  RsbPlaylistEntry *entry = g_new0 (RsbPlaylistEntry, 1);

  entry->track_id = track_id;
  entry->title = g_strdup (track->title != NULL ? track->title : "");
  entry->artists = g_strdup (track->artists);
  entry->album = g_strdup (track->album);
  entry->duration_ms = MAX (track->duration_ms, 0);
  if (is_spotify_track_uri (track->uri))
    entry->spotify_uri = g_strdup (track->uri);
  /* The user's own file plays anywhere, offline too: it comes first. */
  if (file_path != NULL)
    entry->location = g_filename_to_uri (file_path, NULL, NULL);
  if (entry->location == NULL && track->uri != NULL && g_str_has_prefix (track->uri, "spotify:"))
    entry->location = g_strdup (track->uri);
  g_ptr_array_add (playlist->entries, entry);
}

guint
rsb_playlist_count_without_spotify (const RsbPlaylist *playlist)
{
  guint n = 0;

  for (guint i = 0; i < playlist->entries->len; i++)
    {
      const RsbPlaylistEntry *entry = g_ptr_array_index (playlist->entries, i);

      if (entry->spotify_uri == NULL)
        n++;
    }
  return n;
}

/* A file the scan matched once may have been moved or deleted since:
 * then the Spotify URI is the better location. */
static char *
existing_track_file (RsbStore *store,
                     gint64    track_id)
{
  g_autofree char *path = rsb_store_track_file (store, track_id);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

static gboolean
add_stored_track (RsbPlaylist  *playlist,
                  RsbStore     *store,
                  gint64        track_id,
                  GError      **error)
{
  RsbTrack track = { 0 };
  g_autofree char *file = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!rsb_store_get_track (store, track_id, &track, &local_error))
    {
      if (g_error_matches (local_error, RSB_STORE_ERROR, RSB_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  file = existing_track_file (store, track_id);
  rsb_playlist_add_track (playlist, track_id, &track, file);
  rsb_track_clear (&track);
  return TRUE;
}

RsbPlaylist *
rsb_playlist_new_from_tracks (RsbStore    *store,
                              GArray      *track_ids,
                              const char  *title,
                              GError     **error)
{
  g_autoptr(RsbPlaylist) playlist = rsb_playlist_new (title);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (RSB_IS_STORE (store), NULL);
  g_return_val_if_fail (track_ids != NULL, NULL);

  for (guint i = 0; i < track_ids->len; i++)
    {
      gint64 *id = &g_array_index (track_ids, gint64, i);

      if (!g_hash_table_add (seen, id))
        continue;
      if (!add_stored_track (playlist, store, *id, error))
        return NULL;
    }
  return g_steal_pointer (&playlist);
}

/* What makes two plays the same song: the library's track, or for a
 * workout not in the library (the sample) its URI, else its names. */
static char *
song_key (const RsbPlay *play)
{
  if (play->track_id > 0)
    return g_strdup_printf ("id:%" G_GINT64_FORMAT, play->track_id);
  if (play->track.uri != NULL)
    return g_strconcat ("uri:", play->track.uri, NULL);
  return g_strdup_printf ("name:%s\x1f%s", play->track.title ? play->track.title : "",
                          play->track.artists ? play->track.artists : "");
}

RsbPlaylist *
rsb_playlist_new_for_activity (RsbStore          *store,
                               const RsbActivity *activity)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *title = rsb_activity_info_display_name (activity->info);
  RsbPlaylist *playlist = rsb_playlist_new (title);

  /* The segments, not the plays around the workout: a song the
   * listener heard just before setting off is not part of the run. */
  for (guint i = 0; i < rsb_activity_n_segments (activity); i++)
    {
      const RsbPlay *play = rsb_activity_segment_play (activity, i);
      g_autofree char *file = NULL;

      if (play == NULL || !g_hash_table_add (seen, song_key (play)))
        continue;
      if (store != NULL && play->track_id > 0)
        file = existing_track_file (store, play->track_id);
      rsb_playlist_add_track (playlist, play->track_id, &play->track, file);
    }
  return playlist;
}

RsbPlaylist *
rsb_playlist_new_from_activity (RsbStore  *store,
                                gint64     activity_id,
                                GError   **error)
{
  g_autoptr(RsbActivity) activity = rsb_activity_load (store, activity_id, error);

  if (activity == NULL)
    return NULL;
  return rsb_playlist_new_for_activity (store, activity);
}

gboolean
rsb_playlist_bpm_suits_cadence (double bpm,
                                double cadence_spm)
{
  /* The band is the cadence's (170 spm: 165–175 or 82.5–87.5 BPM), as a
   * runner asks for it; twice the cadence too, for a rider at 85 rpm
   * and the same 170 BPM songs. The in-step verdict on a stretch
   * measures from the song's BPM instead: the two differ by a tenth of
   * a BPM at the band's edges. */
  static const double multiples[] = { 1.0, 0.5, 2.0 };

  if (!rsb_tempo_bpm_is_valid (bpm) || !isfinite (cadence_spm) || cadence_spm <= 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    {
      double target = cadence_spm * multiples[i];

      /* The slack keeps exactly 3 % inside despite rounding. */
      if (fabs (bpm - target) <= target * RSB_PLAYLIST_CADENCE_TOLERANCE + 1e-9)
        return TRUE;
    }
  return FALSE;
}

static int
compare_by_use (gconstpointer a,
                gconstpointer b)
{
  const RsbHeardTempo *x = a, *y = b;

  if (x->n_workouts != y->n_workouts)
    return x->n_workouts > y->n_workouts ? -1 : 1;
  if (x->n_plays != y->n_plays)
    return x->n_plays > y->n_plays ? -1 : 1;
  return x->track_id < y->track_id ? -1 : x->track_id > y->track_id;
}

RsbPlaylist *
rsb_playlist_new_for_cadence (RsbStore  *store,
                              double     cadence_spm,
                              GError   **error)
{
  g_autoptr(GArray) tracks = rsb_store_tracks_with_tempo (store, error);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *cadence = NULL;
  g_autofree char *title = NULL;

  if (tracks == NULL)
    return NULL;
  g_array_sort (tracks, compare_by_use);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < tracks->len; i++)
    {
      const RsbHeardTempo *track = &g_array_index (tracks, RsbHeardTempo, i);

      if (rsb_playlist_bpm_suits_cadence (track->bpm, cadence_spm))
        g_array_append_val (ids, track->track_id);
    }
  cadence = rsb_format_cadence (cadence_spm, TRUE);
  /* Translators: a playlist's title; %s is a cadence, "170 spm" */
  title = g_strdup_printf (_("Songs for %s"), cadence);
  return rsb_playlist_new_from_tracks (store, ids, title, error);
}

gboolean
rsb_playlist_format_for_path (const char         *path,
                              RsbPlaylistFormat  *format,
                              GError            **error)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  g_autofree char *display = g_filename_display_name (path);

  if (dot != NULL && (g_ascii_strcasecmp (dot, ".m3u8") == 0 || g_ascii_strcasecmp (dot, ".m3u") == 0))
    {
      *format = RSB_PLAYLIST_M3U8;
      return TRUE;
    }
  if (dot != NULL && g_ascii_strcasecmp (dot, ".xspf") == 0)
    {
      *format = RSB_PLAYLIST_XSPF;
      return TRUE;
    }
  g_set_error (error, RSB_PLAYLIST_ERROR, RSB_PLAYLIST_ERROR_FORMAT,
               _("“%s”: a playlist is saved as .m3u8 or .xspf; name the file with one of them"),
               display);
  return FALSE;
}

const char *
rsb_playlist_format_extension (RsbPlaylistFormat format)
{
  return format == RSB_PLAYLIST_XSPF ? ".xspf" : ".m3u8";
}

/* One line of text whatever the library holds: invalid UTF-8 repaired,
 * and control characters (a newline would start a new M3U entry, most
 * are not even allowed in XML 1.0) and line separators made spaces. */
static char *
one_line (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 || c == 0xFFFE || c == 0xFFFF)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[0] == '\0';
}

char *
rsb_playlist_to_m3u8 (const RsbPlaylist *playlist)
{
  GString *out = g_string_new ("#EXTM3U\n");
  g_autofree char *title = one_line (playlist->title);

  if (!is_blank (title))
    g_string_append_printf (out, "#PLAYLIST:%s\n", title);
  for (guint i = 0; i < playlist->entries->len; i++)
    {
      const RsbPlaylistEntry *entry = g_ptr_array_index (playlist->entries, i);
      g_autofree char *name = one_line (entry->title);
      g_autofree char *artists = one_line (entry->artists);
      g_autofree char *album = one_line (entry->album);
      g_autofree char *location = one_line (entry->location);
      gint64 seconds = entry->duration_ms > 0 ? (entry->duration_ms + 500) / 1000 : -1;

      /* M3U has no entry without a location: nothing could play it. */
      if (is_blank (location))
        continue;
      g_string_append_printf (out, "#EXTINF:%" G_GINT64_FORMAT ",", seconds);
      if (!is_blank (artists))
        g_string_append_printf (out, "%s - ", artists);
      g_string_append_printf (out, "%s\n", name);
      if (!is_blank (album))
        g_string_append_printf (out, "#EXTALB:%s\n", album);
      g_string_append_printf (out, "%s\n", location);
    }
  return g_string_free (out, FALSE);
}

static void
append_element (GString    *out,
                const char *indent,
                const char *name,
                const char *text)
{
  g_autofree char *clean = one_line (text);
  g_autofree char *escaped = NULL;

  if (is_blank (clean))
    return;
  escaped = g_markup_escape_text (clean, -1);
  g_string_append_printf (out, "%s<%s>%s</%s>\n", indent, name, escaped, name);
}

char *
rsb_playlist_to_xspf (const RsbPlaylist *playlist)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n");

  append_element (out, "  ", "title", playlist->title);
  g_string_append (out, "  <trackList>\n");
  for (guint i = 0; i < playlist->entries->len; i++)
    {
      const RsbPlaylistEntry *entry = g_ptr_array_index (playlist->entries, i);

      /* The order XSPF's schema gives a track's elements. */
      g_string_append (out, "    <track>\n");
      append_element (out, "      ", "location", entry->location);
      append_element (out, "      ", "identifier", entry->spotify_uri);
      append_element (out, "      ", "title", entry->title);
      append_element (out, "      ", "creator", entry->artists);
      append_element (out, "      ", "album", entry->album);
      if (entry->duration_ms > 0)
        g_string_append_printf (out, "      <duration>%" G_GINT64_FORMAT "</duration>\n",
                                entry->duration_ms);
      g_string_append (out, "    </track>\n");
    }
  g_string_append (out, "  </trackList>\n</playlist>\n");
  return g_string_free (out, FALSE);
}

gboolean
rsb_playlist_save (const RsbPlaylist  *playlist,
                   RsbPlaylistFormat   format,
                   const char         *path,
                   GError            **error)
{
  g_autofree char *text = format == RSB_PLAYLIST_XSPF
    ? rsb_playlist_to_xspf (playlist) : rsb_playlist_to_m3u8 (playlist);

  return g_file_set_contents (path, text, -1, error);
}

static RsbPlaylistEntry *
entry_new (void)
{
  return g_new0 (RsbPlaylistEntry, 1);
}

static gboolean
malformed (GError     **error,
           const char  *format,
           const char  *reason)
{
  g_set_error (error, RSB_PLAYLIST_ERROR, RSB_PLAYLIST_ERROR_MALFORMED,
               /* Translators: "This M3U8 playlist is damaged: reason" */
               _("This %s playlist is damaged: %s"), format, reason);
  return FALSE;
}

/* "#EXTINF:215,Artist - Title": the artists are what stands before the
 * first " - " (a title may hold one, artists seldom do). */
static void
read_extinf (const char       *value,
             RsbPlaylistEntry *entry)
{
  const char *comma = strchr (value, ',');
  const char *dash;
  gint64 seconds;

  if (comma == NULL)
    return;
  seconds = g_ascii_strtoll (value, NULL, 10);
  entry->duration_ms = seconds > 0 ? seconds * 1000 : 0;
  dash = strstr (comma + 1, " - ");
  if (dash != NULL)
    {
      entry->artists = g_strndup (comma + 1, dash - (comma + 1));
      entry->title = g_strdup (dash + 3);
    }
  else
    entry->title = g_strdup (comma + 1);
}

RsbPlaylist *
rsb_playlist_parse_m3u8 (const char  *text,
                         gsize        length,
                         GError     **error)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = NULL;
  g_autoptr(RsbPlaylist) playlist = rsb_playlist_new (NULL);
  RsbPlaylistEntry *pending = NULL;
  gboolean header = FALSE;

  if (!g_utf8_validate (copy, -1, NULL))
    {
      malformed (error, "M3U8", _("it is not UTF-8 text"));
      return NULL;
    }
  lines = g_strsplit (g_str_has_prefix (copy, "\xEF\xBB\xBF") ? copy + 3 : copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0')
        continue;
      if (!header)
        {
          if (strcmp (line, "#EXTM3U") != 0)
            {
              malformed (error, "M3U8", _("it does not begin with #EXTM3U"));
              return NULL;
            }
          header = TRUE;
        }
      else if (g_str_has_prefix (line, "#PLAYLIST:"))
        g_free (playlist->title), playlist->title = g_strdup (line + strlen ("#PLAYLIST:"));
      else if (g_str_has_prefix (line, "#EXTINF:"))
        {
          g_clear_pointer (&pending, entry_free);
          pending = entry_new ();
          read_extinf (line + strlen ("#EXTINF:"), pending);
        }
      else if (g_str_has_prefix (line, "#EXTALB:") && pending != NULL)
        g_free (pending->album), pending->album = g_strdup (line + strlen ("#EXTALB:"));
      else if (line[0] != '#')
        {
          RsbPlaylistEntry *entry = pending != NULL ? pending : entry_new ();

          pending = NULL;
          entry->location = g_strdup (line);
          if (is_spotify_track_uri (line))
            entry->spotify_uri = g_strdup (line);
          if (entry->title == NULL)
            entry->title = g_strdup ("");
          g_ptr_array_add (playlist->entries, entry);
        }
    }
  g_clear_pointer (&pending, entry_free);
  if (!header)
    {
      malformed (error, "M3U8", _("it is empty"));
      return NULL;
    }
  return g_steal_pointer (&playlist);
}

typedef struct {
  RsbPlaylist      *playlist;
  RsbPlaylistEntry *track;      /* inside <track>, else NULL */
  GString          *text;
  gboolean          root_seen;
  guint             depth;
} XspfReader;

static void
xspf_start (GMarkupParseContext  *context,
            const char           *name,
            const char          **attribute_names,
            const char          **attribute_values,
            gpointer              user_data,
            GError              **error)
{
  XspfReader *reader = user_data;

  reader->depth++;
  g_string_truncate (reader->text, 0);
  if (reader->depth == 1)
    {
      if (strcmp (name, "playlist") != 0)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     _("its root is <%s>, not <playlist>"), name);
      reader->root_seen = TRUE;
    }
  else if (strcmp (name, "track") == 0 && reader->track == NULL)
    reader->track = entry_new ();
}

static char *
take_text (XspfReader *reader)
{
  return g_strstrip (g_strdup (reader->text->str));
}

static void
xspf_end (GMarkupParseContext  *context,
          const char           *name,
          gpointer              user_data,
          GError              **error)
{
  XspfReader *reader = user_data;
  RsbPlaylistEntry *track = reader->track;

  reader->depth--;
  if (track == NULL)
    {
      if (reader->depth == 1 && strcmp (name, "title") == 0)
        g_free (reader->playlist->title), reader->playlist->title = take_text (reader);
    }
  else if (strcmp (name, "track") == 0)
    {
      if (track->title == NULL)
        track->title = g_strdup ("");
      g_ptr_array_add (reader->playlist->entries, track);
      reader->track = NULL;
    }
  else if (strcmp (name, "location") == 0 && track->location == NULL)
    track->location = take_text (reader);
  else if (strcmp (name, "identifier") == 0 && track->spotify_uri == NULL)
    {
      g_autofree char *uri = take_text (reader);

      if (is_spotify_track_uri (uri))
        track->spotify_uri = g_steal_pointer (&uri);
    }
  else if (strcmp (name, "title") == 0)
    g_free (track->title), track->title = take_text (reader);
  else if (strcmp (name, "creator") == 0)
    g_free (track->artists), track->artists = take_text (reader);
  else if (strcmp (name, "album") == 0)
    g_free (track->album), track->album = take_text (reader);
  else if (strcmp (name, "duration") == 0)
    track->duration_ms = MAX (g_ascii_strtoll (reader->text->str, NULL, 10), 0);
  g_string_truncate (reader->text, 0);
}

static void
xspf_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  XspfReader *reader = user_data;

  g_string_append_len (reader->text, text, length);
}

RsbPlaylist *
rsb_playlist_parse_xspf (const char  *text,
                         gsize        length,
                         GError     **error)
{
  static const GMarkupParser parser = { xspf_start, xspf_end, xspf_text, NULL, NULL };
  g_autoptr(RsbPlaylist) playlist = rsb_playlist_new (NULL);
  XspfReader reader = { playlist, NULL, g_string_new (NULL), FALSE, 0 };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  /* GMarkup reads no DTD and expands no external entity. */
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &reader, NULL);
  ok = g_markup_parse_context_parse (context, text, length, &local_error) &&
       g_markup_parse_context_end_parse (context, &local_error);
  g_clear_pointer (&reader.track, entry_free);
  g_string_free (reader.text, TRUE);
  if (!ok)
    {
      malformed (error, "XSPF", local_error->message);
      return NULL;
    }
  if (!reader.root_seen)
    {
      malformed (error, "XSPF", _("it is empty"));
      return NULL;
    }
  return g_steal_pointer (&playlist);
}

RsbPlaylist *
rsb_playlist_load (const char  *path,
                   GError     **error)
{
  RsbPlaylistFormat format;
  g_autofree char *text = NULL;
  g_autofree char *display = g_filename_display_name (path);
  RsbPlaylist *playlist;
  gsize length;

  if (!rsb_playlist_format_for_path (path, &format, error) ||
      !g_file_get_contents (path, &text, &length, error))
    return NULL;
  playlist = format == RSB_PLAYLIST_XSPF
    ? rsb_playlist_parse_xspf (text, length, error)
    : rsb_playlist_parse_m3u8 (text, length, error);
  if (playlist == NULL)
    g_prefix_error (error, "“%s”: ", display);
  return playlist;
}
