/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-audio-tags.h: the tags of one music file, read with GStreamer's
 * GstDiscoverer. Files are only ever read. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char   *title;
  char   *artists;      /* every artist tag, ", "-joined */
  char   *album;
  char   *isrc;         /* as tagged: ID3 TSRC, Vorbis ISRC */
  gint64  duration_ms;  /* 0: unknown */
  double  bpm;          /* ID3 TBPM, Vorbis BPM, MP4 tmpo; 0: none */
} RsbAudioTags;

void rsb_audio_tags_clear (RsbAudioTags *tags);

/* GStreamer, initialised once for the process; FALSE (and why) when it
 * cannot be. Safe from any thread. */
gboolean rsb_audio_init (GError **error);

/* Owns one GstDiscoverer: use one reader per thread. */
typedef struct _RsbAudioTagReader RsbAudioTagReader;

/* A file taking longer than this to discover is given up. */
#define RSB_AUDIO_TAG_TIMEOUT_S 5

RsbAudioTagReader *rsb_audio_tag_reader_new  (GError            **error);
void               rsb_audio_tag_reader_free (RsbAudioTagReader  *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsbAudioTagReader, rsb_audio_tag_reader_free)

/* Fills tags from the file at path; FALSE with an error naming the
 * file and the reason (not audio, no decoder, timed out…). */
gboolean           rsb_audio_tag_reader_read (RsbAudioTagReader  *reader,
                                              const char         *path,
                                              RsbAudioTags       *tags,
                                              GError            **error);

G_END_DECLS
