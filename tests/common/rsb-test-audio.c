/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-audio.c: a small drum machine, bass and pad synthesiser for
 * songs at known tempi, and their encoding through GStreamer. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>

#include "rsb-test-audio.h"

#define STEPS_PER_BAR 16               /* sixteenth notes */
#define WRITE_RATE    44100

typedef enum { KICK, SNARE, HAT, OPEN_HAT, BASS } Voice;

typedef struct {
  float   *pcm;
  gsize    n;
  guint    rate;
  GRand   *rand;
} Mix;

const char *
rsb_test_feel_name (RsbTestFeel feel)
{
  switch (feel)
    {
    case RSB_TEST_FEEL_STRAIGHT: return "straight";
    case RSB_TEST_FEEL_SWING: return "swing";
    case RSB_TEST_FEEL_HALF_TIME: return "half-time";
    case RSB_TEST_FEEL_DRUM_AND_BASS: return "drum-and-bass";
    case RSB_TEST_FEEL_FOUR_ON_FLOOR: return "four-on-floor";
    }
  return "?";
}

const char *
rsb_test_audio_extension (RsbTestAudioFormat format)
{
  switch (format)
    {
    case RSB_TEST_AUDIO_OGG: return "ogg";
    case RSB_TEST_AUDIO_FLAC: return "flac";
    case RSB_TEST_AUDIO_MP3: return "mp3";
    }
  return "?";
}

#define SONG(bpm, feel, seed) { bpm, RSB_TEST_FEEL_##feel, 40, (seed) % 3, seed, NULL, NULL, NULL, NULL, 0 }

static const RsbTestSong tempo_set[] = {
  SONG (62, STRAIGHT, 1), SONG (75, STRAIGHT, 2), SONG (88, STRAIGHT, 3), SONG (96, STRAIGHT, 4),
  SONG (104, STRAIGHT, 5), SONG (118, STRAIGHT, 6), SONG (126, STRAIGHT, 7), SONG (133, STRAIGHT, 8),
  SONG (150, STRAIGHT, 9), SONG (165, STRAIGHT, 10), SONG (182, STRAIGHT, 11),
  SONG (68, SWING, 12), SONG (92, SWING, 13), SONG (110, SWING, 14), SONG (138, SWING, 15),
  SONG (160, SWING, 16),
  SONG (128, HALF_TIME, 17), SONG (140, HALF_TIME, 18), SONG (160, HALF_TIME, 19),
  SONG (172, DRUM_AND_BASS, 20), SONG (174, DRUM_AND_BASS, 21), SONG (178, DRUM_AND_BASS, 22),
  SONG (120, FOUR_ON_FLOOR, 23), SONG (124, FOUR_ON_FLOOR, 24), SONG (128, FOUR_ON_FLOOR, 25),
  SONG (136, FOUR_ON_FLOOR, 26), SONG (100, FOUR_ON_FLOOR, 27), SONG (188, FOUR_ON_FLOOR, 28),
};

const RsbTestSong *
rsb_test_audio_tempo_set (guint *n_songs)
{
  *n_songs = G_N_ELEMENTS (tempo_set);
  return tempo_set;
}

/* One drum or bass note from sample `at` on, added into the mix. */
static void
add_voice (Mix   *mix,
           Voice  voice,
           gssize at,
           double level,
           double freq)
{
  double length_s = voice == KICK ? 0.4 : voice == BASS ? 0.45 : voice == OPEN_HAT ? 0.2 : 0.25;
  gsize len = (gsize) (length_s * mix->rate);
  double phase = 0, prev_noise = 0;

  for (gsize i = 0; i < len; i++)
    {
      gssize pos = at + (gssize) i;
      double t = (double) i / mix->rate;
      double noise = g_rand_double_range (mix->rand, -1, 1);
      double v = 0;

      switch (voice)
        {
        case KICK:     /* a sine falling from ~150 to 50 Hz */
          phase += 2 * G_PI * (50 + 100 * exp (-t / 0.03)) / mix->rate;
          v = sin (phase) * exp (-t / 0.15) + 0.3 * noise * exp (-t / 0.003);   /* and its click */
          break;
        case SNARE:    /* noise over a short tone */
          v = 0.7 * noise * exp (-t / 0.07) + 0.5 * sin (2 * G_PI * 190 * t) * exp (-t / 0.05);
          break;
        case HAT:      /* high-passed noise, closed or open */
        case OPEN_HAT:
          v = (noise - prev_noise) * 0.5 * exp (-t / (voice == HAT ? 0.025 : 0.09));
          break;
        case BASS:     /* a plucked low note with its octave */
          v = (sin (2 * G_PI * freq * t) + 0.4 * sin (4 * G_PI * freq * t))
              * MIN (1.0, t / 0.005) * exp (-t / 0.25);
          break;
        }
      prev_noise = noise;
      if (pos >= 0 && (gsize) pos < mix->n)
        mix->pcm[pos] += (float) (level * v);
    }
}

/* A slow chord over one bar: swells in and fades out, few onsets. */
static void
add_pad (Mix   *mix,
         gsize  from,
         gsize  len,
         double root)
{
  static const double ratios[] = { 2.0, 2.5198, 2.9966 };   /* a minor triad an octave up */

  for (gsize i = 0; i < len && from + i < mix->n; i++)
    {
      double t = (double) i / mix->rate;
      double rest = (double) (len - i) / mix->rate;
      double env = MIN (1.0, t / 0.3) * MIN (1.0, rest / 0.1);
      double v = 0;

      for (guint k = 0; k < G_N_ELEMENTS (ratios); k++)
        v += sin (2 * G_PI * root * ratios[k] * (1 + 0.002 * k) * t);
      mix->pcm[from + i] += (float) (0.05 * env * v);
    }
}

/* Which voices play on a sixteenth step of a bar, and how loud. */
static void
step_hits (RsbTestFeel feel,
           guint       bar,
           guint       step,
           double      levels[BASS + 1])
{
  gboolean eighth = step % 2 == 0, beat = step % 4 == 0;

  memset (levels, 0, sizeof (double) * (BASS + 1));
  switch (feel)
    {
    case RSB_TEST_FEEL_STRAIGHT:
    case RSB_TEST_FEEL_SWING:
      levels[KICK] = (step == 0 || step == 8 || (bar % 2 == 1 && step == 10)) ? 0.9 : 0;
      levels[SNARE] = (step == 4 || step == 12) ? 0.6 : 0;
      levels[HAT] = eighth ? (beat ? 0.3 : 0.22) : 0;
      levels[BASS] = (step == 0 || step == 6 || step == 8 || step == 14) ? 0.35 : 0;
      break;
    case RSB_TEST_FEEL_HALF_TIME:
      levels[KICK] = step == 0 || (bar % 2 == 1 && step == 14) ? 0.9 : 0;
      levels[SNARE] = step == 8 ? 0.7 : 0;
      levels[HAT] = eighth ? (beat ? 0.3 : 0.22) : 0;
      levels[BASS] = (step == 0 || step == 14) ? 0.35 : 0;
      break;
    case RSB_TEST_FEEL_DRUM_AND_BASS:
      levels[KICK] = (step == 0 || step == 10) ? 0.9 : 0;
      levels[SNARE] = (step == 4 || step == 12) ? 0.7 : (step == 7 ? 0.15 : 0);
      levels[HAT] = eighth ? 0.25 : (step == 15 ? 0.1 : 0);
      levels[BASS] = (step == 0 || step == 10) ? 0.4 : 0;
      break;
    case RSB_TEST_FEEL_FOUR_ON_FLOOR:
      levels[KICK] = beat ? 0.9 : 0;
      levels[SNARE] = (step == 4 || step == 12) ? 0.45 : 0;
      levels[OPEN_HAT] = step % 4 == 2 ? 0.3 : 0;
      levels[HAT] = step % 2 == 1 ? 0.1 : 0;
      levels[BASS] = step % 4 == 2 ? 0.35 : 0;
      break;
    }
}

/* Seconds from the start of the bar to a step; swing delays every
 * off-beat eighth to two thirds of its beat. */
static double
step_offset (RsbTestFeel feel,
             double      beat_s,
             guint       step)
{
  double t = step * beat_s / 4;

  if (feel == RSB_TEST_FEEL_SWING && step % 4 == 2)
    t += beat_s * (2.0 / 3.0 - 0.5);
  return t;
}

float *
rsb_test_audio_render (const RsbTestSong *song,
                       guint              rate,
                       gsize             *n_samples)
{
  static const int progression[] = { 0, 5, 7, 3 };       /* semitones over A1 */
  double beat_s = 60.0 / song->bpm, bar_s = 4 * beat_s;
  Mix mix = { NULL, (gsize) (song->seconds * rate), rate, g_rand_new_with_seed (song->seed) };
  guint n_bars = (guint) ceil (song->seconds / bar_s);
  float peak = 0;

  mix.pcm = g_new0 (float, mix.n + 1);
  for (guint bar = 0; bar < n_bars; bar++)
    {
      double bar_start = bar * bar_s;
      double root = 55.0 * pow (2, progression[(bar / 2) % 4] / 12.0);

      add_pad (&mix, (gsize) (bar_start * rate), (gsize) (bar_s * rate), root);
      for (guint step = 0; step < STEPS_PER_BAR; step++)
        {
          double levels[BASS + 1];

          step_hits (song->feel, bar, step, levels);
          for (Voice v = KICK; v <= BASS; v++)
            {
              /* A drummer's few milliseconds and a varying touch. */
              double jitter = g_rand_double_range (mix.rand, -0.004, 0.004);
              double touch = g_rand_double_range (mix.rand, 0.85, 1.0);
              double at = bar_start + step_offset (song->feel, beat_s, step) + jitter;

              if (levels[v] > 0)
                add_voice (&mix, v, (gssize) floor (at * rate), levels[v] * touch, root);
            }
        }
    }
  for (gsize i = 0; i < mix.n; i++)
    peak = MAX (peak, fabsf (mix.pcm[i]));
  for (gsize i = 0; peak > 0 && i < mix.n; i++)
    mix.pcm[i] *= 0.9f / peak;
  g_rand_free (mix.rand);
  *n_samples = mix.n;
  return mix.pcm;
}

static const char *
pipeline_for (RsbTestAudioFormat format)
{
  switch (format)
    {
    case RSB_TEST_AUDIO_OGG:
      return "appsrc name=src format=time ! audioconvert ! vorbisenc quality=0.3 ! oggmux ! filesink name=sink";
    case RSB_TEST_AUDIO_FLAC:
      return "appsrc name=src format=time ! audioconvert ! flacenc ! filesink name=sink";
    case RSB_TEST_AUDIO_MP3:
      /* The Xing header gives readers the exact length: without it they
       * estimate it from the frames read so far, which varies with load. */
      return "appsrc name=src format=time ! audioconvert ! lamemp3enc target=bitrate bitrate=128 ! xingmux"
             " ! filesink name=sink";
    }
  return NULL;
}

static GstTagList *
song_tags (const RsbTestSong *song)
{
  GstTagList *tags = gst_tag_list_new_empty ();

  if (song->title)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_TITLE, song->title, NULL);
  if (song->artist)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_ARTIST, song->artist, NULL);
  if (song->album)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_ALBUM, song->album, NULL);
  if (song->isrc)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_ISRC, song->isrc, NULL);
  if (song->tag_bpm > 0)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_BEATS_PER_MINUTE, song->tag_bpm, NULL);
  return tags;
}

/* Every element that writes tags (the encoder or the ID3 muxer) gets them. */
static void
set_tags (GstElement        *pipeline,
          const RsbTestSong *song)
{
  g_autoptr(GstTagList) tags = song_tags (song);
  GstIterator *it = gst_bin_iterate_all_by_interface (GST_BIN (pipeline), GST_TYPE_TAG_SETTER);
  GValue item = G_VALUE_INIT;

  while (gst_iterator_next (it, &item) == GST_ITERATOR_OK)
    {
      GstTagSetter *setter = GST_TAG_SETTER (g_value_get_object (&item));

      gst_tag_setter_merge_tags (setter, tags, GST_TAG_MERGE_REPLACE);
      g_value_reset (&item);
    }
  g_value_unset (&item);
  gst_iterator_free (it);
}

static void
push_pcm (GstElement  *src,
          const float *pcm,
          gsize        n)
{
  const gsize chunk = 8192;

  for (gsize from = 0; from < n; from += chunk)
    {
      gsize len = MIN (chunk, n - from);
      GstBuffer *buf = gst_buffer_new_memdup (pcm + from, len * sizeof (float));

      GST_BUFFER_PTS (buf) = gst_util_uint64_scale (from, GST_SECOND, WRITE_RATE);
      GST_BUFFER_DURATION (buf) = gst_util_uint64_scale (len, GST_SECOND, WRITE_RATE);
      gst_app_src_push_buffer (GST_APP_SRC (src), buf);
    }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
}

static void
put_syncsafe (GByteArray *out,
              guint32     size)
{
  guint8 bytes[4] = { (size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f };

  g_byte_array_append (out, bytes, 4);
}

static void
put_text_frame (GByteArray *out,
                const char *id,
                const char *text)
{
  static const guint8 flags[2] = { 0, 0 }, utf8 = 3;

  if (text == NULL)
    return;
  g_byte_array_append (out, (const guint8 *) id, 4);
  put_syncsafe (out, 1 + strlen (text));
  g_byte_array_append (out, flags, 2);
  g_byte_array_append (out, &utf8, 1);
  g_byte_array_append (out, (const guint8 *) text, strlen (text));
}

/* An ID3v2.4 tag written by hand: GStreamer's ID3 muxers leave the
 * ISRC (TSRC) out, and the music scan reads it. */
static GByteArray *
id3v2_tag (const RsbTestSong *song)
{
  GByteArray *frames = g_byte_array_new ();
  GByteArray *tag = g_byte_array_new ();
  g_autofree char *bpm = song->tag_bpm > 0 ? g_strdup_printf ("%.0f", song->tag_bpm) : NULL;
  static const guint8 header[6] = { 'I', 'D', '3', 4, 0, 0 };

  put_text_frame (frames, "TIT2", song->title);
  put_text_frame (frames, "TPE1", song->artist);
  put_text_frame (frames, "TALB", song->album);
  put_text_frame (frames, "TSRC", song->isrc);
  put_text_frame (frames, "TBPM", bpm);
  g_byte_array_append (tag, header, sizeof header);
  put_syncsafe (tag, frames->len);
  g_byte_array_append (tag, frames->data, frames->len);
  g_byte_array_unref (frames);
  return tag;
}

static gboolean
has_tags (const RsbTestSong *song)
{
  return song->title || song->artist || song->album || song->isrc || song->tag_bpm > 0;
}

static gboolean
prepend_id3v2 (const char        *path,
               const RsbTestSong *song,
               GError           **error)
{
  g_autofree char *audio = NULL;
  gsize len;
  GByteArray *tag;
  gboolean ok;

  if (!g_file_get_contents (path, &audio, &len, error))
    return FALSE;
  tag = id3v2_tag (song);
  g_byte_array_append (tag, (const guint8 *) audio, len);
  ok = g_file_set_contents (path, (const char *) tag->data, tag->len, error);
  g_byte_array_unref (tag);
  return ok;
}

gboolean
rsb_test_audio_write (const char        *path,
                      const RsbTestSong *song,
                      GError           **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) msg = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autofree float *pcm = NULL;
  gsize n = 0;
  gboolean ok;

  if (!gst_init_check (NULL, NULL, error))
    return FALSE;
  pipeline = gst_parse_launch (pipeline_for (song->format), error);
  if (pipeline == NULL)
    return FALSE;
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "F32LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, WRITE_RATE, "channels", G_TYPE_INT, 1, NULL);
  g_object_set (src, "caps", caps, "max-bytes", (guint64) 0, NULL);
  g_object_set (sink, "location", path, NULL);
  set_tags (pipeline, song);

  pcm = rsb_test_audio_render (song, WRITE_RATE, &n);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  push_pcm (src, pcm, n);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  ok = msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
  if (!ok && msg != NULL)
    gst_message_parse_error (msg, error, NULL);
  else if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "encoding %s took over two minutes", path);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (ok && song->format == RSB_TEST_AUDIO_MP3 && has_tags (song))
    ok = prepend_id3v2 (path, song, error);
  return ok;
}
