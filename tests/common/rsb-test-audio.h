/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-audio.h: songs synthesised at a known tempo (drums, bass and
 * a pad), as PCM in memory or encoded to Ogg Vorbis, FLAC or MP3 with
 * optional tags, for the tempo and music-scan tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RSB_TEST_FEEL_STRAIGHT,        /* kick 1 & 3, snare 2 & 4, hats on eighths */
  RSB_TEST_FEEL_SWING,           /* the same with swung eighths (2:1) */
  RSB_TEST_FEEL_HALF_TIME,       /* kick on 1, snare on 3; hats keep the tempo */
  RSB_TEST_FEEL_DRUM_AND_BASS,   /* kick 1 & 3-and, snare 2 & 4, eighth hats, ghosts */
  RSB_TEST_FEEL_FOUR_ON_FLOOR,   /* kick every beat, off-beat open hats */
} RsbTestFeel;

typedef enum {
  RSB_TEST_AUDIO_OGG,            /* Ogg Vorbis */
  RSB_TEST_AUDIO_FLAC,
  RSB_TEST_AUDIO_MP3,            /* with an ID3v2 tag when tags are set */
} RsbTestAudioFormat;

typedef struct {
  double              bpm;       /* the true tempo */
  RsbTestFeel         feel;
  double              seconds;   /* length of the song */
  RsbTestAudioFormat  format;    /* for rsb_test_audio_write */
  guint32             seed;      /* humanising jitter, levels, notes */
  /* Optional tags (NULL / 0: none). */
  const char         *title;
  const char         *artist;
  const char         *album;
  const char         *isrc;
  double              tag_bpm;
} RsbTestSong;

/* "straight", "swing", "half-time", "drum-and-bass", "four-on-floor". */
const char *rsb_test_feel_name      (RsbTestFeel          feel);
/* "ogg", "flac", "mp3": also the file name extension. */
const char *rsb_test_audio_extension (RsbTestAudioFormat  format);

/* The accuracy set shared by the tempo tests and benchmark: songs
 * across 60..190 BPM in every feel, 40 s each, formats varying. */
const RsbTestSong *rsb_test_audio_tempo_set (guint *n_songs);

/* The song as mono float PCM (-1..1) at rate Hz; free with g_free. */
float      *rsb_test_audio_render   (const RsbTestSong   *song,
                                     guint                rate,
                                     gsize               *n_samples);

/* Renders the song at 44.1 kHz and encodes it to path through
 * GStreamer (appsrc ! audioconvert ! encoder [! oggmux] ! filesink),
 * tags set on the encoder (Vorbis comments), or for MP3 an ID3v2.4 tag
 * written ahead of the frames (TIT2, TPE1, TALB, TSRC, TBPM). Calls
 * gst_init itself. */
gboolean    rsb_test_audio_write    (const char          *path,
                                     const RsbTestSong   *song,
                                     GError             **error);

G_END_DECLS
