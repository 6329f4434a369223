/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RSB_TYPE_CHECKSUM_STREAM (rsb_checksum_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsbChecksumStream, rsb_checksum_stream, RSB, CHECKSUM_STREAM, GFilterInputStream)

GInputStream *rsb_checksum_stream_new        (GInputStream      *base);
const char   *rsb_checksum_stream_get_digest (RsbChecksumStream *self);

G_END_DECLS
