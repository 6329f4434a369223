/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-tagged-audio.c: encodes a click track through taglib-free
 * GStreamer encoders, tags set on the element that writes them (the
 * encoder for Vorbis comments; for MP3 an ID3v2.4 tag written here,
 * as GStreamer's ID3 muxers leave out the ISRC). */
#include "config.h"

#include <gst/gst.h>
#include <string.h>

#include "rsb-test-tagged-audio.h"

#define RATE 22050

static const char *
pipeline_of (RsbTestAudioFormat format)
{
  switch (format)
    {
    case RSB_TEST_AUDIO_OGG:
      return "audiotestsrc name=src wave=ticks ! audio/x-raw,rate=22050,channels=1"
             " ! audioconvert ! vorbisenc name=tagger ! oggmux ! filesink name=sink";
    case RSB_TEST_AUDIO_FLAC:
      return "audiotestsrc name=src wave=ticks ! audio/x-raw,rate=22050,channels=1"
             " ! audioconvert ! flacenc name=tagger ! filesink name=sink";
    case RSB_TEST_AUDIO_MP3:
    default:
      /* Tagged afterwards: GStreamer's ID3 muxers write no TSRC. The
       * Xing header, as the lame tool writes, states the length: without
       * it GstDiscoverer waits 50 ms a try for one. */
      return "audiotestsrc name=src wave=ticks ! audio/x-raw,rate=22050,channels=1"
             " ! audioconvert ! lamemp3enc ! xingmux ! filesink name=sink";
    }
}

static void
set_tags (GstElement             *tagger,
          const RsbTestAudioTags *tags)
{
  GstTagSetter *setter = GST_TAG_SETTER (tagger);

  if (tags->title != NULL)
    gst_tag_setter_add_tags (setter, GST_TAG_MERGE_APPEND, GST_TAG_TITLE, tags->title, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tags->artists) && tags->artists[i] != NULL; i++)
    gst_tag_setter_add_tags (setter, GST_TAG_MERGE_APPEND, GST_TAG_ARTIST, tags->artists[i], NULL);
  if (tags->album != NULL)
    gst_tag_setter_add_tags (setter, GST_TAG_MERGE_APPEND, GST_TAG_ALBUM, tags->album, NULL);
  if (tags->isrc != NULL)
    gst_tag_setter_add_tags (setter, GST_TAG_MERGE_APPEND, GST_TAG_ISRC, tags->isrc, NULL);
  if (tags->bpm > 0)
    gst_tag_setter_add_tags (setter, GST_TAG_MERGE_APPEND, GST_TAG_BEATS_PER_MINUTE, tags->bpm, NULL);
}

/* An ID3v2.4 text frame, ISO-8859-1; values NUL-separated. */
static void
add_frame (GByteArray *tag,
           const char *id,
           const char *const *values)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint8 header[10] = { 0, };
  guint8 latin1 = 0;
  guint32 n;

  g_byte_array_append (body, &latin1, 1);
  for (guint i = 0; values[i] != NULL; i++)
    g_byte_array_append (body, (const guint8 *) values[i], strlen (values[i]) + (values[i + 1] != NULL));
  n = body->len;
  memcpy (header, id, 4);
  /* Sizes in ID3v2.4 frames are sync-safe: 7 bits a byte. */
  header[4] = (n >> 21) & 0x7f;
  header[5] = (n >> 14) & 0x7f;
  header[6] = (n >> 7) & 0x7f;
  header[7] = n & 0x7f;
  g_byte_array_append (tag, header, 10);
  g_byte_array_append (tag, body->data, body->len);
}

GBytes *
rsb_test_audio_id3 (const RsbTestAudioTags *tags)
{
  g_autoptr(GByteArray) frames = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  g_autofree char *bpm = tags->bpm > 0 ? g_strdup_printf ("%.0f", tags->bpm) : NULL;
  guint8 header[10] = { 'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0 };
  guint32 n;

  if (tags->title != NULL)
    add_frame (frames, "TIT2", (const char *[]) { tags->title, NULL });
  if (tags->artists[0] != NULL)
    add_frame (frames, "TPE1", tags->artists);
  if (tags->album != NULL)
    add_frame (frames, "TALB", (const char *[]) { tags->album, NULL });
  if (tags->isrc != NULL)
    add_frame (frames, "TSRC", (const char *[]) { tags->isrc, NULL });
  if (bpm != NULL)
    add_frame (frames, "TBPM", (const char *[]) { bpm, NULL });
  n = frames->len;
  header[6] = (n >> 21) & 0x7f;
  header[7] = (n >> 14) & 0x7f;
  header[8] = (n >> 7) & 0x7f;
  header[9] = n & 0x7f;
  g_byte_array_append (out, header, 10);
  g_byte_array_append (out, frames->data, frames->len);
  return g_byte_array_free_to_bytes (out);
}

static void
prepend_id3 (const char             *path,
             const RsbTestAudioTags *tags)
{
  g_autoptr(GBytes) tag = rsb_test_audio_id3 (tags);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *audio = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &audio, &length, NULL));
  g_byte_array_append (out, g_bytes_get_data (tag, NULL), g_bytes_get_size (tag));
  g_byte_array_append (out, (const guint8 *) audio, length);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
}

void
rsb_test_audio_write (const char             *path,
                      RsbTestAudioFormat      format,
                      const RsbTestAudioTags *tags,
                      double                  seconds,
                      double                  click_bpm)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstElement) tagger = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  gst_init (NULL, NULL);
  pipeline = gst_parse_launch (pipeline_of (format), &error);
  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  tagger = gst_bin_get_by_name (GST_BIN (pipeline), "tagger");
  /* 1024 samples a buffer (audiotestsrc's default). */
  g_object_set (src, "num-buffers", (int) (seconds * RATE / 1024) + 1,
                "tick-interval", (guint64) (60.0 / click_bpm * GST_SECOND), NULL);
  g_object_set (sink, "location", path, NULL);
  if (tags != NULL && tagger != NULL)
    set_tags (tagger, tags);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      gst_message_parse_error (message, &error, NULL);
      g_assert_no_error (error);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (tags != NULL && format == RSB_TEST_AUDIO_MP3)
    prepend_id3 (path, tags);
}
