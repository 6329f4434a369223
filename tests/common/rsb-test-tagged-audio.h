/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-test-tagged-audio.h: small audio files with tags, encoded by the
 * tests themselves with GStreamer (a click track at a known tempo). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RSB_TEST_AUDIO_OGG,
  RSB_TEST_AUDIO_FLAC,
  RSB_TEST_AUDIO_MP3,
} RsbTestAudioFormat;

typedef struct {
  const char *title;
  const char *artists[3];   /* NULL-terminated, up to two */
  const char *album;
  const char *isrc;
  double      bpm;          /* tag; 0: no BPM tag */
} RsbTestAudioTags;

/* Writes seconds of clicks at click_bpm to path, tagged with tags
 * (NULL: no tags); asserts on failure. */
void rsb_test_audio_write (const char             *path,
                           RsbTestAudioFormat      format,
                           const RsbTestAudioTags *tags,
                           double                  seconds,
                           double                  click_bpm);

/* An ID3v2.4 tag holding tags, to put before MPEG audio. */
GBytes *rsb_test_audio_id3 (const RsbTestAudioTags *tags);

G_END_DECLS
