/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-audio-tags.c: a music file's title, artists, album, duration,
 * ISRC and BPM through GstDiscoverer (synchronous, one per thread). */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <string.h>
#include <gst/pbutils/pbutils.h>

#include "rsb-audio-tags.h"

struct _RsbAudioTagReader
{
  GstDiscoverer *discoverer;
};

void
rsb_audio_tags_clear (RsbAudioTags *tags)
{
  g_clear_pointer (&tags->title, g_free);
  g_clear_pointer (&tags->artists, g_free);
  g_clear_pointer (&tags->album, g_free);
  g_clear_pointer (&tags->isrc, g_free);
  tags->duration_ms = 0;
  tags->bpm = 0;
}

gboolean
rsb_audio_init (GError **error)
{
  static gsize done = 0;
  static GError *failure = NULL;

  if (g_once_init_enter (&done))
    {
      gst_init_check (NULL, NULL, &failure);
      g_once_init_leave (&done, 1);
    }
  if (failure != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("GStreamer could not start: %s"), failure->message);
      return FALSE;
    }
  return TRUE;
}

RsbAudioTagReader *
rsb_audio_tag_reader_new (GError **error)
{
  RsbAudioTagReader *reader;
  GstDiscoverer *discoverer;

  if (!rsb_audio_init (error))
    return NULL;
  if ((discoverer = gst_discoverer_new (RSB_AUDIO_TAG_TIMEOUT_S * GST_SECOND, error)) == NULL)
    return NULL;
  reader = g_new0 (RsbAudioTagReader, 1);
  reader->discoverer = discoverer;
  return reader;
}

void
rsb_audio_tag_reader_free (RsbAudioTagReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_object (&reader->discoverer);
  g_free (reader);
}

/* Every value of a string tag, joined: a file may carry one ARTIST tag
 * per artist. */
static char *
joined_strings (const GstTagList *list,
                const char       *tag)
{
  guint n = gst_tag_list_get_tag_size (list, tag);
  g_autoptr(GString) out = NULL;

  for (guint i = 0; i < n; i++)
    {
      const char *value = NULL;

      if (!gst_tag_list_peek_string_index (list, tag, i, &value) || value == NULL || *value == '\0')
        continue;
      if (out == NULL)
        out = g_string_new (value);
      else
        g_string_append_printf (out, ", %s", value);
    }
  return out != NULL ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
first_string (const GstTagList *list,
              const char       *tag)
{
  char *value = NULL;

  if (gst_tag_list_get_string (list, tag, &value) && value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
read_tags (const GstTagList *list,
           RsbAudioTags     *tags)
{
  double bpm = 0;

  if (list == NULL)
    return;
  tags->title = first_string (list, GST_TAG_TITLE);
  tags->artists = joined_strings (list, GST_TAG_ARTIST);
  tags->album = first_string (list, GST_TAG_ALBUM);
  tags->isrc = first_string (list, GST_TAG_ISRC);
  if (gst_tag_list_get_double (list, GST_TAG_BEATS_PER_MINUTE, &bpm) && bpm > 0)
    tags->bpm = bpm;
}

static gboolean
check_result (GstDiscovererInfo  *info,
              const char         *path,
              const GError       *discover_error,
              GError            **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autolist(GstDiscovererStreamInfo) audio = NULL;

  switch (gst_discoverer_info_get_result (info))
    {
    case GST_DISCOVERER_OK:
      break;
    case GST_DISCOVERER_TIMEOUT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("%s could not be read within %d seconds"), name, RSB_AUDIO_TAG_TIMEOUT_S);
      return FALSE;
    case GST_DISCOVERER_MISSING_PLUGINS:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is in a format no installed GStreamer plugin decodes"), name);
      return FALSE;
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s could not be decoded: %s"), name,
                   discover_error != NULL ? discover_error->message : _("not an audio file"));
      return FALSE;
    }
  audio = gst_discoverer_info_get_audio_streams (info);
  if (audio == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s holds no audio"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
rsb_audio_tag_reader_read (RsbAudioTagReader  *reader,
                           const char         *path,
                           RsbAudioTags       *tags,
                           GError            **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, error);
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) discover_error = NULL;
  GstClockTime duration;

  memset (tags, 0, sizeof *tags);
  if (uri == NULL)
    return FALSE;
  info = gst_discoverer_discover_uri (reader->discoverer, uri, &discover_error);
  if (info == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s could not be decoded: %s"), name,
                   discover_error != NULL ? discover_error->message : _("not an audio file"));
      return FALSE;
    }
  if (!check_result (info, path, discover_error, error))
    return FALSE;
  read_tags (gst_discoverer_info_get_tags (info), tags);
  duration = gst_discoverer_info_get_duration (info);
  if (GST_CLOCK_TIME_IS_VALID (duration))
    tags->duration_ms = duration / GST_MSECOND;
  return TRUE;
}
