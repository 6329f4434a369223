/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-audio-tempo.c: decodes (the middle of) a music file to mono PCM
 * at the estimator's rate and estimates its tempo. Each call has its
 * own pipeline and polls its bus, so worker threads need no main loop. */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>

#include "rsb-audio-tempo.h"
#include "rsb-import-error.h"

#define POLL_MS         50
#define STALL_SECONDS   60     /* a local file that decodes no further in this long is broken */

typedef struct {
  const char  *name;           /* for people, in errors */
  GstElement  *pipeline;
  GstElement  *convert;
  GstElement  *sink;
  gint         audio_linked;   /* atomic: decodebin's pads come on its threads */
  gint         no_audio;
} Decoder;

static gboolean
init_gstreamer (GError **error)
{
  static gsize once = 0;
  static GError *init_error = NULL;

  if (g_once_init_enter (&once))
    {
      gst_init_check (NULL, NULL, &init_error);
      g_once_init_leave (&once, 1);
    }
  if (init_error != NULL)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("GStreamer could not start: %s"), init_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Links the first audio stream decodebin finds; others are left alone. */
static void
on_pad_added (GstElement *decodebin,
              GstPad     *pad,
              gpointer    user_data)
{
  Decoder *dec = user_data;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstPad) sinkpad = NULL;
  const char *media;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  media = gst_caps_get_size (caps) > 0 ? gst_structure_get_name (gst_caps_get_structure (caps, 0)) : "";
  if (!g_str_has_prefix (media, "audio/") || g_atomic_int_get (&dec->audio_linked))
    return;
  sinkpad = gst_element_get_static_pad (dec->convert, "sink");
  if (gst_pad_link (pad, sinkpad) == GST_PAD_LINK_OK)
    g_atomic_int_set (&dec->audio_linked, 1);
}

static void
on_no_more_pads (GstElement *decodebin,
                 gpointer    user_data)
{
  Decoder *dec = user_data;

  if (!g_atomic_int_get (&dec->audio_linked))
    g_atomic_int_set (&dec->no_audio, 1);
}

static gboolean
decoder_build (Decoder    *dec,
               const char *path,
               GError    **error)
{
  GstElement *src = gst_element_factory_make ("filesrc", NULL);
  GstElement *decode = gst_element_factory_make ("decodebin", NULL);
  GstElement *resample = gst_element_factory_make ("audioresample", NULL);
  GstElement *filter = gst_element_factory_make ("capsfilter", NULL);
  g_autoptr(GstCaps) caps = NULL;

  dec->convert = gst_element_factory_make ("audioconvert", NULL);
  dec->sink = gst_element_factory_make ("appsink", NULL);
  if (!src || !decode || !resample || !filter || !dec->convert || !dec->sink)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” could not be decoded: GStreamer’s base plugins are missing"), dec->name);
      g_clear_object (&src);
      g_clear_object (&decode);
      g_clear_object (&resample);
      g_clear_object (&filter);
      g_clear_object (&dec->convert);
      g_clear_object (&dec->sink);
      return FALSE;
    }
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "F32LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, RSB_TEMPO_ESTIMATE_RATE,
                              "channels", G_TYPE_INT, 1, NULL);
  g_object_set (src, "location", path, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (dec->sink, "sync", FALSE, NULL);
  dec->pipeline = gst_pipeline_new (NULL);
  gst_bin_add_many (GST_BIN (dec->pipeline), src, decode, dec->convert, resample, filter, dec->sink, NULL);
  gst_element_link (src, decode);
  gst_element_link_many (dec->convert, resample, filter, dec->sink, NULL);
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_pad_added), dec);
  g_signal_connect (decode, "no-more-pads", G_CALLBACK (on_no_more_pads), dec);
  return TRUE;
}

/* A GStreamer error message, said of the file. */
static void
set_gst_error (Decoder  *dec,
               GError   *gst_error,
               GError  **error)
{
  if (gst_error->domain == GST_STREAM_ERROR
      && (gst_error->code == GST_STREAM_ERROR_TYPE_NOT_FOUND
          || gst_error->code == GST_STREAM_ERROR_WRONG_TYPE
          || gst_error->code == GST_STREAM_ERROR_CODEC_NOT_FOUND))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                 _("“%s” is not audio that can be decoded: %s"), dec->name, gst_error->message);
  else if (gst_error->domain == GST_RESOURCE_ERROR)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” could not be read: %s"), dec->name, gst_error->message);
  else
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” could not be decoded: %s"), dec->name, gst_error->message);
}

/* FALSE with error when the pipeline failed, found no audio, or the
 * caller cancelled; TRUE while it may go on. */
static gboolean
decoder_check (Decoder      *dec,
               GstMessage   *msg,
               GCancellable *cancellable,
               GError      **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                   _("Estimating the tempo of “%s” was cancelled"), dec->name);
      return FALSE;
    }
  /* Before any error: a video-only file fails on its unlinked pads. */
  if (g_atomic_int_get (&dec->no_audio))
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                   _("“%s” has no audio stream"), dec->name);
      return FALSE;
    }
  if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (msg, &gst_error, NULL);
      set_gst_error (dec, gst_error, error);
      return FALSE;
    }
  return TRUE;
}

/* Waits for the pipeline to settle (preroll, or a seek) on the bus. */
static gboolean
decoder_wait_settled (Decoder      *dec,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (dec->pipeline);

  for (guint waited = 0; waited < STALL_SECONDS * 1000; waited += POLL_MS)
    {
      g_autoptr(GstMessage) msg =
        gst_bus_timed_pop_filtered (bus, POLL_MS * GST_MSECOND,
                                    GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR | GST_MESSAGE_EOS);

      if (!decoder_check (dec, msg, cancellable, error))
        return FALSE;
      if (msg != NULL)
        return TRUE;     /* settled, or at its end already */
    }
  g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
               _("“%s” could not be decoded: it stalled"), dec->name);
  return FALSE;
}

/* A long file is decoded from the start of its middle excerpt. */
static gboolean
decoder_seek_to_middle (Decoder      *dec,
                        GCancellable *cancellable,
                        GError      **error)
{
  gint64 duration = 0, excerpt = RSB_AUDIO_TEMPO_EXCERPT_SECONDS * GST_SECOND;

  if (!gst_element_query_duration (dec->pipeline, GST_FORMAT_TIME, &duration)
      || duration <= excerpt + 10 * GST_SECOND)
    return TRUE;
  if (!gst_element_seek_simple (dec->pipeline, GST_FORMAT_TIME,
                                GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT,
                                (duration - excerpt) / 2))
    return TRUE;     /* not seekable: decode from the start */
  return decoder_wait_settled (dec, cancellable, error);
}

static void
append_sample (GArray    *pcm,
               GstSample *sample,
               gsize      max_samples)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstMapInfo map;

  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;
  g_array_append_vals (pcm, map.data, MIN (map.size / sizeof (float), max_samples - pcm->len));
  gst_buffer_unmap (buffer, &map);
}

/* Mono PCM until the excerpt is full or the file ends. */
static GArray *
decoder_pull (Decoder      *dec,
              GCancellable *cancellable,
              GError      **error)
{
  gsize max_samples = (gsize) RSB_AUDIO_TEMPO_EXCERPT_SECONDS * RSB_TEMPO_ESTIMATE_RATE;
  g_autoptr(GArray) pcm = g_array_sized_new (FALSE, FALSE, sizeof (float), max_samples / 4);
  g_autoptr(GstBus) bus = gst_element_get_bus (dec->pipeline);
  guint idle_ms = 0;

  gst_element_set_state (dec->pipeline, GST_STATE_PLAYING);
  while (pcm->len < max_samples)
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (dec->sink), POLL_MS * GST_MSECOND);
      g_autoptr(GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (!decoder_check (dec, msg, cancellable, error))
        return NULL;
      if (sample != NULL)
        {
          append_sample (pcm, sample, max_samples);
          idle_ms = 0;
        }
      else if (gst_app_sink_is_eos (GST_APP_SINK (dec->sink)))
        break;
      else if ((idle_ms += POLL_MS) > STALL_SECONDS * 1000)
        {
          g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                       _("“%s” could not be decoded: it stalled"), dec->name);
          return NULL;
        }
    }
  return g_steal_pointer (&pcm);
}

/* Refuses what GStreamer would only fail on less clearly. */
static gboolean
check_file (const char *path,
            const char *name,
            GError    **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” could not be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is not a file"), name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                   _("“%s” is empty"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
rsb_audio_estimate_tempo (const char        *path,
                          GCancellable      *cancellable,
                          RsbTempoEstimate  *estimate,
                          GError           **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GArray) pcm = NULL;
  Decoder dec = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (estimate != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_name (path);
  dec.name = name;
  if (!check_file (path, name, error) || !init_gstreamer (error) || !decoder_build (&dec, path, error))
    return FALSE;

  gst_element_set_state (dec.pipeline, GST_STATE_PAUSED);
  ok = decoder_wait_settled (&dec, cancellable, error)
       && decoder_seek_to_middle (&dec, cancellable, error)
       && (pcm = decoder_pull (&dec, cancellable, error)) != NULL;
  gst_element_set_state (dec.pipeline, GST_STATE_NULL);
  gst_object_unref (dec.pipeline);
  if (!ok)
    return FALSE;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                   _("Estimating the tempo of “%s” was cancelled"), name);
      return FALSE;
    }
  if (pcm->len < RSB_TEMPO_ESTIMATE_MIN_SECONDS * RSB_TEMPO_ESTIMATE_RATE)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                   _("“%s” is too short to hear a tempo in"), name);
      return FALSE;
    }
  if (!rsb_tempo_estimate_pcm ((const float *) pcm->data, pcm->len, RSB_TEMPO_ESTIMATE_RATE, estimate))
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_NO_DATA,
                   _("“%s” has no beat to estimate a tempo from"), name);
      return FALSE;
    }
  return TRUE;
}
